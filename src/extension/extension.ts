/**
 * The VS Code extension: a thin shell over the engine (src/core). Logic lives in the pure modules
 * beside this file (diagnostics, store, tree, hover, reportHtml, comments, configFile, rewrite,
 * settings); this file only wires them to the `vscode` API. The engine is loaded on first use.
 */
import ignore from 'ignore';
import * as path from 'path';
import * as vscode from 'vscode';
import type * as CoreModule from '../core';
import type { Config, Engine, ScanSummary } from '../core';
import { applyAudit, type AuditFolder, type AuditRun, runAudit as runAuditScan } from './audit';
import { commentSyntaxFor, fileSuppressionEdit, suppressionEdit, SuppressionError, type LineEdit } from './comments';
import { ConfigEditError, disableRuleText, newConfigText } from './configFile';
import { type DiagnosticData, DiagnosticsController, type LintOutcome, SOURCE } from './diagnostics';
import { hoverMarkdown } from './hover';
import { buildReportData, renderReportHtml } from './reportHtml';
import { rewriteAt, rewriteLanguageFor } from './rewrite';
import { type ExtensionSettings, resolveSettings, SECTION } from './settings';
import { type FileEntry, FindingsStore, type LocatedFinding } from './store';
import { buildTree, type TreeNode } from './tree';

type Core = typeof CoreModule;
type Format = 'sarif' | 'json' | 'markdown';

const CMD = {
  auditWorkspace: 'aiLockinAudit.auditWorkspace',
  auditFile: 'aiLockinAudit.auditFile',
  showReport: 'aiLockinAudit.showReport',
  exportReport: 'aiLockinAudit.exportReport',
  createConfig: 'aiLockinAudit.createConfig',
  clearFindings: 'aiLockinAudit.clearFindings',
  suppressLine: 'aiLockinAudit.suppressLine',
  suppressFile: 'aiLockinAudit.suppressFile',
  disableRule: 'aiLockinAudit.disableRule',
  openRuleDocs: 'aiLockinAudit.openRuleDocs',
  revealFinding: 'aiLockinAudit.revealFinding',
} as const;

const CONFIG_NAMES = ['.ai-lockin-audit.yaml', '.ai-lockin-audit.yml'];
/** Documents longer than this (UTF-16 code units) are not re-checked after each edit, only on open and save. */
const EDIT_LINT_LIMIT_CHARS = 512 * 1024;

/** What the workspace audit command returns (tests and other extensions use it). */
export interface AuditOutcome {
  cancelled: boolean;
  roots: string[];
  summary?: ScanSummary;
  durationMs: number;
  errors: string[];
}

/** The API returned by activate(), for tests. */
export interface ExtensionApi {
  /** Resolves when no lint is pending or running. */
  whenIdle(): Promise<void>;
  findings(uri?: vscode.Uri): { ruleId: string; line: number; severity: string; suppressed: boolean }[];
  reportHtml(): string | undefined;
}

let corePromise: Promise<Core> | undefined;
/**
 * The engine is a bundle of its own beside this one (dist/core.js, see scripts/build.mjs), loaded
 * on first use: activation compiles only the small extension bundle.
 */
