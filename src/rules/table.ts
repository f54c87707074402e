/**
 * The device-server rule table: every check the reference copy manager makes, the standard's
 * reference, the response it gives and, where the standard leaves a choice, the conforming
 * alternatives. The copy manager, `senseDataFromCodecError`, the parameter-list decoders (through
 * the rule ids they attach to errors and issues) and the near-miss corpus answer from it.
 *
 * @packageDocumentation
 */
import { ASC_ASCQ } from '../constants/asc-ascq.js';
import { SAM_STATUS } from '../constants/sam-status.js';
import { SENSE_KEY } from '../constants/sense-key.js';
import {
  BLOCK_DEVICE_RANGE_DESCRIPTOR_LAYOUT,
  POPULATE_TOKEN_LAYOUT,
  WRITE_USING_TOKEN_LAYOUT,
} from '../parameter-list/layouts.js';
import { ROD_TOKEN_LAYOUT } from '../rod-token/layout.js';
import type { RuleId } from './ids.js';
import type { DeviceServerRule, RuleFieldPointer, RuleResponse } from './types.js';

export type { RuleId } from './ids.js';

const IR = SENSE_KEY.ILLEGAL_REQUEST;
const PT = POPULATE_TOKEN_LAYOUT.field;
const WUT = WRITE_USING_TOKEN_LAYOUT.field;
const RD = BLOCK_DEVICE_RANGE_DESCRIPTOR_LAYOUT.field;
const TOKEN_AT = WUT.rodToken.offset;

const NONE: RuleFieldPointer = { kind: 'none' };
const cdb = (byte: number, bit?: number): RuleFieldPointer =>
  bit === undefined ? { kind: 'field', commandData: true, byte } : { kind: 'field', commandData: true, byte, bit };
const par = (byte: number, bit?: number): RuleFieldPointer =>
  bit === undefined ? { kind: 'field', commandData: false, byte } : { kind: 'field', commandData: false, byte, bit };
const computed = (commandData: boolean, how: string): RuleFieldPointer => ({ kind: 'computed', commandData, how });
const OFFENDING_CDB = computed(true, 'the offending CDB field (byte and bit of the first bit in error)');
const OFFENDING_PAR = computed(false, 'the offending parameter-list field (byte and bit of the first bit in error)');
const RANGE_LENGTH = computed(
  false,
  'BLOCK DEVICE RANGE DESCRIPTOR LENGTH (byte 14 of POPULATE TOKEN, 534 of WRITE USING TOKEN)',
);

function check(
  senseKey: number,
  ascAscq: number,
  fieldPointer: RuleFieldPointer,
  more?: Partial<RuleResponse>,
): RuleResponse {
  return { status: SAM_STATUS.CHECK_CONDITION, senseKey, ascAscq, fieldPointer, ...more };
}
function good(effect: string): RuleResponse {
  return { status: SAM_STATUS.GOOD, effect };
}
const invalidCdb = (p: RuleFieldPointer) => check(IR, ASC_ASCQ.INVALID_FIELD_IN_CDB, p);
const invalidPar = (p: RuleFieldPointer) => check(IR, ASC_ASCQ.INVALID_FIELD_IN_PARAMETER_LIST, p);
const token = (ascAscq: number, p: RuleFieldPointer) => check(IR, ascAscq, p);
/** What a reported unit attention does; REQUEST SENSE reports it as parameter data instead. */
const UA_CLEARED =
  'the unit attention is cleared; REQUEST SENSE returns this sense as its parameter data, with GOOD status, and clears it too';
const NOT_CHECKED = good('reserved field not checked (SPC: recipients are not required to check reserved fields)');
const RESERVED_REASONING =
  'SPC-5 lets a recipient check reserved fields. The copy manager checks them, like strict decoding, so a device server built on the strict decoders and the copy manager give the same answer.';

type Spec = Omit<DeviceServerRule, 'id' | 'alternatives'> & { readonly alternatives?: readonly RuleResponse[] };

const PT_CMD = ['POPULATE TOKEN'] as const;
const WUT_CMD = ['WRITE USING TOKEN'] as const;
const BOTH = ['POPULATE TOKEN', 'WRITE USING TOKEN'] as const;
const IO = ['READ (10)', 'READ (16)', 'WRITE (10)', 'WRITE (16)'] as const;
const XCOPY_CMD = ['EXTENDED COPY (LID1)', 'EXTENDED COPY (LID4)'] as const;
const XCOPY_CSCD_LENGTH = computed(false, 'CSCD DESCRIPTOR LIST LENGTH (byte 2 LID1, 42 LID4)');
const XCOPY_DESCRIPTOR = computed(false, 'byte 0 (DESCRIPTOR TYPE CODE) of the descriptor');

