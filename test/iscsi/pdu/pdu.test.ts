import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import * as arbs from '../../../src/arbitraries/iscsi.js';
import type { IscsiPdu, IscsiScsiCommand } from '../../../src/index.js';
import {
  crc32c,
  decodeIscsiBhs,
  decodeIscsiPdu,
  decodeIscsiSenseSegment,
  encodeIscsiPdu,
  encodeIscsiSenseSegment,
  encodeIscsiTextKeys,
  ISCSI_OPCODE,
  iscsiCommandCdb,
  iscsiCommandCdbFields,
  iscsiPduLength,
  iscsiPduName,
  lunFromNumber,
} from '../../../src/index.js';
import type { DecodeOptions, TraceEntry } from '../../../src/internal/byte-reader.js';
import { crc32cBytewise } from '../../../src/iscsi/pdu/crc32c.js';
import { iscsiReservedBits } from '../../../src/iscsi/pdu/pdu.js';
import { expectCodecError, hexBytes } from '../../cdb/helpers.js';
import { describeLaws, expectOnlyCodecErrors } from '../../laws.js';

const PER_TYPE: readonly [string, () => fc.Arbitrary<IscsiPdu>][] = [
  ['NOP-Out', () => arbs.arbIscsiNopOut()],
  ['SCSI Command', () => arbs.arbIscsiScsiCommand()],
  ['Task Management Function Request', () => arbs.arbIscsiTaskManagementFunctionRequest()],
  ['Login Request', () => arbs.arbIscsiLoginRequest()],
  ['Text Request', () => arbs.arbIscsiTextRequest()],
  ['SCSI Data-Out', () => arbs.arbIscsiScsiDataOut()],
  ['Logout Request', () => arbs.arbIscsiLogoutRequest()],
  ['SNACK Request', () => arbs.arbIscsiSnackRequest()],
  ['NOP-In', () => arbs.arbIscsiNopIn()],
  ['SCSI Response', () => arbs.arbIscsiScsiResponse()],
  ['Task Management Function Response', () => arbs.arbIscsiTaskManagementFunctionResponse()],
  ['Login Response', () => arbs.arbIscsiLoginResponse()],
  ['Text Response', () => arbs.arbIscsiTextResponse()],
  ['SCSI Data-In', () => arbs.arbIscsiScsiDataIn()],
  ['Logout Response', () => arbs.arbIscsiLogoutResponse()],
  ['R2T', () => arbs.arbIscsiR2t()],
  ['Asynchronous Message', () => arbs.arbIscsiAsynchronousMessage()],
  ['Reject', () => arbs.arbIscsiReject()],
  ['Unknown (vendor-specific)', () => arbs.arbIscsiUnknownPdu()],
];

for (const [name, arb] of PER_TYPE) {
  describeLaws<IscsiPdu>({
    name: `iSCSI ${name}`,
    arb: arb(),
    encode: (p) => encodeIscsiPdu(p),
    decode: (b, o) => decodeIscsiPdu(b, o),
  });
}

for (const digests of [
  { headerDigest: true, dataDigest: true },
  { headerDigest: true, dataDigest: false },
  { headerDigest: false, dataDigest: true },
]) {
  describeLaws<IscsiPdu>({
    name: `iSCSI PDU with ${JSON.stringify(digests)}`,
    arb: arbs.arbIscsiPdu(),
    encode: (p) => encodeIscsiPdu(p, digests),
    decode: (b, o?: DecodeOptions) => decodeIscsiPdu(b, { ...o, ...digests }),
  });
}

