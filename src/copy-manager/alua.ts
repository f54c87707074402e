/**
 * Asymmetric logical unit access (SPC-5 "Asymmetric logical unit access"), implicit only: the
 * copy manager's target ports are split into target port groups; each LU is active/optimized
 * through the group that owns it and active/non-optimized through the others (every command works
 * through every port; the states tell multipath software which path to prefer). No state ever
 * changes, so SET TARGET PORT GROUPS is not implemented (TPGS = 01b).
 *
 * @internal
 */
import { ASYMMETRIC_ACCESS_STATE, type TargetPortGroupDescriptor } from '../data-in/index.js';
import type { LogicalUnitOptions } from './engine.js';

/**
 * One target port group of {@link CopyManagerOptions.targetPortGroups}.
 *
 * @remarks Since 0.2.0
 */
export interface TargetPortGroupOptions {
  /** TARGET PORT GROUP identifier (0..65535). */
  readonly id: number;
  /** RELATIVE TARGET PORT IDENTIFIERs of the group's ports (1..65535, each in one group only). */
  readonly relativeTargetPortIds: readonly number[];
}

/** The validated ALUA configuration. */
export interface Alua {
  readonly groups: readonly TargetPortGroupOptions[];
  /** LUN → owning group id (undefined: every group is active/optimized). */
  readonly owner: ReadonlyMap<number, number | undefined>;
  /** Relative target port identifier → its group id. */
  readonly groupOfPort: ReadonlyMap<number, number>;
}

const isU16 = (n: unknown, min: number): n is number =>
  typeof n === 'number' && Number.isInteger(n) && n >= min && n <= 0xffff;

/**
 * Check and index the configuration. Throws `RangeError` for a configuration no device could
 * report (duplicate or out-of-range ids, a port in two groups, an unknown owner group).
 */
export function resolveAlua(
  groups: readonly TargetPortGroupOptions[] | undefined,
  lus: readonly LogicalUnitOptions[],
): Alua | undefined {
  if (groups === undefined || groups.length === 0) {
    if (lus.some((lu) => lu.ownerTargetPortGroup !== undefined)) {
      throw new RangeError('scsi-odx copy manager: ownerTargetPortGroup needs options.targetPortGroups');
    }
    return undefined;
  }
  const ids = new Set<number>();
  const groupOfPort = new Map<number, number>();
  for (const g of groups) {
    if (!isU16(g.id, 0) || ids.has(g.id))
      throw new RangeError(`scsi-odx copy manager: bad or duplicate target port group id ${String(g.id)}`);
    ids.add(g.id);
    if (!Array.isArray(g.relativeTargetPortIds) || g.relativeTargetPortIds.length > 255) {
      throw new RangeError(`scsi-odx copy manager: target port group ${g.id} needs 0..255 relativeTargetPortIds`);
    }
    for (const p of g.relativeTargetPortIds) {
      if (!isU16(p, 1) || groupOfPort.has(p)) {
        throw new RangeError(`scsi-odx copy manager: bad or duplicate relative target port id ${String(p)}`);
      }
      groupOfPort.set(p, g.id);
    }
  }
  const owner = new Map<number, number | undefined>();
  lus.forEach((lu, i) => {
    const o = lu.ownerTargetPortGroup;
    if (o !== undefined && !ids.has(o)) {
      throw new RangeError(`scsi-odx copy manager: ownerTargetPortGroup ${String(o)} is not a configured group`);
    }
    owner.set(lu.lun ?? i, o);
  });
  return { groups, owner, groupOfPort };
}

/** The target port group descriptors REPORT TARGET PORT GROUPS returns for one LU. */
export function targetPortGroupDescriptors(alua: Alua, lun: number): TargetPortGroupDescriptor[] {
  const owner = alua.owner.get(lun);
  return alua.groups.map((g) => {
    const optimized = owner === undefined || owner === g.id;
    return {
      pref: owner === g.id,
      asymmetricAccessState: optimized
        ? ASYMMETRIC_ACCESS_STATE.ACTIVE_OPTIMIZED
        : ASYMMETRIC_ACCESS_STATE.ACTIVE_NON_OPTIMIZED,
      tSup: false,
      oSup: false,
      lbdSup: false,
      uSup: false,
      sSup: false,
      anSup: true,
      aoSup: true,
      targetPortGroup: g.id,
      statusCode: 0,
      vendorSpecific: 0,
      relativeTargetPortIdentifiers: [...g.relativeTargetPortIds],
    };
  });
}
