/**
 * The copy manager's byte boundary: every encode/decode goes through this file, which calls the
 * package's codecs.
 *
 * @internal
 */
import type {
  InquiryCdb,
  ModeSense6Cdb,
  ModeSense10Cdb,
  ReportSupportedOperationCodesCdb,
  ReportTargetPortGroupsCdb,
} from '../cdb/index.js';
import { MODE_PAGE_CONTROL, RSOC_REPORTING_OPTIONS, RTPG_PARAMETER_DATA_FORMAT } from '../cdb/index.js';
import { COPY_OPERATION_STATUS } from '../constants/copy-status.js';
import { SENSE_KEY } from '../constants/sense-key.js';
import {
  type CachingModePage,
  type ControlModePage,
  encodeAllCommandsParameterData,
  encodeModeParameterData6,
  encodeModeParameterData10,
  encodeOneCommandParameterData,
  encodeReadCapacity10ParameterData,
  encodeReadCapacity16ParameterData,
  encodeReportLunsParameterData,
  encodeReportTargetPortGroupsParameterData,
  encodeStandardInquiryData,
  INQUIRY_VENDOR_SPECIFIC_LENGTH,
  type InformationalExceptionsControlModePage,
  type KnownModePage,
  lunFromNumber,
  MODE_PAGE_CODE,
  MODE_SUBPAGE_ALL,
  type ModeBlockDescriptor,
  RSOC_SUPPORT,
  readCapacity10ReturnedLba,
  SBC_DEVICE_SPECIFIC_PARAMETER,
  VERSION_DESCRIPTOR,
} from '../data-in/index.js';
import { type DesignationDescriptor, type DesignatorView, designatorBytesOf } from '../designation/index.js';
import type { ScsiCodecError } from '../errors.js';
import { type BlockDeviceRangeDescriptor, decodePopulateTokenParameterList } from '../parameter-list/index.js';
import { readWriteUsingTokenList } from '../parameter-list/write-using-token.js';
import { buildSenseData, encodeSenseData, senseDataFromCodecError } from '../sense/index.js';
import {
  type CopyStatusHeader,
  encodeAllRodTokens,
  encodeCopyStatusLid4,
  encodeRodTokenInformation,
} from '../status/index.js';
import {
  encodeBlockDeviceCharacteristicsVpdPage,
  encodeBlockLimitsVpdPage,
  encodeDeviceIdentificationVpdPage,
  encodeSupportedVpdPagesVpdPage,
  encodeThirdPartyCopyVpdPage,
  MEDIUM_ROTATION_RATE,
} from '../vpd/index.js';
import { type Alua, targetPortGroupDescriptors } from './alua.js';
import { cdbUsageData, type SupportedCommand } from './commands.js';
import {
  type CommandRequest,
  type Engine,
  type ItlState,
  type Lu,
  maxTransferLengthOf,
  type OpRec,
  type PopulateRequest,
  type Range,
  type WriteUsingTokenRequest,
} from './engine.js';
import { type Fault, fail, faultFor, faultSenseData } from './fault.js';
import { logicalUnitDesignation, targetDeviceDesignation } from './token-format.js';
import { LU_BLOCK_FORMAT, unitAttentionRule } from './types.js';
import { thirdPartyCopyDescriptors } from './vpd.js';

export { makeTokenFormat } from './token-format.js';

// ------------------------------------------------------------------ sense

/** Sense data for a fault (see {@link faultSenseData}). */
export function senseFromFault(f: Fault): Uint8Array<ArrayBuffer> {
  return encodeSenseData(faultSenseData(f));
}

/**
 * REQUEST SENSE parameter data (SPC-5): the pending unit attention of the I_T_L nexus, which this
 * clears; else NO SENSE, 00h/00h. An unknown LUN gets ILLEGAL REQUEST, LOGICAL UNIT NOT SUPPORTED
 * (with GOOD status). `desc` selects descriptor format, else fixed format.
 */
export function requestSense(e: Engine, itl: ItlState | undefined, desc: boolean): Uint8Array<ArrayBuffer> {
  const ua = itl === undefined ? undefined : e.takeUnitAttention(itl);
  const f =
    itl === undefined
      ? faultFor('spc.lun.not-supported')
      : ua === undefined
        ? undefined
        : faultFor(unitAttentionRule(ua));
  const format = desc ? 'descriptor' : 'fixed';
  return encodeSenseData(
    buildSenseData(
      f === undefined
        ? { senseKey: SENSE_KEY.NO_SENSE, asc: 0, ascq: 0, format }
        : { senseKey: f.senseKey, asc: f.asc, ascq: f.ascq, format },
    ),
  );
}

