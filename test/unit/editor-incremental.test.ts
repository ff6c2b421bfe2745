/**
 * The editor path (`new Engine({ incremental: true })`: kept trees, and for Python kept segments
 * with only the edited region parsed again) gives after every edit exactly the result of a fresh
 * engine scanning the same text. Random edits open and close strings and brackets, comment out
 * and delete lines, insert bindings, indent and dedent, add line continuations and `else:` clauses.
 */
import * as assert from 'assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Engine } from '../../src/core';
import { segmentStats } from '../../src/core/analyzers/source';
import { analyzeYaml, forgetPieces, pieceStats, yamlTrees } from '../../src/core/analyzers/yaml';
import { PYTHON as PYTHON_LANGUAGE } from '../../src/core/analyzers/python';
import { getParser } from '../../src/core/parsers/treesitter';
import { MAX_REGION_CHARS, planRegion } from '../../src/core/analyzers/segments';

const PYTHON = `"""Chat service."""
import os
from openai import AzureOpenAI
import boto3

ENDPOINT = os.environ["AZURE_OPENAI_ENDPOINT"]
client = AzureOpenAI(azure_endpoint="https://contoso.openai.azure.com", api_version="2024-06-01")
runtime = boto3.client("bedrock-runtime", region_name="us-east-1")


@retry(times=3)
def ask(prompt):
    if not prompt:
        return None
    elif len(prompt) > 10:
        prompt = prompt[:10]
    else:
        pass
    try:
        return client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": prompt}])
    except Exception:
        return runtime.invoke_model(modelId="anthropic.claude-3-haiku-20240307-v1:0", body=prompt)
    finally:
        log("done")


class Store:
    url = "https://example.blob.core.windows.net"

    def get(self):
        return os.getenv("VERTEX_ENDPOINT")


template = f"""
value = {ENDPOINT}
client = AzureOpenAI()
"""
total = 1 + \\
    2
items = [
    "sagemaker",
    "plain",
]
# client = AzureOpenAI(azure_endpoint="https://old.openai.azure.com")
match total:
    case 3:
        vertex = "aiplatform.googleapis.com"
    case _:
        pass
value_1 = compute(1, "plain text 1")  # comment 1
value_2 = compute(2, "plain text 2")  # comment 2
`;

const TYPESCRIPT = `import { AzureOpenAI } from 'openai';
import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';

const endpoint = process.env.AZURE_OPENAI_ENDPOINT;
export const client = new AzureOpenAI({ endpoint: 'https://contoso.openai.azure.com', apiVersion: '2024-06-01' });
const runtime = new BedrockRuntimeClient({ region: 'us-east-1' });

export async function ask(prompt: string): Promise<string> {
  if (!prompt) {
    return '';
  } else {
    const r = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: prompt }] });
    return r.choices[0].message.content ?? '';
  }
}

// const old = new AzureOpenAI({ endpoint: 'https://old.openai.azure.com' });
const url = \`https://\${region}.aiplatform.googleapis.com/v1\`;
const plain = compute(1, 'plain text');
`;

const TERRAFORM = `resource "azurerm_cognitive_account" "openai" {
  name                = "contoso-openai"
  kind                = "OpenAI"
  location            = "eastus"
  resource_group_name = azurerm_resource_group.main.name
  sku_name            = "S0"
}

# resource "aws_sagemaker_endpoint" "old" { name = "old" }

resource "aws_sagemaker_endpoint" "main" {
  name                 = "main"
  endpoint_config_name = aws_sagemaker_endpoint_configuration.main.name
}

locals {
  endpoint = "https://contoso.openai.azure.com"
  plain    = "plain text"
}

module "vertex" {
  source = "terraform-google-modules/vertex-ai/google"
}
`;

/** A multi-document Kubernetes manifest: documents are kept and only edited ones parsed again. */
const KUBERNETES = `# rendered manifests
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: chat
spec:
  template:
    spec:
      containers:
        - name: chat
          image: registry.example.com/chat:1
          env:
            - name: AZURE_OPENAI_ENDPOINT
              value: "https://contoso.openai.azure.com"
            - name: MODE
              value: plain
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  BEDROCK_MODEL_ID: anthropic.claude-3-haiku-20240307-v1:0
  plain: value
---
apiVersion: v1
kind: Service
metadata:
  name: chat
spec:
  ports:
    - port: 80
---
# a document with only a comment
---
apiVersion: v1
kind: Secret
metadata:
  name: keys
stringData:
  key: |
    multi-line
    --- not a marker inside
  other: >
    folded
    text
`;

