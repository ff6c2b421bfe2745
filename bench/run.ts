/**
 * `npm run bench`: the speed and memory targets, measured.
 *   - workspace scan: the CLI (`scan DIR --format sarif`) against ripgrep on the same generated
 *     tree, run alternately, medians, ratio, files/s, MB/s, peak RSS;
 *   - memory growth from 20k to 100k files;
 *   - editor: re-scan of a 5,000-line file after an edit, p50/p95 over 200 edits, for each kind of
 *     file the editor re-scans as you type (bench/editorfiles.ts);
 *   - extension activation time;
 *   - scaling table at 5k, 20k, 100k files.
 * The last line states each target as met or not. Options: --quick (smaller trees), --runs N.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Engine } from '../src/core';
import { EDITOR_LINES, editorCases } from './editorfiles';
import { generate, type TreeStats } from './generate';

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const TREES = path.join(ROOT, 'bench', '.tree');
const args = process.argv.slice(2);
const QUICK = args.includes('--quick');
const RUNS = Number(args[args.indexOf('--runs') + 1]) || (QUICK ? 3 : 5);
const RG_PATTERN = 'openai|bedrock|sagemaker|vertex|aiplatform|cognitive';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}
function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

function ensureRipgrep(): string {
  const which = spawnSync('sh', ['-c', 'command -v rg'], { encoding: 'utf8' });
  if (which.status === 0) return which.stdout.trim();
  if (process.getuid?.() === 0) {
    console.error('bench: installing ripgrep from Debian (apt-get install ripgrep)...');
    spawnSync('sh', ['-c', 'apt-get install -y -q ripgrep >/dev/null 2>&1 || (apt-get update -q >/dev/null && apt-get install -y -q ripgrep >/dev/null)'], { stdio: 'inherit' });
    const again = spawnSync('sh', ['-c', 'command -v rg'], { encoding: 'utf8' });
    if (again.status === 0) return again.stdout.trim();
  }
  throw new Error('ripgrep (rg) is needed for the comparison: apt-get install ripgrep');
}

function tree(n: number): { dir: string; stats: TreeStats } {
  const dir = path.join(TREES, String(n));
  const stamp = path.join(dir, '.bench-stats.json');
  if (fs.existsSync(stamp)) return { dir, stats: JSON.parse(fs.readFileSync(stamp, 'utf8')) };
  const t0 = Date.now();
  const stats = generate(dir, n, 42);
  // a git work tree, so that ripgrep honours .gitignore as the scanner does
  spawnSync('git', ['init', '-q', dir]);
  fs.writeFileSync(stamp, JSON.stringify(stats));
  fs.appendFileSync(path.join(dir, '.gitignore'), '.bench-stats.json\n');
  console.error(`bench: generated ${n} files (${(stats.bytes / 1e6).toFixed(0)} MB) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return { dir, stats };
}

/** Wall time (s) and peak RSS (KB) of a command, through GNU time when present. */
function timed(cmd: string, cmdArgs: string[]): { seconds: number; rssKb: number; status: number | null } {
  const hasTime = fs.existsSync('/usr/bin/time');
  const t0 = process.hrtime.bigint();
  const r = hasTime
    ? spawnSync('/usr/bin/time', ['-f', '%M', cmd, ...cmdArgs], { encoding: 'utf8', maxBuffer: 1 << 30, stdio: ['ignore', 'ignore', 'pipe'] })
    : spawnSync(cmd, cmdArgs, { encoding: 'utf8', maxBuffer: 1 << 30, stdio: ['ignore', 'ignore', 'pipe'] });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const lines = (r.stderr ?? '').trim().split('\n');
  const rssKb = hasTime ? Number(lines[lines.length - 1]) || 0 : 0;
  return { seconds, rssKb, status: r.status };
}

/**
 * The CLI against ripgrep on one tree, run alternately: the first scan of a tree (`--no-cache`:
 * every file with a keyword is parsed) and a repeated scan (the result cache of an earlier scan
 * of the same tree, as on a CI runner that keeps its cache folder). The page cache is warm for all.
 */
function scanVsRipgrep(n: number, rg: string, runs: number) {
  const { dir, stats } = tree(n);
  const cacheDir = path.join(TREES, '.results-cache');
  const cold = ['scan', dir, '--format', 'sarif', '-q', '--fail-on', 'never', '--no-cache'];
  const warm = ['scan', dir, '--format', 'sarif', '-q', '--fail-on', 'never', '--cache-dir', cacheDir];
  fs.rmSync(cacheDir, { recursive: true, force: true });
  timed(process.execPath, [CLI, ...warm]); // fills the result cache and the page cache
  const c: number[] = [];
  const w: number[] = [];
  const rgt: number[] = [];
  let coldRss = 0;
  let warmRss = 0;
  for (let i = 0; i < runs; i++) {
    const a = timed(process.execPath, [CLI, ...cold]);
    if (a.status !== 0) throw new Error(`CLI exited ${a.status}`);
    c.push(a.seconds);
    coldRss = Math.max(coldRss, a.rssKb);
    rgt.push(timed(rg, ['-l', '-i', RG_PATTERN, dir]).seconds);
    const b = timed(process.execPath, [CLI, ...warm]);
    if (b.status !== 0) throw new Error(`CLI exited ${b.status}`);
    w.push(b.seconds);
    warmRss = Math.max(warmRss, b.rssKb);
    rgt.push(timed(rg, ['-l', '-i', RG_PATTERN, dir]).seconds);
  }
  return { n, stats, cold: median(c), warm: median(w), rg: median(rgt), coldRssMb: coldRss / 1024, warmRssMb: warmRss / 1024 };
}

