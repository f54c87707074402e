/**
 * Sense data descriptors (descriptor format sense data, bytes 8..n) as a codec table keyed by
 * DESCRIPTOR TYPE: one entry per type with its ADDITIONAL LENGTH (exact, or the minimum for a
 * variable-length type), its layout and its read/write functions. The generic functions at the end
 * check lengths, keep unknown and too-short descriptors raw and dispatch through the table.
 *
 * Offsets are relative to the descriptor's byte 0 (DESCRIPTOR TYPE), as in the SPC tables.
 *
 * @see SPC-5 sense data descriptors
 * @packageDocumentation
 */
import { type ByteReader, hex } from '../internal/byte-reader.js';
import { type ByteWriter, show } from '../internal/byte-writer.js';
import type { StructureLayout } from '../internal/layout.js';
import {
  checkReserved,
  readBigint,
  readFlag,
  readNumber,
  reservedFields,
  valueFields,
  writeField,
  writeFields,
} from '../internal/layout-codec.js';
import {
  bytesOf,
  type DescriptorCodec,
  fieldRange,
  layout,
  type Named,
  type NestedSenseCodec,
  S,
  unknown,
} from './descriptor-codec.js';
import {
  deviceDesignationCodec,
  forwardedSenseDataCodec,
  osdCodec,
  userDataSegmentReferralCodec,
} from './descriptors-variable.js';
import { readSenseKeySpecific, writeSenseKeySpecific } from './sense-key-specific.js';
import { SENSE_DESCRIPTOR_TYPE, type SenseDataDescriptor } from './types.js';

export type { NestedSenseCodec } from './descriptor-codec.js';

/** A fixed-size type read and written through its layout: reserved bits from the table, then `read`. */
function fixed<D extends Named>(
  kind: D['kind'],
  l: StructureLayout,
  read: (d: ByteReader, at: number, senseKey: number) => D,
  write?: (w: ByteWriter, d: D) => void,
): DescriptorCodec<D> {
  const reserved = reservedFields(l);
  const values = valueFields(l).filter((f) => f.offset >= 2);
  return {
    kind,
    additionalLength: l.length - 2,
    variable: false,
    layout: l,
    read: (d, at, _len, senseKey) => {
      checkReserved(d, reserved, at);
      return read(d, at, senseKey);
    },
    write: write ?? ((w, d) => writeFields(w, values, d)),
  };
}

// ---------------------------------------------------------------------------------------------
// Fixed-size descriptor types

const INFORMATION = layout('InformationSenseDescriptor', 0x0a, [
  { name: 'reserved', offset: 2, width: 1, kind: 'reserved', mask: 0x7f },
  { name: 'reserved', offset: 3, width: 1, kind: 'reserved' },
  { name: 'valid', offset: 2, width: 1, kind: 'bit', hi: 7, lo: 7 },
  { name: 'information', offset: 4, width: 8, kind: 'bigint' },
]);

const COMMAND_SPECIFIC_INFORMATION = layout('CommandSpecificInformationSenseDescriptor', 0x0a, [
  { name: 'reserved', offset: 2, width: 2, kind: 'reserved' },
  { name: 'commandSpecificInformation', offset: 4, width: 8, kind: 'bigint' },
]);

const SENSE_KEY_SPECIFIC = layout('SenseKeySpecificSenseDescriptor', 0x06, [
  { name: 'reserved', offset: 2, width: 2, kind: 'reserved' },
  { name: 'senseKeySpecific', offset: 4, width: 3, kind: 'bytes' },
  { name: 'reserved', offset: 7, width: 1, kind: 'reserved' },
]);

const FIELD_REPLACEABLE_UNIT = layout('FieldReplaceableUnitSenseDescriptor', 0x02, [
  { name: 'reserved', offset: 2, width: 1, kind: 'reserved' },
  { name: 'fieldReplaceableUnitCode', offset: 3, width: 1, kind: 'uint' },
]);

const STREAM_COMMANDS = layout('StreamCommandsSenseDescriptor', 0x02, [
  { name: 'reserved', offset: 2, width: 1, kind: 'reserved' },
  { name: 'reserved', offset: 3, width: 1, kind: 'reserved', mask: 0x1f },
  { name: 'filemark', offset: 3, width: 1, kind: 'bit', hi: 7, lo: 7 },
  { name: 'eom', offset: 3, width: 1, kind: 'bit', hi: 6, lo: 6 },
  { name: 'ili', offset: 3, width: 1, kind: 'bit', hi: 5, lo: 5 },
]);