describe('CRC32C (RFC 3720 appendix B.4)', () => {
  const wire = (v: number) => [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, v >>> 24];
  it.each([
    ['32 bytes of zeroes', new Uint8Array(32), [0xaa, 0x36, 0x91, 0x8a]],
    ['32 bytes of ones', new Uint8Array(32).fill(0xff), [0x43, 0xab, 0xa8, 0x62]],
    ['32 incrementing bytes', Uint8Array.from({ length: 32 }, (_, i) => i), [0x4e, 0x79, 0xdd, 0x46]],
    ['32 decrementing bytes', Uint8Array.from({ length: 32 }, (_, i) => 31 - i), [0x5c, 0xdb, 0x3f, 0x11]],
    [
      'an iSCSI read command PDU',
      hexBytes(`01 c0 00 00 00 00 00 00 00 00 00 00 00 00 00 00
                14 00 00 00 00 00 04 00 00 00 00 14 00 00 00 18
                28 00 00 00 00 00 00 00 02 00 00 00 00 00 00 00`),
      [0x56, 0x3a, 0x96, 0xd9],
    ],
  ])('%s', (_, bytes, digest) => {
    expect(wire(crc32c(bytes))).toEqual(digest);
  });
  it('the read command vector decodes with its header digest', () => {
    const bhs = hexBytes(`01 c0 00 00 00 00 00 00 00 00 00 00 00 00 00 00
                          14 00 00 00 00 00 04 00 00 00 00 14 00 00 00 18
                          28 00 00 00 00 00 00 00 02 00 00 00 00 00 00 00  56 3a 96 d9`);
    const p = decodeIscsiPdu(bhs, { headerDigest: true, strict: true }) as IscsiScsiCommand;
    expect(p).toMatchObject({ kind: 'SCSI Command', final: true, read: true, write: false, attr: 0 });
    expect(p.initiatorTaskTag).toBe(0x1400_0000);
    expect(p.expectedDataTransferLength).toBe(0x0000_0400);
    expect(p.cmdSn).toBe(0x0000_0014);
    expect(p.expStatSn).toBe(0x0000_0018);
    bhs[48] = 0x57;
    expectCodecError(() => decodeIscsiPdu(bhs, { headerDigest: true }), {
      code: 'ERR_INVALID_VALUE',
      field: 'headerDigest',
      offset: 48,
    });
    expect(decodeIscsiPdu(bhs, { headerDigest: true, verifyDigests: false }).kind).toBe('SCSI Command');
  });
  test.prop([fc.uint8Array({ maxLength: 200 }), fc.nat(200)])('pieces chain like one run', (bytes, cut) => {
    const k = Math.min(cut, bytes.length);
    expect(crc32c(bytes.subarray(k), crc32c(bytes.subarray(0, k)))).toBe(crc32c(bytes));
    expect(crc32c(bytes, 0, 0, k)).toBe(crc32c(bytes.subarray(0, k)));
  });
  test.prop([fc.uint8Array({ maxLength: 100 }), fc.nat(7), fc.nat(7)])(
    'matches a bitwise reference at every alignment, word and byte paths alike',
    (body, lead, tail) => {
      let c = 0xffff_ffff;
      for (const x of body) {
        c ^= x;
        for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0x82f6_3b78 : c >>> 1;
      }
      const want = ~c >>> 0;
      const big = new Uint8Array(lead + body.length + tail).fill(0xa5);
      big.set(body, lead);
      expect(crc32c(body)).toBe(want);
      expect(crc32c(big.subarray(lead, lead + body.length))).toBe(want);
      expect(crc32c(big, 0, lead, lead + body.length)).toBe(want);
      expect(crc32cBytewise(big, 0, lead, lead + body.length)).toBe(want);
    },
  );
});

