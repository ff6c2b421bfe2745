/**
 * Infrastructure and configuration artifacts beyond Terraform: Bicep lexer, CloudFormation short
 * tags, templated Helm YAML, multi-document YAML, comments, CI script positions, shell,
 * PowerShell and Makefile analyzers.
 */
import * as assert from 'assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import { Engine } from '../../src/core';
import { analyzeBicep, lexBicep } from '../../src/core/analyzers/bicep';
import { recipeText } from '../../src/core/analyzers/makefile';
import { analyzeYaml, CUSTOM_TAGS, maskTemplate } from '../../src/core/analyzers/yaml';
import type { FileResult } from '../../src/core/types';

const engine = new Engine();

/** `rule@line` of every finding, sorted. */
function hits(r: FileResult): string[] {
  assert.strictEqual(r.skipped, undefined, `skipped: ${r.skipped?.detail}`);
  return r.findings.map((f) => `${f.ruleId}@${f.range.startLine}`).sort();
}

describe('Bicep lexer', () => {
  it('keeps // inside strings, skips comments, unescapes and marks interpolation', () => {
    const toks = lexBicep("var u = 'https://x.openai.azure.com/' // trailing 'comment'\n/* 'no' */ var s = 'it\\'s ${a} \\${b}'\n");
    const strings = toks.filter((t) => t.type === 'string').map((t) => t.value);
    assert.deepStrictEqual(strings, ['https://x.openai.azure.com/', "it's ${} ${b}"]);
    assert.ok(toks.find((t) => t.value === "it's ${} ${b}")?.interpolated);
  });

  it('lexes nested interpolations with braces and strings inside, and multi-line strings verbatim', () => {
    const text = "var a = '${concat('}', '{')}-${toLower('X')}'\nvar m = '''\n// not a comment ${x} 'quoted'\n'''\nvar after = 'ok'\n";
    const strings = lexBicep(text).filter((t) => t.type === 'string').map((t) => t.value);
    assert.deepStrictEqual(strings, ['${}-${}', '}', '{', 'X', "// not a comment ${x} 'quoted'\n", 'ok']);
  });

  it('reports unterminated strings and comments as problems without throwing', () => {
    const problems: { message: string }[] = [];
    lexBicep("var a = 'open\nvar b = 'ok'\n/* never closed", problems as never);
    assert.deepStrictEqual(problems.map((p) => p.message), ['Bicep: unterminated string', 'Bicep: unterminated comment']);
  });

  it('never throws on arbitrary input', () => {
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom('\'', '$', '{', '}', '/', '*', '\n', 'a', ' ', ':', '@', '[', ']', '\\') , maxLength: 200 }), (s) => {
      analyzeBicep({ path: 'x.bicep', text: s });
    }), { numRuns: 300 });
  });

  it('resolves child resource types, marks existing resources, and emits module sources and keys', () => {
    const text = [
      "resource acct 'Microsoft.CognitiveServices/accounts@2024-10-01' existing = {",
      "  name: 'oai'",
      "  resource dep 'deployments@2024-10-01' = {",
      "    name: 'gpt-4o'",
      '  }',
      '}',
      "module m 'br/public:avm/res/cognitive-services/account:0.9.1' = {",
      "  params: { name: 'x', kind: 'OpenAI' }",
      '}',
    ].join('\n');
    const { atoms } = analyzeBicep({ path: 'main.bicep', text });
    const types = atoms.filter((a) => a.kind === 'resource-type').map((a) => [a.value, a.text, a.key, text.slice(a.start, a.end)]);
    assert.deepStrictEqual(types, [
      ['Microsoft.CognitiveServices/accounts', '2024-10-01', 'existing', 'Microsoft.CognitiveServices/accounts'],
      ['Microsoft.CognitiveServices/accounts/deployments', '2024-10-01', 'resource', 'deployments'],
    ]);
    assert.deepStrictEqual(atoms.filter((a) => a.kind === 'module-source').map((a) => a.value), ['br/public:avm/res/cognitive-services/account:0.9.1']);
    const kind = atoms.find((a) => a.kind === 'string' && a.value === 'OpenAI');
    assert.strictEqual(kind?.key, 'kind');
    assert.ok(atoms.some((a) => a.kind === 'key' && a.value === 'kind' && a.text === 'OpenAI' && a.path === 'params.kind'));
  });

  it('never reports resource declarations in comments or multi-line strings', async () => {
    const text = [
      "// resource a 'Microsoft.CognitiveServices/accounts@2024-10-01' = {}",
      '/*',
      "resource b 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {}",
      "module c 'br/public:avm/res/cognitive-services/account:0.9.1' = {}",
      '*/',
      "var d = '''",
      "resource e 'Microsoft.CognitiveServices/accounts@2024-10-01' = {}",
      "'''",
      "resource f 'Microsoft.Storage/storageAccounts@2023-05-01' = { name: 'st' } // 'Microsoft.CognitiveServices/accounts@2024-10-01'",
    ].join('\n');
    assert.deepStrictEqual(hits(await engine.scanText('main.bicep', text)), []);
  });

  it('finds endpoints and env names in parameter files', async () => {
    const r = await engine.scanText('prod.bicepparam', "using './main.bicep'\nparam AZURE_OPENAI_ENDPOINT = 'https://contoso.openai.azure.com/'\n");
    assert.deepStrictEqual(hits(r), ['azure-ai-endpoint-config@2', 'azure-ai-env-key@2']);
  });
});

