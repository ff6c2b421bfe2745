/**
 * The engine: one file (text or bytes) to findings, the same for every surface that asks.
 */
import { ANALYZERS, GRAMMAR_OF } from './analyzers';
import { classify, type AnalyzerId } from './classify';
import { type Config, defaultConfig, effectiveSeverity } from './config';
import { loadCatalog, type Catalog } from './rules/catalog';
import { type Match, Matcher } from './rules/matcher';
import { parseDirectives, suppressionIndex } from './suppress';
import { composeGuidance } from './terms';
import type { ArtifactKind, Finding, FileDiagnostic, FileResult, Rule, Skip } from './types';
import { LineIndex } from './util/lines';
import { type KeywordScan, Prefilter } from './prefilter';
import { ByteFilter } from './bytefilter';
import { decode, hasUtf16Bom } from './util/decode';
import { forgetTree, getParser } from './parsers/treesitter';
import { forgetSegments } from './analyzers/source';
import { forgetPieces } from './analyzers/yaml';
import { LineTexts } from './util/linetext';
import { customRuleSet } from './rules/custom';
import { preParseCheck, TooComplexError } from './guard';

/** Documents whose last keyword scan the editor's engine keeps (as many as kept parse trees). */
const KEPT_SCANS = 16;

export interface EngineOptions {
  catalog?: Catalog;
  /**
   * Let analyzers skip subtrees that hold no rule keyword (default true). Off only to check that
   * skipping changes no finding (test/unit/focus.test.ts).
   */
  focus?: boolean;
  /** Keep parse trees per file for incremental re-parsing (the editor; not for one-shot scans). */
  incremental?: boolean;
}

export class Engine {
  readonly catalog: Catalog;
  private readonly matcher: Matcher;
  readonly prefilter: Prefilter;
  private readonly guidance = new Map<Rule, string>();
  private readonly byteFilters = new Map<unknown, ByteFilter>();
  /** The last keyword scan of each document the editor re-scans (incremental mode). */
  private readonly scans = new Map<string, KeywordScan>();
  private readonly focus: boolean;
  private readonly incremental: boolean;

  constructor(options: EngineOptions = {}) {
    this.focus = options.focus ?? true;
    this.incremental = options.incremental ?? false;
    this.catalog = options.catalog ?? loadCatalog();
    this.matcher = new Matcher(this.catalog.rules);
    this.prefilter = new Prefilter(this.catalog.rules);
  }

  /** Which analyzer would read this path (undefined: not a file kind the engine reads). */
  analyzerFor(relPath: string): AnalyzerId | undefined {
    const id = classify(relPath);
    return id && ANALYZERS[id] ? id : undefined;
  }

  /**
   * Start loading what scanning `relPath` will need (its grammar: a WASM module compiled off the
   * main thread) without waiting for it. A scan calls this when a file joins the queue.
   */
  prepare(relPath: string): void {
    const id = this.analyzerFor(relPath);
    const grammar = id ? GRAMMAR_OF[id] : undefined;
    if (grammar) getParser(grammar).catch(() => undefined);
  }

  /** Drop what is kept for a file (the editor closed it). */
  forget(file: string): void {
    this.scans.delete(file);
    forgetTree(file);
    forgetSegments(file);
    forgetPieces(file);
  }

  guidanceFor(rule: Rule): string {
    let g = this.guidance.get(rule);
    if (!g) {
      g = composeGuidance(rule.facts, rule.alternative);
      this.guidance.set(rule, g);
    }
    return g;
  }

  /**
   * Scan raw bytes: size, binary and encoding checks, then `scanText`. Never throws: a failure
   * is a skip with its reason.
   */
  async scanBytes(file: string, bytes: Uint8Array, config: Config = defaultConfig()): Promise<FileResult> {
    try {
      return await this.checkBytes(file, bytes, config);
    } catch (e) {
      return internalError(file, e);
    }
  }