describe('data digest and padding', () => {
  const nop = {
    kind: 'NOP-Out',
    immediate: true,
    lun: 0n,
    initiatorTaskTag: 1,
    targetTransferTag: 0xffff_ffff,
    cmdSn: 2,
    expStatSn: 3,
    ahs: [],
    data: Uint8Array.of(1, 2, 3, 4, 5),
  } as const;
  it('pads to 4 bytes, covers the padding, is absent without data', () => {
    const b = encodeIscsiPdu(nop, { headerDigest: true, dataDigest: true });
    expect(b.length).toBe(48 + 4 + 8 + 4);
    expect(Array.from(b.subarray(57, 60))).toEqual([0, 0, 0]);
    const dd = crc32c(b, 0, 52, 60);
    expect(Array.from(b.subarray(60, 64))).toEqual([dd & 0xff, (dd >>> 8) & 0xff, (dd >>> 16) & 0xff, dd >>> 24]);
    b[58] = 1;
    expectCodecError(() => decodeIscsiPdu(b, { headerDigest: true, dataDigest: true }), {
      code: 'ERR_INVALID_VALUE',
      field: 'dataDigest',
      offset: 60,
    });
    expect(encodeIscsiPdu({ ...nop, data: new Uint8Array(0) }, { dataDigest: true }).length).toBe(48);
  });
  it('non-zero padding: lenient issue, strict error', () => {
    const b = encodeIscsiPdu(nop);
    b[55] = 9;
    const v = decodeIscsiPdu(b);
    expect(v.issues?.[0]).toMatchObject({ code: 'ERR_RESERVED_NONZERO', field: 'padding', offset: 55 });
    expectCodecError(() => decodeIscsiPdu(b, { strict: true }), { code: 'ERR_RESERVED_NONZERO', offset: 55 });
  });
  it('dataView returns a view, the default a copy', () => {
    const b = encodeIscsiPdu(nop);
    const view = decodeIscsiPdu(b, { dataView: true }).data;
    const copy = decodeIscsiPdu(b).data;
    b[48] = 99;
    expect(view[0]).toBe(99);
    expect(copy[0]).toBe(1);
  });
  it('bytes after the PDU: lenient issue, strict error', () => {
    const b = new Uint8Array(60);
    b.set(encodeIscsiPdu(nop));
    expect(decodeIscsiPdu(b).issues?.[0]).toMatchObject({ code: 'ERR_LENGTH_MISMATCH', offset: 56 });
    expectCodecError(() => decodeIscsiPdu(b, { strict: true }), { code: 'ERR_LENGTH_MISMATCH', offset: 56 });
  });
  it('the largest data segment (2^24-1 bytes) round-trips; one more byte is refused', () => {
    const data = new Uint8Array(0xff_ffff);
    data[0xff_fffe] = 7;
    const b = encodeIscsiPdu({ ...nop, data }, { dataDigest: true });
    expect(b.length).toBe(48 + 0x100_0000 + 4);
    expect(decodeIscsiPdu(b, { dataDigest: true }).data.length).toBe(0xff_ffff);
    expectCodecError(() => encodeIscsiPdu({ ...nop, data: new Uint8Array(0x100_0000) }), {
      code: 'ERR_FIELD_RANGE',
      field: 'dataSegmentLength',
    });
  });
});

describe('reserved and fixed bits', () => {
  test.prop([arbs.arbIscsiPdu({ withAhs: false, maxDataLength: 8 }), fc.nat(47), fc.integer({ min: 0, max: 7 })])(
    'a reserved bit set: lenient decodes the same value, strict names the byte and bit',
    (pdu, byte, bit) => {
      const b = encodeIscsiPdu(pdu);
      const res =
        pdu.kind === 'Unknown' ? Uint8Array.of(0x80) : (iscsiReservedBits((b[0] as number) & 0x3f) as Uint8Array);
      if (((res[byte] ?? 0) & (1 << bit)) === 0) return;
      b[byte] = (b[byte] as number) | (1 << bit);
      expect(decodeIscsiPdu(b)).toEqual(pdu);
      expectCodecError(() => decodeIscsiPdu(b, { strict: true }), { code: 'ERR_RESERVED_NONZERO', offset: byte });
    },
  );
  it('every layout leaves byte 0 bit 7 reserved and claims bytes 4-7', () => {
    for (const code of Object.values(ISCSI_OPCODE)) {
      const res = iscsiReservedBits(code) as Uint8Array;
      expect((res[0] as number) & 0x80).toBe(0x80);
      expect((res[0] as number) & 0x3f).toBe(0);
      expect([res[4], res[5], res[6], res[7]]).toEqual([0, 0, 0, 0]);
    }
  });
  it('F = 1 where fixed, ITT FFFFFFFFh in Reject and Asynchronous Message, I = 1 in Login Request', () => {
    const reject = encodeIscsiPdu({
      kind: 'Reject',
      reason: 4,
      statSn: 1,
      expCmdSn: 2,
      maxCmdSn: 3,
      dataSn: 0,
      data: new Uint8Array(48),
    });
    expect(reject[1]).toBe(0x80);
    expect(Array.from(reject.subarray(16, 20))).toEqual([0xff, 0xff, 0xff, 0xff]);
    reject[17] = 0;
    expect(decodeIscsiPdu(reject).issues?.[0]).toMatchObject({
      code: 'ERR_UNEXPECTED_VALUE',
      field: 'initiatorTaskTag',
      offset: 17,
    });
    expectCodecError(() => decodeIscsiPdu(reject, { strict: true }), { code: 'ERR_UNEXPECTED_VALUE', offset: 17 });
    reject[17] = 0xff;
    reject[1] = 0;
    expectCodecError(() => decodeIscsiPdu(reject, { strict: true }), { code: 'ERR_UNEXPECTED_VALUE', field: 'final' });
    const login = encodeIscsiPdu({
      kind: 'Login Request',
      transit: true,
      continue: false,
      csg: 1,
      nsg: 3,
      versionMax: 0,
      versionMin: 0,
      isid: 0x0002_3d00_0001,
      tsih: 0,
      initiatorTaskTag: 0,
      cid: 0,
      cmdSn: 0,
      expStatSn: 0,
    });
    expect(login[0]).toBe(0x43);
    expect(login[1]).toBe(0x87);
    expect(Array.from(login.subarray(8, 14))).toEqual([0x00, 0x02, 0x3d, 0x00, 0x00, 0x01]);
  });
  it('unassigned opcodes: Unknown leniently, ERR_UNSUPPORTED strictly; encoders refuse them as Unknown of a known opcode', () => {
    const b = new Uint8Array(48);
    b[0] = 0x07;
    expect(decodeIscsiPdu(b)).toMatchObject({ kind: 'Unknown', opcodeValue: 7 });
    expectCodecError(() => decodeIscsiPdu(b, { strict: true }), { code: 'ERR_UNSUPPORTED', field: 'opcode' });
    expect(iscsiPduName(7)).toBe('Unknown');
    const u = decodeIscsiPdu(b);
    expectCodecError(() => encodeIscsiPdu({ ...u, opcodeValue: 1 } as IscsiPdu), {
      code: 'ERR_FIELD_RANGE',
      field: 'opcodeValue',
    });
    expectCodecError(() => encodeIscsiPdu({ kind: 'Bogus' } as unknown as IscsiPdu), {
      code: 'ERR_FIELD_RANGE',
      field: 'kind',
    });
  });
});

