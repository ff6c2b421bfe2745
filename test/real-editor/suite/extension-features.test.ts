// Feature tests of the extension in a real VS Code extension host, against test/real-editor/workspace:
// live diagnostics, edits, suppression code actions, the workspace audit, hovers, settings, the
// report and export, config-based disabling, the rewrite refactoring and malformed input.
// Files a test creates live under tmp-real-editor/ in the workspace and are removed afterwards;
// the fixture files themselves are never modified on disk.
import * as assert from 'assert';
import * as vscode from 'vscode';

const EXTENSION_ID = 'ai-lockin-audit.ai-lockin-audit';
const SOURCE = 'ai-lockin-audit';

interface Api {
  whenIdle(): Promise<void>;
  findings(uri?: vscode.Uri): { ruleId: string; line: number; severity: string; suppressed: boolean }[];
  reportHtml(): string | undefined;
}

interface AuditOutcome {
  cancelled: boolean;
  roots: string[];
  summary?: { filesScanned: number; findings: number; suppressed: number; byProvider: Record<string, number>; byArtifact: Record<string, number> };
  errors: string[];
}

let api: Api;
const folder = () => vscode.workspace.workspaceFolders![0].uri;
const at = (...p: string[]) => vscode.Uri.joinPath(folder(), ...p);
const TMP = 'tmp-real-editor';

function sleep(ms: number) {
  return new Promise((r) => setTimeout(r, ms));
}

