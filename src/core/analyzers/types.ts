import type { ArtifactKind, Atom } from '../types';

export interface AnalyzeInput {
  /** Path relative to the scan root, `/`-separated. */
  path: string;
  text: string;
  /**
   * Where rule keywords occur, as sorted `[start, end, ...]` offsets. An analyzer may skip any
   * subtree that holds none (no rule can match there); absent means "look everywhere".
   */
  focus?: readonly number[];
  /** Set by the editor: keep the parse tree under this key so the next parse is incremental. */
  cacheKey?: string;
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
