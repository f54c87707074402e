/**
 * What a device server accepts: the logical unit and the third-party copy limits a corpus or a
 * "valid" arbitrary assumes. A case is valid only relative to one profile (a range beyond the
 * capacity, or more range descriptors than MAXIMUM RANGE DESCRIPTORS, is an error there).
 *
 * @packageDocumentation
 */
import { ROD_TYPE } from '../constants/rod-type.js';
import { ScsiCodecError } from '../errors.js';
import { inputFault } from '../internal/contract.js';

/**
 * The logical unit and limits a device server enforces (and advertises: READ CAPACITY (16), VPD
 * B0h Block Limits, VPD 8Fh Third-party Copy block device ROD token limits descriptor).
 *
 * @remarks Since 0.2.0
 */
export interface DeviceServerProfile {
  /** LOGICAL BLOCK LENGTH IN BYTES (READ CAPACITY (16)). */
  readonly blockSize: number;
  /** Capacity in logical blocks (RETURNED LOGICAL BLOCK ADDRESS + 1). */
  readonly capacity: bigint;
  /** MAXIMUM RANGE DESCRIPTORS (VPD 8Fh block device ROD token limits descriptor). */
  readonly maxRangeDescriptors: number;
  /** MAXIMUM TOKEN TRANSFER SIZE in logical blocks: the sum over one list's range descriptors. */
  readonly maxTokenTransferSize: bigint;
  /** Most logical blocks one range descriptor may name (the per-descriptor transfer limit). */
  readonly maxBlocksPerRangeDescriptor: number;
  /** MAXIMUM TRANSFER LENGTH for READ/WRITE in logical blocks (VPD B0h). */
  readonly maxTransferLength: number;
  /** MAXIMUM INACTIVITY TIMEOUT in seconds (VPD 8Fh). */
  readonly maxInactivityTimeout: number;
  /** ROD TYPE values a POPULATE TOKEN with RTV = 1 may request. */
  readonly populateTokenRodTypes: readonly number[];
}

/**
 * The profile of the reference copy manager with its default limits and one logical unit of
 * 2^32 blocks of 512 bytes (2 TiB). `copyManagerOptionsForProfile` builds that copy manager.
 *
 * @remarks Since 0.2.0
 */
export const DEFAULT_DEVICE_SERVER_PROFILE: DeviceServerProfile = Object.freeze({
  blockSize: 512,
  capacity: 1n << 32n,
  maxRangeDescriptors: 64,
  maxTokenTransferSize: 1n << 24n,
  maxBlocksPerRangeDescriptor: 1 << 24,
  maxTransferLength: 1 << 16,
  maxInactivityTimeout: 3600,
  populateTokenRodTypes: Object.freeze([
    ROD_TYPE.POINT_IN_TIME_COPY_DEFAULT,
    ROD_TYPE.POINT_IN_TIME_COPY_CHANGE_VULNERABLE,
    ROD_TYPE.POINT_IN_TIME_COPY_PERSISTENT,
    ROD_TYPE.POINT_IN_TIME_COPY_ANY,
  ]),
});

/**
 * Options for the reference copy manager (`new CopyManager(...)` of `scsi-odx/copy-manager`) that
 * enforce exactly `profile`: one logical unit (LUN 0) with its capacity and block size, and its
 * limits.
 *
 * @remarks Since 0.2.0
 */
export function copyManagerOptionsForProfile(profile: DeviceServerProfile): {
  readonly logicalUnits: readonly { readonly blockSize: number; readonly capacity: bigint }[];
  readonly maxRangeDescriptors: number;
  readonly maxTokenTransferSize: bigint;
  readonly maxTransferLength: number;
  readonly maxInactivityTimeout: number;
} {
  try {
    return {
      logicalUnits: [{ blockSize: profile.blockSize, capacity: profile.capacity }],
      maxRangeDescriptors: profile.maxRangeDescriptors,
      maxTokenTransferSize: profile.maxTokenTransferSize,
      maxTransferLength: profile.maxTransferLength,
      maxInactivityTimeout: profile.maxInactivityTimeout,
    };
  } catch (e) {
    throw inputFault(e, 'DeviceServerProfile', [profile], 'ERR_UNEXPECTED_VALUE');
  }
}

