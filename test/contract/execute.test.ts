/**
 * Issue 17 finding 8, copy manager side: `execute()` answers every initiator byte string with a
 * SCSI status, and throws exactly one documented error (ScsiCodecError ERR_UNEXPECTED_VALUE,
 * structure CommandRequest, naming the member) for a request of the wrong JavaScript shape,
 * before anything changes. A Uint8Array from another realm works like a local one.
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import type { CommandRequest } from '../../src/copy-manager/index.js';
import {
  encodePopulateTokenCdb,
  encodeReceiveRodTokenInformationCdb,
  encodeTestUnitReadyCdb,
  ScsiCodecError,
} from '../../src/index.js';
import { A1, makeCm, ptList } from '../copy-manager/helpers.js';
import { foreignUint8Array, HostileError, throwingProxy, uint8ArrayLookAlikes, withThrowingGetter } from './hostile.js';

const tur = encodeTestUnitReadyCdb({ control: 0 });
const pt = (list: Uint8Array): Uint8Array =>
  encodePopulateTokenCdb({ listIdentifier: 7, parameterListLength: list.length, groupNumber: 0, control: 0 });

function requestError(fn: () => unknown): ScsiCodecError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ScsiCodecError && e.code === 'ERR_UNEXPECTED_VALUE' && e.structure === 'CommandRequest') return e;
    throw new Error(`expected ScsiCodecError ERR_UNEXPECTED_VALUE CommandRequest, got ${String(e)}`, { cause: e });
  }
  throw new Error('expected an error');
}

// biome-ignore lint/suspicious/noExplicitAny: deliberately malformed requests
const bad = (v: unknown): any => v;

describe('execute(): request shape errors throw one documented error', () => {
  it('cdb or dataOut as number[], string, ArrayBuffer, DataView, Proxy or prototype look-alike', () => {
    const { cm } = makeCm();
    const list = ptList([{ lba: 0, count: 8 }]);
    for (const fake of uint8ArrayLookAlikes(list)) {
      expect(requestError(() => cm.execute(bad({ nexus: A1, lun: 0, cdb: pt(list), dataOut: fake }))).field).toBe(
        'dataOut',
      );
      expect(requestError(() => cm.execute(bad({ nexus: A1, lun: 0, cdb: fake }))).field).toBe('cdb');
    }
    // Nothing was changed by the rejected POPULATE TOKENs: list 7 has no result.
    const rrti = encodeReceiveRodTokenInformationCdb({ listIdentifier: 7, allocationLength: 1024, control: 0 });
    expect(cm.execute({ nexus: A1, lun: 0, cdb: rrti }).status).toBe(2);
  });
  it('malformed request objects', () => {
    const { cm } = makeCm();
    const cases: [unknown, string][] = [
      [null, 'request'],
      ['TUR', 'request'],
      [{ lun: 0, cdb: tur }, 'nexus'],
      [{ nexus: { targetPortId: 1 }, lun: 0, cdb: tur }, 'initiatorPortId'],
      [{ nexus: { initiatorPortId: 'i', targetPortId: '1' }, lun: 0, cdb: tur }, 'targetPortId'],
      [{ nexus: { initiatorPortId: 'i', targetPortId: 70000 }, lun: 0, cdb: tur }, 'targetPortId'],
      [{ nexus: A1, lun: '0', cdb: tur }, 'lun'],
      [{ nexus: A1, lun: -1, cdb: tur }, 'lun'],
      [{ nexus: A1, lun: 0.5, cdb: tur }, 'lun'],
      [{ nexus: A1, lun: 0 }, 'cdb'],
      [{ nexus: A1, lun: 0, cdb: tur, dataOut: null }, 'dataOut'],
    ];
    for (const [req, field] of cases) expect(requestError(() => cm.execute(bad(req))).field).toBe(field);
  });
  it('a throwing getter or Proxy trap comes back as the cause, naming the member', () => {
    const { cm } = makeCm();
    const e = requestError(() => cm.execute(bad(withThrowingGetter({ nexus: A1, lun: 0, cdb: tur }, 'cdb'))));
    expect([e.field, e.cause instanceof HostileError]).toEqual(['cdb', true]);
    expect(requestError(() => cm.execute(bad(throwingProxy()))).cause).toBeInstanceOf(HostileError);
    expect(requestError(() => cm.execute(bad({ nexus: throwingProxy(), lun: 0, cdb: tur }))).field).toBe('nexus');
  });
});

describe('execute(): a Uint8Array from another realm', () => {
  it('works as cdb and dataOut', () => {
    const { cm } = makeCm();
    expect(cm.execute({ nexus: A1, lun: 0, cdb: foreignUint8Array(tur) }).status).toBe(0);
    const list = ptList([{ lba: 0, count: 8 }]);
    const r = cm.execute({ nexus: A1, lun: 0, cdb: foreignUint8Array(pt(list)), dataOut: foreignUint8Array(list) });
    expect(r.status).toBe(0);
    const rrti = encodeReceiveRodTokenInformationCdb({ listIdentifier: 7, allocationLength: 1024, control: 0 });
    expect(cm.execute({ nexus: A1, lun: 0, cdb: rrti }).status).toBe(0);
  });
});

describe('execute(): any initiator bytes get a SCSI status, never an exception', () => {
  const { cm } = makeCm();
  test.prop([fc.uint8Array({ maxLength: 40 }), fc.option(fc.uint8Array({ maxLength: 600 }), { nil: undefined })])(
    'random CDB and data-out',
    (cdb, dataOut) => {
      const req: CommandRequest = { nexus: A1, lun: 0, cdb, dataOut };
      expect([0, 2]).toContain(cm.execute(req).status);
    },
  );
});
