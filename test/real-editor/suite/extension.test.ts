// Baseline real-editor tests for the project's extension, run inside a real VS Code extension host
// (phase A of test/real-editor/run.mjs). Feature tests for diagnostics, commands, etc. go in further
// *.test.ts files next to this one; index.ts loads them all.
import * as assert from 'assert';
import * as vscode from 'vscode';

const EXTENSION_ID = 'ai-lockin-audit.ai-lockin-audit';

suite('AI Lock-in Audit in a real VS Code', () => {
  test('runs in a real VS Code extension host with the fixture workspace open', () => {
    console.log(`vscode ${vscode.version}, ${vscode.env.appName}, node ${process.version}`);
    const folders = vscode.workspace.workspaceFolders ?? [];
    assert.strictEqual(folders.length, 1, 'exactly one workspace folder');
    assert.strictEqual(folders[0].name, 'workspace', `fixture folder expected, got ${folders[0].uri.toString()}`);
  });

  test('the fixture files are visible to the editor', async () => {
    const found = await vscode.workspace.findFiles('**/*.tf');
    const names = found.map((u) => u.path.split('/').pop()).sort();
    assert.deepStrictEqual(names, ['clean.tf', 'main.tf']);
  });

  test('the extension under development is loaded', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not known to VS Code`);
    assert.strictEqual(ext.packageJSON.name, 'ai-lockin-audit');
  });

  test('the extension activates without throwing', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not known to VS Code`);
    await ext.activate();
    assert.ok(ext.isActive, 'extension did not become active');
  });
});
