/**
 * The Pulumi CLI's own rules for `Pulumi.yaml` and a stack file, applied before the offline plan
 * runs a program, with the CLI's wording where it has one. Derived from pulumi/pulumi v3.276.0
 * (the version in .pulumi-version):
 * - `sdk/go/common/workspace/project.json` (the JSON Schema the CLI validates `Pulumi.yaml`
 *   against) and `project.go` (`ValidateProject`, `Project.Validate`);
 * - `pkg/workspace/config.go` (`mergeConfig`, `validateStackConfigValue`): a project key declared
 *   without `default` or `value` is required on every stack; a declared type and `secret` bind
 *   every stack's value.
 * The engine tests run the real CLI on the same files; `test/plan/project-rules.test.ts` checks
 * these rules against the CLI's schema where `../shared/upstream` holds a copy.
 */

/** The config types a project may declare (project.json, `simpleConfigType`). */
const CONFIG_TYPES = ["string", "integer", "boolean", "array", "object"] as const;
type ConfigType = (typeof CONFIG_TYPES)[number];

interface ItemsType {
    readonly type: ConfigType | ItemsType;
    readonly items?: ItemsType;
}

/** A declared project config key (project.json, `configTypeDeclaration`). */
export interface ConfigDeclaration {
    readonly type?: ConfigType;
    readonly items?: ItemsType;
    readonly description?: string;
    readonly secret?: boolean;
    readonly default?: unknown;
    readonly value?: unknown;
}

const DECLARATION_KEYS = new Set(["type", "items", "description", "secret", "default", "value"]);

/** The problems of a parsed `Pulumi.yaml`, each as the CLI words it where it has wording. */
export function projectProblems(doc: unknown): string[] {
    if (doc === null || typeof doc !== "object" || Array.isArray(doc))
        return ["Pulumi.yaml is not a YAML mapping"];
    const project = doc as Record<string, unknown>;
    const problems: string[] = [];
    if (!("name" in project)) return ["project is missing a 'name' attribute"];
    if (typeof project.name !== "string" || project.name === "")
        return ["project is missing a non-empty string 'name' attribute"];
    const runtime = project.runtime;
    const runtimeName =
        typeof runtime === "string"
            ? runtime
            : runtime !== null && typeof runtime === "object"
              ? (runtime as { name?: unknown }).name
              : undefined;
    if (typeof runtimeName !== "string" || runtimeName === "")
        problems.push("project is missing a 'runtime' attribute");
    if (runtime !== null && typeof runtime === "object") {
        const extra = Object.keys(runtime).filter((k) => k !== "name" && k !== "options");
        for (const k of extra)
            problems.push(
                `runtime: '${k}' not allowed; the allowed attributes are 'name' and 'options'`,
            );
    }
    for (const key of ["main", "stackConfigDir", "description"] as const) {
        const v = project[key];
        if (v !== undefined && v !== null && typeof v !== "string")
            problems.push(`${key}: expected string, but got ${typeName(v)}`);
    }
    const config = project.config;
    if (config !== undefined && config !== null) {
        if (typeof config !== "object" || Array.isArray(config)) {
            problems.push(`config: expected object, but got ${typeName(config)}`);
        } else {
            for (const [key, decl] of Object.entries(config as Record<string, unknown>))
                problems.push(...declarationProblems(project.name, key, decl));
        }
    }
    return problems;
}

