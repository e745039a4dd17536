/**
 * Each pack and shared package declares every package its code loads: an installed copy has only
 * its declared dependencies (and theirs), so a module found today through a transitive copy would
 * break the day that copy moves.
 */
import * as fs from "fs";
import * as path from "path";
import { builtinModules } from "module";
import { PROJECT_DIR } from "../support/harness";
import { typeScriptSources } from "../support/sources";

/** The packages a file imports or requires, by package name (`@scope/name` or `name`). */
function loaded(file: string): string[] {
    const text = fs.readFileSync(file, "utf8");
    const specifiers = [
        ...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+"([^"]+)"/g),
        ...text.matchAll(/require\("([^"]+)"\)/g),
    ].map((m) => m[1]);
    return specifiers
        .filter((s) => !s.startsWith(".") && !s.startsWith("node:") && !builtinModules.includes(s))
        .map((s) => (s.startsWith("@") ? s.split("/").slice(0, 2).join("/") : s.split("/")[0]));
}

describe.each([
    "policy-packs/data-residency",
    "policy-packs/enclave-security",
    "packages/residency-model",
    "packages/vocabulary",
])("%s", (dir) => {
    it("declares every package it loads, and reaches no file outside its folder", () => {
        const root = path.join(PROJECT_DIR, dir);
        const manifest = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
        const declared = new Set(
            Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies }),
        );
        const files = typeScriptSources(root);
        expect(files.length).toBeGreaterThan(0);
        const used = new Set(files.flatMap(loaded));
        expect([...used].filter((p) => !declared.has(p)).sort()).toEqual([]);
        const escaping = files.flatMap((f) =>
            [...fs.readFileSync(f, "utf8").matchAll(/from\s+"(\.[^"]+)"/g)]
                .map((m) => path.resolve(path.dirname(f), m[1]))
                .filter((target) => !target.startsWith(root + path.sep))
                .map(
                    (target) =>
                        `${path.relative(root, f)} -> ${path.relative(PROJECT_DIR, target)}`,
                ),
        );
        expect(escaping).toEqual([]);
    });
});
