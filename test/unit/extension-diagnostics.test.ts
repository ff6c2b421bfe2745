/** Extension: findings to Problems-panel diagnostics, and the lint controller (debounce, staleness, isolation). */
import * as assert from 'assert';
import { describe, it } from 'node:test';
import { Engine, type FileResult } from '../../src/core';
import { type DiagnosticData, DiagnosticsController, diagnosticsFor, findingToDiagnostic, type LintOutcome, SOURCE, toRange0, type Timers } from '../../src/extension/diagnostics';
import { FindingsStore } from '../../src/extension/store';

const engine = new Engine();
const docs = (id: string) => `file:///ext/docs/rules/${id}.md`;

function manyBedrock(n: number): string {
  return Array.from({ length: n }, (_, i) => `resource "aws_bedrock_guardrail" "g${i}" {}`).join('\n') + '\n';
}

describe('extension: findings to diagnostics', () => {
  it('maps ranges to 0-based, severity, source and a code with the docs target', async () => {
    const r = await engine.scanText('main.tf', '\n\nresource "aws_bedrock_guardrail" "g" {}\n');
    const d = findingToDiagnostic(r.findings[0], docs);
    assert.deepStrictEqual(d.range, { startLine: 2, startCharacter: 10, endLine: 2, endCharacter: 31 });
    assert.strictEqual(d.severity, 'warning');
    assert.strictEqual(d.source, SOURCE);
    assert.deepStrictEqual(d.code, { value: 'aws-bedrock-terraform', target: 'file:///ext/docs/rules/aws-bedrock-terraform.md' });
    assert.strictEqual(d.message, r.findings[0].message);
  });

  it('note -> information, error -> error (severity settings applied by the engine)', async () => {
    const r = await engine.scanText('main.tf', 'resource "aws_bedrock_guardrail" "g" {}\n', { ...(await import('../../src/core')).defaultConfig(), rules: { 'aws-bedrock-terraform': 'note' } });
    assert.strictEqual(findingToDiagnostic(r.findings[0], docs).severity, 'information');
    const r2 = await engine.scanText('main.tf', 'resource "aws_bedrock_guardrail" "g" {}\n', { ...(await import('../../src/core')).defaultConfig(), rules: { 'aws-bedrock-terraform': 'error' } });
    assert.strictEqual(findingToDiagnostic(r2.findings[0], docs).severity, 'error');
  });

  it('never an inverted range', () => {
    assert.deepStrictEqual(toRange0({ startLine: 3, startColumn: 5, endLine: 3, endColumn: 2 }), { startLine: 2, startCharacter: 4, endLine: 2, endCharacter: 4 });
  });

  it('suppressed findings are not problems; suppression problems are', async () => {
    const r = await engine.scanText('main.tf', '# ai-lockin-audit-ignore aws-bedrock-terraform: accepted\nresource "aws_bedrock_guardrail" "g" {}\n# ai-lockin-audit-ignore aws-sagemaker-terraform\nresource "aws_sagemaker_model" "m" {}\n');
    const d = diagnosticsFor(r, 100, docs);
    assert.deepStrictEqual(d.map((x) => x.code.value).sort(), ['aws-sagemaker-terraform', 'suppression-without-reason']);
    assert.ok(r.findings.some((f) => f.suppression), 'the suppressed finding is still in the result (counted in the report)');
  });

  it('caps problems per file, the last slot saying how many more', async () => {
    const r = await engine.scanText('main.tf', manyBedrock(30));
    assert.strictEqual(r.findings.length, 30);
    const d = diagnosticsFor(r, 10, docs);
    assert.strictEqual(d.length, 10);
    assert.match(d[9].message, /^21 more/);
    assert.strictEqual(diagnosticsFor(r, 30, docs).length, 30);
    assert.strictEqual(diagnosticsFor(r, 1, docs).length, 1);
  });
});

class FakeTimers implements Timers {
  private next = 1;
  readonly queue = new Map<number, () => void>();
  set(fn: () => void): unknown {
    const h = this.next++;
    this.queue.set(h, fn);
    return h;
  }
  clear(h: unknown): void {
    this.queue.delete(h as number);
  }
  flush(): void {
    const fns = [...this.queue.values()];
    this.queue.clear();
    for (const f of fns) f();
  }
}

class MemorySink {
  readonly files = new Map<string, DiagnosticData[]>();
  set(uri: string, d: DiagnosticData[]) {
    this.files.set(uri, d);
  }
  delete(uri: string) {
    this.files.delete(uri);
  }
  clear() {
    this.files.clear();
  }
}

function setup(texts: Map<string, string>, opts: { failOn?: string; delay?: (uri: string) => Promise<void> } = {}) {
  const sink = new MemorySink();
  const store = new FindingsStore();
  const timers = new FakeTimers();
  const logs: string[] = [];
  let lints = 0;
  const controller = new DiagnosticsController({
    sink,
    store,
    timers,
    log: (m) => logs.push(m),
    docsTarget: docs,
    lint: async (uri): Promise<LintOutcome | undefined> => {
      lints++;
      if (opts.delay) await opts.delay(uri);
      const text = texts.get(uri);
      if (text === undefined) return undefined;
      if (uri === opts.failOn) throw new Error('analyzer exploded\nstack');
      const rel = uri.slice(uri.lastIndexOf('/') + 1);
      const result: FileResult = await engine.scanText(rel, text);
      return { entry: { uri, rel, result, origin: 'live' }, maxProblems: 100 };
    },
  });
  return { sink, store, timers, logs, controller, lints: () => lints };
}