const BLOCK_COMMANDS = layout('BlockCommandsSenseDescriptor', 0x02, [
  { name: 'reserved', offset: 2, width: 1, kind: 'reserved' },
  { name: 'reserved', offset: 3, width: 1, kind: 'reserved', mask: 0xdf },
  { name: 'ili', offset: 3, width: 1, kind: 'bit', hi: 5, lo: 5 },
]);

/** LBA: bits 47:24 in bytes 10, 8, 6 and bits 23:0 in bytes 11, 9, 7 (SAT's byte pairs). */
const ATA_STATUS_RETURN = layout('AtaStatusReturnSenseDescriptor', 0x0c, [
  { name: 'reserved', offset: 2, width: 1, kind: 'reserved', mask: 0xfe },
  { name: 'extend', offset: 2, width: 1, kind: 'bit', hi: 0, lo: 0 },
  { name: 'error', offset: 3, width: 1, kind: 'uint' },
  { name: 'count', offset: 4, width: 2, kind: 'uint' },
  { name: 'lba', offset: 6, width: 6, kind: 'bytes' },
  { name: 'device', offset: 12, width: 1, kind: 'uint' },
  { name: 'status', offset: 13, width: 1, kind: 'uint' },
]);

const ANOTHER_PROGRESS_INDICATION = layout('AnotherProgressIndicationSenseDescriptor', 0x06, [
  { name: 'reserved', offset: 2, width: 1, kind: 'reserved', mask: 0xf0 },
  { name: 'reserved', offset: 5, width: 1, kind: 'reserved' },
  { name: 'senseKey', offset: 2, width: 1, kind: 'bits', hi: 3, lo: 0 },
  { name: 'additionalSenseCode', offset: 3, width: 1, kind: 'uint' },
  { name: 'additionalSenseCodeQualifier', offset: 4, width: 1, kind: 'uint' },
  { name: 'progressIndication', offset: 6, width: 2, kind: 'uint' },
]);

const DIRECT_ACCESS_BLOCK_DEVICE = layout('DirectAccessBlockDeviceSenseDescriptor', 0x16, [
  { name: 'reserved', offset: 2, width: 1, kind: 'reserved', mask: 0x5f },
  { name: 'reserved', offset: 3, width: 1, kind: 'reserved' },
  { name: 'valid', offset: 2, width: 1, kind: 'bit', hi: 7, lo: 7 },
  { name: 'ili', offset: 2, width: 1, kind: 'bit', hi: 5, lo: 5 },
  { name: 'senseKeySpecific', offset: 4, width: 3, kind: 'bytes' },
  { name: 'fieldReplaceableUnitCode', offset: 7, width: 1, kind: 'uint' },
  { name: 'information', offset: 8, width: 8, kind: 'bigint' },
  { name: 'commandSpecificInformation', offset: 16, width: 8, kind: 'bigint' },
]);

const MICROCODE_ACTIVATION = layout('MicrocodeActivationSenseDescriptor', 0x06, [
  { name: 'reserved', offset: 2, width: 4, kind: 'reserved' },
  { name: 'microcodeActivationTime', offset: 6, width: 2, kind: 'uint' },
]);

const INFO = INFORMATION.field;
const CSI = COMMAND_SPECIFIC_INFORMATION.field;
const FRU = FIELD_REPLACEABLE_UNIT.field;
const SC = STREAM_COMMANDS.field;
const BC = BLOCK_COMMANDS.field;
const API = ANOTHER_PROGRESS_INDICATION.field;
const ATA = ATA_STATUS_RETURN.field;
const DABD = DIRECT_ACCESS_BLOCK_DEVICE.field;
const MA = MICROCODE_ACTIVATION.field;

const informationCodec = fixed(
  'information',
  INFORMATION,
  (d, at) => ({
    kind: 'information',
    valid: readFlag(d, INFO.valid, at),
    information: readBigint(d, INFO.information, at),
  }),
  (w, d) => {
    writeField(w, INFO.valid, d.valid);
    writeField(w, INFO.information, d.information);
  },
);