  /** Scan decoded text (the editor's entry point). Never throws: any failure (analyzer, config, suppressions, guidance) is an `internal-error` skip. */
  async scanText(file: string, text: string, config: Config = defaultConfig(), prefiltered = false): Promise<FileResult> {
    try {
      return await this.analyzeText(file, text, config, prefiltered);
    } catch (e) {
      return internalError(file, e);
    }
  }

  private async checkBytes(file: string, bytes: Uint8Array, config: Config): Promise<FileResult> {
    const limit = config.maxFileSizeKb * 1024;
    if (bytes.length > limit) return skipped(file, 'too-large', `${bytes.length} bytes is over the ${config.maxFileSizeKb} KiB limit (maxFileSizeKb)`);
    const decoded = decode(bytes);
    if (decoded.skip) return skipped(file, decoded.skip.reason, decoded.skip.detail);
    // the keyword test on the bytes (bytefilter.ts; the text's for UTF-16 files, which it defers)
    const filter = this.byteFilter(config);
    const mayMatch = filter.exact && !hasUtf16Bom(bytes) ? filter.test(bytes) : this.mayMatch(decoded.text, config);
    if (!mayMatch) return { file, findings: [], diagnostics: [], prefiltered: true };
    return this.analyzeText(file, decoded.text, config, true);
  }

  /** Scan decoded text (the editor's entry point). Never throws. */
  private async analyzeText(file: string, text: string, config: Config, prefiltered: boolean): Promise<FileResult> {
    const id = this.analyzerFor(file);
    if (!id) return { file, findings: [], diagnostics: [] };
    if (!prefiltered) {
      if (text.length > config.maxFileSizeKb * 1024) return skipped(file, 'too-large', `${text.length} characters is over the ${config.maxFileSizeKb} KiB limit (maxFileSizeKb)`);
      if (text.includes('\0')) return skipped(file, 'binary', 'contains NUL bytes');
    }
    const { keywords, hits } = this.keywordScan(file, text);
    // (a text that spells a keyword passes the prefilter: only one without asks it)
    if (!prefiltered && keywords.size === 0 && !this.mayMatch(text, config)) return { file, findings: [], diagnostics: [], prefiltered: true };
    // Hostile-input guard (guard.ts): nesting deep enough to exhaust a parser is a skip, not a parse.
    const tooComplex = preParseCheck(text);
    if (tooComplex) return skipped(file, tooComplex.reason, tooComplex.detail);
    // user-defined rules from the config file (RE2 patterns: rules/custom.ts); with them, analyzers
    // walk whole trees (their keywords are not in `hits`)
    const custom = customRuleSet(config.customRules);
    if (custom) for (const k of custom.prefilter.keywordsIn(text)) keywords.add(k);
    let out;
    try {
      out = await ANALYZERS[id]!({ path: file, text, focus: this.focus && !custom ? hits : undefined, cacheKey: this.incremental ? file : undefined });
    } catch (e) {
      if (e instanceof TooComplexError) return skipped(file, e.reason, e.message);
      const err = e as Error;
      const reason = err instanceof RangeError ? 'parse-error' : 'internal-error';
      return skipped(file, reason, `${id} analyzer failed: ${String(err?.message ?? err).split('\n')[0].slice(0, 200)}`);
    }
    const lines = new LineIndex(text);
    const active = (rule: Rule) => rule.keywords.some((k) => keywords.has(k));
    const matches = this.matcher.match(out.artifact, out.atoms, active);
    if (custom) matches.push(...custom.matcher.match(out.artifact, out.atoms, active));
    const diagnostics: FileDiagnostic[] = [];
    const directives = config.inlineSuppressions ? parseDirectives(text, lines) : [];
    const sup = suppressionIndex(file, directives, lines, (r) => this.catalog.byId.has(r) || !!custom?.ids.has(r));
    diagnostics.push(...sup.diagnostics);
    const findings = this.toFindings(file, out.artifact, matches, lines, config, sup.lookup);
    return { file, artifact: out.artifact, findings, diagnostics };
  }

