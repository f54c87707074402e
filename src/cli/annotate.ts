/**
 * Meanings for traced fields: names of codes (ASC/ASCQ, sense keys, ROD types, commands,
 * statuses, descriptor types) and units (seconds, milliseconds, blocks, bytes).
 */

import { ascAscqName } from '../constants/asc-ascq.js';
import { rodTypeName } from '../constants/rod-type.js';
import { senseKeyName } from '../constants/sense-key.js';
import type { TraceEntry } from '../internal/byte-reader.js';
import type { Annotator } from './dump.js';
import {
  ASSOCIATION_NAMES,
  ASYMMETRIC_ACCESS_STATE_NAMES,
  CODE_SET_NAMES,
  COPY_DESCRIPTOR_TYPE_CODE_NAMES,
  COPY_OPERATION_STATUS_NAMES,
  commandName,
  cscdIdName,
  DESIGNATOR_TYPE_NAMES,
  NAA_NAMES,
  PERIPHERAL_DEVICE_TYPE_NAMES,
  PROTOCOL_IDENTIFIER_NAMES,
  RESPONSE_CODE_NAMES,
  SAM_STATUS_NAMES,
  SENSE_DESCRIPTOR_TYPE_NAMES,
  senseDataSourceName,
  TPC_DESCRIPTOR_TYPE_NAMES,
  TRANSFER_COUNT_UNITS_NAMES,
  VPD_PAGE_NAMES,
} from './names.js';

const num = (v: TraceEntry['value']): number | undefined =>
  typeof v === 'number' ? v : typeof v === 'bigint' && v <= 0xffffffffn ? Number(v) : undefined;

function lastOf(previous: readonly TraceEntry[], fields: readonly string[]): TraceEntry | undefined {
  for (let i = previous.length - 1; i >= 0; i--) {
    const p = previous[i] as TraceEntry;
    if (fields.includes(p.field)) return p;
  }
  return undefined;
}

const SECONDS = /timeout|lifetime/i;
const BYTES =
  /(^|[a-z])(maximumBytes|optimalBytes|numberOfBytesRepresented|maximumSegmentLength|heldDataLimit|maximumInlineDataLength|maximumDescriptorListLength|diskBlockLength|logicalBlockLength|allocationLength|parameterListLength)/i;

const hexOf = (b: Uint8Array, from = 0, to = b.length): string => {
  let out = '';
  for (let i = from; i < to; i++) out += (b[i] as number).toString(16).padStart(2, '0');
  return out;
};

