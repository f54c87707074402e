// scsi-odx demo: the dual-server offloaded copy flow against the reference copy manager.
//
//   host A  --POPULATE TOKEN-->  LUN 0 (512-byte blocks)      (target port 1)
//   host A  --RRTI----------->   token (512 bytes) ... handed to host B out of band
//   host B  --WRITE USING TOKEN (IMMED)--> LUN 1 (4096-byte blocks)  (target port 2), polls RRTI
//   host B  --WRITE USING TOKEN with the block device zero ROD token--> LUN 1
//   host B  --READ--> verify
//
// Every exchange is printed decoded with the package's own codecs. Run: npx tsup && node examples/demo.mjs

import { CopyManager, ManualClock } from '../dist/copy-manager.js';
import {
  ascAscqName,
  blockDeviceZeroRodToken,
  copyOperationStatusName,
  decodeCdb,
  decodePopulateTokenParameterList,
  decodeRodToken,
  decodeRodTokenInformation,
  decodeSenseData,
  decodeWriteUsingTokenParameterList,
  encodePopulateTokenCdb,
  encodePopulateTokenParameterList,
  encodeRead16Cdb,
  encodeReceiveRodTokenInformationCdb,
  encodeWrite16Cdb,
  encodeWriteUsingTokenCdb,
  encodeWriteUsingTokenParameterList,
  normalizeSenseData,
  senseKeyName,
} from '../dist/index.js';

const clock = new ManualClock();
const cm = new CopyManager({
  clock,
  logicalUnits: [
    { lun: 0, blockSize: 512, capacity: 1n << 32n }, // 2 TiB, thin
    { lun: 1, blockSize: 4096, capacity: 1n << 30n }, // 4 TiB, thin
  ],
  backgroundBytesPerSecond: 16 * 1024 * 1000, // 16 KiB per ms of (manual) clock time
});
const hostA = { initiatorPortId: 'iqn.2026-11.example:host-a', targetPortId: 1 };
const hostB = { initiatorPortId: 'iqn.2026-11.example:host-b', targetPortId: 2 };

// ------------------------------------------------------------------ printing

function hex(bytes, max = 24) {
  const h = [...bytes.subarray(0, max)].map((b) => b.toString(16).padStart(2, '0')).join(' ');
  return bytes.length > max ? `${h} … (${bytes.length} bytes)` : h;
}

function plain(v) {
  return JSON.stringify(
    v,
    (k, x) =>
      typeof x === 'bigint'
        ? `${x}n`
        : x instanceof Uint8Array
          ? hex(x)
          : k === 'rodType' && typeof x === 'number'
            ? `${x.toString(16).padStart(8, '0')}h`
            : x,
    2,
  )
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');
}

function senseText(bytes) {
  const s = normalizeSenseData(decodeSenseData(bytes));
  const ptr =
    s.senseKeySpecific?.kind === 'fieldPointer'
      ? `, field pointer ${s.senseKeySpecific.commandData ? 'CDB' : 'parameter list'} byte ${s.senseKeySpecific.fieldPointer}`
      : '';
  const info = s.information === undefined ? '' : `, INFORMATION ${s.information}`;
  return `${senseKeyName(s.senseKey)}, ${s.asc.toString(16).padStart(2, '0')}h/${s.ascq.toString(16).padStart(2, '0')}h ${ascAscqName(s.asc, s.ascq) ?? ''}${ptr}${info}`;
}

/** Send one command, print CDB, parameter list, status, sense (all decoded). */
function send(who, nexus, lun, cdb, dataOut, decodeList) {
  console.log(`\n${who} → LUN ${lun}: ${decodeCdb(cdb).kind}`);
  console.log(`  CDB ${hex(cdb, 16)}`);
  console.log(plain(decodeCdb(cdb)));
  if (dataOut !== undefined && decodeList !== undefined) {
    console.log(`  parameter list (${dataOut.length} bytes):`);
    console.log(plain(decodeList(dataOut)));
  }
  const r = cm.execute({ nexus, lun, cdb, dataOut });
  console.log(`  status ${r.status === 0 ? 'GOOD' : r.status === 2 ? 'CHECK CONDITION' : r.status}`);
  if (r.senseData !== undefined) console.log(`  sense: ${senseText(r.senseData)}`);
  return r;
}

function rrti(who, nexus, lun, listIdentifier) {
  const r = send(
    who,
    nexus,
    lun,
    encodeReceiveRodTokenInformationCdb({ listIdentifier, allocationLength: 1024, control: 0 }),
  );
  if (r.status !== 0) return undefined;
  const info = decodeRodTokenInformation(r.dataIn, { strict: true });
  console.log(
    `  RRTI data: ${copyOperationStatusName(info.copyOperationStatus) ?? ''} (${info.copyOperationStatus.toString(16)}h), ` +
      `transfer count ${info.transferCount} blocks, estimated status update delay ${info.estimatedStatusUpdateDelay === 0xfffffffe ? 'FFFFFFFEh (finished)' : `${info.estimatedStatusUpdateDelay} ms`}` +
      (info.senseData ? `, sense: ${senseText(r.dataIn.subarray(32, 32 + 18))}` : ''),
  );
  return info;
}

