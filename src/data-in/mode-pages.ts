/**
 * Mode pages (SPC-5 "Mode parameters", mode page formats): the constants, the page types and
 * {@link MODE_PAGE_LAYOUTS}, the table of the pages decoded into fields (Caching 08h, Control 0Ah,
 * Informational Exceptions Control 1Ch). The mode parameter data codec is in mode-parameters.ts.
 *
 * @see SPC-5 "Control mode page", "Informational Exceptions Control mode page"; SBC-4 "Caching mode
 *   page", "Mode parameter header device-specific parameter"
 * @packageDocumentation
 */

/** Length of the mode parameter header (6). @remarks Since 0.2.0 */
export const MODE_PARAMETER_HEADER_6_LENGTH = 4;
/** Length of the mode parameter header (10). @remarks Since 0.2.0 */
export const MODE_PARAMETER_HEADER_10_LENGTH = 8;
/** Length of a short LBA mode parameter block descriptor. @remarks Since 0.2.0 */
export const SHORT_LBA_BLOCK_DESCRIPTOR_LENGTH = 8;
/** Length of a long LBA mode parameter block descriptor. @remarks Since 0.2.0 */
export const LONG_LBA_BLOCK_DESCRIPTOR_LENGTH = 16;

/**
 * Mode page codes this package decodes into fields, and the MODE SENSE "all pages" code.
 *
 * @see SPC-5 "Mode page codes" table; SBC-4 "Mode page codes for direct access block devices"
 * @remarks Since 0.2.0
 */
export const MODE_PAGE_CODE = {
  CACHING: 0x08,
  CONTROL: 0x0a,
  INFORMATIONAL_EXCEPTIONS_CONTROL: 0x1c,
  /** MODE SENSE PAGE CODE: return all mode pages. */
  ALL_PAGES: 0x3f,
} as const;

/** MODE SENSE SUBPAGE CODE asking for every subpage of the page code. @remarks Since 0.2.0 */
export const MODE_SUBPAGE_ALL = 0xff;

/**
 * Bits of the DEVICE-SPECIFIC PARAMETER of a direct-access block device (byte 2 of the header
 * (6), byte 3 of the header (10)).
 *
 * @see SBC-4, "DEVICE-SPECIFIC PARAMETER field for direct access block devices"
 * @remarks Since 0.2.0
 */
export const SBC_DEVICE_SPECIFIC_PARAMETER = {
  /** WP: the medium is write-protected. */
  WP: 0x80,
  /** DPOFUA: the device server supports the DPO and FUA bits. */
  DPOFUA: 0x10,
} as const;

/**
 * A direct-access mode parameter block descriptor (short LBA or long LBA format: the header's
 * LONGLBA bit decides which).
 *
 * @remarks Since 0.2.0
 */
export interface ModeBlockDescriptor {
  /** NUMBER OF LOGICAL BLOCKS (short: bytes 0-3, FFFFFFFFh when it does not fit; long: bytes 0-7). */
  readonly numberOfLogicalBlocks: bigint;
  /** LOGICAL BLOCK LENGTH (short: bytes 5-7; long: bytes 12-15). */
  readonly logicalBlockLength: number;
}