function loadCore(): Promise<Core> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  corePromise ??= Promise.resolve().then(() => require(path.join(__dirname, 'core.js')) as Core);
  return corePromise;
}

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const activatedAt = Date.now();
  const output = vscode.window.createOutputChannel('AI Lock-in Audit');
  const collection = vscode.languages.createDiagnosticCollection(SOURCE);
  const store = new FindingsStore();
  store.multiRoot = (vscode.workspace.workspaceFolders?.length ?? 0) > 1;
  const logged = new Set<string>();
  const log = (msg: string, once = false) => {
    if (once) {
      if (logged.has(msg)) return;
      logged.add(msg);
    }
    output.appendLine(`${new Date().toISOString().slice(11, 19)} ${msg}`);
  };
  context.subscriptions.push(output, collection);

  let engine: Engine | undefined;
  const getEngine = async (): Promise<{ core: Core; engine: Engine }> => {
    const t = Date.now();
    const core = await loadCore();
    if (!engine) {
      // open documents keep their parse tree: a re-check after an edit re-parses only what changed
      engine = new core.Engine({ incremental: true });
      log(`engine loaded in ${Date.now() - t} ms (${engine.catalog.rules.length} rules)`);
    }
    return { core, engine };
  };

  // ------------------------------------------------------------------ settings and config
  function readSettings(uri?: vscode.Uri): ExtensionSettings {
    const c = vscode.workspace.getConfiguration(SECTION, uri);
    const explicit = (k: string): unknown => {
      const i = c.inspect(k);
      return i?.workspaceFolderLanguageValue ?? i?.workspaceFolderValue ?? i?.workspaceLanguageValue ?? i?.workspaceValue ?? i?.globalLanguageValue ?? i?.globalValue;
    };
    // objects merge across scopes as VS Code merges them (user < workspace < folder); undefined when nobody set one
    const explicitObject = (k: string): unknown => {
      const i = c.inspect<Record<string, unknown>>(k);
      const layers = [i?.globalValue, i?.globalLanguageValue, i?.workspaceValue, i?.workspaceLanguageValue, i?.workspaceFolderValue, i?.workspaceFolderLanguageValue].filter((v) => v && typeof v === 'object');
      return layers.length ? Object.assign({}, ...layers) : undefined;
    };
    const s = resolveSettings(
      {
        enable: c.get('enable'),
        severityOverrides: explicitObject('severityOverrides'),
        exclude: explicit('exclude'),
        acceptedProviders: explicit('acceptedProviders'),
        debounceMs: c.get('debounceMs'),
        maxFileSizeKb: explicit('maxFileSizeKb'),
        maxProblemsPerFile: c.get('maxProblemsPerFile'),
        runAuditOnStartup: c.get('runAuditOnStartup'),
        baseUrlEnvVar: c.get('baseUrlEnvVar'),
      },
      (id) => !engine || engine.catalog.byId.has(id),
    );
    for (const p of s.problems) log(`[settings] ${p}`, true);
    return s;
  }

  const configCache = new Map<string, { config: Config; error?: string }>();
  function fileConfig(core: Core, folder: vscode.WorkspaceFolder | undefined): Config {
    if (!folder || folder.uri.scheme !== 'file') return core.defaultConfig();
    const key = folder.uri.toString();
    let c = configCache.get(key);
    if (!c) {
      try {
        c = { config: core.loadRootConfig(folder.uri.fsPath) };
        clearConfigProblem(folder);
      } catch (e) {
        const msg = (e as Error).message;
        c = { config: core.defaultConfig(), error: msg };
        log(`[config] ${msg} (defaults are used until it is fixed)`);
        showConfigProblem(core, folder, e);
      }
      configCache.set(key, c);
    }
    return c.config;
  }
  const configProblemUris = new Map<string, vscode.Uri>();
  function showConfigProblem(core: Core, folder: vscode.WorkspaceFolder, e: unknown) {
    if (!(e instanceof core.ConfigError)) return;
    const uri = vscode.Uri.file(e.file);
    const line = Math.max(0, (e.line ?? 1) - 1);
    const d = new vscode.Diagnostic(new vscode.Range(line, 0, line, 1000), `Invalid AI Lock-in Audit configuration: ${e.reason}`, vscode.DiagnosticSeverity.Error);
    d.source = SOURCE;
    d.code = 'config-error';
    collection.set(uri, [d]);
    configProblemUris.set(folder.uri.toString(), uri);
  }
  function clearConfigProblem(folder: vscode.WorkspaceFolder) {
    const u = configProblemUris.get(folder.uri.toString());
    if (u) {
      collection.delete(u);
      configProblemUris.delete(folder.uri.toString());
    }
  }

  function relPathOf(uri: vscode.Uri): { rel: string; folder?: vscode.WorkspaceFolder } {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (folder && uri.path.startsWith(folder.uri.path)) {
      const rel = path.posix.relative(folder.uri.path, uri.path);
      if (rel && !rel.startsWith('..')) return { rel, folder };
    }
    return { rel: path.posix.basename(uri.path), folder };
  }

  function excluded(core: Core, rel: string, config: Config, folder: vscode.WorkspaceFolder | undefined): boolean {
    if (!folder) return false;
    try {
      return ignore().add(core.DEFAULT_EXCLUDES).add(config.exclude).ignores(rel);
    } catch {
      return false;
    }
  }

  async function effectiveConfig(uri: vscode.Uri, settings: ExtensionSettings): Promise<{ core: Core; engine: Engine; config: Config; rel: string; folder?: vscode.WorkspaceFolder }> {
    const { core, engine } = await getEngine();
    const { rel, folder } = relPathOf(uri);
    const config = core.mergeConfig(fileConfig(core, folder), settings.overrides);
    return { core, engine, config, rel, folder };
  }

  // ------------------------------------------------------------------ diagnostics
  const docsDir = vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules');
  let docsIds: Set<string> | undefined;
  const docsTarget = (ruleId: string): string | undefined => {
    if (!docsIds) {
      try {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const fs = require('fs') as typeof import('fs');
        docsIds = new Set(fs.readdirSync(docsDir.fsPath).filter((f) => f.endsWith('.md')).map((f) => f.slice(0, -3)));
      } catch {
        docsIds = new Set();
      }
    }
    return docsIds.has(ruleId) ? vscode.Uri.joinPath(docsDir, `${ruleId}.md`).toString() : undefined;
  };

  const SEV: Record<DiagnosticData['severity'], vscode.DiagnosticSeverity> = {
    error: vscode.DiagnosticSeverity.Error,
    warning: vscode.DiagnosticSeverity.Warning,
    information: vscode.DiagnosticSeverity.Information,
    hint: vscode.DiagnosticSeverity.Hint,
  };
  const toDiagnostic = (d: DiagnosticData): vscode.Diagnostic => {
    const v = new vscode.Diagnostic(new vscode.Range(d.range.startLine, d.range.startCharacter, d.range.endLine, d.range.endCharacter), d.message, SEV[d.severity]);
    v.source = d.source;
    v.code = d.code.target ? { value: d.code.value, target: vscode.Uri.parse(d.code.target) } : d.code.value;
    return v;
  };

  const openDocument = (uriStr: string): vscode.TextDocument | undefined => vscode.workspace.textDocuments.find((d) => d.uri.toString() === uriStr && !d.isClosed);

  async function lintDocument(doc: vscode.TextDocument): Promise<LintOutcome | undefined> {
    const settings = readSettings(doc.uri);
    if (!settings.enable) return undefined;
    if (doc.uri.scheme === 'output' || doc.uri.scheme === 'git' || doc.uri.scheme === 'vscode-scm') return undefined;
    const { engine, core, config, rel, folder } = await effectiveConfig(doc.uri, settings);
    if (!engine.analyzerFor(rel)) return undefined;
    if (excluded(core, rel, config, folder)) return undefined;
    const result = await engine.scanText(rel, doc.getText(), config);
    return { entry: { uri: doc.uri.toString(), rel, result, origin: 'live', rootName: folder?.name, rootPath: folder?.uri.scheme === 'file' ? folder.uri.fsPath : undefined }, maxProblems: settings.maxProblemsPerFile };
  }

  const controller = new DiagnosticsController({
    sink: {
      set: (uri, diags) => collection.set(vscode.Uri.parse(uri), diags.map(toDiagnostic)),
      delete: (uri) => collection.delete(vscode.Uri.parse(uri)),
      clear: () => collection.clear(),
    },
    store,
    lint: async (uri) => {
      const doc = openDocument(uri);
      return doc ? lintDocument(doc) : undefined;
    },
    log: (m) => log(m),
    docsTarget,
  });
  context.subscriptions.push({ dispose: () => controller.dispose() });

  const served = (doc: vscode.TextDocument) => !['output', 'git', 'vscode-scm', 'debug'].includes(doc.uri.scheme);

  /** Re-read a closed file that the last audit covered, from disk. */
  async function rescanFromDisk(uri: vscode.Uri): Promise<void> {
    if (uri.scheme !== 'file') return;
    const key = uri.toString();
    const drop = () => {
      store.delete(key);
      collection.delete(uri);
    };
    const settings = readSettings(uri);
    if (!settings.enable) return drop();
    const { core, engine, config, rel, folder } = await effectiveConfig(uri, settings);
    if (!engine.analyzerFor(rel) || excluded(core, rel, config, folder)) return drop();
    const result = await core.scanOne(engine, uri.fsPath, rel, config);
    if (openDocument(key)) return; // reopened meanwhile: the live result wins
    const entry: FileEntry = { uri: key, rel, result, origin: 'audit', rootName: folder?.name, rootPath: folder?.uri.fsPath };
    if (result.findings.length || result.diagnostics.length || result.skipped) {
      store.set(entry);
      controller.publish(entry, settings.maxProblemsPerFile);
    } else drop();
  }

  /** After a settings or config file change: open documents are linted again, audited files with results re-read. */
  async function refreshAll(): Promise<void> {
    relintOpen();
    const audit = store.entries().filter((e) => e.origin === 'audit' && !openDocument(e.uri));
    for (const e of audit.slice(0, 2000)) await rescanFromDisk(vscode.Uri.parse(e.uri)).catch((err) => log(`[error] ${e.rel}: ${(err as Error).message}`));
  }

  function closed(uri: vscode.Uri): void {
    const key = uri.toString();
    controller.close(key);
    engine?.forget(relPathOf(uri).rel);
    if (store.audited.has(key)) void rescanFromDisk(uri).catch((e) => log(`[error] ${key}: ${(e as Error).message}`));
  }
  const uriOfTab = (t: vscode.Tab): vscode.Uri[] =>
    t.input instanceof vscode.TabInputText ? [t.input.uri] : t.input instanceof vscode.TabInputTextDiff ? [t.input.modified, t.input.original] : [];
  const tabUris = (): Set<string> => new Set(vscode.window.tabGroups.all.flatMap((g) => g.tabs.flatMap(uriOfTab)).map((u) => u.toString()));

  const relintOpen = () => {
    for (const doc of vscode.workspace.textDocuments) if (served(doc)) void controller.lintNow(doc.uri.toString());
  };

  context.subscriptions.push(
    vscode.workspace.onDidOpenTextDocument((doc) => served(doc) && void controller.lintNow(doc.uri.toString())),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (!served(e.document) || e.contentChanges.length === 0) return;
      const doc = e.document;
      // parsing runs on the extension host: very large documents are checked on open and save, not while typing
      if (doc.offsetAt(doc.lineAt(doc.lineCount - 1).range.end) > EDIT_LINT_LIMIT_CHARS) return;
      controller.schedule(doc.uri.toString(), readSettings(doc.uri).debounceMs);
    }),
    vscode.workspace.onDidSaveTextDocument((doc) => served(doc) && void controller.lintNow(doc.uri.toString())),
    vscode.workspace.onDidCloseTextDocument((doc) => closed(doc.uri)),
    // VS Code keeps a document alive for a while after its last editor tab closes: a closed tab is a close
    vscode.window.tabGroups.onDidChangeTabs((e) => {
      const open = tabUris();
      for (const t of e.closed) for (const u of uriOfTab(t)) if (!open.has(u.toString())) closed(u);
      for (const t of e.opened) {
        for (const u of uriOfTab(t)) {
          const doc = openDocument(u.toString());
          if (doc && served(doc) && !store.get(u.toString())) void controller.lintNow(u.toString());
        }
      }
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration(SECTION)) return;
      logged.clear();
      void refreshAll();
      refreshStatus();
    }),
    vscode.workspace.onDidChangeWorkspaceFolders(() => {
      store.multiRoot = (vscode.workspace.workspaceFolders?.length ?? 0) > 1;
      configCache.clear();
      relintOpen();
    }),
  );

  const watcher = vscode.workspace.createFileSystemWatcher('**/.ai-lockin-audit.{yaml,yml}');
  const onConfigFile = (uri: vscode.Uri) => {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (folder) configCache.delete(folder.uri.toString());
    else configCache.clear();
    void refreshAll();
  };
  context.subscriptions.push(watcher, watcher.onDidChange(onConfigFile), watcher.onDidCreate(onConfigFile), watcher.onDidDelete(onConfigFile));
  // an unsaved edit of the config file is not in effect yet; saving it is (the watcher sees the save)

  // ------------------------------------------------------------------ hover
  const hoverProvider: vscode.HoverProvider = {
    async provideHover(doc, pos) {
      const entry = store.get(doc.uri.toString());
      if (!entry) return undefined;
      const here = entry.result.findings.filter((f) => {
        const r = new vscode.Range(f.range.startLine - 1, f.range.startColumn - 1, f.range.endLine - 1, f.range.endColumn - 1);
        return r.contains(pos);
      });
      if (!here.length) return undefined;
      const { core } = await getEngine();
      const terms = core.loadTerms();
      const parts = here.map((f) => {
        const md = hoverMarkdown({
          finding: f,
          facts: f.facts.map((id) => terms.byId.get(id)).filter((x): x is CoreModule.Fact => !!x).map((x) => ({ id: x.id, statement: core.statement(x), sources: x.sources })),
          sources: core.sourcesOf(f.facts).map((s) => ({ id: s.id, title: s.title })),
          announcementDate: terms.announcement.date,
          effort: engine?.catalog.byId.get(f.ruleId)?.effort,
          docsLink: docsTarget(f.ruleId) ? `command:${CMD.openRuleDocs}?${encodeURIComponent(JSON.stringify([f.ruleId]))}` : undefined,
        });
        const m = new vscode.MarkdownString(md);
        m.isTrusted = { enabledCommands: [CMD.openRuleDocs] };
        m.supportHtml = false;
        return m;
      });
      const f0 = here[0];
      return new vscode.Hover(parts, new vscode.Range(f0.range.startLine - 1, f0.range.startColumn - 1, f0.range.endLine - 1, f0.range.endColumn - 1));
    },
  };
  const allDocs: vscode.DocumentSelector = [{ scheme: 'file' }, { scheme: 'untitled' }, { scheme: 'vscode-vfs' }, { scheme: 'vscode-remote' }];
  context.subscriptions.push(vscode.languages.registerHoverProvider(allDocs, hoverProvider));

  // ------------------------------------------------------------------ code actions
  const codeActionProvider: vscode.CodeActionProvider = {
    provideCodeActions(doc, range, ctx) {
      const actions: vscode.CodeAction[] = [];
      const { rel, folder } = relPathOf(doc.uri);
      const syntax = commentSyntaxFor(rel, doc.languageId);
      const seen = new Set<string>();
      for (const d of ctx.diagnostics) {
        if (d.source !== SOURCE) continue;
        const ruleId = typeof d.code === 'object' ? String(d.code.value) : String(d.code ?? '');
        if (!engine?.catalog.byId.has(ruleId)) continue;
        const key = `${ruleId}:${d.range.start.line}`;
        if (seen.has(key)) continue;
        seen.add(key);
        if (syntax) {
          const a = new vscode.CodeAction(`Suppress ${ruleId} on this line…`, vscode.CodeActionKind.QuickFix);
          a.diagnostics = [d];
          a.command = { command: CMD.suppressLine, title: a.title, arguments: [doc.uri, d.range.start.line, ruleId] };
          actions.push(a);
          const b = new vscode.CodeAction(`Suppress ${ruleId} in this file…`, vscode.CodeActionKind.QuickFix);
          b.diagnostics = [d];
          b.command = { command: CMD.suppressFile, title: b.title, arguments: [doc.uri, ruleId] };
          actions.push(b);
        }
        if (folder?.uri.scheme === 'file') {
          // the configuration file is read from disk: not offered in virtual workspaces
          const c = new vscode.CodeAction(`Disable ${ruleId} in the workspace configuration`, vscode.CodeActionKind.QuickFix);
          c.diagnostics = [d];
          c.command = { command: CMD.disableRule, title: c.title, arguments: [doc.uri, ruleId] };
          actions.push(c);
        }
        const o = new vscode.CodeAction(`Show documentation for ${ruleId}`, vscode.CodeActionKind.QuickFix);
        o.command = { command: CMD.openRuleDocs, title: o.title, arguments: [ruleId] };
        actions.push(o);
      }
      const lang = rewriteLanguageFor(rel);
      if (lang) {
        const text = doc.getText();
        const envVar = readSettings(doc.uri).baseUrlEnvVar;
        const r = rewriteAt(text, lang, doc.offsetAt(range.start), doc.offsetAt(range.end), envVar);
        if (r && r.ok) {
          const a = new vscode.CodeAction(r.title, vscode.CodeActionKind.RefactorRewrite);
          const edit = new vscode.WorkspaceEdit();
          const meta: vscode.WorkspaceEditEntryMetadata = { needsConfirmation: true, label: 'Move the OpenAI client to a provider-neutral base URL', description: `base URL from ${envVar}` };
          for (const e of r.edits) edit.replace(doc.uri, new vscode.Range(doc.positionAt(e.start), doc.positionAt(e.end)), e.text, meta);
          a.edit = edit;
          a.diagnostics = ctx.diagnostics.filter((d) => d.source === SOURCE && d.range.intersection(range));
          actions.push(a);
        } else if (r && !r.ok && ctx.only?.contains(vscode.CodeActionKind.RefactorRewrite)) {
          const a = new vscode.CodeAction(`Rewrite ${r.construction.className} as OpenAI`, vscode.CodeActionKind.RefactorRewrite);
          a.disabled = { reason: r.reason };
          actions.push(a);
        }
      }
      return actions;
    },
  };
  context.subscriptions.push(
    vscode.languages.registerCodeActionsProvider(allDocs, codeActionProvider, {
      providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, vscode.CodeActionKind.RefactorRewrite],
    }),
  );

  const asUri = (u: unknown): vscode.Uri | undefined => (u instanceof vscode.Uri ? u : typeof u === 'string' ? vscode.Uri.parse(u) : u && typeof u === 'object' && 'path' in u ? vscode.Uri.from(u as vscode.Uri) : vscode.window.activeTextEditor?.document.uri);

  async function askReason(ruleId: string, reason: unknown): Promise<string | undefined> {
    if (typeof reason === 'string' && reason.trim()) return reason;
    return vscode.window.showInputBox({
      title: `Suppress ${ruleId}`,
      prompt: 'Why is this binding accepted? The reason is written into the comment and shown in reports.',
      placeHolder: 'e.g. accepted by ADR-12: Azure is our primary cloud',
      validateInput: (v) => (v.trim() ? undefined : 'A suppression needs a reason.'),
      ignoreFocusOut: true,
    });
  }

  async function applyLineEdit(uri: vscode.Uri, e: LineEdit): Promise<boolean> {
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(e.line, e.character, e.line, e.character + e.deleteCount), e.text);
    return vscode.workspace.applyEdit(edit);
  }

  async function suppress(scope: 'line' | 'file', uriArg: unknown, lineOrRule: unknown, ruleArg?: unknown, reasonArg?: unknown): Promise<boolean> {
    const uri = asUri(uriArg);
    if (!uri) return false;
    const ruleId = String(scope === 'line' ? ruleArg : lineOrRule);
    const reasonIn = scope === 'line' ? reasonArg : ruleArg;
    const doc = await vscode.workspace.openTextDocument(uri);
    const { rel } = relPathOf(uri);
    const syntax = commentSyntaxFor(rel, doc.languageId);
    if (!syntax) {
      void vscode.window.showInformationMessage(`${path.posix.basename(rel)} has no comments: disable ${ruleId} in the workspace configuration instead.`);
      return false;
    }
    const reason = await askReason(ruleId, reasonIn);
    if (!reason) return false;
    try {
      const e = scope === 'line' ? suppressionEdit(doc.getText(), Number(lineOrRule), ruleId, reason, syntax) : fileSuppressionEdit(doc.getText(), ruleId, reason, syntax);
      const ok = await applyLineEdit(uri, e);
      if (ok) await controller.lintNow(uri.toString());
      return ok;
    } catch (err) {
      if (err instanceof SuppressionError) void vscode.window.showWarningMessage(err.message);
      else throw err;
      return false;
    }
  }

  async function disableRule(uriArg: unknown, ruleArg: unknown): Promise<vscode.Uri | undefined> {
    const ruleId = String(ruleArg ?? '');
    const { core } = await getEngine();
    if (!engine?.catalog.byId.has(ruleId)) {
      void vscode.window.showWarningMessage(`Unknown rule: ${ruleId}`);
      return undefined;
    }
    const uri = asUri(uriArg);
    const folder = (uri && vscode.workspace.getWorkspaceFolder(uri)) ?? (await pickFolder());
    if (!folder) return undefined;
    const target = await existingConfig(folder) ?? vscode.Uri.joinPath(folder.uri, core.CONFIG_FILE);
    let text: string | undefined;
    const open = openDocument(target.toString());
    if (open) text = open.getText();
    else {
      try {
        text = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
      } catch {
        text = undefined;
      }
    }
    let next: string;
    try {
      next = disableRuleText(text, ruleId, schemaRef());
    } catch (e) {
      if (e instanceof ConfigEditError) {
        void vscode.window.showErrorMessage(`Cannot edit ${path.posix.basename(target.path)}: ${e.message}`);
        return undefined;
      }
      throw e;
    }
    if (open) {
      const edit = new vscode.WorkspaceEdit();
      edit.replace(target, new vscode.Range(0, 0, open.lineCount, 0), next);
      await vscode.workspace.applyEdit(edit);
      await open.save();
    } else await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(next));
    configCache.delete(folder.uri.toString());
    await refreshAll();
    await controller.idle();
    return target;
  }

  async function existingConfig(folder: vscode.WorkspaceFolder): Promise<vscode.Uri | undefined> {
    for (const n of CONFIG_NAMES) {
      const u = vscode.Uri.joinPath(folder.uri, n);
      try {
        await vscode.workspace.fs.stat(u);
        return u;
      } catch {
        // not there
      }
    }
    return undefined;
  }

  const schemaRef = () => vscode.Uri.joinPath(context.extensionUri, 'schemas', 'config.schema.json').toString();

  async function pickFolder(): Promise<vscode.WorkspaceFolder | undefined> {
    const folders = vscode.workspace.workspaceFolders ?? [];
    if (folders.length <= 1) return folders[0];
    return vscode.window.showWorkspaceFolderPick({ placeHolder: 'Workspace folder' });
  }

  async function openRuleDocs(ruleArg: unknown): Promise<void> {
    const ruleId = String(ruleArg ?? '');
    const target = docsTarget(ruleId);
    if (!target) {
      void vscode.window.showWarningMessage(`No documentation found for ${ruleId}.`);
      return;
    }
    const uri = vscode.Uri.parse(target);
    try {
      await vscode.commands.executeCommand('markdown.showPreview', uri);
    } catch {
      await vscode.window.showTextDocument(uri, { preview: true });
    }
  }

  // ------------------------------------------------------------------ workspace audit
  let auditRunning: Promise<AuditOutcome> | undefined;
  async function auditWorkspace(): Promise<AuditOutcome> {
    if (auditRunning) return auditRunning;
    auditRunning = (async () => {
      try {
        return await runAudit();
      } finally {
        auditRunning = undefined;
      }
    })();
    return auditRunning;
  }

  async function runAudit(): Promise<AuditOutcome> {
    const t0 = Date.now();
    const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
    if (!folders.length) {
      const msg = vscode.workspace.workspaceFolders?.length
        ? 'The workspace audit reads files on disk; this workspace is virtual. Open files are still checked as you edit them.'
        : 'Open a folder to audit a workspace. Open files are checked as you edit them.';
      void vscode.window.showInformationMessage(msg);
      return { cancelled: false, roots: [], durationMs: 0, errors: [msg] };
    }
    const { core, engine } = await getEngine();
    return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'AI Lock-in Audit', cancellable: true }, async (progress, token) => {
      const ac = new AbortController();
      const sub = token.onCancellationRequested(() => ac.abort());
      let last = 0;
      const auditFolders: AuditFolder[] = folders.map((folder) => {
        configCache.delete(folder.uri.toString());
        const settings = readSettings(folder.uri);
        return { name: folder.name, fsPath: folder.uri.fsPath, uriOf: (rel) => vscode.Uri.joinPath(folder.uri, ...rel.split('/')).toString(), overrides: settings.enable ? settings.overrides : undefined };
      });
      let run: AuditRun;
      try {
        run = await runAuditScan(auditFolders, core.scan, {
          signal: ac.signal,
          engine,
          // results of parsed files are kept in the extension's storage: a repeated audit parses only what changed
          cache: context.globalStorageUri.scheme === 'file' ? vscode.Uri.joinPath(context.globalStorageUri, 'results').fsPath : false,
          log,
          onProgress: (folder, files, findings) => {
            const now = Date.now();
            if (now - last < 150) return;
            last = now;
            progress.report({ message: `${folders.length > 1 ? `${folder.name}: ` : ''}${files} file(s), ${findings} finding(s)` });
          },
        });
      } finally {
        sub.dispose();
      }
      if (run.cancelled) {
        log(`[audit] cancelled after ${Date.now() - t0} ms; the previous results are kept`);
        return { cancelled: true, roots: run.roots, durationMs: Date.now() - t0, errors: run.errors };
      }
      // replace the previous audit's view with this one; open documents keep their live results
      const { removed, published } = applyAudit(store, run, (u) => !!openDocument(u), (vscode.workspace.workspaceFolders?.length ?? 0) > 1);
      store.lastAuditDurationMs = Date.now() - t0;
      for (const u of removed) collection.delete(vscode.Uri.parse(u));
      for (const e of published) controller.publish(e, readSettings(vscode.Uri.parse(e.uri)).maxProblemsPerFile);
      relintOpen();
      await controller.idle();
      const result = currentScanResult(core, engine);
      log(`[audit] ${run.roots.length} folder(s): ${result.summary.filesScanned} file(s), ${result.summary.findings} finding(s), ${result.summary.suppressed} suppressed, ${result.summary.filesSkipped} skipped in ${Date.now() - t0} ms`);
      return { cancelled: false, roots: run.roots, summary: result.summary, durationMs: Date.now() - t0, errors: run.errors };
    });
  }

  function currentScanResult(core: Core, engine: Engine): CoreModule.ScanResult {
    const r = store.toScanResult({ name: 'ai-lockin-audit', version: core.VERSION, rulesVersion: engine.catalog.version }, core.summarize);
    if (!r.roots.length) r.roots = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
    return r;
  }

  async function auditFile(uriArg?: unknown): Promise<{ file: string; findings: number; suppressed: number; skipped?: string } | undefined> {
    const uri = asUri(uriArg);
    if (!uri) {
      void vscode.window.showInformationMessage('Open a file to audit it.');
      return undefined;
    }
    const key = uri.toString();
    if (openDocument(key)) await controller.lintNow(key);
    else await rescanFromDisk(uri);
    const e = store.get(key);
    const { rel } = relPathOf(uri);
    if (!e) {
      const { engine } = await getEngine();
      if (!engine.analyzerFor(rel)) void vscode.window.showInformationMessage(`${rel} is not a file kind AI Lock-in Audit reads.`);
      return { file: rel, findings: 0, suppressed: 0 };
    }
    return { file: rel, findings: e.result.findings.filter((f) => !f.suppression).length, suppressed: e.result.findings.filter((f) => f.suppression).length, skipped: e.result.skipped?.reason };
  }

  // ------------------------------------------------------------------ report and export
  async function renderReport(result: CoreModule.ScanResult, format: Format): Promise<string> {
    const { engine } = await getEngine();
    const report = await import('../core/report');
    if (format === 'sarif') return JSON.stringify(report.toSarif(result, engine.catalog.rules), null, 2) + '\n';
    if (format === 'json') return report.toJson(result);
    return report.toMarkdown(result);
  }

  async function exportReport(formatArg?: unknown, targetArg?: unknown): Promise<vscode.Uri | undefined> {
    let format = typeof formatArg === 'string' && ['sarif', 'json', 'markdown'].includes(formatArg) ? (formatArg as Format) : undefined;
    if (!format) {
      const pick = await vscode.window.showQuickPick(
        [
          { label: 'SARIF', description: 'for code scanning tools', format: 'sarif' as Format },
          { label: 'JSON', description: 'the full result', format: 'json' as Format },
          { label: 'Markdown', description: 'for people', format: 'markdown' as Format },
        ],
        { placeHolder: 'Report format' },
      );
      if (!pick) return undefined;
      format = pick.format;
    }
    const ext = { sarif: 'sarif', json: 'json', markdown: 'md' }[format];
    let target = targetArg ? asUri(targetArg) : undefined;
    if (!target) {
      const folder = vscode.workspace.workspaceFolders?.[0];
      target = await vscode.window.showSaveDialog({
        defaultUri: folder ? vscode.Uri.joinPath(folder.uri, `ai-lockin-audit.${ext}`) : undefined,
        filters: { [format.toUpperCase()]: [ext] },
        saveLabel: 'Export report',
      });
      if (!target) return undefined;
    }
    const { core, engine } = await getEngine();
    const text = await renderReport(currentScanResult(core, engine), format);
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
    log(`[export] ${format} report written to ${target.fsPath || target.toString()}`);
    if (!targetArg) {
      void vscode.window.showInformationMessage(`AI Lock-in Audit report written to ${path.basename(target.path)}.`, 'Open').then((a) => a && vscode.window.showTextDocument(target!));
    }
    return target;
  }

  async function createConfig(folderArg?: unknown): Promise<vscode.Uri | undefined> {
    const uri = folderArg ? asUri(folderArg) : undefined;
    const folder = (uri && vscode.workspace.getWorkspaceFolder(uri)) ?? (await pickFolder());
    if (!folder) {
      void vscode.window.showInformationMessage('Open a folder first: the configuration file lives at the root of a workspace folder.');
      return undefined;
    }
    const existing = await existingConfig(folder);
    const target = existing ?? vscode.Uri.joinPath(folder.uri, CONFIG_NAMES[0]);
    if (!existing) await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(newConfigText(schemaRef())));
    await vscode.window.showTextDocument(target);
    return target;
  }

  let panel: vscode.WebviewPanel | undefined;
  let reportLocated: LocatedFinding[] = [];
  let lastHtml: string | undefined;
  async function reportHtmlFor(webview: vscode.Webview): Promise<string> {
    const { core, engine } = await getEngine();
    const result = currentScanResult(core, engine);
    const terms = core.loadTerms();
    reportLocated = store.active();
    const data = buildReportData({
      summary: result.summary,
      findings: reportLocated,
      suppressed: store.suppressed(),
      skipped: result.skipped,
      terms: { announcement: terms.announcement, facts: terms.facts, sources: terms.sources, statement: (id) => (terms.byId.get(id) ? core.statement(terms.byId.get(id)!) : undefined) },
      toolVersion: core.VERSION,
      rulesVersion: engine.catalog.version,
      generatedAt: new Date().toLocaleString(),
    });
    const media = vscode.Uri.joinPath(context.extensionUri, 'media');
    lastHtml = renderReportHtml(data, {
      nonce: nonce(),
      cspSource: webview.cspSource,
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'report.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'report.css')).toString(),
    });
    return lastHtml;
  }

  async function showReport(): Promise<void> {
    if (panel) {
      panel.reveal();
      panel.webview.html = await reportHtmlFor(panel.webview);
      return;
    }
    const media = vscode.Uri.joinPath(context.extensionUri, 'media');
    panel = vscode.window.createWebviewPanel('aiLockinAudit.report', 'AI Lock-in Audit Report', vscode.ViewColumn.Active, { enableScripts: true, localResourceRoots: [media], retainContextWhenHidden: false });
    panel.iconPath = vscode.Uri.joinPath(media, 'icon.png');
    panel.onDidDispose(() => (panel = undefined));
    panel.onDidChangeViewState((e) => {
      if (e.webviewPanel.visible) void reportHtmlFor(e.webviewPanel.webview).then((h) => (e.webviewPanel.webview.html = h));
    });
    panel.webview.onDidReceiveMessage(async (m: { type?: string; index?: number; format?: string; command?: string }) => {
      if (m.type === 'reveal' && typeof m.index === 'number') {
        const l = reportLocated[m.index];
        if (l) await reveal(l.uri, l.finding.range);
      } else if (m.type === 'export' && typeof m.format === 'string') await exportReport(m.format);
      else if (m.type === 'command' && m.command === 'audit') await auditWorkspace();
    });
    panel.webview.html = await reportHtmlFor(panel.webview);
  }

  async function reveal(uriArg: unknown, range?: CoreModule.Range): Promise<void> {
    const uri = asUri(uriArg);
    if (!uri) return;
    const sel = range ? new vscode.Range(range.startLine - 1, range.startColumn - 1, range.endLine - 1, range.endColumn - 1) : undefined;
    await vscode.window.showTextDocument(uri, { selection: sel, preview: true, viewColumn: vscode.ViewColumn.One });
  }

  // ------------------------------------------------------------------ tree, status bar
  const treeEmitter = new vscode.EventEmitter<TreeNode | undefined>();
  let roots: TreeNode[] = [];
  const treeProvider: vscode.TreeDataProvider<TreeNode> = {
    onDidChangeTreeData: treeEmitter.event,
    getChildren: (n) => (n ? n.children : roots),
    getTreeItem: (n) => {
      const item = new vscode.TreeItem(n.label, n.kind === 'finding' ? vscode.TreeItemCollapsibleState.None : n.kind === 'file' ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.Expanded);
      item.id = n.id;
      item.description = n.description;
      item.tooltip = n.tooltip;
      item.contextValue = n.kind;
      if (n.kind === 'file' && n.uri) {
        item.resourceUri = vscode.Uri.parse(n.uri);
        item.iconPath = vscode.ThemeIcon.File;
      } else if (n.kind === 'finding' && n.finding) {
        const f = n.finding;
        item.iconPath = new vscode.ThemeIcon(f.severity === 'error' ? 'error' : f.severity === 'warning' ? 'warning' : 'info');
        item.command = { command: CMD.revealFinding, title: 'Reveal', arguments: [n.uri, f.range] };
      } else if (n.kind === 'provider') item.iconPath = new vscode.ThemeIcon('cloud');
      else item.iconPath = new vscode.ThemeIcon('symbol-namespace');
      return item;
    },
  };
  const treeView = vscode.window.createTreeView('aiLockinAudit.findings', { treeDataProvider: treeProvider, showCollapseAll: true });
  const status = vscode.window.createStatusBarItem('aiLockinAudit.status', vscode.StatusBarAlignment.Left, 50);
  status.name = 'AI Lock-in Audit';
  status.command = CMD.showReport;
  context.subscriptions.push(treeView, status, treeEmitter);

  function refreshStatus() {
    const n = store.activeCount();
    status.text = `$(cloud) ${n}`;
    status.tooltip = `AI Lock-in Audit: ${n} finding(s) binding AI workloads to one cloud. Click for the report.`;
    status.show();
    treeView.badge = n ? { value: n, tooltip: `${n} AI lock-in finding(s)` } : undefined;
  }
  let refreshTimer: NodeJS.Timeout | undefined;
  context.subscriptions.push(
    store.onDidChange(() => {
      if (refreshTimer) return;
      refreshTimer = setTimeout(() => {
        refreshTimer = undefined;
        roots = buildTree(store.active());
        treeEmitter.fire(undefined);
        refreshStatus();
        void vscode.commands.executeCommand('setContext', 'aiLockinAudit.hasFindings', roots.length > 0);
        if (panel?.visible) void reportHtmlFor(panel.webview).then((h) => panel && (panel.webview.html = h));
      }, 100);
    }),
    { dispose: () => refreshTimer && clearTimeout(refreshTimer) },
  );
  refreshStatus();

  // ------------------------------------------------------------------ commands
  const wrap =
    <A extends unknown[], R>(name: string, fn: (...a: A) => Promise<R>) =>
    async (...a: A): Promise<R | undefined> => {
      try {
        return await fn(...a);
      } catch (e) {
        log(`[error] ${name}: ${(e as Error).stack ?? String(e)}`);
        void vscode.window.showErrorMessage(`AI Lock-in Audit: ${name} failed: ${(e as Error).message}`);
        return undefined;
      }
    };
  context.subscriptions.push(
    vscode.commands.registerCommand(CMD.auditWorkspace, wrap('audit', auditWorkspace)),
    vscode.commands.registerCommand(CMD.auditFile, wrap('audit file', auditFile)),
    vscode.commands.registerCommand(CMD.showReport, wrap('report', showReport)),
    vscode.commands.registerCommand(CMD.exportReport, wrap('export', exportReport)),
    vscode.commands.registerCommand(CMD.createConfig, wrap('create configuration', createConfig)),
    vscode.commands.registerCommand(CMD.clearFindings, wrap('clear', async () => {
      controller.clearAll();
      store.clear();
      collection.clear();
    })),
    vscode.commands.registerCommand(CMD.suppressLine, wrap('suppress', (u: unknown, line: unknown, rule: unknown, reason?: unknown) => suppress('line', u, line, rule, reason))),
    vscode.commands.registerCommand(CMD.suppressFile, wrap('suppress in file', (u: unknown, rule: unknown, reason?: unknown) => suppress('file', u, rule, reason))),
    vscode.commands.registerCommand(CMD.disableRule, wrap('disable rule', disableRule)),
    vscode.commands.registerCommand(CMD.openRuleDocs, wrap('open docs', openRuleDocs)),
    vscode.commands.registerCommand(CMD.revealFinding, wrap('reveal', reveal)),
  );

  // ------------------------------------------------------------------ start
  // lint what is open now; no workspace-wide work unless the user asked for it
  relintOpen();
  log(`activated in ${Date.now() - activatedAt} ms`);
  if ((vscode.workspace.workspaceFolders ?? []).some((f) => readSettings(f.uri).runAuditOnStartup)) void auditWorkspace();

  return {
    whenIdle: () => controller.idle(),
    findings: (uri) =>
      store
        .entries()
        .filter((e) => !uri || e.uri === uri.toString())
        .flatMap((e) => e.result.findings.map((f) => ({ ruleId: f.ruleId, line: f.range.startLine, severity: f.severity, suppressed: !!f.suppression }))),
    reportHtml: () => lastHtml,
  };
}

function nonce(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('crypto') as typeof import('crypto')).randomBytes(18).toString('base64').replace(/[^A-Za-z0-9]/g, 'x');
}

export function deactivate(): void {
  // everything is disposed through context.subscriptions
}
