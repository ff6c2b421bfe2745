/** Extension: the manifest (package.json contributions) agrees with the code and the shipped files. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { describe, it } from 'node:test';
import { DEFAULTS } from '../../src/extension/settings';
import { ROOT } from './helpers';

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const src = fs.readFileSync(path.join(ROOT, 'src/extension/extension.ts'), 'utf8');
const c = pkg.contributes;

describe('extension: manifest', () => {
  it('every command the code registers is contributed under the category, and no other', () => {
    const registered = [...src.matchAll(/^\s+\w+: '(aiLockinAudit\.\w+)',$/gm)].map((m) => m[1]).sort();
    assert.ok(registered.length >= 10, `found ${registered.length} command ids`);
    const contributed = c.commands.map((x: { command: string }) => x.command).sort();
    assert.deepStrictEqual(contributed, registered);
    for (const cmd of c.commands) assert.strictEqual(cmd.category, 'AI Lock-in Audit', cmd.command);
    for (const id of registered) assert.ok(src.includes(`registerCommand(CMD.${id.split('.')[1]},`), `${id} is registered`);
  });

  it('activates on languages, key files and contributions, never on *', () => {
    const ev: string[] = pkg.activationEvents;
    assert.ok(!ev.includes('*') && !ev.includes('onStartupFinished'));
    for (const l of ['terraform', 'yaml', 'python', 'javascript', 'typescript', 'go', 'java', 'csharp', 'shellscript', 'powershell', 'bicep', 'dotenv', 'properties', 'makefile']) assert.ok(ev.includes(`onLanguage:${l}`), l);
    for (const w of ['workspaceContains:**/*.tf', 'workspaceContains:**/*.bicep', 'workspaceContains:.ai-lockin-audit.yaml']) assert.ok(ev.includes(w), w);
    assert.strictEqual(pkg.main, './dist/extension.js');
  });

  it('settings: the ones the code reads, per resource, with the documented defaults', () => {
    const read = new Set([...src.matchAll(/(?:c\.get|explicit|explicitObject)\('(\w+)'\)/g)].map((m) => m[1]));
    const props = c.configuration.properties;
    assert.deepStrictEqual(Object.keys(props).map((k) => k.replace('aiLockinAudit.', '')).sort(), [...read].sort());
    for (const [k, v] of Object.entries(props) as [string, { scope: string; default: unknown }][]) assert.strictEqual(v.scope, 'resource', k);
    assert.strictEqual(props['aiLockinAudit.debounceMs'].default, DEFAULTS.debounceMs);
    assert.strictEqual(props['aiLockinAudit.maxProblemsPerFile'].default, DEFAULTS.maxProblemsPerFile);
    assert.strictEqual(props['aiLockinAudit.runAuditOnStartup'].default, DEFAULTS.runAuditOnStartup);
    assert.strictEqual(props['aiLockinAudit.baseUrlEnvVar'].default, DEFAULTS.baseUrlEnvVar);
    assert.strictEqual(props['aiLockinAudit.enable'].default, DEFAULTS.enable);
    assert.deepStrictEqual(props['aiLockinAudit.severityOverrides'].additionalProperties.enum, ['off', 'error', 'warning', 'note']);
  });

  it('the view container, view and welcome content', () => {
    assert.strictEqual(c.viewsContainers.activitybar[0].id, 'aiLockinAudit');
    assert.strictEqual(c.views.aiLockinAudit[0].id, 'aiLockinAudit.findings');
    assert.ok(src.includes("createTreeView('aiLockinAudit.findings'"));
    assert.ok(c.viewsWelcome.some((w: { contents: string }) => w.contents.includes('(command:aiLockinAudit.auditWorkspace)')));
  });

  it('workspace trust and virtual workspaces are declared', () => {
    assert.deepStrictEqual(pkg.capabilities.untrustedWorkspaces, { supported: true });
    assert.strictEqual(pkg.capabilities.virtualWorkspaces.supported, 'limited');
    assert.ok(pkg.capabilities.virtualWorkspaces.description.length > 20);
  });

  it('every file the manifest names exists', () => {
    const files = [pkg.icon, c.viewsContainers.activitybar[0].icon, ...c.grammars.map((g: { path: string }) => g.path), ...c.yamlValidation.map((v: { url: string }) => v.url), 'media/report.css', 'media/report.js', 'LICENSE', '.vscodeignore'];
    for (const f of files) assert.ok(fs.existsSync(path.join(ROOT, f)), f);
    const png = fs.readFileSync(path.join(ROOT, pkg.icon));
    assert.deepStrictEqual([...png.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10], 'icon is a PNG');
    assert.ok(png.readUInt32BE(16) >= 128, 'icon is at least 128 px wide');
  });

  it('the injection grammar highlights directives in comments', () => {
    const g = JSON.parse(fs.readFileSync(path.join(ROOT, c.grammars[0].path), 'utf8'));
    assert.strictEqual(g.injectionSelector, 'L:comment');
    assert.strictEqual(g.scopeName, c.grammars[0].scopeName);
    assert.ok(c.grammars[0].injectTo.includes('source.python') && c.grammars[0].injectTo.includes('source.yaml'));
    const re = new RegExp(g.repository.directive.match);
    const m = re.exec('# ai-lockin-audit-ignore aws-bedrock-terraform, aws-sagemaker-terraform: accepted by ADR-12');
    assert.ok(m);
    assert.deepStrictEqual([m[1], m[2], m[4]], ['ai-lockin-audit-ignore', 'aws-bedrock-terraform, aws-sagemaker-terraform', 'accepted by ADR-12']);
    const f = re.exec('<!-- ai-lockin-audit-ignore-file some-rule: why -->');
    assert.deepStrictEqual([f?.[1], f?.[4]?.trim()], ['ai-lockin-audit-ignore-file', 'why']);
    assert.strictEqual(re.exec('# nothing here'), null);
  });

  it('.vscodeignore keeps sources and tests out and the shipped folders in', () => {
    const lines = fs.readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8').split('\n').map((l) => l.trim());
    for (const p of ['src/**', 'test/**', 'out/**', 'node_modules/**', 'scripts/**', 'examples/**', '.cache/**', 'bench/**']) assert.ok(lines.includes(p), p);
    assert.ok(lines.includes('!docs/rules/**'));
    for (const keep of ['dist', 'media', 'syntaxes', 'schemas']) assert.ok(!lines.some((l) => l.startsWith(`${keep}/**`)), keep);
  });

  it('the package script builds a .vsix offline', () => {
    assert.match(pkg.scripts.package, /npm run build && node scripts\/package-vsix\.mjs/);
    assert.ok(fs.readFileSync(path.join(ROOT, 'scripts/package-vsix.mjs'), 'utf8').includes("'--no-dependencies'"));
  });
});
