/**
 * `npm run plan`: the offline `pulumi preview --policy-pack` of every stack.
 *
 * Usage:
 *   npm run plan [-- options]
 *     --stack NAME          plan this stack of the project (repeatable; default: every stack in stacks/)
 *     --program FILE.ts     plan another Pulumi program ...
 *     --config FILE.yaml    ... with this stack config file (stack name from Pulumi.<name>.yaml)
 *     --policy-pack DIR     policy pack to run (repeatable; default: every pack in policy-packs/)
 *     --policy-pack-config FILE  policy config of the --policy-pack in the same position (repeatable;
 *                           one for every --policy-pack, as the Pulumi CLI requires); default: each
 *                           stack's policy-config/<stack>/<pack>.json, where the stack has one
 *     --mode preview|known  outputs unknown as in a first preview (default), or known as in state
 *     --today YYYY-MM-DD    judge waivers as of that day (tests and replays: the packs' clock is set
 *                           to it and every report says so); default: today
 *     --format table|json|markdown|sarif   (default: table)
 *     --out FILE            write the report there (the table is still printed)
 *     --report FORMAT=FILE  also write a report in FORMAT to FILE (repeatable), e.g. sarif=out/plan.sarif
 *     --timeout MINUTES     stop a program, a pack's start or one pack call that takes longer, and
 *                           fail (default: 10)
 *
 * Exit codes: 0 no mandatory violation; 1 a mandatory violation; 2 a usage or config error, a
 * program that fails, or a timeout; 130 or 143 on SIGINT or SIGTERM (every program and pack the
 * plan started is stopped first).
 */
import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import { runPlan, type PlanTarget } from "./plan";
import { renderJson } from "./report/json";
import { renderMarkdown } from "./report/markdown";
import { renderSarif } from "./report/sarif";
import { renderTable } from "./report/table";
import type { PlanReport } from "./report/model";
import { stopAll, stopOnSignals } from "./children";
import { listStacks, projectTarget, readProject, readStackFile, UsageError } from "./stacks";
import { isCalendarDate } from "@clover/residency-model";
import { ensurePackagesBuilt } from "./build";
import { committedPackConfig, pairPackConfigs } from "./policy-config";

const PROJECT_DIR = path.resolve(__dirname, "..");
const FORMATS = {
    table: renderTable,
    json: renderJson,
    markdown: renderMarkdown,
    sarif: renderSarif,
} as const;

export async function main(argv: string[]): Promise<number> {
    let args;
    try {
        args = parseArgs({
            args: argv,
            options: {
                stack: { type: "string", multiple: true },
                program: { type: "string" },
                config: { type: "string" },
                "policy-pack": { type: "string", multiple: true },
                "policy-pack-config": { type: "string", multiple: true },
                mode: { type: "string", default: "preview" },
                today: { type: "string" },
                format: { type: "string", default: "table" },
                out: { type: "string" },
                report: { type: "string", multiple: true },
                timeout: { type: "string", default: "10" },
                help: { type: "boolean" },
            },
            strict: true,
            allowPositionals: false,
        }).values;
    } catch (err) {
        return usage((err as Error).message);
    }
    if (args.help) {
        process.stdout.write(helpText());
        return 0;
    }
    if (!(args.format in FORMATS))
        return usage(
            `--format must be one of ${Object.keys(FORMATS).join(", ")}; got "${args.format}"`,
        );
    if (args.mode !== "preview" && args.mode !== "known")
        return usage(`--mode must be preview or known; got "${args.mode}"`);
    if (args.today !== undefined && !isCalendarDate(args.today))
        return usage(`--today must be a calendar date written YYYY-MM-DD; got "${args.today}"`);
    const timeoutMinutes = Number(args.timeout);
    if (!/^\d+(\.\d+)?$/.test(args.timeout) || !(timeoutMinutes > 0))
        return usage(
            `--timeout takes minutes, a positive number such as 10 or 0.5; got "${args.timeout}"`,
        );
    if ((args.program === undefined) !== (args.config === undefined))
        return usage("--program and --config go together");
    if (args.program && args.stack)
        return usage("--stack plans this project's stacks; use it or --program/--config, not both");
    const reports: [keyof typeof FORMATS, string][] = [];
    for (const spec of args.report ?? []) {
        const [format, file] = [
            spec.slice(0, spec.indexOf("=")),
            spec.slice(spec.indexOf("=") + 1),
        ];
        if (!spec.includes("=") || !(format in FORMATS) || file === "") {
            return usage(
                `--report takes FORMAT=FILE with FORMAT one of ${Object.keys(FORMATS).join(", ")}; got "${spec}"`,
            );
        }
        reports.push([format as keyof typeof FORMATS, file]);
    }
    if (args.out) reports.push([args.format as keyof typeof FORMATS, args.out]);

    let report: PlanReport;
    try {
        const targets = args.program
            ? [programTarget(args.program, args.config!)]
            : projectTargets(args.stack);
        const packs = (args["policy-pack"] ?? defaultPacks()).map((d) => {
            if (!fs.existsSync(path.join(d, "PulumiPolicy.yaml")))
                throw new UsageError(`${d} is not a policy pack (no PulumiPolicy.yaml)`);
            return d;
        });
        const given = args["policy-pack-config"] ?? [];
        pairPackConfigs(args["policy-pack"] ?? [], given);
        ensurePackagesBuilt(PROJECT_DIR, (line) => process.stderr.write(`${line}\n`));
        report = await runPlan({
            targets,
            packs,
            mode: args.mode,
            packConfig:
                given.length > 0
                    ? (_target, dir) => given[packs.indexOf(dir)]
                    : args.program
                      ? undefined
                      : committedPackConfig(PROJECT_DIR),
            today: args.today,
            log: (line) => process.stderr.write(`${line}\n`),
            timeoutMs: timeoutMinutes * 60_000,
        });
    } catch (err) {
        // Whatever failed, nothing the plan started keeps running.
        await stopAll();
        process.stderr.write(`error: ${(err as Error).message}\n`);
        return 2;
    }
    for (const [format, file] of reports) {
        fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
        fs.writeFileSync(file, FORMATS[format](report));
        process.stderr.write(`wrote ${format} report to ${file}\n`);
    }
    // With files written, the terminal gets the table; otherwise the chosen format.
    process.stdout.write(
        reports.length > 0
            ? renderTable(report)
            : FORMATS[args.format as keyof typeof FORMATS](report),
    );
    return report.verdict === "pass" ? 0 : 1;
}