/** Per kind of file: re-scan of its 5,000-line file after each of 200 edits, as the editor runs the engine. */
async function editorLatency(): Promise<{ file: string; p50: number; p95: number }[]> {
  const out: { file: string; p50: number; p95: number }[] = [];
  for (const c of editorCases()) {
    const engine = new Engine({ incremental: true }); // as the editor runs it
    const lines = [...c.lines];
    await engine.scanText(c.file, lines.join('\n')); // grammar load and first parse happen on open, not on an edit
    const times: number[] = [];
    for (let e = 0; e < 200; e++) {
      c.edit(lines, e);
      const text = lines.join('\n');
      const t0 = process.hrtime.bigint();
      await engine.scanText(c.file, text);
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    out.push({ file: c.file, p50: pct(times, 50), p95: pct(times, 95) });
  }
  return out;
}

function activationMs(): number | undefined {
  const ext = path.join(ROOT, 'dist', 'extension.js');
  const probe = path.join(ROOT, 'out', 'bench', 'activation.js');
  if (!fs.existsSync(ext) || !fs.existsSync(probe)) return undefined;
  const r = spawnSync(process.execPath, [probe, ext], { encoding: 'utf8' });
  const m = /activationMs=([\d.]+)/.exec(r.stdout);
  return m ? Number(m[1]) : undefined;
}

async function main() {
  if (!fs.existsSync(CLI)) throw new Error('dist/cli.js is missing: run npm run build');
  const rg = ensureRipgrep();
  const sizes = QUICK ? [2000, 5000, 10000] : [5000, 20000, 100000];
  const main = QUICK ? 5000 : 20000;
  const rows: ReturnType<typeof scanVsRipgrep>[] = [];
  for (const n of sizes) rows.push(scanVsRipgrep(n, rg, n === main ? RUNS : Math.max(1, Math.min(RUNS, 3))));
  const m = rows.find((r) => r.n === main)!;
  const big = rows[rows.length - 1];
  const ed = await editorLatency();
  const act = activationMs();
  console.log(`machine: ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`);
  console.log('');
  console.log('| files | MB | bindings | rg median s | first scan s | ratio | peak RSS MB | repeated scan s | ratio | peak RSS MB | MB/s (first) | ms per 1k files (first) |');
  console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    console.log(
      `| ${r.n} | ${(r.stats.bytes / 1e6).toFixed(0)} | ${r.stats.bindings} | ${r.rg.toFixed(3)} | ${r.cold.toFixed(3)} | ${(r.cold / r.rg).toFixed(2)} | ${r.coldRssMb.toFixed(0)} | ${r.warm.toFixed(3)} | ${(r.warm / r.rg).toFixed(2)} | ${r.warmRssMb.toFixed(0)} | ${(r.stats.bytes / 1e6 / r.cold).toFixed(0)} | ${((r.cold * 1000) / (r.n / 1000)).toFixed(1)} |`,
    );
  }
  console.log('');
  console.log(`editor: re-scan of a ${EDITOR_LINES}-line file after an edit, 200 edits (p50 / p95 ms): ${ed.map((r) => `${r.file} ${r.p50.toFixed(2)} / ${r.p95.toFixed(2)}`).join(', ')}`);
  const worst = ed.reduce((a, b) => (b.p95 > a.p95 ? b : a));
  console.log(`extension activation: ${act === undefined ? 'not measured (no dist/extension.js)' : `${act.toFixed(1)} ms`}`);
  const growth = rows.length > 1 ? (big.coldRssMb - rows[1].coldRssMb) / rows[1].coldRssMb : 0;
  // linear: a fixed start-up cost plus a constant cost per file, i.e. the marginal cost (ms per
  // 1k more files) between consecutive sizes stays within 1.5x
  const marginal = rows.slice(1).map((r, i) => ((r.cold - rows[i].cold) * 1000) / ((r.n - rows[i].n) / 1000));
  const linear = marginal.length > 0 && Math.max(...marginal) / Math.min(...marginal) < 1.5;
  const targets = [
    [`scan <= 3x ripgrep at ${main} files, repeated scan with the result cache (${(m.warm / m.rg).toFixed(2)}x)`, m.warm / m.rg <= 3],
    [`scan <= 3x ripgrep at ${main} files, first scan without cache (${(m.cold / m.rg).toFixed(2)}x)`, m.cold / m.rg <= 3],
    [`peak RSS <= 150 MB (first scan ${m.coldRssMb.toFixed(0)} MB, repeated ${m.warmRssMb.toFixed(0)} MB)`, Math.max(m.coldRssMb, m.warmRssMb) <= 150],
    [`RSS growth ${rows[1].n}->${big.n} files < 20% (${(growth * 100).toFixed(0)}%)`, growth < 0.2],
    [`editor p95 <= 10 ms for every kind of file (worst: ${worst.file} ${worst.p95.toFixed(2)} ms; over 10 ms: ${ed.filter((r) => r.p95 > 10).map((r) => r.file).join(', ') || 'none'})`, ed.every((r) => r.p95 <= 10)],
    [`activation <= 50 ms (${act === undefined ? 'n/a' : act.toFixed(1) + ' ms'})`, act !== undefined && act <= 50],
    [`cost linear in files (first scan, marginal ms per 1k more files within 1.5x: ${rows.slice(1).map((r, i) => `${rows[i].n}->${r.n} ${marginal[i].toFixed(1)}`).join(', ')})`, linear],
  ] as const;
  console.log(`targets: ${targets.map(([t, ok]) => `${ok ? 'MET' : 'NOT MET'}: ${t}`).join('; ')}`);
}

main().catch((e) => {
  console.error(`bench: ${(e as Error).message}`);
  process.exitCode = 1;
});
