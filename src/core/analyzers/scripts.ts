/**
 * Scripts embedded in data files (CI `run:`/`script:` steps, container `command:`/`args:`):
 * parsed as shell or PowerShell on the scalar's own source text, so that atom offsets are the
 * file's own and a command in a `run: |` block is reported on its line.
 */
import type { Atom } from '../types';
import type { ExecRef, ScriptRef } from './data';
import { powershellAtoms } from './powershell';
import { shellAtoms } from './shell';

/** The scalar's source text prepared for a shell parser, same length as the source range. */
export function scriptSource(source: string, ref: ScriptRef): string {
  const { start, end, style } = ref.node;
  let text = source.slice(start, end);
  if (style === 'literal' || style === 'folded') {
    // blank the block header (`|`, `>-`, `|2 # comment`)
    const nl = text.indexOf('\n');
    text = (nl < 0 ? text : text.slice(0, nl)).replace(/[^\r]/g, ' ') + (nl < 0 ? '' : text.slice(nl));
  }
  if (style === 'folded' || style === 'plain' || style === 'quoted') {
    // YAML folds a line break between two non-empty lines into a space
    text = text.replace(/\n(?=[ \t]*\S)/g, (m, at: number) => (at > 0 && text[at - 1] !== '\n' ? ' ' : m));
  }
  return text;
}

export async function scriptAtoms(source: string, ref: ScriptRef): Promise<Atom[]> {
  const text = scriptSource(source, ref);
  const atoms = ref.lang === 'powershell' ? await powershellAtoms(text) : await shellAtoms(text);
  const base = ref.node.start;
  return atoms.map((a) => ({ ...a, start: a.start + base, end: a.end + base }));
}

/** One command atom for an exec-form list: the items joined by spaces. */
export function execAtom(ref: ExecRef): Atom | undefined {
  const items = ref.items.filter((i) => typeof i.value === 'string' || typeof i.value === 'number');
  if (!items.length) return undefined;
  const first = items[0];
  return { kind: 'command', value: items.map((i) => String(i.value)).join(' '), start: first.start, end: first.end };
}