async function waitFor<T>(what: string, fn: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 15000): Promise<T> {
  const t0 = Date.now();
  for (;;) {
    const last = await fn();
    if (last) return last;
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

async function ruleIds(): Promise<Set<string>> {
  const ids = new Set<string>();
  const docs = await vscode.workspace.fs.readDirectory(vscode.Uri.joinPath(vscode.extensions.getExtension(EXTENSION_ID)!.extensionUri, 'docs', 'rules'));
  for (const [name] of docs) if (name.endsWith('.md') && name !== 'README.md') ids.add(name.slice(0, -3));
  return ids;
}

async function tempFile(name: string, text: string): Promise<vscode.Uri> {
  const uri = at(TMP, name);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  return uri;
}

async function open(uri: vscode.Uri): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(doc, { preview: false });
}

async function closeAll() {
  await vscode.commands.executeCommand('workbench.action.files.revert').then(undefined, () => undefined);
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

async function setSetting(key: string, value: unknown) {
  await vscode.workspace.getConfiguration('aiLockinAudit').update(key, value, vscode.ConfigurationTarget.Workspace);
}

suite('AI Lock-in Audit features in a real VS Code', () => {
  let hadVscodeFolder = false;

  suiteSetup(async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, 'extension present');
    api = (await ext.activate()) as Api;
    assert.ok(api && typeof api.whenIdle === 'function', 'activate() returns the test API');
    hadVscodeFolder = await vscode.workspace.fs.stat(at('.vscode')).then(
      () => true,
      () => false,
    );
    await vscode.workspace.fs.createDirectory(at(TMP));
  });

  teardown(async () => {
    await closeAll();
  });

  suiteTeardown(async () => {
    await closeAll();
    for (const k of ['severityOverrides', 'debounceMs', 'enable', 'maxFileSizeKb', 'exclude']) await setSetting(k, undefined);
    await vscode.workspace.fs.delete(at(TMP), { recursive: true, useTrash: false }).then(undefined, () => undefined);
    await vscode.workspace.fs.delete(at('.ai-lockin-audit.yaml'), { useTrash: false }).then(undefined, () => undefined);
    if (!hadVscodeFolder) await vscode.workspace.fs.delete(at('.vscode'), { recursive: true, useTrash: false }).then(undefined, () => undefined);
  });

  test('Terraform: problems with rule ids, lines, severities and docs links', async () => {
    const uri = at('infra', 'main.tf');
    await open(uri);
    const diags = await waitFor('main.tf diagnostics', () => (ours(uri).length >= 2 ? ours(uri) : undefined));
    const got = diags.map((d) => [codeOf(d), d.range.start.line, d.severity]).sort();
    assert.deepStrictEqual(got, [
      ['aws-bedrock-terraform', 9, vscode.DiagnosticSeverity.Warning],
      ['azure-cognitive-services-terraform', 1, vscode.DiagnosticSeverity.Warning],
    ]);
    const azure = diags.find((d) => codeOf(d) === 'azure-cognitive-services-terraform')!;
    assert.strictEqual(azure.range.start.character, 10, 'range starts at the resource type');
    const target = (azure.code as { target: vscode.Uri }).target;
    assert.ok(target.path.endsWith('/docs/rules/azure-cognitive-services-terraform.md'), target.toString());
    await vscode.workspace.fs.stat(target); // shipped with the extension
  });

  test('a file without AI services has no problems', async () => {
    const uri = at('infra', 'clean.tf');
    await open(uri);
    await api.whenIdle();
    await sleep(300);
    assert.deepStrictEqual(ours(uri), []);
  });

  test('editing a document updates its problems (debounced), and they clear when the binding goes', async () => {
    const uri = await tempFile('edit.tf', 'resource "aws_bedrock_guardrail" "g" {\n  name = "g"\n}\n');
    const editor = await open(uri);
    await waitFor('first diagnostic', () => ours(uri).length === 1);
    await editor.edit((b) => b.insert(new vscode.Position(3, 0), 'resource "aws_sagemaker_model" "m" {}\n'));
    const two = await waitFor('second diagnostic', () => (ours(uri).length === 2 ? ours(uri) : undefined));
    assert.deepStrictEqual(two.map((d) => [codeOf(d), d.range.start.line]).sort(), [['aws-bedrock-terraform', 0], ['aws-sagemaker-terraform', 3]]);
    const all = new vscode.Range(0, 0, editor.document.lineCount, 0);
    await editor.edit((b) => b.replace(all, 'resource "aws_s3_bucket" "b" {}\n'));
    await waitFor('diagnostics to clear', () => ours(uri).length === 0);
  });

  test('closing a document removes its problems', async () => {
    const uri = await tempFile('close.tf', 'resource "aws_bedrock_guardrail" "g" {}\n');
    await open(uri);
    await waitFor('diagnostic', () => ours(uri).length === 1);
    await closeAll();
    await waitFor('diagnostics removed on close', () => ours(uri).length === 0);
  });

  test('the suppression quick fix writes the comment with the reason and the problem goes', async () => {
    const uri = await tempFile('suppress.tf', 'resource "aws_s3_bucket" "b" {}\n\n  resource "aws_bedrock_guardrail" "g" {}\n');
    const editor = await open(uri);
    const [d] = await waitFor('diagnostic', () => (ours(uri).length === 1 ? ours(uri) : undefined));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d.range);
    const titles = actions.map((a) => a.title);
    for (const t of ['Suppress aws-bedrock-terraform on this line…', 'Suppress aws-bedrock-terraform in this file…', 'Disable aws-bedrock-terraform in the workspace configuration', 'Show documentation for aws-bedrock-terraform']) {
      assert.ok(titles.includes(t), `missing action "${t}" in ${JSON.stringify(titles)}`);
    }
    const fix = actions.find((a) => a.title.startsWith('Suppress aws-bedrock-terraform on this line'))!;
    assert.ok(fix.command, 'the quick fix runs a command');
    const ok = await vscode.commands.executeCommand<boolean>(fix.command.command, ...(fix.command.arguments ?? []), 'accepted in the real-editor test');
    assert.strictEqual(ok, true);
    assert.strictEqual(editor.document.lineAt(2).text, '  # ai-lockin-audit-ignore aws-bedrock-terraform: accepted in the real-editor test');
    await waitFor('suppressed finding to leave the Problems panel', () => ours(uri).length === 0);
    const f = api.findings(uri);
    assert.deepStrictEqual(f.map((x) => [x.ruleId, x.line, x.suppressed]), [['aws-bedrock-terraform', 4, true]], 'still counted, as suppressed');
  });

  test('Python: the suppression comment uses #, when the catalog has a Python rule', async function () {
    if (!(await ruleIds()).has('azure-openai-sdk')) this.skip();
    const uri = await tempFile('client.py', 'from openai import AzureOpenAI\n\n\ndef make():\n    return AzureOpenAI(api_key="k")\n');
    const editor = await open(uri);
    const d = await waitFor('python diagnostic', () => ours(uri).find((x) => codeOf(x) === 'azure-openai-sdk' && x.range.start.line === 4));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d.range);
    const fix = actions.find((a) => a.title.startsWith('Suppress azure-openai-sdk on this line'));
    assert.ok(fix?.command);
    await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []), 'migration planned');
    assert.strictEqual(editor.document.lineAt(4).text, '    # ai-lockin-audit-ignore azure-openai-sdk: migration planned');
    await waitFor('the finding, now on line 6, suppressed', () => api.findings(uri).some((f) => f.ruleId === 'azure-openai-sdk' && f.line === 6 && f.suppressed));
    assert.ok(!ours(uri).some((x) => codeOf(x) === 'azure-openai-sdk' && x.range.start.line === 5), 'not a problem any more');
  });

  test('JSON files get no comment-based suppression, only config-based disabling', async () => {
    const uri = await tempFile('main.tf.json', JSON.stringify({ resource: { aws_bedrock_guardrail: { g: { name: 'x' } } } }, null, 2) + '\n');
    await open(uri);
    const [d] = await waitFor('diagnostic in Terraform JSON', () => (ours(uri).length === 1 ? ours(uri) : undefined));
    const titles = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d.range)).map((a) => a.title);
    assert.ok(!titles.some((t) => t.startsWith('Suppress')), JSON.stringify(titles));
    assert.ok(titles.includes('Disable aws-bedrock-terraform in the workspace configuration'));
  });

  test('hover shows what is bound, the terms facts with sources and the portable alternative', async () => {
    const uri = at('infra', 'main.tf');
    await open(uri);
    await waitFor('main.tf diagnostics', () => ours(uri).length >= 2);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(1, 15));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /AI Lock-in Audit/);
    assert.match(text, /What is bound/);
    assert.match(text, /Microsoft Azure/);
    assert.match(text, /Portable alternative/);
    assert.match(text, /Sources/);
    assert.match(text, /OpenAI may serve all of its products/);
  });

  test('settings take effect at once: severity override, off, and back', async () => {
    const uri = at('infra', 'main.tf');
    await open(uri);
    await waitFor('main.tf diagnostics', () => ours(uri).length >= 2);
    await setSetting('severityOverrides', { 'aws-bedrock-terraform': 'error' });
    await waitFor('bedrock as error', () => ours(uri).some((d) => codeOf(d) === 'aws-bedrock-terraform' && d.severity === vscode.DiagnosticSeverity.Error));
    await setSetting('severityOverrides', { 'aws-bedrock-terraform': 'off' });
    await waitFor('bedrock off', () => ours(uri).length === 1 && codeOf(ours(uri)[0]) === 'azure-cognitive-services-terraform');
    await setSetting('enable', false);
    await waitFor('disabled: no problems', () => ours(uri).length === 0);
    await setSetting('enable', undefined);
    await setSetting('severityOverrides', undefined);
    await waitFor('defaults again', () => ours(uri).length === 2 && ours(uri).every((d) => d.severity === vscode.DiagnosticSeverity.Warning));
  });

  test('severity overrides from user and workspace settings merge; the workspace wins per rule', async () => {
    const uri = at('infra', 'main.tf');
    await open(uri);
    await waitFor('main.tf diagnostics', () => ours(uri).length >= 2);
    const cfg = vscode.workspace.getConfiguration('aiLockinAudit');
    await cfg.update('severityOverrides', { 'aws-bedrock-terraform': 'error', 'azure-cognitive-services-terraform': 'error' }, vscode.ConfigurationTarget.Global);
    await setSetting('severityOverrides', { 'azure-cognitive-services-terraform': 'note' });
    try {
      const sev = (rule: string) => ours(uri).find((d) => codeOf(d) === rule)?.severity;
      await waitFor('merged overrides', () => sev('aws-bedrock-terraform') === vscode.DiagnosticSeverity.Error && sev('azure-cognitive-services-terraform') === vscode.DiagnosticSeverity.Information);
    } finally {
      await cfg.update('severityOverrides', undefined, vscode.ConfigurationTarget.Global);
      await setSetting('severityOverrides', undefined);
    }
    await waitFor('defaults again', () => ours(uri).length === 2 && ours(uri).every((d) => d.severity === vscode.DiagnosticSeverity.Warning));
  });

  test('disable the rule in the workspace config: file created with the rule off, problem gone', async () => {
    const uri = at('infra', 'main.tf');
    await open(uri);
    await waitFor('main.tf diagnostics', () => ours(uri).length >= 2);
    const cfg = await vscode.commands.executeCommand<vscode.Uri>('aiLockinAudit.disableRule', uri, 'aws-bedrock-terraform');
    assert.ok(cfg && cfg.path.endsWith('/.ai-lockin-audit.yaml'));
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(cfg));
    assert.match(text, /^# yaml-language-server: \$schema=/);
    assert.match(text, /aws-bedrock-terraform: off/);
    await waitFor('bedrock gone', () => ours(uri).length === 1);
    await vscode.workspace.fs.delete(cfg, { useTrash: false });
    await waitFor('bedrock back after the config file is deleted', () => ours(uri).length === 2, 20000);
  });

  test('an invalid config file is a problem at its line; defaults apply meanwhile', async () => {
    const cfg = at('.ai-lockin-audit.yaml');
    await vscode.workspace.fs.writeFile(cfg, new TextEncoder().encode('version: 1\nrules:\n  aws-bedrock-terraform: loud\n'));
    try {
      const main = at('infra', 'main.tf');
      await open(main);
      const [d] = await waitFor('config problem', () => (ours(cfg).length ? ours(cfg) : undefined), 20000);
      assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Error);
      assert.strictEqual(d.range.start.line, 2);
      assert.match(d.message, /aws-bedrock-terraform/);
      await waitFor('main.tf still checked with defaults', () => ours(main).length === 2);
    } finally {
      await vscode.workspace.fs.delete(cfg, { useTrash: false });
    }
    await waitFor('config problem gone with the file', () => ours(cfg).length === 0, 20000);
  });

  test('workspace audit: every file kind read, results returned, problems for unopened files', async () => {
    const r = await vscode.commands.executeCommand<AuditOutcome>('aiLockinAudit.auditWorkspace');
    assert.ok(r, 'the audit returns its outcome');
    assert.strictEqual(r.cancelled, false);
    assert.deepStrictEqual(r.errors, []);
    assert.strictEqual(r.roots.length, 1);
    assert.ok(r.summary, 'summary');
    assert.ok(r.summary.filesScanned >= 3, `files scanned: ${r.summary.filesScanned}`);
    assert.ok(r.summary.findings >= 2, `findings: ${r.summary.findings}`);
    assert.ok(r.summary.byProvider.azure >= 1 && r.summary.byProvider.aws >= 1, JSON.stringify(r.summary.byProvider));
    assert.ok(r.summary.byArtifact.terraform >= 2);
    // not opened by this test: problems come from the audit
    const main = at('infra', 'main.tf');
    assert.ok(ours(main).length >= 2);
  });

  test('after an audit, a settings change reaches files that are not open', async () => {
    await vscode.commands.executeCommand('aiLockinAudit.auditWorkspace');
    const main = at('infra', 'main.tf');
    const tabbed = vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === main.toString()));
    assert.ok(!tabbed, 'main.tf is not open in an editor');
    await waitFor('audit problems', () => ours(main).length === 2);
    await setSetting('severityOverrides', { 'azure-cognitive-services-terraform': 'error' });
    await waitFor('azure as error in an unopened file', () => ours(main).some((d) => codeOf(d) === 'azure-cognitive-services-terraform' && d.severity === vscode.DiagnosticSeverity.Error));
    await setSetting('severityOverrides', undefined);
    await waitFor('back to warning', () => ours(main).length === 2 && ours(main).every((d) => d.severity === vscode.DiagnosticSeverity.Warning));
  });

  test('suppress in this file writes a file directive at the top', async () => {
    const uri = await tempFile('suppress-file.tf', 'resource "aws_bedrock_guardrail" "a" {}\nresource "aws_bedrock_guardrail" "b" {}\n');
    const editor = await open(uri);
    const diags = await waitFor('two diagnostics', () => (ours(uri).length === 2 ? ours(uri) : undefined));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diags[0].range);
    const fix = actions.find((a) => a.title.startsWith('Suppress aws-bedrock-terraform in this file'));
    assert.ok(fix?.command);
    assert.strictEqual(await vscode.commands.executeCommand<boolean>(fix.command.command, ...(fix.command.arguments ?? []), 'the whole stack runs on AWS'), true);
    assert.strictEqual(editor.document.lineAt(0).text, '# ai-lockin-audit-ignore-file aws-bedrock-terraform: the whole stack runs on AWS');
    await waitFor('both suppressed', () => ours(uri).length === 0);
    assert.deepStrictEqual(api.findings(uri).map((f) => f.suppressed), [true, true]);
  });

  test('excluded paths get no problems', async () => {
    const uri = await tempFile('excluded.tf', 'resource "aws_bedrock_guardrail" "g" {}\n');
    await setSetting('exclude', [`${TMP}/excluded.tf`]);
    try {
      await open(uri);
      await api.whenIdle();
      await sleep(300);
      assert.deepStrictEqual(ours(uri), []);
    } finally {
      await setSetting('exclude', undefined);
    }
    await waitFor('problems once not excluded', () => ours(uri).length === 1);
  });

  test('rule documentation opens from the command', async () => {
    await vscode.commands.executeCommand('aiLockinAudit.openRuleDocs', 'aws-bedrock-terraform');
    await waitFor('docs tab', () => vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.label.includes('aws-bedrock-terraform'))));
  });

  test('YAML and Python fixtures: no crash, and whatever rules the catalog has', async () => {
    const ids = await ruleIds();
    for (const p of [['k8s', 'deployment.yaml'], ['app', 'app.py'], ['deploy', '.env']]) {
      const uri = at(...p);
      await open(uri);
      await api.whenIdle();
      await sleep(200);
      for (const d of ours(uri)) assert.ok(ids.has(codeOf(d)), `${p.join('/')}: unknown rule ${codeOf(d)}`);
    }
    // where the catalog has the rules, their findings are where the CLI puts them
    const expect: [string[], string, number][] = [
      [['app', 'app.py'], 'azure-openai-sdk', 5],
      [['app', 'app.py'], 'azure-ai-env-read', 6],
      [['k8s', 'deployment.yaml'], 'azure-ai-endpoint-config', 20],
      [['deploy', '.env'], 'azure-ai-endpoint-config', 0],
    ];
    for (const [p, rule, line] of expect) {
      if (!ids.has(rule)) continue;
      const uri = at(...p);
      await open(uri);
      await waitFor(`${rule} in ${p.join('/')} at line ${line + 1}`, () => ours(uri).some((d) => codeOf(d) === rule && d.range.start.line === line));
    }
    // the extension still serves Terraform afterwards
    const main = at('infra', 'main.tf');
    await open(main);
    await waitFor('main.tf diagnostics', () => ours(main).length >= 2);
  });

  test('the rewrite refactoring turns AzureOpenAI into OpenAI with a base URL variable, previewed', async () => {
    const uri = at('app', 'app.py');
    const editor = await open(uri);
    const line = editor.document.getText().split('\n').findIndex((l) => l.startsWith('client = AzureOpenAI('));
    assert.ok(line > 0);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, new vscode.Range(line, 12, line, 12), vscode.CodeActionKind.RefactorRewrite.value);
    const a = actions.find((x) => /Rewrite AzureOpenAI as OpenAI/.test(x.title));
    assert.ok(a && a.edit, `rewrite offered: ${JSON.stringify(actions.map((x) => x.title))}`);
    const edits = a.edit.entries().flatMap(([, es]) => es);
    const inserted = edits.map((e) => e.newText).join('\n');
    assert.match(inserted, /OpenAI\(\n\s+base_url=os\.environ\["OPENAI_BASE_URL"\],\n\s+api_key=os\.environ\["AZURE_OPENAI_API_KEY"\],\n\)/);
    assert.ok(edits.some((e) => e.newText === 'OpenAI'), 'the import is rewritten');
    assert.ok(!/azure_endpoint|api_version/.test(inserted));
  });

  test('malformed files yield no crash and no finding', async () => {
    const files = [
      await tempFile('broken.tf', 'resource "x" {{{{ ]]] bedrock = [[[ "\n  }}}} sagemaker "'),
      await tempFile('broken.yaml', 'openai: [\n  - : : : bedrock\n\t"unterminated\n'),
    ];
    for (const uri of files) {
      await open(uri);
      await api.whenIdle();
      await sleep(200);
      assert.deepStrictEqual(ours(uri), [], uri.path);
    }
    const main = at('infra', 'main.tf');
    await open(main);
    await waitFor('the extension still works', () => ours(main).length >= 2);
  });

  test('files over the size limit are skipped without problems', async () => {
    const uri = await tempFile('large.tf', 'resource "aws_bedrock_guardrail" "g" {}\n' + '# padding\n'.repeat(400));
    await setSetting('maxFileSizeKb', 1);
    try {
      await open(uri);
      await api.whenIdle();
      await sleep(300);
      assert.deepStrictEqual(ours(uri), []);
    } finally {
      await setSetting('maxFileSizeKb', undefined);
    }
    await waitFor('problems once the limit is back to default', () => ours(uri).length === 1);
  });

  test('report webview and export', async () => {
    await vscode.commands.executeCommand('aiLockinAudit.showReport');
    const html = await waitFor('report html', () => api.reportHtml());
    assert.match(html, /Content-Security-Policy/);
    assert.match(html, /script-src 'nonce-/);
    assert.match(html, /By provider/);
    const target = at(TMP, 'report.sarif');
    const written = await vscode.commands.executeCommand<vscode.Uri>('aiLockinAudit.exportReport', 'sarif', target);
    assert.ok(written);
    const sarif = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(target)));
    assert.strictEqual(sarif.version, '2.1.0');
    assert.ok(sarif.runs[0].results.length >= 2);
    const md = at(TMP, 'report.md');
    await vscode.commands.executeCommand('aiLockinAudit.exportReport', 'markdown', md);
    assert.match(new TextDecoder().decode(await vscode.workspace.fs.readFile(md)), /^# AI lock-in audit/);
  });

  test('audit the current file returns its counts; clear findings empties the Problems panel', async () => {
    const uri = at('infra', 'main.tf');
    await open(uri);
    const r = await vscode.commands.executeCommand<{ file: string; findings: number }>('aiLockinAudit.auditFile');
    assert.deepStrictEqual([r.file, r.findings], ['infra/main.tf', 2]);
    await vscode.commands.executeCommand('aiLockinAudit.clearFindings');
    assert.deepStrictEqual(ours(uri), []);
    assert.deepStrictEqual(api.findings(), []);
  });
});
