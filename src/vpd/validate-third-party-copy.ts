/**
 * Lint a Third-party Copy VPD page (8Fh): every structural and semantic problem at once.
 *
 * @packageDocumentation
 */
import { isScsiCodecError, type ScsiCodecErrorCode } from '../errors.js';
import { hex } from '../internal/byte-reader.js';
import { arrayField, inputFault, isUint8Array } from '../internal/contract.js';
import {
  decodeThirdPartyCopyVpdPageDetailed,
  encodedThirdPartyCopyDescriptorLength,
  encodeThirdPartyCopyDescriptor,
  encodeThirdPartyCopyVpdPage,
  type ThirdPartyCopyDescriptor,
  type ThirdPartyCopyVpdPage,
} from './third-party-copy.js';
import {
  BLOCK_DEVICE_ROD_LIMITS,
  GENERAL_COPY_OPERATIONS,
  ROD_TOKEN_FEATURES,
  ROD_TYPE_DESCRIPTOR,
  SUPPORTED_COMMANDS,
  SUPPORTED_CSCD_IDS,
  SUPPORTED_DESCRIPTORS,
  SUPPORTED_ROD_TOKEN_AND_ROD_TYPES,
} from './third-party-copy-layouts.js';
import { ROD_FEATURES_LENGTH } from './third-party-copy-rod.js';
import { VPD_MAX_PAGE_LENGTH, VPD_PAGE_HEADER_LENGTH } from './vpd-page-header.js';

/**
 * One problem found by {@link validateThirdPartyCopyVpdPage} (zod-like issue).
 *
 * @remarks Since 0.1.0
 */
export interface VpdValidationIssue {
  /** Stable code (the one strict decoding would throw, or `ERR_INVALID_VALUE` for semantic rules). */
  readonly code: ScsiCodecErrorCode;
  /** Where in the page object, e.g. `descriptors[2].maximumRangeDescriptors`. */
  readonly path: string;
  /** Absolute byte offset in the page. */
  readonly offset: number;
  /** What is wrong, in words. */
  readonly message: string;
}

/**
 * Options of {@link validateThirdPartyCopyVpdPage}.
 *
 * @remarks Since 0.1.0
 */
export interface ValidateThirdPartyCopyVpdPageOptions {
  /**
   * Logical block length in bytes (READ CAPACITY). When given, MAXIMUM TOKEN TRANSFER SIZE is
   * checked against MAXIMUM BYTES IN BLOCK ROD / block length when both are reported.
   */
  readonly blockLength?: number | undefined;
  /**
   * Report a missing Block Device ROD Limits descriptor (0000h): Windows will not use ODX
   * without it. Default `true`; set `false` for copy managers that are not block devices.
   */
  readonly requireBlockDeviceRodLimits?: boolean | undefined;
}

/** Field offsets used by the semantic rules (descriptor-relative), from the descriptor layouts. */
const OFF = {
  maximumInactivityTimeout: BLOCK_DEVICE_ROD_LIMITS.field.maximumInactivityTimeout.offset,
  defaultInactivityTimeout: BLOCK_DEVICE_ROD_LIMITS.field.defaultInactivityTimeout.offset,
  maximumTokenTransferSize: BLOCK_DEVICE_ROD_LIMITS.field.maximumTokenTransferSize.offset,
  commands: SUPPORTED_COMMANDS.length,
  descriptorTypeCodes: SUPPORTED_DESCRIPTORS.length,
  cscdIds: SUPPORTED_CSCD_IDS.length,
  minimumTokenLifetime: ROD_TOKEN_FEATURES.field.minimumTokenLifetime.offset,
  remoteTokens: ROD_TOKEN_FEATURES.field.remoteTokens.offset,
  rodDeviceTypeSpecificDescriptors: ROD_TOKEN_FEATURES.length,
  rodTypes: SUPPORTED_ROD_TOKEN_AND_ROD_TYPES.length,
  rodTypeDescriptorLength: ROD_TYPE_DESCRIPTOR.length,
  maximumIdentifiedConcurrentCopies: GENERAL_COPY_OPERATIONS.field.maximumIdentifiedConcurrentCopies.offset,
} as const;

