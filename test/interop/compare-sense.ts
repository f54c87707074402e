/**
 * Field-by-field comparison of our decoded sense data with sg_decode_sense's parsed output
 * (shared by sense.interop.ts and the copy manager's interop test).
 *
 * Sense data (fixed and descriptor format) against sg_decode_sense (sg3-utils).
 *
 * Corpus: fc.sample(arbSenseData()) with a fixed seed (every descriptor type our arbitraries
 * reach, every sense key, SKS variants, nested forwarded sense), plus a deterministic sweep of
 * every sense key and of every ASC/ASCQ pair (256 x 256, sent as fixed sense) so that
 * every ASC/ASCQ name is compared with the oracle's text.
 */
import { afterAll } from 'vitest';
import { ascAscqName } from '../../src/constants/asc-ascq.js';
import { samStatusName } from '../../src/constants/sam-status.js';
import { senseKeyName } from '../../src/constants/sense-key.js';
import type { DesignationDescriptor } from '../../src/designation/index.js';
import type { SenseData, SenseDataDescriptor, SenseKeySpecific } from '../../src/sense/index.js';
import { encodeSenseData } from '../../src/sense/index.js';
import { compareDesignatorText } from './compare-designator.js';
import type { Comparison } from './harness.js';
import {
  type ParsedSense,
  type ParsedSenseDescriptor,
  type ParsedSks,
  parseSgDecodeSense,
  runSgDecodeSense,
  SG_SAM_STATUS_NAMES,
} from './oracles/sg-decode-sense.js';
import { scratch } from './oracles/tools.js';

const s = scratch('sense');
afterAll(() => s.dispose());

const DAB_NOTE =
  'as encoded (ADDITIONAL LENGTH 16h): sg_decode_sense wants >= 1Ch although it reads only bytes 0-23 (spec 8.4 0Dh row); fields compared on a 6-byte zero-padded copy';
const TRUNC_NOTE = "nested forwarded sense cut short by sg_decode_sense's own output buffer";
const SOURCE_EXCLUSION =
  'spec 8.4 / 10.12: SENSE DATA SOURCE encoding disputed (FreeBSD vs sg3_utils); sg_decode_sense names are not evidence';

