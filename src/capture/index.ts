/**
 * Packet captures: pcap / pcapng files, link to TCP layers, TCP reassembly, iSCSI framing and
 * SCSI exchanges. No platform API.
 *
 * @packageDocumentation
 */
export { readCaptureExchanges } from './exchanges.js';
export type { CaptureFormat, CapturePacket, CaptureWarning } from './file.js';
export { captureFormat, readCapturePackets } from './file.js';
export type { FrameSkip, TcpSegment } from './net.js';
export { CAPTURE_LINK_TYPE, linkPayload, tcpSegmentOf } from './net.js';
export type { CaptureConnection, CaptureExchange, CaptureReadOptions, CaptureSummary } from './types.js';
