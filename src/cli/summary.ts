/**
 * One line per decoded structure, in the style sg3_utils prints (e.g. "Fixed format, current;
 * Sense key: ILLEGAL REQUEST; Additional sense: INVALID FIELD IN CDB (24h/00h); Sense Key
 * Specific: Error in Command: byte 8 bit 6").
 */
import { ascAscqName } from '../constants/asc-ascq.js';
import { rodTypeName } from '../constants/rod-type.js';
import { senseKeyName } from '../constants/sense-key.js';
import { normalizeSenseData } from '../sense/index.js';
import type { SenseData } from '../sense/sense-data.js';
import type { SenseKeySpecific } from '../sense/sense-key-specific.js';
import { designatorText } from './annotate.js';
import type { Kind } from './kinds.js';
import {
  ASSOCIATION_NAMES,
  COPY_OPERATION_STATUS_NAMES,
  commandName,
  DESIGNATOR_TYPE_NAMES,
  TRANSFER_COUNT_UNITS_NAMES,
  VPD_PAGE_NAMES,
} from './names.js';

const h2 = (v: number): string => `${v.toString(16).padStart(2, '0').toUpperCase()}h`;
const h8 = (v: number): string => `${v.toString(16).padStart(8, '0').toUpperCase()}h`;

/** The sense key specific field as sg3_utils words it (SPC-5 sense key specific fields). */
export function senseKeySpecificText(sks: SenseKeySpecific | undefined): string | undefined {
  if (sks === undefined || !sks.sksv) return undefined;
  switch (sks.kind) {
    case 'fieldPointer':
      return `Error in ${sks.commandData ? 'Command' : 'Data parameters'}: byte ${sks.fieldPointer}${sks.bitPointerValid ? ` bit ${sks.bitPointer}` : ''}`;
    case 'actualRetryCount':
      return `Actual retry count: ${sks.actualRetryCount}`;
    case 'progressIndication':
      return `Progress indication: ${((sks.progressIndication / 65536) * 100).toFixed(2)}%`;
    case 'segmentPointer':
      return `Segment pointer: ${(sks as { fieldPointer?: number }).fieldPointer ?? ''}`.trim();
    case 'unitAttentionQueueOverflow':
      return 'Unit attention condition queue overflowed';
    default:
      return undefined;
  }
}

function senseLine(s: SenseData): string {
  const n = normalizeSenseData(s);
  const parts = [
    `${n.format === 'fixed' ? 'Fixed' : 'Descriptor'} format, ${n.deferred ? 'deferred' : 'current'}`,
    `Sense key: ${senseKeyName(n.senseKey) ?? h2(n.senseKey)}`,
    `Additional sense: ${ascAscqName(n.asc, n.ascq) ?? 'unknown'} (${h2(n.asc)}/${h2(n.ascq)})`,
  ];
  if (n.information !== undefined) parts.push(`Info fld=0x${n.information.toString(16)} [${n.information}]`);
  const sks = senseKeySpecificText(n.senseKeySpecific);
  if (sks !== undefined) parts.push(`Sense Key Specific: ${sks}`);
  if (n.fieldReplaceableUnitCode !== undefined)
    parts.push(`Field replaceable unit code: ${n.fieldReplaceableUnitCode}`);
  return parts.join('; ');
}

const plural = (n: number, what: string): string => `${n} ${what}${n === 1 ? '' : 's'}`;

type Ranges = readonly { readonly numberOfLogicalBlocks: number | bigint }[];
const blocksOf = (r: Ranges | undefined): string => {
  let total = 0n;
  for (const d of r ?? []) total += BigInt(d.numberOfLogicalBlocks);
  return `${plural(r?.length ?? 0, 'range')}, ${total} logical blocks`;
};

