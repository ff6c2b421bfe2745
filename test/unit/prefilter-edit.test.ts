/**
 * The editor's per-edit work on the whole text: the changed span of an edit, and the keyword scan
 * of an edited text re-done only around the change. Both must equal their whole-text versions.
 */
import * as assert from 'assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { loadCatalog } from '../../src/core';
import { Prefilter } from '../../src/core/prefilter';
import type { Rule } from '../../src/core/types';
import { changedSpan, positionFrom } from '../../src/core/util/span';

function naiveSpan(before: string, after: string) {
  const max = Math.min(before.length, after.length);
  let p = 0;
  while (p < max && before[p] === after[p]) p++;
  let s = 0;
  while (s < max - p && before[before.length - 1 - s] === after[after.length - 1 - s]) s++;
  return { start: p, oldEnd: before.length - s, newEnd: after.length - s };
}

/** An edit: replace `[at, at + del)` (positions as fractions of the length) with `ins`. */
const edit = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), del: fc.nat(40), ins: fc.string({ maxLength: 30 }) });
function apply(text: string, e: { at: number; del: number; ins: string }): string {
  const at = Math.min(text.length, Math.floor(e.at * text.length));
  return text.slice(0, at) + e.ins + text.slice(Math.min(text.length, at + e.del));
}

describe('changedSpan', () => {
  it('equals a character-by-character comparison, for short and long texts and repeated characters', () => {
    const base = fc.oneof(fc.string({ maxLength: 200 }), fc.constantFrom('a'.repeat(40000), 'ab'.repeat(20000) + 'x', 'line\n'.repeat(9000)));
    fc.assert(
      fc.property(base, edit, (text, e) => {
        const after = apply(text, e);
        assert.deepStrictEqual(changedSpan(text, after), naiveSpan(text, after));
        assert.deepStrictEqual(changedSpan(after, text), naiveSpan(after, text));
      }),
      { numRuns: 400, seed: 20261125 },
    );
  });

  it('an edit at the very start or end of a text over a block long', () => {
    const text = 'x'.repeat(20000) + 'y'.repeat(20000);
    for (const after of ['z' + text, text + 'z', text.slice(1), text.slice(0, -1), text.slice(0, 16384) + 'q' + text.slice(16384), '']) {
      assert.deepStrictEqual(changedSpan(text, after), naiveSpan(text, after));
    }
  });

  it('positionFrom continues a walk from a known position', () => {
    const text = 'ab\ncd\n\nef';
    for (let o = 0; o <= text.length; o++) {
      const whole = positionFrom(text, o);
      const before = text.slice(0, o);
      assert.strictEqual(whole.row, before.split('\n').length - 1);
      assert.strictEqual(whole.column, o - (before.lastIndexOf('\n') + 1));
      for (let f = 0; f <= o; f++) {
        const at = positionFrom(text, f);
        assert.deepStrictEqual(positionFrom(text, o, { offset: f, row: at.row, lineStart: at.lineStart }), whole);
      }
    }
  });
});

describe('keyword scan of an edited text', () => {
  const catalog = new Prefilter(loadCatalog().rules);
  const overlapping = new Prefilter([{ keywords: ['translate.googleapis', '.googleapis.com'] }, { keywords: ['googleapis', 'api'] }] as unknown as Rule[]);
  const fragments = ['openai', 'OpenAI', 'AzureOpenAI', 'bedrock', 'sagemaker', 'translate.googleapis.com', 'googleapis', 'vertex', 'aiplatform', 'cognitive', ' ', '\n', 'x', 'open', 'ai', 'TRANSLATE.', '.com', '#', '"'];
  const text = fc.array(fc.constantFrom(...fragments), { maxLength: 60 }).map((a) => a.join(''));
  const keywordEdit = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), del: fc.nat(12), ins: fc.array(fc.constantFrom(...fragments), { maxLength: 3 }).map((a) => a.join('')) });

  for (const [name, pf] of [['the catalog', catalog], ['overlapping keywords', overlapping]] as const) {
    it(`${name}: after each of a sequence of edits, the re-scan equals a scan of the whole text`, () => {
      let edits = 0;
      let found = 0;
      fc.assert(
        fc.property(text, fc.array(fc.oneof(edit, keywordEdit), { minLength: 1, maxLength: 10 }), (start, seq) => {
          let prev = pf.scanText(start);
          let t = start;
          for (const e of seq) {
            t = apply(t, e);
            const now = pf.scanEdited(prev, t);
            const whole = pf.scanText(t);
            assert.deepStrictEqual(now, whole, `${JSON.stringify(prev.text)} -> ${JSON.stringify(t)}`);
            assert.deepStrictEqual(pf.scan(t), { keywords: whole.keywords, hits: whole.hits });
            prev = now;
            edits++;
            if (whole.keywords.size) found++;
          }
        }),
        { numRuns: 300, seed: 20261125 },
      );
      assert.ok(found > edits / 5, `keywords after only ${found} of ${edits} edits`);
    });
  }

  it('an edit of the first character of the longest keyword finds it whole', () => {
    const pf = new Prefilter([{ keywords: ['abcdef', 'bcd'] }] as unknown as Rule[]);
    for (const [before, after] of [['zbcdef', 'abcdef'], ['xx zbcdef yy', 'xx abcdef yy'], ['abcdef', 'zbcdef']]) {
      const now = pf.scanEdited(pf.scanText(before), after);
      assert.deepStrictEqual(now, pf.scanText(after), `${before} -> ${after}`);
    }
    assert.deepStrictEqual([...pf.scanEdited(pf.scanText('zbcdef'), 'abcdef').keywords].sort(), ['abcdef', 'bcd']);
  });

  it('an edit far from every keyword keeps their occurrences, shifted', () => {
    const before = 'openai ' + 'x'.repeat(5000) + ' bedrock';
    const after = 'openai ' + 'x'.repeat(2000) + 'yy' + 'x'.repeat(3000) + ' bedrock';
    const now = catalog.scanEdited(catalog.scanText(before), after);
    assert.deepStrictEqual(now.starts, [0, before.length - 7 + 2]);
    assert.deepStrictEqual(now, catalog.scanText(after));
  });
});