const commandSpecificInformationCodec = fixed(
  'commandSpecificInformation',
  COMMAND_SPECIFIC_INFORMATION,
  (d, at) => ({
    kind: 'commandSpecificInformation',
    commandSpecificInformation: readBigint(d, CSI.commandSpecificInformation, at),
  }),
  (w, d) => writeField(w, CSI.commandSpecificInformation, d.commandSpecificInformation),
);

/** Reserved bytes 2-3, SENSE KEY SPECIFIC, then reserved byte 7 (checked in that order). */
const senseKeySpecificCodec: DescriptorCodec<Extract<Named, { kind: 'senseKeySpecific' }>> = {
  kind: 'senseKeySpecific',
  additionalLength: SENSE_KEY_SPECIFIC.length - 2,
  variable: false,
  layout: SENSE_KEY_SPECIFIC,
  read: (d, at, _len, senseKey) => {
    const [before, after] = SKS_RESERVED;
    checkReserved(d, before, at);
    const senseKeySpecific = readSenseKeySpecific(d, at + SENSE_KEY_SPECIFIC.field.senseKeySpecific.offset, senseKey);
    checkReserved(d, after, at);
    return { kind: 'senseKeySpecific', senseKeySpecific };
  },
  write: (w, d) => writeSenseKeySpecific(w, SENSE_KEY_SPECIFIC.field.senseKeySpecific.offset, d.senseKeySpecific),
};
const SKS_RESERVED = [
  reservedFields(SENSE_KEY_SPECIFIC).filter((f) => f.offset < 4),
  reservedFields(SENSE_KEY_SPECIFIC).filter((f) => f.offset > 4),
] as const;

const fieldReplaceableUnitCodec = fixed(
  'fieldReplaceableUnit',
  FIELD_REPLACEABLE_UNIT,
  (d, at) => ({
    kind: 'fieldReplaceableUnit',
    fieldReplaceableUnitCode: readNumber(d, FRU.fieldReplaceableUnitCode, at),
  }),
  (w, d) => writeField(w, FRU.fieldReplaceableUnitCode, d.fieldReplaceableUnitCode),
);

const streamCommandsCodec = fixed('streamCommands', STREAM_COMMANDS, (d, at) => ({
  kind: 'streamCommands',
  filemark: readFlag(d, SC.filemark, at),
  eom: readFlag(d, SC.eom, at),
  ili: readFlag(d, SC.ili, at),
}));

const blockCommandsCodec = fixed(
  'blockCommands',
  BLOCK_COMMANDS,
  (d, at) => ({
    kind: 'blockCommands',
    ili: readFlag(d, BC.ili, at),
  }),
  (w, d) => writeField(w, BC.ili, d.ili),
);

const ataStatusReturnCodec = fixed(
  'ataStatusReturn',
  ATA_STATUS_RETURN,
  (d, at) => {
    const o = at + ATA.lba.offset;
    const hi = d.u8(o + 4, 'lba') * 0x10000 + d.u8(o + 2, 'lba') * 0x100 + d.u8(o, 'lba');
    const lo = d.u8(o + 5, 'lba') * 0x10000 + d.u8(o + 3, 'lba') * 0x100 + d.u8(o + 1, 'lba');
    return {
      kind: 'ataStatusReturn',
      extend: readFlag(d, ATA.extend, at),
      error: readNumber(d, ATA.error, at),
      count: readNumber(d, ATA.count, at),
      lba: hi * 0x1000000 + lo,
      device: readNumber(d, ATA.device, at),
      status: readNumber(d, ATA.status, at),
    };
  },
  (w, d) => {
    writeFields(w, [ATA.extend, ATA.error, ATA.count], d);
    const o = ATA.lba.offset;
    w.u48(o, d.lba, 'lba'); // range check only; rewritten below in the SAT byte order
    const hi = Math.floor(d.lba / 0x1000000);
    const lo = d.lba % 0x1000000;
    w.u8(o, hi & 0xff, 'lba');
    w.u8(o + 1, lo & 0xff, 'lba');
    w.u8(o + 2, (hi >>> 8) & 0xff, 'lba');
    w.u8(o + 3, (lo >>> 8) & 0xff, 'lba');
    w.u8(o + 4, hi >>> 16, 'lba');
    w.u8(o + 5, lo >>> 16, 'lba');
    writeFields(w, [ATA.device, ATA.status], d);
  },
);

