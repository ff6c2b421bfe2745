/**
 * The terms guard: the knowledge base matches ../shared/TERMS.md, guidance states no number or
 * date that no fact holds, reported figures say they are reported, "may" never becomes "will".
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { describe, it } from 'node:test';
import { composeGuidance, loadCatalog, loadTerms, statement } from '../../src/core';
import { ROOT } from './helpers';

const terms = loadTerms();
const TERMS_MD = path.join(ROOT, '..', 'shared', 'TERMS.md');

/** Numbers, money and dates in a text: "2032", "$13 billion", "20%", "27 April 2026". */
function figures(text: string): string[] {
  return text.match(/\$?\d[\d,.]*\s*(%|billion|million)?/g)?.map((s) => s.trim().replace(/[.,]$/, '')) ?? [];
}

/** Every figure any fact (or the announcement) holds. */
const allowed = new Set([...terms.facts.flatMap((f) => figures(f.text)), ...figures(terms.announcement.date)]);

export function checkGuidance(text: string, factIds: readonly string[]): string[] {
  const problems: string[] = [];
  const cited = factIds.map((id) => terms.byId.get(id)!);
  const citedFigures = new Set([...cited.flatMap((f) => figures(f.text)), ...figures(terms.announcement.date)]);
  for (const fig of figures(text)) {
    if (!allowed.has(fig)) problems.push(`states "${fig}", which no fact holds`);
    else if (!citedFigures.has(fig)) problems.push(`states "${fig}" without citing the fact that holds it`);
  }
  for (const f of cited.filter((x) => x.standing === 'reported')) {
    const i = text.indexOf(f.text);
    if (i < 0 || !/reported/i.test(text.slice(Math.max(0, i - 120), i))) problems.push(`presents reported fact ${f.id} without saying it is reported`);
  }
  if (/\bwill\b/i.test(text)) problems.push('says "will": the sources say "may"');
  return problems;
}

describe('terms knowledge base', () => {
  it('has every fact of TERMS.md with the same standing and sources', { skip: !fs.existsSync(TERMS_MD) && 'TERMS.md not beside the repository' }, () => {
    const md = fs.readFileSync(TERMS_MD, 'utf8');
    const rows = md.split('\n').filter((l) => /^\| [a-z0-9-]+ \|/.test(l));
    assert.ok(rows.length >= 12, 'TERMS.md table not found');
    for (const row of rows) {
      const cells = row.split('|').map((c) => c.trim());
      const [id, , sources, standing] = [cells[1], cells[2], cells[3], cells[4]];
      const fact = terms.byId.get(id);
      assert.ok(fact, `fact ${id} of TERMS.md is missing`);
      assert.strictEqual(fact.standing === 'announced' ? 'announced' : 'reported', standing.startsWith('announced') ? 'announced' : 'reported', `${id}: standing`);
      const expected = sources === 'all five' ? ['000', '001', '002', '003', '004'] : (sources.replace(/\(.*?\)/g, '').match(/\d{3}/g) ?? []);
      assert.deepStrictEqual([...fact.sources].sort(), [...expected].sort(), `${id}: sources`);
    }
  });

  it('keeps the modality of the sources and names every seed', () => {
    for (const f of terms.facts) assert.ok(!/\bwill\b/i.test(f.text), `${f.id} says "will"`);
    assert.strictEqual(terms.sources.length, 5);
    const seeds = path.join(ROOT, '..', 'shared', 'seeds');
    if (fs.existsSync(seeds)) for (const s of terms.sources) assert.ok(fs.existsSync(path.join(seeds, s.file)), `seed ${s.file} missing`);
  });

  it('does not cite 001 for the end of Microsoft revenue share', () => {
    assert.ok(!terms.byId.get('ms-revenue-share-ends')!.sources.includes('001'));
  });

  it('states reported facts as reported and analysis as analysis', () => {
    for (const f of terms.facts) {
      const s = statement(f);
      if (f.standing === 'reported') assert.match(s, /^Reported/);
      if (f.standing === 'analysis') assert.match(s, /^Analysis in the sources/);
    }
  });

  it('the guard catches an invented number, an unattributed report and a "will"', () => {
    assert.deepStrictEqual(checkGuidance('OpenAI may serve all of its products to customers across any cloud provider.', ['cloud-flexibility']), []);
    assert.ok(checkGuidance('Microsoft keeps a license through 2035.', ['ip-license-2032']).some((p) => p.includes('2035')));
    const aws = terms.byId.get('aws-partnership')!.text;
    assert.ok(checkGuidance(aws, ['aws-partnership']).some((p) => p.includes('without saying it is reported')));
    assert.ok(checkGuidance('OpenAI will serve its products on any cloud.', ['cloud-flexibility']).some((p) => p.includes('will')));
  });

  for (const rule of loadCatalog().rules) {
    it(`guidance of ${rule.id} states only facts it cites`, () => {
      const g = composeGuidance(rule.facts, rule.alternative);
      assert.deepStrictEqual(checkGuidance(g, rule.facts), []);
      assert.deepStrictEqual(checkGuidance(rule.alternative + '\n' + rule.message.replace('{value}', ''), rule.facts).filter((p) => !p.includes('reported fact')), [], 'alternative or message');
    });
  }
});