/** Caching mode page (08h, PAGE LENGTH 12h). @see SBC-4 "Caching mode page" @remarks Since 0.2.0 */
export interface CachingModePage {
  readonly kind: 'caching';
  /** PS (byte 0 bit 7): the page can be saved. */
  readonly ps: boolean;
  /** IC (byte 2 bit 7). */
  readonly ic: boolean;
  /** ABPF (byte 2 bit 6). */
  readonly abpf: boolean;
  /** CAP (byte 2 bit 5). */
  readonly cap: boolean;
  /** DISC (byte 2 bit 4). */
  readonly disc: boolean;
  /** SIZE (byte 2 bit 3). */
  readonly size: boolean;
  /** WCE (byte 2 bit 2): write cache enable. */
  readonly wce: boolean;
  /** MF (byte 2 bit 1). */
  readonly mf: boolean;
  /** RCD (byte 2 bit 0): read cache disable. */
  readonly rcd: boolean;
  /** DEMAND READ RETENTION PRIORITY (byte 3 bits 7:4). */
  readonly demandReadRetentionPriority: number;
  /** WRITE RETENTION PRIORITY (byte 3 bits 3:0). */
  readonly writeRetentionPriority: number;
  /** DISABLE PRE-FETCH TRANSFER LENGTH (bytes 4-5). */
  readonly disablePreFetchTransferLength: number;
  /** MINIMUM PRE-FETCH (bytes 6-7). */
  readonly minimumPreFetch: number;
  /** MAXIMUM PRE-FETCH (bytes 8-9). */
  readonly maximumPreFetch: number;
  /** MAXIMUM PRE-FETCH CEILING (bytes 10-11). */
  readonly maximumPreFetchCeiling: number;
  /** FSW (byte 12 bit 7). */
  readonly fsw: boolean;
  /** LBCSS (byte 12 bit 6). */
  readonly lbcss: boolean;
  /** DRA (byte 12 bit 5): disable read-ahead. */
  readonly dra: boolean;
  /** Vendor specific (byte 12 bits 4:3). */
  readonly vendorSpecific: number;
  /** SYNC_PROG (byte 12 bits 2:1). */
  readonly syncProg: number;
  /** NV_DIS (byte 12 bit 0). */
  readonly nvDis: boolean;
  /** NUMBER OF CACHE SEGMENTS (byte 13). */
  readonly numberOfCacheSegments: number;
  /** CACHE SEGMENT SIZE (bytes 14-15). */
  readonly cacheSegmentSize: number;
}

/** Control mode page (0Ah, PAGE LENGTH 0Ah). @see SPC-5 "Control mode page" @remarks Since 0.2.0 */
export interface ControlModePage {
  readonly kind: 'control';
  /** PS (byte 0 bit 7): the page can be saved. */
  readonly ps: boolean;
  /** TST (byte 2 bits 7:5): task set type. */
  readonly tst: number;
  /** TMF_ONLY (byte 2 bit 4). */
  readonly tmfOnly: boolean;
  /** DPICZ (byte 2 bit 3). */
  readonly dpicz: boolean;
  /** D_SENSE (byte 2 bit 2): descriptor format sense data. */
  readonly dSense: boolean;
  /** GLTSD (byte 2 bit 1). */
  readonly gltsd: boolean;
  /** RLEC (byte 2 bit 0). */
  readonly rlec: boolean;
  /** QUEUE ALGORITHM MODIFIER (byte 3 bits 7:4). */
  readonly queueAlgorithmModifier: number;
  /** NUAR (byte 3 bit 3). */
  readonly nuar: boolean;
  /** QERR (byte 3 bits 2:1). */
  readonly qerr: number;
  /** VS (byte 4 bit 7). */
  readonly vs: boolean;
  /** RAC (byte 4 bit 6). */
  readonly rac: boolean;
  /** UA_INTLCK_CTRL (byte 4 bits 5:4). */
  readonly uaIntlckCtrl: number;
  /** SWP (byte 4 bit 3): software write protect. */
  readonly swp: boolean;
  /** ATO (byte 5 bit 7). */
  readonly ato: boolean;
  /** TAS (byte 5 bit 6). */
  readonly tas: boolean;
  /** ATMPE (byte 5 bit 5). */
  readonly atmpe: boolean;
  /** RWWP (byte 5 bit 4). */
  readonly rwwp: boolean;
  /** SBLP (byte 5 bit 3). */
  readonly sblp: boolean;
  /** AUTOLOAD MODE (byte 5 bits 2:0). */
  readonly autoloadMode: number;
  /** BUSY TIMEOUT PERIOD (bytes 8-9), 100 ms units; 0 = undefined. */
  readonly busyTimeoutPeriod: number;
  /** EXTENDED SELF-TEST COMPLETION TIME (bytes 10-11), seconds. */
  readonly extendedSelfTestCompletionTime: number;
}