/** One-document YAML: an edit re-parses only the innermost entry (of a block mapping) it falls in. */
const CLOUDFORMATION = `AWSTemplateFormatVersion: "2010-09-09"
Description: >
  Chat service,
  folded description
Parameters:
  Env:
    Type: String
    Default: dev
Resources:
  Endpoint:
    Type: AWS::SageMaker::Endpoint
    Properties:
      EndpointName: !Sub "chat-\${Env}"
      EndpointConfigName: !Ref Config
      Tags:
        - Key: team
          Value: chat
        - { Key: flow, Value: "in a flow map" }
  Config:
    Type: "AWS::SageMaker::EndpointConfig"
    Properties:
      ProductionVariants: [ { ModelName: chat, VariantName: main } ]
      Note: plain text that
        continues here
  Bucket:
    Type: AWS::S3::Bucket
    Properties: { BucketName: data, Versioning: { Status: Enabled } }
  Function:
    Type: AWS::Lambda::Function
    Properties:
      Environment:
        Variables:
          BEDROCK_MODEL_ID: anthropic.claude-3-haiku-20240307-v1:0
          AZURE_OPENAI_ENDPOINT: "https://contoso.openai.azure.com"
      Code:
        ZipFile: |
          import boto3
          client = boto3.client("bedrock-runtime")
  Flow:
    Type: AWS::Lambda::Function
    Properties: {
      Runtime: python3.12,
      Handler: index.handler
    }
  Shared: &shared
    Type: AWS::SNS::Topic
  Other: *shared
Outputs:
  Url:
    Value: !GetAtt Endpoint.EndpointName
`;

const WORKFLOW = `name: ci
on: [push]
jobs:
  test:
    runs-on: ubuntu-latest
    env:
      AZURE_OPENAI_ENDPOINT: https://contoso.openai.azure.com
    steps:
      - uses: actions/checkout@v4
      - name: call
        run: |
          az cognitiveservices account list
          echo done
      - name: plain
        run: echo plain
  deploy:
    needs: test
    runs-on: ubuntu-latest
    steps:
      - run: aws bedrock list-foundation-models
`;

const BINDINGS: Record<string, string[]> = {
  yaml: ['            - name: VERTEX_ENDPOINT\n              value: "https://us-central1-aiplatform.googleapis.com"\n', '  SAGEMAKER_ENDPOINT: my-endpoint\n', '---\napiVersion: v1\nkind: ConfigMap\ndata:\n  OPENAI_API_TYPE: azure\n', '  Model:\n    Type: AWS::SageMaker::Model\n', '    Type: AWS::Bedrock::Agent\n', '      OPENAI_API_TYPE: azure\n', '        run: az ml workspace list\n'],
  py: ['client2 = AzureOpenAI(azure_endpoint="https://x.openai.azure.com")\n', 'import vertexai\n', 'rt = boto3.client("sagemaker-runtime")\n', 'from google.cloud import aiplatform\n', '    x = AzureOpenAI()\n'],
  ts: ["const c2 = new AzureOpenAI({ endpoint: 'https://x.openai.azure.com' });\n", "import { VertexAI } from '@google-cloud/vertexai';\n", "const s = new SageMakerRuntimeClient({});\n"],
  tf: ['resource "aws_bedrock_guardrail" "g" {\n  name = "g"\n}\n', 'data "azurerm_cognitive_account" "x" {\n  name = "x"\n}\n', '  endpoint2 = "https://x.openai.azure.com"\n'],
};

