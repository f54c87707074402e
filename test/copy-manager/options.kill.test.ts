/**
 * Constructor options at their limits (issue 17, mutation testing): the derived defaults of
 * `limits` exactly, each checked option exactly at its minimum and one below, the target port
 * group configuration at its bounds, `ManualClock.advance` with zero and negative steps, and the
 * exact CDB USAGE DATA of a command with a service action. Public API and `execute()` only.
 */
import { afterEach, describe, expect, test, vi } from 'vitest';
import { encodeReportSupportedOperationCodesCdb, encodeTestUnitReadyCdb } from '../../src/cdb/index.js';
import {
  CopyManager,
  type CopyManagerOptions,
  ManualClock,
  type TargetPortGroupOptions,
} from '../../src/copy-manager/index.js';
import { A1, expectGood, makeCm, seededRandom } from './helpers.js';

const LUS = [
  { blockSize: 512, capacity: 1n << 20n },
  { blockSize: 4096, capacity: 1n << 17n },
];

function cmWith(o: Partial<CopyManagerOptions>): CopyManager {
  return new CopyManager({ clock: new ManualClock(0), random: seededRandom(7), logicalUnits: LUS, ...o });
}

describe('limits: every default and derived value', () => {
  test('the defaults', () => {
    expect(cmWith({}).limits).toEqual({
      maxLiveTokens: 4096,
      maxTokensPerNexus: 1024,
      maxConcurrentCopies: 2,
      maxRangeDescriptors: 64,
      maxTokenTransferSize: 1n << 24n,
      maxTransferLength: 1 << 16,
      defaultInactivityTimeout: 60,
      maxInactivityTimeout: 3600,
      backgroundBytesPerSecond: 2 ** 30,
      shortTokenPolicy: 'zero-fill',
      maxResultsPerNexus: 1024,
      maxNexuses: 4096,
      nexusIdleTimeout: 7200,
      maxInvalidationRecords: 65536,
    });
  });

  test('derived from maxLiveTokens and maxInactivityTimeout', () => {
    const l = cmWith({ maxLiveTokens: 3, maxInactivityTimeout: 50 }).limits;
    expect(l.maxTokensPerNexus).toBe(1); // floor(3 / 4) = 0, at least 1
    expect(l.maxResultsPerNexus).toBe(16); // at least 16
    expect(l.nexusIdleTimeout).toBe(100); // twice the maximum inactivity timeout
    expect(l.maxInvalidationRecords).toBe(48); // 16 x maxLiveTokens
    const m = cmWith({ maxLiveTokens: 401 }).limits;
    expect(m.maxTokensPerNexus).toBe(100);
    expect(m.maxResultsPerNexus).toBe(100);
    expect(cmWith({ maxLiveTokens: 400, maxTokensPerNexus: 7 }).limits.maxResultsPerNexus).toBe(16);
    expect(cmWith({ maxLiveTokens: 400, maxTokensPerNexus: 70 }).limits.maxResultsPerNexus).toBe(70);
  });

  test('given values are kept as given', () => {
    const o = {
      maxLiveTokens: 10,
      maxTokensPerNexus: 3,
      maxConcurrentCopies: 5,
      maxRangeDescriptors: 9,
      maxTokenTransferSize: 1000n,
      maxTransferLength: 77,
      defaultInactivityTimeout: 11,
      maxInactivityTimeout: 12,
      backgroundBytesPerSecond: 4096,
      shortTokenPolicy: 'underrun' as const,
      maxNexuses: 13,
      nexusIdleTimeout: 14,
      maxInvalidationRecords: 15,
    };
    expect(cmWith(o).limits).toEqual({ ...o, maxResultsPerNexus: 16 });
  });
});

describe('checked options: exactly at the minimum, one below, and not whole numbers', () => {
  const cases = [
    ['maxNexuses', 1],
    ['nexusIdleTimeout', 0],
    ['maxInvalidationRecords', 1],
  ] as const;
  for (const [name, min] of cases) {
    test(`${name} >= ${min}`, () => {
      expect(cmWith({ [name]: min }).limits[name]).toBe(min);
      expect(() => cmWith({ [name]: min - 1 })).toThrow(
        new RangeError(`scsi-odx copy manager: ${name} must be an integer >= ${min}, got ${min - 1}`),
      );
      for (const bad of [1.5, Number.NaN, 2 ** 53, '5']) {
        expect(() => cmWith({ [name]: bad as number })).toThrow(
          new RangeError(`scsi-odx copy manager: ${name} must be an integer >= ${min}, got ${String(bad)}`),
        );
      }
    });
  }

  test('powerOnUnitAttention must be a boolean', () => {
    expect(() => cmWith({ powerOnUnitAttention: 1 as unknown as boolean })).toThrow(
      new TypeError('scsi-odx copy manager: powerOnUnitAttention must be a boolean, got number'),
    );
    // false and undefined: no unit attention on the first command.
    for (const pou of [false, undefined]) {
      expectGood(
        cmWith({ powerOnUnitAttention: pou }).execute({
          nexus: A1,
          lun: 0,
          cdb: encodeTestUnitReadyCdb({ control: 0 }),
        }),
      );
    }
  });

  test('logicalUnits reports LUN, block length and capacity of each unit', () => {
    const cm = cmWith({
      logicalUnits: [
        { blockSize: 512, capacity: 8n },
        { lun: 7, blockSize: 4096, capacity: 3n },
      ],
    });
    expect(cm.logicalUnits).toEqual([
      { lun: 0, blockSize: 512, capacity: 8n },
      { lun: 7, blockSize: 4096, capacity: 3n },
    ]);
  });
});