/** Sense key / SAM status / ASC texts: compare case-insensitively, ignoring "(obsolete)" and "(9)" style suffixes. */
export function normName(s: string): string {
  return s
    .toLowerCase()
    .replace(/\((obsolete|obs|\d+)\)/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * ASC/ASCQ names: as {@link normName}, and the NN of T10's range entries compared as a number
 * (ours prints `(00H = TASK TAG)` / `OF 00H` / `COMPONENT 85H`, sg3_utils `[0x0]` / `of 0x0`).
 */
export function normAscName(s: string): string {
  return normName(
    s
      .replace(/\b0x([0-9a-f]+)\b/gi, (_, h: string) => ` #${parseInt(h, 16)} `)
      .replace(/\b([0-9a-f]{2})h\b/gi, (_, h: string) => ` #${parseInt(h, 16)} `)
      .replace(/= task tag/i, ''),
  ).replace(/ (\d+)/g, ' #$1');
}

/**
 * ASC/ASCQ pairs where sg_decode_sense 1.46 (asc table of 2020) is wrong or outdated against the
 * T10 list (asc-num.txt): see docs/design-notes.md, interop oracles.
 */
function oracleAscQuirk(asc: number, ascq: number): string | undefined {
  if ((asc === 0x40 && ascq >= 0x01 && ascq < 0x80) || ((asc === 0x41 || asc === 0x42) && ascq >= 0x01)) {
    return 'sg3_utils keeps SCSI-2 range names (40h/41h/42h NN); T10 asc-num lists only 40h/00h, 40h/80h-FFh, 41h/00h, 42h/00h (others reserved)';
  }
  if (asc === 0x00 && ascq === 0x23) {
    return 'added to T10 asc-num after the 2020 table in sg3_utils 1.46 (OVERLAPPING ATOMIC COMMAND IN PROGRESS)';
  }
  return undefined;
}

const sgProgress = (p: number) => ({
  whole: Math.floor((p * 100) / 65536),
  hundredths: Math.floor(((p * 100) % 65536) / 656),
});

function compareSks(
  c: Comparison,
  path: string,
  senseKey: number,
  ours: SenseKeySpecific,
  o: ParsedSks | undefined,
): void {
  if (o === undefined) {
    c.eq(`${path}.printed`, true, false);
    return;
  }
  switch (ours.kind) {
    case 'fieldPointer':
      c.eq(`${path}.kind`, ours.kind, o.kind);
      if (o.kind !== 'fieldPointer') return;
      c.eq(`${path}.commandData`, ours.commandData, o.cd);
      c.eq(`${path}.fieldPointer`, ours.fieldPointer, o.fieldPointer);
      c.eq(`${path}.bitPointerValid`, ours.bitPointerValid, o.bitPointer !== undefined);
      if (ours.bitPointerValid) c.eq(`${path}.bitPointer`, ours.bitPointer, o.bitPointer);
      return;
    case 'actualRetryCount':
      c.eq(`${path}.kind`, 'retryCount', o.kind);
      if (o.kind === 'retryCount') c.eq(`${path}.actualRetryCount`, ours.actualRetryCount, o.count);
      return;
    case 'progressIndication': {
      c.eq(`${path}.kind`, 'progress', o.kind);
      if (o.kind !== 'progress') return;
      const e = sgProgress(ours.progressIndication);
      c.eq(`${path}.progressIndication(whole %)`, e.whole, o.whole);
      c.eq(`${path}.progressIndication(hundredths)`, e.hundredths, o.hundredths);
      return;
    }
    case 'segmentPointer':
      c.eq(`${path}.kind`, ours.kind, o.kind);
      if (o.kind !== 'segmentPointer') return;
      c.eq(`${path}.segmentDescriptor`, ours.segmentDescriptor, o.sd);
      c.eq(`${path}.fieldPointer`, ours.fieldPointer, o.fieldPointer);
      c.eq(`${path}.bitPointerValid`, ours.bitPointerValid, o.bitPointer !== undefined);
      if (ours.bitPointerValid) c.eq(`${path}.bitPointer`, ours.bitPointer, o.bitPointer);
      return;
    case 'unitAttentionQueueOverflow':
      c.eq(`${path}.kind`, 'uaOverflow', o.kind);
      if (o.kind === 'uaOverflow') c.eq(`${path}.overflow`, ours.overflow, o.overflow);
      return;
    case 'raw':
      c.eq(`${path}.kind`, 'unexpected', o.kind);
      if (o.kind === 'unexpected') c.eq(`${path}.senseKey`, senseKey, o.senseKey);
      return;
  }
}

function compareAsc(c: Comparison, path: string, asc: number, ascq: number, o: ParsedSense['asc']): void {
  const quirk = oracleAscQuirk(asc, ascq);
  if (quirk !== undefined) {
    c.exclude(`${path}.ascAscqName`, quirk);
    return;
  }
  if (o === undefined) {
    c.eq(`${path}.additionalSenseCode.printed`, true, false);
    return;
  }
  if (asc >= 0x80) {
    c.eq(`${path}.asc.kind`, 'vendorAsc', o.kind);
  } else if (ascq >= 0x80 && o.kind !== 'name') {
    c.eq(`${path}.asc.kind`, 'vendorAscq', o.kind);
  }
  if (o.kind !== 'name') {
    c.eq(`${path}.additionalSenseCode`, asc, o.asc);
    c.eq(`${path}.additionalSenseCodeQualifier`, ascq, o.ascq);
    const ours = ascAscqName(asc, ascq);
    if (o.kind === 'unknown') c.eq(`${path}.ascAscqName(oracle: no name)`, ours, undefined);
    else if (o.kind === 'vendorAsc')
      c.eq(`${path}.ascAscqName(vendor ASC)`, ours?.startsWith('VENDOR SPECIFIC (ASC '), true);
    else c.eq(`${path}.ascAscqName(vendor ASCQ)`, ours?.startsWith('VENDOR SPECIFIC QUALIFICATION OF ASC '), true);
    return;
  }
  const ours = ascAscqName(asc, ascq);
  c.eq(`${path}.ascAscqName`, ours === undefined ? '<none>' : normAscName(ours), normAscName(o.text));
}

function samStatus(o: string): number | undefined {
  const m = /^Unknown status \[0x([0-9a-f]+)\]$/.exec(o);
  if (m) return parseInt(m[1]!, 16);
  for (const [k, v] of Object.entries(SG_SAM_STATUS_NAMES)) if (v === o) return Number(k);
  return undefined;
}

export const DESC_CODE: Record<SenseDataDescriptor['kind'], number | 'vendor/unknown'> = {
  information: 0x00,
  commandSpecificInformation: 0x01,
  senseKeySpecific: 0x02,
  fieldReplaceableUnit: 0x03,
  streamCommands: 0x04,
  blockCommands: 0x05,
  osdObjectIdentification: 0x06,
  osdResponseIntegrityCheckValue: 0x07,
  osdAttributeIdentification: 0x08,
  ataStatusReturn: 0x09,
  anotherProgressIndication: 0x0a,
  userDataSegmentReferral: 0x0b,
  forwardedSenseData: 0x0c,
  directAccessBlockDevice: 0x0d,
  deviceDesignation: 0x0e,
  microcodeActivation: 0x0f,
  unknown: 'vendor/unknown',
};

const ALUA_STATES: Record<number, string> = {
  0: 'active/optimized',
  1: 'active/non optimized',
  2: 'standby',
  3: 'unavailable',
  14: 'offline',
  15: 'transitioning between states',
};

/** Re-decode one 0Dh descriptor with 6 zero bytes appended (ADDITIONAL LENGTH 1Ch), the minimum sg_decode_sense accepts. */
function paddedDirectAccess(senseKey: number, d: SenseDataDescriptor): ParsedSenseDescriptor {
  const one = encodeSenseData({
    kind: 'descriptor',
    responseCode: 0x72,
    senseKey,
    additionalSenseCode: 0,
    additionalSenseCodeQualifier: 0,
    sdatOvfl: false,
    descriptors: [d],
  });
  const padded = new Uint8Array(one.length + 6);
  padded.set(one);
  padded[7] = one[7]! + 6;
  padded[9] = one[9]! + 6;
  const parsed = parseSgDecodeSense(runSgDecodeSense(s.write('dab.bin', padded)));
  return parsed.descriptors[0] ?? { type: 'tooShort', name: 'padded' };
}

function compareDescriptor(
  c: Comparison,
  p: string,
  senseKey: number,
  d: SenseDataDescriptor,
  o: ParsedSenseDescriptor,
): void {
  const code = DESC_CODE[d.kind];
  if (code === 'vendor/unknown' && d.kind === 'unknown') {
    c.eq(`${p}.type`, d.descriptorType >= 0x80 ? 'vendor' : 'unknown', o.type);
    if (o.type === 'vendor' || o.type === 'unknown') {
      c.eq(`${p}.descriptorType`, d.descriptorType, o.code);
      c.eq(`${p}.bytes`, d.bytes, o.raw);
    }
    return;
  }
  if (d.kind === 'directAccessBlockDevice' && o.type === 'tooShort') {
    c.exclude(`${p} (0Dh)`, DAB_NOTE);
    o = paddedDirectAccess(senseKey, d);
  }
  c.eq(`${p}.type`, code, o.type);
  if (o.type === 'tooShort') return;
  switch (d.kind) {
    case 'information':
      if (o.type !== 0x00) return;
      c.eq(`${p}.valid`, d.valid, o.valid);
      c.eq(`${p}.information`, d.information, o.information);
      return;
    case 'commandSpecificInformation':
      if (o.type === 0x01)
        c.eq(`${p}.commandSpecificInformation`, d.commandSpecificInformation, o.commandSpecificInformation);
      return;
    case 'senseKeySpecific':
      if (o.type === 0x02) compareSks(c, `${p}.senseKeySpecific`, senseKey, d.senseKeySpecific, o.sks);
      return;
    case 'fieldReplaceableUnit':
      if (o.type === 0x03)
        c.eq(`${p}.fieldReplaceableUnitCode`, d.fieldReplaceableUnitCode, o.fieldReplaceableUnitCode);
      return;
    case 'streamCommands':
      if (o.type !== 0x04) return;
      c.eq(`${p}.filemark`, d.filemark, o.filemark);
      c.eq(`${p}.eom`, d.eom, o.eom);
      c.eq(`${p}.ili`, d.ili, o.ili);
      return;
    case 'blockCommands':
      if (o.type === 0x05) c.eq(`${p}.ili`, d.ili, o.ili);
      return;
    case 'osdObjectIdentification':
    case 'osdResponseIntegrityCheckValue':
    case 'osdAttributeIdentification':
      if (o.type === 0x06 || o.type === 0x07 || o.type === 0x08) c.eq(`${p}.bytes`, d.bytes, o.raw);
      return;
    case 'ataStatusReturn':
      if (o.type !== 0x09) return;
      c.eq(`${p}.extend`, d.extend, o.extend);
      c.eq(`${p}.error`, d.error, o.error);
      // With EXTEND=0 sg3_utils prints only the 8-bit count and 24-bit LBA (SAT: the others are not valid).
      c.eq(`${p}.count`, d.extend ? d.count : d.count & 0xff, o.count);
      c.eq(`${p}.lba`, d.extend ? BigInt(d.lba) : BigInt(d.lba) & 0xffffffn, o.lba);
      c.eq(`${p}.device`, d.device, o.device);
      c.eq(`${p}.status`, d.status, o.status);
      return;
    case 'anotherProgressIndication': {
      if (o.type !== 0x0a) return;
      const e = sgProgress(d.progressIndication);
      c.eq(`${p}.progressIndication(whole %)`, e.whole, o.whole);
      c.eq(`${p}.progressIndication(fraction, printed "%d.02%d")`, e.hundredths, o.fractionDigits);
      c.eq(`${p}.senseKey`, d.senseKey, o.senseKey);
      c.eq(`${p}.additionalSenseCode`, d.additionalSenseCode, o.asc);
      c.eq(`${p}.additionalSenseCodeQualifier`, d.additionalSenseCodeQualifier, o.ascq);
      return;
    }
    case 'userDataSegmentReferral': {
      if (o.type !== 0x0b) return;
      c.eq(`${p}.notAllR`, d.notAllR, o.notAllR);
      c.eq(`${p}.userDataSegmentReferrals.length`, d.userDataSegmentReferrals.length, o.referrals.length);
      d.userDataSegmentReferrals.forEach((r, i) => {
        const or = o.referrals[i];
        if (or === undefined) return;
        c.eq(`${p}.referral[${i}].firstUserDataSegmentLba`, r.firstUserDataSegmentLba, or.firstLba);
        c.eq(`${p}.referral[${i}].lastUserDataSegmentLba`, r.lastUserDataSegmentLba, or.lastLba);
        c.eq(`${p}.referral[${i}].targetPortGroups.length`, r.targetPortGroups.length, or.tpgs.length);
        r.targetPortGroups.forEach((t, j) => {
          const ot = or.tpgs[j];
          c.eq(`${p}.referral[${i}].tpg[${j}].targetPortGroup`, t.targetPortGroup, ot?.tpg);
          c.eq(
            `${p}.referral[${i}].tpg[${j}].asymmetricAccessState`,
            ALUA_STATES[t.asymmetricAccessState] ?? `unknown: 0x${t.asymmetricAccessState.toString(16)}`,
            ot?.state,
          );
        });
      });
      return;
    }
    case 'forwardedSenseData': {
      if (o.type !== 0x0c) return;
      c.eq(`${p}.forwardedSenseDataTruncated`, d.forwardedSenseDataTruncated, o.fsdt);
      c.exclude(`${p}.senseDataSource`, SOURCE_EXCLUSION);
      // sg3_utils masks the status byte with 7Eh before naming it (SCSI-2 status byte layout).
      c.eq(`${p}.forwardedStatus & 7Eh`, d.forwardedStatus & 0x7e, samStatus(o.forwardedStatus));
      const ourName = samStatusName(d.forwardedStatus & 0x7e);
      if (ourName !== undefined)
        c.eq(`${p}.samStatusName(forwardedStatus)`, normName(ourName), normName(o.forwardedStatus));
      if (d.senseData instanceof Uint8Array) {
        c.eq(`${p}.senseData.present`, d.senseData.length > 0, o.forwarded !== undefined);
      } else if (o.forwarded === undefined) {
        c.eq(`${p}.senseData.present`, true, false);
      } else {
        compareSense(c, `${p}.senseData`, d.senseData, o.forwarded, o.forwardedTruncated === true);
      }
      return;
    }
    case 'directAccessBlockDevice':
      if (o.type !== 0x0d) return;
      c.eq(`${p}.ili`, d.ili, o.ili);
      // Unlike the 02h descriptor, sg_decode_sense prints the 0Dh SKS only when SKSV is set.
      c.eq(`${p}.senseKeySpecific.sksv`, d.senseKeySpecific.sksv, o.sks !== undefined);
      if (d.senseKeySpecific.sksv) compareSks(c, `${p}.senseKeySpecific`, senseKey, d.senseKeySpecific, o.sks);
      c.eq(`${p}.fieldReplaceableUnitCode`, d.fieldReplaceableUnitCode, o.fieldReplaceableUnitCode);
      c.eq(`${p}.valid`, d.valid, o.information !== undefined);
      if (d.valid) c.eq(`${p}.information`, d.information, o.information);
      c.eq(`${p}.commandSpecificInformation`, d.commandSpecificInformation, o.commandSpecificInformation);
      return;
    case 'deviceDesignation': {
      if (o.type !== 0x0e) return;
      const m = /^reserved\[(\d+)\]$/.exec(o.usageReason);
      const named = ['Unknown', 'resend this and further commands to:', 'resend this command to:'];
      const oracleReason = m
        ? Number(m[1])
        : named.indexOf(o.usageReason) >= 0
          ? named.indexOf(o.usageReason)
          : o.usageReason;
      if (typeof oracleReason === 'number' || d.usageReason < 3) c.eq(`${p}.usageReason`, d.usageReason, oracleReason);
      compareEmbeddedDesignation(c, `${p}.designationDescriptor`, d.designationDescriptor, o.designatorLines);
      return;
    }
    case 'microcodeActivation':
      if (o.type === 0x0f) c.eq(`${p}.microcodeActivationTime`, d.microcodeActivationTime, o.activationTime);
      return;
  }
}

/** The 0Eh descriptor's designation descriptor (now always a decoded designation descriptor). */
function compareEmbeddedDesignation(
  c: Comparison,
  p: string,
  dd: DesignationDescriptor,
  lines: readonly string[],
): void {
  // sg3 prints an association heading, then "designator type: ..., code set: ...", then the value.
  const head = lines.findIndex((l) => /designator type: /.test(l));
  if (head < 0) {
    c.eq(`${p}.printed`, true, false);
    return;
  }
  const m = /designator type: (.*), {2}code set: (.*)$/.exec(lines[head]!)!;
  const transport = lines
    .slice(head + 1)
    .map((l) => /^\s+transport: (.*)$/.exec(l)?.[1])
    .find((t) => t !== undefined);
  const rest = lines.slice(head + 1).filter((l) => !/^\s+transport: /.test(l));
  compareDesignatorText(c, p, dd, {
    designatorTypeName: m[1]!,
    codeSetName: m[2]!,
    lines: rest.map((l) => l.replace(/^ {2}/, '')),
    transport,
  });
}

export function compareSense(c: Comparison, p: string, ours: SenseData, o: ParsedSense, truncated = false): void {
  if (!truncated) c.unparsed(o.unparsed);
  c.eq(`${p}.format`, ours.kind, o.format);
  c.eq(`${p}.deferred(responseCode)`, ours.responseCode === 0x71 || ours.responseCode === 0x73, o.deferred);
  c.eq(`${p}.senseKey`, ours.senseKey, o.senseKey);
  c.eq(`${p}.senseKeyName`, normName(senseKeyName(ours.senseKey) ?? ''), normName(o.senseKeyName));
  c.eq(`${p}.sdatOvfl`, ours.sdatOvfl, o.sdatOvfl);
  compareAsc(c, p, ours.additionalSenseCode, ours.additionalSenseCodeQualifier, o.asc);
  if (ours.kind === 'fixed') {
    const f = o.fixed!;
    c.eq(`${p}.filemark`, ours.filemark, f.filemark);
    c.eq(`${p}.eom`, ours.eom, f.eom);
    c.eq(`${p}.ili`, ours.ili, f.ili);
    // INFORMATION is printed when VALID is set or the field is non-zero.
    c.eq(`${p}.information.printed`, ours.valid || ours.information !== 0, f.information !== undefined);
    if (f.information !== undefined) {
      c.eq(`${p}.valid`, ours.valid, f.information.valid);
      c.eq(`${p}.information`, ours.information, f.information.value);
    }
    if (ours.additionalSenseCode === 0 && ours.additionalSenseCodeQualifier === 0x1d) {
      // ATA PASS THROUGH INFORMATION AVAILABLE: sg3_utils reads INFORMATION and COMMAND-SPECIFIC
      // INFORMATION as ATA registers (SAT) instead of printing them.
      const a = f.ata;
      const info = ours.information;
      const csi = ours.commandSpecificInformation;
      c.eq(`${p}.ata.printed`, true, a !== undefined);
      if (a !== undefined) {
        c.eq(`${p}.ata.expectedRecoveredError`, ours.senseKey !== 1, a.expectedRecoveredError);
        c.eq(`${p}.information[0](error)`, (info >>> 24) & 0xff, a.error);
        c.eq(`${p}.information[1](status)`, (info >>> 16) & 0xff, a.status);
        c.eq(`${p}.information[2](device)`, (info >>> 8) & 0xff, a.device);
        c.eq(`${p}.information[3](count 7:0)`, info & 0xff, a.count);
        c.eq(`${p}.commandSpecificInformation bit 31(extend)`, csi >>> 31 === 1, a.extend);
        c.eq(
          `${p}.commandSpecificInformation bit 30(count upper non-zero)`,
          ((csi >>> 30) & 1) === 1,
          a.countUpperNonZero,
        );
        c.eq(`${p}.commandSpecificInformation bit 29(lba upper non-zero)`, ((csi >>> 29) & 1) === 1, a.lbaUpperNonZero);
        c.eq(`${p}.commandSpecificInformation[0] 3:0(log index)`, (csi >>> 24) & 0xf, a.logIndex);
        c.eq(`${p}.commandSpecificInformation[1](lba high)`, (csi >>> 16) & 0xff, a.lbaHigh);
        c.eq(`${p}.commandSpecificInformation[2](lba mid)`, (csi >>> 8) & 0xff, a.lbaMid);
        c.eq(`${p}.commandSpecificInformation[3](lba low)`, csi & 0xff, a.lbaLow);
      }
    }
    c.eq(`${p}.fieldReplaceableUnitCode`, ours.fieldReplaceableUnitCode, f.fieldReplaceableUnitCode ?? 0);
    c.eq(`${p}.senseKeySpecific.sksv`, ours.senseKeySpecific.sksv, f.sks !== undefined);
    if (ours.senseKeySpecific.sksv && f.sks !== undefined) {
      compareSks(c, `${p}.senseKeySpecific`, ours.senseKey, ours.senseKeySpecific, f.sks);
    }
    return;
  }
  if (truncated) {
    // Only the descriptors printed in full can be compared: all but the last one printed.
    c.exclude(`${p}.descriptors (tail)`, TRUNC_NOTE);
    ours.descriptors.slice(0, Math.max(0, o.descriptors.length - 1)).forEach((d, i) => {
      compareDescriptor(c, `${p}.descriptors[${i}]`, ours.senseKey, d, o.descriptors[i]!);
    });
    return;
  }
  c.eq(`${p}.descriptors.length`, ours.descriptors.length, o.descriptors.length);
  ours.descriptors.forEach((d, i) => {
    const od = o.descriptors[i];
    if (od !== undefined) compareDescriptor(c, `${p}.descriptors[${i}]`, ours.senseKey, d, od);
  });
}