const FRAGMENTS: Record<string, string[]> = {
  yaml: ['"', "'", '---\n', '---', '...\n', '%YAML 1.2\n', '&a ', '*a', '*shared', '{', '}', '[', ']', ', ', '\n', '  ', '    ', '- ', ': ', ':', '? ', '# ', '|\n', '>\n', '|2\n', '\t', '\r\n', 'x', 'Key', '!Ref ', '!Sub ', 'é😀', '{{ .Values.x }}', '\nY: 1\n', '\n  Z: 2\n'],
  py: ['"', "'", '"""', "'''", '(', ')', '[', ']', '{', '}', '\n', '\\\n', '    ', '# ', 'else:\n    pass\n', 'elif x:\n    y = 1\n', 'except E:\n    pass\n', '@dec\n', 'if x:\n', 'def f():\n', 'f"', '\r\n', ' # edit\n', 'x', ':', '\t', 'é😀'],
  ts: ['"', "'", '`', '${', '(', ')', '{', '}', '[', ']', '\n', '// ', '/*', '*/', ';', 'else {', 'x', '+', '\r\n', 'é😀'],
  tf: ['"', '{', '}', '[', ']', '\n', '# ', '/*', '*/', '<<EOF\n', '\nEOF\n', '=', 'x', '${', '\r\n', 'é😀'],
};

/** Whole lines inserted at a line start: statements, clauses that join the block before, strings and brackets opened on one line and closed on another. */
const PY_LINES = ['else:\n    pass\n', 'elif y:\n    z = 2\n', 'except ValueError:\n    pass\n', 'finally:\n    pass\n', 'if x:\n', '    pass\n', 'x = """\n', '"""\n', "y = '''\n", "'''\n", 'total = 1 + \\\n', 'items = [\n', ']\n', '@decorator\n', 'def g():\n    return AzureOpenAI()\n', 'class C:\n    pass\n', '# plain comment\n', '\n', 'print("sagemaker")\n', 'case 1:\n', 'match v:\n    case 1:\n        pass\n', 'x = (AzureOpenAI()\n', ')\n', 'return\n', 'async def h():\n    await x\n'];

type Edit =
  | { op: 'line'; line: number; pick: number }
  | { op: 'continueLine'; line: number }
  | { op: 'insert'; at: number; pick: number; binding: boolean }
  | { op: 'delete'; at: number; len: number }
  | { op: 'deleteLines'; line: number; count: number }
  | { op: 'comment'; line: number }
  | { op: 'uncomment'; line: number }
  | { op: 'append'; line: number; n: number }
  | { op: 'bindingLine'; line: number; pick: number };

const lineEdit: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('line' as const), line: fc.nat(), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('deleteLines' as const), line: fc.nat(), count: fc.integer({ min: 1, max: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('comment' as const), line: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('uncomment' as const), line: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('append' as const), line: fc.nat(), n: fc.nat({ max: 999 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('continueLine' as const), line: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('bindingLine' as const), line: fc.nat(), pick: fc.nat() }) },
);

const edit: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('insert' as const), at: fc.nat(), pick: fc.nat(), binding: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 80 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('deleteLines' as const), line: fc.nat(), count: fc.integer({ min: 1, max: 3 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('comment' as const), line: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('uncomment' as const), line: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('append' as const), line: fc.nat(), n: fc.nat({ max: 999 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('bindingLine' as const), line: fc.nat(), pick: fc.nat() }) },
);

/** Offsets of line starts. */
function lineStarts(text: string): number[] {
  const out = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) out.push(i + 1);
  return out;
}

