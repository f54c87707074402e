export { err } from '../codec-error.js';

/** Bytes from hex text (whitespace ignored). */
export const h = (s: string): Uint8Array =>
  Uint8Array.from(s.replace(/\s+/g, '').match(/../g) ?? [], (x) => parseInt(x, 16));

/** Descriptor sense data (ILLEGAL REQUEST, 24h/00h) holding the descriptor bytes `desc` (from byte 8). */
export const withDescriptors = (desc: string): Uint8Array => {
  const d = h(desc);
  const b = new Uint8Array(8 + d.length);
  b.set(h('72 05 24 00 00 00 00'));
  b[7] = d.length;
  b.set(d, 8);
  return b;
};
