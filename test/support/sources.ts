import * as fs from "fs";
import * as path from "path";

/** The TypeScript sources under `dir`, without dependencies, build output or tests. */
export function typeScriptSources(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        const file = path.join(dir, e.name);
        if (e.isDirectory())
            return ["node_modules", "dist", "test"].includes(e.name) ? [] : typeScriptSources(file);
        return e.name.endsWith(".ts") ? [file] : [];
    });
}
