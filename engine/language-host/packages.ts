/**
 * The resource plugins a Node.js program needs: every installed package whose package.json
 * declares `"pulumi": { "resource": true }`, at the version it names (or its own), as the Go
 * language host's `GetRequiredPackages` reports them. The engine installs or finds each one before
 * the program runs.
 */
import * as fs from "fs";
import * as path from "path";

export interface RequiredPackage {
    readonly name: string;
    readonly version: string;
    readonly server: string;
}

interface PulumiSection {
    readonly resource?: boolean;
    readonly name?: string;
    readonly version?: string;
    readonly server?: string;
}

/** The resource packages installed in the `node_modules` nearest `programDirectory`. */
export function requiredPackages(programDirectory: string): RequiredPackage[] {
    const modules = nearestNodeModules(programDirectory);
    if (modules === undefined) return [];
    const found = new Map<string, RequiredPackage>();
    for (const dir of packageDirectories(modules)) {
        const manifest = readManifest(path.join(dir, "package.json"));
        const section = manifest?.pulumi as PulumiSection | undefined;
        if (manifest === undefined || section?.resource !== true) continue;
        const name = section.name ?? String(manifest.name).replace(/^@pulumi\//, "");
        const version = section.version ?? String(manifest.version);
        found.set(`${name}@${version}`, { name, version, server: section.server ?? "" });
    }
    return [...found.values()].sort((a, b) => a.name.localeCompare(b.name));
}

function nearestNodeModules(start: string): string | undefined {
    for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
        const candidate = path.join(dir, "node_modules");
        if (fs.existsSync(candidate)) return candidate;
        if (path.dirname(dir) === dir) return undefined;
    }
}

function packageDirectories(modules: string): string[] {
    const dirs: string[] = [];
    for (const entry of fs.readdirSync(modules)) {
        if (entry.startsWith(".")) continue;
        const full = path.join(modules, entry);
        if (entry.startsWith("@")) {
            for (const scoped of fs.readdirSync(full)) dirs.push(path.join(full, scoped));
        } else {
            dirs.push(full);
        }
    }
    return dirs;
}

function readManifest(file: string): Record<string, unknown> | undefined {
    try {
        return JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>;
    } catch {
        return undefined;
    }
}
