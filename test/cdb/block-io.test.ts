import { describe, expect, it } from 'vitest';
import { readCdbSpec, writeCdbSpec } from '../../src/cdb/block-io.js';
import { decodeRead10Cdb, READ_10_CDB_LAYOUT } from '../../src/cdb/read-10.js';
import { decodeRead16Cdb, READ_16_CDB_LAYOUT } from '../../src/cdb/read-16.js';
import { decodeWrite10Cdb, WRITE_10_CDB_LAYOUT } from '../../src/cdb/write-10.js';
import { decodeWrite16Cdb, WRITE_16_CDB_LAYOUT } from '../../src/cdb/write-16.js';
import { readBigint, readNumber } from '../../src/internal/layout-codec.js';

describe('READ/WRITE CDB specs: the LOGICAL BLOCK ADDRESS reader must match its layout table', () => {
  it('accepts readBigint for the 8-byte field and readNumber for the 4-byte one', () => {
    expect(() => readCdbSpec('READ (16)', READ_16_CDB_LAYOUT, readBigint, decodeRead16Cdb)).not.toThrow();
    expect(() => readCdbSpec('READ (10)', READ_10_CDB_LAYOUT, readNumber, decodeRead10Cdb)).not.toThrow();
    expect(() => writeCdbSpec('WRITE (16)', WRITE_16_CDB_LAYOUT, readBigint, decodeWrite16Cdb)).not.toThrow();
    expect(() => writeCdbSpec('WRITE (10)', WRITE_10_CDB_LAYOUT, readNumber, decodeWrite10Cdb)).not.toThrow();
  });

  it('refuses a reader of the other kind when the spec is built', () => {
    // A wrong reader would decode an 8-byte LBA as a number (or a 4-byte one as a bigint) behind a type cast.
    expect(() => readCdbSpec('READ (16)', READ_16_CDB_LAYOUT, readNumber as never, decodeRead16Cdb)).toThrow(
      /Read16Cdb: LOGICAL BLOCK ADDRESS is a bigint field/,
    );
    expect(() => readCdbSpec('READ (10)', READ_10_CDB_LAYOUT, readBigint as never, decodeRead10Cdb)).toThrow(
      /Read10Cdb: LOGICAL BLOCK ADDRESS is a uint field/,
    );
    expect(() => writeCdbSpec('WRITE (16)', WRITE_16_CDB_LAYOUT, readNumber as never, decodeWrite16Cdb)).toThrow(
      /Write16Cdb/,
    );
    expect(() => writeCdbSpec('WRITE (10)', WRITE_10_CDB_LAYOUT, readBigint as never, decodeWrite10Cdb)).toThrow(
      /Write10Cdb/,
    );
  });
});
