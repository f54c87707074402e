/**
 * Wiring of the area codecs into the CLI's kind registry. A kind missing here is reported as
 * "no codec in this build".
 */
import { decodeCdb, encodeCdb } from '../cdb/index.js';
import { decodeDesignationDescriptor, encodeDesignationDescriptor } from '../designation/index.js';
import {
  decodeExtendedCopyLid1ParameterList,
  decodeExtendedCopyLid4ParameterList,
  decodePopulateTokenParameterList,
  decodeWriteUsingTokenParameterList,
  encodeExtendedCopyLid1ParameterList,
  encodeExtendedCopyLid4ParameterList,
  encodePopulateTokenParameterList,
  encodeWriteUsingTokenParameterList,
} from '../parameter-list/index.js';
import { decodeRodToken, encodeRodToken } from '../rod-token/index.js';
import { decodeSenseData, encodeSenseData } from '../sense/index.js';
import {
  decodeCopyStatusLid4,
  decodeRodTokenInformation,
  encodeCopyStatusLid4,
  encodeRodTokenInformation,
} from '../status/index.js';
import { decodeVpdPage, encodeVpdPage } from '../vpd/index.js';
import type { Kind, KindCodec } from './kind-names.js';

/** Codec per kind. */
export const CODECS: Partial<Record<Kind, KindCodec>> = {
  cdb: { decode: decodeCdb, encode: encodeCdb },
  sense: { decode: decodeSenseData, encode: encodeSenseData },
  'populate-token-params': { decode: decodePopulateTokenParameterList, encode: encodePopulateTokenParameterList },
  'write-using-token-params': {
    decode: decodeWriteUsingTokenParameterList,
    encode: encodeWriteUsingTokenParameterList,
  },
  'extended-copy-params': {
    decode: decodeExtendedCopyLid1ParameterList,
    encode: encodeExtendedCopyLid1ParameterList,
  },
  'extended-copy-lid4-params': {
    decode: decodeExtendedCopyLid4ParameterList,
    encode: encodeExtendedCopyLid4ParameterList,
  },
  'rrti-data': { decode: decodeRodTokenInformation, encode: encodeRodTokenInformation },
  'copy-status': { decode: decodeCopyStatusLid4, encode: encodeCopyStatusLid4 },
  'rod-token': { decode: decodeRodToken, encode: encodeRodToken },
  vpd: { decode: decodeVpdPage, encode: encodeVpdPage },
  designation: { decode: decodeDesignationDescriptor, encode: encodeDesignationDescriptor },
};
