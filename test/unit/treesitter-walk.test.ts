/**
 * The focused walk (parsers/treesitter.ts: walk with keyword ranges) visits exactly the nodes a
 * plain recursive walk visits when it skips every subtree that overlaps no range, in the same
 * order, also where it jumps over siblings from their parent, and with subtrees the visitor declines.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { getParser, overlaps, walk, type Grammar, type TSNode } from '../../src/core/parsers/treesitter';

const ROOT = path.join(__dirname, '..', '..', '..');

/** Source files of the corpus and the fixtures, by grammar. */
function samples(): { grammar: Grammar; text: string; file: string }[] {
  const byExt: Record<string, Grammar> = { '.py': 'python', '.ts': 'typescript', '.js': 'javascript', '.go': 'go', '.java': 'java', '.cs': 'c-sharp', '.tf': 'hcl', '.sh': 'bash' };
  const out: { grammar: Grammar; text: string; file: string }[] = [];
  const visit = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) visit(p);
      else if (byExt[path.extname(e.name)] && fs.statSync(p).size < 200_000) out.push({ grammar: byExt[path.extname(e.name)], text: fs.readFileSync(p, 'utf8'), file: path.relative(ROOT, p) });
    }
  };
  visit(path.join(ROOT, 'test', 'corpus'));
  visit(path.join(ROOT, 'examples'));
  return out;
}

function reference(node: TSNode, focus: readonly number[], decline: (n: TSNode) => boolean, out: string[]): void {
  if (!overlaps(focus, node.startIndex, node.endIndex)) return;
  let go = true;
  if (node.isNamed) {
    out.push(`${node.type} ${node.startIndex}-${node.endIndex}`);
    go = !decline(node);
  }
  if (go) for (const c of node.children) if (c) reference(c, focus, decline, out);
}

function focused(root: TSNode, focus: readonly number[], decline: (n: TSNode) => boolean): string[] {
  const out: string[] = [];
  walk(
    root,
    (n) => {
      out.push(`${n.type} ${n.startIndex}-${n.endIndex}`);
      return !decline(n);
    },
    focus,
  );
  return out;
}

/** Ranges (sorted, disjoint start/end pairs) from positions in [0, length]. */
function ranges(length: number) {
  return fc.uniqueArray(fc.integer({ min: 0, max: Math.max(1, length) }), { maxLength: 12 }).map((xs) => {
    const s = [...xs].sort((a, b) => a - b);
    const out: number[] = [];
    for (let i = 0; i + 1 < s.length; i += 2) if (s[i] < s[i + 1]) out.push(s[i], s[i + 1]);
    return out;
  });
}

describe('focused tree walk', () => {
  const files = samples();

  it('has samples of every grammar it is checked on', () => {
    const grammars = new Set(files.map((f) => f.grammar));
    for (const g of ['python', 'typescript', 'go', 'java', 'c-sharp', 'hcl'] as Grammar[]) assert.ok(grammars.has(g), `no ${g} sample`);
  });

  it('visits what the recursive walk visits, for keyword-like and random ranges, with declined subtrees', async () => {
    let jumps = 0;
    for (const f of files) {
      const parser = await getParser(f.grammar);
      const tree = parser.parse(f.text)!;
      try {
        // ranges where the sample's words sit, as the keyword prefilter would give
        const words: number[] = [];
        for (const m of f.text.matchAll(/openai|bedrock|azure|sagemaker|vertex|boto3|aiplatform/gi)) words.push(m.index!, m.index! + m[0].length);
        const cases = [words, ...fc.sample(ranges(f.text.length), { numRuns: 6, seed: f.text.length })];
        for (const focus of cases) {
          for (const decline of [() => false, (n: TSNode) => n.type.includes('call') || n.type.includes('block')]) {
            const want: string[] = [];
            reference(tree.rootNode, focus, decline, want);
            assert.deepStrictEqual(focused(tree.rootNode, focus, decline), want, `${f.file} ${JSON.stringify(focus)}`);
            if (focus.length && want.length < 50) jumps++;
          }
        }
      } finally {
        tree.delete();
      }
    }
    assert.ok(jumps > 20);
  });

  it('jumps over the siblings of a long file without stepping through them', async () => {
    const parser = await getParser('typescript');
    const text = Array.from({ length: 3000 }, (_, i) => (i === 1500 ? 'const c = new AzureOpenAI();' : `const v${i} = f(${i});`)).join('\n');
    const tree = parser.parse(text)!;
    try {
      const at = text.indexOf('AzureOpenAI');
      const seen = focused(tree.rootNode, [at, at + 11], () => false);
      assert.ok(seen.length < 12, seen.join(', '));
      assert.ok(seen.some((s) => s.startsWith('new_expression')));
      const want: string[] = [];
      reference(tree.rootNode, [at, at + 11], () => false, want);
      assert.deepStrictEqual(seen, want);
    } finally {
      tree.delete();
    }
  });
});