/**
 * Informational Exceptions Control mode page (1Ch, PAGE LENGTH 0Ah).
 *
 * @see SPC-5 "Informational Exceptions Control mode page"
 * @remarks Since 0.2.0
 */
export interface InformationalExceptionsControlModePage {
  readonly kind: 'informationalExceptionsControl';
  /** PS (byte 0 bit 7): the page can be saved. */
  readonly ps: boolean;
  /** PERF (byte 2 bit 7). */
  readonly perf: boolean;
  /** EBF (byte 2 bit 5). */
  readonly ebf: boolean;
  /** EWASC (byte 2 bit 4). */
  readonly ewasc: boolean;
  /** DEXCPT (byte 2 bit 3): informational exception operations disabled. */
  readonly dexcpt: boolean;
  /** TEST (byte 2 bit 2). */
  readonly test: boolean;
  /** EBACKERR (byte 2 bit 1). */
  readonly ebackerr: boolean;
  /** LOGERR (byte 2 bit 0). */
  readonly logerr: boolean;
  /** MRIE (byte 3 bits 3:0): method of reporting informational exceptions. */
  readonly mrie: number;
  /** INTERVAL TIMER (bytes 4-7), 100 ms units. */
  readonly intervalTimer: number;
  /** REPORT COUNT (bytes 8-11). */
  readonly reportCount: number;
}

/**
 * A mode page kept as bytes: any page this package does not decode into fields (or a known page
 * code with a non-standard PAGE LENGTH or in sub_page format).
 *
 * @remarks Since 0.2.0
 */
export interface UnknownModePage {
  readonly kind: 'unknown';
  /** PS (byte 0 bit 7). */
  readonly ps: boolean;
  /** SPF (byte 0 bit 6): sub_page format. */
  readonly spf: boolean;
  /** PAGE CODE (byte 0 bits 5:0). */
  readonly pageCode: number;
  /** SUBPAGE CODE (byte 1 in sub_page format); 0 in page_0 format. */
  readonly subpageCode: number;
  /** The bytes after PAGE LENGTH (a copy). At most 255 (page_0) or 65535 (sub_page) bytes. */
  readonly bytes: Uint8Array;
}

/** A mode page. @remarks Since 0.2.0 */
export type ModePage = CachingModePage | ControlModePage | InformationalExceptionsControlModePage | UnknownModePage;

/** A decoded known mode page (one of the {@link MODE_PAGE_LAYOUTS}). @remarks Since 0.2.0 */
export type KnownModePage = Exclude<ModePage, UnknownModePage>;

/**
 * One field of a fixed mode page: a bit (`bit`), a bit range (`hi`..`lo`) or a big-endian
 * unsigned integer of `bytes` bytes, at page byte `offset`.
 *
 * @remarks Since 0.2.0
 */
export type ModePageField =
  | { readonly name: string; readonly offset: number; readonly bit: number }
  | { readonly name: string; readonly offset: number; readonly hi: number; readonly lo: number }
  | { readonly name: string; readonly offset: number; readonly bytes: 1 | 2 | 4 };

/**
 * The layout of a mode page this package decodes into fields: page code, kind, PAGE LENGTH, the
 * fields (page-relative byte offsets, as in the standard's tables) and the reserved bits (strict
 * mode checks them).
 *
 * @remarks Since 0.2.0
 */
export interface ModePageLayout {
  readonly pageCode: number;
  readonly kind: KnownModePage['kind'];
  readonly structure: string;
  readonly pageLength: number;
  readonly fields: readonly ModePageField[];
  readonly reserved: readonly (readonly [offset: number, mask: number])[];
}

const bitsOf = (offset: number, names: readonly (string | undefined)[]): ModePageField[] =>
  names.flatMap((name, i) => (name === undefined ? [] : [{ name, offset, bit: 7 - i }]));

/**
 * The mode pages decoded into fields, keyed by page code: one table read by the decoder, the
 * encoder and the trace.
 *
 * @see SBC-4 "Caching mode page"; SPC-5 "Control mode page", "Informational Exceptions Control mode page"
 * @remarks Since 0.2.0
 */
