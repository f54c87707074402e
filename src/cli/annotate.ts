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
  CODE_SET_NAMES,
  COPY_OPERATION_STATUS_NAMES,
  commandName,
  DESIGNATOR_TYPE_NAMES,
  PERIPHERAL_DEVICE_TYPE_NAMES,
  PROTOCOL_IDENTIFIER_NAMES,
  RESPONSE_CODE_NAMES,
  SAM_STATUS_NAMES,
  SENSE_DESCRIPTOR_TYPE_NAMES,
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

/** Annotator for every kind (keyed by field name; the structure name disambiguates). */
export const annotate: Annotator = (e, previous) => {
  const f = e.field;
  const v = num(e.value);
  const s = e.structure.toLowerCase();
  if (v === undefined) {
    if (f === 'numberOfBytesRepresented' && typeof e.value === 'bigint') {
      return e.value === (1n << 128n) - 1n ? 'unknown or too large' : 'bytes';
    }
    return undefined;
  }
  switch (f) {
    case 'operationCode':
      return commandName(v);
    case 'serviceAction': {
      const op = lastOf(previous, ['operationCode']);
      return op === undefined ? undefined : commandName(num(op.value) ?? -1, v);
    }
    case 'responseToServiceAction':
      return commandName(0x83, v) ?? undefined;
    case 'responseCode':
      return RESPONSE_CODE_NAMES[v];
    case 'senseKey':
      return senseKeyName(v);
    case 'additionalSenseCodeQualifier':
    case 'ascq': {
      const asc = lastOf(previous, ['additionalSenseCode', 'asc']);
      if (asc === undefined) return undefined;
      const a = num(asc.value) ?? 0;
      return ascAscqName(a, v);
    }
    case 'rodType':
      return rodTypeName(v);
    case 'copyOperationStatus':
      return COPY_OPERATION_STATUS_NAMES[v] ?? 'reserved';
    case 'transferCountUnits':
      return TRANSFER_COUNT_UNITS_NAMES[v] ?? 'reserved';
    case 'extendedCopyCompletionStatus':
    case 'forwardedStatus':
      return SAM_STATUS_NAMES[v];
    case 'pageCode':
      return VPD_PAGE_NAMES[v];
    case 'designatorType':
      return DESIGNATOR_TYPE_NAMES[v] ?? 'reserved';
    case 'codeSet':
      return CODE_SET_NAMES[v] ?? 'reserved';
    case 'association':
      return ASSOCIATION_NAMES[v] ?? 'reserved';
    case 'protocolIdentifier':
      return PROTOCOL_IDENTIFIER_NAMES[v];
    case 'peripheralDeviceType':
      return PERIPHERAL_DEVICE_TYPE_NAMES[v];
    case 'descriptorType':
    case 'thirdPartyCopyDescriptorType':
      if (s.includes('sense')) return SENSE_DESCRIPTOR_TYPE_NAMES[v] ?? (v >= 0x80 ? 'vendor specific' : 'reserved');
      return TPC_DESCRIPTOR_TYPE_NAMES[v] ?? SENSE_DESCRIPTOR_TYPE_NAMES[v];
    case 'estimatedStatusUpdateDelay':
      return v === 0xfffffffe ? 'operation complete' : v === 0xffffffff ? 'no recommendation' : 'ms';
    case 'progressIndication':
    case 'progress':
      return `${((v / 65536) * 100).toFixed(2)}%`;
    case 'numberOfLogicalBlocks':
    case 'maximumTokenTransferSize':
    case 'optimalTransferCount':
    case 'optimalBlockRodLengthGranularity':
      return 'logical blocks';
    case 'offsetIntoRod':
      return 'logical blocks of the destination';
    case 'dataSegmentGranularity':
    case 'inlineDataGranularity':
    case 'heldDataGranularity':
      return `2^${v} bytes`;
  }
  if (SECONDS.test(f)) return v === 0 ? 'seconds; 0 = default or not reported' : 'seconds';
  if (/length$/i.test(f) && !BYTES.test(f)) return 'bytes follow';
  if (BYTES.test(f)) return 'bytes';
  return undefined;
};
