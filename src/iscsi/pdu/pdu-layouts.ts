/**
 * The layout table of the Basic Header Segment of every iSCSI PDU (RFC 7143 section 11): per
 * opcode, its fields, fixed bits and (derived) reserved bits. pdu.ts encodes and decodes through it.
 *
 * @internal
 * @packageDocumentation
 */
import { ISCSI_BHS_LENGTH, type IscsiPduName } from './constants.js';

export type FieldKind = 'bit' | 'bits' | 'u8' | 'u16' | 'u32' | 'u48' | 'u64' | 'bytes';
/** [field, kind, offset, a, b]: bit -> a = bit; bits -> a = hi, b = lo; bytes -> a = length. */
export type Field = readonly [name: string, kind: FieldKind, off: number, a?: number, b?: number];
/** A fixed bit pattern: byte `off` & `mask` must equal `value`. */
export type Fixed = readonly [name: string, off: number, mask: number, value: number];

export interface Layout {
  readonly name: IscsiPduName;
  readonly opcode: number;
  readonly structure: string;
  readonly fields: readonly Field[];
  readonly fixed: readonly Fixed[];
  /** Per BHS byte, the bits that are neither a field, fixed, nor common: reserved. */
  readonly reserved: Uint8Array;
}

const FINAL_1: Fixed = ['final', 1, 0x80, 0x80];
const ITT_ALL_ONES: readonly Fixed[] = [16, 17, 18, 19].map((o) => ['initiatorTaskTag', o, 0xff, 0xff] as const);

function layout(
  name: IscsiPduName,
  opcode: number,
  structure: string,
  fields: readonly Field[],
  fixed: readonly Fixed[] = [],
): Layout {
  const used = new Uint8Array(ISCSI_BHS_LENGTH);
  used[0] = 0x3f;
  used[4] = used[5] = used[6] = used[7] = 0xff;
  for (const [, kind, off, a, b] of fields) {
    switch (kind) {
      case 'bit':
        used[off] = (used[off] as number) | (1 << (a as number));
        break;
      case 'bits':
        for (let i = b as number; i <= (a as number); i++) used[off] = (used[off] as number) | (1 << i);
        break;
      default: {
        const n = kind === 'bytes' ? (a as number) : { u8: 1, u16: 2, u32: 4, u48: 6, u64: 8 }[kind];
        for (let i = 0; i < n; i++) used[off + i] = 0xff;
      }
    }
  }
  for (const [, off, mask] of fixed) used[off] = (used[off] as number) | mask;
  return { name, opcode, structure, fields, fixed, reserved: used.map((u) => ~u & 0xff) };
}

const I: Field = ['immediate', 'bit', 0, 6];
const F: Field = ['final', 'bit', 1, 7];
const LUN: Field = ['lun', 'u64', 8];
const ITT: Field = ['initiatorTaskTag', 'u32', 16];
const TTT: Field = ['targetTransferTag', 'u32', 20];
const TARGET_SNS: readonly Field[] = [
  ['statSn', 'u32', 24],
  ['expCmdSn', 'u32', 28],
  ['maxCmdSn', 'u32', 32],
];

