/**
 * Name tables learnt from the oracles themselves, by decoding hand-built pages (bytes written
 * here, never by our encoders). They map what sg3_utils prints back to numbers so that a
 * comparison is number against number.
 */
import { parseSgVpdDevId, parseSgVpdTpc, runSgVpd } from './sg-vpd.js';
import { runTool, scratch } from './tools.js';

export interface Calibration {
  /** designator type (0-15) → printed name */
  readonly designatorTypeNames: readonly string[];
  /** code set (0-15) → printed name */
  readonly codeSetNames: readonly string[];
  /** protocol identifier (0-15) → printed transport */
  readonly protocolNames: readonly string[];
  /** peripheral device type (0-31) → printed name */
  readonly pdtNames: readonly string[];
}

let cached: Calibration | undefined;

function page83(descs: readonly Uint8Array[]): Uint8Array {
  const len = descs.reduce((a, d) => a + d.length, 0);
  const out = new Uint8Array(4 + len);
  out[1] = 0x83;
  out[2] = len >> 8;
  out[3] = len & 0xff;
  let o = 4;
  for (const d of descs) {
    out.set(d, o);
    o += d.length;
  }
  return out;
}

export function calibrate(): Calibration {
  if (cached !== undefined) return cached;
  const s = scratch('calibrate');
  try {
    const range = (n: number) => Array.from({ length: n }, (_, i) => i);
    // designator types: association 0, code set binary, 4 designator bytes
    const types = parseSgVpdDevId(
      runSgVpd(s.write('types.bin', page83(range(16).map((t) => Uint8Array.of(0x01, t, 0, 4, 0, 0, 0, 1))))).stdout,
    );
    // code sets: vendor specific designator (type 0), association 0
    const sets = parseSgVpdDevId(
      runSgVpd(s.write('sets.bin', page83(range(16).map((c) => Uint8Array.of(c, 0x00, 0, 4, 0, 0, 0, 1))))).stdout,
    );
    // protocols: relative target port, association 1 (target port), PIV=1
    const protos = parseSgVpdDevId(
      runSgVpd(s.write('protos.bin', page83(range(16).map((p) => Uint8Array.of((p << 4) | 1, 0x94, 0, 4, 0, 0, 0, 1)))))
        .stdout,
    );
    const pdtNames = range(32).map((p) => {
      const f = s.write(`pdt${p}.bin`, Uint8Array.of(p, 0x8f, 0, 0));
      const r = runTool('sg_vpd', [`--inhex=${f}`, '--raw', '-v']);
      return parseSgVpdTpc(r.stdout).peripheralDeviceTypeName ?? '';
    });
    cached = {
      designatorTypeNames: types.designators.map((d) => d.designatorTypeName),
      codeSetNames: sets.designators.map((d) => d.codeSetName),
      protocolNames: protos.designators.map((d) => d.transport ?? ''),
      pdtNames,
    };
    for (const [k, v] of Object.entries(cached)) {
      const want = k === 'pdtNames' ? 32 : 16;
      if ((v as string[]).length !== want) throw new Error(`calibration of ${k} got ${(v as string[]).length} names`);
    }
    return cached;
  } finally {
    s.dispose();
  }
}
