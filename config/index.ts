/**
 * The one place that reads stack config. It reads every key once, validates all of them, and hands
 * typed values to the components; components never read config or the environment.
 *
 * Keys are typed, defaulted and checked in `config/schema.ts`; `Pulumi.yaml` declares only
 * `clover:site`, the one key every stack must set. Their meaning is documented in the README's
 * "Configuration" section. Invalid config throws a {@link ConfigError} before any
 * resource is registered.
 */
import * as pulumi from "@pulumi/pulumi";
import * as sdkConfig from "@pulumi/pulumi/runtime/config";
import { validateStackConfig, type RawConfig, type StackConfig } from "./schema";

export { ConfigError, validateStackConfig, CONFIG_KEYS, OFFLINE_SECRET } from "./schema";
export type {
    AwsSiteConfig,
    EnclaveConfig,
    LegacySiteConfig,
    OnpremSiteConfig,
    RawConfig,
    StackConfig,
} from "./schema";
export { STORAGE_CLASS_NAMES, isPinnedImage } from "./kubernetes";
export type { StorageClassName } from "./kubernetes";

/**
 * Reads and validates the current stack's config. Throws {@link ConfigError} naming every bad key.
 */
export function loadStackConfig(): StackConfig {
    return validateStackConfig(readRawConfig(), pulumi.getStack(), {
        preview: pulumi.runtime.isDryRun(),
    });
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
 * The keys the engine marked secret. The SDK knows them (`isConfigSecret`, which it does not
 * export in its typings); the language host also hands them to the program in
 * `PULUMI_CONFIG_SECRET_KEYS`, which is the fallback.
 */
function secretKeys(): Set<string> {
    const sdk = sdkConfig as unknown as { isConfigSecret?: (key: string) => boolean };
    const keys = Object.keys(pulumi.runtime.allConfig());
    if (typeof sdk.isConfigSecret === "function")
        return new Set(keys.filter((k) => sdk.isConfigSecret!(k)));
    const encoded = process.env.PULUMI_CONFIG_SECRET_KEYS;
    const parsed: unknown = encoded ? JSON.parse(encoded) : [];
    return new Set(
        Array.isArray(parsed) ? parsed.filter((k): k is string => typeof k === "string") : [],
    );
}
