/**
 * Third-party Copy VPD page (8Fh): the page a copy manager uses to advertise its ODX / EXTENDED
 * COPY limits, and every third-party copy descriptor defined for it.
 *
 * Offsets in the descriptor code below are relative to the descriptor's byte 0 (its TYPE field),
 * exactly like the T10 descriptor tables.
 *
 * @packageDocumentation
 */
import { VPD_PAGE_CODE } from '../constants/vpd.js';
import type { DecodeIssue } from '../errors.js';
import { ByteReader, type DecodeOptions, hex } from '../internal/byte-reader.js';
import { ByteWriter, checkRange } from '../internal/byte-writer.js';
import { asUint8Array, inputFault, objectList } from '../internal/contract.js';
import type { DescriptorCodec, TpcDecodeContext } from './third-party-copy-codec.js';
import {
  codecOfDescriptor,
  encodedThirdPartyCopyDescriptorLength,
  knownDescriptorLength,
  readThirdPartyCopyDescriptor,
  writeThirdPartyCopyDescriptor,
} from './third-party-copy-descriptors.js';
import { readPageFast } from './third-party-copy-fast-decode.js';
import { encodePageFast } from './third-party-copy-fast-encode.js';
import type { ThirdPartyCopyDescriptor, ThirdPartyCopyVpdPage } from './third-party-copy-types.js';
import { readVpdHeader, VPD_MAX_PAGE_LENGTH, VPD_PAGE_HEADER_LENGTH, writeVpdHeader } from './vpd-page-header.js';

export type { TpcDecodeContext } from './third-party-copy-codec.js';
export {
  encodedThirdPartyCopyDescriptorLength,
  readThirdPartyCopyDescriptor,
  sortThirdPartyCopyDescriptors,
  thirdPartyCopyDescriptorType,
  writeThirdPartyCopyDescriptor,
} from './third-party-copy-descriptors.js';
export type {
  BlockDeviceRodLimitsDescriptor,
  BlockRodFeaturesDescriptor,
  CommandSupportDescriptor,
  CopyGroupIdentifierDescriptor,
  CopyManagerRodFeaturesDescriptor,
  GeneralCopyOperationsDescriptor,
  HeldDataDescriptor,
  ParameterDataDescriptor,
  RodDeviceTypeSpecificFeaturesDescriptor,
  RodTokenFeaturesDescriptor,
  RodTypeDescriptor,
  StreamCopyOperationsDescriptor,
  StreamRodFeaturesDescriptor,
  SupportedCommandsDescriptor,
  SupportedCscdIdsDescriptor,
  SupportedDescriptorsDescriptor,
  SupportedRodTokenAndRodTypesDescriptor,
  ThirdPartyCopyDescriptor,
  ThirdPartyCopyVpdPage,
  UnknownRodFeaturesDescriptor,
  UnknownThirdPartyCopyDescriptor,
} from './third-party-copy-types.js';

const STRUCTURE = 'ThirdPartyCopyVpdPage';

// ---------------------------------------------------------------------------------------------
// Page encode/decode

/**
 * Encoded length of the whole page (header included).
 *
 * @remarks Since 0.1.0
 */
export function encodedThirdPartyCopyVpdPageLength(page: ThirdPartyCopyVpdPage): number {
  try {
    return objectList(STRUCTURE, 'descriptors', 4, page.descriptors, VPD_MAX_PAGE_LENGTH).reduce(
      (n, d) => n + encodedThirdPartyCopyDescriptorLength(d),
      VPD_PAGE_HEADER_LENGTH,
    );
  } catch (e) {
    throw inputFault(e, 'encodedThirdPartyCopyVpdPageLength', [page], 'ERR_FIELD_RANGE');
  }
}

/**
 * Encode a Third-party Copy VPD page (8Fh): computes PAGE LENGTH, every DESCRIPTOR LENGTH and
 * list length, and zero-pads every descriptor to a multiple of 4. Descriptors are written in
 * the order given (use {@link sortThirdPartyCopyDescriptors} to get SPC's ascending order).
 *
 * @example
 * ```ts
 * const bytes = encodeThirdPartyCopyVpdPage({
 *   kind: 'thirdPartyCopy', peripheralQualifier: 0, peripheralDeviceType: 0,
 *   descriptors: [{ kind: 'blockDeviceRodLimits', vendorSpecific: new Uint8Array(6),
 *     maximumRangeDescriptors: 8, maximumInactivityTimeout: 60, defaultInactivityTimeout: 30,
 *     maximumTokenTransferSize: 0x800000n, optimalTransferCount: 0x800n }],
 * });
 * ```
 * @see SPC-5, "Third-party Copy VPD page" table
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` if a value or a computed length does not fit its field.
 * @remarks Since 0.1.0
 */
