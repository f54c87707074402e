/**
 * Interop suite global setup: fail fast (never skip) when the oracles are missing, and print
 * the per-kind summary table (cases, fields compared, mismatches) after every file has run.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { formatSummary, readAllStats, STATS_DIR } from './harness.js';
import { requireOracles } from './oracles/tools.js';

export default function setup(): () => void {
  const versions = requireOracles();
  rmSync(STATS_DIR, { recursive: true, force: true });
  mkdirSync(STATS_DIR, { recursive: true });
  const started = Date.now();
  return () => {
    const stats = readAllStats();
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      `\nInterop oracles: sg_decode_sense ${versions.sg_decode_sense}; sg_vpd ${versions.sg_vpd}; ddptctl ${versions.ddptctl}`,
    );
    console.log(formatSummary(stats));
    console.log(`interop run time: ${seconds} s`);
  };
}
