/**
 * JSON and JSON with comments through `jsonc-parser` (error tolerant, offsets for every node).
 * Covers ARM templates, CloudFormation JSON, Terraform JSON, package.json and app settings.
 */
import { type Node as JNode, type ParseError, parseTree, printParseErrorCode } from 'jsonc-parser';
import type { Atom } from '../types';
import { type DNode, dataAtoms, dialectOf } from './data';
import type { AnalyzeInput, AnalyzeOutput, ParseProblem } from './types';

const MAX_DEPTH = 500;

function convert(n: JNode | undefined, depth: number): DNode | undefined {
  if (!n || depth > MAX_DEPTH) return undefined;
  switch (n.type) {
    case 'object': {
      const entries = [];
      for (const p of n.children ?? []) {
        const [k, v] = p.children ?? [];
        if (!k) continue;
        entries.push({ key: String(k.value), keyStart: k.offset + 1, keyEnd: k.offset + k.length - 1, value: convert(v, depth + 1) });
      }
      return { type: 'map', entries, start: n.offset, end: n.offset + n.length };
    }
    case 'array': {
      const items: DNode[] = [];
      for (const c of n.children ?? []) {
        const d = convert(c, depth + 1);
        if (d) items.push(d);
      }
      return { type: 'seq', items, start: n.offset, end: n.offset + n.length };
    }
    case 'string':
      return { type: 'scalar', value: n.value as string, start: n.offset + 1, end: n.offset + n.length - 1 };
    case 'number':
    case 'boolean':
    case 'null':
      return { type: 'scalar', value: n.value as number | boolean | null, start: n.offset, end: n.offset + n.length };
    default:
      return undefined;
  }
}

function parse(input: AnalyzeInput): { root: DNode | undefined; problems: ParseProblem[] } {
  const errors: ParseError[] = [];
  const tree = parseTree(input.text, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true });
  const problems = errors.map((e) => ({ start: e.offset, end: e.offset + e.length, message: `JSON: ${printParseErrorCode(e.error)}` }));
  return { root: convert(tree, 0), problems };
}

export function analyzeJson(input: AnalyzeInput): AnalyzeOutput {
  const { root, problems } = parse(input);
  const artifact = dialectOf(input.path, root, 'json');
  return { artifact, atoms: dataAtoms(input.text, artifact, root), problems };
}

export function analyzeTerraformJson(input: AnalyzeInput): AnalyzeOutput {
  const { root, problems } = parse(input);
  const atoms: Atom[] = dataAtoms(input.text, 'terraform', root, true);
  return { artifact: 'terraform', atoms, problems };
}