describe('CloudFormation YAML', () => {
  const cfn = [
    'AWSTemplateFormatVersion: "2010-09-09"',
    'Conditions:',
    '  Prod: !Equals [!Ref Env, prod]',
    'Resources:',
    '  Agent:',
    '    Type: AWS::Bedrock::Agent',
    '    Properties:',
    '      AgentName: !Sub "${AWS::StackName}-agent"',
    '      AgentResourceRoleArn: !GetAtt Role.Arn',
    '      FoundationModel: !If [Prod, !Sub "arn:${AWS::Partition}:bedrock:${AWS::Region}::foundation-model/x", !Ref Model]',
    '      Instruction: !Join',
    '        - " "',
    '        - [a, b]',
    '      Tags: !Transform { Name: AWS::Include, Parameters: { Location: s3://b/t.yaml } }',
  ].join('\n');

  it('declares the short-form tags: no warnings, no errors', () => {
    for (const d of parseAllDocuments(cfn, { customTags: CUSTOM_TAGS })) {
      assert.deepStrictEqual(d.errors.map((e) => e.message), []);
      assert.deepStrictEqual(d.warnings.map((e) => e.message), []);
    }
  });

  it('reads tagged values and finds the resource and the ARN', async () => {
    const out = await analyzeYaml({ path: 'template.yaml', text: cfn });
    assert.strictEqual(out.artifact, 'cloudformation');
    assert.deepStrictEqual(out.problems, []);
    assert.deepStrictEqual(hits(await engine.scanText('template.yaml', cfn)), ['aws-bedrock-cloudformation@6', 'aws-bedrock-model-id@10']);
  });
});

