/**
 * Which analyzer reads a file, by its path alone (content decides finer kinds, e.g. which YAML
 * dialect). Returns undefined for files the engine does not read (Markdown, images, ...).
 */
export type AnalyzerId =
  | 'hcl'
  | 'terraform-json'
  | 'bicep'
  | 'json'
  | 'yaml'
  | 'dotenv'
  | 'properties'
  | 'requirements'
  | 'toml'
  | 'gomod'
  | 'xml-manifest'
  | 'gradle'
  | 'python'
  | 'javascript'
  | 'typescript'
  | 'tsx'
  | 'go'
  | 'java'
  | 'csharp'
  | 'shell'
  | 'powershell'
  | 'makefile';

const BY_EXTENSION = new Map<string, AnalyzerId>(Object.entries({
  '.tf': 'hcl',
  '.tfvars': 'hcl',
  '.hcl': 'hcl',
  '.bicep': 'bicep',
  '.bicepparam': 'bicep',
  '.json': 'json',
  '.jsonc': 'json',
  '.yaml': 'yaml',
  '.yml': 'yaml',
  '.env': 'dotenv',
  '.properties': 'properties',
  '.py': 'python',
  '.pyi': 'python',
  '.js': 'javascript',
  '.mjs': 'javascript',
  '.cjs': 'javascript',
  '.jsx': 'javascript',
  '.ts': 'typescript',
  '.mts': 'typescript',
  '.cts': 'typescript',
  '.tsx': 'tsx',
  '.go': 'go',
  '.java': 'java',
  '.cs': 'csharp',
  '.sh': 'shell',
  '.bash': 'shell',
  '.zsh': 'shell',
  '.ps1': 'powershell',
  '.psm1': 'powershell',
  '.mk': 'makefile',
  '.csproj': 'xml-manifest',
  '.fsproj': 'xml-manifest',
  '.vbproj': 'xml-manifest',
  '.gradle': 'gradle',
  '.kts': 'gradle',
} satisfies Record<string, AnalyzerId>));

const BY_NAME = new Map<string, AnalyzerId>(Object.entries({
  'makefile': 'makefile',
  'gnumakefile': 'makefile',
  '.env': 'dotenv',
  'pyproject.toml': 'toml',
  'pipfile': 'toml',
  'libs.versions.toml': 'toml',
  'go.mod': 'gomod',
  'pom.xml': 'xml-manifest',
  'directory.packages.props': 'xml-manifest',
  'directory.build.props': 'xml-manifest',
  'packages.config': 'xml-manifest',
} satisfies Record<string, AnalyzerId>));

export function classify(relPath: string): AnalyzerId | undefined {
  const slash = relPath.lastIndexOf('/');
  const base = relPath.slice(slash + 1);
  const lower = base.toLowerCase();
  // (a Map: no inherited keys, and no string interning per lookup for every file of a tree)
  const byName = BY_NAME.get(lower);
  if (byName) return byName;
  if (lower.endsWith('.tf.json') || lower.endsWith('.tfvars.json')) return 'terraform-json';
  // (the first character decides whether the two name patterns can match: called for every file of a tree)
  const first = lower.charCodeAt(0);
  if (first === 0x2e && /^\.env(\.|$)/.test(lower)) return 'dotenv';
  if ((first === 0x72 || first === 0x63) && /^(requirements|constraints)[\w.-]*\.(txt|in)$/.test(lower)) return 'requirements';
  if (lower === 'build.gradle.kts' || lower === 'settings.gradle.kts') return 'gradle';
  const dot = lower.lastIndexOf('.');
  if (dot <= 0 && !lower.startsWith('.')) return undefined;
  const ext = lower.slice(dot);
  if (ext === '.kts') return undefined; // only Gradle build scripts, matched above
  return BY_EXTENSION.get(ext);
}
