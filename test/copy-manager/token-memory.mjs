// Memory per live ROD token: heap delta / count for 4096 live tokens (POPULATE TOKEN results kept
// for RRTI included). Run after a build:  npx tsup && node --expose-gc test/copy-manager/token-memory.mjs

import { CopyManager, ManualClock } from '../../dist/copy-manager.js';
import {
  encodePopulateTokenCdb,
  encodePopulateTokenParameterList,
  encodeReceiveRodTokenInformationCdb,
  encodeWrite16Cdb,
} from '../../dist/index.js';

const N = 4096;
const gc = globalThis.gc;
if (typeof gc !== 'function') throw new Error('run with node --expose-gc');

function heap() {
  for (let i = 0; i < 5; i++) gc();
  return process.memoryUsage().heapUsed;
}

function measure(label, withData, rtv) {
  const cm = new CopyManager({
    clock: new ManualClock(),
    logicalUnits: [{ blockSize: 512, capacity: 1n << 32n }],
    maxTokensPerNexus: N,
  });
  const nexus = { initiatorPortId: 'iqn.bench', targetPortId: 1 };
  if (withData) {
    const data = new Uint8Array(512 * 64).fill(7);
    for (let i = 0; i < N; i++) {
      const cdb = encodeWrite16Cdb({
        wrprotect: 0,
        dpo: false,
        fua: false,
        logicalBlockAddress: BigInt(i * 128),
        transferLength: 64,
        groupNumber: 0,
        control: 0,
      });
      cm.execute({ nexus, lun: 0, cdb, dataOut: data });
    }
  }
  const lists = [];
  for (let i = 0; i < N; i++) {
    lists.push(
      encodePopulateTokenParameterList({
        rtv,
        immed: false,
        inactivityTimeout: 0,
        rodType: rtv ? 0x0080_0001 : 0,
        blockDeviceRangeDescriptors: [{ logicalBlockAddress: BigInt(i * 128), numberOfLogicalBlocks: 64 }],
      }),
    );
  }
  const before = heap();
  for (let i = 0; i < N; i++) {
    const cdb = encodePopulateTokenCdb({
      listIdentifier: i,
      parameterListLength: lists[i].length,
      groupNumber: 0,
      control: 0,
    });
    const r = cm.execute({ nexus, lun: 0, cdb, dataOut: lists[i] });
    if (r.status !== 0) throw new Error(`POPULATE TOKEN ${i} failed`);
  }
  const after = heap();
  if (cm.liveTokenCount !== N) throw new Error('not all tokens live');
  // The tokens are fetchable (RRTI) afterwards.
  const rrti = cm.execute({
    nexus,
    lun: 0,
    cdb: encodeReceiveRodTokenInformationCdb({ listIdentifier: N - 1, allocationLength: 600, control: 0 }),
  });
  if (rrti.status !== 0 || rrti.dataIn.length !== 550) throw new Error('RRTI failed');
  console.log(
    `${label}: ${((after - before) / N).toFixed(0)} bytes per live token (${N} tokens, heap +${((after - before) / 1024).toFixed(0)} KiB)`,
  );
  return cm; // keep alive until measured
}

measure('point-in-time default, source never written', false, false);
measure('point-in-time default, source written (1 extent per token)', true, false);
measure('change vulnerable (ranges kept, no image)', true, true);
