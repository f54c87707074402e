/**
 * Near-miss EXTENDED COPY lists: each one, sent to the reference copy manager, gets exactly the
 * sense its rule in the device-server rule table gives; `detectedBy` says truly whether strict
 * decoding rejects it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  arbExtendedCopyNearMiss,
  XCOPY_NEAR_MISS_KINDS,
  XCOPY_NEAR_MISS_RULES,
  type XcopyNearMiss,
} from '../../src/arbitraries/near-miss-xcopy.js';
import { encodeExtendedCopyLid1Cdb, encodeExtendedCopyLid4Cdb } from '../../src/cdb/index.js';
import {
  decodeExtendedCopyLid1ParameterList,
  decodeExtendedCopyLid4ParameterList,
} from '../../src/parameter-list/index.js';
import { DEVICE_SERVER_RULES } from '../../src/rules/index.js';
import { encodeSenseData } from '../../src/sense/index.js';
import { A1, Host, makeCm, senseSummary } from '../copy-manager/helpers.js';

// at least 200 (every mutation of a format shows up; about a second)
const RUNS = Math.max(200, Number(process.env['FC_NUM_RUNS'] ?? 200));

function send(h: Host, m: XcopyNearMiss) {
  const encode = m.kind === 'extended-copy-params' ? encodeExtendedCopyLid1Cdb : encodeExtendedCopyLid4Cdb;
  return h.run(0, encode({ parameterListLength: m.bytes.length, control: 0 }), m.bytes);
}

function strictRejects(m: XcopyNearMiss): boolean {
  const decode =
    m.kind === 'extended-copy-params' ? decodeExtendedCopyLid1ParameterList : decodeExtendedCopyLid4ParameterList;
  try {
    decode(m.bytes, { strict: true });
    return false;
  } catch {
    return true;
  }
}

describe.each(XCOPY_NEAR_MISS_KINDS)('near-miss %s', (kind) => {
  it('the reference copy manager answers every case with the sense of its rule', () => {
    const { cm } = makeCm();
    const h = new Host(cm, A1);
    const seen = new Set<string>();
    fc.assert(
      fc.property(arbExtendedCopyNearMiss(kind), (m) => {
        seen.add(m.rule);
        const rule = DEVICE_SERVER_RULES[m.rule];
        expect(rule.commands).toContain(
          kind === 'extended-copy-params' ? 'EXTENDED COPY (LID1)' : 'EXTENDED COPY (LID4)',
        );
        const r = send(h, m);
        expect(r.status, `${m.mutation}: ${m.detail}`).toBe(2);
        expect(senseSummary(r.senseData as Uint8Array), `${m.mutation}: ${m.detail}`).toEqual(
          senseSummary(encodeSenseData(m.expected)),
        );
        expect(strictRejects(m), `${m.mutation} detectedBy ${m.detectedBy}`).toBe(m.detectedBy === 'decoder');
      }),
      { numRuns: RUNS },
    );
    // every mutation of the format was generated
    const want = XCOPY_NEAR_MISS_RULES.filter((id) =>
      DEVICE_SERVER_RULES[id].commands.includes(
        kind === 'extended-copy-params' ? 'EXTENDED COPY (LID1)' : 'EXTENDED COPY (LID4)',
      ),
    );
    expect([...seen].sort()).toEqual([...want].sort());
  });
});
