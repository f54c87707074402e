/**
 * Name tables the annotated dump uses for fields whose meaning the codec modules do not name
 * themselves (spec: /work/shared/spec/odx-wire-formats.md sections 1, 5.3, 5.4, 7.2, 8.4-8.6, 9).
 */

const hex2 = (v: number): string => v.toString(16).padStart(2, '0').toUpperCase();

/** Command name by opcode and service action (ODX-relevant commands). */
export function commandName(opcode: number, serviceAction?: number): string | undefined {
  const sa = serviceAction ?? -1;
  if (opcode === 0x83) {
    const n: Record<number, string> = {
      0: 'EXTENDED COPY (LID1)',
      1: 'EXTENDED COPY (LID4)',
      16: 'POPULATE TOKEN',
      17: 'WRITE USING TOKEN',
      22: 'SET TAPE STREAM MIRRORING',
      28: 'COPY OPERATION ABORT',
    };
    return n[sa] ?? 'THIRD-PARTY COPY OUT';
  }
  if (opcode === 0x84) {
    const n: Record<number, string> = {
      0: 'RECEIVE COPY STATUS (LID1)',
      1: 'RECEIVE COPY DATA (LID1)',
      3: 'RECEIVE COPY OPERATING PARAMETERS',
      4: 'RECEIVE COPY FAILURE DETAILS (LID1)',
      5: 'RECEIVE COPY STATUS (LID4)',
      6: 'RECEIVE COPY DATA (LID4)',
      7: 'RECEIVE ROD TOKEN INFORMATION',
      8: 'REPORT ALL ROD TOKENS',
      22: 'REPORT TAPE STREAM MIRRORING',
    };
    return n[sa] ?? 'THIRD-PARTY COPY IN';
  }
  const plain: Record<number, string> = {
    0: 'TEST UNIT READY',
    3: 'REQUEST SENSE',
    18: 'INQUIRY',
    37: 'READ CAPACITY (10)',
    40: 'READ (10)',
    42: 'WRITE (10)',
    136: 'READ (16)',
    138: 'WRITE (16)',
    147: 'WRITE SAME (16)',
    158: 'SERVICE ACTION IN (16)',
    160: 'REPORT LUNS',
  };
  return plain[opcode];
}

/** COPY OPERATION STATUS (spec 5.3). */
export const COPY_OPERATION_STATUS_NAMES: Readonly<Record<number, string>> = {
  1: 'completed without errors',
  2: 'completed with errors',
  3: 'completed without errors, partial ROD token usage',
  4: 'completed without errors, residual data',
  16: 'in progress, foreground or background unknown',
  17: 'in progress in foreground',
  18: 'in progress in background',
  96: 'terminated',
};

/** TRANSFER COUNT UNITS (spec 5.4). */
export const TRANSFER_COUNT_UNITS_NAMES: Readonly<Record<number, string>> = {
  0: 'bytes',
  1: 'KiB',
  2: 'MiB',
  3: 'GiB',
  4: 'TiB',
  5: 'PiB',
  6: 'EiB',
  241: 'logical blocks',
};

/** SAM status (spec 8.6). */
export const SAM_STATUS_NAMES: Readonly<Record<number, string>> = {
  0: 'GOOD',
  2: 'CHECK CONDITION',
  4: 'CONDITION MET',
  8: 'BUSY',
  24: 'RESERVATION CONFLICT',
  40: 'TASK SET FULL',
  48: 'ACA ACTIVE',
  64: 'TASK ABORTED',
};

/** Sense RESPONSE CODE. */
export const RESPONSE_CODE_NAMES: Readonly<Record<number, string>> = {
  112: 'fixed format, current',
  113: 'fixed format, deferred',
  114: 'descriptor format, current',
  115: 'descriptor format, deferred',
};

/** Sense data descriptor types (spec 8.4). */
export const SENSE_DESCRIPTOR_TYPE_NAMES: Readonly<Record<number, string>> = {
  0: 'Information',
  1: 'Command-specific information',
  2: 'Sense key specific',
  3: 'Field replaceable unit',
  4: 'Stream commands',
  5: 'Block commands',
  6: 'OSD object identification',
  7: 'OSD response integrity check value',
  8: 'OSD attribute identification',
  9: 'ATA status return',
  10: 'Another progress indication',
  11: 'User data segment referral',
  12: 'Forwarded sense data',
  13: 'Direct-access block device',
  14: 'Device designation',
  15: 'Microcode activation',
};

/** VPD page codes. */
export const VPD_PAGE_NAMES: Readonly<Record<number, string>> = {
  0: 'Supported VPD pages',
  128: 'Unit Serial Number',
  131: 'Device Identification',
  134: 'Extended INQUIRY Data',
  143: 'Third-party Copy',
  176: 'Block Limits',
  177: 'Block Device Characteristics',
  178: 'Logical Block Provisioning',
};

/** Third-party copy descriptor types (spec 7.2). */
export const TPC_DESCRIPTOR_TYPE_NAMES: Readonly<Record<number, string>> = {
  0: 'Block Device ROD Limits',
  1: 'Supported Commands',
  4: 'Parameter Data',
  8: 'Supported Descriptors',
  12: 'Supported CSCD IDs',
  13: 'Copy Group Identifier',
  262: 'ROD Token Features',
  264: 'Supported ROD Token and ROD Types',
  32769: 'General Copy Operations',
  37121: 'Stream Copy Operations',
  49153: 'Held Data',
};

/** Designator types (spec 9). */
export const DESIGNATOR_TYPE_NAMES: Readonly<Record<number, string>> = {
  0: 'vendor specific',
  1: 'T10 vendor ID',
  2: 'EUI-64',
  3: 'NAA',
  4: 'relative target port',
  5: 'target port group',
  6: 'logical unit group',
  7: 'MD5 logical unit identifier',
  8: 'SCSI name string',
  9: 'protocol specific port identifier',
  10: 'UUID',
};

/** Code sets (spec 9). */
export const CODE_SET_NAMES: Readonly<Record<number, string>> = { 1: 'binary', 2: 'ASCII', 3: 'UTF-8' };

/** Associations (spec 9). */
export const ASSOCIATION_NAMES: Readonly<Record<number, string>> = {
  0: 'addressed logical unit',
  1: 'target port',
  2: 'SCSI target device',
};

/** Protocol identifiers (spec 9). */
export const PROTOCOL_IDENTIFIER_NAMES: Readonly<Record<number, string>> = {
  0: 'FCP',
  1: 'SPI',
  2: 'SSA',
  3: 'SBP',
  4: 'SRP',
  5: 'iSCSI',
  6: 'SAS',
  7: 'ADT',
  8: 'ATA/ACS',
  9: 'UAS',
  10: 'SOP',
  11: 'PCIe',
  15: 'no specific protocol',
};

/** Peripheral device types worth naming. */
export const PERIPHERAL_DEVICE_TYPE_NAMES: Readonly<Record<number, string>> = {
  0: 'direct access block device',
  1: 'sequential access device',
  3: 'processor device',
  5: 'CD/DVD device',
  13: 'enclosure services device',
  31: 'unknown or no device type',
};

/** `XXh` upper-case hex. */
export function hexName(v: number): string {
  return `${hex2(v)}h`;
}