/**
 * Validate a Third-party Copy VPD page, given as the bytes a device returned or as a page object,
 * and return ALL problems (an empty array when there are none) instead of stopping at the first.
 *
 * Structural checks (what strict decoding rejects): PAGE LENGTH vs bytes present, descriptor
 * order and uniqueness, DESCRIPTOR LENGTHs, pad (multiple of 4, zero), list lengths against
 * their descriptors, reserved fields, ROD type descriptors ascending, TOKEN_OUT = 0 for the zero
 * ROD type FFFF0001h, PREFERENCE INDICATORs summing to 0 or FFFFh.
 *
 * Semantic checks: Block Device ROD Limits present (Windows requires it); Supported Commands and
 * General Copy Operations present (mandatory); Supported Commands lists 83h and 84h, opcodes
 * and service actions ascending, with POPULATE TOKEN (83h/10h), WRITE USING TOKEN (83h/11h)
 * and RRTI (84h/07h) when the Block Device ROD Limits descriptor is present; Parameter Data,
 * Supported Descriptors and Supported CSCD IDs present when EXTENDED COPY (83h/00h or 01h) is
 * listed; DEFAULT INACTIVITY TIMEOUT ≤ MAXIMUM INACTIVITY TIMEOUT; MAXIMUM TOKEN TRANSFER SIZE =
 * MAXIMUM BYTES IN BLOCK ROD / block length (with `options.blockLength`); descriptor type codes
 * and CSCD IDs ascending, CSCD IDs above 07FFh; MINIMUM ≤ MAXIMUM TOKEN LIFETIME; REMOTE TOKENS
 * one of 0h, 4h, 6h; MAXIMUM IDENTIFIED CONCURRENT COPIES ≤ TOTAL CONCURRENT COPIES; 0106h and
 * 0108h present together.
 *
 * Never throws for bad input: a page that cannot even be decoded (short header, wrong PAGE
 * CODE) or encoded (a value out of range) yields one issue per failure.
 *
 * @example
 * ```ts
 * for (const i of validateThirdPartyCopyVpdPage(bytesFromDevice, { blockLength: 512 }))
 *   console.log(`${i.path} @ ${i.offset}: ${i.message}`);
 * ```
 * @see SPC-5, "Third-party Copy VPD page"; SBC-4, "Block Device ROD Limits descriptor"
 * @remarks Since 0.1.0
 */
export function validateThirdPartyCopyVpdPage(
  input: Uint8Array | ThirdPartyCopyVpdPage,
  options?: ValidateThirdPartyCopyVpdPageOptions,
): VpdValidationIssue[] {
  try {
    let bytes: Uint8Array;
    if (isUint8Array(input)) {
      bytes = input;
    } else {
      const encodeIssues = encodeProblems(input);
      if (encodeIssues.length > 0) return encodeIssues;
      bytes = encodeThirdPartyCopyVpdPage(input);
    }
    let decoded: ReturnType<typeof decodeThirdPartyCopyVpdPageDetailed>;
    try {
      decoded = decodeThirdPartyCopyVpdPageDetailed(bytes, undefined, true);
    } catch (e) {
      if (!isScsiCodecError(e)) throw e;
      return [{ code: e.code, path: e.field ?? '', offset: e.offset, message: e.detail }];
    }
    const { page, offsets, ends } = decoded;
    const issues: VpdValidationIssue[] = [];
    for (const i of page.issues ?? []) {
      issues.push({
        code: i.code,
        path: pathOf(page, offsets, ends, i.offset, i.field),
        offset: i.offset,
        message: i.message,
      });
    }
    semantic(page, offsets, options ?? {}, issues);
    return issues.sort((a, b) => a.offset - b.offset);
  } catch (e) {
    throw inputFault(e, 'validateThirdPartyCopyVpdPage', [input, options], 'ERR_FIELD_RANGE');
  }
}

