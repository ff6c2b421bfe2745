/** Large scans on worker threads report exactly what a single-thread scan reports. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { describe, it } from 'node:test';
import { defaultConfig, Engine, scan, type FileResult } from '../../src/core';
import { walk } from '../../src/core/discovery';
import { PARALLEL_MIN_FILES, runPipeline, startReaders } from '../../src/core/parallel';
import { holdsFiles } from '../../src/core/discovery';
import { startReadersFor } from '../../src/cli/main';
import { spawnSync } from 'child_process';
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
      // a worker that takes its setup and a batch, and exits without replying
      fs.writeFileSync(crash, "let n = 0; require('worker_threads').parentPort.on('message', () => { if (++n === 2) process.exit(7); });\n");
      const engine = new Engine();
      const config = defaultConfig();
      const collect = () => {
        const out = { results: [] as FileResult[], clean: 0 };
        return { out, onResult: (r: FileResult) => out.results.push(r), onClean: (n: number) => (out.clean += n) };
      };
      const files = () => walk(dir, { accept: (rel) => engine.analyzerFor(rel) !== undefined && !rel.endsWith('crash-worker.js'), sizes: false });
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

  it('takes over readers started ahead: same results, and they are in use (not left waiting)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ala-par-'));
    try {
      generate(dir, TREE, 11);
      const one = await scan([dir], { workers: 0 });
      const started = startReaders(1);
      assert.strictEqual(started.length, 1);
      let replies = 0;
      started[0].on('message', () => replies++);
      const many = await scan([dir], { workers: 1, engine: new Engine() });
      assert.ok(replies > 0, 'the reader started ahead read no batch');
      assert.deepStrictEqual(many.findings.map((f) => `${f.file}:${f.range.startLine} ${f.ruleId}`), one.findings.map((f) => `${f.file}:${f.range.startLine} ${f.ruleId}`));
      assert.deepStrictEqual(many.skipped, one.skipped);
      assert.strictEqual(many.summary.filesScanned, one.summary.filesScanned);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('readers started ahead and never used do not keep the process alive', () => {
    const script = `require(${JSON.stringify(path.join(__dirname, '../../src/core/parallel.js'))}).startReaders(2); console.log('started');`;
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 30000 });
    assert.strictEqual(r.status, 0, r.stderr);
    assert.strictEqual(r.stdout.trim(), 'started');
  });

  it('starts readers ahead only for a scan of folders large enough for them', () => {
    const big = fs.mkdtempSync(path.join(os.tmpdir(), 'ala-par-'));
    const small = fs.mkdtempSync(path.join(os.tmpdir(), 'ala-par-'));
    const started: { terminate(): Promise<number> }[] = [];
    try {
      generate(big, TREE, 12);
      fs.writeFileSync(path.join(small, 'main.tf'), 'resource "x" "y" {}\n');
      const none = (argv: string[]) => assert.deepStrictEqual(startReadersFor(argv), [], argv.join(' '));
      none(['scan', small]);
      none(['scan', big, '--jobs', '0']);
      none(['scan', big, path.join(small, 'main.tf')]);
      none(['rules']);
      none(['scan', big, '--no-such-option']);
      const readers = startReadersFor(['scan', big, '-j', '2']);
      started.push(...readers);
      assert.strictEqual(readers.length, 2);
    } finally {
      for (const w of started) void w.terminate();
      fs.rmSync(big, { recursive: true, force: true });
      fs.rmSync(small, { recursive: true, force: true });
    }
  });

  it('holdsFiles: a bounded look that counts accepted files and skips excluded folders', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ala-par-'));
    try {
      fs.mkdirSync(path.join(dir, 'node_modules', 'pkg'), { recursive: true });
      fs.mkdirSync(path.join(dir, 'a', 'b'), { recursive: true });
      for (let i = 0; i < 50; i++) fs.writeFileSync(path.join(dir, 'node_modules', 'pkg', `m${i}.js`), '');
      for (let i = 0; i < 5; i++) fs.writeFileSync(path.join(dir, 'a', 'b', `f${i}.py`), '');
      for (let i = 0; i < 5; i++) fs.writeFileSync(path.join(dir, 'a', `n${i}.md`), '');
      assert.strictEqual(holdsFiles(dir, 10), true);
      assert.strictEqual(holdsFiles(dir, 11), false, 'node_modules is not entered');
      assert.strictEqual(holdsFiles(dir, 5, (n) => n.endsWith('.py')), true);
      assert.strictEqual(holdsFiles(dir, 6, (n) => n.endsWith('.py')), false);
      assert.strictEqual(holdsFiles(dir, 5, (n) => n.endsWith('.py'), 2), false, 'a/b is the third folder');
      assert.strictEqual(holdsFiles(path.join(dir, 'missing'), 1), false);
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
