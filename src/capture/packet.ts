/**
 * What the capture file readers give: packets and warnings, and the error they throw for a file
 * they cannot read. No platform API.
 */
import { ScsiCodecError } from '../errors.js';

/**
 * One packet of a capture file.
 *
 * @remarks Since 0.2.0
 */
export interface CapturePacket {
  /** Packet number in the file, from 1 (as Wireshark and tshark number frames). */
  readonly frame: number;
  /** Capture time: whole seconds since 1970-01-01 UTC. */
  readonly seconds: number;
  /** Capture time: nanoseconds within the second. */
  readonly nanoseconds: number;
  /** Link-layer header type (LINKTYPE_ value, e.g. 1 Ethernet, 113 Linux SLL). */
  readonly linkType: number;
  /** pcapng interface (per section, from 0); 0 for pcap. */
  readonly interfaceId: number;
  /** The captured bytes (a view of the file's bytes). */
  readonly data: Uint8Array;
  /** Length of the packet on the wire (larger than `data` when the snapshot length cut it). */
  readonly originalLength: number;
  /** Offset of `data` in the file. */
  readonly fileOffset: number;
}

/**
 * Something in a capture that could not be used as it is, reported rather than guessed over.
 *
 * @remarks Since 0.2.0
 */
export interface CaptureWarning {
  /** Frame the warning is about (0 when it is about the file). */
  readonly frame: number;
  /** A short stable kind, e.g. `truncated-file`, `gap`, `ip-fragment`, `digests-assumed`. */
  readonly kind: string;
  readonly message: string;
}

/** The error of a capture file reader: `ERR_TRUNCATED` when `truncated`, else `ERR_UNEXPECTED_VALUE`. @internal */
export function captureFileError(
  structure: string,
  field: string | undefined,
  offset: number,
  detail: string,
  truncated = false,
): ScsiCodecError {
  return new ScsiCodecError(truncated ? 'ERR_TRUNCATED' : 'ERR_UNEXPECTED_VALUE', structure, field, offset, detail);
}