/** Encode each descriptor on its own to locate range errors in a page object. */
function encodeProblems(page: ThirdPartyCopyVpdPage): VpdValidationIssue[] {
  const out: VpdValidationIssue[] = [];
  let off = VPD_PAGE_HEADER_LENGTH;
  arrayField('ThirdPartyCopyVpdPage', 'descriptors', 4, page.descriptors, VPD_MAX_PAGE_LENGTH).forEach((d, i) => {
    try {
      encodeThirdPartyCopyDescriptor(d);
    } catch (e) {
      if (!isScsiCodecError(e)) throw e;
      out.push({ code: e.code, path: `descriptors[${i}].${e.field ?? ''}`, offset: off + e.offset, message: e.detail });
    }
    off += encodedThirdPartyCopyDescriptorLength(d);
  });
  if (out.length === 0) {
    try {
      encodeThirdPartyCopyVpdPage(page);
    } catch (e) {
      if (!isScsiCodecError(e)) throw e;
      out.push({ code: e.code, path: e.field ?? '', offset: e.offset, message: e.detail });
    }
  }
  return out;
}

function pathOf(
  page: ThirdPartyCopyVpdPage,
  offsets: readonly number[],
  ends: readonly number[],
  offset: number,
  field: string | undefined,
): string {
  const f = field ?? '';
  for (let i = 0; i < offsets.length; i++) {
    const start = offsets[i] as number;
    if (offset >= start && offset < (ends[i] as number)) {
      const d = page.descriptors[i];
      const rel = offset - start;
      if (d?.kind === 'supportedRodTokenAndRodTypes' && rel >= OFF.rodTypes && f !== 'preferenceIndicator') {
        return `descriptors[${i}].rodTypes[${Math.floor((rel - OFF.rodTypes) / OFF.rodTypeDescriptorLength)}].${f}`;
      }
      if (d?.kind === 'rodTokenFeatures' && rel >= OFF.rodDeviceTypeSpecificDescriptors) {
        let o = OFF.rodDeviceTypeSpecificDescriptors;
        for (let k = 0; k < d.deviceTypeSpecificDescriptors.length; k++) {
          const x = d.deviceTypeSpecificDescriptors[k];
          const len = x === undefined ? 0 : x.kind === 'unknown' ? 4 + x.bytes.length : ROD_FEATURES_LENGTH;
          if (rel < o + len) return `descriptors[${i}].deviceTypeSpecificDescriptors[${k}].${f}`;
          o += len;
        }
      }
      return `descriptors[${i}].${f}`;
    }
  }
  return f;
}

/** A descriptor of the page by kind, with its index and absolute offset. */
interface Found<K extends ThirdPartyCopyDescriptor['kind']> {
  readonly d: Extract<ThirdPartyCopyDescriptor, { kind: K }>;
  readonly i: number;
  readonly off: number;
}

/** What the semantic rules share: the page, lookups by kind, and the issue sink. */
interface Ctx {
  readonly find: <K extends ThirdPartyCopyDescriptor['kind']>(kind: K) => Found<K> | undefined;
  readonly add: (path: string, offset: number, message: string) => void;
  readonly options: ValidateThirdPartyCopyVpdPageOptions;
}

/** Offset the page-level rules point at (the first descriptor). */
const PAGE_START = VPD_PAGE_HEADER_LENGTH;

function semantic(
  page: ThirdPartyCopyVpdPage,
  offsets: readonly number[],
  options: ValidateThirdPartyCopyVpdPageOptions,
  issues: VpdValidationIssue[],
): void {
  const ctx: Ctx = {
    options,
    add: (path, offset, message) => {
      issues.push({ code: 'ERR_INVALID_VALUE', path, offset, message });
    },
    find: <K extends ThirdPartyCopyDescriptor['kind']>(kind: K): Found<K> | undefined => {
      const i = page.descriptors.findIndex((d) => d.kind === kind);
      if (i < 0) return undefined;
      return { d: page.descriptors[i] as Extract<ThirdPartyCopyDescriptor, { kind: K }>, i, off: offsets[i] as number };
    },
  };
  const bdrl = ctx.find('blockDeviceRodLimits');
  if (bdrl === undefined && options.requireBlockDeviceRodLimits !== false) {
    ctx.add(
      'descriptors',
      PAGE_START,
      'no Block Device ROD Limits descriptor (0000h): Windows will not use ODX without it',
    );
  }
  checkSupportedCommands(ctx, bdrl !== undefined);
  if (ctx.find('generalCopyOperations') === undefined) {
    ctx.add('descriptors', PAGE_START, 'no General Copy Operations descriptor (8001h): it is mandatory');
  }
  if (bdrl !== undefined) checkRodLimits(ctx, bdrl);
  checkAscendingLists(ctx);
  checkRodTokenDescriptors(ctx);
  const gco = ctx.find('generalCopyOperations');
  if (gco !== undefined && gco.d.maximumIdentifiedConcurrentCopies > gco.d.totalConcurrentCopies) {
    ctx.add(
      `descriptors[${gco.i}].maximumIdentifiedConcurrentCopies`,
      gco.off + OFF.maximumIdentifiedConcurrentCopies,
      'MAXIMUM IDENTIFIED CONCURRENT COPIES exceeds TOTAL CONCURRENT COPIES',
    );
  }
}