describe('AHS', () => {
  it('extended CDB: AHSLength = CDB length - 15, padded; iscsiCommandCdb joins it back', () => {
    const cdb = Uint8Array.from({ length: 32 }, (_, i) => i + 1);
    const f = iscsiCommandCdbFields(cdb);
    const cmd: IscsiScsiCommand = {
      kind: 'SCSI Command',
      immediate: false,
      final: true,
      read: false,
      write: false,
      attr: 1,
      lun: lunFromNumber(1),
      initiatorTaskTag: 5,
      expectedDataTransferLength: 0,
      cmdSn: 1,
      expStatSn: 1,
      ...f,
      data: new Uint8Array(0),
    };
    const b = encodeIscsiPdu(cmd);
    expect(b[4]).toBe(5); // 20 bytes = 5 words
    expect(Array.from(b.subarray(48, 52))).toEqual([0x00, 0x11, 0x01, 0x00]);
    expect(b.subarray(52, 68)).toEqual(cdb.subarray(16));
    const b17 = encodeIscsiPdu({ ...cmd, ...iscsiCommandCdbFields(cdb.subarray(0, 17)) });
    expect(Array.from(b17.subarray(48, 56))).toEqual([0x00, 0x02, 0x01, 0x00, 17, 0, 0, 0]);
    expect(b17[4]).toBe(2);
    const d = decodeIscsiPdu(b, { strict: true }) as IscsiScsiCommand;
    expect(iscsiCommandCdb(d)).toEqual(cdb);
    expect(
      iscsiCommandCdb(
        decodeIscsiPdu(encodeIscsiPdu({ ...cmd, ...iscsiCommandCdbFields(cdb.subarray(0, 10)) })) as IscsiScsiCommand,
      ),
    ).toEqual(Uint8Array.of(...cdb.subarray(0, 10), 0, 0, 0, 0, 0, 0));
  });
  it('AHSType bits 7-6 are reserved: lenient keeps the raw type, strict refuses it', () => {
    const nop = {
      kind: 'NOP-Out',
      immediate: false,
      lun: 0n,
      initiatorTaskTag: 0,
      targetTransferTag: 0,
      cmdSn: 0,
      expStatSn: 0,
      ahs: [{ kind: 'Unknown', ahsType: 0x43, bytes: Uint8Array.of(9) }],
    } as const;
    const b = encodeIscsiPdu(nop);
    expect(decodeIscsiPdu(b).ahs).toEqual(nop.ahs);
    expectCodecError(() => decodeIscsiPdu(b, { strict: true }), {
      code: 'ERR_RESERVED_NONZERO',
      field: 'ahsType',
      offset: 50,
      bit: 6,
    });
  });
  it('bidirectional read data length AHS: AHSLength 5, type 2', () => {
    const b = encodeIscsiPdu({
      kind: 'NOP-Out',
      immediate: false,
      lun: 0n,
      initiatorTaskTag: 0,
      targetTransferTag: 0,
      cmdSn: 0,
      expStatSn: 0,
      ahs: [{ kind: 'Bidirectional Read Data Length', expectedReadDataLength: 0x01020304 }],
    });
    expect(Array.from(b.subarray(48, 56))).toEqual([0, 5, 2, 0, 1, 2, 3, 4]);
  });
  it('errors: AHS past TotalAHSLength, wrong length for a known type, over 1020 bytes', () => {
    const b = new Uint8Array(56);
    b[0] = 0x00;
    b[1] = 0x80;
    b[4] = 2;
    b[48 + 1] = 9; // AHSLength 9 needs 12 bytes, 8 present
    expectCodecError(() => decodeIscsiPdu(b), { code: 'ERR_LENGTH_MISMATCH', field: 'ahsLength', offset: 48 });
    b[49] = 4;
    b[50] = 2; // type 2 with AHSLength 4
    expectCodecError(() => decodeIscsiPdu(b), { code: 'ERR_LENGTH_MISMATCH', field: 'ahsLength' });
    expectCodecError(
      () =>
        encodeIscsiPdu({
          kind: 'NOP-In',
          lun: 0n,
          initiatorTaskTag: 0,
          targetTransferTag: 0,
          statSn: 0,
          expCmdSn: 0,
          maxCmdSn: 0,
          ahs: [{ kind: 'Extended CDB', extendedCdb: new Uint8Array(1017) }],
        }),
      { code: 'ERR_FIELD_RANGE', field: 'ahs' },
    );
  });
});

