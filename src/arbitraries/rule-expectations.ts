/**
 * Near-miss expectations from device-server rules: a rule id and the field pointer of the case
 * give the conforming responses and the sense data of the reference copy manager.
 *
 * INTERIM: until the device-server rule table (`src/rules/`) lands, the few rules the near-miss
 * generators use are listed here in the table's shape; this module then reads the table instead.
 *
 * @packageDocumentation
 */
import type { ConformingResponse, ExpectedResponse } from '../conformance/replay.js';
import { SENSE_KEY } from '../constants/sense-key.js';
import { buildSenseData, type SenseData } from '../sense/index.js';

type Pointer =
  | { readonly kind: 'none' }
  | { readonly kind: 'field'; readonly commandData: boolean; readonly byte: number; readonly bit?: number }
  | { readonly kind: 'computed'; readonly commandData: boolean };

interface Response {
  readonly status: number;
  readonly senseKey?: number;
  readonly ascAscq?: number;
  readonly fieldPointer?: Pointer;
}

interface Rule {
  readonly response: Response;
  readonly alternatives: readonly Response[];
}

const IR = SENSE_KEY.ILLEGAL_REQUEST;
const NONE: Pointer = { kind: 'none' };
const CDB: Pointer = { kind: 'computed', commandData: true };
const PAR: Pointer = { kind: 'computed', commandData: false };
const cdbAt = (byte: number, bit?: number): Pointer =>
  bit === undefined ? { kind: 'field', commandData: true, byte } : { kind: 'field', commandData: true, byte, bit };
const parAt = (byte: number): Pointer => ({ kind: 'field', commandData: false, byte });
const check = (ascAscq: number, fieldPointer: Pointer, senseKey: number = IR): Response => ({
  status: 2,
  senseKey,
  ascAscq,
  fieldPointer,
});
const GOOD: Response = { status: 0 };
const rule = (response: Response, ...alternatives: Response[]): Rule => ({ response, alternatives });

const RULES: Readonly<Record<string, Rule>> = {
  'spc.cdb.unsupported-command': rule(check(0x2000, cdbAt(0)), check(0x2000, NONE)),
  'spc.cdb.reserved': rule(check(0x2400, CDB), GOOD),
  'sam.cdb.naca': rule(check(0x2400, CDB)),
  'spc.data-out.short': rule(check(0x1a00, cdbAt(10)), check(0x1a00, NONE)),
  'sbc.populate-token.parameter-list-length': rule(check(0x1a00, cdbAt(10)), check(0x1a00, NONE)),
  'sbc.populate-token.data-length': rule(check(0x2600, parAt(0))),
  'sbc.populate-token.data-length-mismatch': rule(check(0x2600, parAt(0)), GOOD),
  'sbc.populate-token.reserved': rule(check(0x2600, PAR), GOOD),
  'sbc.populate-token.range-length': rule(check(0x2600, parAt(14)), check(0x2600, parAt(0))),
  'sbc.populate-token.partial-descriptor': rule(GOOD),
  'sbc.populate-token.truncated-descriptors': rule(GOOD),
  'sbc.populate-token.inactivity-timeout': rule(check(0x2600, parAt(4))),
  'sbc.populate-token.rod-type': rule(check(0x2600, parAt(8))),
  'sbc.range-descriptor.reserved': rule(check(0x2600, PAR), GOOD),
  'sbc.range-descriptors.none': rule(check(0x2600, PAR), check(0x1a00, NONE)),
  'sbc.range-descriptors.too-many': rule(check(0x2608, PAR), check(0x2608, NONE)),
  'sbc.range-descriptors.overlap': rule(check(0x2600, PAR), check(0x2600, NONE)),
  'sbc.range-descriptors.total-too-large': rule(check(0x2600, PAR), check(0x2600, NONE)),
  'sbc.range-descriptors.out-of-range': rule(check(0x2100, PAR)),
  'sbc.write-using-token.header-truncated': rule(check(0x1a00, NONE), check(0x1a00, cdbAt(10))),
  'sbc.write-using-token.data-length': rule(check(0x2600, parAt(0))),
  'sbc.write-using-token.data-length-mismatch': rule(check(0x2600, parAt(0)), GOOD),
  'sbc.write-using-token.reserved': rule(check(0x2600, PAR), GOOD),
  'sbc.write-using-token.range-length': rule(check(0x2600, parAt(534)), check(0x2600, parAt(0))),
  'sbc.write-using-token.partial-descriptor': rule(GOOD),
  'sbc.write-using-token.truncated-descriptors': rule(GOOD, check(0x1a00, NONE)),
  'spc.rod-token.length': rule(check(0x230a, parAt(22))),
  'spc.rod-token.unsupported-type': rule(check(0x2301, parAt(16))),
  'sbc.rod-token.zero-reserved': rule(check(0x2305, PAR), GOOD),
  'sbc.io.protect': rule(check(0x2400, cdbAt(1, 7))),
  'sbc.io.transfer-length': rule(check(0x2400, CDB)),
  'sbc.io.lba-out-of-range': rule(check(0x2100, cdbAt(2)), check(0x2100, NONE)),
  'sbc.write.data-out-short': rule(check(0x1a00, NONE)),
  'spc.inquiry.page-code': rule(check(0x2400, cdbAt(2))),
};

/** Where a case puts its defect (for rules whose field pointer is computed). */
export interface CasePointer {
  readonly byte: number;
  readonly bit?: number | undefined;
}

function ruleOf(id: string): Rule {
  const r = RULES[id];
  if (r === undefined) throw new Error(`no device-server rule ${id}`);
  return r;
}

function conforming(r: Response, at: CasePointer | undefined): ConformingResponse {
  if (r.status !== 2) return { status: r.status };
  const p = r.fieldPointer ?? NONE;
  const asc = (r.ascAscq ?? 0) >> 8;
  const ascq = (r.ascAscq ?? 0) & 0xff;
  const base = { status: 2, senseKey: r.senseKey ?? IR, asc, ascq };
  switch (p.kind) {
    case 'none':
      return { ...base, fieldPointer: null };
    case 'field':
      return {
        ...base,
        fieldPointer:
          p.bit === undefined
            ? { commandData: p.commandData, byte: p.byte }
            : { commandData: p.commandData, byte: p.byte, bit: p.bit },
      };
    case 'computed':
      if (at === undefined) throw new Error('a computed field pointer needs the case pointer');
      return {
        ...base,
        fieldPointer:
          at.bit === undefined
            ? { commandData: p.commandData, byte: at.byte }
            : { commandData: p.commandData, byte: at.byte, bit: at.bit },
      };
  }
}

/** The conforming responses of rule `id` for a case whose defect is at `at`. */
export function expectationFor(id: string, at?: CasePointer): ExpectedResponse {
  const r = ruleOf(id);
  return { rule: id, conforming: [r.response, ...r.alternatives].map((x) => conforming(x, at)) };
}

/** Sense data of a conforming CHECK CONDITION response (fixed format), `undefined` for GOOD. */
export function senseOfConforming(c: ConformingResponse): SenseData | undefined {
  if (c.status !== 2) return undefined;
  const p = c.fieldPointer;
  return buildSenseData({
    senseKey: c.senseKey ?? IR,
    asc: c.asc ?? 0,
    ascq: c.ascq ?? 0,
    ...(p === null || p === undefined
      ? {}
      : {
          senseKeySpecific: {
            kind: 'fieldPointer' as const,
            sksv: true,
            commandData: p.commandData,
            bitPointerValid: p.bit !== undefined,
            bitPointer: p.bit ?? 0,
            fieldPointer: p.byte,
          },
        }),
  });
}