/** A codec error in the CDB (24h/00h) or parameter list (26h/00h, truncation 1Ah/00h) as sense data. */
export function senseFromCodecError(e: ScsiCodecError, where: 'cdb' | 'parameterList'): Uint8Array<ArrayBuffer> {
  return encodeSenseData(senseDataFromCodecError(e, where));
}

// ------------------------------------------------------------------ identification

const VPD_PAGES = [0x00, 0x83, 0x8f, 0xb0, 0xb1] as const;

/** What standard INQUIRY and VPD 83h say about the device besides its LUs. */
export interface Identity {
  readonly vendor: string;
  readonly product: string;
  /** Target port groups (TPGS = 01b, target port group designator in 83h), if configured. */
  readonly alua: Alua | undefined;
}

/** INQUIRY data: standard or one of the VPD pages 00h, 83h, 8Fh, B0h, B1h. */
export function inquiry(e: Engine, req: CommandRequest, cdb: InquiryCdb, id: Identity): Uint8Array<ArrayBuffer> {
  const lu = e.lus.get(req.lun);
  const pq = lu === undefined ? 3 : 0;
  const pdt = lu === undefined ? 0x1f : 0;
  if (!cdb.evpd) {
    if (cdb.pageCode !== 0) fail('spc.inquiry.page-code');
    return standardInquiry(pq, pdt, id);
  }
  if (lu === undefined) return fail('spc.lun.not-supported');
  const h = { peripheralQualifier: pq, peripheralDeviceType: pdt };
  const lim = e.limits;
  switch (cdb.pageCode) {
    case 0x00:
      return encodeSupportedVpdPagesVpdPage({ kind: 'supportedVpdPages', ...h, supportedPageCodes: [...VPD_PAGES] });
    case 0x83:
      return deviceIdentification(lu.naa, req.nexus.targetPortId, e.deviceNaa, id.alua);
    case 0x8f:
      return encodeThirdPartyCopyVpdPage({
        kind: 'thirdPartyCopy',
        ...h,
        descriptors: thirdPartyCopyDescriptors(e, lu),
      });
    case 0xb0:
      // The full page (PAGE LENGTH 003Ch, SBC-5 6.6.4): nothing but MAXIMUM TRANSFER LENGTH is
      // reported (no UNMAP, WRITE SAME, COMPARE AND WRITE or atomic writes: all 0).
      return encodeBlockLimitsVpdPage({
        kind: 'blockLimits',
        ...h,
        wsnz: false,
        maximumCompareAndWriteLength: 0,
        optimalTransferLengthGranularity: 0,
        maximumTransferLength: maxTransferLengthOf(lim, lu.blockSize),
        optimalTransferLength: 0,
        maximumPrefetchLength: 0,
        extended: {
          maximumUnmapLbaCount: 0,
          maximumUnmapBlockDescriptorCount: 0,
          optimalUnmapGranularity: 0,
          ugavalid: false,
          unmapGranularityAlignment: 0,
          maximumWriteSameLength: 0n,
          maximumAtomicTransferLength: 0,
          atomicAlignment: 0,
          atomicTransferLengthGranularity: 0,
          maximumAtomicTransferLengthWithAtomicBoundary: 0,
          maximumAtomicBoundarySize: 0,
        },
      });
    case 0xb1:
      // Memory: no rotation, no form factor, not zoned, no erase or depopulation semantics.
      return encodeBlockDeviceCharacteristicsVpdPage({
        kind: 'blockDeviceCharacteristics',
        ...h,
        mediumRotationRate: MEDIUM_ROTATION_RATE.NON_ROTATING,
        productType: 0,
        wabereq: 0,
        wacereq: 0,
        nominalFormFactor: 0,
        mact: false,
        zoned: 0,
        rbwz: false,
        bocs: false,
        fuab: false,
        vbuls: false,
        depopulationTime: 0,
      });
    default:
      return fail('spc.inquiry.page-code');
  }
}

// ------------------------------------------------------------------ data-in parameter data

