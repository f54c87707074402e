/**
 * A naive copy manager (benchmark baseline only, not part of the library): logical units are
 * flat Uint8Arrays; POPULATE TOKEN copies the source ranges' bytes into a point-in-time snapshot,
 * WRITE USING TOKEN copies the snapshot's bytes into the destination ranges. Same byte interface
 * as the library's `execute()` (CDB + data-out in, status + data-in out); no validation.
 */
const view = (b) => new DataView(b.buffer, b.byteOffset, b.byteLength);

export class NaiveCopyManager {
  /** @param units [{ blockSize, blocks }] (LUN = index). */
  constructor(units) {
    this.lus = units.map((u) => ({ blockSize: u.blockSize, data: new Uint8Array(u.blocks * u.blockSize) }));
    this.tokens = new Map(); // id -> { snapshot, bytes }
    this.results = new Map(); // listId -> { sa, transferCount, token? }
    this.nextId = 1n;
    this.spare = undefined; // snapshot buffer reused once its token is deleted (no GC churn)
  }

  execute({ lun, cdb, dataOut }) {
    const c = view(cdb);
    const op = cdb[0];
    const sa = cdb[1] & 0x1f;
    const lu = this.lus[lun];
    if (op === 0x83 && sa === 0x10) return this.populateToken(lu, c.getUint32(6), dataOut);
    if (op === 0x83 && sa === 0x11) return this.writeUsingToken(lu, c.getUint32(6), dataOut);
    if (op === 0x84 && sa === 0x07) return this.rrti(c.getUint32(2), c.getUint32(10));
    return { status: 0x02 };
  }

  ranges(v, lenOff, off) {
    const out = [];
    const n = v.getUint16(lenOff) >> 4;
    for (let i = 0; i < n; i++, off += 16) out.push([Number(v.getBigUint64(off)), v.getUint32(off + 8)]);
    return out;
  }

  populateToken(lu, listId, data) {
    const ranges = this.ranges(view(data), 14, 16);
    const bs = lu.blockSize;
    let bytes = 0;
    for (const [, n] of ranges) bytes += n * bs;
    const snapshot = this.spare !== undefined && this.spare.length >= bytes ? this.spare : new Uint8Array(bytes);
    this.spare = undefined;
    let at = 0;
    for (const [lba, n] of ranges) {
      snapshot.set(lu.data.subarray(lba * bs, (lba + n) * bs), at); // the byte copy
      at += n * bs;
    }
    const id = this.nextId++;
    const token = new Uint8Array(512);
    const t = view(token);
    t.setUint32(0, 0x0080_0000);
    t.setUint16(6, 0x01f8);
    t.setBigUint64(8, id);
    t.setBigUint64(56, BigInt(bytes));
    this.tokens.set(id, { snapshot, bytes });
    this.results.set(listId, { sa: 0x10, transferCount: BigInt(bytes / bs), token });
    return { status: 0x00 };
  }

  writeUsingToken(lu, listId, data) {
    const v = view(data);
    const id = view(data.subarray(16, 528)).getBigUint64(8);
    const tok = this.tokens.get(id);
    if (tok === undefined) return { status: 0x02 };
    const bs = lu.blockSize;
    let at = Number(v.getBigUint64(8)) * bs;
    let done = 0;
    for (const [lba, n] of this.ranges(v, 534, 536)) {
      const len = Math.min(n * bs, tok.bytes - at);
      lu.data.set(tok.snapshot.subarray(at, at + len), lba * bs); // the byte copy
      at += len;
      done += len;
    }
    if ((data[2] & 2) !== 0) {
      this.tokens.delete(id);
      this.spare = tok.snapshot;
    }
    this.results.set(listId, { sa: 0x11, transferCount: BigInt(done / bs), token: undefined });
    return { status: 0x00 };
  }

  rrti(listId, alloc) {
    const r = this.results.get(listId);
    if (r === undefined) return { status: 0x02 };
    const out = new Uint8Array(r.token === undefined ? 36 : 550);
    const v = view(out);
    v.setUint32(0, out.length - 4);
    out[4] = r.sa;
    out[5] = 0x01;
    v.setUint32(8, 0xffff_fffe);
    out[15] = 0xf1;
    v.setBigUint64(16, r.transferCount);
    if (r.token !== undefined) {
      v.setUint32(32, 514);
      out.set(r.token, 38);
    }
    return { status: 0x00, dataIn: out.length > alloc ? out.subarray(0, alloc) : out };
  }
}
