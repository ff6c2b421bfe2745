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
  /** YAML scalar style: literal/folded block scalars start at their `|`/`>` header. */
  style?: 'plain' | 'quoted' | 'literal' | 'folded';
}

/** A script found in a CI / container file: parsed as shell or PowerShell by the YAML analyzer. */
export interface ScriptRef {
  node: DScalar;
  lang: 'bash' | 'powershell';
}

/** An exec-form command list (`command: ["az", "ml", ...]`): one command atom of its items. */
export interface ExecRef {
  items: DScalar[];
}

export function get(node: DNode | undefined, key: string): DNode | undefined {
  if (node?.type !== 'map') return undefined;
  return node.entries.find((e) => e.key === key)?.value;
}

function str(node: DNode | undefined): string | undefined {
  return node?.type === 'scalar' && typeof node.value === 'string' ? node.value : undefined;
}

const COMMAND_KEYS = new Set(['run', 'shell', 'script', 'inlineScript', 'Inline', 'inline', 'bash', 'pwsh', 'powershell', 'before_script', 'after_script', 'command', 'args', 'entrypoint', 'cmd']);
const POWERSHELL_KEYS = new Set(['pwsh', 'powershell', 'Inline']);
/** Keys whose list items are `NAME=value` environment entries. */
const ENV_LIST_KEYS = new Set(['environment', 'env', 'variables', 'literals']);
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

function pushScalarResource(atoms: Atom[], node: DNode | undefined, text?: string, parentType?: string): string | undefined {
  if (node?.type === 'scalar' && typeof node.value === 'string') {
    // ARM child resources may give their type relative to the parent (`deployments`)
    const value = parentType && !node.value.includes('/') && !/^Microsoft\./i.test(node.value) ? `${parentType}/${node.value}` : node.value;
    atoms.push({ kind: 'resource-type', value, start: node.start, end: node.end, text });
    return value;
  }
  return undefined;
}

function asSeq(node: DNode | undefined): DNode | undefined {
  if (node?.type !== 'map') return node;
  return { type: 'seq', items: node.entries.map((e) => e.value).filter((v): v is DNode => !!v), start: node.start, end: node.end };
}

/** ARM resources, nested `resources` arrays and nested deployment templates included. */
function armResources(atoms: Atom[], list: DNode | undefined, depth = 0, parentType?: string): void {
  if (list?.type !== 'seq' || depth > 10) return;
  for (const r of list.items) {
    const api = str(get(r, 'apiVersion'));
    const type = pushScalarResource(atoms, get(r, 'type'), api, parentType);
    armResources(atoms, asSeq(get(r, 'resources')), depth + 1, type);
    // nested deployment templates (Microsoft.Resources/deployments); ARM languageVersion 2.0 uses an object of symbolic names
    armResources(atoms, asSeq(get(get(get(r, 'properties'), 'template'), 'resources')), depth + 1);
  }
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
    armResources(atoms, asSeq(get(root, 'resources')));
  } else if (kind === 'dependency-manifest') {
    for (const section of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']) {
      const deps = get(root, section);
      if (deps?.type !== 'map') continue;
      for (const e of deps.entries) atoms.push({ kind: 'dependency', value: e.key, start: e.keyStart, end: e.keyEnd, text: str(e.value), key: section });
    }
  }
}

/**
 * The atoms of the subtrees two levels under a document's root (a CloudFormation resource, a
 * values file's section entry), kept by the editor's path while the trees are (analyzers/yaml.ts):
 * a subtree the edit did not touch gives the same atoms, moved with it. An entry's atom objects
 * are moved by it alone (whoever keeps atoms beyond a call copies them). Whoever changes a tree in
 * place drops the changed maps from here.
 */
export type AtomMemo = WeakMap<DNode, { context: string; start: number; atoms: Atom[]; scripts: ScriptRef[]; execs: ExecRef[] }>;
const MEMO_DEPTH = 2;

/**
 * Atoms of one document: every key (value = key name, `text` = scalar value, `path`), every
 * string scalar (`key` = its key), env var names in `name:`/`value:` pairs and `X=Y` list items,
 * and the dialect's resource types. Scripts under run/script/command keys of CI, container and
 * compose files are collected into `scripts` / `execs` for the caller to parse (shell or
 * PowerShell): their command atoms need a parser. With `memo` (the editor's path), subtrees two
 * levels down that it holds for the same context are not walked again.
 */
