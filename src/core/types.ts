/**
 * Core data model of the engine. Nothing in src/core imports `vscode`: the CLI and the
 * extension are thin shells over these types.
 */

export type Severity = 'error' | 'warning' | 'note';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'note'];

/** Cloud whose AI surface a finding binds to. `google-ai` is the informational Gemini Developer API category. */
export type Provider = 'azure' | 'aws' | 'gcp' | 'google-ai';
export const PROVIDERS: readonly Provider[] = ['azure', 'aws', 'gcp', 'google-ai'];

/**
 * Artifact kinds: what sort of file a finding was made in. Fine grained so that quality can be
 * measured per kind; `ARTIFACT_GROUPS` folds them for rules that apply to several.
 */
export type ArtifactKind =
  | 'terraform'
  | 'bicep'
  | 'arm'
  | 'cloudformation'
  | 'kubernetes'
  | 'helm'
  | 'kustomize'
  | 'compose'
  | 'github-actions'
  | 'azure-pipelines'
  | 'gitlab-ci'
  | 'yaml'
  | 'json'
  | 'dotenv'
  | 'app-config'
  | 'dependency-manifest'
  | 'python'
  | 'javascript'
  | 'typescript'
  | 'go'
  | 'java'
  | 'csharp'
  | 'shell'
  | 'powershell'
  | 'makefile';

/** Kinds of observation an analyzer extracts from a parsed file; rules match on these. */
export type AtomKind =
  /** IaC resource or data source type: `azurerm_cognitive_account`, `AWS::Bedrock::Agent`, `Microsoft.CognitiveServices/accounts`. */
  | 'resource-type'
  /** A module / registry reference: Terraform `source`, Bicep `br/public:avm/...`. */
  | 'module-source'
  /** A source-code import: Python `import x`/`from x import y` (value `x` and `x.y`), JS `import`/`require`/`import()`, Go, Java, C# `using`. */
  | 'import'
  /** A function or method call; value is the callee text (`boto3.client`), `args` its string-literal arguments, `kwargs` keyword arguments. */
  | 'call'
  /** A constructor call: `new BedrockRuntimeClient(...)`, Python class call is a `call`. */
  | 'new'
  /** A string literal's static content (template parts joined with `${}` placeholders). `key` is the attribute / property it is assigned to, when known. */
  | 'string'
  /** Source code reading an environment variable; value is the variable name. */
  | 'env-read'
  /** A configuration key (YAML/JSON/.env/properties/TF attribute); value is the key, `text` the scalar value if any, `path` the dotted path. */
  | 'key'
  /** A dependency in a manifest; value is the package name, `text` the version. */
  | 'dependency'
  /** A shell command line (CI `run:` steps, scripts, Makefile recipes). */
  | 'command';

export interface Atom {
  kind: AtomKind;
  value: string;
  /** 0-based UTF-16 offsets into the decoded text; the reported range. */
  start: number;
  end: number;
  /** Secondary text: a key's scalar value, a dependency version. */
  text?: string;
  /** Attribute / property name a string is assigned to. */
  key?: string;
  /** Dotted path of a YAML/JSON node. */
  path?: string;
  /** String-literal arguments of a call or constructor, in order (non-literals are `undefined`). */
  args?: (string | undefined)[];
  /** Keyword / named arguments of a call with literal values (`vertexai=True` gives `{vertexai: 'True'}`). */
  kwargs?: Record<string, string>;
}

/** One condition of a rule's match spec. All present fields must match; patterns are regular expressions (case-sensitive unless `flags` says otherwise). */
export interface MatchClause {
  atom: AtomKind;
  /** Restrict to these artifact kinds (defaults to the rule's `artifacts`). */
  artifacts?: ArtifactKind[];
  value?: string;
  text?: string;
  key?: string;
  path?: string;
  /** Pattern that some string argument must match. */
  arg?: string;
  /** Keyword argument name -> pattern of its value. */
  kwarg?: Record<string, string>;
  flags?: string;
  /** Override the rule's message for findings of this clause. */
  message?: string;
  /** Override the rule's severity for this clause (e.g. an env key is a note). */
  severity?: Severity;
}

