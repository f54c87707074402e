/**
 * Field and structure names in traces and errors of the parameter lists (mutation survivors:
 * every name string and the input-contract guard's arguments are asserted here).
 */
import { describe, expect, it } from 'vitest';
import {
  decodePopulateTokenParameterList,
  decodeWriteUsingTokenParameterList,
  encodePopulateTokenParameterList,
  encodeWriteUsingTokenParameterList,
  ScsiCodecError,
  type TraceEntry,
  validateRangeDescriptors,
} from '../../src/index.js';
import { HostileError, withThrowingGetter } from '../contract/hostile.js';

function err(fn: () => unknown): ScsiCodecError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ScsiCodecError) return e;
    throw e;
  }
  throw new Error('expected a ScsiCodecError');
}

const range = { logicalBlockAddress: 3n, numberOfLogicalBlocks: 4 };
const ptValue = { immed: true, rtv: false, inactivityTimeout: 9, rodType: 0, blockDeviceRangeDescriptors: [range] };
const wutValue = {
  delTkn: true,
  immed: false,
  offsetIntoRod: 2n,
  rodToken: new Uint8Array(512),
  blockDeviceRangeDescriptors: [range],
};

describe('trace names', () => {
  it('POPULATE TOKEN parameter list', () => {
    const trace: TraceEntry[] = [];
    decodePopulateTokenParameterList(encodePopulateTokenParameterList(ptValue), { trace });
    expect(trace.map((t) => [t.field, t.offset])).toEqual([
      ['populateTokenDataLength', 0],
      ['blockDeviceRangeDescriptorLength', 14],
      ['logicalBlockAddress', 16],
      ['numberOfLogicalBlocks', 24],
      ['rtv', 2],
      ['immed', 2],
      ['inactivityTimeout', 4],
      ['rodType', 8],
    ]);
  });
  it('WRITE USING TOKEN parameter list', () => {
    const trace: TraceEntry[] = [];
    decodeWriteUsingTokenParameterList(encodeWriteUsingTokenParameterList(wutValue), { trace });
    expect(trace.map((t) => [t.field, t.offset])).toEqual([
      ['writeUsingTokenDataLength', 0],
      ['blockDeviceRangeDescriptorLength', 534],
      ['logicalBlockAddress', 536],
      ['numberOfLogicalBlocks', 544],
      ['delTkn', 2],
      ['immed', 2],
      ['offsetIntoRod', 8],
      ['rodToken', 16],
    ]);
  });
});

describe('error fields and messages', () => {
  it('encoders name each field', () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ rtv: 1 }, 'rtv'],
      [{ immed: 1 }, 'immed'],
      [{ blockDeviceRangeDescriptors: [null] }, 'blockDeviceRangeDescriptors'],
      [{ blockDeviceRangeDescriptors: 'x' }, 'blockDeviceRangeDescriptors'],
    ];
    for (const [patch, field] of cases) {
      const e = err(() => encodePopulateTokenParameterList({ ...ptValue, ...patch } as never));
      expect([e.structure, e.field]).toEqual(['PopulateTokenParameterList', field]);
    }
    for (const [patch, field] of [
      [{ delTkn: 1 }, 'delTkn'],
      [{ immed: 1 }, 'immed'],
    ] as const) {
      expect(err(() => encodeWriteUsingTokenParameterList({ ...wutValue, ...patch } as never)).field).toBe(field);
    }
    const nul = err(() =>
      encodePopulateTokenParameterList({ ...ptValue, blockDeviceRangeDescriptors: [null] } as never),
    );
    expect([nul.offset, nul.detail]).toEqual([16, 'not a descriptor object']);
  });
  it('decoder length messages', () => {
    const b = encodePopulateTokenParameterList(ptValue);
    const short = b.slice();
    short[15] = 15;
    expect(err(() => decodePopulateTokenParameterList(short, { strict: true })).detail).toBe(
      'BLOCK DEVICE RANGE DESCRIPTOR LENGTH 15 is less than one descriptor (16)',
    );
    const low = b.slice();
    low[1] = 0x1d;
    expect(err(() => decodePopulateTokenParameterList(low, { strict: true })).detail).toBe(
      'DATA LENGTH 0x001d is less than the minimum 0x001e',
    );
    const off = b.slice();
    off[1] = 0x1f;
    expect(err(() => decodePopulateTokenParameterList(off, { strict: true })).detail).toBe(
      'DATA LENGTH 31 disagrees with BLOCK DEVICE RANGE DESCRIPTOR LENGTH 16 (expected 30)',
    );
    const cut = b.slice(0, 24);
    const t = err(() => decodePopulateTokenParameterList(cut, { strict: true }));
    expect([t.field, t.detail]).toEqual([
      'blockDeviceRangeDescriptorLength',
      'range descriptors need 16 bytes but the parameter list has 8: no complete descriptor',
    ]);
    const two = encodePopulateTokenParameterList({
      ...ptValue,
      blockDeviceRangeDescriptors: [...ptValue.blockDeviceRangeDescriptors, ...ptValue.blockDeviceRangeDescriptors],
    });
    expect(decodePopulateTokenParameterList(two.slice(0, two.length - 8)).issues?.map((i) => i.message)).toContain(
      `range descriptors need ${two.length - 16} bytes but the parameter list has ${two.length - 24} (truncated descriptors ignored)`,
    );
    expect(err(() => decodePopulateTokenParameterList(b, { parameterListLength: -1 })).detail).toBe(
      'option parameterListLength -1 is not a u32',
    );
  });
  it("the caller's throwing getter names the structure and the field, with the cause", () => {
    const pe = err(() => encodePopulateTokenParameterList(withThrowingGetter(ptValue, 'rodType') as never));
    expect([pe.code, pe.structure, pe.field, pe.cause instanceof HostileError]).toEqual([
      'ERR_FIELD_RANGE',
      'PopulateTokenParameterList',
      'rodType',
      true,
    ]);
    const we = err(() => encodeWriteUsingTokenParameterList(withThrowingGetter(wutValue, 'rodToken') as never));
    expect([we.structure, we.field]).toEqual(['WriteUsingTokenParameterList', 'rodToken']);
    const bytes = encodePopulateTokenParameterList(ptValue);
    const de = err(() => decodePopulateTokenParameterList(bytes, withThrowingGetter({}, 'strict') as never));
    expect([de.code, de.structure, de.field]).toEqual(['ERR_UNEXPECTED_VALUE', 'PopulateTokenParameterList', 'strict']);
    const dw = err(() =>
      decodeWriteUsingTokenParameterList(
        encodeWriteUsingTokenParameterList(wutValue),
        withThrowingGetter({}, 'trace') as never,
      ),
    );
    expect([dw.structure, dw.field]).toEqual(['WriteUsingTokenParameterList', 'trace']);
    const ve = err(() => validateRangeDescriptors([range], withThrowingGetter({}, 'capacity') as never));
    expect([ve.structure, ve.field]).toEqual(['validateRangeDescriptors', 'capacity']);
  });
});
