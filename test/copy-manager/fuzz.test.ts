/**
 * Robustness: whatever bytes an initiator sends, execute() answers (never throws), with GOOD or
 * CHECK CONDITION and sense data that decodes strictly.
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { SUPPORTED_COMMANDS } from '../../src/copy-manager/commands.js';
import { decodeSenseData } from '../../src/sense/index.js';
import { A1, Host, makeCm, ptList, wutList } from './helpers.js';

// Every implemented opcode (from the command table), MODE SELECT (6) and the variable-length CDB.
const opcodes = [...new Set(SUPPORTED_COMMANDS.map((c) => c.operationCode)), 0x15, 0x7f];

const arbCdb = fc
  .tuple(fc.constantFrom(...opcodes), fc.nat(0x1f), fc.uint8Array({ minLength: 0, maxLength: 20 }))
  .map(([op, sa, rest]) => Uint8Array.from([op, sa, ...rest]));

describe('execute() never throws', () => {
  test.prop([fc.array(fc.tuple(arbCdb, fc.option(fc.uint8Array({ maxLength: 700 })), fc.nat(3)), { maxLength: 20 })], {
    numRuns: 300,
  })('random CDBs and data-out', (cmds) => {
    const { cm } = makeCm({ targetPortGroups: [{ id: 1, relativeTargetPortIds: [1] }] });
    for (const [cdb, dataOut, lun] of cmds) {
      const r = cm.execute({ nexus: A1, lun, cdb, dataOut: dataOut ?? undefined });
      expect([0, 2]).toContain(r.status);
      if (r.status === 2) decodeSenseData(r.senseData as Uint8Array, { strict: true });
    }
  });

  test.prop(
    [
      fc.uint8Array({ minLength: 512, maxLength: 512 }),
      fc.nat(511),
      fc.uint8Array({ minLength: 0, maxLength: 64 }),
      fc.integer({ min: 0, max: 700 }),
    ],
    { numRuns: 300 },
  )('mutated tokens and parameter lists', (noise, at, patch, cut) => {
    const { cm } = makeCm();
    const h = new Host(cm, A1);
    const token = h.token(0, 1, [{ lba: 0, count: 8 }]);
    const forged = token.slice();
    forged.set(patch.subarray(0, 512 - at), at);
    for (const t of [forged, noise]) {
      const r = h.wut(1, 2, t, [{ lba: 0, count: 1 }]);
      // Only the genuine token's exact bytes are accepted.
      expect(r.status).toBe(t.every((b, i) => b === token[i]) ? 0 : 2);
      if (r.status === 2) decodeSenseData(r.senseData as Uint8Array, { strict: true });
    }
    const list = wutList(token, [{ lba: 0, count: 1 }]);
    list.set(patch.subarray(0, list.length - at), at < 16 ? at : at + 24);
    for (const l of [
      list,
      list.subarray(0, Math.min(cut, list.length)),
      ptList([{ lba: 0, count: 1 }]).subarray(0, cut % 40),
    ]) {
      const r = h.wutRaw(1, 3, l);
      if (r.status === 2) decodeSenseData(r.senseData as Uint8Array, { strict: true });
      const p = h.populateRaw(0, 4, l);
      if (p.status === 2) decodeSenseData(p.senseData as Uint8Array, { strict: true });
    }
  });
});
