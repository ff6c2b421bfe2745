/**
 * The rule catalog: every rule loads, has docs, a positive and a negative fixture; positives
 * yield the rule, negatives never do; generated docs pages are up to date.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { describe, it } from 'node:test';
import { loadCatalog, scan, validateRule } from '../../src/core';
import { renderRuleDoc, renderRuleIndex } from '../../scripts/docs';
import { FIXTURES, ROOT } from './helpers';

const catalog = loadCatalog();

describe('rule catalog', () => {
  it('loads with unique ids and at least the Terraform rules', () => {
    assert.ok(catalog.rules.length >= 9, `only ${catalog.rules.length} rules`);
    assert.strictEqual(new Set(catalog.rules.map((r) => r.id)).size, catalog.rules.length);
  });

  it('rejects a rule with an unknown fact, a bad pattern or missing docs', () => {
    const good = { ...catalog.rules[0] };
    assert.throws(() => validateRule({ ...good, facts: ['no-such-fact'] }, 'x.yaml'), /unknown terms fact/);
    assert.throws(() => validateRule({ ...good, match: [{ atom: 'string', value: '(' }] }, 'x.yaml'), /invalid regular expression/);
    assert.throws(() => validateRule({ ...good, docs: '' }, 'x.yaml'), /docs/);
    assert.throws(() => validateRule({ ...good, match: [{ atom: 'nonsense', value: 'x' }] }, 'x.yaml'), /atom/);
  });

  for (const rule of catalog.rules) {
    describe(rule.id, () => {
      it('has docs with a "Not flagged" or negative description and a title', () => {
        assert.ok(rule.docs.trim().length > 80, 'docs too short');
        assert.ok(rule.title.length > 5);
        assert.ok(rule.alternative.length > 40, 'alternative too short');
      });

      for (const kind of ['positive', 'negative'] as const) {
        it(`has a ${kind} fixture that behaves`, async () => {
          const dir = path.join(FIXTURES, 'rules', rule.id, kind);
          assert.ok(fs.existsSync(dir) && fs.readdirSync(dir).length > 0, `missing fixture folder ${path.relative(ROOT, dir)}`);
          const result = await scan([dir], { overrides: { inlineSuppressions: false } });
          const hits = [...result.findings, ...result.suppressed].filter((f) => f.ruleId === rule.id);
          assert.deepStrictEqual(result.skipped, [], 'fixtures must parse');
          if (kind === 'positive') assert.ok(hits.length > 0, `${rule.id} found nothing in its positive fixture`);
          else assert.deepStrictEqual(hits.map((h) => `${h.file}:${h.range.startLine} ${h.message}`), [], `${rule.id} fired on its negative fixture`);
        });
      }

      it('has an up-to-date docs page', () => {
        const page = path.join(ROOT, 'docs', 'rules', `${rule.id}.md`);
        assert.ok(fs.existsSync(page), `missing ${path.relative(ROOT, page)}: run npm run docs`);
        assert.strictEqual(fs.readFileSync(page, 'utf8'), renderRuleDoc(rule), `${path.relative(ROOT, page)} is stale: run npm run docs`);
      });
    });
  }

  it('has an up-to-date rules index and no orphan fixtures or pages', () => {
    assert.strictEqual(fs.readFileSync(path.join(ROOT, 'docs', 'rules', 'README.md'), 'utf8'), renderRuleIndex(catalog.rules));
    const ids = new Set(catalog.rules.map((r) => r.id));
    for (const d of fs.readdirSync(path.join(FIXTURES, 'rules'))) assert.ok(ids.has(d), `fixture folder for unknown rule ${d}`);
    for (const f of fs.readdirSync(path.join(ROOT, 'docs', 'rules'))) if (f !== 'README.md') assert.ok(ids.has(f.replace(/\.md$/, '')), `docs page for unknown rule ${f}`);
  });
});
