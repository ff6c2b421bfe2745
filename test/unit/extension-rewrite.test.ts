/** Extension: the AzureOpenAI -> OpenAI rewrite (pure), checked by re-parsing the result with tree-sitter. */
import * as assert from 'assert';
import { describe, it } from 'node:test';
import { withTree, walk, type Grammar } from '../../src/core/parsers/treesitter';
import { applyEdits, codeMask, findConstructions, rewriteAt, rewriteLanguageFor } from '../../src/extension/rewrite';

async function parsesCleanly(grammar: Grammar, text: string): Promise<boolean> {
  return withTree(grammar, text, (root) => {
    let bad = false;
    walk(root, (n) => {
      if (n.type === 'ERROR' || n.isMissing) bad = true;
    });
    return !bad && !root.hasError;
  });
}

function rewrite(text: string, lang: 'python' | 'javascript', needle = 'AzureOpenAI(', env = 'OPENAI_BASE_URL') {
  const at = text.indexOf(needle);
  assert.ok(at >= 0, 'needle in text');
  return rewriteAt(text, lang, at, at, env);
}

const PY = `import os
from openai import AzureOpenAI

client = AzureOpenAI(
    azure_endpoint=os.environ["AZURE_OPENAI_ENDPOINT"],
    api_version="2024-06-01",
    api_key=os.environ["AZURE_OPENAI_API_KEY"],
    max_retries=3,
)
resp = client.chat.completions.create(model="gpt-4o", messages=[])
`;

describe('extension: rewrite AzureOpenAI (Python)', () => {
  it('rewrites the call and the import, keeping other keyword arguments', async () => {
    const r = rewrite(PY, 'python');
    assert.ok(r && r.ok, JSON.stringify(r));
    const out = applyEdits(PY, r.edits);
    assert.strictEqual(
      out,
      `import os
from openai import OpenAI

client = OpenAI(
    base_url=os.environ["OPENAI_BASE_URL"],
    api_key=os.environ["AZURE_OPENAI_API_KEY"],
    max_retries=3,
)
resp = client.chat.completions.create(model="gpt-4o", messages=[])
`,
    );
    assert.ok(await parsesCleanly('python', out));
  });

  it('adds import os when missing, uses the configured variable, one-line calls stay one line', async () => {
    const src = 'from openai import AzureOpenAI\nc = AzureOpenAI(azure_endpoint="https://x.openai.azure.com", api_version="2024-06-01", api_key=k)\n';
    const r = rewrite(src, 'python', 'AzureOpenAI(', 'LLM_BASE_URL');
    assert.ok(r && r.ok);
    const out = applyEdits(src, r.edits);
    assert.strictEqual(out, 'import os\nfrom openai import OpenAI\nc = OpenAI(base_url=os.environ["LLM_BASE_URL"], api_key=k)\n');
    assert.ok(await parsesCleanly('python', out));
  });

  it('async client and qualified names', async () => {
    const src = 'import os\nimport openai\nc = openai.AsyncAzureOpenAI(api_version="v", azure_endpoint=e)\n';
    const r = rewrite(src, 'python', 'openai.AsyncAzureOpenAI(');
    assert.ok(r && r.ok);
    assert.strictEqual(applyEdits(src, r.edits), 'import os\nimport openai\nc = openai.AsyncOpenAI(base_url=os.environ["OPENAI_BASE_URL"], api_key=os.environ["AZURE_OPENAI_API_KEY"])\n');
  });

  it('keeps the Azure import when the class is still used elsewhere', () => {
    const src = 'import os\nfrom openai import AzureOpenAI\na = AzureOpenAI(api_key=k)\nb = AzureOpenAI(api_key=j)\n';
    const r = rewrite(src, 'python');
    assert.ok(r && r.ok);
    const out = applyEdits(src, r.edits);
    assert.match(out, /^from openai import AzureOpenAI, OpenAI$/m);
    assert.match(out, /^a = OpenAI\(base_url=os.environ\["OPENAI_BASE_URL"\], api_key=k\)$/m);
    assert.match(out, /^b = AzureOpenAI\(api_key=j\)$/m);
  });

  it('removes the Azure name when OpenAI is already imported', () => {
    const src = 'import os\nfrom openai import AzureOpenAI, OpenAI\na = AzureOpenAI(api_key=k)\n';
    const r = rewrite(src, 'python');
    assert.ok(r && r.ok);
    assert.match(applyEdits(src, r.edits), /^from openai import OpenAI$/m);
  });

  it('refuses Entra ID token auth, positional arguments, **kwargs and comments in the call', () => {
    for (const [src, reason] of [
      ['c = AzureOpenAI(azure_endpoint=e, azure_ad_token_provider=p)\n', /Entra ID/],
      ['c = AzureOpenAI(e, k)\n', /positional/],
      ['c = AzureOpenAI(**opts)\n', /kwargs/],
      ['c = AzureOpenAI(\n  api_key=k,  # the key\n)\n', /comments/],
    ] as const) {
      const r = rewrite(src, 'python');
      assert.ok(r && !r.ok, src);
      assert.match(r.reason, reason);
    }
  });

  it('ignores strings, comments, definitions and other positions', () => {
    const src = 'x = "AzureOpenAI(api_key=k)"\n# AzureOpenAI(api_key=k)\nclass AzureOpenAI(Base):\n    pass\nc = AzureOpenAI(api_key=k)\n';
    const cs = findConstructions(src, 'python');
    assert.strictEqual(cs.length, 1);
    assert.strictEqual(src.slice(cs[0].start, cs[0].closeParen + 1), 'AzureOpenAI(api_key=k)');
    assert.strictEqual(rewriteAt(src, 'python', 0, 0), undefined, 'cursor on the string: nothing');
  });

  it('triple-quoted strings are not code', () => {
    const m = codeMask('a = """x(\n)"""\nb(', 'python');
    assert.strictEqual(m[5], 1);
    assert.strictEqual(m[15], 0);
  });
});