function apply(text: string, e: Edit, ext: string): string {
  const starts = lineStarts(text);
  const lineAt = (n: number) => starts[n % starts.length];
  const lineEnd = (n: number) => {
    const i = (n % starts.length) + 1;
    return i < starts.length ? starts[i] : text.length;
  };
  const comment = ext === 'ts' ? '// ' : '# ';
  switch (e.op) {
    case 'line': {
      const s = lineAt(e.line);
      return text.slice(0, s) + PY_LINES[e.pick % PY_LINES.length] + text.slice(s);
    }
    case 'insert': {
      const at = e.at % (text.length + 1);
      const list = e.binding ? BINDINGS[ext] : FRAGMENTS[ext];
      return text.slice(0, at) + list[e.pick % list.length] + text.slice(at);
    }
    case 'delete': {
      const at = e.at % (text.length + 1);
      return text.slice(0, at) + text.slice(Math.min(text.length, at + e.len));
    }
    case 'deleteLines': {
      const s = lineAt(e.line);
      return text.slice(0, s) + text.slice(lineEnd(e.line + e.count - 1) >= s ? lineEnd(e.line + e.count - 1) : text.length);
    }
    case 'comment': {
      const s = lineAt(e.line);
      return text.slice(0, s) + comment + text.slice(s);
    }
    case 'uncomment': {
      const s = lineAt(e.line);
      return text.startsWith(comment, s) ? text.slice(0, s) + text.slice(s + comment.length) : text.slice(0, s) + text.slice(s).replace(/^(\s*)(#|\/\/) ?/, '$1');
    }
    case 'continueLine': {
      // a line continuation: the next line joins this one
      const end = lineEnd(e.line);
      const at = end > 0 && text[end - 1] === '\n' ? end - 1 - (text[end - 2] === '\r' ? 1 : 0) : end;
      return text.slice(0, at) + ' \\' + text.slice(at);
    }
    case 'append': {
      const end = lineEnd(e.line);
      const at = end > 0 && text[end - 1] === '\n' ? end - 1 : end;
      return text.slice(0, at) + `${ext === 'ts' ? ' //' : ' #'} edit ${e.n}` + text.slice(at);
    }
    case 'bindingLine': {
      const s = lineAt(e.line);
      const list = BINDINGS[ext];
      return text.slice(0, s) + list[e.pick % list.length] + text.slice(lineEnd(e.line));
    }
  }
}

const DOCS = [
  { file: 'app/service.py', ext: 'py', text: PYTHON },
  { file: 'app/service_crlf.py', ext: 'py', text: PYTHON.replace(/\n/g, '\r\n') },
  { file: 'app/long.py', ext: 'py', text: Array.from({ length: 300 }, (_, i) => (i % 50 === 0 ? 'client = AzureOpenAI(azure_endpoint="https://contoso.openai.azure.com")' : `value_${i} = compute(${i}, "plain text ${i}")  # comment ${i}`)).join('\n') + '\n' + PYTHON },
  { file: 'src/client.ts', ext: 'ts', text: TYPESCRIPT },
  { file: 'infra/main.tf', ext: 'tf', text: TERRAFORM },
  { file: 'k8s/app.yaml', ext: 'yaml', text: KUBERNETES },
  { file: 'k8s/app-crlf.yaml', ext: 'yaml', text: KUBERNETES.replace(/\n/g, '\r\n') },
  { file: 'cfn/template.yaml', ext: 'yaml', text: CLOUDFORMATION },
  { file: 'cfn/template-crlf.yaml', ext: 'yaml', text: CLOUDFORMATION.replace(/\n/g, '\r\n') },
  { file: '.github/workflows/ci.yml', ext: 'yaml', text: WORKFLOW },
];

/** Top-level nodes of a parse as `type start-end (s-expression)`, offsets shifted by `by`. */
async function topLevel(text: string, by = 0): Promise<{ error: boolean; nodes: string[] }> {
  const parser = await getParser('python');
  const tree = parser.parse(text)!;
  try {
    const nodes = tree.rootNode.children.filter((c) => !!c).map((c) => `${c!.type} ${c!.startIndex + by}-${c!.endIndex + by} ${c!.toString()}`);
    return { error: tree.rootNode.hasError, nodes };
  } finally {
    tree.delete();
  }
}

const PY_PIECES = [...PY_LINES, 'x = 1 \\\n', 'x = 1 \\\r\n', 'print "a"\n', 'async\n', 'x = (\n', '  # indented comment\n', '# comment\n', '\\\n', 'else:\n', 'case 1:\n', 'client = AzureOpenAI(azure_endpoint="https://x.openai.azure.com")\n', 'def f():\n    pass\n', '    return 1\n', 'x = 1  # c \\\n', 'y = f"{a}"\n', 'try:\n    pass\n', 'elif_x = 1\n', 'else_ = 2\n', '\tpass\n', 'lambda: 0\n', 'with a:\n'];

describe('python segments: text from a boundary parses as a document of its own', () => {
  it('parse(R + B) is parse(R) then parse(B) when both parse without error and B starts at a boundary', async () => {
    let checked = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...PY_PIECES), { minLength: 1, maxLength: 4 }), fc.array(fc.constantFrom(...PY_PIECES), { minLength: 1, maxLength: 3 }), async (r, b) => {
        const R = r.join('');
        const B = b.join('');
        if (!PYTHON_LANGUAGE.boundary!(R + B, R.length)) return;
        const [whole, left, right] = await Promise.all([topLevel(R + B), topLevel(R), topLevel(B, R.length)]);
        if (left.error || right.error) return;
        checked++;
        assert.strictEqual(whole.error, false, JSON.stringify(R + B));
        assert.deepStrictEqual(whole.nodes, [...left.nodes, ...right.nodes], JSON.stringify(R + B));
      }),
      { numRuns: 8000, seed: 424242 },
    );
    assert.ok(checked > 400, `only ${checked} pairs checked`);
  });
});

