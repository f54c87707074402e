/**
 * The copy manager's byte boundary: every encode/decode goes through this file, which calls the
 * package's codecs.
 *
 * @internal
 */
import type { InquiryCdb } from '../cdb/index.js';
import {
  encodeReadCapacity16ParameterData,
  encodeReportLunsParameterData,
  encodeStandardInquiryData,
  lunFromNumber,
} from '../data-in/index.js';
import type { DecodeIssue, ScsiCodecError } from '../errors.js';
import {
  type BlockDeviceRangeDescriptor,
  decodePopulateTokenParameterList,
  decodeWriteUsingTokenParameterList,
} from '../parameter-list/index.js';
import { buildSenseData, encodeSenseData, senseDataFromCodecError } from '../sense/index.js';
import { encodeAllRodTokens, encodeCopyStatusLid4, encodeRodTokenInformation } from '../status/index.js';
import {
  encodeBlockLimitsVpdPage,
  encodeDeviceIdentificationVpdPage,
  encodeSupportedVpdPagesVpdPage,
  encodeThirdPartyCopyVpdPage,
  type ThirdPartyCopyDescriptor,
} from '../vpd/index.js';
import type { CommandRequest } from './copy-manager.js';
import {
  CM_ROD_TYPE,
  COPY_STATUS,
  type Engine,
  type ItlState,
  type OpRec,
  type PopulateRequest,
  type Range,
  type WriteUsingTokenRequest,
} from './engine.js';
import { cdbAt, type Fault, illegal, paramAt, SK } from './fault.js';
import { logicalUnitDesignation, targetDeviceDesignation } from './token-format.js';

export { makeTokenFormat } from './token-format.js';

// ------------------------------------------------------------------ sense

/** Sense data for a fault (fixed format unless INFORMATION needs more than 32 bits). */
export function senseFromFault(f: Fault): Uint8Array<ArrayBuffer> {
  const p = f.pointer;
  return encodeSenseData(
    buildSenseData({
      senseKey: f.senseKey,
      asc: f.asc,
      ascq: f.ascq,
      information: f.information,
      senseKeySpecific:
        p === undefined
          ? undefined
          : {
              kind: 'fieldPointer',
              sksv: true,
              commandData: p.cd,
              bitPointerValid: p.bit !== undefined,
              bitPointer: p.bit ?? 0,
              fieldPointer: p.field,
            },
    }),
  );
}

/**
 * REQUEST SENSE parameter data (SPC-5): the pending unit attention of the I_T_L nexus, which this
 * clears; else NO SENSE, 00h/00h. An unknown LUN gets ILLEGAL REQUEST, LOGICAL UNIT NOT SUPPORTED
 * (with GOOD status). `desc` selects descriptor format, else fixed format.
 */
export function requestSense(e: Engine, itl: ItlState | undefined, desc: boolean): Uint8Array<ArrayBuffer> {
  let senseKey: number = SK.NO_SENSE;
  let code = 0;
  if (itl === undefined) {
    senseKey = SK.ILLEGAL_REQUEST;
    code = 0x2500;
  } else {
    const ua = e.takeUnitAttention(itl);
    if (ua !== undefined) {
      senseKey = SK.UNIT_ATTENTION;
      code = ua;
    }
  }
  return encodeSenseData(
    buildSenseData({ senseKey, asc: code >> 8, ascq: code & 0xff, format: desc ? 'descriptor' : 'fixed' }),
  );
}

/** A codec error in the CDB (24h/00h) or parameter list (26h/00h, truncation 1Ah/00h) as sense data. */
export function senseFromCodecError(e: ScsiCodecError, where: 'cdb' | 'parameterList'): Uint8Array<ArrayBuffer> {
  return encodeSenseData(senseDataFromCodecError(e, where));
}

// ------------------------------------------------------------------ identification

const VPD_PAGES = [0x00, 0x83, 0x8f, 0xb0] as const;

/** INQUIRY data: standard or one of the VPD pages 00h, 83h, 8Fh, B0h. */
export function inquiry(
  e: Engine,
  req: CommandRequest,
  cdb: InquiryCdb,
  vendor: string,
  product: string,
): Uint8Array<ArrayBuffer> {
  const lu = e.lus.get(req.lun);
  const pq = lu === undefined ? 3 : 0;
  const pdt = lu === undefined ? 0x1f : 0;
  if (!cdb.evpd) {
    if (cdb.pageCode !== 0) illegal(0x24, 0x00, cdbAt(2));
    return standardInquiry(pq, pdt, vendor, product);
  }
  if (lu === undefined) illegal(0x25, 0x00);
  const h = { peripheralQualifier: pq, peripheralDeviceType: pdt };
  const lim = e.limits;
  switch (cdb.pageCode) {
    case 0x00:
      return encodeSupportedVpdPagesVpdPage({ kind: 'supportedVpdPages', ...h, supportedPageCodes: [...VPD_PAGES] });
    case 0x83:
      return deviceIdentification(lu.naa, req.nexus.targetPortId, e.deviceNaa);
    case 0x8f:
      return encodeThirdPartyCopyVpdPage({ kind: 'thirdPartyCopy', ...h, descriptors: thirdPartyCopyDescriptors(e) });
    case 0xb0:
      return encodeBlockLimitsVpdPage({
        kind: 'blockLimits',
        ...h,
        wsnz: false,
        maximumCompareAndWriteLength: 0,
        optimalTransferLengthGranularity: 0,
        maximumTransferLength: lim.maxTransferLength,
        optimalTransferLength: 0,
        maximumPrefetchLength: 0,
      });
    default:
      return illegal(0x24, 0x00, cdbAt(2));
  }
}

