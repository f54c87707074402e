// The end-to-end example of docs/notes/cdb.md (README section), run as a test.
import { expect, it } from 'vitest';
// (Imports from the area barrels; with the package they all come from 'scsi-odx'.)
import {
  decodeCdb,
  encodePopulateTokenCdb,
  encodeReceiveRodTokenInformationCdb,
  encodeWriteUsingTokenCdb,
} from '../../src/cdb/index.js';
import {
  decodeWriteUsingTokenParameterList,
  encodePopulateTokenParameterList,
  encodeWriteUsingTokenParameterList,
} from '../../src/parameter-list/index.js';
import { decodeRodToken } from '../../src/rod-token/index.js';
import {
  COPY_OPERATION_STATUS,
  decodeRodTokenInformation,
  encodeRodTokenInformation,
  requiredRodTokenInformationLength,
  TRANSFER_COUNT_UNITS,
} from '../../src/status/index.js';

/** Stand-in for the device: the 550-byte RRTI response after a successful POPULATE TOKEN. */
function deviceRrtiResponse(): Uint8Array {
  const token = new Uint8Array(512);
  token.set([0x00, 0x80, 0x00, 0x00, 0x00, 0x00, 0x01, 0xf8]); // ROD TYPE 00800000h, ROD TOKEN LENGTH 01F8h
  return encodeRodTokenInformation({
    responseToServiceAction: 0x10,
    copyOperationStatus: COPY_OPERATION_STATUS.COMPLETED_WITHOUT_ERRORS,
    operationCounter: 0,
    estimatedStatusUpdateDelay: 0xffff_fffe,
    extendedCopyCompletionStatus: 0,
    senseData: undefined,
    transferCountUnits: TRANSFER_COUNT_UNITS.LOGICAL_BLOCKS,
    transferCount: 2048n,
    segmentsProcessed: 0,
    rodTokenDescriptors: [{ idForCreatingRodCscdDescriptor: 0, rodToken: token }],
  });
}

it('README example: POPULATE TOKEN → RRTI → WRITE USING TOKEN', () => {
  // 1. POPULATE TOKEN: CDB + parameter list (lengths are computed).
  const ptList = encodePopulateTokenParameterList({
    rtv: false,
    immed: false,
    inactivityTimeout: 0,
    rodType: 0,
    blockDeviceRangeDescriptors: [{ logicalBlockAddress: 0n, numberOfLogicalBlocks: 2048 }],
  });
  const ptCdb = encodePopulateTokenCdb({
    listIdentifier: 1,
    parameterListLength: ptList.length,
    groupNumber: 0,
    control: 0,
  });
  expect(ptList.length).toBe(32);
  expect(decodeCdb(ptCdb)).toMatchObject({ kind: 'POPULATE TOKEN', listIdentifier: 1, parameterListLength: 32 });

  // 2. RECEIVE ROD TOKEN INFORMATION for the same list identifier.
  const rrtiCdb = encodeReceiveRodTokenInformationCdb({ listIdentifier: 1, allocationLength: 550, control: 0 });
  expect(rrtiCdb[1]).toBe(0x07);
  const dataIn = deviceRrtiResponse();
  expect(requiredRodTokenInformationLength(dataIn)).toBe(550); // ask again with this if `truncated`
  const info = decodeRodTokenInformation(dataIn);
  expect(info.truncated).toBeUndefined();
  expect(info.copyOperationStatus).toBe(COPY_OPERATION_STATUS.COMPLETED_WITHOUT_ERRORS);
  const rodToken = info.rodTokenDescriptors[0]?.rodToken;
  if (rodToken === undefined) throw new Error('no token');
  expect(decodeRodToken(rodToken).rodType).toBe(0x0080_0000);

  // 3. WRITE USING TOKEN with the token, to the destination range.
  const wutList = encodeWriteUsingTokenParameterList({
    delTkn: true,
    immed: false,
    offsetIntoRod: 0n,
    rodToken,
    blockDeviceRangeDescriptors: [{ logicalBlockAddress: 0x10000n, numberOfLogicalBlocks: 2048 }],
  });
  const wutCdb = encodeWriteUsingTokenCdb({
    listIdentifier: 2,
    parameterListLength: wutList.length,
    groupNumber: 0,
    control: 0,
  });
  expect(wutList.length).toBe(552);
  expect(wutCdb[13]).toBe(0x28);
  // A device server decodes the list strictly, with the CDB's PARAMETER LIST LENGTH.
  expect(decodeWriteUsingTokenParameterList(wutList, { strict: true, parameterListLength: 552 }).rodToken).toEqual(
    rodToken,
  );
});
