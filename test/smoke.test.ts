/** The built package works from both module systems (dist/ is built by test/global-setup.ts). */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

function run(args: string[]): string {
  return execFileSync(process.execPath, args, { encoding: 'utf8' });
}

describe('dist smoke test', () => {
  it("require('scsi-odx') works (CJS)", () => {
    const out = run([
      '-e',
      "const m = require('scsi-odx'); const e = new m.ScsiCodecError('ERR_TRUNCATED','X','f',3,'d'); console.log(typeof m.isScsiCodecError, m.isScsiCodecError(e), Object.keys(m).length > 0)",
    ]);
    expect(out.trim()).toBe('function true true');
  });
  it("import 'scsi-odx' works (ESM)", () => {
    const out = run([
      '--input-type=module',
      '-e',
      "import * as m from 'scsi-odx'; const e = new m.ScsiCodecError('ERR_TRUNCATED','X','f',3,'d'); console.log(typeof m.isScsiCodecError, m.isScsiCodecError(e))",
    ]);
    expect(out.trim()).toBe('function true');
  });
});