describe('segment planning', () => {
  const lineStart = (text: string, at: number) => text[at - 1] === '\n';
  const state = (text: string, focus?: number[]) => ({ text, focus, starts: lineStarts(text), atoms: [] });

  it('re-parses the segments an edit touches, widened to boundaries in the new text', () => {
    const s = state('a = 1\nb = 2\nc = 3\nd = 4\n', [0, 1]);
    assert.deepStrictEqual(planRegion(s, 'a = 1\nb = 22\nc = 3\nd = 4\n', [0, 1], lineStart), { start: 6, end: 13, first: 1, last: 1, delta: 1 });
    // an insertion at a segment start belongs to that segment
    assert.deepStrictEqual(planRegion(s, 'a = 1\nx\nb = 2\nc = 3\nd = 4\n', [0, 1], lineStart), { start: 6, end: 14, first: 1, last: 1, delta: 2 });
    // the new text at the region's end is no boundary: the region grows
    assert.deepStrictEqual(planRegion(s, 'a = 1\nb = 2c = 3\nd = 4\n', [0, 1], lineStart), { start: 6, end: 17, first: 1, last: 2, delta: -1 });
  });

  it('gives up when keyword ranges outside the region differ, or the focus mode changed', () => {
    const s = state('a = 1\nb = 2\nc = 3\nd = 4\n', [0, 1, 18, 19]);
    assert.ok(planRegion(s, 'a = 1\nb = 22\nc = 3\nd = 4\n', [0, 1, 19, 20], lineStart));
    assert.strictEqual(planRegion(s, 'a = 1\nb = 22\nc = 3\nd = 4\n', [0, 1, 18, 20], lineStart), undefined);
    assert.strictEqual(planRegion(s, 'a = 1\nb = 22\nc = 3\nd = 4\n', [0, 2, 19, 20], lineStart), undefined);
    assert.strictEqual(planRegion(s, 'a = 1\nb = 22\nc = 3\nd = 4\n', [19, 20], lineStart), undefined);
    assert.strictEqual(planRegion(s, 'a = 1\nb = 22\nc = 3\nd = 4\n', undefined, lineStart), undefined);
    // ranges inside the region may change freely
    assert.ok(planRegion(s, 'a = 1\nb = 22\nc = 3\nd = 4\n', [0, 1, 6, 7, 19, 20], lineStart));
  });

  it('gives up on regions over the size limits', () => {
    const big = `a = 1\n${'x'.repeat(MAX_REGION_CHARS)}\nb = 2\n`;
    assert.strictEqual(planRegion(state(big), big.replace('xx', 'xyx'), undefined, lineStart), undefined);
    // over a quarter of the document: the whole document is re-parsed
    const third = `a = 1\n${'x'.repeat(3000)}\n${'b = 2\n'.repeat(1000)}`;
    assert.strictEqual(planRegion(state(third), third.replace('xx', 'xyx'), undefined, lineStart), undefined);
    const tenth = `a = 1\n${'x'.repeat(3000)}\n${'b = 2\n'.repeat(5000)}`;
    assert.ok(planRegion(state(tenth), tenth.replace('xx', 'xyx'), undefined, lineStart));
  });
});