/** The 8Fh descriptors, straight from the enforced limits. */
export function thirdPartyCopyDescriptors(e: Engine): ThirdPartyCopyDescriptor[] {
  const lim = e.limits;
  return [
    {
      kind: 'blockDeviceRodLimits',
      vendorSpecific: new Uint8Array(6),
      maximumRangeDescriptors: lim.maxRangeDescriptors,
      maximumInactivityTimeout: lim.maxInactivityTimeout,
      defaultInactivityTimeout: lim.defaultInactivityTimeout,
      maximumTokenTransferSize: lim.maxTokenTransferSize,
      optimalTransferCount: 0n,
    },
    {
      kind: 'supportedCommands',
      commands: [
        { operationCode: 0x83, serviceActions: [0x10, 0x11, 0x1c] },
        { operationCode: 0x84, serviceActions: [0x05, 0x07, 0x08] },
      ],
    },
    {
      kind: 'rodTokenFeatures',
      remoteTokens: 0,
      // No absolute lifetime: a token lives while it is used within its inactivity timeout.
      minimumTokenLifetime: 0,
      maximumTokenLifetime: 0xffff_ffff,
      maximumTokenInactivityTimeout: lim.maxInactivityTimeout,
      deviceTypeSpecificDescriptors: [],
    },
    {
      kind: 'supportedRodTokenAndRodTypes',
      rodTypes: [
        {
          rodType: CM_ROD_TYPE.ACCESS_UPON_REFERENCE,
          ecpyInt: false,
          tokenIn: true,
          tokenOut: true,
          preferenceIndicator: 0,
        },
        { rodType: CM_ROD_TYPE.PIT_DEFAULT, ecpyInt: false, tokenIn: true, tokenOut: true, preferenceIndicator: 0 },
        {
          rodType: CM_ROD_TYPE.PIT_CHANGE_VULNERABLE,
          ecpyInt: false,
          tokenIn: true,
          tokenOut: true,
          preferenceIndicator: 0,
        },
        { rodType: CM_ROD_TYPE.PIT_PERSISTENT, ecpyInt: false, tokenIn: true, tokenOut: true, preferenceIndicator: 0 },
        {
          rodType: CM_ROD_TYPE.BLOCK_DEVICE_ZERO,
          ecpyInt: false,
          tokenIn: true,
          tokenOut: false,
          preferenceIndicator: 0,
        },
      ],
    },
    {
      kind: 'generalCopyOperations',
      totalConcurrentCopies: lim.maxConcurrentCopies,
      maximumIdentifiedConcurrentCopies: lim.maxConcurrentCopies,
      maximumSegmentLength: 0,
      dataSegmentGranularity: 0,
      inlineDataGranularity: 0,
    },
  ];
}

// ------------------------------------------------------------------ data-in parameter data

/** Standard INQUIRY data: SPC-5, 3PC set, no tail (36 bytes). */
function standardInquiry(pq: number, pdt: number, vendor: string, product: string): Uint8Array<ArrayBuffer> {
  return encodeStandardInquiryData({
    peripheralQualifier: pq,
    peripheralDeviceType: pdt,
    rmb: false,
    luCong: false,
    hotPluggable: 0,
    version: 0x07, // SPC-5
    normaca: false,
    hisup: false,
    responseDataFormat: 0x02,
    sccs: false,
    acc: false,
    tpgs: 0,
    threePc: true,
    protect: false,
    encserv: false,
    vs1: false,
    multip: false,
    cmdque: false,
    vs2: false,
    t10VendorIdentification: vendor.slice(0, 8),
    productIdentification: product.slice(0, 16),
    productRevisionLevel: '0100',
  });
}

function deviceIdentification(luNaa: Uint8Array, targetPort: number, deviceNaa: Uint8Array): Uint8Array<ArrayBuffer> {
  return encodeDeviceIdentificationVpdPage({
    kind: 'deviceIdentification',
    peripheralQualifier: 0,
    peripheralDeviceType: 0,
    designationDescriptors: [
      logicalUnitDesignation(luNaa),
      {
        protocolIdentifier: 0,
        codeSet: 1,
        piv: false,
        association: 1,
        designatorType: 4, // relative target port
        designator: Uint8Array.of(0, 0, (targetPort >> 8) & 0xff, targetPort & 0xff),
      },
      targetDeviceDesignation(deviceNaa),
    ],
  });
}

