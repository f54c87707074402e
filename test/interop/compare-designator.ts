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
  switch (fact.kind) {
    case 'bytes':
      c.eq(`${p}.designator`, d.designator, fact.bytes);
      return;
    case 'u16at2': {
      const v =
        view.kind === 'relativeTargetPort'
          ? view.relativeTargetPortIdentifier
          : view.kind === 'targetPortGroup'
            ? view.targetPortGroup
            : view.kind === 'logicalUnitGroup'
              ? view.logicalUnitGroup
              : `view ${view.kind}`;
      c.eq(`${p}.designator(${view.kind})`, v, fact.value);
      return;
    }
    case 't10':
      c.eq(`${p}.designator(kind)`, view.kind, 't10VendorId');
      if (view.kind === 't10VendorId') {
        c.eq(`${p}.t10VendorIdentification`, view.t10VendorIdentification, fact.vendorId);
        if (fact.vendorSpecific !== undefined)
          c.eq(`${p}.vendorSpecificIdentifier`, view.vendorSpecificIdentifier, fact.vendorSpecific);
      }
      return;
    case 'scsiName':
      c.eq(`${p}.designator(kind)`, view.kind, 'scsiNameString');
      if (view.kind === 'scsiNameString') c.eq(`${p}.scsiNameString`, view.scsiNameString, fact.text);
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