export const LAYOUTS: readonly Layout[] = [
  layout('NOP-Out', 0x00, 'IscsiNopOut', [I, LUN, ITT, TTT, ['cmdSn', 'u32', 24], ['expStatSn', 'u32', 28]], [FINAL_1]),
  layout('SCSI Command', 0x01, 'IscsiScsiCommand', [
    I,
    F,
    ['read', 'bit', 1, 6],
    ['write', 'bit', 1, 5],
    ['attr', 'bits', 1, 2, 0],
    LUN,
    ITT,
    ['expectedDataTransferLength', 'u32', 20],
    ['cmdSn', 'u32', 24],
    ['expStatSn', 'u32', 28],
    ['cdb', 'bytes', 32, 16],
  ]),
  layout(
    'Task Management Function Request',
    0x02,
    'IscsiTaskManagementFunctionRequest',
    [
      I,
      ['function', 'bits', 1, 6, 0],
      LUN,
      ITT,
      ['referencedTaskTag', 'u32', 20],
      ['cmdSn', 'u32', 24],
      ['expStatSn', 'u32', 28],
      ['refCmdSn', 'u32', 32],
      ['expDataSn', 'u32', 36],
    ],
    [FINAL_1],
  ),
  layout(
    'Login Request',
    0x03,
    'IscsiLoginRequest',
    [
      ['transit', 'bit', 1, 7],
      ['continue', 'bit', 1, 6],
      ['csg', 'bits', 1, 3, 2],
      ['nsg', 'bits', 1, 1, 0],
      ['versionMax', 'u8', 2],
      ['versionMin', 'u8', 3],
      ['isid', 'u48', 8],
      ['tsih', 'u16', 14],
      ITT,
      ['cid', 'u16', 20],
      ['cmdSn', 'u32', 24],
      ['expStatSn', 'u32', 28],
    ],
    [['immediate', 0, 0x40, 0x40]],
  ),
  layout('Text Request', 0x04, 'IscsiTextRequest', [
    I,
    F,
    ['continue', 'bit', 1, 6],
    LUN,
    ITT,
    TTT,
    ['cmdSn', 'u32', 24],
    ['expStatSn', 'u32', 28],
  ]),
  layout('SCSI Data-Out', 0x05, 'IscsiScsiDataOut', [
    F,
    LUN,
    ITT,
    TTT,
    ['expStatSn', 'u32', 28],
    ['dataSn', 'u32', 36],
    ['bufferOffset', 'u32', 40],
  ]),
  layout(
    'Logout Request',
    0x06,
    'IscsiLogoutRequest',
    [I, ['reasonCode', 'bits', 1, 6, 0], ITT, ['cid', 'u16', 20], ['cmdSn', 'u32', 24], ['expStatSn', 'u32', 28]],
    [FINAL_1],
  ),
  layout(
    'SNACK Request',
    0x10,
    'IscsiSnackRequest',
    [
      ['type', 'bits', 1, 3, 0],
      LUN,
      ITT,
      TTT,
      ['expStatSn', 'u32', 28],
      ['begRun', 'u32', 40],
      ['runLength', 'u32', 44],
    ],
    [FINAL_1],
  ),
  layout('NOP-In', 0x20, 'IscsiNopIn', [LUN, ITT, TTT, ...TARGET_SNS], [FINAL_1]),
  layout(
    'SCSI Response',
    0x21,
    'IscsiScsiResponse',
    [
      ['bidiReadResidualOverflow', 'bit', 1, 4],
      ['bidiReadResidualUnderflow', 'bit', 1, 3],
      ['residualOverflow', 'bit', 1, 2],
      ['residualUnderflow', 'bit', 1, 1],
      ['response', 'u8', 2],
      ['status', 'u8', 3],
      ITT,
      ['snackTag', 'u32', 20],
      ...TARGET_SNS,
      ['expDataSn', 'u32', 36],
      ['bidirectionalReadResidualCount', 'u32', 40],
      ['residualCount', 'u32', 44],
    ],
    [FINAL_1],
  ),
  layout(
    'Task Management Function Response',
    0x22,
    'IscsiTaskManagementFunctionResponse',
    [['response', 'u8', 2], ITT, ...TARGET_SNS],
    [FINAL_1],
  ),
  layout('Login Response', 0x23, 'IscsiLoginResponse', [
    ['transit', 'bit', 1, 7],
    ['continue', 'bit', 1, 6],
    ['csg', 'bits', 1, 3, 2],
    ['nsg', 'bits', 1, 1, 0],
    ['versionMax', 'u8', 2],
    ['versionActive', 'u8', 3],
    ['isid', 'u48', 8],
    ['tsih', 'u16', 14],
    ITT,
    ...TARGET_SNS,
    ['statusClass', 'u8', 36],
    ['statusDetail', 'u8', 37],
  ]),
  layout('Text Response', 0x24, 'IscsiTextResponse', [F, ['continue', 'bit', 1, 6], LUN, ITT, TTT, ...TARGET_SNS]),
  layout('SCSI Data-In', 0x25, 'IscsiScsiDataIn', [
    F,
    ['acknowledge', 'bit', 1, 6],
    ['residualOverflow', 'bit', 1, 2],
    ['residualUnderflow', 'bit', 1, 1],
    ['statusPresent', 'bit', 1, 0],
    ['status', 'u8', 3],
    LUN,
    ITT,
    TTT,
    ...TARGET_SNS,
    ['dataSn', 'u32', 36],
    ['bufferOffset', 'u32', 40],
    ['residualCount', 'u32', 44],
  ]),
  layout(
    'Logout Response',
    0x26,
    'IscsiLogoutResponse',
    [['response', 'u8', 2], ITT, ...TARGET_SNS, ['time2Wait', 'u16', 40], ['time2Retain', 'u16', 42]],
    [FINAL_1],
  ),
  layout(
    'R2T',
    0x31,
    'IscsiR2t',
    [
      LUN,
      ITT,
      TTT,
      ...TARGET_SNS,
      ['r2tSn', 'u32', 36],
      ['bufferOffset', 'u32', 40],
      ['desiredDataTransferLength', 'u32', 44],
    ],
    [FINAL_1],
  ),
  layout(
    'Asynchronous Message',
    0x32,
    'IscsiAsynchronousMessage',
    [
      LUN,
      ...TARGET_SNS,
      ['asyncEvent', 'u8', 36],
      ['asyncVCode', 'u8', 37],
      ['parameter1', 'u16', 38],
      ['parameter2', 'u16', 40],
      ['parameter3', 'u16', 42],
    ],
    [FINAL_1, ...ITT_ALL_ONES],
  ),
  layout(
    'Reject',
    0x3f,
    'IscsiReject',
    [['reason', 'u8', 2], ...TARGET_SNS, ['dataSn', 'u32', 36]],
    [FINAL_1, ...ITT_ALL_ONES],
  ),
];

export const BY_OPCODE: readonly (Layout | undefined)[] = (() => {
  const a: (Layout | undefined)[] = new Array(64).fill(undefined);
  for (const l of LAYOUTS) a[l.opcode] = l;
  return a;
})();
export const BY_NAME: ReadonlyMap<string, Layout> = new Map(LAYOUTS.map((l) => [l.name, l]));

export const UNKNOWN_STRUCTURE = 'IscsiUnknownPdu';
export const BHS_STRUCTURE = 'IscsiBhs';
