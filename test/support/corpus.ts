import * as fs from "fs";
import * as path from "path";
import type { PlanTarget } from "../../plan/plan";
import { readProject, readStackFile } from "../../plan/stacks";
import { PROJECT_DIR } from "./harness";

export const CORPUS_DIR = path.join(PROJECT_DIR, "test", "corpus");

/** The programs of a corpus folder as plan targets; a `<name>.yaml` beside one is its stack config. */
export function corpusTargets(folder: "evasions" | "compliant"): PlanTarget[] {
    const dir = path.join(CORPUS_DIR, folder);
    const project = readProject(PROJECT_DIR);
    return fs
        .readdirSync(dir)
        .filter((f) => f.endsWith(".ts"))
        .sort()
        .map((file) => {
            const name = file.replace(/\.ts$/, "");
            const own = path.join(dir, `${name}.yaml`);
            const configFile = fs.existsSync(own)
                ? own
                : path.join(CORPUS_DIR, "Pulumi.corpus.yaml");
            const stack = readStackFile(configFile, project, name);
            return {
                stack: name,
                project: stack.project,
                program: path.join(dir, file),
                configFile: path.relative(PROJECT_DIR, configFile),
                config: stack.config,
                secretKeys: stack.secretKeys,
                cwd: PROJECT_DIR,
            };
        });
}