/** Supported Commands: present, 83h and 84h listed, ascending, and the commands other descriptors imply. */
function checkSupportedCommands(ctx: Ctx, hasRodLimits: boolean): void {
  const sc = ctx.find('supportedCommands');
  if (sc === undefined) {
    ctx.add('descriptors', PAGE_START, 'no Supported Commands descriptor (0001h): it is mandatory');
    return;
  }
  const p = `descriptors[${sc.i}].commands`;
  const codes = sc.d.commands.map((c) => c.operationCode);
  for (const op of [0x83, 0x84]) {
    if (!codes.includes(op)) ctx.add(p, sc.off + OFF.commands, `operation code ${hex(op, 2)} is not listed`);
  }
  checkCommandOrder(ctx, sc);
  const sas = (op: number): readonly number[] =>
    sc.d.commands.find((c) => c.operationCode === op)?.serviceActions ?? [];
  if (hasRodLimits) {
    for (const [op, sa, name] of [
      [0x83, 0x10, 'POPULATE TOKEN'],
      [0x83, 0x11, 'WRITE USING TOKEN'],
      [0x84, 0x07, 'RECEIVE ROD TOKEN INFORMATION'],
    ] as const) {
      if (!sas(op).includes(sa)) {
        ctx.add(
          p,
          sc.off + OFF.commands,
          `${name} (${hex(op, 2)}/${hex(sa, 2)}) is not listed although Block Device ROD Limits is present`,
        );
      }
    }
  }
  if (sas(0x83).includes(0x00) || sas(0x83).includes(0x01)) {
    for (const [kind, code] of [
      ['parameterData', '0004h'],
      ['supportedDescriptors', '0008h'],
      ['supportedCscdIds', '000Ch'],
    ] as const) {
      if (ctx.find(kind) === undefined)
        ctx.add('descriptors', PAGE_START, `EXTENDED COPY is listed but the ${code} descriptor is missing`);
    }
  }
}

/** Operation codes ascending, and each command's service actions ascending. */
function checkCommandOrder(ctx: Ctx, sc: Found<'supportedCommands'>): void {
  const p = `descriptors[${sc.i}].commands`;
  let o = sc.off + OFF.commands;
  let previous = -1;
  sc.d.commands.forEach((c, k) => {
    if (c.operationCode <= previous) {
      ctx.add(
        `${p}[${k}].operationCode`,
        o,
        `operation codes must ascend (${hex(c.operationCode, 2)} after ${hex(previous, 2)})`,
      );
    }
    previous = Math.max(previous, c.operationCode);
    for (let s = 1; s < c.serviceActions.length; s++) {
      if ((c.serviceActions[s] as number) <= (c.serviceActions[s - 1] as number)) {
        ctx.add(
          `${p}[${k}].serviceActions[${s}]`,
          o + 2 + s,
          `service actions of ${hex(c.operationCode, 2)} must ascend`,
        );
        break;
      }
    }
    o += 2 + c.serviceActions.length;
  });
}

