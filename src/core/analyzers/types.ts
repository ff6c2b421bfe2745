import type { ArtifactKind, Atom } from '../types';

export interface AnalyzeInput {
  /** Path relative to the scan root, `/`-separated. */
  path: string;
  text: string;
}

export interface ParseProblem {
  start: number;
  end: number;
  message: string;
}

export interface AnalyzeOutput {
  artifact: ArtifactKind;
  atoms: Atom[];
  /** Syntax errors met; parsing is error-tolerant, so atoms may still be present. */
  problems?: ParseProblem[];
}

export type Analyzer = (input: AnalyzeInput) => AnalyzeOutput | Promise<AnalyzeOutput>;
