/**
 * What READ (10) and READ (16), and WRITE (10) and WRITE (16), share: the same fields (the two
 * sizes differ in offsets and in the width of LOGICAL BLOCK ADDRESS, which their layout tables
 * say), so one decoded shape and one field-naming body per pair.
 *
 * @see SBC-4 "READ (10) command", "READ (16) command", "WRITE (10) command", "WRITE (16) command"
 * @packageDocumentation
 */
import type { DecodeIssue } from '../errors.js';
import { type ByteReader, type DecodeOptions, issuesOf } from '../internal/byte-reader.js';
import type { FieldLayout, Layout } from '../internal/layout.js';
import { readBigint, readFlag, readNumber } from '../internal/layout-codec.js';
import { type CdbSpec, cdbSpec } from './common.js';

/**
 * A decoded READ (10) or READ (16) CDB.
 *
 * @remarks Since 0.2.0 (the shape of {@link Read10Cdb} and {@link Read16Cdb} since 0.1.0)
 */
export interface ReadCdbFields<K extends string, Lba extends number | bigint> {
  /** Discriminant used by {@link decodeCdb}. */
  readonly kind: K;
  /** RDPROTECT (byte 1 bits 7:5): protection information checking. */
  readonly rdprotect: number;
  /** DPO (byte 1 bit 4): disable page out. */
  readonly dpo: boolean;
  /** FUA (byte 1 bit 3): force unit access. */
  readonly fua: boolean;
  /** RARC (byte 1 bit 2): rebuild assist recovery control. */
  readonly rarc: boolean;
  /** LOGICAL BLOCK ADDRESS (READ (10): bytes 2-5, a number; READ (16): bytes 2-9, a bigint). */
  readonly logicalBlockAddress: Lba;
  /** TRANSFER LENGTH (READ (10): bytes 7-8; READ (16): bytes 10-13), in logical blocks; 0 transfers nothing. */
  readonly transferLength: number;
  /** GROUP NUMBER (bits 5:0 of byte 6 or 14; 6 bits as in SBC-4). */
  readonly groupNumber: number;
  /** CONTROL (the last byte). */
  readonly control: number;
  /** Lenient-mode findings (only present when there are some). */
  readonly issues?: readonly DecodeIssue[];
}

/**
 * A decoded WRITE (10) or WRITE (16) CDB.
 *
 * @remarks Since 0.2.0 (the shape of {@link Write10Cdb} and {@link Write16Cdb} since 0.1.0)
 */
export interface WriteCdbFields<K extends string, Lba extends number | bigint> {
  /** Discriminant used by {@link decodeCdb}. */
  readonly kind: K;
  /** WRPROTECT (byte 1 bits 7:5): protection information checking. */
  readonly wrprotect: number;
  /** DPO (byte 1 bit 4): disable page out. */
  readonly dpo: boolean;
  /** FUA (byte 1 bit 3): force unit access. */
  readonly fua: boolean;
  /** LOGICAL BLOCK ADDRESS (WRITE (10): bytes 2-5, a number; WRITE (16): bytes 2-9, a bigint). */
  readonly logicalBlockAddress: Lba;
  /** TRANSFER LENGTH (WRITE (10): bytes 7-8; WRITE (16): bytes 10-13), in logical blocks. */
  readonly transferLength: number;
  /** GROUP NUMBER (bits 5:0 of byte 6 or 14; 6 bits as in SBC-4). */
  readonly groupNumber: number;
  /** CONTROL (the last byte). */
  readonly control: number;
  /** Lenient-mode findings (only present when there are some). */
  readonly issues?: readonly DecodeIssue[];
}

/** The field names of a READ layout table. @internal */
export type ReadLayoutField =
  | 'control'
  | 'dpo'
  | 'fua'
  | 'groupNumber'
  | 'logicalBlockAddress'
  | 'operationCode'
  | 'rarc'
  | 'rdprotect'
  | 'reserved'
  | 'transferLength';

/** The field names of a WRITE layout table. @internal */
export type WriteLayoutField =
  | 'control'
  | 'dpo'
  | 'fua'
  | 'groupNumber'
  | 'logicalBlockAddress'
  | 'operationCode'
  | 'reserved'
  | 'transferLength'
  | 'wrprotect';

/** How LOGICAL BLOCK ADDRESS is read: `readBigint` (8 bytes, READ/WRITE (16)) or `readNumber` (4 bytes, (10)). */
type LbaReader<Lba extends number | bigint> = (r: ByteReader, f: FieldLayout) => Lba;

/** The LBA reader, checked once against the layout table's kind of LOGICAL BLOCK ADDRESS. */
function lbaReader<Lba extends number | bigint>(
  layout: Layout<ReadLayoutField> | Layout<WriteLayoutField>,
  read: LbaReader<Lba>,
): LbaReader<Lba> {
  const kind = layout.field.logicalBlockAddress.kind;
  if ((kind === 'bigint') !== (read === (readBigint as LbaReader<bigint>)) || (kind !== 'bigint' && kind !== 'uint')) {
    throw new Error(`${layout.structure}: LOGICAL BLOCK ADDRESS is a ${String(kind)} field; the reader does not match`);
  }
  return read;
}

/** The spec of READ (10) or READ (16) from its layout table. @internal */
export function readCdbSpec<K extends string, Lba extends number | bigint>(
  kind: K,
  layout: Layout<ReadLayoutField>,
  readLba: LbaReader<Lba>,
  decode: (bytes: Uint8Array, options?: DecodeOptions) => ReadCdbFields<K, Lba>,
): CdbSpec<ReadCdbFields<K, Lba>> {
  const F = layout.field;
  const lba = lbaReader(layout, readLba);
  return cdbSpec(
    kind,
    layout,
    (r) => ({
      kind,
      rdprotect: readNumber(r, F.rdprotect),
      dpo: readFlag(r, F.dpo),
      fua: readFlag(r, F.fua),
      rarc: readFlag(r, F.rarc),
      logicalBlockAddress: lba(r, F.logicalBlockAddress),
      transferLength: readNumber(r, F.transferLength),
      groupNumber: readNumber(r, F.groupNumber),
      control: readNumber(r, F.control),
      ...issuesOf(r),
    }),
    decode,
  );
}

/** The spec of WRITE (10) or WRITE (16) from its layout table. @internal */
export function writeCdbSpec<K extends string, Lba extends number | bigint>(
  kind: K,
  layout: Layout<WriteLayoutField>,
  readLba: LbaReader<Lba>,
  decode: (bytes: Uint8Array, options?: DecodeOptions) => WriteCdbFields<K, Lba>,
): CdbSpec<WriteCdbFields<K, Lba>> {
  const F = layout.field;
  const lba = lbaReader(layout, readLba);
  return cdbSpec(
    kind,
    layout,
    (r) => ({
      kind,
      wrprotect: readNumber(r, F.wrprotect),
      dpo: readFlag(r, F.dpo),
      fua: readFlag(r, F.fua),
      logicalBlockAddress: lba(r, F.logicalBlockAddress),
      transferLength: readNumber(r, F.transferLength),
      groupNumber: readNumber(r, F.groupNumber),
      control: readNumber(r, F.control),
      ...issuesOf(r),
    }),
    decode,
  );
}
