/**
 * The copy manager's byte boundary: every encode/decode goes through this file, which calls the
 * package's codecs.
 *
 * TEMPORARY sections (marked) build structures whose codecs have not landed on main yet; they are
 * replaced by the real codecs as those arrive.
 *
 * @internal
 */
import type { InquiryCdb } from '../cdb/index.js';
import { encodeDesignationDescriptor } from '../designation/index.js';
import type { ScsiCodecError } from '../errors.js';
import { ByteReader } from '../internal/byte-reader.js';
import { ByteWriter } from '../internal/byte-writer.js';
import { encodeSenseData, type SenseData } from '../sense/index.js';
import { senseKeySpecificKind } from '../sense/sense-key-specific.js';
import { encodeBlockLimitsVpdPage } from '../vpd/block-limits.js';
import { encodeSupportedVpdPagesVpdPage } from '../vpd/supported-vpd-pages.js';
import { encodeThirdPartyCopyVpdPage, type ThirdPartyCopyDescriptor } from '../vpd/third-party-copy.js';
import type { CommandRequest, CopyManager } from './copy-manager.js';
import {
  CM_ROD_TYPE,
  COPY_STATUS,
  type Engine,
  type OpRec,
  type PopulateRequest,
  type Range,
  type WriteUsingTokenRequest,
} from './engine.js';
import { cdbAt, type Fault, illegal, paramAt } from './fault.js';

export { tokenFormat } from './token-format.js';

// ------------------------------------------------------------------ sense

/** Sense data for a fault: fixed format, or descriptor format when INFORMATION needs > 32 bits. */
export function senseFromFault(f: Fault): Uint8Array<ArrayBuffer> {
  const kind = senseKeySpecificKind(f.senseKey);
  const p = f.pointer;
  const sks =
    p !== undefined && kind === 'fieldPointer'
      ? {
          kind: 'fieldPointer' as const,
          sksv: true,
          commandData: p.cd,
          bitPointerValid: p.bit !== undefined,
          bitPointer: p.bit ?? 0,
          fieldPointer: p.field,
        }
      : noSks(f.senseKey);
  const info = f.information;
  let s: SenseData;
  if (info !== undefined && info > 0xffff_ffffn) {
    s = {
      format: 'descriptor',
      responseCode: 0x72,
      senseKey: f.senseKey,
      additionalSenseCode: f.asc,
      additionalSenseCodeQualifier: f.ascq,
      sdatOvfl: false,
      descriptors: [
        { type: 'information', valid: true, information: info },
        ...(sks.sksv ? [{ type: 'senseKeySpecific' as const, senseKeySpecific: sks }] : []),
      ],
    };
  } else {
    s = {
      format: 'fixed',
      responseCode: 0x70,
      valid: info !== undefined,
      segmentNumber: 0,
      filemark: false,
      eom: false,
      ili: false,
      sdatOvfl: false,
      senseKey: f.senseKey,
      information: Number(info ?? 0n),
      commandSpecificInformation: 0,
      additionalSenseCode: f.asc,
      additionalSenseCodeQualifier: f.ascq,
      fieldReplaceableUnitCode: 0,
      senseKeySpecific: sks,
      additionalSenseBytes: new Uint8Array(0),
    };
  }
  return encodeSenseData(s);
}

function noSks(senseKey: number) {
  const kind = senseKeySpecificKind(senseKey);
  switch (kind) {
    case 'fieldPointer':
      return { kind, sksv: false, commandData: false, bitPointerValid: false, bitPointer: 0, fieldPointer: 0 } as const;
    case 'segmentPointer':
      return {
        kind,
        sksv: false,
        segmentDescriptor: false,
        bitPointerValid: false,
        bitPointer: 0,
        fieldPointer: 0,
      } as const;
    case 'actualRetryCount':
      return { kind, sksv: false, actualRetryCount: 0 } as const;
    case 'progressIndication':
      return { kind, sksv: false, progressIndication: 0 } as const;
    case 'unitAttentionQueueOverflow':
      return { kind, sksv: false, overflow: false } as const;
    default:
      return { kind: 'raw', sksv: false, value: 0 } as const;
  }
}

