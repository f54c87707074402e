/**
 * SENSE KEY SPECIFIC field names (issue 17, third mutation session, survivors of the
 * `sense-key-specific.ts` run): the trace entry of every field of every variant (the annotated
 * dump) and the field each encoder error names. Public behaviour only.
 */
import { describe, expect, it } from 'vitest';
import type { TraceEntry } from '../../src/internal/byte-reader.js';
import { decodeSenseData, encodeSenseData, type FixedSenseData } from '../../src/sense/index.js';
import { err } from './kill-helpers.js';

const fixedBytes = (sk: number): Uint8Array =>
  Uint8Array.of(0x70, 0, sk, 0, 0, 0, 0, 0x0a, 0, 0, 0, 0, 0x24, 0, 0, 0x80, 1, 2);

describe('trace of the SKS fields (bytes 15-17 of fixed sense data)', () => {
  it.each([
    [5, ['sksv@15', 'commandData@15', 'bitPointerValid@15', 'bitPointer@15', 'fieldPointer@16']],
    [1, ['sksv@15', 'actualRetryCount@16']],
    [2, ['sksv@15', 'progressIndication@16']],
    [0x0a, ['sksv@15', 'segmentDescriptor@15', 'bitPointerValid@15', 'bitPointer@15', 'fieldPointer@16']],
    [6, ['sksv@15', 'overflow@15']],
    [7, ['sksv@15', 'senseKeySpecific@16']],
  ])('sense key %i', (sk, want) => {
    const trace: TraceEntry[] = [];
    decodeSenseData(fixedBytes(sk), { trace });
    expect(trace.filter((t) => t.offset >= 15 && t.offset < 18).map((t) => `${t.field}@${t.offset}`)).toEqual(want);
  });
});

describe('encoder errors name the SKS field', () => {
  const base = decodeSenseData(fixedBytes(5)) as FixedSenseData;
  const sks = {
    fieldPointer: {
      kind: 'fieldPointer',
      sksv: true,
      commandData: false,
      bitPointerValid: false,
      bitPointer: 0,
      fieldPointer: 0,
    },
    actualRetryCount: { kind: 'actualRetryCount', sksv: true, actualRetryCount: 0 },
    progressIndication: { kind: 'progressIndication', sksv: true, progressIndication: 0 },
    segmentPointer: {
      kind: 'segmentPointer',
      sksv: true,
      segmentDescriptor: false,
      bitPointerValid: false,
      bitPointer: 0,
      fieldPointer: 0,
    },
    unitAttentionQueueOverflow: { kind: 'unitAttentionQueueOverflow', sksv: true, overflow: false },
  } as const;
  it.each([
    ['fieldPointer', 'sksv', 1, 15],
    ['fieldPointer', 'commandData', 'x', 15],
    ['fieldPointer', 'bitPointerValid', null, 15],
    ['fieldPointer', 'bitPointer', 8, 15],
    ['fieldPointer', 'fieldPointer', 0x10000, 16],
    ['actualRetryCount', 'actualRetryCount', -1, 16],
    ['progressIndication', 'progressIndication', 0x10000, 16],
    ['segmentPointer', 'segmentDescriptor', 0, 15],
    ['segmentPointer', 'bitPointerValid', 1, 15],
    ['segmentPointer', 'bitPointer', -1, 15],
    ['segmentPointer', 'fieldPointer', 1.5, 16],
    ['unitAttentionQueueOverflow', 'overflow', 'yes', 15],
  ] as const)('%s.%s = %j', (kind, field, value, offset) => {
    const senseKeySpecific = { ...sks[kind], [field]: value };
    expect(err(() => encodeSenseData({ ...base, senseKeySpecific } as never))).toMatchObject({
      code: 'ERR_FIELD_RANGE',
      structure: 'FixedSenseData',
      field,
      offset,
    });
  });
});
