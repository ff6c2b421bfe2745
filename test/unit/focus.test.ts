/**
 * The editor's shortcuts change no finding: skipping keyword-free subtrees (focus) and
 * incremental re-parsing give exactly what a plain full parse gives.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Engine, type FileResult } from '../../src/core';
import { FIXTURES, ROOT } from './helpers';

function files(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) files(p, out);
    else if (e.isFile() && fs.statSync(p).size < 512 * 1024) out.push(p);
  }
  return out;
}

const shape = (r: FileResult) => r.findings.map((f) => `${f.ruleId}@${f.range.startLine}:${f.range.startColumn}-${f.range.endLine}:${f.range.endColumn}`).sort();

describe('editor shortcuts', () => {
  const plain = new Engine({ focus: false });
  const focused = new Engine();
  const corpus = [path.join(FIXTURES, 'rules'), path.join(ROOT, 'test', 'corpus'), path.join(ROOT, 'examples')].filter((d) => fs.existsSync(d)).flatMap((d) => files(d));

  it(`skipping keyword-free subtrees changes no finding (${corpus.length} files)`, async () => {
    let compared = 0;
    for (const file of corpus) {
      const rel = path.relative(ROOT, file).split(path.sep).join('/');
      if (!focused.analyzerFor(rel)) continue;
      const bytes = fs.readFileSync(file);
      const a = await plain.scanBytes(rel, bytes);
      const b = await focused.scanBytes(rel, bytes);
      assert.deepStrictEqual(shape(b), shape(a), rel);
      compared++;
    }
    assert.ok(compared > 100, `only ${compared} files compared`);
  });

  it('incremental re-parsing after random edits gives the findings of a fresh parse', async () => {
    const sources = corpus.filter((f) => /\.(py|ts|js|go|java|cs|tf)$/.test(f)).slice(0, 40).map((f) => ({ rel: path.relative(ROOT, f).split(path.sep).join('/'), text: fs.readFileSync(f, 'utf8') }));
    assert.ok(sources.length >= 10);
    const incremental = new Engine({ incremental: true });
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: sources.length - 1 }), fc.array(fc.tuple(fc.nat(), fc.nat({ max: 40 }), fc.constantFrom('', ' ', '\n', 'x', '"', '(', '}', '# c\n', 'AzureOpenAI(', '"bedrock-runtime"', 'é😀')), { minLength: 1, maxLength: 6 }), async (i, edits) => {
        const { rel, text: original } = sources[i];
        let text = original;
        await incremental.scanText(rel, text);
        for (const [at, del, ins] of edits) {
          const p = at % (text.length + 1);
          text = text.slice(0, p) + ins + text.slice(Math.min(text.length, p + del));
          const inc = await incremental.scanText(rel, text);
          const fresh = await plain.scanText(rel, text);
          assert.deepStrictEqual(shape(inc), shape(fresh));
        }
        incremental.forget(rel);
      }),
      { numRuns: 60, seed: 7 },
    );
  });
});
