/**
 * Synthetic pcap writing for the tshark interop tests (iSCSI PDUs over TCP port 3260).
 */

/**
 * A pcap (LINKTYPE_ETHERNET) holding each payload in its own TCP segment, each on a TCP
 * connection of its own (source port 40000 + index), so that one PDU tshark reads differently
 * cannot shift the framing of the next.
 */
export function pcap(segments: readonly { fromInitiator: boolean; payload: Uint8Array }[]): Uint8Array {
  const parts: Uint8Array[] = [];
  const g = new DataView(new ArrayBuffer(24));
  g.setUint32(0, 0xa1b2c3d4, true);
  g.setUint16(4, 2, true);
  g.setUint16(6, 4, true);
  g.setUint32(16, 0x4_0000, true);
  g.setUint32(20, 1, true);
  parts.push(new Uint8Array(g.buffer));
  segments.forEach(({ fromInitiator, payload }, n) => {
    const frame = new Uint8Array(54 + payload.length);
    const v = new DataView(frame.buffer);
    v.setUint16(12, 0x0800);
    frame[14] = 0x45;
    v.setUint16(16, 40 + payload.length);
    frame[22] = 64;
    frame[23] = 6;
    frame.set(fromInitiator ? [127, 0, 0, 1, 127, 0, 0, 2] : [127, 0, 0, 2, 127, 0, 0, 1], 26);
    let sum = 0;
    for (let i = 14; i < 34; i += 2) sum += v.getUint16(i);
    while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
    v.setUint16(24, ~sum & 0xffff);
    const port = 40000 + (n % 20000);
    v.setUint16(34, fromInitiator ? port : 3260);
    v.setUint16(36, fromInitiator ? 3260 : port);
    v.setUint32(38, 1000);
    v.setUint32(42, 500_000);
    frame[46] = 0x50;
    frame[47] = 0x18;
    v.setUint16(48, 0xffff);
    frame.set(payload, 54);
    const rec = new DataView(new ArrayBuffer(16));
    rec.setUint32(0, n, true);
    rec.setUint32(8, frame.length, true);
    rec.setUint32(12, frame.length, true);
    parts.push(new Uint8Array(rec.buffer), frame);
  });
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
