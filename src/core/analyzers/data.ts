/**
 * Structured data (YAML, JSON) as one small tree, so that dialect detection (CloudFormation,
 * ARM, Terraform JSON, Kubernetes, compose, CI pipelines, app config, package.json) and atom
 * extraction are written once for both syntaxes.
 */
import type { ArtifactKind, Atom } from '../types';

export type DNode = DMap | DSeq | DScalar;

export interface DMap {
  type: 'map';
  entries: DEntry[];
  start: number;
  end: number;
}
export interface DEntry {
  key: string;
  keyStart: number;
  keyEnd: number;
  value: DNode | undefined;
}
export interface DSeq {
  type: 'seq';
  items: DNode[];
  start: number;
  end: number;
}
export interface DScalar {
  type: 'scalar';
  value: string | number | boolean | null;
  /** Offsets of the scalar's content (without quotes where the syntax allows knowing them). */
  start: number;
  end: number;
  /** YAML tag, e.g. `!Sub`. */
  tag?: string;
}

export function get(node: DNode | undefined, key: string): DNode | undefined {
  if (node?.type !== 'map') return undefined;
  return node.entries.find((e) => e.key === key)?.value;
}

function str(node: DNode | undefined): string | undefined {
  return node?.type === 'scalar' && typeof node.value === 'string' ? node.value : undefined;
}

const COMMAND_KEYS = new Set(['run', 'script', 'inlineScript', 'bash', 'pwsh', 'powershell', 'before_script', 'after_script', 'command', 'args', 'entrypoint']);
const CI_KINDS = new Set<ArtifactKind>(['github-actions', 'azure-pipelines', 'gitlab-ci', 'kubernetes', 'helm', 'compose', 'yaml']);

