/**
 * Near-misses of a CDB: a command the device server completes with GOOD, with one defect (a
 * reserved bit, NACA, a PARAMETER LIST LENGTH the data-out does not fill, an LBA beyond the
 * capacity, a protection field, a short WRITE data-out, an INQUIRY page code without EVPD).
 *
 * @packageDocumentation
 * @internal
 */
import fc from 'fast-check';
import { decodeCdb } from '../cdb/index.js';
import type { DeviceServerProfile } from '../conformance/profile.js';
import { isScsiCodecError } from '../errors.js';
import { encodePopulateTokenParameterList } from '../parameter-list/index.js';
import { arbValidPopulateTokenParameterList, type ValidCommand } from './device-server.js';
import { type Draft, dv, withByte } from './near-miss-draft.js';

/** The mutations that apply to `command` (empty when none does). */
type CdbMutation = (p: DeviceServerProfile, base: ValidCommand, command: string) => fc.Arbitrary<Draft>[];

/** Reserved (byte, bit) positions of a command's CDB, found by the strict decoder. */
const reservedCache = new Map<string, readonly (readonly [number, number])[]>();

function reservedBitsOf(cdb: Uint8Array<ArrayBuffer>): readonly (readonly [number, number])[] {
  const key = decodeCdb(cdb).kind;
  const hit = reservedCache.get(key);
  if (hit !== undefined) return hit;
  const out: [number, number][] = [];
  for (let byte = 1; byte < cdb.length; byte++) {
    for (let bit = 0; bit < 8; bit++) {
      if (((cdb[byte] as number) & (1 << bit)) !== 0) continue;
      const b = withByte(cdb, byte, (cdb[byte] as number) | (1 << bit));
      try {
        decodeCdb(b, { strict: true });
      } catch (e) {
        if (isScsiCodecError(e) && e.code === 'ERR_RESERVED_NONZERO' && e.offset === byte) out.push([byte, bit]);
      }
    }
  }
  reservedCache.set(key, out);
  return out;
}

const reservedBit: CdbMutation = (_p, base, command) => {
  const cdb = base.cdb;
  const reserved = reservedBitsOf(cdb);
  if (reserved.length === 0) return [];
  return [
    fc.constantFrom(...reserved).map(([byte, bit]) => ({
      bytes: withByte(cdb, byte, (cdb[byte] as number) | (1 << bit)),
      dataOut: base.dataOut,
      mutation: 'reserved-bit',
      detail: `${command}: CDB byte ${byte} bit ${bit} (reserved) set`,
      rule: 'spc.cdb.reserved',
      at: { byte, bit },
    })),
  ];
};

const naca: CdbMutation = (_p, base, command) => {
  const cdb = base.cdb;
  const last = cdb.length - 1;
  return [
    fc.constant({
      bytes: withByte(cdb, last, (cdb[last] as number) | 0x04),
      dataOut: base.dataOut,
      mutation: 'naca',
      detail: `${command}: NACA = 1 in CONTROL (byte ${last} bit 2); NORMACA = 0`,
      rule: 'sam.cdb.naca',
      at: { byte: last, bit: 2 },
    }),
  ];
};

const parameterListLength1To15: CdbMutation = (p, base, command) => {
  if (command !== 'POPULATE TOKEN') return [];
  return [
    fc.tuple(fc.integer({ min: 1, max: 15 }), arbValidPopulateTokenParameterList(p)).map(([len, list]) => {
      const bytes = base.cdb.slice();
      dv(bytes).setUint32(10, len);
      return {
        bytes,
        dataOut: encodePopulateTokenParameterList(list).slice(0, len),
        mutation: 'parameter-list-length-1-to-15',
        detail: `POPULATE TOKEN PARAMETER LIST LENGTH ${len} (shorter than the 16-byte header)`,
        rule: 'sbc.populate-token.parameter-list-length',
      };
    }),
  ];
};

const dataOutShort: CdbMutation = (_p, base, command) => {
  if (command !== 'POPULATE TOKEN' && command !== 'WRITE USING TOKEN') return [];
  return [
    fc.tuple(fc.integer({ min: 1, max: 0xffff_ffff }), fc.nat({ max: 64 })).map(([len, have]) => {
      const bytes = base.cdb.slice();
      dv(bytes).setUint32(10, len);
      const n = Math.min(have, len - 1);
      return {
        bytes,
        dataOut: new Uint8Array(n),
        mutation: 'data-out-short',
        detail: `${command} PARAMETER LIST LENGTH ${len}, ${n} bytes of data-out`,
        rule: 'spc.data-out.short',
      };
    }),
  ];
};

