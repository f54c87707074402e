/**
 * Tiny dependency-free UTF-8 decoder/encoder (the core has no TextDecoder/TextEncoder).
 *
 * @internal
 */

/**
 * Decode UTF-8 bytes to a string. Malformed sequences (bad lead byte, missing or bad
 * continuation bytes, overlong forms, surrogates, code points above 10FFFFh) become U+FFFD,
 * one per offending byte, like WHATWG's "replacement" mode. Returns `ok: false` if any were met.
 *
 * @internal
 */
export function utf8Decode(bytes: Uint8Array): { readonly text: string; readonly ok: boolean } {
  let text = '';
  let ok = true;
  let i = 0;
  const n = bytes.length;
  const at = (k: number): number => (k < n ? (bytes[k] as number) : -1);
  const cont = (b: number): boolean => b >= 0x80 && b <= 0xbf;
  while (i < n) {
    const b0 = at(i);
    if (b0 < 0x80) {
      text += String.fromCharCode(b0);
      i += 1;
      continue;
    }
    let need = 0;
    let cp = 0;
    let min = 0;
    if (b0 >= 0xc2 && b0 <= 0xdf) {
      need = 1;
      cp = b0 & 0x1f;
      min = 0x80;
    } else if (b0 >= 0xe0 && b0 <= 0xef) {
      need = 2;
      cp = b0 & 0x0f;
      min = 0x800;
    } else if (b0 >= 0xf0 && b0 <= 0xf4) {
      need = 3;
      cp = b0 & 0x07;
      min = 0x10000;
    } else {
      text += '\ufffd';
      ok = false;
      i += 1;
      continue;
    }
    let good = true;
    for (let k = 1; k <= need; k++) {
      const b = at(i + k);
      if (!cont(b)) {
        good = false;
        break;
      }
      cp = (cp << 6) | (b & 0x3f);
    }
    if (!good || cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
      text += '\ufffd';
      ok = false;
      i += 1;
      continue;
    }
    text += String.fromCodePoint(cp);
    i += need + 1;
  }
  return { text, ok };
}

/**
 * Encode a string as UTF-8 (lone surrogates become U+FFFD).
 *
 * @internal
 */
export function utf8Encode(text: string): Uint8Array<ArrayBuffer> {
  const out: number[] = [];
  for (const ch of text) {
    let cp = ch.codePointAt(0) as number;
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd;
    if (cp < 0x80) out.push(cp);
    else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
    else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
    else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
  }
  return Uint8Array.from(out);
}