/** Decide the dialect of a data file from its path and its first document. */
export function dialectOf(path: string, root: DNode | undefined, syntax: 'yaml' | 'json'): ArtifactKind {
  const lower = path.toLowerCase();
  const base = lower.slice(lower.lastIndexOf('/') + 1);
  if (syntax === 'json') {
    if (base === 'package.json') return 'dependency-manifest';
    if (/^appsettings([.-][\w-]+)?\.json$/.test(base) || base === 'local.settings.json') return 'app-config';
  }
  if (root?.type === 'map') {
    const schema = str(get(root, '$schema')) ?? '';
    if (/deploymentTemplate|deploymentParameters|subscriptionDeploymentTemplate|managementGroupDeploymentTemplate|tenantDeploymentTemplate/i.test(schema)) return 'arm';
    if (get(root, 'AWSTemplateFormatVersion') !== undefined) return 'cloudformation';
    const transform = get(root, 'Transform');
    if (transform && /AWS::Serverless/.test(JSON.stringify(plain(transform)))) return 'cloudformation';
    const resources = get(root, 'Resources');
    if (resources?.type === 'map' && resources.entries.some((e) => /^(AWS|Alexa|Custom)::/.test(str(get(e.value, 'Type')) ?? ''))) return 'cloudformation';
  }
  if (syntax === 'yaml') {
    if (/(^|\/)\.github\/workflows\//.test(lower) || base === 'action.yml' || base === 'action.yaml') return 'github-actions';
    if (base === '.gitlab-ci.yml' || base === '.gitlab-ci.yaml' || /(^|\/)\.gitlab\//.test(lower)) return 'gitlab-ci';
    if (/^azure-pipelines[\w.-]*\.ya?ml$/.test(base) || /(^|\/)\.?(azure-)?pipelines\//.test(lower) || /(^|\/)\.azuredevops\//.test(lower)) return 'azure-pipelines';
    if (/^(docker-)?compose[\w.-]*\.ya?ml$/.test(base)) return 'compose';
    if (base === 'kustomization.yaml' || base === 'kustomization.yml') return 'kustomize';
    if (base === 'chart.yaml' || /^values[\w.-]*\.ya?ml$/.test(base) || /(^|\/)templates\//.test(lower)) return 'helm';
    if (/^(application|bootstrap)([.-][\w-]+)?\.ya?ml$/.test(base)) return 'app-config';
    if (root?.type === 'map' && str(get(root, 'apiVersion')) !== undefined && str(get(root, 'kind')) !== undefined) {
      return str(get(root, 'kind')) === 'Kustomization' ? 'kustomize' : 'kubernetes';
    }
    if (root?.type === 'map' && get(root, 'services')?.type === 'map' && (get(root, 'version') !== undefined || (get(root, 'services') as DMap).entries.some((e) => get(e.value, 'image') !== undefined))) return 'compose';
    if (root?.type === 'map' && get(root, 'jobs') !== undefined && get(root, 'on') !== undefined) return 'github-actions';
    return 'yaml';
  }
  return 'json';
}

/** Plain JS value of a node (bounded: used on small subtrees only). */
export function plain(node: DNode | undefined, depth = 0): unknown {
  if (!node || depth > 20) return undefined;
  if (node.type === 'scalar') return node.value;
  if (node.type === 'seq') return node.items.map((i) => plain(i, depth + 1));
  const o: Record<string, unknown> = {};
  for (const e of node.entries) o[e.key] = plain(e.value, depth + 1);
  return o;
}

function pushScalarResource(atoms: Atom[], node: DNode | undefined, text?: string): void {
  if (node?.type === 'scalar' && typeof node.value === 'string') {
    atoms.push({ kind: 'resource-type', value: node.value, start: node.start, end: node.end, text });
  }
}

/** ARM resources, nested `resources` arrays included. */
function armResources(atoms: Atom[], list: DNode | undefined, depth = 0): void {
  if (list?.type !== 'seq' || depth > 10) return;
  for (const r of list.items) {
    const api = str(get(r, 'apiVersion'));
    pushScalarResource(atoms, get(r, 'type'), api);
    armResources(atoms, get(r, 'resources'), depth + 1);
  }
  // ARM languageVersion 2.0 uses an object of symbolic names
}

function dialectAtoms(atoms: Atom[], kind: ArtifactKind, root: DNode | undefined, terraformJson: boolean): void {
  if (root?.type !== 'map') return;
  if (terraformJson) {
    for (const section of ['resource', 'data']) {
      const s = get(root, section);
      const types = s?.type === 'seq' ? s.items : [s];
      for (const t of types) {
        if (t?.type !== 'map') continue;
        for (const e of t.entries) atoms.push({ kind: 'resource-type', value: e.key, start: e.keyStart, end: e.keyEnd, key: section });
      }
    }
    const modules = get(root, 'module');
    if (modules?.type === 'map') {
      for (const m of modules.entries) {
        const src = get(m.value, 'source');
        if (src?.type === 'scalar' && typeof src.value === 'string') atoms.push({ kind: 'module-source', value: src.value, start: src.start, end: src.end });
      }
    }
    return;
  }
  if (kind === 'cloudformation') {
    const resources = get(root, 'Resources');
    if (resources?.type === 'map') for (const e of resources.entries) pushScalarResource(atoms, get(e.value, 'Type'));
  } else if (kind === 'arm') {
    const res = get(root, 'resources');
    if (res?.type === 'seq') armResources(atoms, res);
    else if (res?.type === 'map') armResources(atoms, { type: 'seq', items: res.entries.map((e) => e.value).filter((v): v is DNode => !!v), start: res.start, end: res.end });
  } else if (kind === 'dependency-manifest') {
    for (const section of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']) {
      const deps = get(root, section);
      if (deps?.type !== 'map') continue;
      for (const e of deps.entries) atoms.push({ kind: 'dependency', value: e.key, start: e.keyStart, end: e.keyEnd, text: str(e.value), key: section });
    }
  }
}

/**
 * Atoms of one document: every key (value = key name, `text` = scalar value, `path`), every
 * string scalar (`key` = its key), env var names in `name:`/`value:` pairs and `X=Y` list items,
 * command lines under run/script keys, and the dialect's resource types.
 */
export function dataAtoms(source: string, kind: ArtifactKind, root: DNode | undefined, terraformJson = false): Atom[] {
  const atoms: Atom[] = [];
  dialectAtoms(atoms, kind, root, terraformJson);
  const commands = CI_KINDS.has(kind);
  // iterative walk: deep documents cannot overflow the stack
  const stack: { node: DNode; path: string; key?: string }[] = [];
  if (root) stack.push({ node: root, path: '' });
  while (stack.length) {
    const { node, path, key } = stack.pop()!;
    if (node.type === 'map') {
      const nameEntry = node.entries.find((e) => e.key === 'name');
      const nameVal = str(nameEntry?.value);
      if (nameVal && nameEntry?.value && (node.entries.some((e) => e.key === 'value' || e.key === 'valueFrom'))) {
        // Kubernetes / Azure Pipelines style env entry: { name: X, value: Y }
        const v = nameEntry.value as DScalar;
        atoms.push({ kind: 'key', value: nameVal, start: v.start, end: v.end, text: str(get(node, 'value')), path: `${path}.name` });
      }
      for (let i = node.entries.length - 1; i >= 0; i--) {
        const e = node.entries[i];
        const p = path ? `${path}.${e.key}` : e.key;
        const v = e.value;
        atoms.push({ kind: 'key', value: e.key, start: e.keyStart, end: e.keyEnd, text: v?.type === 'scalar' && v.value !== null ? String(v.value) : undefined, path: p });
        if (v) stack.push({ node: v, path: p, key: e.key });
      }
    } else if (node.type === 'seq') {
      for (let i = node.items.length - 1; i >= 0; i--) stack.push({ node: node.items[i], path: `${path}[${i}]`, key });
    } else if (typeof node.value === 'string') {
      atoms.push({ kind: 'string', value: node.value, start: node.start, end: node.end, key, path });
      const eq = /^([A-Za-z_][A-Za-z0-9_.]*)=/.exec(node.value);
      if (eq && (key === 'environment' || key === 'env' || key === 'variables')) {
        atoms.push({ kind: 'key', value: eq[1], start: node.start, end: node.start + eq[1].length, text: node.value.slice(eq[0].length), path });
      }
      if (commands && key && COMMAND_KEYS.has(key)) commandAtoms(atoms, source, node);
    }
  }
  return atoms;
}

/** One `command` atom per non-comment line of a script scalar, located in the source (block scalars are de-indented). */
function commandAtoms(atoms: Atom[], source: string, node: DScalar): void {
  let cursor = node.start;
  for (const line of String(node.value).split('\n')) {
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith('#')) continue;
    const at = source.indexOf(trimmed, cursor);
    const found = at >= 0 && at <= node.end;
    const start = found ? at : node.start;
    atoms.push({ kind: 'command', value: trimmed, start, end: found ? at + trimmed.length : node.end });
    if (found) cursor = at + trimmed.length;
  }
}