function check(cond, what) {
  if (!cond) {
    console.error(`FAILED: ${what}`);
    process.exit(1);
  }
  console.log(`  ✔ ${what}`);
}

// ------------------------------------------------------------------ 0. host A writes some data on LUN 0

const data = new Uint8Array(256 * 512);
for (let i = 0; i < data.length; i++) data[i] = (i * 7 + (i >> 9)) & 0xff;
send(
  'host A',
  hostA,
  0,
  encodeWrite16Cdb({
    wrprotect: 0,
    dpo: false,
    fua: false,
    logicalBlockAddress: 1000n,
    transferLength: 256,
    groupNumber: 0,
    control: 0,
  }),
  data,
);

// ------------------------------------------------------------------ 1. POPULATE TOKEN on LUN 0 (host A)

const ptList = encodePopulateTokenParameterList({
  rtv: false,
  immed: false,
  inactivityTimeout: 0,
  rodType: 0,
  blockDeviceRangeDescriptors: [
    { logicalBlockAddress: 1000n, numberOfLogicalBlocks: 128 },
    { logicalBlockAddress: 1128n, numberOfLogicalBlocks: 128 },
  ],
});
const pt = send(
  'host A',
  hostA,
  0,
  encodePopulateTokenCdb({ listIdentifier: 0x11, parameterListLength: ptList.length, groupNumber: 0, control: 0 }),
  ptList,
  decodePopulateTokenParameterList,
);
check(pt.status === 0, 'POPULATE TOKEN accepted');

// ------------------------------------------------------------------ 2. RRTI (host A, same I_T nexus) → the token

const info = rrti('host A', hostA, 0, 0x11);
const token = info.rodTokenDescriptors[0].rodToken;
console.log('  ROD token (decoded):');
console.log(plain(decodeRodToken(token)));
check(token.length === 512, 'host A holds a 512-byte ROD token');

// Host B cannot read host A's results (other I_T nexus): 24h/00h.
rrti('host B', hostB, 0, 0x11);

// ------------------------------------------------------------------ 3. host B: WRITE USING TOKEN to LUN 1 in the background, polling RRTI

const wutList = encodeWriteUsingTokenParameterList({
  delTkn: false,
  immed: true,
  offsetIntoRod: 0n,
  rodToken: token,
  blockDeviceRangeDescriptors: [{ logicalBlockAddress: 5000n, numberOfLogicalBlocks: 32 }],
});
const wut = send(
  'host B',
  hostB,
  1,
  encodeWriteUsingTokenCdb({ listIdentifier: 0x22, parameterListLength: wutList.length, groupNumber: 0, control: 0 }),
  wutList,
  decodeWriteUsingTokenParameterList,
);
check(wut.status === 0, 'WRITE USING TOKEN (IMMED = 1) accepted');
for (;;) {
  const s = rrti('host B', hostB, 1, 0x22);
  if (s.copyOperationStatus !== 0x12) {
    check(s.copyOperationStatus === 0x01 && s.transferCount === 32n, 'copy completed: 32 blocks of 4096 bytes');
    break;
  }
  clock.advance(Math.min(3, Math.max(1, s.estimatedStatusUpdateDelay)));
  console.log(`  (clock advanced to ${clock.now()} ms)`);
}

// ------------------------------------------------------------------ 4. host B: zero the last 8 destination blocks with the block device zero ROD token

const zeroList = encodeWriteUsingTokenParameterList({
  delTkn: false,
  immed: false,
  offsetIntoRod: 0n,
  rodToken: blockDeviceZeroRodToken(),
  blockDeviceRangeDescriptors: [{ logicalBlockAddress: 5024n, numberOfLogicalBlocks: 8 }],
});
const z = send(
  'host B',
  hostB,
  1,
  encodeWriteUsingTokenCdb({ listIdentifier: 0x23, parameterListLength: zeroList.length, groupNumber: 0, control: 0 }),
  zeroList,
  decodeWriteUsingTokenParameterList,
);
check(z.status === 0, 'zero-token WRITE USING TOKEN accepted');
rrti('host B', hostB, 1, 0x23);

// ------------------------------------------------------------------ 5. verify by READ

const read = send(
  'host B',
  hostB,
  1,
  encodeRead16Cdb({
    rdprotect: 0,
    dpo: false,
    fua: false,
    rarc: false,
    logicalBlockAddress: 5000n,
    transferLength: 32,
    groupNumber: 0,
    control: 0,
  }),
);
const got = read.dataIn;
check(
  got.subarray(0, 24 * 4096).every((b, i) => b === data[i]),
  'LUN 1 blocks 5000-5023 equal host A data on LUN 0 (LBA 1000-1191)',
);
check(
  got.subarray(24 * 4096).every((b) => b === 0),
  'LUN 1 blocks 5024-5031 read as zeros',
);
console.log(`\n${cm.liveTokenCount} live token(s); done.`);
