// Loads TypeScript files in the offline plan (its CLI and its program processes) the way ts-node's
// transpile-only mode does (`ts.transpileModule`, one file at a time, no type check), with a
// content-addressed cache on disk shared by every program process of a plan and by later plans:
// the four stacks transpile the same ~40 files once, and a warm run does not load the compiler.
//
// Unlike ts-node it installs no source-map-support: the Pulumi SDK captures the whole stack of
// every resource it registers, and mapping each frame through source maps cost about 0.6 s of a
// 3 s program. Nothing in the plan reads those positions; the transpiled output keeps its source
// map in the cache beside it (`<hash>.js.map`) for whatever needs one.
//
// Plain CommonJS so that it can be preloaded (`node -r`) before anything can compile TypeScript.
"use strict";
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");

// Inside the checkout (node_modules/.cache, where build tools keep caches), never a shared
// temporary directory: code read from this cache runs in the plan, so only the checkout's owner
// may be able to write it.
const CACHE_DIR = path.join(__dirname, "..", "node_modules", ".cache", "clover-plan-typescript");
// The project's own compiler options (tsconfig.json, as ts-node read them), with module CommonJS
// as the plan's programs run (TS_NODE_COMPILER_OPTIONS did the same for ts-node) and a source map
// kept beside the output. transpileModule ignores what only a type check or an emit to disk uses.
const COMPILER_OPTIONS = {
    ...JSON.parse(fs.readFileSync(path.join(__dirname, "..", "tsconfig.json"), "utf8"))
        .compilerOptions,
    module: "commonjs",
    sourceMap: true,
    inlineSources: true,
};

let typescript;
let version;

function compilerVersion() {
    if (version === undefined) {
        // Read the version without loading the compiler (loading it is ~0.3 s).
        const manifest = require.resolve("typescript/package.json", {
            paths: [process.cwd(), __dirname],
        });
        version = JSON.parse(fs.readFileSync(manifest, "utf8")).version;
    }
    return version;
}

function transpile(source, filename) {
    const key = crypto
        .createHash("sha256")
        .update(`${compilerVersion()}\0${JSON.stringify(COMPILER_OPTIONS)}\0${filename}\0${source}`)
        .digest("hex");
    const file = path.join(CACHE_DIR, `${key}.js`);
    try {
        return fs.readFileSync(file, "utf8");
    } catch {
        // Not cached yet.
    }
    typescript ??= require(require.resolve("typescript", { paths: [process.cwd(), __dirname] }));
    const options = typescript.convertCompilerOptionsFromJson(
        COMPILER_OPTIONS,
        process.cwd(),
    ).options;
    const out = typescript.transpileModule(source, {
        fileName: filename,
        compilerOptions: options,
        reportDiagnostics: false,
    });
    fs.mkdirSync(CACHE_DIR, { recursive: true });
    // Write then rename, so that a concurrent program process never reads half a file.
    const tmp = `${file}.${process.pid}.tmp`;
    const code = out.outputText.replace(/\n\/\/# sourceMappingURL=.*$/, "");
    fs.writeFileSync(tmp, code);
    fs.renameSync(tmp, file);
    if (out.sourceMapText) fs.writeFileSync(`${file}.map`, out.sourceMapText);
    return code;
}

require.extensions[".ts"] = function loadTypeScript(module, filename) {
    module._compile(transpile(fs.readFileSync(filename, "utf8"), filename), filename);
};
