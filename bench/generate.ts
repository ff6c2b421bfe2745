/**
 * Deterministic benchmark tree: mixed Terraform, YAML, Python, TypeScript, Go, Java, C#, JSON and
 * Markdown files of realistic size, about one in a hundred with a single-cloud AI binding, plus
 * node_modules and .gitignore'd folders that a scan must not read.
 */
import * as fs from 'fs';
import * as path from 'path';

/** Small, fast, seeded PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = 'account balance customer order invoice payment report service handler request response config value index table queue event stream record batch job task user profile session token cache store bucket region zone network subnet cluster node pod deploy release build test metric alert'.split(' ');

interface Kind {
  ext: string;
  line: (r: () => number, i: number) => string;
  binding: string;
}

const pick = (r: () => number, a: string[]) => a[Math.floor(r() * a.length)];
const ident = (r: () => number) => `${pick(r, WORDS)}_${pick(r, WORDS)}${Math.floor(r() * 100)}`;

const KINDS: Kind[] = [
  { ext: '.tf', line: (r, i) => (i % 6 === 0 ? `resource "aws_s3_bucket" "${ident(r)}" {` : i % 6 === 5 ? '}' : `  ${ident(r)} = "${pick(r, WORDS)}-${Math.floor(r() * 1e6)}"`), binding: 'resource "azurerm_cognitive_account" "openai" {\n  kind = "OpenAI"\n}' },
  { ext: '.yaml', line: (r, i) => (i % 5 === 0 ? `${ident(r)}:` : `  ${ident(r)}: ${pick(r, WORDS)}-${Math.floor(r() * 1e6)}`), binding: 'Resources:\n  Agent:\n    Type: AWS::Bedrock::Agent' },
  { ext: '.py', line: (r, i) => (i % 8 === 0 ? `def ${ident(r)}(${pick(r, WORDS)}, ${pick(r, WORDS)}):` : `    ${ident(r)} = ${pick(r, WORDS)}.${pick(r, WORDS)}(${Math.floor(r() * 1000)})  # ${pick(r, WORDS)}`), binding: 'import boto3\nclient = boto3.client("bedrock-runtime")' },
  { ext: '.ts', line: (r, i) => (i % 8 === 0 ? `export function ${ident(r)}(${pick(r, WORDS)}: string): number {` : i % 8 === 7 ? '}' : `  const ${ident(r)} = ${pick(r, WORDS)}.${pick(r, WORDS)}(${Math.floor(r() * 1000)});`), binding: "import { AzureOpenAI } from 'openai';\nconst client = new AzureOpenAI({ endpoint: 'https://contoso.openai.azure.com' });" },
  { ext: '.go', line: (r, i) => (i % 8 === 0 ? `func ${ident(r)}(${pick(r, WORDS)} string) int {` : i % 8 === 7 ? '}' : `\t${ident(r)} := ${pick(r, WORDS)}.${pick(r, WORDS)}(${Math.floor(r() * 1000)})`), binding: 'import "github.com/aws/aws-sdk-go-v2/service/bedrockruntime"' },
  { ext: '.java', line: (r, i) => (i % 8 === 0 ? `  public int ${ident(r)}(String ${pick(r, WORDS)}) {` : i % 8 === 7 ? '  }' : `    int ${ident(r)} = ${pick(r, WORDS)}.${pick(r, WORDS)}(${Math.floor(r() * 1000)});`), binding: 'import com.azure.ai.openai.OpenAIClientBuilder;' },
  { ext: '.cs', line: (r, i) => (i % 8 === 0 ? `    public int ${ident(r)}(string ${pick(r, WORDS)}) {` : i % 8 === 7 ? '    }' : `        var ${ident(r)} = ${pick(r, WORDS)}.${pick(r, WORDS)}(${Math.floor(r() * 1000)});`), binding: 'using Azure.AI.OpenAI;' },
  { ext: '.json', line: (r) => `  "${ident(r)}": "${pick(r, WORDS)}-${Math.floor(r() * 1e6)}",`, binding: '  "type": "Microsoft.CognitiveServices/accounts",' },
  { ext: '.md', line: (r) => `${pick(r, WORDS)} ${pick(r, WORDS)} ${pick(r, WORDS)} ${pick(r, WORDS)} ${pick(r, WORDS)} ${pick(r, WORDS)}.`, binding: 'We call Bedrock and Azure OpenAI from the service.' },
];

export interface TreeStats {
  files: number;
  bytes: number;
  bindings: number;
  ignoredFiles: number;
}

/** Write `files` files (about 10 KB each) under `dir`. Same seed, same tree. */
export function generate(dir: string, files: number, seed = 42): TreeStats {
  const r = rng(seed);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, '.gitignore'), 'node_modules/\ngenerated/\n*.log\n');
  const stats: TreeStats = { files: 0, bytes: 0, bindings: 0, ignoredFiles: 0 };
  const perDir = 50;
  for (let i = 0; i < files; i++) {
    const kind = KINDS[i % KINDS.length];
    const sub = path.join(dir, `pkg${Math.floor(i / (perDir * 20))}`, `mod${Math.floor(i / perDir) % 20}`);
    if (i % perDir === 0) fs.mkdirSync(sub, { recursive: true });
    const lines: string[] = [];
    const target = 6000 + Math.floor(r() * 8000);
    let size = 0;
    for (let l = 0; size < target; l++) {
      const s = kind.line(r, l);
      lines.push(s);
      size += s.length + 1;
    }
    if (r() < 0.01 && kind.ext !== '.md') {
      lines.splice(Math.floor(lines.length / 2), 0, kind.ext === '.tf' || kind.ext === '.yaml' ? '' : '', kind.binding);
      stats.bindings++;
    }
    const text = lines.join('\n') + '\n';
    fs.writeFileSync(path.join(sub, `f${i}${kind.ext}`), text);
    stats.files++;
    stats.bytes += text.length;
  }
  // what a scan must skip: dependencies and ignored output, full of keywords
  for (const ignored of ['node_modules/openai/lib', 'generated/clients']) {
    const d = path.join(dir, ignored);
    fs.mkdirSync(d, { recursive: true });
    for (let i = 0; i < Math.max(10, files / 100); i++) {
      fs.writeFileSync(path.join(d, `azure${i}.ts`), "import { AzureOpenAI } from 'openai';\n".repeat(200));
      stats.ignoredFiles++;
    }
  }
  return stats;
}

if (require.main === module) {
  const [dir, n, seed] = process.argv.slice(2);
  const s = generate(path.resolve(dir ?? 'bench/.tree/5000'), Number(n ?? 5000), Number(seed ?? 42));
  console.log(JSON.stringify(s));
}