function projectTargets(stacks: string[] | undefined): PlanTarget[] {
    const names = stacks && stacks.length > 0 ? stacks : listStacks(PROJECT_DIR);
    return names.map((name) => projectTarget(PROJECT_DIR, name));
}

/** Any Pulumi program with a stack config file; the project is the nearest Pulumi.yaml, if any. */
function programTarget(program: string, config: string): PlanTarget {
    const programPath = path.resolve(program);
    if (!fs.existsSync(programPath)) throw new UsageError(`program not found: ${program}`);
    if (!fs.existsSync(config)) throw new UsageError(`stack config file not found: ${config}`);
    const stack =
        /^Pulumi\.(.+)\.yaml$/.exec(path.basename(config))?.[1] ??
        path.basename(config).replace(/\.ya?ml$/, "");
    const projectDir = findProjectDir(path.dirname(programPath));
    const project = projectDir ? readProject(projectDir) : { name: "offline" };
    const file = readStackFile(path.resolve(config), project, stack);
    return {
        stack,
        project: file.project,
        program: programPath,
        configFile: path.relative(process.cwd(), path.resolve(config)),
        config: file.config,
        secretKeys: file.secretKeys,
        cwd: projectDir ?? path.dirname(programPath),
    };
}

function findProjectDir(start: string): string | undefined {
    for (let dir = start; ; dir = path.dirname(dir)) {
        if (fs.existsSync(path.join(dir, "Pulumi.yaml"))) return dir;
        if (path.dirname(dir) === dir) return undefined;
    }
}

function defaultPacks(): string[] {
    const root = path.join(PROJECT_DIR, "policy-packs");
    return fs
        .readdirSync(root)
        .map((d) => path.join(root, d))
        .filter((d) => fs.existsSync(path.join(d, "PulumiPolicy.yaml")))
        .sort();
}

function usage(problem: string): number {
    process.stderr.write(`error: ${problem}\n\n${helpText()}`);
    return 2;
}

function helpText(): string {
    const source = fs.readFileSync(__filename, "utf8");
    const block = /\/\*\*([\s\S]*?)\*\//.exec(source)?.[1] ?? "";
    return block.replace(/^ \* ?/gm, "").trim() + "\n";
}

if (require.main === module) {
    stopOnSignals();
    main(process.argv.slice(2)).then(
        (code) => process.exit(code),
        (err: unknown) => {
            process.stderr.write(`error: ${String((err as Error).stack ?? err)}\n`);
            process.exit(2);
        },
    );
}
