/**
 * Codec benchmarks: every decoder and encoder against its floor (bench/lib/floors.mjs).
 * Goal (issue): within 2x of the floor.
 */
import { checkBytes, checkDecodeFloor } from '../lib/check.mjs';
import * as F from '../lib/fixtures.mjs';
import * as L from '../lib/floors.mjs';

const GOAL = 2;

/** Drop `issues` so a decoded value can be fed to its encoder. */
function plain(x) {
  if (x === null || typeof x !== 'object' || x instanceof Uint8Array) return x;
  if (Array.isArray(x)) return x.map(plain);
  const o = {};
  for (const [k, v] of Object.entries(x)) if (k !== 'issues') o[k] = plain(v);
  return o;
}

/**
 * Structures: name, bytes, decoder / encoder export names and floors. `rrti` rows need the status
 * codec (encode/decodeRodTokenInformation).
 */
function structures() {
  const token = F.rodToken();
  return [
    [
      'POPULATE TOKEN CDB',
      F.populateTokenCdb(),
      'PopulateTokenCdb',
      L.floorDecodeTokenCdb,
      L.floorEncodePopulateTokenCdb,
    ],
    [
      'WRITE USING TOKEN CDB',
      F.writeUsingTokenCdb(),
      'WriteUsingTokenCdb',
      L.floorDecodeTokenCdb,
      L.floorEncodeWriteUsingTokenCdb,
    ],
    ['RRTI CDB', F.rrtiCdb(), 'ReceiveRodTokenInformationCdb', L.floorDecodeRrtiCdb, L.floorEncodeRrtiCdb],
    ['READ (16) CDB', F.read16Cdb(), 'Read16Cdb', L.floorDecodeRw16Cdb, L.floorEncodeRead16Cdb],
    ['WRITE (16) CDB', F.write16Cdb(), 'Write16Cdb', L.floorDecodeWrite16Cdb, L.floorEncodeWrite16Cdb],
    ['any CDB (decode/encodeCdb, PT)', F.populateTokenCdb(), 'Cdb', L.floorDecodeCdb, L.floorEncodeCdb],
    [
      'PT parameter list, 1 range',
      F.populateTokenParameterList(1),
      'PopulateTokenParameterList',
      L.floorDecodePopulateTokenParameterList,
      L.floorEncodePopulateTokenParameterList,
    ],
    [
      'PT parameter list, 64 ranges',
      F.populateTokenParameterList(64),
      'PopulateTokenParameterList',
      L.floorDecodePopulateTokenParameterList,
      L.floorEncodePopulateTokenParameterList,
    ],
    [
      'WUT parameter list, 1 range',
      F.writeUsingTokenParameterList(1, token),
      'WriteUsingTokenParameterList',
      L.floorDecodeWriteUsingTokenParameterList,
      L.floorEncodeWriteUsingTokenParameterList,
    ],
    [
      'WUT parameter list, 64 ranges',
      F.writeUsingTokenParameterList(64, token),
      'WriteUsingTokenParameterList',
      L.floorDecodeWriteUsingTokenParameterList,
      L.floorEncodeWriteUsingTokenParameterList,
    ],
    [
      'RRTI data after PT (token)',
      F.rrtiAfterPopulate(token),
      'RodTokenInformation',
      L.floorDecodeRodTokenInformation,
      L.floorEncodeRodTokenInformation,
    ],
    [
      'RRTI data after WUT (sense)',
      F.rrtiAfterWriteUsingToken(),
      'RodTokenInformation',
      L.floorDecodeRodTokenInformation,
      L.floorEncodeRodTokenInformation,
    ],
    ['ROD token (512 B)', token, 'RodToken', L.floorDecodeRodToken, L.floorEncodeRodToken],
    [
      'VPD 8Fh page (5 descriptors)',
      F.thirdPartyCopyVpdPage(),
      'ThirdPartyCopyVpdPage',
      L.floorDecodeThirdPartyCopyVpdPage,
      L.floorEncodeThirdPartyCopyVpdPage,
    ],
    ['sense, fixed format (18 B)', F.fixedSense(), 'SenseData', L.floorDecodeFixedSense, L.floorEncodeFixedSense],
    [
      'sense, descriptor format (28 B)',
      F.descriptorSense(),
      'SenseData',
      L.floorDecodeDescriptorSense,
      L.floorEncodeDescriptorSense,
    ],
  ];
}

/**
 * The benchmark cases for the loaded module `m` (dist/index.js). A codec not exported yet gives a
 * case with `missing` set (shown as "not landed").
 */
export function codecCases(m) {
  const cases = [];
  // What every decoder floor pays before its first read: making the DataView over its input.
  const cdb = F.populateTokenCdb();
  cases.push({
    id: 'info dataview',
    name: '(info) new DataView over a 16-byte input',
    group: 'codec',
    mode: 'info',
    goalText: 'part of every floor',
    subject: { fn: (b) => new DataView(b.buffer, b.byteOffset, b.byteLength), input: cdb },
  });
  for (const [name, bytes, suffix, decFloor, encFloor] of structures()) {
    const dec = m[`decode${suffix}`];
    const enc = m[`encode${suffix}`];
    const base = { group: 'codec', goal: GOAL, goalText: `<= ${GOAL}x floor`, baselineName: 'DataView floor' };
    // decoder
    const d = { ...base, id: `decode ${name}`, name: `decode ${name}` };
    if (typeof dec !== 'function' || decFloor === undefined) {
      d.missing = typeof dec !== 'function' ? `decode${suffix} not exported` : 'no floor yet';
    } else {
      let decoded;
      try {
        decoded = dec(bytes);
        d.check = checkDecodeFloor(decoded, decFloor, bytes);
      } catch (e) {
        d.check = `decoder threw: ${e.message}`;
      }
      d.subject = { fn: dec, input: bytes };
      d.baseline = { fn: decFloor, input: bytes };
    }
    cases.push(d);
    // encoder
    const e = { ...base, id: `encode ${name}`, name: `encode ${name}` };
    if (typeof enc !== 'function' || typeof dec !== 'function' || encFloor === undefined) {
      e.missing = typeof enc !== 'function' ? `encode${suffix} not exported` : 'no floor yet';
    } else {
      try {
        const value = plain(dec(bytes));
        const out = enc(value);
        e.check =
          checkBytes(out, bytes, 'encoder output vs fixture') ?? checkBytes(encFloor(value), out, 'floor vs encoder');
        e.subject = { fn: enc, input: value };
        e.baseline = { fn: encFloor, input: value };
      } catch (err) {
        e.missing = `encoder threw: ${err.message}`;
      }
    }
    cases.push(e);
  }
  return cases;
}