  /** The byte prefilter over the catalog's and the config's custom rules' keywords (one per custom rule set). */
  byteFilter(config: Config): ByteFilter {
    const custom = customRuleSet(config.customRules);
    let f = this.byteFilters.get(custom);
    if (!f) {
      f = new ByteFilter(this.byteKeywords(config));
      if (this.byteFilters.size > 8) this.byteFilters.clear();
      this.byteFilters.set(custom, f);
    }
    return f;
  }

  /** Every keyword of the catalog's and the config's custom rules (the byte prefilter's words). */
  byteKeywords(config: Config): string[] {
    const custom = customRuleSet(config.customRules);
    return custom ? [...this.prefilter.keywords, ...custom.prefilter.keywords] : this.prefilter.keywords;
  }

  /**
   * The keywords of a text and where they occur. In the editor (`incremental`), the last scan of
   * each of a few documents is kept and an edit is re-scanned only around its change.
   */
  private keywordScan(file: string, text: string): { keywords: Set<string>; hits: number[] } {
    if (!this.incremental) return this.prefilter.scan(text);
    const prev = this.scans.get(file);
    const now = prev ? this.prefilter.scanEdited(prev, text) : this.prefilter.scanText(text);
    this.scans.delete(file);
    this.scans.set(file, now);
    if (this.scans.size > KEPT_SCANS) this.scans.delete(this.scans.keys().next().value!);
    // copies: analyzers may keep or change what they are given
    return { keywords: new Set(now.keywords), hits: [...now.hits] };
  }

  /** The keyword prefilter over the catalog's and the config's custom rules. */
  private mayMatch(text: string, config: Config): boolean {
    return this.prefilter.mayMatch(text) || !!customRuleSet(config.customRules)?.prefilter.mayMatch(text);
  }

  private toFindings(
    file: string,
    artifact: ArtifactKind,
    matches: Match[],
    lines: LineIndex,
    config: Config,
    lookup: (ruleId: string, line: number) => { kind: 'inline' | 'file'; reason: string } | undefined,
  ): Finding[] {
    const seen = new Set<string>();
    const texts = new LineTexts(lines, file); // per-line work done once (util/linetext.ts)
    const findings: Finding[] = [];
    matches.sort((a, b) => a.atom.start - b.atom.start || a.atom.end - b.atom.end || a.rule.id.localeCompare(b.rule.id));
    for (const m of matches) {
      const key = `${m.rule.id}@${m.atom.start}:${m.atom.end}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const severity = effectiveSeverity(config, m.rule.id, m.rule.provider, m.severity);
      if (severity === 'off') continue;
      const range = lines.range(m.atom.start, m.atom.end);
      const { snippet, norm } = texts.line(range.startLine - 1);
      const occ = texts.nextOccurrence(m.rule.id, norm);
      const f: Finding = {
        ruleId: m.rule.id,
        title: m.rule.title,
        provider: m.rule.provider,
        service: m.rule.service,
        artifact,
        file,
        range,
        severity,
        message: m.message,
        guidance: this.guidanceFor(m.rule),
        facts: m.rule.facts,
        alternative: m.rule.alternative,
        snippet,
        fingerprint: texts.fingerprint(m.rule.id, range.startLine - 1, occ),
      };
      const s = lookup(m.rule.id, range.startLine - 1);
      if (s) f.suppression = s;
      else if (config.acceptedProviders.includes(m.rule.provider)) f.suppression = { kind: 'accepted-provider', reason: `provider ${m.rule.provider} is accepted by ${config.file ?? 'the configuration'}` };
      findings.push(f);
    }
    return findings;
  }
}

function skipped(file: string, reason: Skip['reason'], detail: string): FileResult {
  return { file, findings: [], diagnostics: [], skipped: { file, reason, detail } };
}

function internalError(file: string, e: unknown): FileResult {
  const msg = String((e as Error)?.message ?? e).split('\n')[0].slice(0, 200);
  return skipped(file, 'internal-error', `the engine failed on this file: ${msg}`);
}