/** An RFC 4122 UUID in its standard text form, from 16 bytes. */
export function uuidText(b: Uint8Array, at = 0): string {
  const h = hexOf(b, at, at + 16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** A string up to its first NUL (SCSI name strings are NUL-terminated and padded). */
function nulTerminated(b: Uint8Array): string {
  let s = '';
  for (const c of b) {
    if (c === 0) break;
    s += String.fromCharCode(c);
  }
  return s;
}

/**
 * A designator in its standard text form (SPC-5 designation descriptor): NAA as `naa.` and the
 * hex digits, EUI-64 as `eui.` and the hex digits, a SCSI name string as the string, a UUID in
 * RFC 4122 form, port and group numbers as numbers.
 */
export function designatorText(type: number, codeSet: number | undefined, d: Uint8Array): string | undefined {
  switch (type) {
    case 1:
      return JSON.stringify(nulTerminated(d));
    case 2:
      return `eui.${hexOf(d).toUpperCase()}`;
    case 3: {
      const naa = (d[0] ?? 0) >> 4;
      return `naa.${hexOf(d).toUpperCase()} (NAA ${naa.toString(16)}h: ${NAA_NAMES[naa] ?? 'reserved'})`;
    }
    case 4:
    case 5:
    case 6:
      return d.length >= 4 ? String(((d[2] ?? 0) << 8) | (d[3] ?? 0)) : undefined;
    case 7:
      return `MD5 ${hexOf(d)}`;
    case 8:
      return JSON.stringify(nulTerminated(d));
    case 10:
      return d.length >= 18 ? `uuid ${uuidText(d, 2)}` : undefined;
    default:
      return codeSet === 2 || codeSet === 3 ? JSON.stringify(nulTerminated(d)) : undefined;
  }
}

/** The entry of `field` in the same structure as `e`, wherever it is in the trace. */
function sibling(all: readonly TraceEntry[], e: TraceEntry, field: string, near = 32): TraceEntry | undefined {
  let best: TraceEntry | undefined;
  for (const t of all) {
    if (t.field !== field || t.structure !== e.structure || Math.abs(t.offset - e.offset) > near) continue;
    if (best === undefined || Math.abs(t.offset - e.offset) < Math.abs(best.offset - e.offset)) best = t;
  }
  return best;
}

const NO_LIMIT = /^(maximum|optimal)/;

/** The meaning of a numeric field's value `v` (a number up to 32 bits). */
type Meaning = (
  v: number,
  e: TraceEntry,
  previous: readonly TraceEntry[],
  all: readonly TraceEntry[],
) => string | undefined;

/** The name of `v` in a table of names, or `otherwise` (e.g. `reserved`) when it has none. */
const named =
  (names: Readonly<Record<number, string>>, otherwise?: string): Meaning =>
  (v) =>
    names[v] ?? otherwise;

/** A sense-key specific field: meaningful only with SKSV = 1 (SPC-5 sense key specific). */
const senseKeySpecific: Meaning = (v, e, _previous, all) => {
  const sksv = sibling(all, e, 'sksv', 4);
  if (sksv?.value === false) return 'not valid: SKSV = 0';
  if (e.field === 'fieldPointer') {
    const cd = sibling(all, e, 'commandData', 4);
    return cd === undefined
      ? undefined
      : cd.value === true
        ? `error in the CDB: byte ${v}`
        : `error in the parameter data: byte ${v}`;
  }
  if (e.field === 'bitPointer') {
    const bpv = sibling(all, e, 'bitPointerValid', 4);
    if (bpv?.value === false) return 'not valid: BPV = 0';
  }
  if (e.field === 'progressIndication') return percent(v, e, _previous, all);
  return undefined;
};

const percent: Meaning = (v) => `${((v / 65536) * 100).toFixed(2)}%`;
const unit =
  (text: string): Meaning =>
  () =>
    text;

/** Meanings of numeric fields by field name (the structure name disambiguates where needed). */
const MEANINGS = new Map<string, Meaning>([
  ['information', (_v, e, _p, all) => (sibling(all, e, 'valid')?.value === false ? 'not valid: VALID = 0' : undefined)],
  ['fieldPointer', senseKeySpecific],
  ['bitPointer', senseKeySpecific],
  ['actualRetryCount', senseKeySpecific],
  ['progressIndication', senseKeySpecific],
  ['segmentNumber', senseKeySpecific],
  ['cscdId', (v) => cscdIdName(v)],
  ['descriptorTypeCode', named(COPY_DESCRIPTOR_TYPE_CODE_NAMES, 'reserved')],
  ['supportedDescriptorTypeCode', named(COPY_DESCRIPTOR_TYPE_CODE_NAMES, 'reserved')],
  ['asymmetricAccessState', named(ASYMMETRIC_ACCESS_STATE_NAMES, 'reserved')],
  ['senseDataSource', (v) => senseDataSourceName(v)],
  ['naa', named(NAA_NAMES, 'reserved')],
  ['operationCode', (v) => commandName(v)],
  [
    'serviceAction',
    (v, _e, previous) => {
      const op = lastOf(previous, ['operationCode']);
      return op === undefined ? undefined : commandName(num(op.value) ?? -1, v);
    },
  ],
  ['responseToServiceAction', (v) => commandName(0x83, v) ?? undefined],
  ['responseCode', named(RESPONSE_CODE_NAMES)],
  ['senseKey', (v) => senseKeyName(v)],
  ['additionalSenseCodeQualifier', ascqMeaning],
  ['ascq', ascqMeaning],
  ['rodType', (v) => rodTypeName(v)],
  ['copyOperationStatus', named(COPY_OPERATION_STATUS_NAMES, 'reserved')],
  ['transferCountUnits', named(TRANSFER_COUNT_UNITS_NAMES, 'reserved')],
  ['extendedCopyCompletionStatus', named(SAM_STATUS_NAMES)],
  ['forwardedStatus', named(SAM_STATUS_NAMES)],
  ['pageCode', named(VPD_PAGE_NAMES)],
  ['designatorType', named(DESIGNATOR_TYPE_NAMES, 'reserved')],
  ['codeSet', named(CODE_SET_NAMES, 'reserved')],
  ['association', named(ASSOCIATION_NAMES, 'reserved')],
  [
    'protocolIdentifier',
    (v, e, _p, all) => {
      // Meaningful only with PIV = 1 and a port or target association (SPC-5 designation descriptor).
      const piv = sibling(all, e, 'piv', 1);
      if (piv?.value === false) return 'not valid: PIV = 0';
      return PROTOCOL_IDENTIFIER_NAMES[v];
    },
  ],
  ['peripheralDeviceType', named(PERIPHERAL_DEVICE_TYPE_NAMES)],
  ['descriptorType', descriptorTypeMeaning],
  ['thirdPartyCopyDescriptorType', descriptorTypeMeaning],
  [
    'estimatedStatusUpdateDelay',
    (v) => (v === 0xfffffffe ? 'operation complete' : v === 0xffffffff ? 'no recommendation' : 'ms'),
  ],
  ['progress', percent],
  ['numberOfLogicalBlocks', unit('logical blocks')],
  ['maximumTokenTransferSize', unit('logical blocks')],
  ['optimalTransferCount', unit('logical blocks')],
  ['optimalBlockRodLengthGranularity', unit('logical blocks')],
  ['offsetIntoRod', unit('logical blocks of the destination')],
  ['dataSegmentGranularity', (v) => `2^${v} bytes`],
  ['inlineDataGranularity', (v) => `2^${v} bytes`],
  ['heldDataGranularity', (v) => `2^${v} bytes`],
]);

/** ASCQ: the name of the ASC/ASCQ pair (the ASC read before it). */
function ascqMeaning(v: number, _e: TraceEntry, previous: readonly TraceEntry[]): string | undefined {
  const asc = lastOf(previous, ['additionalSenseCode', 'asc']);
  if (asc === undefined) return undefined;
  const a = num(asc.value) ?? 0;
  return ascAscqName(a, v);
}

/** A descriptor type: of a sense descriptor, or of a third-party copy descriptor. */
function descriptorTypeMeaning(v: number, e: TraceEntry): string | undefined {
  if (e.structure.toLowerCase().includes('sense'))
    return SENSE_DESCRIPTOR_TYPE_NAMES[v] ?? (v >= 0x80 ? 'vendor specific' : 'reserved');
  return TPC_DESCRIPTOR_TYPE_NAMES[v] ?? SENSE_DESCRIPTOR_TYPE_NAMES[v];
}

/** A byte string's meaning: a designator's text form, a name string, a UUID. */
function bytesMeaning(e: TraceEntry & { value: Uint8Array }, previous: readonly TraceEntry[]): string | undefined {
  const f = e.field;
  if (f === 'designator') {
    const type = lastOf(previous, ['designatorType']);
    const codeSet = lastOf(previous, ['codeSet']);
    const t = num(type?.value ?? -1) ?? -1;
    if (t === 8 || t === 10) return undefined;
    return type === undefined ? undefined : designatorText(t, num(codeSet?.value ?? -1), e.value);
  }
  // SCSI name strings and UUIDs are decoded into a field of their own: the text goes there, once.
  if (f === 'scsiNameString') return JSON.stringify(nulTerminated(e.value));
  if (f === 'uuid' && e.value.length === 16) return uuidText(e.value);
  if (f === 'copyGroupIdentifier' && e.value.length >= 18 && (e.value[0] ?? 0) >> 4 === 1) {
    return `uuid ${uuidText(e.value, 2)}`;
  }
  return undefined;
}

/** A field too wide for a number (64 bits and more). */
function wideMeaning(e: TraceEntry, all: readonly TraceEntry[]): string | undefined {
  if (e.field === 'numberOfBytesRepresented' && typeof e.value === 'bigint') {
    return e.value === (1n << 128n) - 1n ? 'unknown or too large' : 'bytes';
  }
  if (e.field === 'information' && typeof e.value === 'bigint') {
    const valid = sibling(all, e, 'valid');
    if (valid?.value === false) return 'not valid: VALID = 0';
  }
  return undefined;
}

/** Annotator for every kind (keyed by field name; the structure name disambiguates). */
export const annotate: Annotator = (e, previous, all) => {
  const f = e.field;
  const v = num(e.value);
  if (e.value instanceof Uint8Array) return bytesMeaning(e as TraceEntry & { value: Uint8Array }, previous);
  if (typeof e.value === 'bigint' && e.value === (1n << BigInt(8 * e.length)) - 1n && NO_LIMIT.test(f)) {
    return 'no limit';
  }
  if (v === undefined) return wideMeaning(e, all);
  const meaning = MEANINGS.get(f);
  if (meaning !== undefined) return meaning(v, e, previous, all);
  // Units by the field's name.
  if (NO_LIMIT.test(f) && e.bits === undefined && v === 2 ** (8 * Math.min(e.length, 6)) - 1 && e.length >= 2) {
    return SECONDS.test(f) ? 'no maximum' : 'no limit';
  }
  if (SECONDS.test(f)) return v === 0 ? 'seconds; 0 = default or not reported' : 'seconds';
  if (/length$/i.test(f) && !BYTES.test(f)) return 'bytes follow';
  if (BYTES.test(f)) return 'bytes';
  return undefined;
};