const JS = `import { AzureOpenAI } from "openai";

const client = new AzureOpenAI({
  endpoint: process.env.AZURE_OPENAI_ENDPOINT,
  apiVersion: "2024-10-21",
  apiKey: process.env.AZURE_OPENAI_API_KEY,
  deployment: "gpt-4o",
  timeout: 30_000,
});
`;

describe('extension: rewrite AzureOpenAI (JavaScript / TypeScript)', () => {
  it('rewrites new AzureOpenAI({...}) and the import', async () => {
    const r = rewrite(JS, 'javascript');
    assert.ok(r && r.ok, JSON.stringify(r));
    const out = applyEdits(JS, r.edits);
    assert.strictEqual(
      out,
      `import { OpenAI } from "openai";

const client = new OpenAI({
  baseURL: process.env.OPENAI_BASE_URL,
  apiKey: process.env.AZURE_OPENAI_API_KEY,
  timeout: 30_000,
});
`,
    );
    assert.ok(await parsesCleanly('javascript', out));
    assert.ok(await parsesCleanly('typescript', out));
  });

  it('one-line objects, shorthand properties, require() and no arguments', async () => {
    const src = "const { AzureOpenAI } = require('openai');\nconst a = new AzureOpenAI({ apiKey, endpoint });\n";
    const r = rewrite(src, 'javascript');
    assert.ok(r && r.ok);
    const out = applyEdits(src, r.edits);
    assert.strictEqual(out, "const { OpenAI } = require('openai');\nconst a = new OpenAI({ baseURL: process.env.OPENAI_BASE_URL, apiKey });\n");
    const src2 = 'import { AzureOpenAI } from "openai";\nconst b = new AzureOpenAI();\n';
    const r2 = rewrite(src2, 'javascript');
    assert.ok(r2 && r2.ok);
    assert.strictEqual(applyEdits(src2, r2.edits), 'import { OpenAI } from "openai";\nconst b = new OpenAI({ baseURL: process.env.OPENAI_BASE_URL, apiKey: process.env.AZURE_OPENAI_API_KEY });\n');
    const src3 = 'const c = new AzureOpenAI({\n  endpoint: e,\n  deployment: "d",\n});\n';
    const r3 = rewrite(src3, 'javascript');
    assert.ok(r3 && r3.ok);
    assert.strictEqual(applyEdits(src3, r3.edits), 'const c = new OpenAI({\n  baseURL: process.env.OPENAI_BASE_URL,\n  apiKey: process.env.AZURE_OPENAI_API_KEY,\n});\n');
    assert.ok(await parsesCleanly('javascript', out));
  });

  it('refuses spreads, token providers and non-literal options', () => {
    for (const [src, reason] of [
      ['const c = new AzureOpenAI({ ...opts, apiKey });\n', /spreads/],
      ['const c = new AzureOpenAI({ azureADTokenProvider, endpoint });\n', /Entra ID/],
      ['const c = new AzureOpenAI(opts);\n', /options object literal/],
    ] as const) {
      const r = rewrite(src, 'javascript');
      assert.ok(r && !r.ok, src);
      assert.match(r.reason, reason);
    }
  });

  it('needs new, and skips template literals and comments', () => {
    const src = 'const s = `new AzureOpenAI(${x})`;\n// new AzureOpenAI({})\nconst f = AzureOpenAI({});\nconst ok = new AzureOpenAI({ apiKey: `k-${a}` });\n';
    const cs = findConstructions(src, 'javascript');
    assert.strictEqual(cs.length, 1);
    assert.strictEqual(src.slice(cs[0].start, cs[0].closeParen + 1), 'new AzureOpenAI({ apiKey: `k-${a}` })');
  });

  it('languages by path', () => {
    assert.deepStrictEqual(['a.py', 'b.ts', 'c.tsx', 'd.mjs', 'e.d.ts', 'f.tf'].map(rewriteLanguageFor), ['python', 'javascript', 'javascript', 'javascript', undefined, undefined]);
  });

  it('rejects a bad environment variable name', () => {
    assert.throws(() => rewriteAt('new AzureOpenAI()', 'javascript', 0, 0, 'A B'));
  });
});
