/**
 * Name tables the annotated dump uses for fields whose meaning the codec modules do not name
 * themselves (SPC-5 and SBC-4 operation code tables; SPC-5 RECEIVE ROD TOKEN INFORMATION, COPY OPERATION STATUS field; SPC-5 TRANSFER COUNT UNITS field; SPC-5 / SBC-4 third-party copy descriptor type codes; SPC-5 sense data descriptor types; SPC-5 sense key descriptions table; SAM-5 status codes table; SPC-5 Device Identification VPD page, designation descriptor format).
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

/** Segment and CSCD descriptor type codes (SPC-5 EXTENDED COPY descriptor type codes table). */
export const COPY_DESCRIPTOR_TYPE_CODE_NAMES: Readonly<Record<number, string>> = {
  0: 'segment: block to stream',
  1: 'segment: stream to block',
  2: 'segment: block to block',
  3: 'segment: stream to stream',
  4: 'segment: inline data to stream',
  5: 'segment: embedded data to stream',
  6: 'segment: stream to discard',
  7: 'segment: verify CSCD',
  8: 'segment: block with offset to stream',
  9: 'segment: stream to block with offset',
  10: 'segment: block with offset to block with offset',
  11: 'segment: block to stream, hold data',
  12: 'segment: stream to block, hold data',
  13: 'segment: block to block, hold data',
  14: 'segment: stream to stream, hold data',
  15: 'segment: stream to discard, hold data',
  16: 'segment: write filemarks',
  17: 'segment: space',
  18: 'segment: locate',
  19: 'segment: tape image copy',
  20: 'segment: register persistent reservation key',
  21: 'segment: third party persistent reservations source I_T nexus',
  22: 'segment: block image copy',
  23: 'segment: positioning to tape',
  24: 'segment: tape to tape by logical object identifier',
  190: 'segment: populate ROD from one or more block ranges',
  191: 'segment: populate ROD from one block range',
  224: 'CSCD: Fibre Channel N_Port_Name',
  225: 'CSCD: Fibre Channel N_Port_ID',
  226: 'CSCD: Fibre Channel N_Port_ID with N_Port_Name checking',
  227: 'CSCD: parallel interface T_L',
  228: 'CSCD: identification descriptor',
  229: 'CSCD: IPv4',
  230: 'CSCD: alias',
  231: 'CSCD: RDMA',
  232: 'CSCD: IEEE 1394 EUI-64',
  233: 'CSCD: SAS serial SCSI protocol',
  234: 'CSCD: IPv6',
  235: 'CSCD: IP copy service',
  254: 'CSCD: ROD',
  255: 'CSCD: descriptor extension',
};

/** CSCD IDs above the descriptor indexes (SPC-5 supported CSCD IDs descriptor). */
export function cscdIdName(id: number): string {
  if (id <= 0x07ff) return `CSCD descriptor ${id} of the list`;
  switch (id) {
    case 0xc000:
      return 'null logical unit, peripheral device type 00h';
    case 0xc001:
      return 'null logical unit, peripheral device type 01h';
    case 0xf800:
      return 'the ROD token is the copy source or destination';
    case 0xffff:
      return "the copy manager's own logical unit";
    default:
      return 'reserved';
  }
}

/** ASYMMETRIC ACCESS STATE (SPC-5 REPORT TARGET PORT GROUPS). */
export const ASYMMETRIC_ACCESS_STATE_NAMES: Readonly<Record<number, string>> = {
  0: 'active/optimized',
  1: 'active/non-optimized',
  2: 'standby',
  3: 'unavailable',
  4: 'logical block dependent',
  14: 'offline',
  15: 'transitioning between states',
};

/** SENSE DATA SOURCE of a forwarded sense data descriptor (SPC-5, as sg3_utils reads it). */
export function senseDataSourceName(v: number): string {
  if (v === 0) return 'copy source CSCD';
  if (v <= 7) return `copy destination CSCD ${v - 1}`;
  return 'reserved';
}

/** NAA field values (SPC-5 NAA designator format). */
export const NAA_NAMES: Readonly<Record<number, string>> = {
  2: 'IEEE Extended',
  3: 'locally assigned',
  5: 'IEEE Registered',
  6: 'IEEE Registered Extended',
};
