/** Large scans on worker threads report exactly what a single-thread scan reports. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { describe, it } from 'node:test';
import { defaultConfig, discover, Engine, scan, type FileResult } from '../../src/core';
import { PARALLEL_MIN_FILES, runPipeline } from '../../src/core/parallel';
import { generate } from '../../bench/generate';

/** A tree large enough for reader workers, with bindings enough to compare. */
const TREE = PARALLEL_MIN_FILES + 2000;

describe('parallel scan', () => {
  it('gives the findings, counts and skips of a single-thread scan', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ala-par-'));
    try {
      const stats = generate(dir, TREE, 7);
      fs.writeFileSync(path.join(dir, 'pkg0', 'binary.py'), Buffer.from([0x00, 0x01, 0x62, 0x65, 0x64]));
      const one = await scan([dir], { workers: 0 });
      const many = await scan([dir], { workers: 1 });
      assert.ok(stats.bindings > 5 && one.findings.length > 5, `only ${one.findings.length} findings`);
      assert.deepStrictEqual(many.findings.map((f) => `${f.file}:${f.range.startLine} ${f.ruleId}`), one.findings.map((f) => `${f.file}:${f.range.startLine} ${f.ruleId}`));
      assert.deepStrictEqual(many.skipped, one.skipped);
      assert.strictEqual(many.summary.filesScanned, one.summary.filesScanned);
      assert.ok(one.skipped.some((s) => s.reason === 'binary'));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a reader worker that dies mid-scan loses no file: its batch is read by the calling thread', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ala-par-'));
    const crash = path.join(dir, 'crash-worker.js');
    try {
      generate(dir, TREE, 9);
      // a worker that takes a batch and exits without replying
      fs.writeFileSync(crash, "require('worker_threads').parentPort.once('message', () => process.exit(7));\n");
      const engine = new Engine();
      const config = defaultConfig();
      const collect = () => {
        const out = { results: [] as FileResult[], clean: 0 };
        return { out, onResult: (r: FileResult) => out.results.push(r), onClean: (n: number) => (out.clean += n) };
      };
      const files = () => discover(dir, { accept: (rel) => engine.analyzerFor(rel) !== undefined && !rel.endsWith('crash-worker.js'), sizes: false });
      const a = collect();
      await runPipeline(files(), { engine, config, workers: 1, workerScript: crash, onResult: a.onResult, onClean: a.onClean });
      const b = collect();
      await runPipeline(files(), { engine, config, workers: 0, onResult: b.onResult, onClean: b.onClean });
      const key = (r: FileResult) => `${r.file} ${r.findings.length} ${r.skipped?.reason ?? ''}`;
      assert.deepStrictEqual(a.out.results.map(key).sort(), b.out.results.map(key).sort());
      assert.strictEqual(a.out.clean + a.out.results.length, b.out.clean + b.out.results.length);
      assert.ok(b.out.results.some((r) => r.findings.length));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stops when cancelled', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ala-par-'));
    try {
      generate(dir, TREE, 8);
      const ac = new AbortController();
      const p = scan([dir], { workers: 1, signal: ac.signal, onProgress: (x) => x.files > 200 && ac.abort() });
      const r = await p.catch((e: Error) => e);
      // a cancelled scan either resolves with what it had or rejects as cancelled; it never hangs
      if (r instanceof Error) assert.match(r.message, /cancel/);
      else assert.ok(r.summary.filesScanned < TREE);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
