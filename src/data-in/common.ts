/**
 * The truncation policy of the data-in structures (data cut short by ALLOCATION LENGTH), the same
 * as the status area's:
 *
 * - the fixed part must be present, else `ERR_TRUNCATED` (the `requiredXLength` helpers need only
 *   the bytes holding the length field);
 * - past the fixed part, the decoder decodes every complete item present, sets `truncated: true`
 *   and records an `ERR_TRUNCATED` issue (in strict mode too: truncation by ALLOCATION LENGTH is
 *   normal, not malformed data); partial items are dropped;
 * - bytes after the declared end (a larger allocation buffer) are ignored.
 *
 * @internal
 */

/** `{ truncated: true }` or nothing. @internal */
export function truncatedOf(truncated: boolean): { truncated?: true } {
  return truncated ? { truncated: true } : {};
}