export function encodeThirdPartyCopyVpdPage(page: ThirdPartyCopyVpdPage): Uint8Array<ArrayBuffer> {
  try {
    // The lean path writes plain pages; anything it declines is written (or rejected, with the
    // exact field and offset) the writer-based way.
    return encodePageFast(page) ?? writePage(page);
  } catch (e) {
    throw inputFault(e, 'ThirdPartyCopyVpdPage', [page], 'ERR_FIELD_RANGE');
  }
}

/**
 * The writer-based encode of {@link encodeThirdPartyCopyVpdPage} (a writer per descriptor; errors
 * name their field and offset), which the lean path (third-party-copy-fast-encode.ts) must agree with.
 *
 * @internal
 */
export function writePage(page: ThirdPartyCopyVpdPage): Uint8Array<ArrayBuffer> {
  // Each descriptor's codec and length are looked up and computed once.
  const descriptors = objectList(STRUCTURE, 'descriptors', 4, page.descriptors, VPD_MAX_PAGE_LENGTH);
  const lengths: number[] = [];
  // biome-ignore lint/suspicious/noExplicitAny: see CODEC_BY_TYPE
  const codecs: (DescriptorCodec<any> | undefined)[] = [];
  let total = VPD_PAGE_HEADER_LENGTH;
  for (const d of descriptors) {
    const c = codecOfDescriptor(d);
    const n = c === undefined ? encodedThirdPartyCopyDescriptorLength(d) : knownDescriptorLength(c, d);
    codecs.push(c);
    lengths.push(n);
    total += n;
  }
  checkRange(STRUCTURE, 'pageLength', 2, total - VPD_PAGE_HEADER_LENGTH, VPD_MAX_PAGE_LENGTH);
  const w = new ByteWriter(total, STRUCTURE);
  writeVpdHeader(w, page, VPD_PAGE_CODE.THIRD_PARTY_COPY, total - VPD_PAGE_HEADER_LENGTH);
  let off = VPD_PAGE_HEADER_LENGTH;
  for (let i = 0; i < lengths.length; i++) {
    const n = lengths[i] as number;
    writeThirdPartyCopyDescriptor(w, off, descriptors[i] as ThirdPartyCopyDescriptor, n, codecs[i]);
    off += n;
  }
  return w.finish();
}

/** Decode result with the absolute offset of every descriptor (for validation paths). @internal */
export interface ThirdPartyCopyDecodeResult {
  readonly page: ThirdPartyCopyVpdPage;
  /** Absolute offset of descriptor i. */
  readonly offsets: readonly number[];
  /** Absolute end offset of descriptor i. */
  readonly ends: readonly number[];
}

/**
 * Decode the page, and the absolute offset and end of every descriptor (for the validator, which
 * also passes `lint`).
 *
 * @internal
 */
export function decodeThirdPartyCopyVpdPageDetailed(
  bytes: Uint8Array,
  options: DecodeOptions | undefined,
  lint: boolean,
): ThirdPartyCopyDecodeResult {
  const offsets: number[] = [];
  const ends: number[] = [];
  return { page: readPage(bytes, options, lint, offsets, ends), offsets, ends };
}

/** Decode the page; when `offsets`/`ends` are given, push each descriptor's absolute offset/end. */
function readPage(
  bytes: Uint8Array,
  options: DecodeOptions | undefined,
  lint: boolean,
  offsets?: number[],
  ends?: number[],
): ThirdPartyCopyVpdPage {
  const ctx: TpcDecodeContext = { lint, used: 0 };
  const root = new ByteReader(bytes, STRUCTURE, options);
  const { header, page: r } = readVpdHeader(root, VPD_PAGE_CODE.THIRD_PARTY_COPY);
  const descriptors: ThirdPartyCopyDescriptor[] = [];
  // The descriptor headers are traced under the name every descriptor shares (their own reader
  // only when tracing: reading them can fail nowhere else).
  const headers = r.trace === undefined ? r : r.sub(0, r.length, 'ThirdPartyCopyDescriptor');
  let off = VPD_PAGE_HEADER_LENGTH;
  let previousType = -1;
  while (off < r.length) {
    if (off + 4 > r.length) {
      r.tolerate(
        'ERR_TRUNCATED',
        'descriptors',
        off,
        `${r.length - off} byte(s) left: too few for a descriptor header`,
      );
      break;
    }
    // no field names here: readThirdPartyCopyDescriptor records these two in the trace
    const type = r.u16(off);
    let len = 4 + r.u16(off + 2);
    if (off + len > r.length) {
      r.tolerate(
        'ERR_TRUNCATED',
        'descriptorLength',
        off + 2,
        `descriptor ${hex(type, 4)} needs ${len} bytes, ${r.length - off} left in the page (clamped)`,
      );
      len = r.length - off;
    }
    if (type <= previousType) {
      r.tolerate(
        'ERR_INVALID_VALUE',
        'descriptorType',
        off,
        `descriptor types must be ascending and unique (${hex(type, 4)} after ${hex(previousType, 4)})`,
      );
    }
    previousType = Math.max(previousType, type);
    if (offsets !== undefined && ends !== undefined) {
      offsets.push(r.abs(off));
      ends.push(r.abs(off + len));
    }
    descriptors.push(readThirdPartyCopyDescriptor(r, off, len, ctx, headers));
    off += len;
  }
  // One literal (cheaper than an object spread), `issues` only when there are some.
  return root.issues.length === 0
    ? {
        kind: 'thirdPartyCopy',
        peripheralQualifier: header.peripheralQualifier,
        peripheralDeviceType: header.peripheralDeviceType,
        descriptors,
      }
    : {
        kind: 'thirdPartyCopy',
        peripheralQualifier: header.peripheralQualifier,
        peripheralDeviceType: header.peripheralDeviceType,
        descriptors,
        issues: root.issues,
      };
}

