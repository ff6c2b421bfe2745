/**
 * Source code and dependency manifests: the tricky cases of each language, with exact lines.
 * Each case names what it must find (`rule:line`) and checks nothing else of those rules fires.
 */
import * as assert from 'assert';
import { describe, it } from 'node:test';
import { Engine } from '../../src/core';
import { ANALYZERS } from '../../src/core/analyzers';
import { parseRequirement, tomlTokens } from '../../src/core/analyzers/manifests';

const engine = new Engine();

/** `ruleId:line` of every finding, sorted by line then rule. */
async function found(file: string, lines: string[]): Promise<string[]> {
  const r = await engine.scanText(file, lines.join('\n') + '\n');
  assert.strictEqual(r.skipped, undefined, `${file} was skipped: ${r.skipped?.detail}`);
  return r.findings.sort((a, b) => a.range.startLine - b.range.startLine || a.ruleId.localeCompare(b.ruleId)).map((f) => `${f.ruleId}:${f.range.startLine}`);
}

async function atomsOf(file: string, text: string) {
  const id = engine.analyzerFor(file)!;
  return (await ANALYZERS[id]!({ path: file, text })).atoms;
}

describe('Python', () => {
  it('names an error-recovery chain of calls by its text (an unclosed call mid-file nests the rest as calls)', async () => {
    const lines = ['import openai'];
    for (let i = 0; i < 400; i++) lines.push(i === 100 ? 'client = openai.AzureOpenAI(' : `value_${i} = compute(${i}, "text ${i}")`);
    const atoms = await atomsOf('app/typing.py', lines.join('\n'));
    const calls = atoms.filter((a) => a.kind === 'call');
    // the outer callees of the chain (over a hundred nodes each) are named by their text, cut at
    // 200 characters, without walking them ...
    const byText = calls.filter((a) => a.value.startsWith('compute(101,"text 101")value_102=compute('));
    assert.ok(byText.length > 100, `${byText.length} callees named by their text`);
    assert.ok(byText.every((a) => a.value.length === 200));
    // ... the inner ones by their walk (arguments as `()`)
    assert.ok(calls.some((a) => a.value === 'compute()value_102=compute()'));
    // ... while the lines before the unclosed call keep their names
    assert.ok(calls.filter((a) => a.value === 'compute').length >= 100);
  });


  it('finds a boto3 client whose service name is on the next line, and session clients by keyword', async () => {
    assert.deepStrictEqual(
      await found('app/invoke.py', [
        'import boto3', // 1
        'bedrock = boto3.client(', // 2
        '    "bedrock-runtime",', // 3
        '    region_name="us-east-1")', // 4
        'sm = boto3.session.Session().client(service_name="sagemaker-runtime")', // 5
        's3 = boto3.client("s3")', // 6
        'k = boto3.client(service_name="kendra")', // 7
      ]),
      ['aws-bedrock-sdk:2', 'aws-sagemaker-sdk:5'],
    );
  });

  it('joins f-strings and concatenations so endpoints built from variables are found', async () => {
    assert.deepStrictEqual(
      await found('app/endpoints.py', [
        'a = f"https://{name}.openai.azure.com/openai/v1"', // 1
        'b = "https://bedrock-runtime." + region + ".amazonaws.com"', // 2
        'c = ("https://" + loc', // 3
        '     + "-aiplatform.googleapis.com")', // 4
        'd = "https://{}.openai.azure.com".format(x)', // 5
        'e = "https://" + host + "/v1"', // 6
        'f = "https://" + f"{os.getenv(\'AZURE_OPENAI_RESOURCE\')}" + ".openai.azure.com"', // 7
      ]),
      ['azure-openai-endpoint:1', 'aws-ai-endpoint:2', 'gcp-vertex-ai-endpoint:3', 'azure-openai-endpoint:5', 'azure-ai-env-read:7', 'azure-openai-endpoint:7'],
    );
  });

  it('never reports comments, docstrings or identifiers that merely contain a word', async () => {
    assert.deepStrictEqual(
      await found('app/notes.py', [
        '"""Module docstring: AzureOpenAI(azure_endpoint="https://x.openai.azure.com") and Bedrock."""', // 1
        '# client = AzureOpenAI()', // 2
        'class Chat:', // 3
        '    """Calls boto3.client("bedrock-runtime")."""', // 4
        '    def run(self):', // 5
        "        '''Uses os.environ[\"AZURE_OPENAI_ENDPOINT\"].'''", // 6
        '        return getBedrockAgents(bedrockHelper)', // 7
        'from openai import OpenAI', // 8
        'client = OpenAI()', // 9
      ]),
      [],
    );
  });

  it('reports imports once per statement and the vanilla client only when pointed at Azure', async () => {
    assert.deepStrictEqual(
      await found('app/chat.py', [
        'from langchain_aws import ChatBedrock, BedrockEmbeddings', // 1
        'from openai import OpenAI', // 2
        'client = OpenAI(base_url="https://contoso.openai.azure.com/openai/v1")', // 3
        'llm = OpenAI(api_type="azure")', // 4
        'mod = importlib.import_module("vertexai")', // 5
        'from . import bedrock', // 6 (a local module)
      ]),
      ['aws-bedrock-sdk:1', 'azure-openai-endpoint:3', 'azure-openai-sdk:4', 'gcp-vertex-ai-sdk:5'],
    );
  });

  it('tells Vertex AI from the Gemini Developer API in the Gen AI client', async () => {
    assert.deepStrictEqual(
      await found('app/gemini.py', [
        'from google import genai', // 1
        'a = genai.Client(vertexai=True, project="p", location="us-central1")', // 2
        'b = genai.Client(api_key=os.environ["GEMINI_API_KEY"])', // 3
        'import google.generativeai as legacy', // 4
      ]),
      ['gcp-vertex-ai-sdk:2', 'google-ai-gemini-api:4'],
    );
  });

  it('reads env vars through os.environ[], os.getenv and os.environ.get, at the variable name', async () => {
    const r = await engine.scanText('app/settings.py', 'import os\nx = os.environ.get(\n    "AZURE_OPENAI_API_KEY")\ny = os.environ["BEDROCK_MODEL_ID"]\n');
    assert.deepStrictEqual(r.findings.map((f) => [f.ruleId, f.range.startLine, f.severity]), [['azure-ai-env-read', 3, 'note'], ['aws-ai-env-read', 4, 'note']]);
  });

  it('emits x and x.y for from-imports, and keyword arguments as kwargs', async () => {
    const atoms = await atomsOf('a.py', 'from openai import AzureOpenAI as A\nc = genai.Client(vertexai=True, n=3, s="v", x=y)\n');
    assert.deepStrictEqual(atoms.filter((a) => a.kind === 'import').map((a) => a.value), ['openai', 'openai.AzureOpenAI']);
    assert.deepStrictEqual(atoms.find((a) => a.kind === 'call')?.kwargs, { vertexai: 'True', n: '3', s: 'v' });
  });
});

