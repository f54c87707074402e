/**
 * fast-check arbitraries for designation (identification) descriptors.
 *
 * @packageDocumentation
 */
import fc from 'fast-check';
import type { DesignationDescriptor, DesignationDescriptorList } from '../designation/designation-descriptor.js';
import { utf8Encode } from '../designation/utf8.js';

/** Options for {@link arbDesignationDescriptor}. @remarks Since 0.1.0 */
export interface ArbDesignationDescriptorOptions {
  /**
   * `true`: only descriptors a strict decode accepts (well-formed designator per type, right code
   * set, reserved bits zero). `false` (default): also malformed lengths, reserved designator
   * types, reserved associations and code sets, arbitrary header bits.
   */
  readonly valid?: boolean;
  /** Restrict to these designator types (default: all 16 values, or 0h-Ah when `valid`). */
  readonly designatorTypes?: readonly number[];
  /** Restrict to these associations (default: 0-3, or 0-2 when `valid`). */
  readonly associations?: readonly number[];
  /** Maximum designator length (default 255). */
  readonly maxDesignatorLength?: number;
}

const u16 = fc.integer({ min: 0, max: 0xffff });

function bytes(min: number, max: number): fc.Arbitrary<Uint8Array<ArrayBuffer>> {
  if (min > max) return fc.constant(new Uint8Array(0));
  return fc.oneof(
    fc.uint8Array({ minLength: min, maxLength: max }) as fc.Arbitrary<Uint8Array<ArrayBuffer>>,
    fc.constantFrom(min, max).map((n) => new Uint8Array(n).fill(0xff)),
  );
}

function fixed(n: number): fc.Arbitrary<Uint8Array<ArrayBuffer>> {
  return fc.uint8Array({ minLength: n, maxLength: n }) as fc.Arbitrary<Uint8Array<ArrayBuffer>>;
}

function withTopNibble(b: Uint8Array<ArrayBuffer>, nibble: number): Uint8Array<ArrayBuffer> {
  const c = b.slice();
  c[0] = (nibble << 4) | ((c[0] as number) & 0x0f);
  return c;
}

interface Body {
  readonly codeSet: number;
  readonly designator: Uint8Array<ArrayBuffer>;
  readonly protocolIdentifier?: number;
}

/** T10 vendor ID (1h): 8 printable ASCII bytes of vendor, then vendor specific bytes. */
function t10VendorIdBody(maxLen: number): fc.Arbitrary<Body> {
  return fc
    .tuple(
      fc.string({
        unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
        minLength: 8,
        maxLength: 8,
      }),
      bytes(0, Math.max(0, maxLen - 8)),
    )
    .map(([vendor, rest]) => {
      const d = new Uint8Array(8 + rest.length);
      for (let i = 0; i < 8; i++) d[i] = vendor.charCodeAt(i);
      d.set(rest, 8);
      return { codeSet: 2, designator: d };
    });
}

/** SCSI name string (8h): UTF-8, null terminated, padded to a multiple of 4. */
function scsiNameStringBody(maxLen: number): fc.Arbitrary<Body> {
  return fc.string({ unit: 'binary', maxLength: 60 }).map((s) => {
    let t = utf8Encode(s.replace(/\0/g, ''));
    const limit = Math.min(maxLen, 255);
    if (((t.length + 1 + 3) & ~3) > limit) t = utf8Encode('x'.repeat(Math.max(0, (limit & ~3) - 1)));
    const n = (t.length + 1 + 3) & ~3;
    const d = new Uint8Array(n);
    d.set(t);
    return { codeSet: 3, designator: d };
  });
}

/** Protocol specific port identifier (9h): UAS (protocol 9h), SOP (Ah), or another protocol's bytes. */
function protocolSpecificBody(maxLen: number): fc.Arbitrary<Body> {
  return fc.oneof(
    fc
      .tuple(fc.integer({ min: 0, max: 0x7f }), fc.integer({ min: 0, max: 255 }))
      .map(([a, i]) => ({ codeSet: 1, protocolIdentifier: 9, designator: Uint8Array.of(a, 0, i, 0) })),
    u16.map((v) => ({
      codeSet: 1,
      protocolIdentifier: 0xa,
      designator: Uint8Array.of(v >> 8, v & 0xff, 0, 0, 0, 0, 0, 0),
    })),
    fc.record(
      {
        codeSet: fc.constant(1),
        protocolIdentifier: fc.integer({ min: 0, max: 8 }),
        designator: bytes(0, Math.min(32, maxLen)),
      },
      { noNullPrototype: true },
    ),
  );
}

