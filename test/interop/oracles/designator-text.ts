// biome-ignore-all lint/suspicious/noAssignInExpressions: line parsers test one regex after another and keep the match
/**
 * How sg3_utils (libsgutils 1.97, sg_get_designation_descriptor_str) prints one designation
 * descriptor, shared by sg_vpd (83h page), sg_decode_sense (device designation descriptor) and
 * ddptctl (ROD token creator / target device): turn the printed lines back into comparable
 * facts about the DESIGNATOR bytes.
 *
 * Name tables (designator type, code set, protocol identifier) are NOT hard-coded here: they are
 * calibrated once per run by feeding sg_vpd hand-built pages (see calibrate.ts), so a different
 * sg3_utils wording shows up as a calibration difference, not as a codec mismatch.
 */

export type DesignatorFact =
  /** The oracle printed the whole designator (hex or hex dump): compare all bytes; `cut` = only a prefix was printed. */
  | { readonly kind: 'bytes'; readonly bytes: Uint8Array; readonly note?: string; readonly cut?: boolean }
  /** Vendor specific designator with a text code set, printed as text (C %.*s: stops at NUL). */
  | { readonly kind: 'text'; readonly text: string }
  /** The oracle printed a u16 from designator bytes 2-3 (relative target port, TPG, LU group). */
  | { readonly kind: 'u16at2'; readonly value: number }
  /** T10 vendor identification: vendor id (8 chars) and the rest, as printed text. */
  | { readonly kind: 't10'; readonly vendorId: string; readonly vendorSpecific: string | undefined }
  /** SCSI name string, as printed (up to the first NUL). */
  | { readonly kind: 'scsiName'; readonly text: string }
  /** Locally assigned UUID (designator bytes 2-17). */
  | { readonly kind: 'uuid'; readonly uuid: Uint8Array }
  /** Protocol specific port identifier: the numbers printed. */
  | { readonly kind: 'protocolSpecific'; readonly values: Readonly<Record<string, number>> }
  | { readonly kind: 'unparsed'; readonly lines: readonly string[] };

/** Bytes from sg3_utils hex dump lines ("11 22 ... ff ed    ascii" or a bare "01 02 03 04"). */
export function hexDumpBytes(lines: readonly string[]): Uint8Array {
  const out: number[] = [];
  for (const l of lines) {
    // The hex part is at most 16 "xx " groups (with one extra space after the 8th); the ASCII
    // column follows after at least three spaces.
    const hexPart = l.replace(/^\s+/, '').split(/ {3,}/)[0] ?? '';
    for (const t of hexPart.trim().split(/\s+/)) if (/^[0-9a-f]{2}$/i.test(t)) out.push(parseInt(t, 16));
  }
  return Uint8Array.from(out);
}

function fromHex(h: string): Uint8Array {
  const out = new Uint8Array(h.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(h.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/**
 * Interpret the value lines printed after "designator type: X,  code set: Y" (leading
 * indentation kept: hex dumps start at column 0).
 */
export function designatorFact(typeName: string, allLines: readonly string[]): DesignatorFact {
  // ">>>>" diagnostics (protocol specific port identifier without PIV or with another protocol)
  // and their continuation lines say nothing about the designator bytes.
  const rawLines: string[] = [];
  let cut = false;
  for (let i = 0; i < allLines.length; i++) {
    const l = allLines[i]!;
    if (l === '@@interop: output cut here@@') {
      cut = true;
      continue;
    }
    if (/^\s*>>>> /.test(l)) {
      if (/expects protocol$/.test(l) || /unexpected protocol identifier: /.test(l)) i++; // wrapped second line
      continue;
    }
    rawLines.push(l);
  }
  const lines = rawLines.map((l) => l.replace(/^\s+/, ''));
  const first = lines[0] ?? '';
  let m: RegExpExecArray | null;
  if (first.startsWith('<<')) return { kind: 'bytes', bytes: hexDumpBytes(rawLines.slice(1)), note: first, cut };
  if (/^reserved designator=0x[0-9a-f]+$/.test(first))
    return { kind: 'bytes', bytes: hexDumpBytes(rawLines.slice(1)), cut };
  if ((m = /^0x([0-9a-f]+)$/.exec(first)) && (typeName === 'NAA' || typeName === 'EUI-64 based')) {
    return { kind: 'bytes', bytes: fromHex(m[1]!) };
  }
  if (first === 'vendor specific:' || first === 'MD5 logical unit identifier:') {
    return { kind: 'bytes', bytes: hexDumpBytes(rawLines.slice(1)), cut };
  }
  if ((m = /^ {6}vendor specific: ([\s\S]*)$/.exec(rawLines[0] ?? '')) && typeName.startsWith('vendor specific')) {
    return { kind: 'text', text: m[1]! };
  }
  if ((m = /^(?:Relative target port|Target port group|Logical unit group): 0x([0-9a-f]+)$/.exec(first))) {
    return { kind: 'u16at2', value: parseInt(m[1]!, 16) };
  }
  if ((m = /^vendor id: ([\s\S]*)$/.exec(rawLines[0]?.replace(/^ {6}/, '') ?? ''))) {
    const vs = /^ {6}vendor specific: ([\s\S]*)$/.exec(rawLines[1] ?? '');
    return { kind: 't10', vendorId: m[1]!, vendorSpecific: vs?.[1] };
  }
  if (first === 'SCSI name string:') {
    // Outputs are read as latin1 (byte-exact); the name is UTF-8 on the wire.
    const t = rawLines[1]?.replace(/^ {6}/, '') ?? '';
    return { kind: 'scsiName', text: new TextDecoder().decode(Uint8Array.from(t, (ch) => ch.charCodeAt(0) & 0xff)) };
  }
  if ((m = /^Locally assigned UUID: ([0-9a-f-]{36})$/.exec(first))) {
    return { kind: 'uuid', uuid: fromHex(m[1]!.replace(/-/g, '')) };
  }
  const values: Record<string, number> = {};
  for (const l of lines) {
    if (l.startsWith('[')) continue; // "[or device number: .., function number: ..]": an alternative reading
    for (const mm of l.matchAll(/([A-Za-z][A-Za-z ,]*?): 0x([0-9a-f]+)/g)) values[mm[1]!.trim()] = parseInt(mm[2]!, 16);
  }
  if (Object.keys(values).length > 0 && typeName === 'Protocol specific port identifier') {
    return { kind: 'protocolSpecific', values };
  }
  return { kind: 'unparsed', lines };
}
