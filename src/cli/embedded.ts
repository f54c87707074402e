/**
 * Structures inside structures, for the annotated dump: the ROD token inside WRITE USING TOKEN
 * and RRTI data, the designation descriptors inside a Device Identification page.
 */
import type { TraceEntry } from '../internal/byte-reader.js';
import { codecOf, type Kind } from './kinds.js';

/** Byte fields that hold a structure of their own, decoded (leniently) for the dump. */
const EMBEDDED: Readonly<Record<string, Kind>> = { rodToken: 'rod-token' };

/** Add the trace of embedded structures (the ROD token inside WUT and RRTI data) to `trace`. */
export function expandEmbedded(bytes: Uint8Array, trace: TraceEntry[]): void {
  for (const e of [...trace]) {
    const kind = EMBEDDED[e.field];
    if (kind === undefined || !(e.value instanceof Uint8Array) || e.length < 8) continue;
    const inner: TraceEntry[] = [];
    try {
      codecOf(kind)?.decode(bytes.subarray(e.offset, e.offset + e.length), { trace: inner });
    } catch {
      continue; // the raw bytes are still shown
    }
    for (const t of inner) trace.push({ ...t, offset: t.offset + e.offset });
  }
  // A Device Identification page (83h) the VPD codec keeps raw: its designation descriptors.
  const page = trace.find((t) => t.field === 'pageCode');
  const raw = trace.find((t) => t.field === 'raw' && t.value instanceof Uint8Array);
  const designation = codecOf('designation');
  if (page?.value === 0x83 && raw !== undefined && designation !== undefined) {
    let off = raw.offset;
    const end = raw.offset + raw.length;
    while (off + 4 <= end) {
      const len = 4 + (bytes[off + 3] ?? 0);
      if (off + len > end) break;
      const inner: TraceEntry[] = [];
      try {
        designation.decode(bytes.subarray(off, off + len), { trace: inner });
      } catch {
        break;
      }
      for (const t of inner) trace.push({ ...t, offset: t.offset + off });
      off += len;
    }
  }
}
