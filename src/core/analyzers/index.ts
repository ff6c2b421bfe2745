/** The analyzer registry: one analyzer per AnalyzerId (src/core/classify.ts). */
import type { AnalyzerId } from '../classify';
import { analyzeBicep } from './bicep';
import { analyzeHcl } from './hcl';
import { analyzeJson, analyzeTerraformJson } from './json';
import { analyzeDotenv, analyzeProperties } from './keyvalue';
import { analyzeMakefile } from './makefile';
import { analyzePowershell } from './powershell';
import { analyzeShell } from './shell';
import type { Analyzer } from './types';
import { analyzeYaml } from './yaml';

export type { Analyzer, AnalyzeInput, AnalyzeOutput, ParseProblem } from './types';

export const ANALYZERS: Partial<Record<AnalyzerId, Analyzer>> = {
  hcl: analyzeHcl,
  'terraform-json': analyzeTerraformJson,
  json: analyzeJson,
  yaml: analyzeYaml,
  dotenv: analyzeDotenv,
  properties: analyzeProperties,
  bicep: analyzeBicep,
  shell: analyzeShell,
  powershell: analyzePowershell,
  makefile: analyzeMakefile,
};