const lbaOutOfRange: CdbMutation = (p, base, command) => {
  if (command !== 'READ (16)' && command !== 'WRITE (16)' && command !== 'SYNCHRONIZE CACHE (16)') return [];
  const cdb = base.cdb;
  const lenAt = 10;
  const count = dv(cdb).getUint32(lenAt);
  if (p.capacity > (1n << 64n) - 1n) return [];
  return [
    fc.bigInt({ min: 0n, max: 3n }).map((k) => {
      const n = count === 0 ? 1 : count;
      let lba = p.capacity - BigInt(n) + 1n + k;
      if (lba > (1n << 64n) - 1n) lba = (1n << 64n) - 1n;
      const bytes = cdb.slice();
      dv(bytes).setBigUint64(2, lba);
      dv(bytes).setUint32(lenAt, n);
      return {
        bytes,
        dataOut: command === 'WRITE (16)' ? new Uint8Array(n * p.blockSize) : base.dataOut,
        mutation: 'lba-out-of-range',
        detail: `${command}: LBA ${lba} + ${n} blocks, capacity ${p.capacity}`,
        rule: 'sbc.io.lba-out-of-range',
      };
    }),
  ];
};

const transferLength: CdbMutation = (p, base, command) => {
  if (command !== 'READ (16)' || p.maxTransferLength >= 0xffff_ffff) return [];
  return [
    fc.integer({ min: p.maxTransferLength + 1, max: 0xffff_ffff }).map((n) => {
      const bytes = base.cdb.slice();
      dv(bytes).setBigUint64(2, 0n);
      dv(bytes).setUint32(10, n);
      return {
        bytes,
        dataOut: base.dataOut,
        mutation: 'transfer-length',
        detail: `READ (16) TRANSFER LENGTH ${n}, MAXIMUM TRANSFER LENGTH ${p.maxTransferLength}`,
        rule: 'sbc.io.transfer-length',
        at: { byte: 10 },
      };
    }),
  ];
};

const protect: CdbMutation = (_p, base, command) => {
  if (command !== 'READ (16)' && command !== 'WRITE (16)') return [];
  const cdb = base.cdb;
  return [
    fc.integer({ min: 1, max: 7 }).map((v) => ({
      bytes: withByte(cdb, 1, ((cdb[1] as number) & 0x1f) | (v << 5)),
      dataOut: base.dataOut,
      mutation: 'protect',
      detail: `${command}: ${command === 'READ (16)' ? 'RD' : 'WR'}PROTECT ${v}, PROTECT = 0`,
      rule: 'sbc.io.protect',
    })),
  ];
};

const writeDataOutShort: CdbMutation = (_p, base, command) => {
  if ((command !== 'WRITE (16)' && command !== 'WRITE (10)') || base.dataOut.length === 0) return [];
  return [
    fc.nat({ max: base.dataOut.length - 1 }).map((n) => ({
      bytes: base.cdb,
      dataOut: base.dataOut.slice(0, n),
      mutation: 'write-data-out-short',
      detail: `${command}: ${n} of ${base.dataOut.length} bytes of data-out`,
      rule: 'sbc.write.data-out-short',
    })),
  ];
};

const inquiryPageCode: CdbMutation = (_p, base, command) => {
  if (command !== 'INQUIRY') return [];
  return [
    fc.integer({ min: 1, max: 255 }).map((v) => ({
      bytes: withByte(base.cdb, 2, v),
      dataOut: base.dataOut,
      mutation: 'inquiry-page-code',
      detail: `INQUIRY EVPD = 0 with PAGE CODE ${v.toString(16).padStart(2, '0')}h`,
      rule: 'spc.inquiry.page-code',
    })),
  ];
};

/** Every CDB mutation, in the order `fc.oneof` picks from (the order fixes what a seed gives). */
const CDB_MUTATIONS: readonly CdbMutation[] = [
  reservedBit,
  naca,
  parameterListLength1To15,
  dataOutShort,
  lbaOutOfRange,
  transferLength,
  protect,
  writeDataOutShort,
  inquiryPageCode,
];

/** The near-misses of one valid command. */
export function cdbDrafts(p: DeviceServerProfile, base: ValidCommand): fc.Arbitrary<Draft>[] {
  const command = decodeCdb(base.cdb).kind;
  return CDB_MUTATIONS.flatMap((m) => m(p, base, command));
}