describe('extension: DiagnosticsController', () => {
  it('debounces edits: many schedules, one lint, after the timer', async () => {
    const texts = new Map([['file:///w/main.tf', manyBedrock(1)]]);
    const t = setup(texts);
    for (let i = 0; i < 20; i++) t.controller.schedule('file:///w/main.tf', 300);
    assert.strictEqual(t.lints(), 0, 'no work per keystroke');
    assert.strictEqual(t.timers.queue.size, 1);
    t.timers.flush();
    await t.controller.idle();
    assert.strictEqual(t.lints(), 1);
    assert.strictEqual(t.sink.files.get('file:///w/main.tf')?.length, 1);
    assert.strictEqual(t.store.activeCount(), 1);
  });

  it('updates when the text changes and clears when the findings go away', async () => {
    const uri = 'file:///w/main.tf';
    const texts = new Map([[uri, manyBedrock(2)]]);
    const t = setup(texts);
    await t.controller.lintNow(uri);
    assert.strictEqual(t.sink.files.get(uri)?.length, 2);
    texts.set(uri, 'resource "aws_s3_bucket" "b" {}\n');
    await t.controller.lintNow(uri);
    assert.deepStrictEqual(t.sink.files.get(uri), []);
    assert.strictEqual(t.store.activeCount(), 0);
  });

  it('drops a stale result when a newer lint started meanwhile', async () => {
    const uri = 'file:///w/main.tf';
    const texts = new Map([[uri, manyBedrock(3)]]);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let first = true;
    const t = setup(texts, {
      delay: async () => {
        if (first) {
          first = false;
          await gate;
        }
      },
    });
    const slow = t.controller.lintNow(uri); // sees 3 findings, but waits
    texts.set(uri, manyBedrock(1));
    await t.controller.lintNow(uri); // newer: 1 finding
    release();
    await slow;
    assert.strictEqual(t.sink.files.get(uri)?.length, 1);
  });

  it('close clears the file and a lint finishing after the close does not bring it back', async () => {
    const uri = 'file:///w/main.tf';
    const texts = new Map([[uri, manyBedrock(1)]]);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const t = setup(texts, { delay: () => gate });
    const p = t.controller.lintNow(uri);
    t.controller.close(uri);
    release();
    await p;
    assert.strictEqual(t.sink.files.has(uri), false);
    assert.strictEqual(t.store.get(uri), undefined);
    t.controller.schedule(uri, 100);
    t.controller.close(uri);
    assert.strictEqual(t.timers.queue.size, 0, 'pending timer cancelled');
  });

  it("an engine error on one file is logged once and never touches another file's diagnostics", async () => {
    const good = 'file:///w/good.tf';
    const bad = 'file:///w/bad.tf';
    const texts = new Map([
      [good, manyBedrock(2)],
      [bad, manyBedrock(1)],
    ]);
    const t = setup(texts, { failOn: bad });
    await t.controller.lintNow(good);
    await t.controller.lintNow(bad);
    assert.strictEqual(t.sink.files.get(good)?.length, 2);
    assert.strictEqual(t.sink.files.has(bad), false);
    assert.strictEqual(t.logs.length, 1);
    assert.match(t.logs[0], /bad\.tf: analyzer exploded$/);
  });

  it('files the engine does not serve get no diagnostics', async () => {
    const t = setup(new Map());
    await t.controller.lintNow('file:///w/README.md');
    assert.strictEqual(t.sink.files.size, 0);
  });

  it('a malformed file yields no crash; a binary or huge one is a skip, logged', async () => {
    const texts = new Map([
      ['file:///w/broken.tf', 'resource "x" {{{{ ]]] "\n\u0000'],
      ['file:///w/broken.yaml', 'a: [\n  - : : :\n\t"'],
      ['file:///w/big.tf', 'x'.repeat(3 * 1024 * 1024)],
    ]);
    const t = setup(texts);
    for (const u of texts.keys()) await t.controller.lintNow(u);
    for (const u of texts.keys()) assert.deepStrictEqual(t.sink.files.get(u), [], u);
    assert.ok(t.logs.some((l) => /big\.tf: too-large/.test(l)));
    assert.ok(t.logs.some((l) => /broken\.tf: binary/.test(l)));
  });

  it('dispose stops everything', async () => {
    const uri = 'file:///w/main.tf';
    const t = setup(new Map([[uri, manyBedrock(1)]]));
    t.controller.schedule(uri, 100);
    t.controller.dispose();
    t.timers.flush();
    await t.controller.lintNow(uri);
    assert.strictEqual(t.lints(), 0);
  });
});
