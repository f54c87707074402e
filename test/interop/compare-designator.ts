/**
 * Compare one of our decoded designation descriptors with what an sg3_utils tool printed for it
 * (sg_vpd 83h, sg_decode_sense 0Eh, ddptctl creator/target device descriptors).
 */
import { type DesignationDescriptor, designatorViewOf } from '../../src/designation/index.js';
import type { Comparison } from './harness.js';
import { calibrate } from './oracles/calibrate.js';
import { designatorFact } from './oracles/designator-text.js';

export interface PrintedDesignator {
  readonly designatorTypeName: string;
  readonly codeSetName: string;
  /** Value lines as printed (indentation kept; hex dumps start at column 0). */
  readonly lines: readonly string[];
  /** `transport:` line, when the tool printed one (sg_vpd). `null` = this tool never prints it. */
  readonly transport?: string | undefined | null;
}

const OVERREAD_NOTE =
  "sg3_utils reads fixed-size fields (T10 vendor id: 8 bytes; USB/PCIe port identifier fields) past a shorter designator, printing the next descriptor's bytes";
const CUT_NOTE = 'sg3_utils cuts long designator hex dumps (bounded output buffer); the printed prefix is compared';

function nulAt(b: Uint8Array): number {
  const i = b.indexOf(0);
  return i < 0 ? b.length : i;
}
/** What C's %.*s prints for these bytes, read back as latin1. */
function cString(b: Uint8Array): string {
  return String.fromCharCode(...b.subarray(0, nulAt(b)));
}
function hex(b: Uint8Array): string {
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

function uuidString(b: Uint8Array): string {
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function compareDesignatorText(c: Comparison, p: string, d: DesignationDescriptor, o: PrintedDesignator): void {
  const cal = calibrate();
  c.eq(`${p}.designatorType`, d.designatorType, cal.designatorTypeNames.indexOf(o.designatorTypeName));
  c.eq(`${p}.codeSet`, d.codeSet, cal.codeSetNames.indexOf(o.codeSetName));
  if (o.transport !== null) {
    const printed = d.piv && (d.association === 1 || d.association === 2);
    c.eq(`${p}.piv(transport printed)`, printed, o.transport !== undefined);
    if (printed && o.transport !== undefined) {
      c.eq(`${p}.protocolIdentifier`, d.protocolIdentifier, cal.protocolNames.indexOf(o.transport));
    }
  }
  const fact = designatorFact(o.designatorTypeName, o.lines);
  const view = designatorViewOf(d);
  const raw = d.designator;
  switch (fact.kind) {
    case 'bytes':
      if ((fact.cut === true || fact.bytes.length >= 128) && fact.bytes.length < raw.length) {
        // sg3_utils formats each designator into a bounded buffer: a long hex dump is cut short.
        c.exclude(`${p}.designator (tail)`, CUT_NOTE);
        c.eq(`${p}.designator (printed prefix)`, raw.subarray(0, fact.bytes.length), fact.bytes);
      } else c.eq(`${p}.designator`, raw, fact.bytes);
      return;
    case 'text':
      c.eq(`${p}.designator (as text)`, cString(raw), fact.text);
      return;
    case 'u16at2':
      c.eq(`${p}.designator[2..3]`, raw.length >= 4 ? (raw[2]! << 8) | raw[3]! : `length ${raw.length}`, fact.value);
      return;
    case 't10':
      // sg3_utils prints the vendor id as C "%.8s" (up to a NUL, read back as latin1) and the rest
      // likewise; it reads 8 bytes even when the designator is shorter (over-read, see OVERREAD_NOTE).
      if (raw.length < 8) {
        c.exclude(`${p}.t10VendorIdentification`, OVERREAD_NOTE);
        return;
      }
      c.eq(`${p}.t10VendorIdentification`, cString(raw.subarray(0, 8)), fact.vendorId);
      if (fact.vendorSpecific !== undefined) {
        const rest = raw.subarray(8);
        c.eq(
          `${p}.vendorSpecificIdentifier`,
          /^0x[0-9a-f]*$/.test(fact.vendorSpecific) && d.codeSet !== 2 && d.codeSet !== 3
            ? `0x${hex(rest)}`
            : cString(rest),
          fact.vendorSpecific,
        );
      }
      return;
    case 'scsiName':
      c.eq(`${p}.scsiNameString`, new TextDecoder().decode(raw.subarray(0, nulAt(raw))), fact.text);
      return;
    case 'uuid':
      c.eq(`${p}.designator(kind)`, view.kind, 'uuid');
      if (view.kind === 'uuid') {
        c.eq(`${p}.uuidType`, view.uuidType, 1);
        c.eq(`${p}.uuid`, view.uuid, uuidString(fact.uuid));
      }
      return;
    case 'protocolSpecific': {
      c.eq(`${p}.designator(kind)`, view.kind, 'protocolSpecificPortIdentifier');
      const b = d.designator;
      // sg3_utils reads the USB (bytes 0, 2) or PCIe (bytes 0, 1) fields without checking the
      // DESIGNATOR LENGTH, so for a shorter designator it prints the next descriptor's bytes.
      const needed = 'USB device address' in fact.values ? 3 : 2;
      if (b.length < needed) {
        c.exclude(`${p}.protocolSpecific`, OVERREAD_NOTE);
        return;
      }
      for (const [k, v] of Object.entries(fact.values)) {
        const ours =
          k === 'USB device address'
            ? (b[0] ?? 0) & 0x7f
            : k === 'USB interface number'
              ? b[2]
              : k === 'PCIe routing ID, bus number'
                ? b[0]
                : k === 'function number'
                  ? b[1]
                  : k === 'device number'
                    ? (b[1] ?? 0) >> 3
                    : undefined;
        c.eq(`${p}.protocolSpecific.${k}`, ours, v);
      }
      return;
    }
    case 'unparsed':
      c.unparsed(fact.lines);
      return;
  }
}
