/**
 * iSCSI PDU layer benchmarks: CRC32C throughput against the classic one-table CRC (and node's
 * native zlib CRC-32, information only), and the codec hot paths of an iSCSI target (SCSI
 * Command decode, Data-Out decode with a data digest, Data-In encode) against hand-written
 * DataView floors.
 */
import zlib from 'node:zlib';

const MiB = 1 << 20;

/** Sarwate's one-table CRC32C: the baseline a table-driven CRC starts from. */
function sarwateCrc32c() {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0x82f63b78 : c >>> 1;
    t[n] = c;
  }
  return (b) => {
    let c = -1;
    for (let i = 0; i < b.length; i++) c = t[(c ^ b[i]) & 0xff] ^ (c >>> 8);
    return ~c >>> 0;
  };
}

function pattern(n) {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = (i * 31 + 7) & 0xff;
  return b;
}

export function iscsiPduCases(core) {
  const group = 'iscsi-pdu';
  if (core.crc32c === undefined) {
    return [{ name: 'iSCSI PDU layer', group, missing: 'iSCSI PDU layer not built yet' }];
  }
  const cases = [];
  const mib = pattern(MiB);
  const sarwate = sarwateCrc32c();
  const extraNative =
    typeof zlib.crc32 === 'function'
      ? [{ name: 'node zlib.crc32 (native, IEEE polynomial)', fn: (b) => zlib.crc32(b), input: mib }]
      : [];
  cases.push({
    name: 'CRC32C (iSCSI digest), 1 MiB',
    group,
    mode: 'faster',
    goal: 2,
    goalText: '>= 2x one-table CRC',
    baselineName: 'one-table (Sarwate) CRC32C',
    throughputBytes: MiB,
    setup: () => {
      if (core.crc32c(mib) !== sarwate(mib)) throw new Error('crc32c disagrees with the one-table CRC');
      return {
        subject: { fn: (b) => core.crc32c(b), input: mib },
        baseline: { fn: sarwate, input: mib },
        extra: extraNative,
      };
    },
  });

  const data = pattern(256 * 1024);
  const dataOut = core.encodeIscsiPdu(
    {
      kind: 'SCSI Data-Out',
      final: true,
      lun: 0x0001_0000_0000_0000n,
      initiatorTaskTag: 7,
      targetTransferTag: 9,
      expStatSn: 3,
      dataSn: 0,
      bufferOffset: 0,
      data,
    },
    { headerDigest: true, dataDigest: true },
  );
  cases.push({
    name: 'iSCSI decode SCSI Data-Out, 256 KiB, header and data digests',
    group,
    goal: 1.25,
    goalText: '<= 1.25x the digest alone',
    baselineName: 'CRC32C of the data segment alone',
    throughputBytes: data.length,
    subject: {
      fn: (b) => core.decodeIscsiPdu(b, { headerDigest: true, dataDigest: true, dataView: true }),
      input: dataOut,
    },
    baseline: { fn: (b) => core.crc32c(b, 0, 52, b.length - 4), input: dataOut },
  });

  const cmd = core.encodeIscsiPdu({
    kind: 'SCSI Command',
    immediate: false,
    final: true,
    read: true,
    write: false,
    attr: 1,
    lun: 0x0001_0000_0000_0000n,
    initiatorTaskTag: 0x1234,
    expectedDataTransferLength: 1 << 20,
    cmdSn: 10,
    expStatSn: 11,
    cdb: Uint8Array.of(0x88, 0, 0, 0, 0, 0, 0, 0, 0x10, 0, 0, 0, 8, 0, 0, 0),
  });
  const floorDecodeCommand = (b) => {
    const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
    const f = b[1];
    return {
      kind: 'SCSI Command',
      immediate: (b[0] & 0x40) !== 0,
      final: (f & 0x80) !== 0,
      read: (f & 0x40) !== 0,
      write: (f & 0x20) !== 0,
      attr: f & 7,
      lun: v.getBigUint64(8),
      initiatorTaskTag: v.getUint32(16),
      expectedDataTransferLength: v.getUint32(20),
      cmdSn: v.getUint32(24),
      expStatSn: v.getUint32(28),
      cdb: b.slice(32, 48),
      ahs: [],
      data: new Uint8Array(0),
    };
  };
  cases.push({
    name: 'iSCSI decode SCSI Command (BHS only)',
    group,
    goal: 2,
    goalText: '<= 2x floor',
    baselineName: 'DataView floor',
    subject: { fn: (b) => core.decodeIscsiPdu(b), input: cmd },
    baseline: { fn: floorDecodeCommand, input: cmd },
  });

  const dataIn = {
    kind: 'SCSI Data-In',
    final: true,
    acknowledge: false,
    residualOverflow: false,
    residualUnderflow: false,
    statusPresent: true,
    status: 0,
    lun: 0x0001_0000_0000_0000n,
    initiatorTaskTag: 0x1234,
    targetTransferTag: 0xffffffff,
    statSn: 5,
    expCmdSn: 11,
    maxCmdSn: 74,
    dataSn: 0,
    bufferOffset: 0,
    residualCount: 0,
    data,
  };
  const floorEncodeDataIn = (p) => {
    const out = new Uint8Array(48 + p.data.length);
    const v = new DataView(out.buffer);
    out[0] = 0x25;
    out[1] = 0x81;
    v.setUint32(4, p.data.length);
    v.setBigUint64(8, p.lun);
    v.setUint32(16, p.initiatorTaskTag);
    v.setUint32(20, p.targetTransferTag);
    v.setUint32(24, p.statSn);
    v.setUint32(28, p.expCmdSn);
    v.setUint32(32, p.maxCmdSn);
    v.setUint32(36, p.dataSn);
    v.setUint32(40, p.bufferOffset);
    v.setUint32(44, p.residualCount);
    out.set(p.data, 48);
    return out;
  };
  cases.push({
    name: 'iSCSI encode SCSI Data-In, 256 KiB, no digests',
    group,
    goal: 1.5,
    goalText: '<= 1.5x floor',
    baselineName: 'DataView floor',
    throughputBytes: data.length,
    setup: () => {
      const a = core.encodeIscsiPdu(dataIn);
      const b = floorEncodeDataIn(dataIn);
      if (a.length !== b.length || a.some((x, i) => x !== b[i])) throw new Error('encoder and floor disagree');
      return {
        subject: { fn: (p) => core.encodeIscsiPdu(p), input: dataIn },
        baseline: { fn: floorEncodeDataIn, input: dataIn },
      };
    },
  });
  return cases;
}