/**
 * VERSION DESCRIPTORs claimed in standard INQUIRY data (bytes 58-63): SAM-5, SPC-4 (VERSION is
 * 06h) and SBC-3 (the third-party copy commands and the 003Ch Block Limits page; libiscsi's
 * iscsi-test-cu only accepts that page length from a device that claims 04C0h).
 */
const VERSION_DESCRIPTORS = [VERSION_DESCRIPTOR.SAM_5, VERSION_DESCRIPTOR.SPC_4, VERSION_DESCRIPTOR.SBC_3];

/**
 * Standard INQUIRY data: VERSION 06h (SPC-4), 3PC set, 20 zero vendor specific bytes and three
 * VERSION DESCRIPTORs (64 bytes).
 */
function standardInquiry(pq: number, pdt: number, id: Identity): Uint8Array<ArrayBuffer> {
  return encodeStandardInquiryData({
    peripheralQualifier: pq,
    peripheralDeviceType: pdt,
    rmb: false,
    luCong: false,
    hotPluggable: 0,
    version: 0x06, // SPC-4 (every command served is in SPC-4; initiator test suites accept 4-6 only)
    normaca: false,
    hisup: false,
    responseDataFormat: 0x02,
    sccs: false,
    acc: false,
    tpgs: id.alua === undefined ? 0 : 1, // 01b: implicit asymmetric access only
    threePc: true,
    protect: false,
    encserv: false,
    vs1: false,
    multip: false,
    cmdque: false,
    vs2: false,
    t10VendorIdentification: id.vendor.slice(0, 8),
    productIdentification: id.product.slice(0, 16),
    productRevisionLevel: '0100',
    vendorSpecific: new Uint8Array(INQUIRY_VENDOR_SPECIFIC_LENGTH),
    versionDescriptors: VERSION_DESCRIPTORS,
  });
}

/** A target port designator (association 01b, binary) from a typed designator view. */
function targetPortDesignation(view: DesignatorView): DesignationDescriptor {
  const { designatorType, designator } = designatorBytesOf(view);
  return { protocolIdentifier: 0, codeSet: 1, piv: false, association: 1, designatorType, designator };
}

/**
 * VPD 83h: the LU's NAA designator, the relative target port designator of the port the command
 * came through, its target port group designator (when groups are configured and the port is in
 * one), and the target device's NAA designator.
 */
function deviceIdentification(
  luNaa: Uint8Array,
  targetPort: number,
  deviceNaa: Uint8Array,
  alua: Alua | undefined,
): Uint8Array<ArrayBuffer> {
  const group = alua?.groupOfPort.get(targetPort);
  return encodeDeviceIdentificationVpdPage({
    kind: 'deviceIdentification',
    peripheralQualifier: 0,
    peripheralDeviceType: 0,
    designationDescriptors: [
      logicalUnitDesignation(luNaa),
      targetPortDesignation({ kind: 'relativeTargetPort', relativeTargetPortIdentifier: targetPort }),
      ...(group === undefined ? [] : [targetPortDesignation({ kind: 'targetPortGroup', targetPortGroup: group })]),
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
    ...LU_BLOCK_FORMAT,
  });
}

/** READ CAPACITY (10) parameter data: last LBA (FFFFFFFFh when it does not fit) and block length. */
export function readCapacity10(lastLba: bigint, blockSize: number): Uint8Array<ArrayBuffer> {
  return encodeReadCapacity10ParameterData({
    returnedLogicalBlockAddress: readCapacity10ReturnedLba(lastLba),
    logicalBlockLengthInBytes: blockSize,
  });
}

// ------------------------------------------------------------------ mode pages

/**
 * Current (= default) mode page values. Nothing is changeable (MODE SELECT is not implemented),
 * nothing is saved (PS = 0). No cache: WCE = 0, and every write is on the medium before GOOD.
 * Control: one task set for all I_T nexuses (TST 000b), restricted reordering, QERR 00b,
 * fixed-format sense unless INFORMATION needs 64 bits (D_SENSE = 0), no software write protect.
 * Informational exceptions are not reported (DEXCPT = 1, MRIE 0).
 */
const CACHING_PAGE: CachingModePage = {
  kind: 'caching',
  ps: false,
  ic: false,
  abpf: false,
  cap: false,
  disc: false,
  size: false,
  wce: false,
  mf: false,
  rcd: false,
  demandReadRetentionPriority: 0,
  writeRetentionPriority: 0,
  disablePreFetchTransferLength: 0,
  minimumPreFetch: 0,
  maximumPreFetch: 0,
  maximumPreFetchCeiling: 0,
  fsw: false,
  lbcss: false,
  dra: false,
  vendorSpecific: 0,
  syncProg: 0,
  nvDis: false,
  numberOfCacheSegments: 0,
  cacheSegmentSize: 0,
};
const CONTROL_PAGE: ControlModePage = {
  kind: 'control',
  ps: false,
  tst: 0,
  tmfOnly: false,
  dpicz: false,
  dSense: false,
  gltsd: false,
  rlec: false,
  queueAlgorithmModifier: 0,
  nuar: false,
  qerr: 0,
  vs: false,
  rac: false,
  uaIntlckCtrl: 0,
  swp: false,
  ato: false,
  tas: false,
  atmpe: false,
  rwwp: false,
  sblp: false,
  autoloadMode: 0,
  busyTimeoutPeriod: 0,
  extendedSelfTestCompletionTime: 0,
};
const IEC_PAGE: InformationalExceptionsControlModePage = {
  kind: 'informationalExceptionsControl',
  ps: false,
  perf: false,
  ebf: false,
  ewasc: false,
  dexcpt: true,
  test: false,
  ebackerr: false,
  logerr: false,
  mrie: 0,
  intervalTimer: 0,
  reportCount: 0,
};

/** The mode pages served, in page code order, with their current values. */
const MODE_PAGES: ReadonlyMap<number, KnownModePage> = new Map<number, KnownModePage>([
  [MODE_PAGE_CODE.CACHING, CACHING_PAGE],
  [MODE_PAGE_CODE.CONTROL, CONTROL_PAGE],
  [MODE_PAGE_CODE.INFORMATIONAL_EXCEPTIONS_CONTROL, IEC_PAGE],
]);

/** The changeable-values form of a page: every field zero (nothing can be changed). */
function unchangeable(page: KnownModePage): KnownModePage {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(page)) out[k] = k === 'kind' ? v : typeof v === 'boolean' ? false : 0;
  return out as unknown as KnownModePage;
}

