// A Stryker reporter plugin that appends each tested mutant to `reports/mutation/AREA.partial.jsonl`
// as soon as its result is known, so a run stopped by its time bound still leaves per-file figures
// (`node scripts/mutation-partial.mjs AREA` sums them). Stryker's own reports are written only when
// a run finishes. See docs/mutation.md.
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { declareClassPlugin, PluginKind } from '@stryker-mutator/api/plugin';

const area = process.env.STRYKER_AREA ?? 'internal';
const file = `reports/mutation/${area}.partial.jsonl`;

class PartialReporter {
  constructor() {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, '');
  }

  /** @param {import('@stryker-mutator/api/core').MutantResult} r */
  onMutantTested(r) {
    const line = {
      file: relative(process.cwd(), r.fileName),
      line: r.location.start.line,
      column: r.location.start.column,
      mutator: r.mutatorName,
      replacement: r.replacement,
      status: r.status,
      static: r.static === true,
    };
    appendFileSync(file, `${JSON.stringify(line)}\n`);
  }
}

export const strykerPlugins = [declareClassPlugin(PluginKind.Reporter, 'partial', PartialReporter)];