describe('templated and multi-document YAML', () => {
  const helm = [
    '{{- if .Values.enabled }}',
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: {{ include "app.fullname" . }}',
    '  labels: {{- include "app.labels" . | nindent 4 }}',
    'spec:',
    '  template:',
    '    spec:',
    '      containers:',
    '        - name: app',
    '          env:',
    '            - name: AZURE_OPENAI_ENDPOINT',
    '              value: https://{{ .Values.openai.name }}.openai.azure.com/',
    '          {{- with .Values.bedrock }}',
    '            - name: BEDROCK_MODEL_ID',
    '              value: {{ .modelId | default "anthropic.claude-3-haiku-20240307-v1:0" | quote }}',
    '          {{- end }}',
    '{{- end }}',
  ].join('\n');

  it('masks template actions with offsets kept', () => {
    const m = maskTemplate(helm);
    assert.strictEqual(m.text.length, helm.length);
    assert.ok(!m.text.includes('{{'));
    assert.strictEqual(m.text.split('\n')[0].trim(), '');
    assert.strictEqual(maskTemplate('{{- if .a }}{{ .b }}\nk: v').text, ' '.repeat(20) + '\nk: v');
    assert.strictEqual(maskTemplate('k: {{ .v }}\nx: {{ open').text, 'k: xxxxxxxx\nx: {{ open');
  });

  it('a Helm template with {{ }} does not crash and yields its bindings with original text', async () => {
    const r = await engine.scanText('charts/app/templates/deployment.yaml', helm);
    assert.strictEqual(r.artifact, 'helm');
    assert.deepStrictEqual(hits(r), ['aws-ai-env-key@16', 'azure-ai-endpoint-config@14', 'azure-ai-env-key@13']);
    assert.match(r.findings.find((f) => f.ruleId === 'azure-ai-endpoint-config')!.message, /\{\{ \.Values\.openai\.name \}\}/);
  });

  it('multi-document files: every document is read and lines stay right', async () => {
    const text = [
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata: { name: settings }',
      'data:',
      '  LOG_LEVEL: info',
      '---',
      '# a comment: AZURE_OPENAI_ENDPOINT=https://x.openai.azure.com/',
      'apiVersion: apps/v1',
      'kind: Deployment',
      'spec:',
      '  template:',
      '    spec:',
      '      containers:',
      '        - name: app',
      '          env:',
      '            - name: AZURE_OPENAI_ENDPOINT',
      '              value: "https://contoso.openai.azure.com/"',
      '---',
      'apiVersion: v1',
      'kind: Secret',
      'stringData:',
      '  SAGEMAKER_ENDPOINT_NAME: scorer',
    ].join('\n');
    const r = await engine.scanText('k8s/app.yaml', text);
    assert.strictEqual(r.artifact, 'kubernetes');
    assert.deepStrictEqual(hits(r), ['aws-ai-env-key@22', 'azure-ai-endpoint-config@17', 'azure-ai-env-key@16']);
  });

  it('Kustomize literals and compose environment lists give env names', async () => {
    const k = await engine.scanText('overlays/prod/kustomization.yaml', 'configMapGenerator:\n  - name: app\n    literals:\n      - AZURE_OPENAI_DEPLOYMENT=gpt-4o\n');
    assert.deepStrictEqual(hits(k), ['azure-ai-env-key@4']);
    const c = await engine.scanText('docker-compose.yml', 'services:\n  api:\n    image: api:1\n    environment:\n      - AZURE_OPENAI_ENDPOINT=https://contoso.openai.azure.com/\n');
    assert.deepStrictEqual(c.findings.map((f) => `${f.ruleId}@${f.range.startLine}:${f.range.startColumn}`), ['azure-ai-env-key@5:9', 'azure-ai-endpoint-config@5:31']);
  });
});

