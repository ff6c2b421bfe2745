/**
 * Long fuzz runs: `npm run fuzz -- --runs N [--seed S]`. N is the number of mutated inputs; token
 * soups, random JSON and random bytes get N/4 each. Prints the figures; exits 1 on a failure with
 * fast-check's counterexample and the seed to reproduce it.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Engine } from '../src/core';
import { newStats, runFuzz } from '../test/fuzz/harness';

async function main(argv: string[]): Promise<number> {
  let runs = 10_000;
  let seed: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--runs') runs = Number(argv[++i]);
    else if (argv[i] === '--seed') seed = Number(argv[++i]);
    else {
      process.stderr.write(`usage: npm run fuzz -- [--runs N] [--seed S]\n`);
      return 2;
    }
  }
  if (!Number.isFinite(runs) || runs < 1) {
    process.stderr.write('--runs needs a positive number\n');
    return 2;
  }
  seed ??= Date.now() % 2 ** 31;
  const root = path.resolve(__dirname, '..', '..');
  const stats = newStats();
  const t0 = Date.now();
  process.stdout.write(`fuzz: ${runs} mutated + ${Math.ceil(runs / 4)} x 3 generated inputs, seed ${seed}\n`);
  try {
    await runFuzz(new Engine(), root, { mutated: runs, tokenSoup: Math.ceil(runs / 4), jsonish: Math.ceil(runs / 4), rawBytes: Math.ceil(runs / 4) }, { seed, stats });
  } catch (e) {
    process.stdout.write(`${(e as Error).message}\n`);
    return 1;
  } finally {
    const rss = process.resourceUsage().maxRSS / 1024;
    if (stats.slowestInput) {
      const file = path.join(root, 'out', `fuzz-slowest-${path.basename(stats.slowestInput.name)}`);
      fs.writeFileSync(file, stats.slowestInput.bytes);
      process.stdout.write(`slowest input written to ${path.relative(process.cwd(), file)}\n`);
    }
    process.stdout.write(`calls ${stats.calls} in ${((Date.now() - t0) / 1000).toFixed(1)} s; slowest ${Math.round(stats.maxMs)} ms (${stats.slowest}); max heap growth ${(stats.maxHeapGrowth / 1048576).toFixed(1)} MiB; peak rss ${rss.toFixed(0)} MiB\noutcomes ${JSON.stringify(stats.outcomes)}\n`);
  }
  return 0;
}

main(process.argv.slice(2)).then((code) => (process.exitCode = code));