export type Effort = 'trivial' | 'low' | 'medium' | 'high';

export interface Rule {
  id: string;
  title: string;
  provider: Provider;
  service: string;
  artifacts: ArtifactKind[];
  severity: Severity;
  /** Ids of terms facts (src/core/terms/facts.yaml) this rule's guidance cites. */
  facts: string[];
  /** The portable alternative, stated without product claims. */
  alternative: string;
  /** Message template; `{value}` is replaced by the matched atom's value. */
  message: string;
  /** Lowercase substrings; a file is analyzed for this rule only if one occurs in it. */
  keywords: string[];
  match: MatchClause[];
  /** Markdown documentation written beside the rule. */
  docs: string;
  labels?: string[];
  effort?: Effort;
  /** Where the rule was loaded from (catalog file), for error messages. */
  source?: string;
}

export interface Range {
  /** 1-based line. */
  startLine: number;
  /** 1-based column in UTF-16 code units. */
  startColumn: number;
  endLine: number;
  /** 1-based column of the character after the range (SARIF convention). */
  endColumn: number;
}

export type SuppressionKind = 'inline' | 'file' | 'config' | 'accepted-provider' | 'baseline';

export interface Suppression {
  kind: SuppressionKind;
  reason: string;
}

export interface Finding {
  ruleId: string;
  title: string;
  provider: Provider;
  service: string;
  artifact: ArtifactKind;
  /** Path relative to the scan root, with `/` separators. */
  file: string;
  range: Range;
  severity: Severity;
  message: string;
  /** Guidance composed from the cited terms facts. */
  guidance: string;
  facts: string[];
  alternative: string;
  /** The source line, trimmed, at most 200 characters. */
  snippet: string;
  /** Stable across line moves: rule, file, normalised snippet, occurrence. */
  fingerprint: string;
  /** Present when the finding is suppressed; suppressed findings are counted, never dropped. */
  suppression?: Suppression;
}

export type SkipReason =
  | 'too-large'
  | 'binary'
  | 'invalid-encoding'
  | 'unreadable'
  | 'symlink-outside-root'
  | 'symlink-loop'
  | 'parse-error'
  /** Nested or shaped so that parsing it would cost unbounded stack or memory (see guard.ts). */
  | 'too-complex'
  | 'timeout'
  | 'internal-error';

export interface Skip {
  file: string;
  reason: SkipReason;
  detail: string;
}

/** A problem with the scanned file that is itself worth reporting (e.g. a suppression without a reason). */
export interface FileDiagnostic {
  file: string;
  range: Range;
  code: 'suppression-without-reason' | 'unknown-rule-in-suppression' | 'parse-error';
  message: string;
}

export interface FileResult {
  file: string;
  artifact?: ArtifactKind;
  findings: Finding[];
  diagnostics: FileDiagnostic[];
  skipped?: Skip;
  /** True when the keyword prefilter ruled the file out without parsing. */
  prefiltered?: boolean;
}

export interface ScanSummary {
  filesScanned: number;
  filesWithFindings: number;
  filesSkipped: number;
  findings: number;
  suppressed: number;
  byProvider: Record<string, number>;
  bySeverity: Record<Severity, number>;
  byArtifact: Record<string, number>;
  byService: Record<string, number>;
}

export interface ScanResult {
  tool: { name: string; version: string; rulesVersion: string };
  roots: string[];
  /** Active (unsuppressed) findings. */
  findings: Finding[];
  /** Suppressed findings (inline, file, config, accepted provider, baseline). */
  suppressed: Finding[];
  diagnostics: FileDiagnostic[];
  skipped: Skip[];
  summary: ScanSummary;
  durationMs: number;
}