/** The one-line summary of a decoded value of `kind`, or undefined. */
export function summarize(kind: Kind, value: unknown): string | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  switch (kind) {
    case 'sense':
      return senseLine(value as SenseData);
    case 'cdb': {
      const op = typeof v['operationCode'] === 'number' ? v['operationCode'] : undefined;
      const named = typeof v['kind'] === 'string' && v['kind'] !== 'unknown' ? v['kind'] : undefined;
      const parts = [named ?? (op === undefined ? 'CDB' : (commandName(op) ?? `opcode ${h2(op)}`))];
      for (const [k, label] of [
        ['listIdentifier', 'list identifier'],
        ['parameterListLength', 'parameter list length'],
        ['allocationLength', 'allocation length'],
        ['logicalBlockAddress', 'LBA'],
        ['transferLength', 'transfer length'],
      ] as const) {
        if (v[k] !== undefined) parts.push(`${label} ${String(v[k])}`);
      }
      if (v['immed'] === true) parts.push('IMMED');
      return parts.join(', ');
    }
    case 'populate-token-params':
      return `POPULATE TOKEN parameter list: ${blocksOf(v['blockDeviceRangeDescriptors'] as Ranges)}; ROD type ${h8(Number(v['rodType'] ?? 0))}${v['rodType'] === 0 ? ' (copy manager chooses)' : ` (${rodTypeName(Number(v['rodType'])) ?? 'unknown'})`}; inactivity timeout ${String(v['inactivityTimeout'])} s${v['inactivityTimeout'] === 0 ? ' (default)' : ''}${v['immed'] === true ? '; IMMED' : ''}`;
    case 'write-using-token-params': {
      const token = v['rodToken'] as Uint8Array | undefined;
      const type =
        token !== undefined && token.length >= 4
          ? (token[0] ?? 0) * 2 ** 24 + ((token[1] ?? 0) << 16) + ((token[2] ?? 0) << 8) + (token[3] ?? 0)
          : undefined;
      return `WRITE USING TOKEN parameter list: ${blocksOf(v['blockDeviceRangeDescriptors'] as Ranges)}; offset into ROD ${String(v['offsetIntoRod'])}; token of ROD type ${type === undefined ? '?' : `${h8(type)} (${rodTypeName(type) ?? 'unknown'})`}${v['delTkn'] === true ? '; DEL_TKN' : ''}${v['immed'] === true ? '; IMMED' : ''}`;
    }
    case 'rrti-data':
    case 'copy-status': {
      const status = Number(v['copyOperationStatus']);
      const units = Number(v['transferCountUnits']);
      const tokens = (v['rodTokenDescriptors'] as unknown[] | undefined)?.length;
      return `${kind === 'rrti-data' ? 'RRTI data' : 'Copy status'}: copy operation status ${h2(status)} (${COPY_OPERATION_STATUS_NAMES[status] ?? 'reserved'}); transfer count ${String(v['transferCount'])} (${TRANSFER_COUNT_UNITS_NAMES[units] ?? 'reserved units'})${tokens === undefined ? '' : `; ${plural(tokens, 'ROD token')}`}`;
    }
    case 'rod-token': {
      const type = Number(v['rodType']);
      return `ROD token: type ${h8(type)} (${rodTypeName(type) ?? 'unknown'})`;
    }
    case 'vpd': {
      const byKind: Record<string, number> = {
        supportedVpdPages: 0x00,
        deviceIdentification: 0x83,
        blockLimits: 0xb0,
        blockDeviceCharacteristics: 0xb1,
        thirdPartyCopy: 0x8f,
      };
      const page = typeof v['pageCode'] === 'number' ? v['pageCode'] : byKind[String(v['kind'])];
      const n = (v['descriptors'] ?? v['designationDescriptors'] ?? v['supportedPages'] ?? v['pageCodes']) as
        | unknown[]
        | undefined;
      const name = page === undefined ? 'unknown' : (VPD_PAGE_NAMES[page] ?? h2(page));
      return `${name} VPD page${n === undefined ? '' : `: ${plural(n.length, page === 0 ? 'page' : 'descriptor')}`}`;
    }
    case 'designation': {
      const type = Number(v['designatorType']);
      const d = v['designator'];
      const text = d instanceof Uint8Array ? designatorText(type, Number(v['codeSet']), d) : undefined;
      return `${DESIGNATOR_TYPE_NAMES[type] ?? 'reserved'} designator, ${ASSOCIATION_NAMES[Number(v['association'])] ?? 'reserved association'}${text === undefined ? '' : `: ${text}`}`;
    }
  }
  return undefined;
}
