import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { SITES } from "@clover/vocabulary";
import { CONFIG_KEYS, OFFLINE_SECRET } from "../config/schema";
import type { PlanTarget } from "./plan";
import {
    isSecure,
    projectProblems,
    qualifyKey,
    stackProblems,
    type StackFileContent,
} from "./project-rules";

/** A stack's config, resolved the way the CLI resolves it before starting the program. */
export interface StackConfigFile {
    readonly project: string;
    readonly stack: string;
    /** The stack config file this came from. */
    readonly file: string;
    /** Fully-qualified key to the string the engine hands the program (JSON for structured values). */
    readonly config: Record<string, string>;
    /** Keys whose values are secrets. */
    readonly secretKeys: string[];
    /**
     * Secrets the site requires that the stack file does not hold yet (operators set them once
     * with `pulumi config set --secret`, encrypted with the stack's own secrets provider): the
     * plan runs with a stand-in, as it does for every secret it cannot decrypt, and says so.
     */
    readonly unsetSecrets: string[];
}

/** Thrown for a stack or project file the plan cannot use; the CLI exits 2 on it. */
export class UsageError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "UsageError";
    }
}

interface ProjectFile {
    readonly name: string;
    readonly stackConfigDir?: string;
    readonly config?: Record<string, { readonly default?: unknown } | null>;
}

/** Reads `Pulumi.yaml` and applies the CLI's rules to it (plan/project-rules.ts). */
export function readProject(projectDir: string): ProjectFile {
    const file = path.join(projectDir, "Pulumi.yaml");
    const doc = parseYamlFile(file);
    const problems = projectProblems(doc);
    if (problems.length > 0)
        throw new UsageError(`${file} is not a valid Pulumi project:\n${bullets(problems)}`);
    return doc as ProjectFile;
}

function bullets(lines: readonly string[]): string {
    return lines.map((l) => `  - ${l}`).join("\n");
}

/** The stack names found in the project's `stackConfigDir`, sorted. */
export function listStacks(projectDir: string): string[] {
    const project = readProject(projectDir);
    const dir = path.join(projectDir, project.stackConfigDir ?? ".");
    return fs
        .readdirSync(dir)
        .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
        .filter((s): s is string => s !== undefined)
        .sort();
}

/** Reads a stack of the project in `projectDir` by name. */
export function readStack(projectDir: string, stack: string): StackConfigFile {
    const project = readProject(projectDir);
    const file = path.join(projectDir, project.stackConfigDir ?? ".", `Pulumi.${stack}.yaml`);
    if (!fs.existsSync(file)) {
        const known = listStacks(projectDir);
        throw new UsageError(
            `unknown stack "${stack}": no ${file}; the stacks are ${known.join(", ")}`,
        );
    }
    return readStackFile(file, project, stack, { projectProgram: true });
}

/**
 * Reads a stack config file. Project-level defaults from `Pulumi.yaml` are applied first, as the
 * CLI does. Structured values are JSON-encoded; `secure:` values are secrets, which the offline
 * plan cannot decrypt: they are handed to the program as `OFFLINE_SECRET` and marked secret.
 *
 * The CLI's stack rules (plan/project-rules.ts) always apply to the file's secrets settings; the
 * project's config declarations (required keys, types, secrets) apply when the program is the
 * project's own (`projectProgram`). Another program (`--program`, the corpus) runs as under a
 * `Pulumi.yaml` of its own that names it `main` and declares nothing, as the engine tests run it.
 */
export function readStackFile(
    file: string,
    project: ProjectFile,
    stack: string,
    options: { readonly projectProgram?: boolean } = {},
): StackConfigFile {
    if (!fs.existsSync(file)) throw new UsageError(`stack config file not found: ${file}`);
    const parsed = parseYamlFile(file) as
        (StackFileContent & { config?: Record<string, unknown> }) | null;
    const declarations = options.projectProgram === true ? (project.config ?? {}) : {};
    const problems = stackProblems(project.name, declarations, stack, {
        ...parsed,
        config: parsed?.config ?? {},
    });
    if (problems.length > 0)
        throw new UsageError(
            `${file} is not a stack file the Pulumi CLI accepts:\n${bullets(problems)}`,
        );
    const config: Record<string, string> = {};
    const secretKeys: string[] = [];
    for (const [key, declaration] of Object.entries(declarations)) {
        const fallback = declaration?.default;
        if (fallback !== undefined) config[qualifyKey(key, project.name)] = encode(fallback);
    }
    for (const [key, value] of Object.entries(parsed?.config ?? {})) {
        const qualified = qualifyKey(key, project.name);
        if (isSecure(value)) {
            config[qualified] = OFFLINE_SECRET;
            secretKeys.push(qualified);
        } else {
            config[qualified] = encode(value);
        }
    }
    const unsetSecrets = requiredSecrets(config["clover:site"]).filter((k) => !(k in config));
    for (const key of unsetSecrets) {
        config[key] = OFFLINE_SECRET;
        secretKeys.push(key);
    }
    return { project: project.name, stack, file, config, secretKeys, unsetSecrets };
}

/** The secret keys a site of this name requires, from the config module's key table. */
function requiredSecrets(site: string | undefined): string[] {
    const kind = site === undefined ? undefined : SITES[site as keyof typeof SITES]?.kind;
    if (kind === undefined) return [];
    return Object.entries(CONFIG_KEYS)
        .filter(([, spec]) => spec.secret === true && spec.required === true)
        .filter(([, spec]) => spec.sites.includes(kind))
        .map(([key]) => key);
}

function encode(value: unknown): string {
    return typeof value === "string" ? value : JSON.stringify(value);
}

function parseYamlFile(file: string): unknown {
    if (!fs.existsSync(file)) throw new UsageError(`file not found: ${file}`);
    try {
        return YAML.parse(fs.readFileSync(file, "utf8"));
    } catch (err) {
        throw new UsageError(`${file} is not valid YAML: ${(err as Error).message}`);
    }
}

/**
 * A stack of the project in `projectDir` as the plan runs it: the project's program (or another,
 * for a test) with that stack's config, from the project directory.
 */
export function projectTarget(
    projectDir: string,
    stack: string,
    program: string = path.join(projectDir, "index.ts"),
): PlanTarget {
    const file = readStack(projectDir, stack);
    return {
        stack,
        project: file.project,
        program,
        configFile: path.relative(projectDir, file.file),
        config: file.config,
        secretKeys: file.secretKeys,
        cwd: projectDir,
    };
}
