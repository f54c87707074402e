/**
 * Synthetic pcap writing for the tshark interop tests (iSCSI PDUs over TCP port 3260), built on
 * the capture tests' writers (`test/capture/writer.ts`) so pcap, IPv4 and TCP are written once.
 */
import { ip, linkFrame, pcap as pcapFile, tcp } from '../capture/writer.js';

/**
 * A pcap (LINKTYPE_ETHERNET) holding each payload in its own TCP segment, each on a TCP
 * connection of its own (source port 40000 + index), so that one PDU tshark reads differently
 * cannot shift the framing of the next.
 */
export function pcap(segments: readonly { fromInitiator: boolean; payload: Uint8Array }[]): Uint8Array {
  return pcapFile(
    segments.map(({ fromInitiator, payload }, n) => {
      const host = { address: '127.0.0.1', port: 40000 + (n % 20000) };
      const target = { address: '127.0.0.2', port: 3260 };
      const [src, dst] = fromInitiator ? [host, target] : [target, host];
      const segment = tcp({ src, dst, seq: 1000, ack: 500_000, flags: 0x18, payload });
      return {
        seconds: n,
        nanoseconds: 0,
        data: linkFrame({ type: 'ethernet' }, ip(src.address, dst.address, segment)),
      };
    }),
  );
}
