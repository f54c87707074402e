/**
 * pcap files: both byte orders, microsecond and nanosecond timestamps. No platform API.
 *
 * @see draft-ietf-opsawg-pcap (the pcap file format)
 * @packageDocumentation
 * @internal
 */
import { type CapturePacket, type CaptureWarning, captureFileError as err } from './packet.js';

/** Magic number of a pcap file with microsecond timestamps. */
export const PCAP_MAGIC_US = 0xa1b2c3d4;
/** Magic number of a pcap file with nanosecond timestamps. */
export const PCAP_MAGIC_NS = 0xa1b23c4d;

/** Every packet of a pcap file (`dv` views `bytes`). */
export function* readPcap(
  bytes: Uint8Array,
  dv: DataView,
  onWarning: ((w: CaptureWarning) => void) | undefined,
): Generator<CapturePacket, void, undefined> {
  if (bytes.length < 24) throw err('PcapHeader', undefined, 0, `${bytes.length} bytes; the pcap header is 24`, true);
  const magicBe = dv.getUint32(0, false);
  const le = !(magicBe === PCAP_MAGIC_US || magicBe === PCAP_MAGIC_NS);
  const magic = dv.getUint32(0, le);
  const nano = magic === PCAP_MAGIC_NS;
  const major = dv.getUint16(4, le);
  if (major !== 2) throw err('PcapHeader', 'majorVersion', 4, `version ${major}; only 2 is defined`);
  // LinkType: the low 16 bits; the FCS bits above are not used here.
  const linkType = dv.getUint32(20, le) & 0xffff;
  let off = 24;
  let frame = 0;
  while (off < bytes.length) {
    if (off + 16 > bytes.length) {
      onWarning?.({
        frame: frame + 1,
        kind: 'truncated-file',
        message: `file ends inside a packet header at byte ${off}`,
      });
      return;
    }
    const sec = dv.getUint32(off, le);
    const frac = dv.getUint32(off + 4, le);
    const capLen = dv.getUint32(off + 8, le);
    const origLen = dv.getUint32(off + 12, le);
    if (frac >= (nano ? 1e9 : 1e6)) {
      throw err('PcapRecord', nano ? 'nanoseconds' : 'microseconds', off + 4, `${frac} is not below one second`);
    }
    const data = off + 16;
    if (data + capLen > bytes.length) {
      onWarning?.({
        frame: frame + 1,
        kind: 'truncated-file',
        message: `file ends inside packet ${frame + 1} (${capLen} bytes at byte ${data}, ${bytes.length - data} there)`,
      });
      return;
    }
    frame++;
    yield {
      frame,
      seconds: sec,
      nanoseconds: nano ? frac : frac * 1000,
      linkType,
      interfaceId: 0,
      data: bytes.subarray(data, data + capLen),
      originalLength: origLen,
      fileOffset: data,
    };
    off = data + capLen;
  }
}