describe('BHS and framer', () => {
  it('decodeIscsiBhs reads the common fields', () => {
    const b = encodeIscsiPdu({
      kind: 'SCSI Data-In',
      final: true,
      acknowledge: false,
      residualOverflow: false,
      residualUnderflow: true,
      statusPresent: true,
      status: 0,
      lun: lunFromNumber(3),
      initiatorTaskTag: 0x11223344,
      targetTransferTag: 0xffff_ffff,
      statSn: 1,
      expCmdSn: 2,
      maxCmdSn: 3,
      dataSn: 0,
      bufferOffset: 0,
      residualCount: 512,
      data: new Uint8Array(10),
    });
    expect(decodeIscsiBhs(b)).toEqual({
      opcodeValue: 0x25,
      kind: 'SCSI Data-In',
      immediate: false,
      final: true,
      totalAhsLength: 0,
      dataSegmentLength: 10,
      lunOrOpcodeSpecific: 0x0003_0000_0000_0000n,
      initiatorTaskTag: 0x11223344,
    });
    expectCodecError(() => decodeIscsiBhs(b.subarray(0, 47)), { code: 'ERR_TRUNCATED', structure: 'IscsiBhs' });
  });
  it('iscsiPduLength: undefined below 48 bytes, the whole length from the BHS alone, limit before allocation', () => {
    const b = new Uint8Array(48);
    b[4] = 1;
    b[7] = 5;
    expect(iscsiPduLength(b.subarray(0, 47))).toBeUndefined();
    expect(iscsiPduLength(b)).toBe(48 + 4 + 8);
    expect(iscsiPduLength(b, { headerDigest: true, dataDigest: true })).toBe(48 + 4 + 4 + 8 + 4);
    b[5] = 0xff;
    b[6] = 0xff;
    b[7] = 0xff;
    expectCodecError(() => iscsiPduLength(b, { maxDataSegmentLength: 262144 }), {
      code: 'ERR_INVALID_VALUE',
      field: 'dataSegmentLength',
      offset: 5,
    });
    expectCodecError(() => decodeIscsiPdu(b, { maxDataSegmentLength: 8192 }), {
      code: 'ERR_INVALID_VALUE',
      field: 'dataSegmentLength',
    });
    expectCodecError(() => iscsiPduLength(null as unknown as Uint8Array), { code: 'ERR_UNEXPECTED_VALUE' });
  });
  test.prop([
    fc.array(arbs.arbIscsiPdu({ maxDataLength: 100 }), { minLength: 1, maxLength: 6 }),
    fc.array(fc.integer({ min: 1, max: 70 }), { minLength: 1, maxLength: 20 }),
    fc.boolean(),
    fc.boolean(),
  ])('a stream split anywhere frames back into the same PDUs', (pdus, chunkSizes, headerDigest, dataDigest) => {
    const opts = { headerDigest, dataDigest };
    const parts = pdus.map((p) => encodeIscsiPdu(p, opts));
    const stream = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      stream.set(p, at);
      at += p.length;
    }
    const out: IscsiPdu[] = [];
    let buf = new Uint8Array(0);
    let pos = 0;
    let k = 0;
    while (pos < stream.length || buf.length > 0) {
      const n = chunkSizes[k++ % chunkSizes.length] as number;
      const chunk = stream.subarray(pos, pos + n);
      pos += chunk.length;
      const next = new Uint8Array(buf.length + chunk.length);
      next.set(buf);
      next.set(chunk, buf.length);
      buf = next;
      for (;;) {
        const len = iscsiPduLength(buf, opts);
        if (len === undefined || buf.length < len) break;
        out.push(decodeIscsiPdu(buf.subarray(0, len), opts));
        buf = buf.slice(len);
      }
      if (pos >= stream.length && buf.length > 0 && chunk.length === 0) break;
    }
    expect(buf.length).toBe(0);
    expect(out).toEqual(pdus);
  });
  test.prop([fc.uint8Array({ maxLength: 200 }), fc.boolean(), fc.boolean()])(
    'fuzz: the framer returns undefined, a length >= 48 or throws ScsiCodecError',
    (bytes, headerDigest, dataDigest) => {
      expectOnlyCodecErrors(() => {
        const n = iscsiPduLength(bytes, { headerDigest, dataDigest, maxDataSegmentLength: 65536 });
        if (n !== undefined) expect(n).toBeGreaterThanOrEqual(48);
      });
    },
  );
});

