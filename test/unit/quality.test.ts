/**
 * The quality gate: the engine's overall precision and recall on the labelled corpus
 * (test/corpus/) reach the scorer's thresholds. Failures list every false positive and negative.
 */
import * as assert from 'assert';
import { describe, it } from 'node:test';
import { MIN_PRECISION, MIN_RECALL, renderReport, runQuality } from '../../scripts/quality';

describe('detection quality on the labelled corpus', () => {
  it(`reaches precision >= ${MIN_PRECISION} and recall >= ${MIN_RECALL}`, async () => {
    const report = await runQuality();
    const { precision, recall } = report.tally.overall;
    assert.ok(report.labels > 300, `corpus has only ${report.labels} labels`);
    assert.deepStrictEqual(report.skipped, [], 'every corpus file must be read');
    assert.ok(precision >= MIN_PRECISION && recall >= MIN_RECALL, renderReport(report));
  });

  it('reports no finding in the workspaces without any binding', async () => {
    const report = await runQuality(undefined, ['none-vanilla-openai-anthropic', 'none-serverless-data-platform', 'bait-ops-dashboard', 'bait-enterprise-portal']);
    const fps = report.workspaces.flatMap((w) => w.falsePositives.map((f) => `${w.workspace}/${f.file}:${f.line} ${f.ruleId}`));
    assert.deepStrictEqual(fps, []);
  });
});