describe('comments never produce findings', () => {
  const cases: [string, string][] = [
    ['.github/workflows/ci.yml', 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      # - run: az cognitiveservices account create -n x\n      - run: |\n          # aws bedrock list-foundation-models\n          echo done\n'],
    ['deploy.sh', '#!/bin/bash\n# az ml job create -f job.yml\n: <<\'EOF\'\naws bedrock list-foundation-models\nEOF\necho "gcloud ai endpoints list"\n'],
    ['deploy.ps1', '# New-AzCognitiveServicesAccount -Name x\n<#\naz ml workspace create\n#>\nWrite-Host "aws bedrock"\n'],
    ['Makefile', '# AZURE_OPENAI_ENDPOINT = https://x.openai.azure.com/\nall:\n\t# az ml job create\n\techo ok\n'],
    ['.env', '# AZURE_OPENAI_ENDPOINT=https://x.openai.azure.com/\n#BEDROCK_MODEL_ID=anthropic.claude-v2\n'],
    ['values.yaml', '# bedrockModel: anthropic.claude-3-haiku-20240307-v1:0\nimage: nginx # https://x.openai.azure.com/\n'],
  ];
  for (const [file, text] of cases) {
    it(file, async () => assert.deepStrictEqual(hits(await engine.scanText(file, text)), []));
  }
});

describe('commands in CI, scripts and Makefiles', () => {
  it('reports a command in a `run: |` block on its own line', async () => {
    const text = [
      'on: push', //1
      'jobs:', //2
      '  deploy:', //3
      '    runs-on: ubuntu-latest', //4
      '    steps:', //5
      '      - name: provision', //6
      '        run: |', //7
      '          set -e', //8
      '', //9
      '          echo "creating"', //10
      '          az cognitiveservices account create \\', //11
      '            -n oai -g rg --kind OpenAI', //12
      '          X=$(aws bedrock get-foundation-model --model-identifier m)', //13
    ].join('\n');
    const r = await engine.scanText('.github/workflows/deploy.yml', text);
    assert.deepStrictEqual(hits(r), ['aws-ai-cli-command@13', 'azure-ai-cli-command@11']);
    const az = r.findings.find((f) => f.ruleId === 'azure-ai-cli-command')!;
    assert.strictEqual(az.range.startColumn, 11);
    assert.strictEqual(az.snippet, 'az cognitiveservices account create \\');
  });

  it('reads folded scalars, GitLab script lists, Azure Pipelines pwsh and AzureCLI tasks', async () => {
    const gl = await engine.scanText('.gitlab-ci.yml', 'job:\n  script:\n    - echo start\n    - >\n      gcloud ai models upload\n      --region=us-central1\n');
    assert.deepStrictEqual(hits(gl), ['gcp-ai-cli-command@5']);
    const ap = [
      'steps:',
      '  - pwsh: |',
      '      New-AzCognitiveServicesAccountDeployment -ResourceGroupName rg -AccountName oai -Name gpt-4o',
      '  - task: AzureCLI@2',
      '    inputs:',
      '      scriptType: pscore',
      '      scriptLocation: inlineScript',
      '      inlineScript: |',
      '        az ml online-deployment create --file deploy.yml',
    ].join('\n');
    assert.deepStrictEqual(hits(await engine.scanText('azure-pipelines.yml', ap)), ['azure-ai-cli-command@3', 'azure-ai-cli-command@9']);
  });

  it('reads container exec-form commands', async () => {
    const text = 'apiVersion: batch/v1\nkind: Job\nspec:\n  template:\n    spec:\n      containers:\n        - name: t\n          command: ["aws", "sagemaker", "create-training-job", "--cli-input-json", "file://job.json"]\n';
    assert.deepStrictEqual(hits(await engine.scanText('job.yaml', text)), ['aws-ai-cli-command@8']);
  });

  it('looks through sudo/env wrappers and into $(...), not into echo text or step names', async () => {
    const text = '#!/bin/sh\nsudo -E env AWS_REGION=us-east-1 aws bedrock-agent list-agents\necho "aws bedrock list-agents"\nprintf "%s" "$(gcloud ai endpoints list --region=x)"\nsudo -u deploy az ml job list\n';
    assert.deepStrictEqual(hits(await engine.scanText('ops.sh', text)), ['aws-ai-cli-command@2', 'azure-ai-cli-command@5', 'gcp-ai-cli-command@4']);
  });

  it('reads NAME=value arguments as settings (app settings, --set-env-vars lists, docker -e)', async () => {
    const text = 'az webapp config appsettings set -g rg -n web --settings AZURE_OPENAI_ENDPOINT=https://x.openai.azure.com/ LOG=1\ngcloud run deploy api --set-env-vars=GOOGLE_GENAI_USE_VERTEXAI=true,VERTEX_AI_LOCATION=us-central1\ndocker run -e BEDROCK_MODEL_ID=anthropic.claude-v2 img\n';
    const r = await engine.scanText('deploy.sh', text);
    assert.deepStrictEqual(r.findings.map((f) => `${f.ruleId}@${f.range.startLine}:${f.range.startColumn}`), [
      'azure-ai-env-key@1:58', 'azure-ai-endpoint-config@1:80', 'gcp-ai-env-key@2:38', 'gcp-ai-env-key@2:69', 'aws-ai-env-key@3:15', 'aws-bedrock-model-id@3:32',
    ]);
  });

  it('Azure Pipelines PowerShell tasks are read as PowerShell', async () => {
    const text = 'steps:\n  - task: AzurePowerShell@5\n    inputs:\n      ScriptType: InlineScript\n      Inline: |\n        New-AzCognitiveServicesAccount -ResourceGroupName rg -Name oai -Type OpenAI\n  - task: PowerShell@2\n    inputs:\n      targetType: inline\n      script: |\n        $env:AZURE_OPENAI_ENDPOINT = "https://x.openai.azure.com/"\n';
    assert.deepStrictEqual(hits(await engine.scanText('azure-pipelines.yml', text)), ['azure-ai-cli-command@6', 'azure-ai-endpoint-config@11', 'azure-ai-env-key@11']);
  });

  it('parses Makefile recipes as shell at their own positions', async () => {
    const text = 'MODEL := amazon.titan-embed-text-v2:0\n\n.PHONY: deploy\ndeploy: build ## deploy the endpoint\n\t@echo "deploying $(MODEL)"\n\t-az ml online-endpoint create \\\n\t   --file endpoint.yml\n\techo $$HOME\n';
    const masked = recipeText(text);
    assert.strictEqual(masked.length, text.length);
    assert.deepStrictEqual(hits(await engine.scanText('Makefile', text)), ['aws-bedrock-model-id@1', 'azure-ai-cli-command@6']);
  });

  it('PowerShell: cmdlets, native az calls, $env: assignments and parameter strings', async () => {
    const text = '$env:AZURE_OPENAI_API_KEY = $key\n& az ml workspace show --name w\nInvoke-BDRRConverse -ModelId:"anthropic.claude-3-haiku-20240307-v1:0"\n';
    assert.deepStrictEqual(hits(await engine.scanText('run.ps1', text)), ['aws-ai-cli-command@3', 'aws-bedrock-model-id@3', 'azure-ai-cli-command@2', 'azure-ai-env-key@1']);
  });
});

describe('ARM templates', () => {
  it('resolves relative child types and nested deployment templates', async () => {
    const text = JSON.stringify({
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
      resources: [
        { type: 'Microsoft.MachineLearningServices/workspaces', apiVersion: '2024-04-01', name: 'w', resources: [{ type: 'onlineEndpoints', apiVersion: '2024-04-01', name: 'e' }] },
        { type: 'Microsoft.Resources/deployments', apiVersion: '2022-09-01', name: 'n', properties: { template: { resources: [{ type: 'Microsoft.CognitiveServices/accounts', apiVersion: '2024-10-01', name: 'a' }] } } },
      ],
    }, null, 2);
    const r = await engine.scanText('azuredeploy.json', text);
    assert.strictEqual(r.artifact, 'arm');
    assert.deepStrictEqual(r.findings.map((f) => f.message.split(':')[0]), [
      'The template declares Microsoft.MachineLearningServices/workspaces',
      'The template declares Microsoft.MachineLearningServices/workspaces/onlineEndpoints',
      'The template declares Microsoft.CognitiveServices/accounts',
    ]);
  });
});

describe('rule patterns on adversarial values', () => {
  // A pattern with nested ambiguous repetition (e.g. `(\s+--?[\w-]+)*`) backtracks exponentially
  // on inputs like these and never returns; the timeout turns such a hang into a failure.
  it('every pattern returns on long near-miss values', { timeout: 120_000 }, () => {
    const n = 2000;
    const inputs = [
      'anthropic.' + 'a-v1.'.repeat(n) + '!',
      'https://' + 'a.'.repeat(n) + '!',
      'https://' + '${'.repeat(n) + '!',
      'https://' + '{{ a }}.'.repeat(n) + 'x',
      'aws ' + '--a b '.repeat(n) + '!',
      'gcloud ' + '--a b '.repeat(n) + 'services enable ' + 'x '.repeat(n) + '!',
      'bedrock-runtime.' + 'a-'.repeat(n),
      'projects/' + 'a/'.repeat(n) + 'locations/',
      'Endpoint=' + 'https://'.repeat(n),
    ];
    let tested = 0;
    for (const rule of engine.catalog.rules) {
      for (const c of rule.match) {
        for (const p of [c.value, c.text, c.key, c.path]) {
          if (p === undefined) continue;
          const re = new RegExp(p, c.flags);
          for (const s of inputs) {
            re.test(s);
            tested++;
          }
        }
      }
    }
    assert.ok(tested > 100);
  });
});