/**
 * MODE SENSE (6) / (10) parameter data (SPC-5 "MODE SENSE(6) command", "Mode parameters"):
 * header (WP = 0, DPOFUA = 1), one block descriptor unless DBD (long LBA only with LLBAA in
 * MODE SENSE (10)), then the requested pages. PC 11b (saved values) is 39h/00h SAVING PARAMETERS
 * NOT SUPPORTED; a page or subpage that is not served is 24h/00h INVALID FIELD IN CDB.
 */
export function modeSense(lu: Lu, cdb: ModeSense6Cdb | ModeSense10Cdb): Uint8Array<ArrayBuffer> {
  if (cdb.pc === MODE_PAGE_CONTROL.SAVED) fail('spc.mode-sense.saved-values');
  let pages: KnownModePage[];
  if (cdb.pageCode === MODE_PAGE_CODE.ALL_PAGES) pages = [...MODE_PAGES.values()];
  else {
    const page = MODE_PAGES.get(cdb.pageCode);
    if (page === undefined) return fail('spc.mode-sense.page');
    pages = [page];
  }
  // Every page served is a page_0 page: subpage 00h, or FFh (all subpages) gives the same.
  if (cdb.subpageCode !== 0 && cdb.subpageCode !== MODE_SUBPAGE_ALL) fail('spc.mode-sense.subpage');
  if (cdb.pc === MODE_PAGE_CONTROL.CHANGEABLE) pages = pages.map(unchangeable);
  const long = cdb.kind === 'MODE SENSE (10)' && cdb.llbaa;
  const maxBlocks = long ? (1n << 64n) - 1n : 0xffff_ffffn;
  const blockDescriptors: ModeBlockDescriptor[] = cdb.dbd
    ? []
    : [{ numberOfLogicalBlocks: lu.capacity > maxBlocks ? maxBlocks : lu.capacity, logicalBlockLength: lu.blockSize }];
  const common = {
    mediumType: 0,
    deviceSpecificParameter: SBC_DEVICE_SPECIFIC_PARAMETER.DPOFUA,
    blockDescriptors,
    modePages: pages,
  };
  return cdb.kind === 'MODE SENSE (6)'
    ? encodeModeParameterData6(common)
    : encodeModeParameterData10({ ...common, longLba: long && !cdb.dbd }); // LONGLBA describes descriptors sent
}

