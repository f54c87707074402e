/**
 * TokenTable.classify answers for the bytes of the token it last encoded without decoding them
 * (`{ kind: 'ours', id }`). That is only right because the token format classifies its own encoding
 * of every record POPULATE TOKEN makes that way: checked here for every ROD type it makes, any
 * identifier, block size, byte count, secret and NAA, and that any other bytes (a byte changed,
 * an older token, a zero token) get exactly the token format's answer or fault.
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { FaultError } from '../../src/copy-manager/fault.js';
import { makeTokenFormat } from '../../src/copy-manager/token-format.js';
import { TokenTable } from '../../src/copy-manager/tokens.js';
import type { CopyManagerLimits, TokenRec } from '../../src/copy-manager/types.js';
import { ROD_TYPE } from '../../src/rod-token/index.js';

/** An answer or the fault's rule and pointers. */
function answer(classify: () => unknown): unknown {
  try {
    return { kind: classify() };
  } catch (e) {
    if (e instanceof FaultError) return { fault: e.fault };
    throw e;
  }
}

const arbNaa = fc.uint8Array({ minLength: 8, maxLength: 8 }).map((b) => {
  b[0] = 0x30 | ((b[0] as number) & 0x0f); // NAA 3, as the engine makes them
  return b;
});

const arbRec = fc.record({
  id: fc.oneof(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER })),
  secret: fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => String.fromCharCode(...b)),
  // the ROD types POPULATE TOKEN makes (POINT_IN_TIME_COPY_ANY is made persistent)
  rodType: fc.constantFrom(
    ROD_TYPE.POINT_IN_TIME_COPY_DEFAULT,
    ROD_TYPE.POINT_IN_TIME_COPY_CHANGE_VULNERABLE,
    ROD_TYPE.POINT_IN_TIME_COPY_PERSISTENT,
  ),
  blockSize: fc.oneof(fc.constantFrom(512, 4096), fc.integer({ min: 1, max: 0xffffff })),
  lun: fc.integer({ min: 0, max: 16383 }),
  bytes: fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
});

function table(deviceNaa: Uint8Array): TokenTable {
  const limits = { maxLiveTokens: 16, maxTokensPerNexus: 16, maxInvalidationRecords: 16 } as CopyManagerLimits;
  return new TokenTable(limits, { now: () => 0 }, makeTokenFormat(deviceNaa), () => {});
}

function record(deviceNaa: Uint8Array, r: RecShape): TokenRec {
  const naa = deviceNaa.slice();
  naa[6] = (r.lun >> 8) & 0xff;
  naa[7] = r.lun & 0xff;
  return {
    id: r.id,
    secret: r.secret,
    rodType: r.rodType,
    lu: { naa, blockSize: r.blockSize },
    bytes: r.bytes,
  } as unknown as TokenRec;
}
type RecShape = { id: number; secret: string; rodType: number; blockSize: number; lun: number; bytes: bigint };

describe('TokenTable.classify', () => {
  test.prop([arbNaa, arbRec])('its answer for the last token encoded is the token format’s', (naa, r) => {
    const t = table(naa);
    const rec = record(naa, r);
    const bytes = t.tokenBytes(rec);
    expect(t.classify(bytes.slice())).toStrictEqual({ kind: 'ours', id: rec.id });
    expect(t.format.classify(bytes)).toStrictEqual({ kind: 'ours', id: rec.id });
  });

  test.prop([arbNaa, arbRec, arbRec, fc.nat(), fc.integer({ min: 0, max: 255 })])(
    'other bytes get the token format’s answer or fault',
    (naa, r1, r2, at, v) => {
      const t = table(naa);
      const older = t.tokenBytes(record(naa, r1)).slice();
      const last = t.tokenBytes(record(naa, { ...r2, id: r1.id + 1 }));
      const changed = last.slice();
      changed[at % changed.length] = v;
      const zero = new Uint8Array(512);
      zero.set([0xff, 0xff, 0x00, 0x01, 0, 0, 0x01, 0xf8]);
      for (const b of [older, changed, zero, last.subarray(0, 500)]) {
        expect(answer(() => t.classify(b))).toStrictEqual(answer(() => t.format.classify(b)));
      }
    },
  );
});
