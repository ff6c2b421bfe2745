// Mocha entry that VS Code loads through extensionTestsPath (code-server via test/real-editor/run.mjs,
// or desktop VS Code via @vscode/test-electron in test/real-editor/electron.mjs).
// It must export run(): Promise<void>; a rejection makes the extension host exit with code 1.
// Loads every *.test.js next to this file (compiled from test/real-editor/suite/*.test.ts), mocha "tdd" UI
// (suite/test/suiteSetup/...). The tests import the real API with `import * as vscode from 'vscode'`.
//
// Environment (set through run.mjs --env KEY=VALUE, or the extensionTestsEnv of test-electron):
//   REAL_EDITOR_GREP           only run tests whose full title matches this regular expression
//   REAL_EDITOR_MOCHA_TIMEOUT  per-test timeout in ms (default 30000)
import * as fs from 'fs';
import * as path from 'path';

type MochaCtor = typeof import('mocha');

/** mocha 12 is an ES module wrapping a CommonJS build; require() it either way (Node with or without require(esm)). */
function loadMocha(): MochaCtor {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const m = require('mocha');
    return (m && m.default) || m;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_REQUIRE_ESM') {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      return require('mocha/lib/mocha.cjs');
    }
    throw e;
  }
}

export function run(): Promise<void> {
  const Mocha = loadMocha();
  const timeout = Number(process.env.REAL_EDITOR_MOCHA_TIMEOUT) || 30000;
  const mocha = new Mocha({ ui: 'tdd', color: false, reporter: 'spec', timeout });
  if (process.env.REAL_EDITOR_GREP) {
    mocha.grep(new RegExp(process.env.REAL_EDITOR_GREP));
  }
  const files = fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort();
  if (files.length === 0) {
    return Promise.reject(new Error(`no *.test.js files next to ${__filename}: compile the tests first (npx tsc -p .)`));
  }
  for (const f of files) {
    mocha.addFile(path.join(__dirname, f));
  }
  return new Promise<void>((resolve, reject) => {
    try {
      mocha.run((failures) => {
        if (failures > 0) {
          reject(new Error(`${failures} real-editor test(s) failed.`));
        } else {
          resolve();
        }
      });
    } catch (e) {
      reject(e);
    }
  });
}