describe('JavaScript and TypeScript', () => {
  it('finds static, dynamic and require imports, and skips comments', async () => {
    assert.deepStrictEqual(
      await found('web/src/ai.ts', [
        'import { BedrockRuntimeClient } from "@aws-sdk/client-bedrock-runtime";', // 1
        '// import { AzureOpenAI } from "openai";', // 2
        '/* const c = new AzureOpenAI(); */', // 3
        'const vertex = await import("@google-cloud/vertexai");', // 4
        'const { createAzure } = require("@ai-sdk/azure");', // 5
        'export { TextractClient } from "@aws-sdk/client-textract";', // 6
        'import OpenAI from "openai";', // 7
        'const s3 = new S3Client({});', // 8
        'const agents = getBedrockAgents();', // 9
      ]),
      ['aws-bedrock-sdk:1', 'gcp-vertex-ai-sdk:4', 'azure-openai-sdk:5', 'aws-ai-services-sdk:6'],
    );
  });

  it('joins template literals and concatenations', async () => {
    assert.deepStrictEqual(
      await found('web/src/endpoints.js', [
        'const a = `https://bedrock-runtime.${region}.amazonaws.com/model/${id}/invoke`;', // 1
        'const b = "https://" + name', // 2
        '  + ".openai.azure.com";', // 3
        'const c = `https://${name}.search.windows.net`;', // 4
      ]),
      ['aws-ai-endpoint:1', 'azure-openai-endpoint:2'],
    );
  });

  it('finds constructors with object options and env reads in every form', async () => {
    assert.deepStrictEqual(
      await found('web/src/client.ts', [
        'const a = new AzureOpenAI({ deployment: "gpt-4o" });', // 1
        'const g = new GoogleGenAI({ vertexai: true });', // 2
        'const h = new GoogleGenAI({ apiKey: process.env.GEMINI_API_KEY });', // 3
        'const e = process.env.AZURE_OPENAI_ENDPOINT;', // 4
        'const k = process.env["AZURE_OPENAI_API_KEY"];', // 5
        'const { BEDROCK_MODEL_ID, PORT } = process.env;', // 6
        'const body = { anthropic_version: "bedrock-2023-05-31" };', // 7
        'const v = import.meta.env.VITE_AZURE_OPENAI_ENDPOINT;', // 8
      ]),
      ['azure-openai-sdk:1', 'gcp-vertex-ai-sdk:2', 'azure-ai-env-read:4', 'azure-ai-env-read:5', 'aws-ai-env-read:6', 'aws-bedrock-request-shape:7', 'azure-ai-env-read:8'],
    );
  });

  it('reads TSX, including JSX attributes, and TypeScript import-require', async () => {
    assert.deepStrictEqual(
      await found('web/src/Chat.tsx', [
        'import sm = require("@aws-sdk/client-sagemaker-runtime");', // 1
        'export const Chat = () => <Widget endpoint="https://contoso.openai.azure.com" />;', // 2
        '// <Widget endpoint="https://contoso.openai.azure.com" />', // 3
      ]),
      ['aws-sagemaker-sdk:1', 'azure-openai-endpoint:2'],
    );
  });
});