export function dataAtoms(source: string, kind: ArtifactKind, root: DNode | undefined, terraformJson = false, scripts?: ScriptRef[], execs?: ExecRef[], memo?: AtomMemo): Atom[] {
  const atoms: Atom[] = [];
  dialectAtoms(atoms, kind, root, terraformJson);
  const commands = CI_KINDS.has(kind) && !!scripts;
  // iterative walk: deep documents cannot overflow the stack
  const stack: { node: DNode; path: string; key?: string; lang?: 'bash' | 'powershell'; depth: number }[] = [];
  if (root) stack.push({ node: root, path: '', depth: 0 });
  // subtrees being walked whose atoms go to `memo` once done: their atoms, scripts and execs are
  // contiguous (depth first), and a subtree is done when the stack is back to its height
  const open: { node: DNode; context: string; height: number; atoms: number; scripts: number; execs: number }[] = [];
  const close = () => {
    while (open.length && stack.length <= open[open.length - 1].height) {
      const o = open.pop()!;
      memo!.set(o.node, { context: o.context, start: o.node.start, atoms: atoms.slice(o.atoms), scripts: scripts!.slice(o.scripts), execs: execs!.slice(o.execs) });
    }
  };
  while (stack.length) {
    if (memo) close();
    const { node, path, key, lang, depth } = stack.pop()!;
    if (memo && scripts && execs && depth === MEMO_DEPTH && node.type !== 'scalar') {
      const context = `${kind}\0${commands}\0${path}\0${key}\0${lang}`;
      const kept = memo.get(node);
      if (kept && kept.context === context) {
        const by = node.start - kept.start;
        if (by) for (const a of kept.atoms) {
          a.start += by;
          a.end += by;
        }
        kept.start = node.start;
        atoms.push(...kept.atoms);
        scripts.push(...kept.scripts);
        execs.push(...kept.execs);
        continue;
      }
      open.push({ node, context, height: stack.length, atoms: atoms.length, scripts: scripts.length, execs: execs.length });
    }
    if (node.type === 'map') {
      const nameEntry = node.entries.find((e) => e.key === 'name');
      const nameVal = str(nameEntry?.value);
      if (nameVal && nameEntry?.value && (node.entries.some((e) => e.key === 'value' || e.key === 'valueFrom'))) {
        // Kubernetes / Azure Pipelines style env entry: { name: X, value: Y }
        const v = nameEntry.value as DScalar;
        atoms.push({ kind: 'key', value: nameVal, start: v.start, end: v.end, text: str(get(node, 'value')), path: `${path}.name` });
      }
      // the shell of a step: GitHub `shell: pwsh`, Azure CLI task `scriptType: pscore`
      // Azure Pipelines PowerShell tasks: `task: PowerShell@2` / `AzurePowerShell@5` with `inputs.script`
      const shell = (str(get(node, 'shell')) ?? str(get(node, 'scriptType')) ?? str(get(node, 'task'))?.replace(/^(azure)?powershell@\d+$/i, 'powershell') ?? '').toLowerCase();
      const stepLang = /^(pwsh|powershell|ps|pscore)\b/.test(shell) ? 'powershell' : shell && !shell.includes('@') ? 'bash' : undefined;
      for (let i = node.entries.length - 1; i >= 0; i--) {
        const e = node.entries[i];
        const p = path ? `${path}.${e.key}` : e.key;
        const v = e.value;
        atoms.push({ kind: 'key', value: e.key, start: e.keyStart, end: e.keyEnd, text: v?.type === 'scalar' && v.value !== null ? String(v.value) : undefined, path: p });
        if (v) stack.push({ node: v, path: p, key: e.key, lang: POWERSHELL_KEYS.has(e.key) ? 'powershell' : (stepLang ?? lang), depth: depth + 1 });
      }
    } else if (node.type === 'seq') {
      if (commands && key && COMMAND_KEYS.has(key) && execs && node.items.length > 1 && node.items.every((i) => i.type === 'scalar')) {
        // exec form: ["az", "ml", "job", "create"] (items that are whole scripts are parsed too, below)
        execs.push({ items: node.items as DScalar[] });
      }
      for (let i = node.items.length - 1; i >= 0; i--) stack.push({ node: node.items[i], path: `${path}[${i}]`, key, lang, depth: depth + 1 });
    } else if (typeof node.value === 'string') {
      atoms.push({ kind: 'string', value: node.value, start: node.start, end: node.end, key, path });
      const eq = /^([A-Za-z_][A-Za-z0-9_.]*)=/.exec(node.value);
      if (eq && key && ENV_LIST_KEYS.has(key)) {
        atoms.push({ kind: 'key', value: eq[1], start: node.start, end: node.start + eq[1].length, text: node.value.slice(eq[0].length), path });
        // the value on its own, when the scalar's source text is the value as written (plain or simply quoted)
        const v = node.value.slice(eq[0].length);
        if (v && source.slice(node.start + eq[0].length, node.end) === v) atoms.push({ kind: 'string', value: v, start: node.start + eq[0].length, end: node.end, key: eq[1], path });
      }
      // gcloud-style env lists in exec-form arguments: `--set-env-vars=K=V,K2=V2` (Cloud Build, Cloud Run jobs)
      const ev = /^--(?:set|update)-(?:env-vars|build-env-vars)=/.exec(node.value);
      if (ev && source.slice(node.start, node.end) === node.value) {
        let at = ev[0].length;
        for (const part of node.value.slice(at).split(',')) {
          const m = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(part);
          if (m) atoms.push({ kind: 'key', value: m[1], start: node.start + at, end: node.start + at + m[1].length, text: part.slice(m[0].length), path });
          at += part.length + 1;
        }
      }
      if (commands && key && COMMAND_KEYS.has(key) && /\s/.test(node.value.trim())) scripts!.push({ node, lang: lang ?? 'bash' });
    }
  }
  if (memo) close();
  return atoms;
}
