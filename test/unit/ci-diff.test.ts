/** --diff-base on a temporary git repository, and the pure diff parser. */
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { describe, it } from 'node:test';
import { parseUnifiedDiff, unquoteGitPath } from '../../src/core/gitdiff';
import { runCli, tempTree } from './helpers';

const AGENT = 'resource "aws_bedrockagent_agent" "support" {\n  agent_name = "support"\n}\n';
const OPENAI = 'resource "azurerm_cognitive_account" "openai" {\n  name = "contoso-openai"\n}\n';
const GUARD = 'resource "aws_bedrock_guardrail" "g" {\n  name = "g"\n}\n';
const VERTEX = 'resource "google_vertex_ai_endpoint" "e" {\n  name = "e"\n}\n';

function git(dir: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: dir, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: dir } });
}

function rules(dir: string, args: string[]): string[] {
  const r = runCli(['scan', '.', '-f', 'json', '--fail-on', 'never', ...args], { cwd: dir });
  assert.strictEqual(r.status, 0, r.stderr);
  return (JSON.parse(r.stdout).findings as { ruleId: string; file: string }[]).map((f) => `${f.file}:${f.ruleId}`).sort();
}

describe('ci --diff-base', () => {
  it('reports only findings on lines changed since the ref, plus untracked files', () => {
    const t = tempTree({ 'infra/main.tf': AGENT + '\n' + OPENAI });
    try {
      git(t.dir, 'init', '-q', '-b', 'main');
      git(t.dir, 'config', 'user.name', 'Test');
      git(t.dir, 'config', 'user.email', 'test@example.invalid');
      git(t.dir, 'config', 'commit.gpgsign', 'false');
      git(t.dir, 'add', '.');
      git(t.dir, 'commit', '-q', '-m', 'one');
      // second commit: a new binding in the existing file (the old ones move down) and a new file
      fs.writeFileSync(path.join(t.dir, 'infra', 'main.tf'), GUARD + '\n' + AGENT + '\n' + OPENAI);
      fs.writeFileSync(path.join(t.dir, 'infra', 'ml.tf'), VERTEX);
      git(t.dir, 'add', '.');
      git(t.dir, 'commit', '-q', '-m', 'two');
      // and an untracked file (ignored files stay out)
      fs.writeFileSync(path.join(t.dir, 'new.tf'), AGENT.replace('support', 'other'));
      fs.writeFileSync(path.join(t.dir, '.gitignore'), 'ignored.tf\n');
      fs.writeFileSync(path.join(t.dir, 'ignored.tf'), GUARD);

      assert.deepStrictEqual(rules(t.dir, []), ['infra/main.tf:aws-bedrock-terraform', 'infra/main.tf:aws-bedrock-terraform', 'infra/main.tf:azure-cognitive-services-terraform', 'infra/ml.tf:gcp-vertex-ai-terraform', 'new.tf:aws-bedrock-terraform']);
      const head1 = rules(t.dir, ['--diff-base', 'HEAD~1']);
      assert.deepStrictEqual(head1, ['infra/main.tf:aws-bedrock-terraform', 'infra/ml.tf:gcp-vertex-ai-terraform', 'new.tf:aws-bedrock-terraform']);
      const r = runCli(['scan', '.', '-f', 'json', '--diff-base', 'HEAD~1'], { cwd: t.dir });
      const main = JSON.parse(r.stdout).findings.find((f: { file: string }) => f.file === 'infra/main.tf');
      assert.strictEqual(main.range.startLine, 1, 'the new guardrail, not the moved agent');
      assert.match(r.stderr, /--diff-base HEAD~1: 4 changed file\(s\); 2 finding\(s\) on unchanged lines left out/);
      assert.deepStrictEqual(rules(t.dir, ['--diff-base', 'HEAD']), ['new.tf:aws-bedrock-terraform']);
      // scanning a sub-folder maps paths through the repository root
      const sub = runCli(['scan', 'infra', '-f', 'json', '--fail-on', 'never', '--diff-base', 'HEAD~1'], { cwd: t.dir });
      assert.deepStrictEqual(JSON.parse(sub.stdout).findings.map((f: { file: string }) => f.file).sort(), ['main.tf', 'ml.tf']);
      // several roots, one a file: paths carry each root's name and still map to the repository
      const multi = runCli(['scan', 'infra', 'new.tf', '-f', 'json', '--fail-on', 'never', '--diff-base', 'HEAD~1'], { cwd: t.dir });
      assert.deepStrictEqual(JSON.parse(multi.stdout).findings.map((f: { file: string }) => f.file).sort(), ['infra/main.tf', 'infra/ml.tf', 'new.tf/new.tf']);
      // an uncommitted edit of a bound line counts as changed
      fs.writeFileSync(path.join(t.dir, 'infra', 'main.tf'), GUARD + '\n' + AGENT + '\n' + OPENAI.replace('"openai"', '"oai"'));
      assert.deepStrictEqual(rules(t.dir, ['--diff-base', 'HEAD']), ['infra/main.tf:azure-cognitive-services-terraform', 'new.tf:aws-bedrock-terraform']);

      const unknown = runCli(['scan', '.', '--diff-base', 'no-such-branch'], { cwd: t.dir });
      assert.strictEqual(unknown.status, 2);
      assert.strictEqual(unknown.stderr.trim().split('\n').length, 1);
      assert.match(unknown.stderr, /git does not know this ref: fetch it first .*fetch-depth: 0/);
      const dash = runCli(['scan', '.', '--diff-base=--output=x'], { cwd: t.dir });
      assert.strictEqual(dash.status, 2, 'an option-like ref is refused, never passed to git');
    } finally {
      t.cleanup();
    }
  });

  it('outside a git work tree: exit 2 saying what to do', () => {
    const t = tempTree({ 'main.tf': AGENT });
    try {
      const r = runCli(['scan', '.', '--diff-base', 'main'], { cwd: t.dir, env: { GIT_CEILING_DIRECTORIES: path.dirname(t.dir) } });
      assert.strictEqual(r.status, 2, r.stderr);
      assert.match(r.stderr, /is not inside a git work tree: run the scan in a clone .*or drop --diff-base/);
    } finally {
      t.cleanup();
    }
  });

  it('parses unified diffs: hunks, pure deletions, quoted names, deleted files', () => {
    const diff = [
      'diff --git a/x.tf b/x.tf',
      '--- a/x.tf',
      '+++ b/x.tf',
      '@@ -1,0 +2,3 @@',
      '@@ -10,2 +12 @@',
      '@@ -20,2 +22,0 @@',
      'diff --git "a/caf\\303\\251 x.tf" "b/caf\\303\\251 x.tf"',
      '--- "a/caf\\303\\251 x.tf"',
      '+++ "b/caf\\303\\251 x.tf"',
      '@@ -1 +1 @@',
      '--- a/gone.tf',
      '+++ /dev/null',
      '@@ -1,3 +0,0 @@',
    ].join('\n');
    const m = parseUnifiedDiff(diff);
    assert.deepStrictEqual([...m.get('x.tf')!].sort((a, b) => a - b), [2, 3, 4, 12]);
    assert.deepStrictEqual([...m.get('café x.tf')!], [1]);
    assert.ok(!m.has('gone.tf') && !m.has('/dev/null'));
    assert.strictEqual(unquoteGitPath('"a\\tb\\"c"'), 'a\tb"c');
    assert.strictEqual(unquoteGitPath('plain'), 'plain');
  });
});