describe('Go', () => {
  it('finds imports in blocks, clients, Sprintf endpoints and the Vertex backend, never comments', async () => {
    assert.deepStrictEqual(
      await found('svc/main.go', [
        'package main', // 1
        'import (', // 2
        '\tbr "github.com/aws/aws-sdk-go-v2/service/bedrockruntime"', // 3
        '\t// "github.com/Azure/azure-sdk-for-go/sdk/ai/azopenai"', // 4
        '\t"google.golang.org/genai"', // 5
        ')', // 6
        'func main() {', // 7
        '\tc := br.NewFromConfig(cfg)', // 8
        '\tu := fmt.Sprintf("https://bedrock-runtime.%s.amazonaws.com", region)', // 9
        '\tg, _ := genai.NewClient(ctx, &genai.ClientConfig{Backend: genai.BackendVertexAI})', // 10
        '\th, _ := genai.NewClient(ctx, &genai.ClientConfig{APIKey: key})', // 11
        '\te := os.Getenv("AZURE_OPENAI_ENDPOINT")', // 12
        '\t/* azopenai.NewClient(endpoint, cred, nil) */', // 13
        '}', // 14
      ]),
      ['aws-bedrock-sdk:3', 'aws-ai-endpoint:9', 'gcp-vertex-ai-sdk:10', 'azure-ai-env-read:12'],
    );
  });
});

describe('Java', () => {
  it('finds imports, builders, text blocks and concatenated endpoints, never comments or Javadoc', async () => {
    assert.deepStrictEqual(
      await found('src/main/java/com/acme/Chat.java', [
        'package com.acme;', // 1
        'import com.azure.ai.openai.OpenAIClientBuilder;', // 2
        '// import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;', // 3
        '/** Uses BedrockRuntimeClient.builder() in production. */', // 4
        'class Chat {', // 5
        '  Object c = new OpenAIClientBuilder()', // 6
        '      .endpoint("https://" + name + ".openai.azure.com")', // 7
        '      .buildClient();', // 8
        '  Object b = BedrockRuntimeClient.builder().build();', // 9
        '  String body = """', // 10
        '      {"anthropic_version": "bedrock-2023-05-31"}', // 11
        '      """;', // 12
        '  String e = System.getenv("AZURE_OPENAI_ENDPOINT");', // 13
        '}', // 14
      ]),
      ['azure-openai-sdk:2', 'azure-openai-sdk:6', 'azure-openai-endpoint:7', 'aws-bedrock-sdk:9', 'aws-bedrock-request-shape:11', 'azure-ai-env-read:13'],
    );
  });
});