/** REPORT LUNS parameter data: the LUN numbers in ascending order, single-level simple form. */
export function reportLuns(luns: readonly number[]): Uint8Array<ArrayBuffer> {
  return encodeReportLunsParameterData({ luns: [...luns].sort((a, b) => a - b).map(lunFromNumber) });
}

function ranges(list: readonly BlockDeviceRangeDescriptor[]): Range[] {
  return list.map((d) => ({ lba: d.logicalBlockAddress, count: d.numberOfLogicalBlocks }));
}

/** Strict decoding: every finding a device server rejects throws, with its rule (see `DEVICE_SERVER_RULES`). */
const STRICT = Object.freeze({ strict: true });

/**
 * POPULATE TOKEN parameter list → request. Decoded strictly, as the README's device server does:
 * what it rejects throws a `ScsiCodecError` carrying its rule, which `execute()` answers with
 * `senseDataFromCodecError`; what SBC says to ignore (a partial last descriptor, descriptors cut off
 * by PARAMETER LIST LENGTH) is ignored.
 */
export function populateTokenRequest(bytes: Uint8Array): PopulateRequest {
  const list = decodePopulateTokenParameterList(bytes, STRICT);
  return {
    rtv: list.rtv,
    immed: list.immed,
    inactivityTimeout: list.inactivityTimeout,
    rodType: list.rodType,
    ranges: ranges(list.blockDeviceRangeDescriptors),
    descriptors: list.blockDeviceRangeDescriptors,
  };
}

/** WRITE USING TOKEN parameter list → request, decoded strictly like {@link populateTokenRequest}. */
export function writeUsingTokenRequest(bytes: Uint8Array): WriteUsingTokenRequest {
  // the token as a view of the list: the engine only compares it while the command runs
  const list = readWriteUsingTokenList(bytes, STRICT, true);
  return {
    delTkn: list.delTkn,
    immed: list.immed,
    offsetIntoRod: list.offsetIntoRod,
    token: list.rodToken,
    ranges: ranges(list.blockDeviceRangeDescriptors),
    descriptors: list.blockDeviceRangeDescriptors,
  };
}

/**
 * The copy status header of a POPULATE TOKEN or WRITE USING TOKEN result (SPC-5 "RECEIVE COPY
 * STATUS (LID4)"; RRTI and RECEIVE COPY DATA (LID4) start with it): TRANSFER COUNT in logical
 * blocks (units F1h).
 */
export function copyStatusHeader(e: Engine, op: OpRec): CopyStatusHeader {
  return {
    responseToServiceAction: op.serviceAction,
    copyOperationStatus: op.status,
    operationCounter: op.operationCounter,
    estimatedStatusUpdateDelay: e.estimateMs(op),
    extendedCopyCompletionStatus: op.completionStatus,
    senseData: op.fault === undefined ? undefined : faultSenseData(op.fault),
    transferCountUnits: 0xf1,
    transferCount: op.transferCount,
    segmentsProcessed: 0,
  };
}

/** RRTI (with the ROD token descriptor) or RECEIVE COPY STATUS (LID4) parameter data. */
export function rodTokenInformation(e: Engine, op: OpRec, rrti: boolean): Uint8Array<ArrayBuffer> {
  const header = copyStatusHeader(e, op);
  if (!rrti) return encodeCopyStatusLid4(header);
  const done =
    op.status === COPY_OPERATION_STATUS.COMPLETED_WITHOUT_ERRORS ||
    op.status === COPY_OPERATION_STATUS.COMPLETED_WITHOUT_ERRORS_PARTIAL_ROD_TOKEN_USAGE;
  const token = op.token !== undefined && done ? e.tokenBytes(op.token) : undefined;
  // The header object gets its descriptor list added in place (cheaper than an object spread).
  return encodeRodTokenInformation(
    Object.assign(header, {
      rodTokenDescriptors: token === undefined ? [] : [{ idForCreatingRodCscdDescriptor: 0, rodToken: token }],
    }),
  );
}

/** REPORT ALL ROD TOKENS parameter data: the 96-byte ROD management token of every live token. */
export function reportAllRodTokens(e: Engine): Uint8Array<ArrayBuffer> {
  return encodeAllRodTokens({ rodManagementTokens: e.liveTokens().map((t) => e.tokenBytes(t).slice(0, 96)) });
}

// ------------------------------------------------------------------ REPORT SUPPORTED OPERATION CODES

