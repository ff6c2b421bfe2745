/**
 * The editor benchmark's files: one 5,000-line file per kind the editor re-scans as you type
 * (Python, TypeScript, Java, Go, Terraform, a multi-document Kubernetes manifest and a one-document
 * CloudFormation template), each with a binding every 500 lines, and the edits replayed on them:
 * a comment appended to another line each time, edits accumulating as in a session of typing.
 */
export const EDITOR_LINES = 5000;

export interface EditorCase {
  file: string;
  lines: string[];
  /** Edit `e` (0-based): changes `lines` in place. */
  edit(lines: string[], e: number): void;
}

/** A line that takes a comment: not the first lines (imports, headers) and not a closing brace. */
function appendComment(marker: string, ok: (line: string) => boolean = () => true) {
  return (lines: string[], e: number) => {
    let at = 5 + ((e * 37) % (lines.length - 10));
    while (!ok(lines[at])) at++;
    lines[at] = `${lines[at]} ${marker} edit ${e}`;
  };
}

function body(head: string[], tail: string[], line: (i: number) => string, binding: string): string[] {
  const lines = [...head];
  for (let i = 0; lines.length < EDITOR_LINES - tail.length; i++) lines.push(i % 500 === 0 ? binding : line(i));
  return [...lines, ...tail];
}

export function editorCases(): EditorCase[] {
  const k8s: string[] = [];
  for (let d = 0; k8s.length < EDITOR_LINES; d++) {
    k8s.push('---', 'apiVersion: apps/v1', 'kind: Deployment', 'metadata:', `  name: app-${d}`, 'spec:', '  template:', '    spec:', '      containers:', `        - name: app-${d}`, `          image: registry.example.com/app:${d}`, '          env:');
    for (let i = 0; i < 8; i++) k8s.push(`            - name: SETTING_${i}`, `              value: "plain value ${d}-${i}"`);
    if (d % 10 === 0) k8s.push('            - name: AZURE_OPENAI_ENDPOINT', '              value: "https://contoso.openai.azure.com"');
  }
  const cfn = ['AWSTemplateFormatVersion: "2010-09-09"', 'Resources:'];
  for (let r = 0; cfn.length < EDITOR_LINES; r++) {
    if (r % 60 === 0) cfn.push(`  Endpoint${r}:`, '    Type: AWS::SageMaker::Endpoint', '    Properties:', `      EndpointName: endpoint-${r}`, `      EndpointConfigName: config-${r}`);
    else cfn.push(`  Bucket${r}:`, '    Type: AWS::S3::Bucket', '    Properties:', `      BucketName: bucket-${r}`, '      Tags:', '        - Key: team', `          Value: team-${r}`);
  }
  const yamlValue = (l: string) => /:\s*\S/.test(l) && !l.trimStart().startsWith('-');
  return [
    {
      file: 'app/service.py',
      lines: body(['from openai import AzureOpenAI'], [], (i) => `value_${i} = compute(${i}, "plain text ${i}")  # comment ${i}`, 'client = AzureOpenAI(azure_endpoint="https://contoso.openai.azure.com")'),
      edit: appendComment('#'),
    },
    {
      file: 'src/service.ts',
      lines: body(['import { AzureOpenAI } from "openai";'], [], (i) => `const value${i} = compute(${i}, "plain text ${i}");`, 'const client = new AzureOpenAI({ endpoint: "https://contoso.openai.azure.com" });'),
      edit: appendComment('//'),
    },
    {
      file: 'src/Service.java',
      lines: body(['import com.azure.ai.openai.OpenAIClientBuilder;', 'class Service {', '  void run() {'], ['  }', '}'], (i) => `    int value${i} = compute(${i}, "plain text ${i}");`, '    var client = new OpenAIClientBuilder().endpoint("https://contoso.openai.azure.com").buildClient();'),
      edit: appendComment('//', (l) => l.endsWith(';')),
    },
    {
      file: 'cmd/main.go',
      lines: body(['package main', 'import "github.com/Azure/azure-sdk-for-go/sdk/ai/azopenai"', 'func run() {'], ['}'], (i) => `\tvalue${i} := compute(${i}, "plain text ${i}")`, '\tclient, _ := azopenai.NewClientWithKeyCredential("https://contoso.openai.azure.com", cred, nil)'),
      edit: appendComment('//', (l) => l.endsWith(')')),
    },
    {
      file: 'infra/main.tf',
      lines: (() => {
        const tf: string[] = [];
        for (let i = 0; tf.length < EDITOR_LINES; i++) {
          if (i % 125 === 0) tf.push(`resource "azurerm_cognitive_deployment" "d${i}" {`, `  name                 = "gpt-${i}"`, '  cognitive_account_id = azurerm_cognitive_account.main.id', '}');
          else tf.push(`resource "aws_s3_bucket" "b${i}" {`, `  bucket = "bucket-${i}"`, `  tags   = { team = "team-${i}" }`, '}');
        }
        return tf;
      })(),
      edit: appendComment('#', (l) => l.includes(' = ')),
    },
    { file: 'k8s/deployments.yaml', lines: k8s, edit: appendComment('#', yamlValue) },
    { file: 'cfn/template.yaml', lines: cfn, edit: appendComment('#', yamlValue) },
  ];
}