const SPECS: { readonly [K in RuleId]: Spec } = {
  // ------------------------------------------------------------ any command
  'spc.cdb.unsupported-command': {
    commands: ['any'],
    condition:
      'OPERATION CODE (or OPERATION CODE and SERVICE ACTION) of a command the device server does not implement',
    reference: 'SPC-5 sense data (INVALID COMMAND OPERATION CODE); SPC-5 annex D (20h/00h)',
    response: check(IR, ASC_ASCQ.INVALID_COMMAND_OPERATION_CODE, cdb(0)),
    alternatives: [check(IR, ASC_ASCQ.INVALID_COMMAND_OPERATION_CODE, NONE)],
    reasoning: 'The field pointer at byte 0 tells the host which byte it cannot send; SKSV = 0 is also conforming.',
  },
  'spc.cdb.invalid-field': {
    commands: ['any'],
    condition: 'a CDB field holds a value the command does not accept (a decoder error in the CDB)',
    reference: 'SPC-5 sense key specific data (field pointer); SPC-5 annex D',
    response: invalidCdb(OFFENDING_CDB),
  },
  'spc.cdb.reserved': {
    commands: ['any'],
    condition: 'a reserved bit or byte of the CDB is not zero',
    reference: 'SPC-5 keywords (reserved); SPC-5 sense key specific data (field pointer)',
    response: invalidCdb(OFFENDING_CDB),
    alternatives: [NOT_CHECKED],
    reasoning: RESERVED_REASONING,
  },
  'sam.cdb.naca': {
    commands: ['any'],
    condition: 'NACA = 1 in the CONTROL byte while standard INQUIRY reports NORMACA = 0',
    reference: 'SAM-5 CONTROL byte (NACA); SPC-5 standard INQUIRY data (NORMACA)',
    response: invalidCdb(computed(true, 'the CONTROL byte (the last CDB byte), bit 2')),
  },
  'spc.lun.not-supported': {
    commands: ['any but INQUIRY, REPORT LUNS and REQUEST SENSE'],
    condition: 'the logical unit number addresses no logical unit',
    reference: 'SAM-5 logical unit number not supported; SPC-5 annex D (25h/00h)',
    response: check(IR, ASC_ASCQ.LOGICAL_UNIT_NOT_SUPPORTED, NONE, {
      effect: 'REQUEST SENSE to such a LUN returns this sense as its parameter data, with GOOD status',
    }),
  },
  'sam.unit-attention.power-on': {
    commands: ['any but INQUIRY, REPORT LUNS and REQUEST SENSE'],
    condition: 'first command of an I_T_L nexus with the option powerOnUnitAttention',
    reference: 'SAM-5 unit attention condition; SPC-5 annex D (29h/01h)',
    response: check(SENSE_KEY.UNIT_ATTENTION, 0x2901, NONE, { effect: UA_CLEARED }),
  },
  'sam.unit-attention.reset': {
    commands: ['any but INQUIRY, REPORT LUNS and REQUEST SENSE'],
    condition: 'first command of an I_T nexus after a logical unit reset or target reset',
    reference: 'SAM-5 logical unit reset; SPC-5 annex D (29h/03h)',
    response: check(SENSE_KEY.UNIT_ATTENTION, 0x2903, NONE, { effect: UA_CLEARED }),
  },
  'sam.unit-attention.nexus-loss': {
    commands: ['any but INQUIRY, REPORT LUNS and REQUEST SENSE'],
    condition: 'first command of an I_T nexus after that nexus was lost',
    reference: 'SAM-5 I_T nexus loss; SPC-5 annex D (29h/07h)',
    response: check(SENSE_KEY.UNIT_ATTENTION, 0x2907, NONE, { effect: UA_CLEARED }),
  },
  'spc.parameter-list.invalid-field': {
    commands: ['any with a parameter list'],
    condition:
      'a parameter-list field holds a value the command does not accept (a decoder error without a more specific rule)',
    reference: 'SPC-5 sense key specific data (field pointer); SPC-5 annex D',
    response: invalidPar(OFFENDING_PAR),
  },
  'spc.parameter-list.truncated': {
    commands: ['any with a parameter list'],
    condition:
      'the parameter list is shorter than a structure it must hold (a decoder error without a more specific rule)',
    reference: 'SPC-5 annex D (1Ah/00h PARAMETER LIST LENGTH ERROR)',
    response: check(IR, ASC_ASCQ.PARAMETER_LIST_LENGTH_ERROR, NONE),
  },
  'spc.data-out.short': {
    commands: ['POPULATE TOKEN', 'WRITE USING TOKEN', 'EXTENDED COPY (LID1)'],
    condition: 'the transport delivered fewer data-out bytes than PARAMETER LIST LENGTH announces',
    reference: 'SAM-5 data-out buffer; SPC-5 annex D (1Ah/00h)',
    response: check(IR, ASC_ASCQ.PARAMETER_LIST_LENGTH_ERROR, cdb(10)),
    alternatives: [check(IR, ASC_ASCQ.PARAMETER_LIST_LENGTH_ERROR, NONE)],
    reasoning:
      'The field pointer names PARAMETER LIST LENGTH (CDB bytes 10-13), the field that disagrees with the data.',
  },
  'spc.list-identifier.in-use': {
    commands: ['POPULATE TOKEN', 'WRITE USING TOKEN'],
    condition: 'LIST IDENTIFIER of a copy operation still running on the same I_T_L nexus',
    reference: 'SPC-5 EXTENDED COPY (LID4) LIST ID USAGE 00b; SBC-5 5.12.1, 5.59.1',
    response: check(IR, ASC_ASCQ.OPERATION_IN_PROGRESS, cdb(6)),
    alternatives: [check(IR, ASC_ASCQ.OPERATION_IN_PROGRESS, NONE)],
    reasoning:
      'Points at LIST IDENTIFIER (CDB bytes 6-9); Windows reads 00h/16h as a duplicate list identifier either way.',
  },

  // ------------------------------------------------------------ POPULATE TOKEN
  'sbc.populate-token.parameter-list-length-zero': {
    commands: PT_CMD,
    condition: 'PARAMETER LIST LENGTH 0',
    reference: 'SBC-5 5.12.1',
    response: good('no data is transferred and nothing is done; no result is kept for the list identifier'),
  },
  'sbc.populate-token.parameter-list-length': {
    commands: PT_CMD,
    condition: 'PARAMETER LIST LENGTH 1 to 15 (shorter than the header)',
    reference: 'SBC-5 5.12.1',
    response: check(IR, ASC_ASCQ.PARAMETER_LIST_LENGTH_ERROR, cdb(10)),
    alternatives: [check(IR, ASC_ASCQ.PARAMETER_LIST_LENGTH_ERROR, NONE)],
    reasoning:
      'SBC names no field pointer; pointing at PARAMETER LIST LENGTH (CDB bytes 10-13) names the field in error.',
  },
  'sbc.populate-token.data-length': {
    commands: PT_CMD,
    condition: 'POPULATE TOKEN DATA LENGTH less than 001Eh',
    reference: 'SBC-5 5.12.2',
    response: invalidPar(par(PT.populateTokenDataLength.offset)),
  },
  'sbc.populate-token.data-length-mismatch': {
    commands: PT_CMD,
    condition: 'POPULATE TOKEN DATA LENGTH not equal to BLOCK DEVICE RANGE DESCRIPTOR LENGTH + 14',
    reference: 'SBC-5 5.12.2 (no requirement; WRITE USING TOKEN, 5.59.2, says "should" terminate)',
    response: invalidPar(par(PT.populateTokenDataLength.offset)),
    alternatives: [good('DATA LENGTH ignored; the range list length governs')],
    reasoning:
      'Treated like WRITE USING TOKEN, where SBC says the copy manager should terminate the command: one rule for both lists.',
  },
  'sbc.populate-token.reserved': {
    commands: PT_CMD,
    condition: 'a reserved bit of byte 2, or reserved byte 3, 12 or 13 of the header is not zero',
    reference: 'SBC-5 5.12.2 table 72; SPC-5 keywords (reserved)',
    response: invalidPar(OFFENDING_PAR),
    alternatives: [NOT_CHECKED],
    reasoning: RESERVED_REASONING,
  },
  'sbc.populate-token.range-length': {
    commands: PT_CMD,
    condition:
      'BLOCK DEVICE RANGE DESCRIPTOR LENGTH less than 16 (no descriptor at all, as in a list with zero descriptors)',
    reference: 'SBC-5 5.12.2',
    response: invalidPar(par(PT.blockDeviceRangeDescriptorLength.offset)),
    alternatives: [invalidPar(par(PT.populateTokenDataLength.offset))],
    reasoning:
      'A list with zero descriptors also has DATA LENGTH 000Eh < 001Eh; the range length is checked first and named (byte 14), as by the strict decoder.',
  },
  'sbc.populate-token.partial-descriptor': {
    commands: PT_CMD,
    condition: 'BLOCK DEVICE RANGE DESCRIPTOR LENGTH not a multiple of 16',
    reference: 'SBC-5 5.12.2 ("the last block device range descriptor is incomplete and shall be ignored")',
    response: good('the incomplete last descriptor is ignored; the complete ones are processed'),
  },
  'sbc.populate-token.truncated-descriptors': {
    commands: PT_CMD,
    condition: 'PARAMETER LIST LENGTH cuts off range descriptors (at least one complete descriptor remains)',
    reference: 'SBC-5 5.12.2 ("those block device range descriptors shall be ignored")',
    response: good('the truncated descriptors are ignored; the complete ones are processed'),
  },
  'sbc.populate-token.inactivity-timeout': {
    commands: PT_CMD,
    condition: 'INACTIVITY TIMEOUT greater than MAXIMUM INACTIVITY TIMEOUT (8Fh Block Device ROD Limits)',
    reference: 'SBC-5 5.12.2',
    response: invalidPar(par(PT.inactivityTimeout.offset)),
  },
  'sbc.populate-token.rod-type': {
    commands: PT_CMD,
    condition:
      'RTV = 1 and ROD TYPE is not a point in time copy ROD type this copy manager supports for POPULATE TOKEN (access upon reference, block device zero, copy on write, vendor specific included)',
    reference: 'SBC-5 5.12.2 (a) unsupported for POPULATE TOKEN, (b) not a point in time copy ROD',
    response: invalidPar(par(PT.rodType.offset)),
  },
  'sbc.populate-token.insufficient-resources': {
    commands: PT_CMD,
    condition: 'the live-token limit (in total or for the I_T nexus) is reached',
    reference: 'SPC-5 ROD token creation; SPC-5 annex D (55h/0Dh)',
    response: check(IR, ASC_ASCQ.INSUFFICIENT_RESOURCES_TO_CREATE_ROD_TOKEN, NONE),
  },

  // ------------------------------------------------------------ range descriptors (both lists)
  'sbc.range-descriptor.reserved': {
    commands: BOTH,
    condition: 'reserved bytes 12-15 of a block device range descriptor are not zero',
    reference: 'SBC-5 5.12.3 table 73; SPC-5 keywords (reserved)',
    response: invalidPar(OFFENDING_PAR),
    alternatives: [NOT_CHECKED],
    reasoning: RESERVED_REASONING,
  },
  'sbc.range-descriptors.none': {
    commands: BOTH,
    condition: 'no complete range descriptor (all of them cut off by PARAMETER LIST LENGTH)',
    reference: 'SBC-5 5.12.2, 5.59.2 (descriptors cut off are ignored; a list with none is not a request)',
    response: invalidPar(RANGE_LENGTH),
    alternatives: [check(IR, ASC_ASCQ.PARAMETER_LIST_LENGTH_ERROR, NONE)],
    reasoning: 'As for a range length below 16: the list describes no range, and the range length field says why.',
  },
  'sbc.range-descriptors.too-many': {
    commands: BOTH,
    condition: 'more complete range descriptors than MAXIMUM RANGE DESCRIPTORS (8Fh Block Device ROD Limits)',
    reference: 'SBC-5 5.12.2, 5.59.2',
    response: check(IR, ASC_ASCQ.TOO_MANY_SEGMENT_DESCRIPTORS, RANGE_LENGTH),
    alternatives: [check(IR, ASC_ASCQ.TOO_MANY_SEGMENT_DESCRIPTORS, NONE)],
    reasoning: 'The range length field is what makes the list too long.',
  },
  'sbc.range-descriptors.overlap': {
    commands: BOTH,
    condition: 'the same LBA in more than one range descriptor',
    reference: 'SBC-5 5.12.2, 5.59.2',
    response: invalidPar(
      computed(
        false,
        `LOGICAL BLOCK ADDRESS (byte ${RD.logicalBlockAddress.offset}) of the later-listed of the two descriptors`,
      ),
    ),
    alternatives: [invalidPar(NONE)],
    reasoning: 'Names the descriptor that collides with an earlier one.',
  },
  'sbc.range-descriptors.total-too-large': {
    commands: BOTH,
    condition:
      'the sum of NUMBER OF LOGICAL BLOCKS exceeds MAXIMUM TOKEN TRANSFER SIZE, or its bytes exceed MAXIMUM BYTES IN BLOCK ROD',
    reference: 'SBC-5 5.12.2, 5.59.2',
    response: invalidPar(RANGE_LENGTH),
    alternatives: [invalidPar(NONE)],
    reasoning: 'No single descriptor is at fault; the range list as a whole is.',
  },
  'sbc.range-descriptors.descriptor-too-large': {
    commands: BOTH,
    condition:
      "one descriptor's bytes exceed MAXIMUM BYTES IN BLOCK ROD (8Fh ROD token features, block ROD device type specific descriptor), or Block Limits MAXIMUM TRANSFER LENGTH when that descriptor is not reported",
    reference: 'SBC-5 5.12.3',
    response: invalidPar(
      computed(false, `NUMBER OF LOGICAL BLOCKS (byte ${RD.numberOfLogicalBlocks.offset}) of the descriptor`),
    ),
    reasoning:
      'The copy manager reports MAXIMUM BYTES IN BLOCK ROD = MAXIMUM TOKEN TRANSFER SIZE x block length, so a descriptor too large is always also a total too large, which is checked first; MAXIMUM TRANSFER LENGTH (READ/WRITE) never limits a range.',
  },
  'sbc.range-descriptors.out-of-range': {
    commands: BOTH,
    condition: 'LOGICAL BLOCK ADDRESS + NUMBER OF LOGICAL BLOCKS beyond the capacity (or past 2^64)',
    reference: 'SBC-5 5.12.3',
    response: check(
      IR,
      ASC_ASCQ.LOGICAL_BLOCK_ADDRESS_OUT_OF_RANGE,
      computed(false, `LOGICAL BLOCK ADDRESS (byte ${RD.logicalBlockAddress.offset}) of the descriptor`),
    ),
  },

  // ------------------------------------------------------------ WRITE USING TOKEN
  'sbc.write-using-token.parameter-list-length-zero': {
    commands: WUT_CMD,
    condition: 'PARAMETER LIST LENGTH 0',
    reference: 'SBC-5 5.59.1',
    response: good('no data is transferred and nothing is done'),
  },
  'sbc.write-using-token.header-truncated': {
    commands: WUT_CMD,
    condition: 'PARAMETER LIST LENGTH 1 to 535 (the list cannot hold its 536-byte header with the ROD token)',
    reference: 'SBC-5 5.59.2 table 159; SPC-5 annex D (1Ah/00h)',
    response: check(IR, ASC_ASCQ.PARAMETER_LIST_LENGTH_ERROR, NONE),
    alternatives: [check(IR, ASC_ASCQ.PARAMETER_LIST_LENGTH_ERROR, cdb(10))],
    reasoning: 'SBC gives no rule; the strict decoder reports a truncation without a field pointer.',
  },
  'sbc.write-using-token.data-length': {
    commands: WUT_CMD,
    condition: 'WRITE USING TOKEN DATA LENGTH less than 0226h',
    reference: 'SBC-5 5.59.2',
    response: invalidPar(par(WUT.writeUsingTokenDataLength.offset)),
  },
  'sbc.write-using-token.data-length-mismatch': {
    commands: WUT_CMD,
    condition: 'WRITE USING TOKEN DATA LENGTH not equal to BLOCK DEVICE RANGE DESCRIPTOR LENGTH + 534',
    reference: 'SBC-5 5.59.2 ("should" terminate)',
    response: invalidPar(par(WUT.writeUsingTokenDataLength.offset)),
    alternatives: [good('DATA LENGTH ignored; the range list length governs')],
    reasoning: 'SBC recommends terminating the command.',
  },
  'sbc.write-using-token.reserved': {
    commands: WUT_CMD,
    condition: 'a reserved bit of byte 2, or reserved bytes 3-7 or 528-533 of the header are not zero',
    reference: 'SBC-5 5.59.2 table 159; SPC-5 keywords (reserved)',
    response: invalidPar(OFFENDING_PAR),
    alternatives: [NOT_CHECKED],
    reasoning: RESERVED_REASONING,
  },
  'sbc.write-using-token.range-length': {
    commands: WUT_CMD,
    condition: 'BLOCK DEVICE RANGE DESCRIPTOR LENGTH less than 16',
    reference: 'SBC-5 5.59.2',
    response: invalidPar(par(WUT.blockDeviceRangeDescriptorLength.offset)),
    alternatives: [invalidPar(par(WUT.writeUsingTokenDataLength.offset))],
    reasoning: 'Checked before DATA LENGTH, as by the strict decoder.',
  },
  'sbc.write-using-token.partial-descriptor': {
    commands: WUT_CMD,
    condition: 'BLOCK DEVICE RANGE DESCRIPTOR LENGTH not a multiple of 16',
    reference: 'SBC-5 5.59.2 ("shall be ignored")',
    response: good('the incomplete last descriptor is ignored; the complete ones are processed'),
  },
  'sbc.write-using-token.truncated-descriptors': {
    commands: WUT_CMD,
    condition: 'PARAMETER LIST LENGTH cuts off range descriptors (at least one complete descriptor remains)',
    reference: 'SBC-5 5.59.2 (no rule; 5.12.2 says so for POPULATE TOKEN)',
    response: good('the truncated descriptors are ignored; the complete ones are processed'),
    alternatives: [check(IR, ASC_ASCQ.PARAMETER_LIST_LENGTH_ERROR, NONE)],
    reasoning: 'The same rule as POPULATE TOKEN, whose text requires it.',
  },
  'sbc.write-using-token.offset-into-rod': {
    commands: WUT_CMD,
    condition: 'OFFSET INTO ROD x destination block length at or beyond the bytes the ROD token represents',
    reference: 'SBC-5 5.59.2',
    response: invalidPar(par(WUT.offsetIntoRod.offset)),
  },
  'sbc.write-using-token.short-token': {
    commands: WUT_CMD,
    condition:
      'the token holds fewer bytes (after OFFSET INTO ROD) than the ranges ask for, and the transfer count (whole blocks written, the zero-filled partial block included) is less than requested but not 0',
    reference: 'SBC-5 5.59.2 (transfer whole blocks, zero-fill the partial one); SBC-5 4.28.2 (residual)',
    response: check(SENSE_KEY.COPY_ABORTED, ASC_ASCQ.COPY_TARGET_DEVICE_DATA_UNDERRUN, NONE, {
      information: 'the transfer count in logical blocks',
      effect: 'IMMED = 0; RRTI reports COPY OPERATION STATUS 03h and the same sense (IMMED = 1: GOOD, then RRTI)',
    }),
  },
  'sbc.write-using-token.short-token-none': {
    commands: WUT_CMD,
    condition: 'as short-token, with a transfer count of 0 (less than one destination block left in the token)',
    reference: 'SBC-5 4.28.2',
    response: check(IR, ASC_ASCQ.COPY_TARGET_DEVICE_DATA_UNDERRUN, NONE, {
      information: '0',
      effect: 'RRTI reports COPY OPERATION STATUS 03h',
    }),
  },
  'sbc.write-using-token.short-token-filled': {
    commands: WUT_CMD,
    condition:
      'the token holds fewer bytes than asked for, but the zero-filled partial block makes the transfer count equal to the request',
    reference: 'SBC-5 5.59.2; SBC-5 4.28.2 (03h only when the transfer count differs from the request)',
    response: good('every requested block is written, the part past the token as zeros; RRTI reports 01h'),
  },
  'spc.copy.too-many-background': {
    commands: WUT_CMD,
    condition: 'IMMED = 1 while the maximum number of background copies runs',
    reference: 'SPC-5 annex D (55h/03h INSUFFICIENT RESOURCES); SPC-5 8Fh General Copy Operations',
    response: check(SENSE_KEY.ABORTED_COMMAND, ASC_ASCQ.INSUFFICIENT_RESOURCES, NONE),
    alternatives: [check(IR, ASC_ASCQ.INSUFFICIENT_RESOURCES, NONE)],
    reasoning:
      'A transient shortage the host may retry: ABORTED COMMAND, which Windows retries, not ILLEGAL REQUEST, which it reads as a host bug.',
  },

  // ------------------------------------------------------------ ROD tokens (WRITE USING TOKEN)
  'spc.rod-token.length': {
    commands: WUT_CMD,
    condition: 'ROD TOKEN LENGTH not 01F8h',
    reference: 'SBC-5 5.59.2; SPC-5 ROD token format',
    response: token(
      ASC_ASCQ.INVALID_TOKEN_OPERATION_INVALID_TOKEN_LENGTH,
      par(TOKEN_AT + ROD_TOKEN_LAYOUT.field.rodTokenLength.offset),
    ),
  },
  'spc.rod-token.corrupt': {
    commands: WUT_CMD,
    condition:
      'the ROD token is not well formed (a decoder error in it: a wrong descriptor type, length or association, a reserved bit set)',
    reference: 'SPC-5 ROD token validation (23h/05h TOKEN CORRUPT)',
    response: token(
      ASC_ASCQ.INVALID_TOKEN_OPERATION_TOKEN_CORRUPT,
      computed(false, 'the offending field of the token (ROD TOKEN field at byte 16 + its offset in the token)'),
    ),
    alternatives: [token(ASC_ASCQ.INVALID_TOKEN_OPERATION_TOKEN_UNKNOWN, par(TOKEN_AT))],
    reasoning:
      'A token this copy manager made is always well formed, so a malformed one is reported as corrupt, at the field at fault, before it is looked up.',
  },
  'spc.rod-token.unsupported-type': {
    commands: WUT_CMD,
    condition: 'ROD TYPE of the token not supported for WRITE USING TOKEN (vendor specific, reserved)',
    reference: 'SPC-5 ROD token validation (23h/01h)',
    response: token(ASC_ASCQ.INVALID_TOKEN_OPERATION_UNSUPPORTED_TOKEN_TYPE, par(TOKEN_AT)),
  },
  'spc.rod-token.remote': {
    commands: WUT_CMD,
    condition: 'a token made by another copy manager (REMOTE TOKENS = 0h in 8Fh ROD Token Features)',
    reference: 'SPC-5 ROD token validation (23h/02h)',
    response: token(
      ASC_ASCQ.INVALID_TOKEN_OPERATION_REMOTE_TOKEN_USAGE_NOT_SUPPORTED,
      par(TOKEN_AT + ROD_TOKEN_LAYOUT.field.targetDeviceDescriptor.offset),
    ),
  },
  'spc.rod-token.unknown': {
    commands: WUT_CMD,
    condition:
      'a well-formed token of ours that matches no token, live or recently invalidated (a forgery, an altered byte)',
    reference: 'SBC-5 5.59.2; SPC-5 ROD token validation (23h/04h)',
    response: token(ASC_ASCQ.INVALID_TOKEN_OPERATION_TOKEN_UNKNOWN, par(TOKEN_AT)),
  },
  'spc.rod-token.expired': {
    commands: WUT_CMD,
    condition: 'the inactivity timeout of the token elapsed',
    reference: 'SPC-5 ROD token lifetime; SPC-5 ROD token validation (23h/07h)',
    response: token(ASC_ASCQ.INVALID_TOKEN_OPERATION_TOKEN_EXPIRED, par(TOKEN_AT)),
  },
  'spc.rod-token.cancelled': {
    commands: WUT_CMD,
    condition: 'a change vulnerable token whose source was written',
    reference: 'SPC-5 ROD token validation (23h/08h); SBC-5 4.28 (point in time copy, change vulnerable ROD type)',
    response: token(ASC_ASCQ.INVALID_TOKEN_OPERATION_TOKEN_CANCELLED, par(TOKEN_AT)),
  },
  'spc.rod-token.deleted': {
    commands: WUT_CMD,
    condition: 'a token deleted by an earlier WRITE USING TOKEN with DEL_TKN = 1',
    reference: 'SBC-5 5.59.2 (DEL_TKN); SPC-5 ROD token validation (23h/09h)',
    response: token(ASC_ASCQ.INVALID_TOKEN_OPERATION_TOKEN_DELETED, par(TOKEN_AT)),
  },
  'spc.rod-token.forgotten': {
    commands: WUT_CMD,
    condition:
      'a token invalidated longer ago than its invalidation record is kept (twice its inactivity timeout, at least a minute), or pushed out by the record limit',
    reference: 'SPC-5 ROD token lifetime (records "should" be kept for twice the lifetime)',
    response: token(ASC_ASCQ.INVALID_TOKEN_OPERATION_TOKEN_UNKNOWN, par(TOKEN_AT)),
    alternatives: [token(ASC_ASCQ.INVALID_TOKEN_OPERATION_TOKEN_EXPIRED, par(TOKEN_AT))],
    reasoning:
      'A token has no absolute lifetime here (it lives while used within its inactivity timeout), so its record is kept twice that timeout after it died, as SPC recommends. Records are bounded (option maxInvalidationRecords, default 16 x maxLiveTokens) so a flood of dead tokens cannot grow memory without bound; past the bound the oldest record is forgotten and its token reads TOKEN UNKNOWN. Once its record is gone nothing of the token is kept (its random secret was in the record), so the copy manager cannot tell it from a token it never made (a forgery carrying an identifier it once issued looks the same): the response is that of spc.rod-token.unknown, and its fault is tagged with that rule.',
  },
  'sbc.rod-token.zero-reserved': {
    commands: WUT_CMD,
    condition: 'the block device zero ROD token with a reserved byte (4-5, 8-511) not zero',
    reference: 'SBC-5 4.28.4 (block device zero ROD token); SPC-5 keywords (reserved)',
    response: token(
      ASC_ASCQ.INVALID_TOKEN_OPERATION_TOKEN_CORRUPT,
      computed(false, 'the offending byte and bit of the token (byte 16 + its offset in the token)'),
    ),
    alternatives: [good('reserved bytes not checked: the zero token is recognised by its ROD TYPE')],
    reasoning: RESERVED_REASONING,
  },

  // ------------------------------------------------------------ RRTI, COPY OPERATION ABORT, RECEIVE COPY STATUS
  'spc.copy-results.unknown-list-identifier': {
    commands: [
      'RECEIVE ROD TOKEN INFORMATION',
      'RECEIVE COPY STATUS (LID4)',
      'RECEIVE COPY DATA (LID4)',
      'COPY OPERATION ABORT',
      'RECEIVE COPY STATUS (LID1)',
      'RECEIVE COPY DATA (LID1)',
      'RECEIVE COPY FAILURE DETAILS (LID1)',
    ],
    condition:
      'no copy operation with this LIST IDENTIFIER on this I_T_L nexus (never made, from another I_T nexus, or its results discarded), or the result of an EXTENDED COPY (LID1) asked for by a LID4 receive command or the other way round',
    reference: 'SPC-5 RECEIVE ROD TOKEN INFORMATION command; SPC-5 COPY OPERATION ABORT command',
    response: invalidCdb(cdb(2)),
    alternatives: [invalidCdb(NONE)],
    reasoning: 'Points at LIST IDENTIFIER (CDB bytes 2-5); Windows reads 24h on RRTI as the wrong I_T nexus.',
  },
  'spc.rrti.allocation-length-zero': {
    commands: ['RECEIVE ROD TOKEN INFORMATION'],
    condition: 'ALLOCATION LENGTH 0',
    reference: 'SPC-5 RECEIVE ROD TOKEN INFORMATION command (the parameter data is discarded)',
    response: good('no data; the results of the list identifier are discarded; the ROD token stays valid'),
  },
  'spc.rrti.full-transfer': {
    commands: ['RECEIVE ROD TOKEN INFORMATION'],
    condition: 'ALLOCATION LENGTH at least the whole parameter data of a finished operation',
    reference: 'SPC-5 RECEIVE ROD TOKEN INFORMATION command (discarded once all of it is transferred)',
    response: good('the data is returned and then discarded (a later RRTI gets 24h/00h); the ROD token stays valid'),
  },

  // ------------------------------------------------------------ READ, WRITE, SYNCHRONIZE CACHE
  'sbc.io.protect': {
    commands: IO,
    condition: 'RDPROTECT or WRPROTECT not 000b (standard INQUIRY reports PROTECT = 0)',
    reference: 'SBC-5 READ (10) and WRITE (10) commands (protection fields)',
    response: invalidCdb(cdb(1, 7)),
  },
  'sbc.io.transfer-length': {
    commands: IO,
    condition: 'TRANSFER LENGTH greater than Block Limits MAXIMUM TRANSFER LENGTH (as advertised for the logical unit)',
    reference: 'SBC-5 6.6.4 (Block Limits VPD page, MAXIMUM TRANSFER LENGTH)',
    response: invalidCdb(computed(true, 'TRANSFER LENGTH (byte 7 of the 10-byte CDBs, byte 10 of the 16-byte ones)')),
  },
  'sbc.io.lba-out-of-range': {
    commands: [...IO, 'SYNCHRONIZE CACHE (10)', 'SYNCHRONIZE CACHE (16)'],
    condition: 'LOGICAL BLOCK ADDRESS + TRANSFER LENGTH (NUMBER OF LOGICAL BLOCKS) beyond the capacity',
    reference: 'SBC-5 READ (10) command (LBA and TRANSFER LENGTH beyond the capacity)',
    response: check(IR, ASC_ASCQ.LOGICAL_BLOCK_ADDRESS_OUT_OF_RANGE, cdb(2)),
    alternatives: [check(IR, ASC_ASCQ.LOGICAL_BLOCK_ADDRESS_OUT_OF_RANGE, NONE)],
    reasoning: 'Points at LOGICAL BLOCK ADDRESS (CDB byte 2).',
  },
  'sbc.write.data-out-short': {
    commands: ['WRITE (10)', 'WRITE (16)'],
    condition: 'fewer data-out bytes than TRANSFER LENGTH x block length',
    reference: 'SAM-5 data-out buffer; SPC-5 annex D (1Ah/00h)',
    response: check(IR, ASC_ASCQ.PARAMETER_LIST_LENGTH_ERROR, NONE),
  },

  // ------------------------------------------------------------ EXTENDED COPY (LID1, LID4)
  'spc.extended-copy.parameter-list-length-zero': {
    commands: XCOPY_CMD,
    condition: 'PARAMETER LIST LENGTH 0',
    reference: 'SPC-4 EXTENDED COPY (LID1) command; SPC-4 EXTENDED COPY (LID4) command',
    response: good('no data is transferred and nothing is copied; no result is kept'),
  },
  'spc.extended-copy.header-truncated': {
    commands: XCOPY_CMD,
    condition: 'PARAMETER LIST LENGTH shorter than the header (16 bytes LID1, 48 bytes LID4)',
    reference: 'SPC-4 6.4.3.1; SPC-4 annex D (1Ah/00h)',
    response: check(IR, ASC_ASCQ.PARAMETER_LIST_LENGTH_ERROR, cdb(10)),
    alternatives: [check(IR, ASC_ASCQ.PARAMETER_LIST_LENGTH_ERROR, NONE)],
    reasoning: 'Points at PARAMETER LIST LENGTH (CDB bytes 10-13), the field that disagrees with the lists.',
  },
  'spc.extended-copy.lists-truncated': {
    commands: XCOPY_CMD,
    condition: 'the CSCD, segment and inline data lengths add up to more than the parameter list holds',
    reference: 'SPC-4 6.4.3.5 (PARAMETER LIST LENGTH ERROR)',
    response: check(IR, ASC_ASCQ.PARAMETER_LIST_LENGTH_ERROR, cdb(10)),
    alternatives: [check(IR, ASC_ASCQ.PARAMETER_LIST_LENGTH_ERROR, NONE)],
    reasoning: 'Points at PARAMETER LIST LENGTH (CDB bytes 10-13).',
  },
  'spc.extended-copy.descriptor-list-too-long': {
    commands: XCOPY_CMD,
    condition: 'CSCD DESCRIPTOR LIST LENGTH + SEGMENT DESCRIPTOR LIST LENGTH above MAXIMUM DESCRIPTOR LIST LENGTH',
    reference: 'SPC-4 6.4.3.5',
    response: check(IR, ASC_ASCQ.PARAMETER_LIST_LENGTH_ERROR, XCOPY_CSCD_LENGTH),
    alternatives: [check(IR, ASC_ASCQ.PARAMETER_LIST_LENGTH_ERROR, NONE)],
    reasoning: 'Points at CSCD DESCRIPTOR LIST LENGTH, the first of the two lengths whose sum is too large.',
  },
  'spc.extended-copy.inline-data': {
    commands: XCOPY_CMD,
    condition: 'INLINE DATA LENGTH above MAXIMUM INLINE DATA LENGTH (0: no segment type using it is supported)',
    reference: 'SPC-4 6.4.3.6; SPC-4 annex D (26h/0Bh)',
    response: check(
      IR,
      ASC_ASCQ.INLINE_DATA_LENGTH_EXCEEDED,
      computed(false, 'INLINE DATA LENGTH (byte 12 LID1, 46 LID4)'),
    ),
  },
  'spc.extended-copy.too-many-cscd-descriptors': {
    commands: XCOPY_CMD,
    condition: 'more CSCD descriptors than MAXIMUM CSCD DESCRIPTOR COUNT',
    reference: 'SPC-4 6.4.3.4 (TOO MANY TARGET DESCRIPTORS)',
    response: check(IR, ASC_ASCQ.TOO_MANY_TARGET_DESCRIPTORS, XCOPY_CSCD_LENGTH),
    alternatives: [check(IR, ASC_ASCQ.TOO_MANY_TARGET_DESCRIPTORS, NONE)],
  },
  'spc.extended-copy.too-many-segment-descriptors': {
    commands: XCOPY_CMD,
    condition: 'more segment descriptors than MAXIMUM SEGMENT DESCRIPTOR COUNT',
    reference: 'SPC-4 6.4.3.5 (TOO MANY SEGMENT DESCRIPTORS)',
    response: check(
      IR,
      ASC_ASCQ.TOO_MANY_SEGMENT_DESCRIPTORS,
      computed(false, 'SEGMENT DESCRIPTOR LIST LENGTH (byte 8 LID1, 44 LID4)'),
    ),
    alternatives: [check(IR, ASC_ASCQ.TOO_MANY_SEGMENT_DESCRIPTORS, NONE)],
  },
  'spc.extended-copy.unsupported-cscd-type': {
    commands: XCOPY_CMD,
    condition: 'a CSCD descriptor of a type other than E4h (identification descriptor)',
    reference: 'SPC-4 6.4.5.1 (UNSUPPORTED TARGET DESCRIPTOR TYPE CODE)',
    response: check(IR, ASC_ASCQ.UNSUPPORTED_TARGET_DESCRIPTOR_TYPE_CODE, XCOPY_DESCRIPTOR),
    alternatives: [check(IR, ASC_ASCQ.UNSUPPORTED_TARGET_DESCRIPTOR_TYPE_CODE, NONE)],
  },
  'spc.extended-copy.unsupported-segment-type': {
    commands: XCOPY_CMD,
    condition: 'a segment descriptor of a type other than 02h or 0Ah',
    reference: 'SPC-4 6.4.6.1 (UNSUPPORTED SEGMENT DESCRIPTOR TYPE CODE)',
    response: check(IR, ASC_ASCQ.UNSUPPORTED_SEGMENT_DESCRIPTOR_TYPE_CODE, XCOPY_DESCRIPTOR),
    alternatives: [check(IR, ASC_ASCQ.UNSUPPORTED_SEGMENT_DESCRIPTOR_TYPE_CODE, NONE)],
  },
  'spc.extended-copy.cscd-peripheral-device-type': {
    commands: XCOPY_CMD,
    condition: 'an E4h CSCD descriptor with PERIPHERAL DEVICE TYPE other than 00h (only block devices are copied)',
    reference: 'SPC-4 6.4.5.1 (CSCD descriptor format)',
    response: invalidPar(computed(false, 'byte 1 bit 4 of the CSCD descriptor')),
  },
  'spc.extended-copy.list-id-usage-reserved': {
    commands: XCOPY_CMD,
    condition: 'LIST ID USAGE 01b (reserved)',
    reference: 'SPC-4 6.4.3.2 (LIST ID USAGE field)',
    response: invalidPar(par(1, 4)),
  },
  'spc.extended-copy.no-list-id-nonzero': {
    commands: XCOPY_CMD,
    condition: 'LIST ID USAGE 11b (no list identifier) with a LIST IDENTIFIER other than zero',
    reference: 'SPC-4 6.4.3.2',
    response: invalidPar(computed(false, 'LIST IDENTIFIER (byte 0 LID1, 20 LID4)')),
  },
  'spc.extended-copy.immed-without-list-id': {
    commands: ['EXTENDED COPY (LID4)'],
    condition: 'IMMED = 1 with LIST ID USAGE 11b: the result of a background copy could not be asked for',
    reference: 'SPC-4 6.4.2 (IMMED), 6.4.3.2 (LIST ID USAGE)',
    response: invalidPar(par(1, 4)),
    alternatives: [invalidPar(par(15, 0))],
    reasoning: 'Points at LIST ID USAGE: the copy could run in the background if the list had an identifier.',
  },
  'spc.extended-copy.lid4-list-format': {
    commands: ['EXTENDED COPY (LID4)'],
    condition: 'PARAMETER LIST FORMAT other than 01h',
    reference: 'SPC-4 6.4.2 table 126, table 127',
    response: invalidPar(par(0)),
  },
  'spc.extended-copy.lid4-header-cscd-list-length': {
    commands: ['EXTENDED COPY (LID4)'],
    condition: 'HEADER CSCD DESCRIPTOR LIST LENGTH other than 0020h',
    reference: 'SPC-4 6.4.2 table 126',
    response: invalidPar(par(2)),
  },
  'spc.extended-copy.lid4-header-cscd-type': {
    commands: ['EXTENDED COPY (LID4)'],
    condition: 'HEADER CSCD DESCRIPTOR TYPE CODE other than FFh',
    reference: 'SPC-4 6.4.2 table 126',
    response: invalidPar(par(16)),
  },
  'spc.extended-copy.list-identifier-in-use': {
    commands: XCOPY_CMD,
    condition: 'LIST IDENTIFIER of a copy operation still running on the same I_T_L nexus',
    reference: 'SPC-4 6.4.3.2 (LIST ID USAGE 00b and 10b)',
    response: check(IR, ASC_ASCQ.OPERATION_IN_PROGRESS, computed(false, 'LIST IDENTIFIER (byte 0 LID1, 20 LID4)')),
    alternatives: [check(IR, ASC_ASCQ.OPERATION_IN_PROGRESS, NONE)],
  },
  'spc.extended-copy.unreachable-cscd': {
    commands: XCOPY_CMD,
    condition:
      'a segment names a CSCD descriptor whose designator is not a logical unit this copy manager serves to the I_T nexus, or a CSCD ID with no descriptor',
    reference: 'SPC-4 6.4.5.1; SPC-4 annex D (0Dh/02h); CVE-2020-28374',
    response: check(
      SENSE_KEY.COPY_ABORTED,
      ASC_ASCQ.COPY_TARGET_DEVICE_NOT_REACHABLE,
      computed(false, 'SOURCE or DESTINATION CSCD DESCRIPTOR ID of the segment (its byte 4 or 6)'),
      { effect: 'the segments before it stay copied; RECEIVE COPY FAILURE DETAILS reports it' },
    ),
  },
  'spc.extended-copy.disk-block-length': {
    commands: XCOPY_CMD,
    condition: "an E4h descriptor's DISK BLOCK LENGTH neither 0 nor the logical unit's block length",
    reference: 'SPC-4 6.4.5.4 (block device type specific parameters); SPC-4 annex D (0Dh/03h)',
    response: check(
      SENSE_KEY.COPY_ABORTED,
      ASC_ASCQ.INCORRECT_COPY_TARGET_DEVICE_TYPE,
      computed(false, 'SOURCE or DESTINATION CSCD DESCRIPTOR ID of the segment'),
    ),
  },
  'spc.extended-copy.segment-too-long': {
    commands: XCOPY_CMD,
    condition: 'a segment copying more bytes than MAXIMUM SEGMENT LENGTH',
    reference: 'SPC-4 RECEIVE COPY OPERATING PARAMETERS (MAXIMUM SEGMENT LENGTH)',
    response: invalidPar(
      computed(false, 'BLOCK DEVICE NUMBER OF BLOCKS (02h, byte 10) or NUMBER OF BYTES (0Ah, byte 8)'),
    ),
  },
  'spc.extended-copy.segment-granularity': {
    commands: XCOPY_CMD,
    condition: 'a 02h segment whose byte count is not a multiple of both block lengths',
    reference: 'SPC-4 6.4.6.5; SPC-4 annex D (26h/0Dh)',
    response: check(
      SENSE_KEY.COPY_ABORTED,
      ASC_ASCQ.COPY_SEGMENT_GRANULARITY_VIOLATION,
      computed(false, 'BLOCK DEVICE NUMBER OF BLOCKS of the segment (its byte 10)'),
    ),
  },
  'spc.extended-copy.byte-offset': {
    commands: XCOPY_CMD,
    condition: 'a 0Ah segment with a byte offset not inside the first block',
    reference: 'SPC-4 6.4.6.7 (block device with offset to block device with offset)',
    response: invalidPar(computed(false, 'SOURCE or DESTINATION BLOCK DEVICE BYTE OFFSET (segment byte 28 or 30)')),
  },
  'spc.extended-copy.beyond-capacity': {
    commands: XCOPY_CMD,
    condition: "a segment's source or destination range past the copy target's capacity",
    reference: 'SPC-4 6.4.6 (segment processing); SPC-4 annex D (COPY ABORTED)',
    response: check(
      SENSE_KEY.COPY_ABORTED,
      ASC_ASCQ.NO_ADDITIONAL_SENSE_INFORMATION,
      computed(false, 'the SOURCE or DESTINATION LOGICAL BLOCK ADDRESS of the segment (its byte 12 or 20)'),
      { effect: 'the segments before it stay copied' },
    ),
    alternatives: [check(IR, ASC_ASCQ.LOGICAL_BLOCK_ADDRESS_OUT_OF_RANGE, NONE)],
    reasoning:
      'The copy target was reached and no command to it failed: COPY ABORTED without a third-party device failure; libiscsi ExtendedCopy.ValidSegDescr expects COPY ABORTED.',
  },
  'spc.extended-copy.g-sense': {
    commands: ['EXTENDED COPY (LID4)'],
    condition: 'G_SENSE = 1 and the copy completes',
    reference: 'SPC-4 6.4.2 (G_SENSE); SPC-4 annex D (00h/20h)',
    response: good(
      'GOOD with sense data: COMPLETED, EXTENDED COPY INFORMATION AVAILABLE, COMMAND-SPECIFIC INFORMATION = segments processed',
    ),
  },

  // ------------------------------------------------------------ INQUIRY, MODE SENSE, RSOC, RTPG
  'spc.inquiry.page-code': {
    commands: ['INQUIRY'],
    condition: 'EVPD = 0 with PAGE CODE not 0, or a VPD page that is not served',
    reference: 'SPC-5 INQUIRY command',
    response: invalidCdb(cdb(2)),
  },
  'spc.mode-sense.saved-values': {
    commands: ['MODE SENSE (6)', 'MODE SENSE (10)'],
    condition: 'PC 11b (saved values): nothing is saved',
    reference: 'SPC-5 MODE SENSE (6) command (PC field); SPC-5 annex D (39h/00h)',
    response: check(IR, 0x3900, cdb(2, 7)),
  },
  'spc.mode-sense.page': {
    commands: ['MODE SENSE (6)', 'MODE SENSE (10)'],
    condition: 'a PAGE CODE that is not served',
    reference: 'SPC-5 MODE SENSE (6) command',
    response: invalidCdb(cdb(2, 5)),
  },
  'spc.mode-sense.subpage': {
    commands: ['MODE SENSE (6)', 'MODE SENSE (10)'],
    condition: 'SUBPAGE CODE not 00h or FFh',
    reference: 'SPC-5 MODE SENSE (6) command',
    response: invalidCdb(cdb(3, 7)),
  },
  'spc.rsoc.reporting-options': {
    commands: ['REPORT SUPPORTED OPERATION CODES'],
    condition: 'REPORTING OPTIONS reserved, or 001b/010b for an operation code with / without service actions',
    reference: 'SPC-5 REPORT SUPPORTED OPERATION CODES command',
    response: invalidCdb(cdb(2, 2)),
  },
  'spc.rtpg.parameter-data-format': {
    commands: ['REPORT TARGET PORT GROUPS'],
    condition: 'PARAMETER DATA FORMAT not 000b or 001b',
    reference: 'SPC-5 REPORT TARGET PORT GROUPS command',
    response: invalidCdb(cdb(1, 7)),
  },
};

/**
 * The device-server rules, keyed by id, in table order (iterate with `Object.values`).
 *
 * @example
 * ```ts
 * const r = DEVICE_SERVER_RULES['sbc.populate-token.reserved'];
 * r.response.ascAscq; // 0x2600 INVALID FIELD IN PARAMETER LIST
 * r.alternatives;     // [{ status: 0 (GOOD), ... }]: not checking reserved fields conforms too
 * ```
 * @remarks Since 0.2.0
 */
export const DEVICE_SERVER_RULES: { readonly [K in RuleId]: DeviceServerRule<K> } = Object.freeze(
  Object.fromEntries(
    Object.entries(SPECS).map(([id, s]) => [id, Object.freeze({ id, alternatives: [], ...s } as DeviceServerRule)]),
  ),
) as { readonly [K in RuleId]: DeviceServerRule<K> };

/**
 * Whether `id` names a rule of {@link DEVICE_SERVER_RULES}.
 *
 * @remarks Since 0.2.0
 */
export function isRuleId(id: unknown): id is RuleId {
  return typeof id === 'string' && Object.hasOwn(SPECS, id);
}