/** READ CAPACITY (16) parameter data: last LBA and block length, everything else zero. */
export function readCapacity16(lastLba: bigint, blockSize: number): Uint8Array<ArrayBuffer> {
  return encodeReadCapacity16ParameterData({
    returnedLogicalBlockAddress: lastLba,
    logicalBlockLengthInBytes: blockSize,
    rcBasis: 0,
    pType: 0,
    protEn: false,
    pIExponent: 0,
    logicalBlocksPerPhysicalBlockExponent: 0,
    lbpme: false,
    lbprz: false,
    lowestAlignedLogicalBlockAddress: 0,
  });
}

/** REPORT LUNS parameter data: the LUN numbers in ascending order, single-level simple form. */
export function reportLuns(luns: readonly number[]): Uint8Array<ArrayBuffer> {
  return encodeReportLunsParameterData({ luns: [...luns].sort((a, b) => a - b).map(lunFromNumber) });
}

function ranges(list: readonly BlockDeviceRangeDescriptor[]): Range[] {
  return list.map((d) => ({ lba: d.logicalBlockAddress, count: d.numberOfLogicalBlocks }));
}

function issue(issues: readonly DecodeIssue[] | undefined, field: string, code?: string): DecodeIssue | undefined {
  return issues?.find((i) => i.field === field && (code === undefined || i.code === code));
}

/**
 * POPULATE TOKEN parameter list → request, applying SBC 5.12: DATA LENGTH < 1Eh and a range list
 * shorter than one descriptor are 26h/00h; a partial last descriptor and descriptors cut off by
 * PARAMETER LIST LENGTH are ignored.
 */
export function populateTokenRequest(bytes: Uint8Array): PopulateRequest {
  const list = decodePopulateTokenParameterList(bytes);
  const dl = issue(list.issues, 'populateTokenDataLength', 'ERR_INVALID_VALUE');
  if (dl !== undefined) illegal(0x26, 0x00, paramAt(dl.offset));
  const rl = issue(list.issues, 'blockDeviceRangeDescriptorLength', 'ERR_INVALID_VALUE');
  if (rl !== undefined) illegal(0x26, 0x00, paramAt(rl.offset));
  return {
    rtv: list.rtv,
    immed: list.immed,
    inactivityTimeout: list.inactivityTimeout,
    rodType: list.rodType,
    ranges: ranges(list.blockDeviceRangeDescriptors),
  };
}

/**
 * WRITE USING TOKEN parameter list → request, applying SBC 5.59: DATA LENGTH < 226h, DATA LENGTH
 * disagreeing with the range list, and a range list shorter than one descriptor are 26h/00h; a list
 * too short for its header is 1Ah/00h (codec ERR_TRUNCATED).
 */
export function writeUsingTokenRequest(bytes: Uint8Array): WriteUsingTokenRequest {
  const list = decodeWriteUsingTokenParameterList(bytes);
  const dl = issue(list.issues, 'writeUsingTokenDataLength');
  if (dl !== undefined) illegal(0x26, 0x00, paramAt(dl.offset));
  const rl = issue(list.issues, 'blockDeviceRangeDescriptorLength', 'ERR_INVALID_VALUE');
  if (rl !== undefined) illegal(0x26, 0x00, paramAt(rl.offset));
  return {
    delTkn: list.delTkn,
    immed: list.immed,
    offsetIntoRod: list.offsetIntoRod,
    token: list.rodToken,
    ranges: ranges(list.blockDeviceRangeDescriptors),
  };
}

/** RRTI (with the ROD token descriptor) or RECEIVE COPY STATUS (LID4) parameter data. */
export function rodTokenInformation(e: Engine, op: OpRec, rrti: boolean): Uint8Array<ArrayBuffer> {
  const done = op.status === COPY_STATUS.COMPLETED || op.status === COPY_STATUS.PARTIAL;
  const header = {
    responseToServiceAction: op.serviceAction,
    copyOperationStatus: op.status,
    operationCounter: op.operationCounter,
    estimatedStatusUpdateDelay: e.estimateMs(op),
    extendedCopyCompletionStatus: op.completionStatus,
    senseData: op.fault === undefined ? undefined : buildFaultSense(op.fault),
    transferCountUnits: 0xf1,
    transferCount: op.transferCount,
    segmentsProcessed: 0,
  };
  if (!rrti) return encodeCopyStatusLid4(header);
  const token = op.token !== undefined && done ? e.tokenBytes(op.token) : undefined;
  // No object spread (V8's slow path): the header object gets its descriptor list added.
  return encodeRodTokenInformation(
    Object.assign(header, {
      rodTokenDescriptors: token === undefined ? [] : [{ idForCreatingRodCscdDescriptor: 0, rodToken: token }],
    }),
  );
}

function buildFaultSense(f: Fault) {
  return buildSenseData({ senseKey: f.senseKey, asc: f.asc, ascq: f.ascq, information: f.information });
}

/** REPORT ALL ROD TOKENS parameter data: the 96-byte ROD management token of every live token. */
export function reportAllRodTokens(e: Engine): Uint8Array<ArrayBuffer> {
  return encodeAllRodTokens({ rodManagementTokens: e.liveTokens().map((t) => e.tokenBytes(t).slice(0, 96)) });
}