const anotherProgressIndicationCodec = fixed('anotherProgressIndication', ANOTHER_PROGRESS_INDICATION, (d, at) => ({
  kind: 'anotherProgressIndication',
  senseKey: readNumber(d, API.senseKey, at),
  additionalSenseCode: readNumber(d, API.additionalSenseCode, at),
  additionalSenseCodeQualifier: readNumber(d, API.additionalSenseCodeQualifier, at),
  progressIndication: readNumber(d, API.progressIndication, at),
}));

const directAccessBlockDeviceCodec = fixed(
  'directAccessBlockDevice',
  DIRECT_ACCESS_BLOCK_DEVICE,
  (d, at, senseKey) => ({
    kind: 'directAccessBlockDevice',
    valid: readFlag(d, DABD.valid, at),
    ili: readFlag(d, DABD.ili, at),
    senseKeySpecific: readSenseKeySpecific(d, at + DABD.senseKeySpecific.offset, senseKey),
    fieldReplaceableUnitCode: readNumber(d, DABD.fieldReplaceableUnitCode, at),
    information: readBigint(d, DABD.information, at),
    commandSpecificInformation: readBigint(d, DABD.commandSpecificInformation, at),
  }),
  (w, d) => {
    writeFields(w, [DABD.valid, DABD.ili], d);
    writeSenseKeySpecific(w, DABD.senseKeySpecific.offset, d.senseKeySpecific);
    writeFields(w, [DABD.fieldReplaceableUnitCode, DABD.information, DABD.commandSpecificInformation], d);
  },
);

const microcodeActivationCodec = fixed(
  'microcodeActivation',
  MICROCODE_ACTIVATION,
  (d, at) => ({
    kind: 'microcodeActivation',
    microcodeActivationTime: readNumber(d, MA.microcodeActivationTime, at),
  }),
  (w, d) => writeField(w, MA.microcodeActivationTime, d.microcodeActivationTime),
);

// ---------------------------------------------------------------------------------------------
// The table

/** The codec of every named type, by DESCRIPTOR TYPE (index = type code; 00h-0Fh). */
// biome-ignore lint/suspicious/noExplicitAny: heterogeneous codec table keyed by descriptor type
const BY_CODE: readonly (DescriptorCodec<any> | undefined)[] = (() => {
  // biome-ignore lint/suspicious/noExplicitAny: see above
  const codecs: DescriptorCodec<any>[] = [
    informationCodec,
    commandSpecificInformationCodec,
    senseKeySpecificCodec,
    fieldReplaceableUnitCodec,
    streamCommandsCodec,
    blockCommandsCodec,
    osdCodec('osdObjectIdentification'),
    osdCodec('osdResponseIntegrityCheckValue'),
    osdCodec('osdAttributeIdentification'),
    ataStatusReturnCodec,
    anotherProgressIndicationCodec,
    userDataSegmentReferralCodec,
    forwardedSenseDataCodec,
    directAccessBlockDeviceCodec,
    deviceDesignationCodec,
    microcodeActivationCodec,
  ];
  // biome-ignore lint/suspicious/noExplicitAny: see above
  const table: (DescriptorCodec<any> | undefined)[] = [];
  for (const c of codecs) {
    const code = SENSE_DESCRIPTOR_TYPE[c.kind as Named['kind']];
    if (table[code] !== undefined) throw new Error(`sense descriptor table: type ${hex(code, 2)} twice`);
    table[code] = c;
  }
  return table;
})();

/** The same codecs by `kind` (a `Map`: no prototype keys, and fast for string keys). */
// biome-ignore lint/suspicious/noExplicitAny: see BY_CODE
const BY_KIND: ReadonlyMap<unknown, DescriptorCodec<any>> = new Map(
  BY_CODE.filter((c) => c !== undefined).map((c) => [c.kind, c]),
);

/**
 * The layouts of the descriptor types that have one (fixed-size types whole; variable types their
 * fixed part), by `kind`: offsets relative to the descriptor's byte 0.
 *
 * @internal
 */
