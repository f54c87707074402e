/**
 * Field-by-field comparison of a Third-party Copy VPD page (8Fh) we decoded with what sg_vpd
 * printed for the same bytes (shared by vpd-tpc.interop.ts and the copy manager's interop test).
 */
import { rodTypeName } from '../../src/rod-token/index.js';
import {
  encodeThirdPartyCopyDescriptor,
  type ThirdPartyCopyDescriptor,
  type ThirdPartyCopyVpdPage,
  thirdPartyCopyDescriptorType,
} from '../../src/vpd/index.js';
import type { Comparison } from './harness.js';
import { calibrate } from './oracles/calibrate.js';
import { designatorFact } from './oracles/designator-text.js';
import { parseSgVpdTpc, type SgTpcDescriptor } from './oracles/sg-vpd.js';
import { runBatch } from './oracles/tools.js';

const HELD_SHIFT =
  'sg_vpd 1.63 computes HELD DATA GRANULARITY as the C int (1 << n): n = 31 sign-extends, n > 31 is undefined (x86 masks the count); spec 7.13 says 2^n';

/** ROD type names: SBC calls FFFF0001h the "block device zero ROD token", sg3_utils/ddpt "block device zero". */
export function normRodTypeName(n: string): string {
  return n
    .toLowerCase()
    .replace(/ rod token$/, '')
    .trim();
}

/** Number at the start of an sg_vpd value ("-1 [no limit]" = all ones of `bits`). */
function num(v: string | undefined, bits = 64): bigint | undefined {
  if (v === undefined) return undefined;
  const m = /^(-1|\d+)/.exec(v);
  if (!m) return undefined;
  return m[1] === '-1' ? (1n << BigInt(bits)) - 1n : BigInt(m[1]!);
}

function pairs(d: SgTpcDescriptor): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const [k, v] of d.pairs) m.set(k, [...(m.get(k) ?? []), v]);
  return m;
}

/** sg3_utils command names for (opcode[, sa], pdt), looked up once per key with sg_opcodes. */
const opNames = new Map<string, string>();
export function lookupOpcodeNames(keys: readonly string[]): void {
  const todo = [...new Set(keys)].filter((k) => !opNames.has(k));
  if (todo.length === 0) return;
  // bash: the item is "OP[,SA]/PDT"; split at the slash
  const outs = runBatch(['sg_opcodes --enumerate --opcode="$', '{x%/*}" --pdt="$', '{x##*/}"'].join(''), todo);
  todo.forEach((k, i) => {
    const lines = outs[i]!.split('\n').filter((l) => l.trim() !== '');
    if (lines[0] !== 'SCSI command:') throw new Error(`sg_opcodes ${k}: ${outs[i]}`);
    opNames.set(k, lines[1]!.trim());
  });
}
const opKey = (op: number, sa: number | undefined, pdt: number) =>
  `0x${op.toString(16)}${sa === undefined ? '' : `,0x${sa.toString(16)}`}/${pdt}`;

export function expectedCommandNames(d: ThirdPartyCopyDescriptor, pdt: number): string[] {
  if (d.kind !== 'supportedCommands') return [];
  return d.commands.flatMap((c) =>
    c.serviceActions.length === 0
      ? [opKey(c.operationCode, undefined, pdt)]
      : c.serviceActions.map((sa) => opKey(c.operationCode, sa, pdt)),
  );
}

