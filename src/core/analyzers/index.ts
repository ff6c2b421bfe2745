/** The analyzer registry: one analyzer per AnalyzerId (src/core/classify.ts). */
import type { AnalyzerId } from '../classify';
import { analyzeCSharp } from './csharp';
import { analyzeJavaScript, analyzeTsx, analyzeTypeScript } from './ecmascript';
import { analyzeGo } from './go';
import { analyzeBicep } from './bicep';
import { analyzeHcl } from './hcl';
import { analyzeJava } from './java';
import { analyzeJson, analyzeTerraformJson } from './json';
import { analyzeDotenv, analyzeProperties } from './keyvalue';
import { analyzeGoMod, analyzeGradle, analyzeRequirements, analyzeToml, analyzeXmlManifest } from './manifests';
import { analyzePython } from './python';
import { analyzeMakefile } from './makefile';
import { analyzePowershell } from './powershell';
import { analyzeShell } from './shell';
import type { Analyzer } from './types';
import type { Grammar } from '../parsers/treesitter';
import { analyzeYaml } from './yaml';

export type { Analyzer, AnalyzeInput, AnalyzeOutput, ParseProblem } from './types';

export const ANALYZERS: Partial<Record<AnalyzerId, Analyzer>> = {
  hcl: analyzeHcl,
  'terraform-json': analyzeTerraformJson,
  json: analyzeJson,
  yaml: analyzeYaml,
  dotenv: analyzeDotenv,
  properties: analyzeProperties,
  python: analyzePython,
  javascript: analyzeJavaScript,
  typescript: analyzeTypeScript,
  tsx: analyzeTsx,
  go: analyzeGo,
  java: analyzeJava,
  csharp: analyzeCSharp,
  requirements: analyzeRequirements,
  toml: analyzeToml,
  gomod: analyzeGoMod,
  'xml-manifest': analyzeXmlManifest,
  gradle: analyzeGradle,
  bicep: analyzeBicep,
  shell: analyzeShell,
  powershell: analyzePowershell,
  makefile: analyzeMakefile,
};

/** The tree-sitter grammar an analyzer parses with: loaded ahead while a file waits its turn (Engine.prepare). */
export const GRAMMAR_OF: Partial<Record<AnalyzerId, Grammar>> = {
  hcl: 'hcl',
  python: 'python',
  javascript: 'javascript',
  typescript: 'typescript',
  tsx: 'tsx',
  go: 'go',
  java: 'java',
  csharp: 'c-sharp',
  shell: 'bash',
  makefile: 'bash',
  powershell: 'powershell',
};
