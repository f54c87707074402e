/**
 * The request shape `execute()` checks (issue 17, fourth session): each refusal with its exact
 * message, and the accepted values at the edges (target port 0 and 65535, LUN 0). Through
 * `execute()` only.
 */
import { describe, expect, test } from 'vitest';
import { encodeTestUnitReadyCdb } from '../../src/cdb/index.js';
import { ScsiCodecError } from '../../src/index.js';
import { A1, makeCm } from './helpers.js';

const tur = encodeTestUnitReadyCdb({ control: 0 });

function refusal(fn: () => unknown): { field: string; message: string } {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ScsiCodecError);
    const c = e as ScsiCodecError;
    expect([c.code, c.structure, c.offset]).toEqual(['ERR_UNEXPECTED_VALUE', 'CommandRequest', 0]);
    return { field: String(c.field), message: c.message };
  }
  throw new Error('expected a refusal');
}

describe('execute(): request shape', () => {
  test('each refusal names the member and says why', () => {
    const { cm } = makeCm();
    const cases: [unknown, string, string][] = [
      [null, 'request', 'null is not an object'],
      ['TUR', 'request', '"TUR" is not an object'],
      [{ nexus: null, lun: 0, cdb: tur }, 'nexus', 'null is not an object'],
      [{ nexus: 'A1', lun: 0, cdb: tur }, 'nexus', '"A1" is not an object'],
      [{ nexus: { initiatorPortId: 7, targetPortId: 1 }, lun: 0, cdb: tur }, 'initiatorPortId', '7 is not a string'],
      [
        { nexus: { initiatorPortId: 'i', targetPortId: '1' }, lun: 0, cdb: tur },
        'targetPortId',
        '"1" is not an integer in 0..65535',
      ],
      [
        { nexus: { initiatorPortId: 'i', targetPortId: 1.5 }, lun: 0, cdb: tur },
        'targetPortId',
        '1.5 is not an integer in 0..65535',
      ],
      [
        { nexus: { initiatorPortId: 'i', targetPortId: 65536 }, lun: 0, cdb: tur },
        'targetPortId',
        '65536 is not an integer in 0..65535',
      ],
      [
        { nexus: { initiatorPortId: 'i', targetPortId: -1 }, lun: 0, cdb: tur },
        'targetPortId',
        '-1 is not an integer in 0..65535',
      ],
      [{ nexus: A1, lun: '0', cdb: tur }, 'lun', '"0" is not a non-negative integer'],
      [{ nexus: A1, lun: -1, cdb: tur }, 'lun', '-1 is not a non-negative integer'],
      [{ nexus: A1, lun: 0.5, cdb: tur }, 'lun', '0.5 is not a non-negative integer'],
      [{ nexus: A1, lun: 0 }, 'cdb', 'undefined is not a Uint8Array'],
      [{ nexus: A1, lun: 0, cdb: tur, dataOut: [1] }, 'dataOut', 'an array is not a Uint8Array'],
    ];
    for (const [req, field, detail] of cases) {
      expect(refusal(() => cm.execute(req as never))).toEqual({
        field,
        message: `CommandRequest.${field} @ byte 0: ${detail}`,
      });
    }
  });

  test('target ports 0 and 65535 and LUN 0 are accepted; a LUN with no logical unit is a SCSI answer', () => {
    const { cm } = makeCm();
    for (const targetPortId of [0, 65535]) {
      expect(cm.execute({ nexus: { initiatorPortId: '', targetPortId }, lun: 0, cdb: tur }).status).toBe(0);
    }
    expect(cm.execute({ nexus: A1, lun: 2 ** 40, cdb: tur }).status).toBe(2);
  });
});
