/**
 * The packs the plan starts run their compiled `dist/`, so a plan must never run code older than
 * the sources. `tsc -b tsconfig.packages.json` is the build; it costs most of a second even when
 * nothing changed, so the plan first compares file times itself and runs it only when a TypeScript
 * source or the tsconfig.json of a workspace project is newer than that project's build info.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

/** What the compiled output depends on: TypeScript sources and the project's tsconfig.json. */
const SOURCE = /(\.ts|^tsconfig\.json)$/;

function newestSource(dir: string): number {
    let newest = 0;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        if (entry.name === "node_modules" || entry.name === "dist" || entry.name.startsWith("."))
            continue;
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) newest = Math.max(newest, newestSource(file));
        else if (SOURCE.test(entry.name)) newest = Math.max(newest, fs.statSync(file).mtimeMs);
    }
    return newest;
}

/** The workspace projects `tsconfig.packages.json` builds, whose build info is older than a source. */
export function staleProjects(projectDir: string): string[] {
    const solution = JSON.parse(
        fs.readFileSync(path.join(projectDir, "tsconfig.packages.json"), "utf8"),
    ) as { references: { path: string }[] };
    return solution.references
        .map((r) => path.join(projectDir, r.path))
        .filter((dir) => {
            const info = path.join(dir, ".tsbuildinfo");
            return !fs.existsSync(info) || newestSource(dir) > fs.statSync(info).mtimeMs;
        });
}

/** Builds the workspace packages if any is stale; throws with the compiler's output if it fails. */
export function ensurePackagesBuilt(projectDir: string, log: (line: string) => void): void {
    const stale = staleProjects(projectDir);
    if (stale.length === 0) return;
    log(`compiling ${stale.map((d) => path.relative(projectDir, d)).join(", ")} (sources changed)`);
    const tsc = require.resolve("typescript/bin/tsc", { paths: [projectDir] });
    const run = spawnSync(process.execPath, [tsc, "-b", "tsconfig.packages.json"], {
        cwd: projectDir,
        encoding: "utf8",
    });
    if (run.status !== 0)
        throw new Error(`tsc -b tsconfig.packages.json failed:\n${run.stdout}${run.stderr}`);
}