describe('sense segment', () => {
  it('SenseLength, sense data, response data', () => {
    const sense = Uint8Array.of(0x70, 0, 5, 0, 0, 0, 0, 10);
    const seg = encodeIscsiSenseSegment(sense, Uint8Array.of(9));
    expect(Array.from(seg)).toEqual([0, 8, 0x70, 0, 5, 0, 0, 0, 0, 10, 9]);
    expect(decodeIscsiSenseSegment(seg)).toEqual({ senseData: sense, responseData: Uint8Array.of(9) });
    expect(decodeIscsiSenseSegment(new Uint8Array(0))).toEqual({
      senseData: new Uint8Array(0),
      responseData: new Uint8Array(0),
    });
    expectCodecError(() => decodeIscsiSenseSegment(Uint8Array.of(0, 9, 1)), { code: 'ERR_TRUNCATED' });
  });
});

describe('encoders given hostile shapes throw ScsiCodecError only', () => {
  test.prop([fc.anything()])('fuzz: any value as a PDU', (x) => {
    expectOnlyCodecErrors(() => encodeIscsiPdu(x as IscsiPdu));
  });
  test.prop([arbs.arbIscsiPdu({ maxDataLength: 8 }), fc.nat(), fc.anything()])(
    'fuzz: one field of a valid PDU replaced by anything',
    (pdu, which, value) => {
      const keys = Object.keys(pdu).filter((k) => k !== 'kind');
      const key = keys[which % keys.length] as string;
      expectOnlyCodecErrors(() => encodeIscsiPdu({ ...pdu, [key]: value } as IscsiPdu));
      expectOnlyCodecErrors(() => encodeIscsiPdu({ ...pdu, ahs: [value] } as IscsiPdu));
    },
  );
  test.prop([fc.anything()])('fuzz: any value as text pairs', (x) => {
    expectOnlyCodecErrors(() => encodeIscsiTextKeys(x as never));
    expectOnlyCodecErrors(() => encodeIscsiTextKeys([x] as never));
  });
});

describe('trace', () => {
  it('records every field once, at its absolute offset', () => {
    const b = encodeIscsiPdu({
      kind: 'R2T',
      lun: 0n,
      initiatorTaskTag: 1,
      targetTransferTag: 2,
      statSn: 3,
      expCmdSn: 4,
      maxCmdSn: 5,
      r2tSn: 6,
      bufferOffset: 7,
      desiredDataTransferLength: 8,
    });
    const big = new Uint8Array(b.length + 10);
    big.set(b, 10);
    const trace: TraceEntry[] = [];
    decodeIscsiPdu(big.subarray(10), { trace });
    const names = trace.map((t) => t.field);
    expect(new Set(names).size).toBe(names.length);
    expect(trace.find((t) => t.field === 'r2tSn')).toMatchObject({
      structure: 'IscsiR2t',
      offset: 36,
      length: 4,
      value: 6,
    });
    expect(trace.find((t) => t.field === 'opcode')).toMatchObject({ offset: 0, value: 0x31, bits: [5, 0] });
  });
});
