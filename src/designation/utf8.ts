/**
 * Tiny dependency-free UTF-8 decoder/encoder (the core has no TextDecoder/TextEncoder).
 *
 * @internal
 */

/**
 * Decode UTF-8 bytes to a string exactly like WHATWG `TextDecoder('utf-8')` (non-fatal, no BOM
 * stripping): each maximal ill-formed subsequence becomes one U+FFFD. Returns `ok: false` if any
 * replacement was made.
 *
 * @internal
 */
export function utf8Decode(bytes: Uint8Array): { readonly text: string; readonly ok: boolean } {
  let text = '';
  let ok = true;
  let needed = 0;
  let seen = 0;
  let cp = 0;
  let lower = 0x80;
  let upper = 0xbf;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    if (needed === 0) {
      if (b <= 0x7f) text += String.fromCharCode(b);
      else if (b >= 0xc2 && b <= 0xdf) {
        needed = 1;
        cp = b & 0x1f;
      } else if (b >= 0xe0 && b <= 0xef) {
        if (b === 0xe0) lower = 0xa0;
        if (b === 0xed) upper = 0x9f;
        needed = 2;
        cp = b & 0x0f;
      } else if (b >= 0xf0 && b <= 0xf4) {
        if (b === 0xf0) lower = 0x90;
        if (b === 0xf4) upper = 0x8f;
        needed = 3;
        cp = b & 0x07;
      } else {
        text += '\ufffd';
        ok = false;
      }
      continue;
    }
    if (b < lower || b > upper) {
      // Ill-formed: replace what was consumed so far and reprocess this byte.
      needed = 0;
      seen = 0;
      cp = 0;
      lower = 0x80;
      upper = 0xbf;
      text += '\ufffd';
      ok = false;
      i--;
      continue;
    }
    lower = 0x80;
    upper = 0xbf;
    cp = (cp << 6) | (b & 0x3f);
    seen++;
    if (seen === needed) {
      text += String.fromCodePoint(cp);
      needed = 0;
      seen = 0;
      cp = 0;
    }
  }
  if (needed !== 0) {
    text += '\ufffd';
    ok = false;
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