describe('default random source', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });
  test('without crypto.getRandomValues and without options.random: an Error naming the option', () => {
    vi.stubGlobal('crypto', undefined);
    expect(() => new CopyManager({ logicalUnits: LUS })).toThrow(
      new Error('scsi-odx copy manager: no crypto.getRandomValues; pass options.random'),
    );
  });
  test('with crypto.getRandomValues: it is used', () => {
    const seen: number[] = [];
    vi.stubGlobal('crypto', {
      getRandomValues(b: Uint8Array) {
        seen.push(b.length);
        b.fill(0x5a);
        return b;
      },
    });
    const cm = new CopyManager({ logicalUnits: LUS, clock: new ManualClock(0) });
    expect(seen.length).toBeGreaterThan(0);
    expectGood(cm.execute({ nexus: A1, lun: 0, cdb: encodeTestUnitReadyCdb({ control: 0 }) }));
  });
});

describe('target port groups at their bounds', () => {
  const make = (groups: readonly TargetPortGroupOptions[] | undefined, owners: (number | undefined)[] = []) =>
    new CopyManager({
      clock: new ManualClock(0),
      random: seededRandom(1),
      logicalUnits: LUS.map((lu, i) => ({ ...lu, ownerTargetPortGroup: owners[i] })),
      targetPortGroups: groups,
    });
  const ports = (n: number, from = 1) => Array.from({ length: n }, (_, i) => from + i);

  test('group ids 0 and FFFFh, port ids 1 and FFFFh, 255 ports in a group are accepted', () => {
    expect(() => make([{ id: 0, relativeTargetPortIds: [1] }])).not.toThrow();
    expect(() => make([{ id: 0xffff, relativeTargetPortIds: [0xffff] }])).not.toThrow();
    expect(() => make([{ id: 1, relativeTargetPortIds: ports(255) }])).not.toThrow();
    expect(() => make([], [undefined, undefined])).not.toThrow();
  });

  test('out-of-range, duplicate or malformed ids are refused with the id in the message', () => {
    for (const id of [-1, 0x10000, 1.5, '1' as unknown as number]) {
      expect(() => make([{ id, relativeTargetPortIds: [1] }])).toThrow(
        new RangeError(`scsi-odx copy manager: bad or duplicate target port group id ${String(id)}`),
      );
    }
    expect(() =>
      make([
        { id: 4, relativeTargetPortIds: [1] },
        { id: 4, relativeTargetPortIds: [2] },
      ]),
    ).toThrow(new RangeError('scsi-odx copy manager: bad or duplicate target port group id 4'));
    for (const p of [0, 0x10000, 2.5]) {
      expect(() => make([{ id: 1, relativeTargetPortIds: [p] }])).toThrow(
        new RangeError(`scsi-odx copy manager: bad or duplicate relative target port id ${p}`),
      );
    }
  });

  test('256 ports, or ports that are not an array, are refused', () => {
    expect(() => make([{ id: 3, relativeTargetPortIds: ports(256) }])).toThrow(
      new RangeError('scsi-odx copy manager: target port group 3 needs 0..255 relativeTargetPortIds'),
    );
    expect(() => make([{ id: 3, relativeTargetPortIds: 5 as unknown as number[] }])).toThrow(
      new RangeError('scsi-odx copy manager: target port group 3 needs 0..255 relativeTargetPortIds'),
    );
  });

  test('an owner group that is not configured, or an owner without groups, is refused', () => {
    expect(() => make([{ id: 1, relativeTargetPortIds: [1] }], [1, 9])).toThrow(
      new RangeError('scsi-odx copy manager: ownerTargetPortGroup 9 is not a configured group'),
    );
    for (const groups of [undefined, []]) {
      expect(() => make(groups, [undefined, 1])).toThrow(
        new RangeError('scsi-odx copy manager: ownerTargetPortGroup needs options.targetPortGroups'),
      );
    }
  });
});

describe('ManualClock', () => {
  test('advance ignores zero and negative steps', () => {
    const c = new ManualClock(100);
    c.advance(0);
    expect(c.now()).toBe(100);
    c.advance(-5);
    expect(c.now()).toBe(100);
    c.advance(1);
    expect(c.now()).toBe(101);
  });
});

describe('REPORT SUPPORTED OPERATION CODES: CDB USAGE DATA of a command with a service action', () => {
  test('RECEIVE ROD TOKEN INFORMATION (84h/07h): SERVICE ACTION as is, LIST IDENTIFIER, ALLOCATION LENGTH, NACA', () => {
    const { cm } = makeCm();
    const r = cm.execute({
      nexus: A1,
      lun: 0,
      cdb: encodeReportSupportedOperationCodesCdb({
        rctd: false,
        reportingOptions: 2,
        requestedOperationCode: 0x84,
        requestedServiceAction: 0x07,
        allocationLength: 64,
        control: 0,
      }),
    });
    expectGood(r);
    const d = r.dataIn as Uint8Array;
    // One_command parameter data: 4-byte header (SUPPORT 011b), CDB SIZE 16, then the usage data.
    expect(d[1]! & 0x07).toBe(3);
    expect((d[2]! << 8) | d[3]!).toBe(16);
    expect([...d.subarray(4, 20)]).toEqual([
      0x84, 0x07, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0, 0x04,
    ]);
  });
});
