/** Corpus generation (loads fast-check). */
export interface CorpusOptions {
  readonly kinds: readonly string[];
  readonly count: number;
  readonly seed: number;
  readonly out: string;
  readonly invalidRatio: number;
  readonly dict: string | undefined;
  readonly progress: ((s: string) => void) | undefined;
}
export async function runCorpus(_o: CorpusOptions): Promise<number> {
  return 1;
}
