import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { ExtentMap, readImage, subImage } from '../../src/copy-manager/extent-map.js';

const SIZE = 256;

type Op =
  | { kind: 'write'; pos: number; data: Uint8Array }
  | { kind: 'zero'; pos: number; len: number }
  | { kind: 'copy'; from: number; to: number; len: number }
  | { kind: 'snap'; pos: number; len: number };

const arbOp: fc.Arbitrary<Op> = fc.oneof(
  fc
    .record({ pos: fc.nat(SIZE - 1), data: fc.uint8Array({ minLength: 1, maxLength: 40 }) })
    .map(({ pos, data }) => ({ kind: 'write' as const, pos, data: data.subarray(0, SIZE - pos) })),
  fc
    .record({ pos: fc.nat(SIZE - 1), len: fc.nat(SIZE) })
    .map(({ pos, len }) => ({ kind: 'zero' as const, pos, len: Math.min(len, SIZE - pos) })),
  fc
    .record({ from: fc.nat(SIZE - 1), to: fc.nat(SIZE - 1), len: fc.nat(SIZE) })
    .map(({ from, to, len }) => ({ kind: 'copy' as const, from, to, len: Math.min(len, SIZE - from, SIZE - to) })),
  fc
    .record({ pos: fc.nat(SIZE - 1), len: fc.nat(SIZE) })
    .map(({ pos, len }) => ({ kind: 'snap' as const, pos, len: Math.min(len, SIZE - pos) })),
);

describe('ExtentMap', () => {
  test.prop([fc.array(arbOp, { maxLength: 40 })], { numRuns: 300 })(
    'behaves like a plain byte array; images never change afterwards',
    (ops) => {
      const m = new ExtentMap();
      const model = new Uint8Array(SIZE);
      const snaps: { img: ReturnType<ExtentMap['image']>; bytes: Uint8Array }[] = [];
      for (const op of ops) {
        if (op.kind === 'write') {
          m.write(BigInt(op.pos), op.data);
          model.set(op.data, op.pos);
        } else if (op.kind === 'zero') {
          m.zero(BigInt(op.pos), BigInt(op.len));
          model.fill(0, op.pos, op.pos + op.len);
        } else if (op.kind === 'copy') {
          const img = m.image(BigInt(op.from), BigInt(op.len));
          m.paste(BigInt(op.to), img, 0n, BigInt(op.len));
          model.set(model.slice(op.from, op.from + op.len), op.to);
        } else {
          snaps.push({ img: m.image(BigInt(op.pos), BigInt(op.len)), bytes: model.slice(op.pos, op.pos + op.len) });
        }
        expect(m.read(0n, SIZE)).toEqual(model);
      }
      for (const s of snaps) {
        expect(readImage(s.img, 0n, s.bytes.length)).toEqual(s.bytes);
        const half = Math.floor(s.bytes.length / 2);
        expect(
          readImage(subImage(s.img, BigInt(half), BigInt(s.bytes.length - half)), 0n, s.bytes.length - half),
        ).toEqual(s.bytes.slice(half));
      }
    },
  );

  test('huge addresses: a write near 2^76 bytes and a copy of 2^70 bytes are metadata only', () => {
    const m = new ExtentMap();
    const top = (1n << 76n) - 4096n;
    m.write(top, new Uint8Array([1, 2, 3]));
    m.write(5n, new Uint8Array([9]));
    const img = m.image(0n, 1n << 76n);
    const m2 = new ExtentMap();
    m2.paste(0n, img, 0n, 1n << 76n);
    expect(m2.extentCount).toBe(2);
    expect([...m2.read(top, 4)]).toEqual([1, 2, 3, 0]);
    expect([...m2.read(4n, 2)]).toEqual([0, 9]);
    m2.zero(0n, 1n << 75n);
    expect(m2.extentCount).toBe(1);
  });
});

describe('ExtentMap overwrites in place only what no image shares', () => {
  const bytes = (n: number, v: number): Uint8Array => new Uint8Array(n).fill(v);

  it('an overwrite after an image leaves the image (and a store it was pasted into) unchanged', () => {
    const a = new ExtentMap();
    const b = new ExtentMap();
    a.write(0n, bytes(64, 1));
    a.write(16n, bytes(16, 2)); // inside the one extent: may go in place
    expect(a.extentCount).toBe(1);
    expect(a.read(0n, 64)).toEqual(Uint8Array.from({ length: 64 }, (_, i) => (i >= 16 && i < 32 ? 2 : 1)));
    const img = a.image(0n, 64n);
    b.paste(0n, img, 0n, 64n);
    a.write(0n, bytes(64, 3)); // the segment is shared now: a new one
    b.write(8n, bytes(8, 4)); // the pasted extent shares it too
    expect(readImage(img, 0n, 64)).toEqual(Uint8Array.from({ length: 64 }, (_, i) => (i >= 16 && i < 32 ? 2 : 1)));
    expect(a.read(0n, 64)).toEqual(bytes(64, 3));
    expect(b.read(0n, 64)).toEqual(
      Uint8Array.from({ length: 64 }, (_, i) => (i >= 8 && i < 16 ? 4 : i >= 16 && i < 32 ? 2 : 1)),
    );
  });

  it('never keeps the caller buffer, in place or not', () => {
    const m = new ExtentMap();
    const src = bytes(32, 5);
    m.write(0n, src);
    src.fill(6);
    m.write(0n, src);
    src.fill(7);
    expect(m.read(0n, 32)).toEqual(bytes(32, 6));
  });

  test.prop([fc.array(fc.record({ store: fc.nat(1), op: arbOp }), { maxLength: 40 })], { numRuns: 200 })(
    'two stores pasting images into each other behave like two byte arrays',
    (steps) => {
      const maps = [new ExtentMap(), new ExtentMap()];
      const models = [new Uint8Array(SIZE), new Uint8Array(SIZE)];
      const snaps: { img: ReturnType<ExtentMap['image']>; bytes: Uint8Array }[] = [];
      for (const { store, op } of steps) {
        const m = maps[store] as ExtentMap;
        const model = models[store] as Uint8Array;
        const other = maps[1 - store] as ExtentMap;
        const otherModel = models[1 - store] as Uint8Array;
        if (op.kind === 'write') {
          m.write(BigInt(op.pos), op.data);
          model.set(op.data, op.pos);
        } else if (op.kind === 'zero') {
          m.zero(BigInt(op.pos), BigInt(op.len));
          model.fill(0, op.pos, op.pos + op.len);
        } else if (op.kind === 'copy') {
          // from this store into the other one
          other.paste(BigInt(op.to), m.image(BigInt(op.from), BigInt(op.len)), 0n, BigInt(op.len));
          otherModel.set(model.slice(op.from, op.from + op.len), op.to);
        } else {
          snaps.push({ img: m.image(BigInt(op.pos), BigInt(op.len)), bytes: model.slice(op.pos, op.pos + op.len) });
        }
        expect(maps[0]?.read(0n, SIZE)).toEqual(models[0]);
        expect(maps[1]?.read(0n, SIZE)).toEqual(models[1]);
      }
      for (const s of snaps) expect(readImage(s.img, 0n, s.bytes.length)).toEqual(s.bytes);
    },
  );
});
