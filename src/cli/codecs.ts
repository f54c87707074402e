/**
 * Wiring of the area codecs into the CLI's kind registry. A kind missing here is reported as
 * "not available in this build".
 */
import type { Kind, KindCodec } from './kinds.js';

/** Codec per kind. */
export const CODECS: Partial<Record<Kind, KindCodec>> = {};

/** ASC/ASCQ name, if the sense module provides one. */
export const ascAscqNameOf: ((asc: number, ascq: number) => string | undefined) | undefined = undefined;
/** Sense key name. */
export const senseKeyNameOf: ((key: number) => string | undefined) | undefined = undefined;
/** ROD type name. */
export const rodTypeNameOf: ((type: number) => string | undefined) | undefined = undefined;
