/**
 * Renderers for the dump formats people paste (byte-exact to xxd, hexdump -C, od -A x -t x1z,
 * tshark -x and Wireshark "Copy as Hex + ASCII"), so every input form can be generated from any
 * bytes in tests without the tools installed.
 */
const h2 = (b: number): string => b.toString(16).padStart(2, '0');
const asc = (b: number): string => (b >= 0x20 && b <= 0x7e ? String.fromCharCode(b) : '.');

function rows(bytes: Uint8Array, n = 16): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += n) out.push(bytes.subarray(i, i + n));
  return out;
}

export function xxd(bytes: Uint8Array): string {
  return rows(bytes)
    .map((r, i) => {
      const groups: string[] = [];
      for (let j = 0; j < r.length; j += 2) groups.push(Array.from(r.subarray(j, j + 2), h2).join(''));
      return `${(i * 16).toString(16).padStart(8, '0')}: ${groups.join(' ').padEnd(39)}  ${Array.from(r, asc).join('')}`;
    })
    .join('\n');
}

export function hexdumpC(bytes: Uint8Array): string {
  const lines: string[] = [];
  let prev = '';
  let starred = false;
  rows(bytes).forEach((r, i) => {
    const hex = Array.from(r, h2);
    const body = `${hex.slice(0, 8).join(' ')}  ${hex.slice(8).join(' ')}`;
    if (body === prev && r.length === 16) {
      if (!starred) lines.push('*');
      starred = true;
      return;
    }
    prev = body;
    starred = false;
    lines.push(`${(i * 16).toString(16).padStart(8, '0')}  ${body.padEnd(49)}|${Array.from(r, asc).join('')}|`);
  });
  lines.push(bytes.length.toString(16).padStart(8, '0'));
  return lines.join('\n');
}

export function odX1z(bytes: Uint8Array): string {
  const lines = rows(bytes).map(
    (r, i) =>
      `${(i * 16).toString(16).padStart(6, '0')} ${Array.from(r, h2).join(' ').padEnd(47)}  >${Array.from(r, asc).join('')}<`,
  );
  lines.push(bytes.length.toString(16).padStart(6, '0'));
  return lines.join('\n');
}

export function tshark(bytes: Uint8Array): string {
  return rows(bytes)
    .map(
      (r, i) =>
        `${(i * 16).toString(16).padStart(4, '0')}  ${Array.from(r, h2).join(' ').padEnd(47)}   ${Array.from(r, asc).join('')}`,
    )
    .join('\n');
}

export function wireshark(bytes: Uint8Array): string {
  return rows(bytes)
    .map((r, i) => {
      const hex = Array.from(r, h2);
      return `${(i * 16).toString(16).padStart(4, '0')}   ${`${hex.slice(0, 8).join(' ')}  ${hex.slice(8).join(' ')}`.padEnd(48)}   ${Array.from(r, asc).join('')}`;
    })
    .join('\n');
}

export function plainForms(bytes: Uint8Array): Record<string, string> {
  const hex = Array.from(bytes, h2);
  return {
    spaced: hex.join(' '),
    compact: hex.join(''),
    colons: hex.join(':'),
    commas0x: hex.map((x) => `0x${x}`).join(', '),
    cArray: `{ ${hex.map((x) => `0x${x.toUpperCase()}`).join(',')} }`,
    inhex: `# sg3_utils inhex\n${rows(bytes)
      .map((r) => `${Array.from(r, (b) => b.toString(16)).join(' ')}   # comment`)
      .join('\n')}\n`,
    escaped: hex.map((x) => `\\x${x}`).join(''),
  };
}

export function allForms(bytes: Uint8Array): Record<string, string> {
  return {
    ...plainForms(bytes),
    xxd: xxd(bytes),
    hexdumpC: hexdumpC(bytes),
    odX1z: odX1z(bytes),
    tshark: tshark(bytes),
    wireshark: wireshark(bytes),
  };
}
