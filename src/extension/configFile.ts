/**
 * Edits of the workspace config file `.ai-lockin-audit.yaml`, through the `yaml` package's
 * document model so comments and layout survive. Pure (no `vscode`).
 */
import { isMap, parseDocument, YAMLMap } from 'yaml';

export const SCHEMA_MODELINE_PREFIX = '# yaml-language-server: $schema=';

/** Text of a new config file; `schemaRef` is where the editor's YAML support finds the schema. */
export function newConfigText(schemaRef: string): string {
  return [
    `${SCHEMA_MODELINE_PREFIX}${schemaRef}`,
    '# AI Lock-in Audit configuration. Editor settings (aiLockinAudit.*) win over this file.',
    'version: 1',
    '# Extra paths to leave out, in .gitignore syntax.',
    'exclude: []',
    '# Per rule: off | on | error | warning | note',
    'rules: {}',
    '# Providers whose findings are accepted: reported as suppressed, never failing.',
    'acceptedProviders: []',
    '',
  ].join('\n');
}

export class ConfigEditError extends Error {}

/**
 * `rules: { <id>: off }` set in the config text (a new file's text when `text` is undefined or
 * empty). Throws ConfigEditError when the existing text cannot be edited safely (invalid YAML,
 * not a mapping, `rules` not a mapping).
 */
export function disableRuleText(text: string | undefined, ruleId: string, schemaRef?: string): string {
  const source = text && text.trim() ? text : schemaRef ? newConfigText(schemaRef) : 'version: 1\n';
  const doc = parseDocument(source);
  if (doc.errors.length) throw new ConfigEditError(`the config file is not valid YAML: ${doc.errors[0].message.split('\n')[0]}`);
  if (doc.contents === null || doc.contents === undefined) doc.contents = doc.createNode({}) as never;
  if (!isMap(doc.contents)) throw new ConfigEditError('the config file is not a mapping');
  const root = doc.contents as YAMLMap;
  let rules = root.get('rules', true);
  if (rules === undefined || rules === null || (typeof rules === 'object' && 'value' in (rules as object) && (rules as { value: unknown }).value === null)) {
    root.set('rules', doc.createNode({ [ruleId]: 'off' }));
  } else if (isMap(rules)) {
    const m = rules as YAMLMap;
    // a flow map `{}` with entries reads better in block style
    if (m.flow && m.items.length === 0) m.flow = false;
    m.set(ruleId, 'off');
  } else {
    throw new ConfigEditError('"rules" in the config file is not a mapping');
  }
  return doc.toString();
}
