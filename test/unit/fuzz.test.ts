/**
 * Fuzzing inside `npm test` (a few thousand runs; `npm run fuzz -- --runs N` for long runs).
 * See test/fuzz/harness.ts for the inputs and the property.
 */
import * as assert from 'assert';
import { describe, it } from 'node:test';
import { Engine } from '../../src/core';
import { ANALYZERS } from '../../src/core/analyzers';
import { representativeNames, runFuzz, newStats, HANG_BOUND_MS, mutate } from '../fuzz/harness';
import { ROOT } from './helpers';

const engine = new Engine();
/** FUZZ_SEED reproduces a failing run printed by fast-check. */
const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;

describe('fuzzing', () => {
  it('every registered analyzer has a representative file name', () => {
    const names = representativeNames();
    assert.deepStrictEqual([...names.keys()].sort(), Object.keys(ANALYZERS).sort());
  });

  it('mutations change their input (the fuzzer is not a no-op)', () => {
    const input = Buffer.from('resource "aws_bedrock_guardrail" "g" {}\n');
    assert.notDeepStrictEqual(mutate(input, [{ op: 'token', at: 9, token: '{', times: 3 }]), input);
    assert.strictEqual(mutate(input, [{ op: 'truncate', at: 5 }]).length, 5);
  });

  it('scanBytes and scanText never throw on mutated fixtures, token soups, random JSON and random bytes', { timeout: 15 * 60_000 }, async (t) => {
    const stats = newStats();
    await runFuzz(engine, ROOT, { mutated: 1500, tokenSoup: 600, jsonish: 300, rawBytes: 300 }, { seed, stats });
    t.diagnostic(`calls ${stats.calls}; slowest ${Math.round(stats.maxMs)} ms (${stats.slowest}); max heap growth ${(stats.maxHeapGrowth / 1048576).toFixed(1)} MiB; outcomes ${JSON.stringify(stats.outcomes)}`);
    assert.ok(stats.maxMs < HANG_BOUND_MS);
    assert.ok(stats.outcomes['findings'] > 0, 'some mutated inputs still produce findings');
    assert.ok(Object.keys(stats.outcomes).some((k) => k.startsWith('skip:')), 'some inputs are skipped');
  });
});