export const MODE_PAGE_LAYOUTS: ReadonlyMap<number, ModePageLayout> = new Map<number, ModePageLayout>([
  [
    MODE_PAGE_CODE.CACHING,
    {
      pageCode: MODE_PAGE_CODE.CACHING,
      kind: 'caching',
      structure: 'CachingModePage',
      pageLength: 0x12,
      fields: [
        ...bitsOf(2, ['ic', 'abpf', 'cap', 'disc', 'size', 'wce', 'mf', 'rcd']),
        { name: 'demandReadRetentionPriority', offset: 3, hi: 7, lo: 4 },
        { name: 'writeRetentionPriority', offset: 3, hi: 3, lo: 0 },
        { name: 'disablePreFetchTransferLength', offset: 4, bytes: 2 },
        { name: 'minimumPreFetch', offset: 6, bytes: 2 },
        { name: 'maximumPreFetch', offset: 8, bytes: 2 },
        { name: 'maximumPreFetchCeiling', offset: 10, bytes: 2 },
        ...bitsOf(12, ['fsw', 'lbcss', 'dra']),
        { name: 'vendorSpecific', offset: 12, hi: 4, lo: 3 },
        { name: 'syncProg', offset: 12, hi: 2, lo: 1 },
        { name: 'nvDis', offset: 12, bit: 0 },
        { name: 'numberOfCacheSegments', offset: 13, bytes: 1 },
        { name: 'cacheSegmentSize', offset: 14, bytes: 2 },
      ],
      reserved: [[16, 0xff]], // bytes 17-19 are obsolete
    },
  ],
  [
    MODE_PAGE_CODE.CONTROL,
    {
      pageCode: MODE_PAGE_CODE.CONTROL,
      kind: 'control',
      structure: 'ControlModePage',
      pageLength: 0x0a,
      fields: [
        { name: 'tst', offset: 2, hi: 7, lo: 5 },
        ...bitsOf(2, [undefined, undefined, undefined, 'tmfOnly', 'dpicz', 'dSense', 'gltsd', 'rlec']),
        { name: 'queueAlgorithmModifier', offset: 3, hi: 7, lo: 4 },
        { name: 'nuar', offset: 3, bit: 3 },
        { name: 'qerr', offset: 3, hi: 2, lo: 1 },
        ...bitsOf(4, ['vs', 'rac']),
        { name: 'uaIntlckCtrl', offset: 4, hi: 5, lo: 4 },
        { name: 'swp', offset: 4, bit: 3 },
        ...bitsOf(5, ['ato', 'tas', 'atmpe', 'rwwp', 'sblp']),
        { name: 'autoloadMode', offset: 5, hi: 2, lo: 0 },
        { name: 'busyTimeoutPeriod', offset: 8, bytes: 2 },
        { name: 'extendedSelfTestCompletionTime', offset: 10, bytes: 2 },
      ],
      reserved: [], // byte 3 bit 0, byte 4 bits 2:0 and bytes 6-7 are obsolete
    },
  ],
  [
    MODE_PAGE_CODE.INFORMATIONAL_EXCEPTIONS_CONTROL,
    {
      pageCode: MODE_PAGE_CODE.INFORMATIONAL_EXCEPTIONS_CONTROL,
      kind: 'informationalExceptionsControl',
      structure: 'InformationalExceptionsControlModePage',
      pageLength: 0x0a,
      fields: [
        ...bitsOf(2, ['perf', undefined, 'ebf', 'ewasc', 'dexcpt', 'test', 'ebackerr', 'logerr']),
        { name: 'mrie', offset: 3, hi: 3, lo: 0 },
        { name: 'intervalTimer', offset: 4, bytes: 4 },
        { name: 'reportCount', offset: 8, bytes: 4 },
      ],
      reserved: [
        [2, 0x40],
        [3, 0xf0],
      ],
    },
  ],
]);

/** Layouts by page kind. @internal */
export const LAYOUT_BY_KIND: ReadonlyMap<string, ModePageLayout> = new Map(
  [...MODE_PAGE_LAYOUTS.values()].map((l) => [l.kind, l]),
);