/** A copy of parsed YAML trees without the ends of maps and sequences. */
function withoutCollectionEnds<T>(x: T): T {
  return JSON.parse(JSON.stringify(x), function (this: Record<string, unknown>, k, v) {
    return k === 'end' && (this.type === 'map' || this.type === 'seq') ? undefined : v;
  });
}

describe('editor path: incremental re-scans equal fresh scans', () => {
  const fresh = new Engine();
  const incremental = new Engine({ incremental: true });

  const cases = [...DOCS.map((doc) => ({ doc, edits: edit, kind: 'random edits' })), ...DOCS.filter((d) => d.ext === 'py').map((doc) => ({ doc, edits: lineEdit, kind: 'line edits' }))];
  for (const { doc, edits: arbitrary, kind } of cases) {
    it(`${doc.file}: findings after each of a few hundred ${kind} equal a fresh scan`, async (t) => {
      const before = { ...segmentStats, ...pieceStats };
      let edits = 0;
      let withFindings = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(arbitrary, { minLength: 1, maxLength: 12 }), async (seq) => {
          let text = doc.text;
          incremental.forget(doc.file);
          await incremental.scanText(doc.file, text);
          for (const e of seq) {
            text = apply(text, e, doc.ext);
            const inc = await incremental.scanText(doc.file, text);
            const ref = await fresh.scanText(doc.file, text);
            assert.deepStrictEqual(inc, ref, `after ${JSON.stringify(e)}:\n${text}`);
            edits++;
            if (ref.findings.length) withFindings++;
          }
        }),
        { numRuns: 45, seed: 20261124 },
      );
      incremental.forget(doc.file);
      assert.ok(edits >= 200, `only ${edits} edits`);
      assert.ok(withFindings > edits / 2, `findings after only ${withFindings} of ${edits} edits`);
      if (doc.ext === 'yaml') {
        // a good share of the edits re-parsed only the document or the entry they touched
        const reused = pieceStats.reused - before.reused;
        const entries = pieceStats.entries - before.entries;
        t.diagnostic(`${edits} edits, ${withFindings} with findings, ${reused} documents reused, ${entries} entries parsed alone, ${pieceStats.whole - before.whole} whole-file parses`);
        if (doc.text.includes('\n---')) assert.ok(reused > edits, `only ${reused} documents reused over ${edits} edits`);
        // (random fragments often leave the YAML invalid: those edits, and the one after, parse the whole file)
        else assert.ok(entries > edits / 20, `only ${entries} of ${edits} edits were re-parsed by entry`);
      }
      if (doc.ext === 'py') {
        // the segment path did the work for a good share of the edits (the rest: syntax errors, regions too wide)
        const regions = segmentStats.regions - before.regions;
        t.diagnostic(`${edits} edits, ${withFindings} with findings, ${regions} re-analysed by region, ${segmentStats.documents - before.documents} whole-document parses`);
        assert.ok(regions > edits / 5, `only ${regions} of ${edits} edits were re-analysed by region`);
      }
    });
  }

  it('YAML: the analyzer\'s atoms after each random edit equal those of a whole parse (documents and entries parsed alone)', async () => {
    for (const doc of DOCS.filter((d) => d.ext === 'yaml')) {
      const key = `atoms:${doc.file}`;
      await fc.assert(
        fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 12 }), async (seq) => {
          let text = doc.text;
          forgetPieces(key);
          await analyzeYaml({ path: doc.file, text, cacheKey: key });
          for (const e of seq) {
            text = apply(text, e, doc.ext);
            // the trees (every position of every scalar and key; a collection's end may differ
            // by trailing comments, see editEntry) and the analyzer's output
            assert.deepStrictEqual(withoutCollectionEnds(yamlTrees(text, key)), withoutCollectionEnds(yamlTrees(text)), `trees after ${JSON.stringify(e)}:\n${text}`);
            assert.deepStrictEqual(await analyzeYaml({ path: doc.file, text, cacheKey: key }), await analyzeYaml({ path: doc.file, text }), `after ${JSON.stringify(e)}:\n${text}`);
          }
        }),
        { numRuns: 40, seed: 20261125 },
      );
      forgetPieces(key);
    }
    // the first document decides the dialect of the others: their kept atoms do not outlive a change of it
    for (const [from, to] of [['kind: Deployment', 'kind: Deploymentx'], ['apiVersion: apps/v1', 'apiVersio: apps/v1']]) {
      await analyzeYaml({ path: 'k8s/d.yaml', text: KUBERNETES, cacheKey: 'dialect' });
      const changed = KUBERNETES.replace(from, to);
      assert.deepStrictEqual(await analyzeYaml({ path: 'k8s/d.yaml', text: changed, cacheKey: 'dialect' }), await analyzeYaml({ path: 'k8s/d.yaml', text: changed }));
      assert.notDeepStrictEqual(await analyzeYaml({ path: 'k8s/d.yaml', text: changed }), await analyzeYaml({ path: 'k8s/d.yaml', text: KUBERNETES }));
      forgetPieces('dialect');
    }
    // kept atoms of a document and of its subtrees stay right through edits elsewhere that move them
    let moving = 'kind: ConfigMap\ndata:\n  a: x\n---\n' + KUBERNETES.split('---\n')[1];
    const steps: [string, string][] = [
      ['image: registry.example.com/chat:1', 'image: registry.example.com/chat:12'],
      ['a: x', 'a: xyz'],
      ['a: xyz', 'a: x'],
      ['a: x', 'a: xyzw'],
      ['name: chat\nspec', 'name: chat2\nspec'],
      ['value: plain', 'value: plainer'],
      ['a: xyzw', 'a: x'],
    ];
    await analyzeYaml({ path: 'k8s/m.yaml', text: moving, cacheKey: 'moving' });
    for (const [from, to] of steps) {
      assert.ok(moving.includes(from), from);
      moving = moving.replace(from, to);
      assert.deepStrictEqual(await analyzeYaml({ path: 'k8s/m.yaml', text: moving, cacheKey: 'moving' }), await analyzeYaml({ path: 'k8s/m.yaml', text: moving }), `${from} -> ${to}`);
    }
    forgetPieces('moving');
    // the same document twice: each keeps a tree of its own, before and after either is edited
    const twice = 'apiVersion: v1\nkind: ConfigMap\ndata:\n  plain: a\n' + '---\nkind: ConfigMap\ndata:\n  BEDROCK_MODEL_ID: x\n'.repeat(2);
    for (const edited of [twice, twice.replace('BEDROCK_MODEL_ID: x', 'BEDROCK_MODEL_ID: xy'), twice.replace(/BEDROCK_MODEL_ID: x\n$/, 'BEDROCK_MODEL_ID: xz\n'), twice]) {
      assert.deepStrictEqual(withoutCollectionEnds(yamlTrees(edited, 'twice')), withoutCollectionEnds(yamlTrees(edited)));
      assert.deepStrictEqual(await analyzeYaml({ path: 'k8s/t.yaml', text: edited, cacheKey: 'twice' }), await analyzeYaml({ path: 'k8s/t.yaml', text: edited }));
    }
    forgetPieces('twice');
    // an anchor renamed in one entry leaves an alias elsewhere unresolved: the whole parse reports it
    await analyzeYaml({ path: 'cfn/t.yaml', text: CLOUDFORMATION, cacheKey: 'anchor' });
    const renamed = CLOUDFORMATION.replace('&shared', '&renamed');
    assert.deepStrictEqual(await analyzeYaml({ path: 'cfn/t.yaml', text: renamed, cacheKey: 'anchor' }), await analyzeYaml({ path: 'cfn/t.yaml', text: renamed }));
    forgetPieces('anchor');
    // inside a flow mapping written over several lines, an entry is not a line of its own
    for (const flow of ['a:\n  b: {\n    c: bedrock-runtime,\n    d: x\n  }\n  e: 1\n', '{\n  c: bedrock-runtime,\n  d: x\n}\n']) {
      await analyzeYaml({ path: 'x.yaml', text: flow, cacheKey: 'flow' });
      const edited = flow.replace('bedrock-runtime,', 'bedrock-runtimes,');
      assert.deepStrictEqual(await analyzeYaml({ path: 'x.yaml', text: edited, cacheKey: 'flow' }), await analyzeYaml({ path: 'x.yaml', text: edited }), flow);
      forgetPieces('flow');
    }
  });

  it('YAML: edits inside entries of a large template and of a large manifest re-parse one entry or one document, with fresh results', async (t) => {
    const { editorCases } = await import('../../bench/editorfiles');
    for (const c of editorCases().filter((x) => x.file.endsWith('.yaml'))) {
      const lines = [...c.lines];
      await incremental.scanText(c.file, lines.join('\n'));
      const before = { ...pieceStats };
      const edits = 60;
      for (let e = 0; e < edits; e++) {
        c.edit(lines, e);
        // and a value typed in: a binding appears and goes
        if (e % 4 === 0) lines[lines.length - 3] = lines[lines.length - 3].replace(/bucket-|config-/, e % 8 === 0 ? 'sagemaker-' : 'bucket-');
        const text = lines.join('\n');
        assert.deepStrictEqual(await incremental.scanText(c.file, text), await fresh.scanText(c.file, text), `${c.file} edit ${e}`);
      }
      const entries = pieceStats.entries - before.entries;
      t.diagnostic(`${c.file}: ${edits} edits, ${entries} entries parsed alone, ${pieceStats.parsed - before.parsed} documents parsed, ${pieceStats.whole - before.whole} whole-file parses`);
      assert.strictEqual(pieceStats.whole - before.whole, 0, `${c.file}: a whole-file parse`);
      assert.ok(entries >= edits, `${c.file}: only ${entries} of ${edits} edits re-parsed by entry`);
      incremental.forget(c.file);
    }
  });

  it('comment appends as in the editor benchmark, and a binding line commented out and back, give fresh results', async (t) => {
    const lines = Array.from({ length: 2000 }, (_, i) => (i % 200 === 0 ? 'client = AzureOpenAI(azure_endpoint="https://contoso.openai.azure.com")' : `value_${i} = compute(${i}, "plain text ${i}")  # comment ${i}`));
    const file = 'app/big_service.py';
    await incremental.scanText(file, lines.join('\n'));
    const before = segmentStats.regions;
    let scans = 0;
    const check = async (what: string) => {
      const text = lines.join('\n');
      const inc = await incremental.scanText(file, text);
      const ref = await fresh.scanText(file, text);
      assert.deepStrictEqual(inc, ref, what);
      scans++;
    };
    for (let e = 0; e < 100; e++) {
      const at = (e * 37) % lines.length;
      lines[at] = `${lines[at]} # edit ${e}`;
      await check(`edit ${e}`);
      const binding = (e % 10) * 200;
      if (e % 3 === 0) {
        lines[binding] = `# ${lines[binding]}`;
        await check(`commented out line ${binding}`);
        lines[binding] = lines[binding].slice(2);
        await check(`restored line ${binding}`);
      }
    }
    const regions = segmentStats.regions - before;
    t.diagnostic(`${regions} of ${scans} scans re-analysed by region`);
    assert.ok(regions >= scans - 2, `only ${regions} of ${scans} scans re-analysed by region`);
    incremental.forget(file);
  });

  it('typing a binding one character at a time gives fresh results, and the segment path resumes when the line parses', async () => {
    // on the way: syntax errors (open call, open string) that the whole document's parse handles
    const lines = Array.from({ length: 300 }, (_, i) => (i % 100 === 0 ? 'client = AzureOpenAI(azure_endpoint="https://contoso.openai.azure.com")' : `value_${i} = compute(${i}, "plain text ${i}")  # comment ${i}`));
    const file = 'app/typed_service.py';
    await incremental.scanText(file, lines.join('\n'));
    const typed = 'extra = AzureOpenAI(azure_endpoint="https://t.openai.azure.com")';
    lines.splice(150, 0, '');
    for (let i = 0; i <= typed.length; i++) {
      lines[150] = typed.slice(0, i);
      const text = lines.join('\n');
      const r0 = segmentStats.regions;
      assert.deepStrictEqual(await incremental.scanText(file, text), await fresh.scanText(file, text), `typed ${lines[150]}`);
      if (i === typed.length) assert.strictEqual(segmentStats.regions - r0, 1, 'the completed line was not re-analysed by region');
    }
    incremental.forget(file);
  });
});