/** TEMPORARY (until senseDataFromCodecError lands): a codec error as ILLEGAL REQUEST sense. */
export function senseFromCodecError(e: ScsiCodecError, where: 'cdb' | 'parameterList'): Uint8Array<ArrayBuffer> {
  const pointer = { cd: where === 'cdb', field: Math.min(e.offset, 0xffff), bit: e.bit };
  if (where === 'cdb') return senseFromFault({ senseKey: 5, asc: 0x24, ascq: 0, pointer });
  if (e.code === 'ERR_TRUNCATED') return senseFromFault({ senseKey: 5, asc: 0x1a, ascq: 0 });
  return senseFromFault({ senseKey: 5, asc: 0x26, ascq: 0, pointer });
}

// ------------------------------------------------------------------ identification

/** Target device designation descriptor (association 10b, NAA) carried in every token. */
export function targetDeviceDescriptor(naa: Uint8Array): Uint8Array<ArrayBuffer> {
  return encodeDesignationDescriptor({
    protocolIdentifier: 0,
    codeSet: 1,
    piv: false,
    association: 2,
    designatorType: 3,
    designator: naa,
  });
}

const VPD_PAGES = [0x00, 0x83, 0x8f, 0xb0] as const;

/** INQUIRY data: standard or one of the VPD pages 00h, 83h, 8Fh, B0h. */
export function inquiry(cm: CopyManager, req: CommandRequest, cdb: InquiryCdb): Uint8Array<ArrayBuffer> {
  const e = cm.internalEngine;
  const lu = e.lus.get(req.lun);
  const pq = lu === undefined ? 3 : 0;
  const pdt = lu === undefined ? 0x1f : 0;
  if (!cdb.evpd) {
    if (cdb.pageCode !== 0) illegal(0x24, 0x00, cdbAt(2));
    return standardInquiry(pq, pdt, cm.identification.vendor, cm.identification.product);
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
      minimumTokenLifetime: 1,
      maximumTokenLifetime: lim.maxInactivityTimeout,
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

// ------------------------------------------------------------------ TEMPORARY encoders / decoders
// (structures whose codecs are not on main yet)

function standardInquiry(pq: number, pdt: number, vendor: string, product: string): Uint8Array<ArrayBuffer> {
  const w = new ByteWriter(36, 'StandardInquiryData');
  w.bits(0, 7, 5, pq, 'peripheralQualifier');
  w.bits(0, 4, 0, pdt, 'peripheralDeviceType');
  w.u8(2, 0x07, 'version'); // SPC-5
  w.u8(3, 0x02, 'responseDataFormat');
  w.u8(4, 31, 'additionalLength');
  w.bit(5, 3, true, '3pc');
  w.ascii(8, 8, vendor.slice(0, 8), 'vendorIdentification');
  w.ascii(16, 16, product.slice(0, 16), 'productIdentification');
  w.ascii(32, 4, '0100', 'productRevisionLevel');
  return w.finish();
}

function deviceIdentification(luNaa: Uint8Array, targetPort: number, deviceNaa: Uint8Array): Uint8Array<ArrayBuffer> {
  const lu = encodeDesignationDescriptor({
    protocolIdentifier: 0,
    codeSet: 1,
    piv: false,
    association: 0,
    designatorType: 3,
    designator: luNaa,
  });
  const port = encodeDesignationDescriptor({
    protocolIdentifier: 0,
    codeSet: 1,
    piv: false,
    association: 1,
    designatorType: 4,
    designator: Uint8Array.of(0, 0, (targetPort >> 8) & 0xff, targetPort & 0xff),
  });
  const dev = targetDeviceDescriptor(deviceNaa);
  const w = new ByteWriter(4 + lu.length + port.length + dev.length, 'DeviceIdentificationVpdPage');
  w.u8(1, 0x83, 'pageCode');
  w.u16(2, lu.length + port.length + dev.length, 'pageLength');
  w.bytes(4, lu, 'designationDescriptor');
  w.bytes(4 + lu.length, port, 'designationDescriptor');
  w.bytes(4 + lu.length + port.length, dev, 'designationDescriptor');
  return w.finish();
}

export function readCapacity16(lastLba: bigint, blockSize: number): Uint8Array<ArrayBuffer> {
  const w = new ByteWriter(32, 'ReadCapacity16Data');
  w.u64(0, lastLba, 'returnedLogicalBlockAddress');
  w.u32(8, blockSize, 'logicalBlockLength');
  return w.finish();
}

export function reportLuns(luns: readonly number[]): Uint8Array<ArrayBuffer> {
  const sorted = [...luns].sort((a, b) => a - b);
  const w = new ByteWriter(8 + 8 * sorted.length, 'ReportLunsData');
  w.u32(0, 8 * sorted.length, 'lunListLength');
  sorted.forEach((l, i) => {
    if (l < 256) w.u8(8 + 8 * i + 1, l, 'lun');
    else w.u16(8 + 8 * i, 0x4000 | l, 'lun');
  });
  return w.finish();
}

function readRanges(r: ByteReader, base: number, length: number): Range[] {
  const n = Math.floor(Math.min(length, Math.max(0, r.length - base)) / 16);
  const out: Range[] = [];
  for (let i = 0; i < n; i++) {
    out.push({ lba: r.u64(base + 16 * i), count: r.u32(base + 16 * i + 8) });
  }
  return out;
}

export function populateTokenRequest(bytes: Uint8Array): PopulateRequest {
  const r = new ByteReader(bytes, 'PopulateTokenParameterList');
  const dataLength = r.u16(0);
  if (dataLength < 0x1e) illegal(0x26, 0x00, paramAt(0));
  const rangeLength = r.u16(14);
  if (rangeLength < 16) illegal(0x26, 0x00, paramAt(14));
  return {
    rtv: r.bit(2, 1),
    immed: r.bit(2, 0),
    inactivityTimeout: r.u32(4),
    rodType: r.u32(8),
    ranges: readRanges(r, 16, Math.min(rangeLength, dataLength + 2 - 16)),
  };
}

export function writeUsingTokenRequest(bytes: Uint8Array): WriteUsingTokenRequest {
  if (bytes.length < 536) illegal(0x1a, 0x00, cdbAt(10));
  const r = new ByteReader(bytes, 'WriteUsingTokenParameterList');
  const dataLength = r.u16(0);
  if (dataLength < 0x226) illegal(0x26, 0x00, paramAt(0));
  const rangeLength = r.u16(534);
  if (dataLength !== rangeLength + 534) illegal(0x26, 0x00, paramAt(0));
  if (rangeLength < 16) illegal(0x26, 0x00, paramAt(534));
  return {
    delTkn: r.bit(2, 1),
    immed: r.bit(2, 0),
    offsetIntoRod: r.u64(8),
    token: r.bytes(16, 512),
    ranges: readRanges(r, 536, rangeLength),
  };
}

/** RRTI (with token descriptors) or RECEIVE COPY STATUS (LID4) parameter data. */
export function rodTokenInformation(e: Engine, op: OpRec, rrti: boolean): Uint8Array<ArrayBuffer> {
  const sense = op.fault === undefined ? new Uint8Array(0) : senseFromFault(op.fault);
  const senseField = (sense.length + 3) & ~3;
  const done = op.status === COPY_STATUS.COMPLETED || op.status === COPY_STATUS.PARTIAL;
  const token = rrti && op.token !== undefined && done ? e.tokenBytes(op.token) : undefined;
  const tail = rrti ? 4 + (token === undefined ? 0 : 2 + token.length) : 0;
  const total = 32 + senseField + tail;
  const w = new ByteWriter(total, 'RodTokenInformation');
  w.u32(0, total - 4, 'availableData');
  w.u8(4, op.serviceAction, 'responseToServiceAction');
  w.u8(5, op.status, 'copyOperationStatus');
  w.u16(6, op.operationCounter, 'operationCounter');
  w.u32(8, e.estimateMs(op), 'estimatedStatusUpdateDelay');
  w.u8(12, op.completionStatus, 'extendedCopyCompletionStatus');
  w.u8(13, senseField, 'lengthOfTheSenseDataField');
  w.u8(14, sense.length, 'senseDataLength');
  w.u8(15, 0xf1, 'transferCountUnits');
  w.u64(16, op.transferCount, 'transferCount');
  w.bytes(32, sense, 'senseData');
  if (rrti) {
    w.u32(32 + senseField, token === undefined ? 0 : token.length + 2, 'rodTokenDescriptorsLength');
    if (token !== undefined) w.bytes(32 + senseField + 6, token, 'rodToken');
  }
  return w.finish();
}

/** REPORT ALL ROD TOKENS parameter data: 96-byte ROD management tokens. */
export function reportAllRodTokens(e: Engine): Uint8Array<ArrayBuffer> {
  const live = e.liveTokens();
  const w = new ByteWriter(8 + 96 * live.length, 'ReportAllRodTokensData');
  w.u32(0, 4 + 96 * live.length, 'availableData');
  live.forEach((t, i) => {
    w.bytes(8 + 96 * i, e.tokenBytes(t).subarray(0, 96), 'rodManagementToken');
  });
  return w.finish();
}
