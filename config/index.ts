/**
 * The one place that reads stack config. It reads every key once, validates all of them, and hands
 * typed values to the components; components never read config or the environment.
 *
 * Keys are declared (with types and defaults) in `Pulumi.yaml`; their meaning is documented in
 * the README's "Configuration" section. Invalid config throws a {@link ConfigError} before any
 * resource is registered.
 */
import * as pulumi from "@pulumi/pulumi";
import { validateStackConfig, type RawConfig, type StackConfig } from "./schema";

export { ConfigError, validateStackConfig, CONFIG_KEYS } from "./schema";
export type { AwsSiteConfig, RawConfig, StackConfig } from "./schema";

/**
 * Reads and validates the current stack's config. Throws {@link ConfigError} naming every bad key.
 */
export function loadStackConfig(): StackConfig {
    return validateStackConfig(readRawConfig(), pulumi.getStack());
}

/**
 * Every config value of the stack as the engine hands it to the program: strings, with structured
 * values (numbers, booleans, lists) JSON-encoded.
 */
function readRawConfig(): RawConfig {
    const secret = secretKeys();
    const raw: RawConfig = {};
    for (const [key, value] of Object.entries(pulumi.runtime.allConfig())) {
        raw[key] = { value, secret: secret.has(key) };
    }
    return raw;
}

/**
 * The keys the engine marked secret. The language host hands them to the program in
 * `PULUMI_CONFIG_SECRET_KEYS` (and `pulumi.runtime.setAllConfig` does the same under mocks); the
 * SDK reads them from there too but does not export its reader.
 */
function secretKeys(): Set<string> {
    const encoded = process.env.PULUMI_CONFIG_SECRET_KEYS;
    if (!encoded) return new Set();
    const parsed: unknown = JSON.parse(encoded);
    return new Set(
        Array.isArray(parsed) ? parsed.filter((k): k is string => typeof k === "string") : [],
    );
}