/** A well-formed designator (with its required code set) for `type`. */
function validBody(type: number, maxLen: number): fc.Arbitrary<Body> {
  const bin = (a: fc.Arbitrary<Uint8Array<ArrayBuffer>>): fc.Arbitrary<Body> =>
    a.map((designator) => ({ codeSet: 1, designator }));
  switch (type) {
    case 0:
      return fc.record(
        { codeSet: fc.integer({ min: 1, max: 3 }), designator: bytes(0, maxLen) },
        { noNullPrototype: true },
      );
    case 1:
      return t10VendorIdBody(maxLen);
    case 2:
      return bin(fc.constantFrom(8, 12, 16).chain((n) => fixed(n)));
    case 3:
      return bin(
        fc.oneof(
          fixed(8).map((b) => withTopNibble(b, 2)),
          fixed(8).map((b) => withTopNibble(b, 3)),
          fixed(8).map((b) => withTopNibble(b, 5)),
          fixed(16).map((b) => withTopNibble(b, 6)),
        ),
      );
    case 4:
    case 5:
    case 6:
      return bin(u16.map((v) => Uint8Array.of(0, 0, v >> 8, v & 0xff)));
    case 7:
      return bin(fixed(16));
    case 8:
      return scsiNameStringBody(maxLen);
    case 9:
      return protocolSpecificBody(maxLen);
    default:
      return bin(
        fixed(16).map((u) => {
          const d = new Uint8Array(18);
          d[0] = 0x10;
          d.set(u, 2);
          return d;
        }),
      );
  }
}

/**
 * Arbitrary designation descriptor: every designator type (0h-Fh), association, code set and
 * PIV, zero-length and 255-byte designators; see {@link ArbDesignationDescriptorOptions}.
 *
 * @remarks Since 0.1.0
 */
export function arbDesignationDescriptor(
  options?: ArbDesignationDescriptorOptions,
): fc.Arbitrary<DesignationDescriptor> {
  const valid = options?.valid === true;
  const maxLen = Math.min(255, options?.maxDesignatorLength ?? 255);
  const types =
    options?.designatorTypes ?? (valid ? [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10] : Array.from({ length: 16 }, (_, i) => i));
  const assocs = options?.associations ?? (valid ? [0, 1, 2] : [0, 1, 2, 3]);
  const validArb = fc.constantFrom(...types).chain((type) =>
    fc
      .tuple(
        validBody(type, maxLen),
        fc.constantFrom(...assocs.filter((a) => a !== 3 && (type !== 9 || a !== 0))),
        fc.boolean(),
        fc.integer({ min: 0, max: 15 }),
      )
      .map(([body, association, pivRaw, proto]): DesignationDescriptor => {
        const piv = type === 9 ? true : association !== 0 && pivRaw;
        const protocolIdentifier = piv ? (body.protocolIdentifier ?? proto) : 0;
        return {
          protocolIdentifier,
          codeSet: body.codeSet,
          piv,
          association,
          designatorType: type,
          designator: body.designator,
        };
      }),
  );
  if (valid) return validArb;
  const anyArb = fc.record(
    {
      protocolIdentifier: fc.integer({ min: 0, max: 15 }),
      codeSet: fc.integer({ min: 0, max: 15 }),
      piv: fc.boolean(),
      association: fc.constantFrom(...assocs),
      designatorType: fc.constantFrom(...types),
      designator: bytes(0, maxLen) as fc.Arbitrary<Uint8Array>,
    },
    { noNullPrototype: true },
  );
  return fc.oneof(validArb, anyArb);
}

/**
 * Arbitrary run of designation descriptors (0 to `maxLength` descriptors).
 *
 * @remarks Since 0.1.0
 */
export function arbDesignationDescriptorList(
  options?: ArbDesignationDescriptorOptions & { readonly maxLength?: number },
): fc.Arbitrary<DesignationDescriptorList> {
  return fc
    .array(arbDesignationDescriptor(options), { maxLength: options?.maxLength ?? 8 })
    .map((descriptors) => ({ descriptors }));
}