describe('C#', () => {
  it('finds using directives (not aliases), clients, interpolated endpoints and named arguments', async () => {
    assert.deepStrictEqual(
      await found('src/Program.cs', [
        'using Azure.AI.OpenAI;', // 1
        'using Br = Amazon.BedrockRuntime;', // 2
        'using Azure.Search.Documents;', // 3
        '// var old = new AzureOpenAIClient(uri, cred);', // 4
        'var client = new AzureOpenAIClient(new Uri($"https://{name}.openai.azure.com"), cred);', // 5
        'var ep = @"https://contoso.cognitiveservices.azure.com/";', // 6
        'var key = Environment.GetEnvironmentVariable("AZURE_OPENAI_API_KEY");', // 7
        'var req = new { anthropic_version = "bedrock-2023-05-31" };', // 8
      ]),
      ['azure-openai-sdk:1', 'aws-bedrock-sdk:2', 'azure-openai-endpoint:5', 'azure-openai-sdk:5', 'azure-ai-services-endpoint:6', 'azure-ai-env-read:7', 'aws-bedrock-request-shape:8'],
    );
  });

  it('reports each link of a fluent chain at its own line, named by its last links (Semantic Kernel builder)', async () => {
    const r = await engine.scanText('src/Kernel.cs', 'var k = Kernel.CreateBuilder()\n  .AddAzureOpenAIChatCompletion("gpt", endpoint, key)\n  .AddBedrockChatCompletion("m")\n  .Build();\n');
    assert.deepStrictEqual(
      r.findings.map((f) => [f.ruleId, f.range.startLine, f.message.split(':')[0]]),
      [['azure-openai-sdk', 2, 'Kernel.CreateBuilder().AddAzureOpenAIChatCompletion'], ['aws-bedrock-sdk', 3, 'AddAzureOpenAIChatCompletion().AddBedrockChatCompletion']],
    );
  });
});

describe('dependency manifests', () => {
  it('requirements: comments, options, continuations and extras', async () => {
    assert.deepStrictEqual(
      await found('requirements.txt', [
        '# azure-ai-inference', // 1
        '-r base.txt', // 2
        'openai>=1.40  # not a binding on its own', // 3
        'boto3', // 4
        'langchain_AWS==0.2.0 \\', // 5
        '    --hash=sha256:abc', // 6
        'anthropic[bedrock]>=0.34', // 7
        'git+https://example.com/azure-ai-ml.git', // 8
      ]),
      ['aws-ai-dependency:5', 'aws-ai-dependency:7'],
    );
  });

  it('pyproject.toml: PEP 621 arrays, optional groups and Poetry tables at their own lines', async () => {
    assert.deepStrictEqual(
      await found('pyproject.toml', [
        '[project]', // 1
        'name = "app"', // 2
        '# "azure-ai-projects" is planned', // 3
        'dependencies = [', // 4
        '  "openai>=1",', // 5
        '  # "sagemaker",', // 6
        '  "google-cloud-aiplatform>=1.60",', // 7
        ']', // 8
        '[project.optional-dependencies]', // 9
        'aws = ["langchain-aws"]', // 10
        '[tool.poetry.group.dev.dependencies]', // 11
        'azure-ai-ml = "^1"', // 12
      ]),
      ['gcp-ai-dependency:7', 'aws-ai-dependency:10', 'azure-ai-dependency:12'],
    );
  });

  it('Gradle version catalogs: module, group/name and string notations at the alias line', async () => {
    assert.deepStrictEqual(
      await found('gradle/libs.versions.toml', [
        '[versions]', // 1
        'spring-ai = "1.0.0"', // 2
        '[libraries]', // 3
        '# azure = "com.azure:azure-ai-openai:1.0.0"', // 4
        'spring-ai-bedrock = { module = "org.springframework.ai:spring-ai-bedrock-converse", version.ref = "spring-ai" }', // 5
        'vertex = { group = "com.google.cloud", name = "google-cloud-vertexai", version = "1.0.0" }', // 6
        'azure-openai = "com.azure:azure-ai-openai:1.0.0-beta.12"', // 7
        's3 = "software.amazon.awssdk:s3:2.28.0"', // 8
      ]),
      ['aws-ai-dependency:5', 'gcp-ai-dependency:6', 'azure-ai-dependency:7'],
    );
  });

  it('go.mod, pom.xml, csproj and Gradle: commented-out entries are never reported', async () => {
    assert.deepStrictEqual(
      await found('go.mod', ['module x', 'require (', '\t// github.com/aws/aws-sdk-go-v2/service/bedrockruntime v1.0.0', '\tcloud.google.com/go/aiplatform v1.68.0 // indirect', ')']),
      ['gcp-ai-dependency:4'],
    );
    assert.deepStrictEqual(
      await found('pom.xml', [
        '<project><dependencies>', // 1
        '  <!-- <dependency><groupId>com.azure</groupId><artifactId>azure-ai-openai</artifactId></dependency> -->', // 2
        '  <dependency>', // 3
        '    <groupId>software.amazon.awssdk</groupId>', // 4
        '    <artifactId>bedrockruntime</artifactId>', // 5
        '  </dependency>', // 6
        '</dependencies></project>', // 7
      ]),
      ['aws-ai-dependency:5'],
    );
    assert.deepStrictEqual(
      await found('src/App.csproj', ['<Project>', '  <!-- <PackageReference Include="Azure.AI.OpenAI" /> -->', '  <PackageReference Include="Azure.AI.Inference" Version="1.0.0" />', '</Project>']),
      ['azure-ai-dependency:3'],
    );
    assert.deepStrictEqual(
      await found('build.gradle', [
        'dependencies {', // 1
        "  // implementation 'com.azure:azure-ai-openai:1.0.0'", // 2
        '  /* implementation "software.amazon.awssdk:bedrockruntime:2.0" */', // 3
        '  def note = "see https://example.com"', // 4
        "  implementation group: 'com.google.cloud', name: 'google-cloud-aiplatform', version: '3.0'", // 5
        '  implementation("org.springframework.ai:spring-ai-bedrock-converse:1.0.0")', // 6
        '}', // 7
      ]),
      ['gcp-ai-dependency:5', 'aws-ai-dependency:6'],
    );
  });

  it('a malformed pyproject.toml is a parse-error skip, a malformed pom still yields its dependencies', async () => {
    const bad = await engine.scanText('pyproject.toml', '[project]\ndependencies = ["azure-ai-ml"\n');
    assert.strictEqual(bad.skipped?.reason, 'parse-error');
    const pom = await engine.scanText('pom.xml', '<project><dependencies><dependency><groupId>com.azure</groupId><artifactId>azure-ai-openai</artifactId></dependency>\n');
    assert.deepStrictEqual(pom.findings.map((f) => f.ruleId), ['azure-ai-dependency']);
  });

  it('parses PEP 508 names and normalizes them; the TOML lexer skips comments', () => {
    assert.deepStrictEqual(parseRequirement('Azure_AI.ML [Extra1, b] >=1 ; python_version>"3"'), { name: 'Azure_AI.ML', extras: ['Extra1', 'b'], version: '>=1', offset: 0 });
    assert.strictEqual(parseRequirement('./local/path'), undefined);
    const toks = tomlTokens('a = "x" # "y"\n[t]\nb = [\n "z", # "w"\n]\n');
    assert.deepStrictEqual(toks.map((t) => `${t.type}:${t.value}@${t.table}`), ['key:a@', 'string:x@', 'key:b@t', 'string:z@t']);
  });
});

