/**
 * Capture files: the format is told by the magic number at the start (pcap in either byte order
 * and timestamp resolution, or a pcapng Section Header Block), and the file goes to that format's
 * reader (`pcap.ts`, `pcapng.ts`). No platform API.
 */
import { asUint8Array, notBytes } from '../internal/contract.js';
import { type CapturePacket, type CaptureWarning, captureFileError as err } from './packet.js';
import { PCAP_MAGIC_NS, PCAP_MAGIC_US, readPcap } from './pcap.js';
import { PCAPNG_SHB, readPcapng } from './pcapng.js';

export type { CapturePacket, CaptureWarning } from './packet.js';

/** The capture file formats recognised by {@link captureFormat}. @remarks Since 0.2.0 */
export type CaptureFormat = 'pcap' | 'pcapng';

/**
 * The format of a capture file from its magic number, or undefined if `bytes` is not one.
 *
 * @throws {ScsiCodecError} `ERR_UNEXPECTED_VALUE` if `bytes` is not a `Uint8Array`.
 * @remarks Since 0.2.0
 */
export function captureFormat(bytes: Uint8Array): CaptureFormat | undefined {
  const b = asUint8Array(bytes);
  if (b === undefined) throw err('CaptureFile', undefined, 0, `input is ${notBytes(bytes)}`);
  bytes = b;
  if (bytes.length < 4) return undefined;
  const be =
    ((bytes[0] as number) << 24) | ((bytes[1] as number) << 16) | ((bytes[2] as number) << 8) | (bytes[3] as number);
  const le =
    ((bytes[3] as number) << 24) | ((bytes[2] as number) << 16) | ((bytes[1] as number) << 8) | (bytes[0] as number);
  for (const m of [be >>> 0, le >>> 0]) {
    if (m === PCAP_MAGIC_US || m === PCAP_MAGIC_NS) return 'pcap';
  }
  if (be >>> 0 === PCAPNG_SHB) return 'pcapng';
  return undefined;
}

/**
 * Every packet of a pcap or pcapng file, in file order. A file cut short inside its last packet
 * (a capture stopped abruptly) ends the packets with a `truncated-file` warning.
 *
 * @throws {ScsiCodecError} for bytes that are not a capture file (`ERR_UNEXPECTED_VALUE`), a header
 *   cut short (`ERR_TRUNCATED`) or a pcapng block structure that is inconsistent.
 * @remarks Since 0.2.0
 */
export function* readCapturePackets(
  bytes: Uint8Array,
  onWarning?: (w: CaptureWarning) => void,
): Generator<CapturePacket, void, undefined> {
  if (!(bytes instanceof Uint8Array)) throw err('CaptureFile', undefined, 0, 'not a Uint8Array');
  const format = captureFormat(bytes);
  if (format === undefined) {
    throw err('CaptureFile', 'magic', 0, 'not a pcap or pcapng file (unknown magic number)', bytes.length < 4);
  }
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (format === 'pcap') yield* readPcap(bytes, dv, onWarning);
  else yield* readPcapng(bytes, dv, onWarning);
}
