/** Which analyzer reads a file, by its path: called for every file of a tree. */
import * as assert from 'assert';
import { describe, it } from 'node:test';
import { classify } from '../../src/core/classify';

describe('classify', () => {
  it('maps extensions, case-insensitively, at any depth', () => {
    const cases: [string, string | undefined][] = [
      ['main.tf', 'hcl'],
      ['infra/prod/MAIN.TF', 'hcl'],
      ['vars.tfvars', 'hcl'],
      ['a/b/c.yaml', 'yaml'],
      ['x.YML', 'yaml'],
      ['svc.py', 'python'],
      ['index.mjs', 'javascript'],
      ['app.tsx', 'tsx'],
      ['Program.cs', 'csharp'],
      ['deploy.ps1', 'powershell'],
      ['app.csproj', 'xml-manifest'],
      ['build.gradle', 'gradle'],
      ['main.bicep', 'bicep'],
      ['README.md', undefined],
      ['image.png', undefined],
      ['noextension', undefined],
      ['dir.tf/file', undefined],
    ];
    for (const [p, id] of cases) assert.strictEqual(classify(p), id, p);
  });

  it('knows files by name before their extension', () => {
    const cases: [string, string | undefined][] = [
      ['Makefile', 'makefile'],
      ['sub/GNUmakefile', 'makefile'],
      ['go.mod', 'gomod'],
      ['pom.xml', 'xml-manifest'],
      ['Directory.Packages.props', 'xml-manifest'],
      ['pyproject.toml', 'toml'],
      ['other.toml', undefined],
      ['main.tf.json', 'terraform-json'],
      ['x.TFVARS.JSON', 'terraform-json'],
      ['package.json', 'json'],
      ['.env', 'dotenv'],
      ['.env.production', 'dotenv'],
      ['.envrc', undefined],
      ['prod.env', 'dotenv'],
      ['requirements.txt', 'requirements'],
      ['requirements-dev.in', 'requirements'],
      ['constraints.txt', 'requirements'],
      ['notes.txt', undefined],
      ['build.gradle.kts', 'gradle'],
      ['settings.gradle.kts', 'gradle'],
      ['script.kts', undefined],
    ];
    for (const [p, id] of cases) assert.strictEqual(classify(p), id, p);
  });

  it('names that are properties of every object are plain names', () => {
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'x.constructor', 'x.__proto__']) assert.strictEqual(classify(name), undefined, name);
  });
});
