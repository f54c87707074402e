/**
 * A synthetic ODX capture: two initiators logged in to one target (the library's copy manager
 * answers every command, so the bytes are what a target sends). Host A populates a token and
 * reads it with RRTI; host B writes with it (WRITE USING TOKEN), then asks RRTI for a list it
 * never used (CHECK CONDITION with sense).
 */
import { CopyManager, ManualClock } from '../../src/copy-manager/index.js';
import {
  encodePopulateTokenCdb,
  encodePopulateTokenParameterList,
  encodeReceiveRodTokenInformationCdb,
  encodeWriteUsingTokenCdb,
  encodeWriteUsingTokenParameterList,
} from '../../src/index.js';
import { Conversation, command, concat, dataIn, dataOut, type Frame, login, pcapng, r2t, response } from './writer.js';

interface Host {
  readonly conv: Conversation;
  readonly name: string;
  readonly port: string;
}

export function odxCapture(): { bytes: Uint8Array; token: Uint8Array } {
  const cm = new CopyManager({
    clock: new ManualClock(1_000_000),
    logicalUnits: [
      { blockSize: 512, capacity: 1n << 20n },
      { blockSize: 512, capacity: 1n << 20n },
    ],
  });
  const hosts: Host[] = [
    {
      conv: new Conversation({ address: '192.168.1.10', port: 50001 }, { address: '192.168.1.1', port: 3260 }),
      name: 'iqn.2026-12.test:host-a',
      port: 'a',
    },
    {
      conv: new Conversation({ address: '192.168.1.20', port: 50002 }, { address: '192.168.1.1', port: 3260 }),
      name: 'iqn.2026-12.test:host-b',
      port: 'b',
    },
  ];
  const events: { host: number; seg: number }[] = [];
  const mark = (h: number, f: () => void): void => {
    const before = (hosts[h] as Host).conv.segments.length;
    f();
    for (let i = before; i < (hosts[h] as Host).conv.segments.length; i++) events.push({ host: h, seg: i });
  };
  hosts.forEach((h, i) => {
    mark(i, () => {
      h.conv.handshake();
      const [req, resp] = login({ initiatorName: h.name, isid: 0x400000000000 + i, tsih: i + 1 });
      h.conv.send(true, req).send(false, resp);
    });
  });
  let itt = 1;
  const run = (h: number, lun: number, cdb: Uint8Array, out?: Uint8Array, allocation = 0): Uint8Array => {
    const host = hosts[h] as Host;
    const r = cm.execute({
      nexus: { initiatorPortId: host.name, targetPortId: 1 },
      lun,
      cdb,
      ...(out === undefined ? {} : { dataOut: out }),
    });
    const t = itt++;
    mark(h, () => {
      if (out !== undefined) {
        // Unsolicited data is off: the target asks for the parameter list with an R2T.
        host.conv.send(true, command({ itt: t, lun, cdb, edtl: out.length, write: true }));
        host.conv.send(false, r2t({ itt: t, ttt: 0x1000 + t, offset: 0, length: out.length }));
        host.conv.send(true, dataOut({ itt: t, ttt: 0x1000 + t, offset: 0, data: out }));
        host.conv.send(
          false,
          response({ itt: t, status: r.status, ...(r.senseData === undefined ? {} : { sense: r.senseData }) }),
        );
      } else {
        host.conv.send(true, command({ itt: t, lun, cdb, edtl: allocation, read: allocation > 0 }));
        const d = r.dataIn ?? new Uint8Array(0);
        if (d.length > 0 && r.status === 0) {
          // The RRTI data in three Data-In PDUs, the status in the last.
          const a = Math.floor(d.length / 3);
          host.conv.send(
            false,
            concat(
              dataIn({ itt: t, lun, offset: 0, data: d.subarray(0, a), dataSn: 0 }),
              dataIn({ itt: t, lun, offset: a, data: d.subarray(a, 2 * a), dataSn: 1 }),
              dataIn({ itt: t, lun, offset: 2 * a, data: d.subarray(2 * a), dataSn: 2, status: 0 }),
            ),
          );
        } else {
          host.conv.send(
            false,
            response({ itt: t, status: r.status, ...(r.senseData === undefined ? {} : { sense: r.senseData }) }),
          );
        }
      }
    });
    return r.dataIn ?? new Uint8Array(0);
  };
  const ptParams = encodePopulateTokenParameterList({
    immed: false,
    rtv: false,
    inactivityTimeout: 0,
    rodType: 0,
    blockDeviceRangeDescriptors: [{ logicalBlockAddress: 0n, numberOfLogicalBlocks: 2048 }],
  });
  run(
    0,
    0,
    encodePopulateTokenCdb({
      kind: 'POPULATE TOKEN',
      listIdentifier: 1,
      parameterListLength: ptParams.length,
      groupNumber: 0,
      control: 0,
    }),
    ptParams,
  );
  const rrti = run(
    0,
    0,
    encodeReceiveRodTokenInformationCdb({
      kind: 'RECEIVE ROD TOKEN INFORMATION',
      listIdentifier: 1,
      allocationLength: 1024,
      control: 0,
    }),
    undefined,
    1024,
  );
  // RRTI data: the token is the last 512 bytes of the ROD token descriptor.
  const token = rrti.subarray(rrti.length - 512);
  const wutParams = encodeWriteUsingTokenParameterList({
    delTkn: false,
    immed: false,
    offsetIntoRod: 0n,
    rodToken: token,
    blockDeviceRangeDescriptors: [{ logicalBlockAddress: 4096n, numberOfLogicalBlocks: 2048 }],
  });
  run(
    1,
    1,
    encodeWriteUsingTokenCdb({
      kind: 'WRITE USING TOKEN',
      listIdentifier: 2,
      parameterListLength: wutParams.length,
      groupNumber: 0,
      control: 0,
    }),
    wutParams,
  );
  run(
    1,
    1,
    encodeReceiveRodTokenInformationCdb({
      kind: 'RECEIVE ROD TOKEN INFORMATION',
      listIdentifier: 9,
      allocationLength: 1024,
      control: 0,
    }),
    undefined,
    1024,
  );
  const frames: Frame[][] = hosts.map((h) => h.conv.frames({ type: 'ethernet' }, {}, 1_700_000_000));
  const ordered = events.map((e, i) => {
    const f = (frames[e.host] as Frame[])[e.seg] as Frame;
    return { ...f, seconds: 1_700_000_012, nanoseconds: i * 1_000_000 };
  });
  const bytes = pcapng([
    {
      littleEndian: true,
      interfaces: [{ linkType: 1, tsresol: 9 }],
      blocks: ordered.map((frame) => ({ type: 'epb' as const, interfaceId: 0, frame })),
    },
  ]);
  return { bytes, token: token.slice() };
}