function declarationProblems(projectName: string, key: string, decl: unknown): string[] {
    // A bare string, integer, boolean or array is a default value (project.json's oneOf).
    if (decl === null || typeof decl !== "object" || Array.isArray(decl)) {
        return decl === null || (typeof decl === "number" && !Number.isInteger(decl))
            ? [`config.${key}: expected a string, integer, boolean, array or type declaration`]
            : [];
    }
    const d = decl as Record<string, unknown>;
    const problems: string[] = [];
    for (const k of Object.keys(d).filter((k) => !DECLARATION_KEYS.has(k)))
        problems.push(
            `config.${key}: '${k}' not allowed; the allowed attributes are ${[...DECLARATION_KEYS]
                .map((a) => `'${a}'`)
                .join(", ")}`,
        );
    if (d.type !== undefined && !(CONFIG_TYPES as readonly unknown[]).includes(d.type))
        problems.push(
            `config.${key}.type: value must be one of ${CONFIG_TYPES.map((t) => `"${t}"`).join(", ")}`,
        );
    if (d.default !== undefined && d.value !== undefined)
        problems.push(`project config '${key}' cannot have both a 'default' and 'value' attribute`);
    const ownNamespace = !key.includes(":") || key.startsWith(`${projectName}:`);
    if (ownNamespace) {
        if (d.type === "array" && d.items === undefined)
            problems.push(
                `The configuration key '${key}' declares an array but does not specify the underlying type via the 'items' attribute`,
            );
        if (d.type !== undefined && d.default !== undefined && !valueMatches(d, d.default))
            problems.push(
                `The default value specified for configuration key '${key}' is not of the expected type '${fullTypeName(d)}'`,
            );
    } else {
        if (d.type !== undefined)
            problems.push(
                `Configuration key '${key}' is not namespaced by the project and should not define a type`,
            );
        if (d.default !== undefined)
            problems.push(
                `Configuration key '${key}' is not namespaced by the project and should not define a default value. Did you mean to use the 'value' attribute instead of 'default'?`,
            );
        if (d.value === undefined)
            problems.push(
                `Configuration key '${key}' is namespaced and must provide an attribute 'value'`,
            );
    }
    return problems;
}

/** A stack file as it is on disk: its config entries and its secrets settings. */
export interface StackFileContent {
    readonly config: Readonly<Record<string, unknown>>;
    readonly secretsprovider?: unknown;
    readonly encryptedkey?: unknown;
    readonly encryptionsalt?: unknown;
}

/**
 * The problems of a stack file against its project, as the CLI reports them before the program
 * runs: keys the project requires, declared types and secrets, and secure values that no secrets
 * setting of the file could decrypt or that are not ciphertext the CLI writes.
 */
export function stackProblems(
    projectName: string,
    declarations: Readonly<Record<string, unknown>>,
    stackName: string,
    file: StackFileContent,
): string[] {
    const problems: string[] = [];
    const values = new Map(
        Object.entries(file.config).map(([k, v]) => [qualifyKey(k, projectName), v]),
    );
    const missing: string[] = [];
    for (const [key, raw] of Object.entries(declarations).sort(([a], [b]) => a.localeCompare(b))) {
        const decl = (
            raw !== null && typeof raw === "object" && !Array.isArray(raw) ? raw : { default: raw }
        ) as ConfigDeclaration;
        const qualified = qualifyKey(key, projectName);
        const ownNamespace = qualified.startsWith(`${projectName}:`);
        if (!values.has(qualified)) {
            if (ownNamespace && decl.default === undefined && decl.value === undefined)
                missing.push(key);
            continue;
        }
        const value = values.get(qualified);
        if (decl.secret === true && !isSecure(value)) {
            problems.push(
                `Stack '${stackName}' with configuration key '${key}' must be encrypted as it's secret`,
            );
            continue;
        }
        // A secure value cannot be decrypted offline; its type is the CLI's to check.
        if (decl.type !== undefined && !isSecure(value) && !valueMatches(decl, value))
            problems.push(
                `Stack '${stackName}' with configuration key '${key}' must be of type '${fullTypeName(decl)}'`,
            );
    }
    if (missing.length > 0) problems.unshift(missingKeysMessage(stackName, missing));

    const secure = [...values.entries()].filter(([, v]) => isSecure(v));
    if (secure.length > 0) {
        const provider = file.secretsprovider;
        const passphrase = typeof file.encryptionsalt === "string";
        const kms = typeof provider === "string" && typeof file.encryptedkey === "string";
        if (typeof provider === "string" && !passphrase && typeof file.encryptedkey !== "string")
            problems.push(
                `secretsprovider ${provider} has no encryptedkey: the data key the CLI generates and writes with it is missing, so no secret of this stack can be decrypted. Fix: pulumi stack init ${stackName} --secrets-provider '${provider}' (or pulumi stack change-secrets-provider), then set each secret again with pulumi config set --secret`,
            );
        else if (!passphrase && !kms)
            problems.push(
                `${secure.map(([k]) => k).join(", ")} ${secure.length === 1 ? "is a secure value" : "are secure values"}, but the stack file has no secrets setting (encryptionsalt, or secretsprovider with encryptedkey) that could decrypt ${secure.length === 1 ? "it" : "them"}. Fix: pulumi stack init ${stackName} --secrets-provider <provider>, then pulumi config set --secret <key>`,
            );
        for (const [key, value] of secure) {
            const text = (value as { secure: unknown }).secure;
            if (typeof text !== "string" || !CIPHERTEXT.test(text))
                problems.push(
                    `${key}: secure value ${JSON.stringify(text)} is not ciphertext the CLI writes (v1:<nonce>:<ciphertext>, base64). Fix: pulumi config set --secret ${key} -s ${stackName}`,
                );
        }
    }
    return problems;
}