describe('bad input', () => {
  it('a very long concatenation is joined without exhausting the stack', async () => {
    for (const [file, pre, post] of [['deep.py', 'x = ', '\n'], ['deep.js', 'const x = ', ';\n'], ['Deep.java', 'class D { String x = ', '; }\n']]) {
      const text = pre + Array(20000).fill('"a"').join(' + ') + ' + host + ".openai.azure.com"' + post;
      const r = await engine.scanText(file, text);
      assert.strictEqual(r.skipped, undefined, `${file}: ${r.skipped?.detail}`);
      assert.deepStrictEqual(r.findings.map((f) => [f.ruleId, f.range.startLine]), [['azure-openai-endpoint', 1]], file);
    }
  });

  it('garbage never crashes an analyzer: it parses or becomes a parse-error skip', async () => {
    const junk = ['bedrock "azure', '"""', "'''", '<!--', '<![CDATA[', '/*', '[', '{', '"\\', 'import (', 'require (', '`${', '\u00e9\ud83d\ude00', '\0'];
    let seed = 7;
    const rand = (n: number) => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
    for (const file of ['a.py', 'a.js', 'a.ts', 'a.tsx', 'a.go', 'A.java', 'a.cs', 'requirements.txt', 'pyproject.toml', 'Pipfile', 'go.mod', 'pom.xml', 'a.csproj', 'build.gradle']) {
      for (let i = 0; i < 25; i++) {
        let text = 'bedrock azure ';
        for (let j = 0; j < 80; j++) text += rand(3) === 0 ? junk[rand(junk.length)] : String.fromCharCode(32 + rand(95)) + (rand(20) === 0 ? '\n' : '');
        const r = await engine.scanText(file, text);
        if (r.skipped) assert.ok(['parse-error', 'binary'].includes(r.skipped.reason), `${file}: ${r.skipped.reason} ${r.skipped.detail}`);
      }
    }
  });
});