/** Block Device ROD Limits: timeouts consistent, MAXIMUM TOKEN TRANSFER SIZE against the block ROD features. */
function checkRodLimits(ctx: Ctx, bdrl: Found<'blockDeviceRodLimits'>): void {
  const p = `descriptors[${bdrl.i}]`;
  const { maximumInactivityTimeout: max, defaultInactivityTimeout: def } = bdrl.d;
  if (max !== 0 && def !== 0 && def > max) {
    ctx.add(
      `${p}.defaultInactivityTimeout`,
      bdrl.off + OFF.defaultInactivityTimeout,
      `DEFAULT INACTIVITY TIMEOUT ${def} exceeds MAXIMUM INACTIVITY TIMEOUT ${max}`,
    );
  }
  const block = ctx.find('rodTokenFeatures')?.d.deviceTypeSpecificDescriptors.find((x) => x.kind === 'block');
  const bl = ctx.options.blockLength;
  if (block !== undefined && block.kind === 'block' && bl !== undefined && bl > 0) {
    const mtts = bdrl.d.maximumTokenTransferSize;
    const mb = block.maximumBytesInBlockRod;
    if (mtts !== 0n && mb !== 0n && mtts !== mb / BigInt(bl)) {
      ctx.add(
        `${p}.maximumTokenTransferSize`,
        bdrl.off + OFF.maximumTokenTransferSize,
        `MAXIMUM TOKEN TRANSFER SIZE ${mtts} blocks disagrees with MAXIMUM BYTES IN BLOCK ROD ${mb} / ${bl} = ${mb / BigInt(bl)}`,
      );
    }
  }
}

/** Descriptor type codes ascending; CSCD IDs ascending and above 07FFh. */
function checkAscendingLists(ctx: Ctx): void {
  const sd = ctx.find('supportedDescriptors');
  if (sd !== undefined) {
    const codes = sd.d.descriptorTypeCodes;
    for (let k = 1; k < codes.length; k++) {
      if ((codes[k] as number) <= (codes[k - 1] as number)) {
        ctx.add(
          `descriptors[${sd.i}].descriptorTypeCodes[${k}]`,
          sd.off + OFF.descriptorTypeCodes + k,
          'descriptor type codes must ascend',
        );
        break;
      }
    }
  }
  const ids = ctx.find('supportedCscdIds');
  if (ids !== undefined) {
    ids.d.cscdIds.forEach((id, k) => {
      const path = `descriptors[${ids.i}].cscdIds[${k}]`;
      const off = ids.off + OFF.cscdIds + 2 * k;
      if (id <= 0x07ff) ctx.add(path, off, `CSCD ID ${hex(id, 4)} is implicit (≤ 07FFh) and must not be listed`);
      if (k > 0 && id <= (ids.d.cscdIds[k - 1] as number)) ctx.add(path, off, 'CSCD IDs must ascend');
    });
  }
}

/** ROD Token Features: REMOTE TOKENS, lifetimes; reported together with Supported ROD Token and ROD Types. */
function checkRodTokenDescriptors(ctx: Ctx): void {
  const rtf = ctx.find('rodTokenFeatures');
  if (rtf !== undefined) {
    const p = `descriptors[${rtf.i}]`;
    if (![0x0, 0x4, 0x6].includes(rtf.d.remoteTokens)) {
      ctx.add(
        `${p}.remoteTokens`,
        rtf.off + OFF.remoteTokens,
        `REMOTE TOKENS ${hex(rtf.d.remoteTokens, 1)} is reserved`,
      );
    }
    if (rtf.d.minimumTokenLifetime > rtf.d.maximumTokenLifetime && rtf.d.maximumTokenLifetime !== 0) {
      ctx.add(
        `${p}.minimumTokenLifetime`,
        rtf.off + OFF.minimumTokenLifetime,
        'MINIMUM TOKEN LIFETIME exceeds MAXIMUM TOKEN LIFETIME',
      );
    }
  }
  const srt = ctx.find('supportedRodTokenAndRodTypes');
  if ((rtf === undefined) !== (srt === undefined)) {
    ctx.add(
      'descriptors',
      (rtf ?? srt)?.off ?? PAGE_START,
      `ROD Token Features (0106h) and Supported ROD Token and ROD Types (0108h) must be reported together`,
    );
  }
}