/** A config key with its namespace: a bare key is the project's (`site` is `clover:site`). */
export function qualifyKey(key: string, projectName: string): string {
    return key.includes(":") ? key : `${projectName}:${key}`;
}

/** A secret as Pulumi's symmetric crypter writes it (sdk/go/common/resource/config/crypt.go). */
const CIPHERTEXT = /^v1:[A-Za-z0-9+/]+={0,2}:[A-Za-z0-9+/]+={0,2}$/;

/** A stack file's `{ secure: <ciphertext> }` entry. */
export function isSecure(value: unknown): boolean {
    return (
        value !== null &&
        typeof value === "object" &&
        !Array.isArray(value) &&
        Object.keys(value).length === 1 &&
        "secure" in value
    );
}

/** pkg/workspace/config.go, `missingStackConfigurationKeysError`. */
function missingKeysMessage(stackName: string, keys: string[]): string {
    const sorted = [...keys].sort();
    const quoted = sorted.map((k) => `'${k}'`);
    const list =
        quoted.length === 1
            ? quoted[0]
            : `${quoted
                  .slice(0, -2)
                  .map((q) => `${q}, `)
                  .join("")}${quoted[quoted.length - 2]} and ${quoted[quoted.length - 1]}`;
    return `Stack '${stackName}' is missing configuration ${keys.length === 1 ? "value" : "values"} ${list}`;
}

/** sdk/go/common/workspace/project.go, `ValidateConfigValue`. */
function valueMatches(decl: ConfigDeclaration, value: unknown): boolean {
    return matches(decl.type ?? "string", decl.items, value);
}

function matches(
    type: ConfigType | ItemsType,
    items: ItemsType | undefined,
    value: unknown,
): boolean {
    if (typeof type === "object") return matches(type.type, type.items, value);
    switch (type) {
        case "string":
            return typeof value === "string";
        case "integer":
            return (
                (typeof value === "number" && Number.isInteger(value)) ||
                (typeof value === "string" && /^[+-]?\d+$/.test(value))
            );
        case "boolean":
            return typeof value === "boolean" || value === "true" || value === "false";
        case "object":
            return value !== null && typeof value === "object" && !Array.isArray(value);
        case "array":
            return (
                Array.isArray(value) &&
                (items === undefined || value.every((v) => matches(items.type, items.items, v)))
            );
    }
}

/** sdk/go/common/workspace/project.go, `InferFullTypeName`: `array<string>`. */
function fullTypeName(decl: { type?: ConfigType | ItemsType; items?: ItemsType }): string {
    const type = decl.type ?? "string";
    if (typeof type === "object") return fullTypeName(type);
    return type === "array" && decl.items ? `array<${fullTypeName(decl.items)}>` : type;
}

function typeName(v: unknown): string {
    return Array.isArray(v) ? "array" : v === null ? "null" : typeof v;
}