function compareDescriptor(
  c: Comparison,
  p: string,
  d: ThirdPartyCopyDescriptor,
  o: SgTpcDescriptor,
  pdt: number,
): void {
  const encoded = encodeThirdPartyCopyDescriptor(d);
  c.eq(`${p}.descriptorType`, thirdPartyCopyDescriptorType(d), o.type);
  c.eq(`${p}.descriptorLength`, encoded.length - 4, o.length);
  if (encoded.length === 4) {
    // sg_vpd skips zero-length descriptors after the -v line.
    c.eq(`${p}.printed`, undefined, o.title);
    return;
  }
  const kv = pairs(o);
  const one = (k: string) => kv.get(k)?.[0];
  switch (d.kind) {
    case 'blockDeviceRodLimits':
      c.eq(`${p}.title`, 'Block Device ROD Token Limits', o.title);
      c.eq(`${p}.maximumRangeDescriptors`, d.maximumRangeDescriptors, num(one('Maximum range descriptors')));
      c.eq(`${p}.maximumInactivityTimeout`, d.maximumInactivityTimeout, num(one('Maximum inactivity timeout'), 32));
      c.eq(`${p}.defaultInactivityTimeout`, d.defaultInactivityTimeout, num(one('Default inactivity timeout')));
      c.eq(`${p}.maximumTokenTransferSize`, d.maximumTokenTransferSize, num(one('Maximum token transfer size')));
      c.eq(`${p}.optimalTransferCount`, d.optimalTransferCount, num(one('Optimal transfer count')));
      return;
    case 'supportedCommands': {
      c.eq(`${p}.title`, 'Supported commands', o.title);
      const want = expectedCommandNames(d, pdt).map((k) => opNames.get(k));
      c.eq(`${p}.commands(count of opcode/SA names)`, want.length, o.items.length);
      want.forEach((n, i) => {
        c.eq(`${p}.commands[${i}] name`, n, o.items[i]);
      });
      return;
    }
    case 'parameterData':
      c.eq(`${p}.title`, 'Parameter data', o.title);
      c.eq(`${p}.maximumCscdDescriptorCount`, d.maximumCscdDescriptorCount, num(one('Maximum CSCD descriptor count')));
      c.eq(
        `${p}.maximumSegmentDescriptorCount`,
        d.maximumSegmentDescriptorCount,
        num(one('Maximum segment descriptor count')),
      );
      c.eq(
        `${p}.maximumDescriptorListLength`,
        d.maximumDescriptorListLength,
        num(one('Maximum descriptor list length')),
      );
      // Spec 7.5 / 10.2 warn that sg3_utils reads bytes 17-20; the Debian sg_vpd 1.63 reads 16-19
      // (verified in oracle-output.interop.ts on vpd_tpc.hex), so this field is compared like any other.
      c.eq(`${p}.maximumInlineDataLength`, d.maximumInlineDataLength, num(one('Maximum inline data length')));
      return;
    case 'supportedDescriptors':
      c.eq(`${p}.title`, 'Supported descriptors', o.title);
      c.eq(`${p}.descriptorTypeCodes.length`, d.descriptorTypeCodes.length, o.items.length);
      d.descriptorTypeCodes.forEach((code, i) => {
        const m = /(?:\[0x([0-9a-f]+)\]|^0x([0-9a-f]+))$/.exec(o.items[i] ?? '');
        c.eq(`${p}.descriptorTypeCodes[${i}]`, code, m ? parseInt(m[1] ?? m[2]!, 16) : undefined);
      });
      return;
    case 'supportedCscdIds':
      c.eq(`${p}.title`, 'Supported CSCD IDs (above 0x7ff)', o.title);
      c.eq(`${p}.cscdIds.length`, d.cscdIds.length, o.items.length);
      d.cscdIds.forEach((id, i) => {
        const m = /(?:\[0x([0-9a-f]{4})\]|^0x([0-9a-f]{4}))$/.exec(o.items[i] ?? '');
        c.eq(`${p}.cscdIds[${i}]`, id, m ? parseInt(m[1] ?? m[2]!, 16) : undefined);
      });
      return;
    case 'copyGroupIdentifier': {
      c.eq(`${p}.title`, 'Copy group identifier', o.title);
      const g = d.copyGroupIdentifier;
      const f = designatorFact('UUID identifier', o.items);
      if (f.kind === 'uuid') {
        c.eq(`${p}.copyGroupIdentifier.length`, g.length, 18);
        c.eq(`${p}.copyGroupIdentifier[0] bits 7:4 (UUID type)`, (g[0] ?? 0) >> 4, 1);
        c.eq(`${p}.copyGroupIdentifier[2..17] (UUID)`, g.slice(2, 18), f.uuid);
      } else if (f.kind === 'bytes') {
        c.eq(`${p}.copyGroupIdentifier`, g, f.bytes);
      } else c.unparsed(o.items);
      return;
    }
    case 'rodTokenFeatures': {
      c.eq(`${p}.title`, 'ROD token features', o.title);
      c.eq(`${p}.remoteTokens`, d.remoteTokens, num(one('Remote tokens')));
      c.eq(`${p}.minimumTokenLifetime`, d.minimumTokenLifetime, num(one('Minimum token lifetime')));
      c.eq(`${p}.maximumTokenLifetime`, d.maximumTokenLifetime, num(one('Maximum token lifetime')));
      c.eq(
        `${p}.maximumTokenInactivityTimeout`,
        d.maximumTokenInactivityTimeout,
        num(one('Maximum token inactivity timeout')),
      );
      const unhandled = o.items.filter((i) => i.startsWith('Unhandled descriptor'));
      const seen = new Map<string, number>();
      const next = (k: string) => {
        const i = seen.get(k) ?? 0;
        seen.set(k, i + 1);
        return kv.get(k)?.[i];
      };
      let u = 0;
      d.deviceTypeSpecificDescriptors.forEach((f, i) => {
        const q = `${p}.deviceTypeSpecificDescriptors[${i}]`;
        switch (f.kind) {
          case 'block':
            c.eq(
              `${q}.optimalBlockRodLengthGranularity`,
              f.optimalBlockRodLengthGranularity,
              num(next('Optimal block ROD length granularity')),
            );
            c.eq(`${q}.maximumBytesInBlockRod`, f.maximumBytesInBlockRod, num(next('Maximum Bytes in block ROD')));
            c.eq(
              `${q}.optimalBytesInBlockRodTransfer`,
              f.optimalBytesInBlockRodTransfer,
              num(next('Optimal Bytes in block ROD transfer')),
            );
            c.eq(
              `${q}.optimalBytesToTokenPerSegment`,
              f.optimalBytesToTokenPerSegment,
              num(next('Optimal Bytes to token per segment')),
            );
            c.eq(
              `${q}.optimalBytesFromTokenPerSegment`,
              f.optimalBytesFromTokenPerSegment,
              num(next('Optimal Bytes from token per segment')),
            );
            return;
          case 'stream':
            c.eq(`${q}.maximumBytesInStreamRod`, f.maximumBytesInStreamRod, num(next('Maximum Bytes in stream ROD')));
            c.eq(
              `${q}.optimalBytesInStreamRodTransfer`,
              f.optimalBytesInStreamRodTransfer,
              num(next('Optimal Bytes in stream ROD transfer')),
            );
            return;
          case 'copyManager':
            c.eq(
              `${q}.maximumBytesInProcessorRod`,
              f.maximumBytesInProcessorRod,
              num(next('Maximum Bytes in processor ROD')),
            );
            c.eq(
              `${q}.optimalBytesInProcessorRodTransfer`,
              f.optimalBytesInProcessorRodTransfer,
              num(next('Optimal Bytes in processor ROD transfer')),
            );
            return;
          case 'unknown': {
            const m = /^Unhandled descriptor \(format (\d+), device type (\d+)\)$/.exec(unhandled[u++] ?? '');
            c.eq(`${q}.descriptorFormat`, f.descriptorFormat, m ? Number(m[1]) : undefined);
            c.eq(`${q}.peripheralDeviceType`, f.peripheralDeviceType, m ? Number(m[2]) : undefined);
            return;
          }
        }
      });
      return;
    }
    case 'supportedRodTokenAndRodTypes': {
      c.eq(`${p}.title`, 'Supported ROD token and ROD types', o.title);
      const rts = o.pairs.filter(([k]) => k === 'ROD type').map(([, v]) => v);
      const get = (k: string) => o.pairs.filter(([kk]) => kk === k).map(([, v]) => v);
      const [internal, tin, tout, pref] = [get('Internal'), get('Token in'), get('Token out'), get('Preference')];
      c.eq(`${p}.rodTypes.length`, d.rodTypes.length, rts.length);
      d.rodTypes.forEach((t, i) => {
        const q = `${p}.rodTypes[${i}]`;
        const m = /^(?:(.*) \[0x([0-9a-f]+)\]|0x([0-9a-f]+))$/.exec(rts[i] ?? '');
        c.eq(`${q}.rodType`, t.rodType, m ? parseInt(m[2] ?? m[3]!, 16) : undefined);
        if (m?.[1] !== undefined)
          c.eq(`${q}.rodTypeName`, normRodTypeName(rodTypeName(t.rodType)), normRodTypeName(m[1]));
        c.eq(`${q}.ecpyInt`, t.ecpyInt ? 'yes' : 'no', internal[i]);
        c.eq(`${q}.tokenIn`, t.tokenIn ? 'yes' : 'no', tin[i]);
        c.eq(`${q}.tokenOut`, t.tokenOut ? 'yes' : 'no', tout[i]);
        c.eq(`${q}.preferenceIndicator`, t.preferenceIndicator, num(pref[i]));
      });
      return;
    }
    case 'generalCopyOperations': {
      c.eq(`${p}.title`, 'General copy operations', o.title);
      c.eq(`${p}.totalConcurrentCopies`, d.totalConcurrentCopies, num(one('Total concurrent copies')));
      c.eq(
        `${p}.maximumIdentifiedConcurrentCopies`,
        d.maximumIdentifiedConcurrentCopies,
        num(one('Maximum identified concurrent copies')),
      );
      c.eq(`${p}.maximumSegmentLength`, d.maximumSegmentLength, num(one('Maximum segment length')));
      const gran = (n: number) => (n < 64 ? String(1n << BigInt(n)) : `too large [2^${n}]`);
      c.eq(`${p}.dataSegmentGranularity (2^n)`, gran(d.dataSegmentGranularity), one('Data segment granularity'));
      c.eq(`${p}.inlineDataGranularity (2^n)`, gran(d.inlineDataGranularity), one('Inline data granularity'));
      return;
    }
    case 'streamCopyOperations':
      c.eq(`${p}.title`, 'Stream copy operations', o.title);
      c.eq(
        `${p}.maximumStreamDeviceTransferSize`,
        d.maximumStreamDeviceTransferSize,
        num(one('Maximum stream device transfer size')),
      );
      return;
    case 'heldData':
      c.eq(`${p}.title`, 'Held data', o.title);
      c.eq(`${p}.heldDataLimit`, d.heldDataLimit, num(one('Held data limit')));
      if (d.heldDataGranularity < 31)
        c.eq(`${p}.heldDataGranularity (2^n)`, 1n << BigInt(d.heldDataGranularity), num(one('Held data granularity')));
      else c.exclude(`${p}.heldDataGranularity`, HELD_SHIFT);
      return;
    case 'unknown':
      // sg_vpd prints only the -v type/length line (and hex-dumps the body to stderr).
      c.eq(`${p}.printed`, undefined, o.title);
      return;
  }
}

export function compareTpcPage(c: Comparison, ours: ThirdPartyCopyVpdPage, stdout: string): void {
  const o = parseSgVpdTpc(stdout);
  const cal = calibrate();
  c.eq('peripheralQualifier', ours.peripheralQualifier, o.peripheralQualifier);
  c.eq('peripheralDeviceType', ours.peripheralDeviceType, cal.pdtNames.indexOf(o.peripheralDeviceTypeName ?? ''));
  c.eq('descriptors.length', ours.descriptors.length, o.descriptors.length);
  ours.descriptors.forEach((d, i) => {
    const od = o.descriptors[i];
    if (od !== undefined) compareDescriptor(c, `descriptors[${i}]`, d, od, ours.peripheralDeviceType);
  });
}
