/** A copy-manager usage example (as in the README), run against the sources. */
import { expect, test } from 'vitest';
import { CopyManager, ManualClock } from '../../src/copy-manager/index.js';
import {
  decodeRodTokenInformation,
  encodePopulateTokenCdb,
  encodePopulateTokenParameterList,
  encodeReceiveRodTokenInformationCdb,
} from '../../src/index.js';

test('README example', () => {
  const cm = new CopyManager({
    clock: new ManualClock(),
    logicalUnits: [
      { blockSize: 512, capacity: 1n << 32n },
      { blockSize: 4096, capacity: 1n << 30n },
    ],
  });
  const hostA = { initiatorPortId: 'iqn.example:a', targetPortId: 1 };
  const list = encodePopulateTokenParameterList({
    rtv: false,
    immed: false,
    inactivityTimeout: 0,
    rodType: 0,
    blockDeviceRangeDescriptors: [{ logicalBlockAddress: 0n, numberOfLogicalBlocks: 2048 }],
  });
  const pt = cm.execute({
    nexus: hostA,
    lun: 0,
    dataOut: list,
    cdb: encodePopulateTokenCdb({ listIdentifier: 1, parameterListLength: list.length, groupNumber: 0, control: 0 }),
  });
  expect(pt.status).toBe(0);
  const r = cm.execute({
    nexus: hostA,
    lun: 0,
    cdb: encodeReceiveRodTokenInformationCdb({ listIdentifier: 1, allocationLength: 1024, control: 0 }),
  });
  const token = decodeRodTokenInformation(r.dataIn as Uint8Array).rodTokenDescriptors[0]?.rodToken;
  expect(token?.length).toBe(512);
});