export const SENSE_DESCRIPTOR_LAYOUTS: Readonly<Partial<Record<Named['kind'], StructureLayout>>> = Object.fromEntries(
  BY_CODE.filter((c) => c?.layout !== undefined).map((c) => [c?.kind, c?.layout]),
);

// ---------------------------------------------------------------------------------------------
// Generic descriptor functions

/**
 * Read the descriptor at `pos` of sense data reader `r` (2 + `len` bytes, known to fit). A known
 * type whose ADDITIONAL LENGTH is too short for it is kept raw (tolerated); a fixed-size type with
 * a longer one is decoded (tolerated). Errors, issues and trace entries name `SenseDataDescriptor`
 * with offsets from the descriptor's byte 0.
 *
 * @internal
 */
export function readSenseDescriptor(
  r: ByteReader,
  pos: number,
  type: number,
  len: number,
  senseKey: number,
  nested: NestedSenseCodec,
): SenseDataDescriptor {
  const c = BY_CODE[type];
  // A fixed-size type of the right length read lenient and untraced can neither fail, record an
  // issue nor trace: it is read in place, without a reader of its own.
  if (c !== undefined && !c.variable && len === c.additionalLength && !r.strict && r.trace === undefined) {
    return c.read(r, pos, len, senseKey, nested);
  }
  return readInOwnReader(r.sub(pos, 2 + len, S), c, type, len, senseKey, nested);
}

/** {@link readSenseDescriptor} with a reader `d` spanning exactly the descriptor. */
function readInOwnReader(
  d: ByteReader,
  // biome-ignore lint/suspicious/noExplicitAny: see BY_CODE
  c: DescriptorCodec<any> | undefined,
  type: number,
  len: number,
  senseKey: number,
  nested: NestedSenseCodec,
): SenseDataDescriptor {
  if (c === undefined) return unknown(d, type);
  const want = c.additionalLength;
  if (c.variable) {
    if (len < want) {
      d.tolerate(
        'ERR_LENGTH_MISMATCH',
        'additionalLength',
        1,
        `descriptor ${hex(type, 2)} needs at least ${want}; kept raw`,
      );
      return unknown(d, type);
    }
  } else if (len !== want) {
    d.tolerate(
      'ERR_LENGTH_MISMATCH',
      'additionalLength',
      1,
      `descriptor ${hex(type, 2)} must have ADDITIONAL LENGTH ${hex(want, 2)}, got ${hex(len, 2)}${len < want ? '; kept raw' : ''}`,
    );
    if (len < want) return unknown(d, type);
  }
  return c.read(d, 0, len, senseKey, nested);
}

// biome-ignore lint/suspicious/noExplicitAny: see BY_CODE
function codecOf(d: SenseDataDescriptor, offset: number): DescriptorCodec<any> {
  const c = BY_KIND.get((d as { kind?: unknown }).kind);
  if (c === undefined) {
    throw fieldRange(S, 'kind', offset, `unknown descriptor kind ${show((d as { kind: unknown }).kind)}`);
  }
  return c;
}

/**
 * ADDITIONAL LENGTH of a descriptor (the bytes after its 2-byte header), shapes checked;
 * `offset` = the descriptor's absolute offset, for errors.
 *
 * @internal
 */
export function senseDescriptorDataLength(d: SenseDataDescriptor, offset: number, nested: NestedSenseCodec): number {
  if (d.kind === 'unknown') return bytesOf(d.bytes, S, 'data', offset + 2).length;
  const c = codecOf(d, offset);
  return c.dataLength === undefined ? c.additionalLength : c.dataLength(d, offset, nested);
}

/**
 * Write one descriptor: `w` spans exactly it (2 + `n` bytes, `n` from
 * {@link senseDescriptorDataLength}).
 *
 * @internal
 */
export function writeSenseDescriptor(w: ByteWriter, d: SenseDataDescriptor, n: number, nested: NestedSenseCodec): void {
  if (d.kind === 'unknown') {
    w.u8(0, d.descriptorType, 'descriptorType');
    w.u8(1, n, 'additionalLength');
    w.bytes(2, d.bytes, 'data');
    return;
  }
  const c = codecOf(d, w.start);
  w.u8(0, SENSE_DESCRIPTOR_TYPE[c.kind as Named['kind']], 'descriptorType');
  w.u8(1, n, 'additionalLength');
  c.write(w, d, n, nested);
}