/**
 * Decode a Third-party Copy VPD page (8Fh).
 *
 * Lenient (default): a PAGE LENGTH longer than the bytes present is clamped, descriptors and
 * lists that run past their container are clamped, known descriptors too short to decode are
 * kept raw, and each such discrepancy is reported in `issues`. Strict: those, descriptors out
 * of ascending order, wrong lengths or pad, non-ascending ROD types, TOKEN_OUT set for the zero
 * ROD type, PREFERENCE INDICATORs not summing to 0 or FFFFh and non-zero reserved bits throw.
 * Unknown descriptor types are kept byte-exact in both modes.
 *
 * @see SPC-5, "Third-party Copy VPD page" table
 * @throws {ScsiCodecError} `ERR_TRUNCATED` (header), `ERR_UNEXPECTED_VALUE` (PAGE CODE not 8Fh);
 *   strict: `ERR_LENGTH_MISMATCH`, `ERR_INVALID_VALUE`, `ERR_RESERVED_NONZERO`, `ERR_TRUNCATED`.
 * @remarks Since 0.1.0
 */
export function decodeThirdPartyCopyVpdPage(bytes: Uint8Array, options?: DecodeOptions): ThirdPartyCopyVpdPage {
  try {
    // A clean page read lenient and untraced takes the lean path; anything else, or a page it
    // declines, the reader-based one (which makes every issue and error).
    if (options?.strict !== true && options?.trace === undefined) {
      const a = asUint8Array(bytes);
      const page = a === undefined ? undefined : readPageFast(a);
      if (page !== undefined) return page;
    }
    return readPage(bytes, options, false);
  } catch (e) {
    throw inputFault(e, 'ThirdPartyCopyVpdPage', [bytes, options], 'ERR_UNEXPECTED_VALUE');
  }
}

/**
 * Encode one third-party copy descriptor on its own (header, computed lengths and zero pad).
 *
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` if a value or a computed length does not fit its field.
 * @remarks Since 0.1.0
 */
export function encodeThirdPartyCopyDescriptor(d: ThirdPartyCopyDescriptor): Uint8Array<ArrayBuffer> {
  try {
    const w = new ByteWriter(encodedThirdPartyCopyDescriptorLength(d), 'ThirdPartyCopyDescriptor');
    writeThirdPartyCopyDescriptor(w, 0, d);
    return w.finish();
  } catch (e) {
    throw inputFault(e, 'ThirdPartyCopyDescriptor', [d], 'ERR_FIELD_RANGE');
  }
}

/**
 * Decode one third-party copy descriptor on its own (bytes after 4 + DESCRIPTOR LENGTH are
 * ignored; a DESCRIPTOR LENGTH longer than the bytes present is clamped, or throws in strict mode).
 *
 * @throws {ScsiCodecError} `ERR_TRUNCATED` if fewer than 4 bytes; strict: as {@link decodeThirdPartyCopyVpdPage}.
 * @remarks Since 0.1.0
 */
export function decodeThirdPartyCopyDescriptor(
  bytes: Uint8Array,
  options?: DecodeOptions,
): ThirdPartyCopyDescriptor & { readonly issues?: readonly DecodeIssue[] } {
  try {
    const r = new ByteReader(bytes, 'ThirdPartyCopyDescriptor', options);
    r.need(4, 'descriptorLength');
    let len = 4 + r.u16(2, 'descriptorLength');
    if (len > r.length) {
      r.tolerate('ERR_TRUNCATED', 'descriptorLength', 2, `descriptor needs ${len} bytes, have ${r.length} (clamped)`);
      len = r.length;
    }
    const d = readThirdPartyCopyDescriptor(r, 0, len, { lint: false, used: 0 });
    return r.issues.length === 0 ? d : { ...d, issues: r.issues };
  } catch (e) {
    throw inputFault(e, 'ThirdPartyCopyDescriptor', [bytes, options], 'ERR_UNEXPECTED_VALUE');
  }
}