/** Command timeouts descriptor: no nominal or recommended timeout indicated (SPC-5: 0 = none). */
const NO_TIMEOUTS = { commandSpecific: 0, nominalCommandProcessingTimeout: 0, recommendedCommandTimeout: 0 };

/**
 * REPORT SUPPORTED OPERATION CODES parameter data from the command table (SPC-5 "REPORT SUPPORTED
 * OPERATION CODES command"): all_commands for REPORTING OPTIONS 000b; one_command for 001b (an
 * opcode with service actions is 24h/00h), 010b (an opcode without them is 24h/00h) and 011b; a
 * command not in the table is SUPPORT 001b; other REPORTING OPTIONS are 24h/00h. RCTD adds a
 * command timeouts descriptor everywhere.
 */
export function reportSupportedOperationCodes(
  commands: ReadonlyMap<string, SupportedCommand>,
  cdb: ReportSupportedOperationCodesCdb,
): Uint8Array<ArrayBuffer> {
  const list = [...commands.values()];
  const timeouts = cdb.rctd ? { commandTimeouts: NO_TIMEOUTS } : {};
  const op = cdb.requestedOperationCode;
  const withSa = list.some((c) => c.operationCode === op && c.serviceAction !== undefined);
  let bySa: boolean;
  switch (cdb.reportingOptions) {
    case RSOC_REPORTING_OPTIONS.ALL:
      return encodeAllCommandsParameterData({
        commandDescriptors: list.map((c) => ({
          operationCode: c.operationCode,
          serviceAction: c.serviceAction ?? 0,
          servactv: c.serviceAction !== undefined,
          rwcdlp: false,
          mlu: 0,
          cdlp: 0,
          cdbLength: c.cdbLength,
          ...timeouts,
        })),
      });
    case RSOC_REPORTING_OPTIONS.OPCODE:
      if (withSa) fail('spc.rsoc.reporting-options');
      bySa = false;
      break;
    case RSOC_REPORTING_OPTIONS.OPCODE_AND_SERVICE_ACTION:
      if (!withSa) fail('spc.rsoc.reporting-options');
      bySa = true;
      break;
    case RSOC_REPORTING_OPTIONS.OPCODE_AND_SERVICE_ACTION_IF_ANY:
      bySa = withSa;
      break;
    default:
      return fail('spc.rsoc.reporting-options');
  }
  const c = list.find(
    (x) =>
      x.operationCode === op && (bySa ? x.serviceAction === cdb.requestedServiceAction : x.serviceAction === undefined),
  );
  const base = { rwcdlp: false, mlu: 0, cdlp: 0 };
  if (c === undefined) {
    return encodeOneCommandParameterData({
      ...base,
      support: RSOC_SUPPORT.NOT_SUPPORTED,
      cdbUsageData: new Uint8Array(0),
    });
  }
  return encodeOneCommandParameterData({
    ...base,
    support: RSOC_SUPPORT.SUPPORTED,
    cdbUsageData: cdbUsageData(c),
    ...timeouts,
  });
}

// ------------------------------------------------------------------ REPORT TARGET PORT GROUPS

/**
 * REPORT TARGET PORT GROUPS parameter data for one LU (SPC-5 "REPORT TARGET PORT GROUPS
 * command"): every group, active/optimized (PREF) through the owner, active/non-optimized through
 * the others; PARAMETER DATA FORMAT 000b or 001b (IMPLICIT TRANSITION TIME 0: not specified),
 * anything else 24h/00h.
 */
export function reportTargetPortGroups(
  alua: Alua,
  lun: number,
  cdb: ReportTargetPortGroupsCdb,
): Uint8Array<ArrayBuffer> {
  const descriptors = targetPortGroupDescriptors(alua, lun);
  switch (cdb.parameterDataFormat) {
    case RTPG_PARAMETER_DATA_FORMAT.LENGTH_ONLY:
      return encodeReportTargetPortGroupsParameterData({
        parameterDataFormat: 0,
        targetPortGroupDescriptors: descriptors,
      });
    case RTPG_PARAMETER_DATA_FORMAT.EXTENDED:
      return encodeReportTargetPortGroupsParameterData({
        parameterDataFormat: 1,
        implicitTransitionTime: 0,
        targetPortGroupDescriptors: descriptors,
      });
    default:
      return fail('spc.rtpg.parameter-data-format');
  }
}
