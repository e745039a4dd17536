/**
 * Each pack as `pulumi policy publish` ships it and the CLI installs it: `npm pack` of the pack's
 * folder, unpacked where the CLI keeps installed packs
 * (`$PULUMI_HOME/policies/<org>/pulumi-analyzer-<name>-v<version>`), its dependencies installed
 * from packed tarballs only (a loopback registry, a fresh npm cache: no workspace link, no public
 * registry), compiled from that copy alone, started with `run-policy-pack`, and run over the
 * same stacks as the pack in this repository: the same violations.
 */
import { execFile, execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";
import { runPlan, type PlanTarget } from "../../plan/plan";
import { committedPackConfig } from "../../plan/policy-config";
import { projectTarget } from "../../plan/stacks";
import { corpusTargets } from "../support/corpus";
import { PROJECT_DIR } from "../support/harness";
import { LocalRegistry } from "../support/local-registry";

const FIRST_PARTY = ["packages/vocabulary", "packages/residency-model"];

function npmPack(dir: string, destination: string): string {
    const out = execFileSync("npm", ["pack", "--pack-destination", destination, "--json"], {
        cwd: dir,
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
    });
    const [{ filename }] = JSON.parse(out) as { filename: string }[];
    return path.join(destination, filename);
}

const stackTarget = (stack: string): PlanTarget => projectTarget(PROJECT_DIR, stack);

const violations = (report: Awaited<ReturnType<typeof runPlan>>) =>
    report.stacks.map((s) => [
        s.stack,
        s.violations.map((v) => [v.pack, v.policy, v.enforcementLevel, v.urn, v.message]),
    ]);

describe.each([
    [
        "data-residency",
        ["legacy"],
        ["provider-region", "replication-external", "k8s-ambient-kubeconfig"],
    ],
    ["enclave-security", ["dublin"], ["provider-region"]],
])("the %s pack as published and installed", (pack, stacks, evasions) => {
    const source = path.join(PROJECT_DIR, "policy-packs", pack);
    const work = fs.mkdtempSync(path.join(os.tmpdir(), `clover-publish-${pack}-`));
    const registry = LocalRegistry.create(path.join(work, "registry"));
    const manifest = JSON.parse(fs.readFileSync(path.join(source, "package.json"), "utf8"));
    const installed = path.join(
        work,
        "pulumi-home",
        "policies",
        "organization",
        `pulumi-analyzer-${pack}-v${manifest.version}`,
    );
    let tarball: string;

    beforeAll(async () => {
        const tarballs = path.join(work, "tarballs");
        fs.mkdirSync(tarballs);
        for (const dir of FIRST_PARTY)
            registry.addTarball(npmPack(path.join(PROJECT_DIR, dir), tarballs));
        tarball = npmPack(source, tarballs);
        registry.addInstalledClosure(
            [...Object.keys(manifest.dependencies), ...Object.keys(manifest.devDependencies)],
            source,
        );
        const url = await registry.start();
        fs.mkdirSync(installed, { recursive: true });
        execFileSync("tar", ["-xzf", tarball, "--strip-components=1", "-C", installed]);
        fs.writeFileSync(path.join(work, "npmrc"), "");
        // Asynchronously: the registry answers from this process's event loop.
        await promisify(execFile)(
            "npm",
            [
                "install",
                `--registry=${url}`,
                `--cache=${path.join(work, "npm-cache")}`,
                `--userconfig=${path.join(work, "npmrc")}`,
                "--no-audit",
                "--no-fund",
                "--ignore-scripts",
            ],
            { cwd: installed, maxBuffer: 64 * 1024 * 1024 },
        );
    }, 300_000);

    afterAll(async () => {
        await registry.stop();
        fs.rmSync(work, { recursive: true, force: true });
    });

    it("packs its compiled code, its sources and PulumiPolicy.yaml, and nothing of the repository", () => {
        const files = execFileSync("tar", ["-tzf", tarball], { encoding: "utf8" })
            .trim()
            .split("\n")
            .map((f) => f.replace(/^package\//, ""));
        expect(files).toEqual(
            expect.arrayContaining([
                "PulumiPolicy.yaml",
                "package.json",
                "dist/index.js",
                "index.ts",
                "tsconfig.json",
            ]),
        );
        expect(files.filter((f) => f.includes("..") || f.startsWith("node_modules/"))).toEqual([]);
        const packed = JSON.parse(fs.readFileSync(path.join(installed, "package.json"), "utf8"));
        expect(packed.main).toBe("dist/index.js");
        expect(packed.version).toMatch(/^\d+\.\d+\.\d+$/);
        // Every dependency is a version a registry resolves: no file:, link: or workspace: specifier.
        for (const spec of Object.values({ ...packed.dependencies, ...packed.devDependencies }))
            expect(spec).toMatch(/^[~^]?\d+\.\d+\.\d+$/);
    });

    it("installs the shared packages as real copies from the registry, not workspace links", () => {
        for (const name of ["@clover/residency-model", "@clover/vocabulary"]) {
            const dir = path.join(installed, "node_modules", name);
            expect(fs.lstatSync(dir).isSymbolicLink()).toBe(false);
            expect(fs.existsSync(path.join(dir, "dist", "index.js"))).toBe(true);
            expect(registry.requested).toContain(name);
        }
        expect(fs.realpathSync(installed).startsWith(fs.realpathSync(work))).toBe(true);
    });

    it("compiles from the installed copy alone", () => {
        const tsc = path.join(installed, "node_modules", "typescript", "bin", "tsc");
        execFileSync(
            process.execPath,
            [tsc, "-p", "tsconfig.json", "--outDir", path.join(work, "recompiled")],
            {
                cwd: installed,
                stdio: ["ignore", "pipe", "pipe"],
            },
        );
        expect(fs.existsSync(path.join(work, "recompiled", "index.js"))).toBe(true);
    }, 120_000);

    it("finds what the repository's pack finds, started with its own run-policy-pack", async () => {
        const targets = [
            ...stacks.map(stackTarget),
            ...corpusTargets("evasions").filter((t) => evasions.includes(t.stack)),
        ];
        expect(targets).toHaveLength(stacks.length + evasions.length);
        const run = (dir: string) =>
            runPlan({
                targets,
                packs: [dir],
                mode: "preview",
                packConfig: (target, packDir) =>
                    committedPackConfig(PROJECT_DIR)(
                        target,
                        path.basename(packDir) === path.basename(installed) ? source : packDir,
                    ),
                today: "2026-11-22",
            });
        const [fromRepository, fromInstall] = [await run(source), await run(installed)];
        expect(fromInstall.packs.map((p) => [p.name, p.version])).toEqual([
            [pack, manifest.version],
        ]);
        expect(violations(fromInstall)).toEqual(violations(fromRepository));
        expect(fromRepository.stacks.flatMap((s) => s.violations).length).toBeGreaterThan(0);
    }, 300_000);
});