/** JSON form of a profile (bigints as decimal strings). @remarks Since 0.2.0 */
export interface DeviceServerProfileJson {
  readonly blockSize: number;
  readonly capacity: string;
  readonly maxRangeDescriptors: number;
  readonly maxTokenTransferSize: string;
  readonly maxBlocksPerRangeDescriptor: number;
  readonly maxTransferLength: number;
  readonly maxInactivityTimeout: number;
  readonly populateTokenRodTypes: readonly number[];
}

/** A profile as JSON data. @remarks Since 0.2.0 */
export function profileToJson(p: DeviceServerProfile): DeviceServerProfileJson {
  try {
    return toJson(p);
  } catch (e) {
    throw inputFault(e, 'DeviceServerProfile', [p], 'ERR_UNEXPECTED_VALUE');
  }
}

function toJson(p: DeviceServerProfile): DeviceServerProfileJson {
  return {
    blockSize: p.blockSize,
    capacity: p.capacity.toString(),
    maxRangeDescriptors: p.maxRangeDescriptors,
    maxTokenTransferSize: p.maxTokenTransferSize.toString(),
    maxBlocksPerRangeDescriptor: p.maxBlocksPerRangeDescriptor,
    maxTransferLength: p.maxTransferLength,
    maxInactivityTimeout: p.maxInactivityTimeout,
    populateTokenRodTypes: [...p.populateTokenRodTypes],
  };
}

function bad(field: string, detail: string): ScsiCodecError {
  return new ScsiCodecError('ERR_FIELD_RANGE', 'DeviceServerProfile', field, 0, detail);
}

function int(v: unknown, name: string, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    throw bad(name, `must be an integer in ${min}..${max}, got ${typeof v === 'number' ? v : typeof v}`);
  }
  return v;
}

function big(v: unknown, name: string, min: bigint, max: bigint): bigint {
  if (typeof v !== 'string' || !/^\d{1,30}$/.test(v) || BigInt(v) < min || BigInt(v) > max) {
    throw bad(
      name,
      `must be a decimal string in ${min}..${max}, got ${typeof v === 'string' ? v.slice(0, 40) : typeof v}`,
    );
  }
  return BigInt(v);
}

/**
 * A profile from its JSON form (as a corpus manifest carries it), every field checked.
 *
 * @throws {ScsiCodecError} `ERR_FIELD_RANGE` naming the first missing or out-of-range field.
 * @remarks Since 0.2.0
 */
export function profileFromJson(json: unknown): DeviceServerProfile {
  try {
    return fromJson(json);
  } catch (e) {
    throw inputFault(e, 'DeviceServerProfile', [json], 'ERR_FIELD_RANGE');
  }
}

function fromJson(json: unknown): DeviceServerProfile {
  if (typeof json !== 'object' || json === null) throw bad('profile', 'not an object');
  const j = json as Record<string, unknown>;
  const types = j['populateTokenRodTypes'];
  if (!Array.isArray(types) || types.length > 1024) {
    throw bad('populateTokenRodTypes', 'must be an array of at most 1024 ROD types');
  }
  return {
    blockSize: int(j['blockSize'], 'blockSize', 1, 0xffffff),
    capacity: big(j['capacity'], 'capacity', 1n, 1n << 64n),
    maxRangeDescriptors: int(j['maxRangeDescriptors'], 'maxRangeDescriptors', 1, 0xffff),
    maxTokenTransferSize: big(j['maxTokenTransferSize'], 'maxTokenTransferSize', 1n, (1n << 64n) - 1n),
    maxBlocksPerRangeDescriptor: int(j['maxBlocksPerRangeDescriptor'], 'maxBlocksPerRangeDescriptor', 1, 0xffff_ffff),
    maxTransferLength: int(j['maxTransferLength'], 'maxTransferLength', 1, 0xffff_ffff),
    maxInactivityTimeout: int(j['maxInactivityTimeout'], 'maxInactivityTimeout', 0, 0xffff_ffff),
    populateTokenRodTypes: types.map((t, i) => int(t, `populateTokenRodTypes[${i}]`, 0, 0xffff_ffff)),
  };
}
