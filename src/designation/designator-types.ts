/**
 * Designator constants (DESIGNATOR TYPE, CODE SET, ASSOCIATION, PROTOCOL IDENTIFIER) and the typed
 * views of a DESIGNATOR field, one per DESIGNATOR TYPE.
 *
 * @packageDocumentation
 */

/**
 * DESIGNATOR TYPE values (SPC, Device Identification VPD page, "DESIGNATOR TYPE field").
 *
 * @see SPC-5 Device Identification VPD page, designation descriptor format
 * @remarks Since 0.1.0
 */
export const DESIGNATOR_TYPE = {
  VENDOR_SPECIFIC: 0x0,
  T10_VENDOR_ID: 0x1,
  EUI_64: 0x2,
  NAA: 0x3,
  RELATIVE_TARGET_PORT: 0x4,
  TARGET_PORT_GROUP: 0x5,
  LOGICAL_UNIT_GROUP: 0x6,
  MD5_LOGICAL_UNIT_IDENTIFIER: 0x7,
  SCSI_NAME_STRING: 0x8,
  PROTOCOL_SPECIFIC_PORT_IDENTIFIER: 0x9,
  UUID: 0xa,
} as const;

/** One of the defined {@link DESIGNATOR_TYPE} values. @remarks Since 0.1.0 */
export type DesignatorType = (typeof DESIGNATOR_TYPE)[keyof typeof DESIGNATOR_TYPE];

/**
 * CODE SET values (byte 0 bits 3:0).
 *
 * @remarks Since 0.1.0
 */
export const CODE_SET = { BINARY: 0x1, ASCII: 0x2, UTF_8: 0x3 } as const;

/** One of the defined {@link CODE_SET} values. @remarks Since 0.1.0 */
export type CodeSet = (typeof CODE_SET)[keyof typeof CODE_SET];

/**
 * ASSOCIATION values (byte 1 bits 5:4).
 *
 * @remarks Since 0.1.0
 */
export const ASSOCIATION = { LOGICAL_UNIT: 0x0, TARGET_PORT: 0x1, TARGET_DEVICE: 0x2 } as const;

/** One of the defined {@link ASSOCIATION} values. @remarks Since 0.1.0 */
export type Association = (typeof ASSOCIATION)[keyof typeof ASSOCIATION];

/**
 * PROTOCOL IDENTIFIER values (byte 0 bits 7:4, meaningful when PIV = 1 and the association is
 * target port or target device).
 *
 * @remarks Since 0.1.0
 */
export const PROTOCOL_IDENTIFIER = {
  FCP: 0x0,
  SPI: 0x1,
  SSA: 0x2,
  SBP: 0x3,
  SRP: 0x4,
  ISCSI: 0x5,
  SAS: 0x6,
  ADT: 0x7,
  ATA: 0x8,
  UAS: 0x9,
  SOP: 0xa,
  PCIE: 0xb,
  NONE: 0xf,
} as const;

/** Vendor specific designator (type 0h). @remarks Since 0.1.0 */
export interface VendorSpecificDesignator {
  readonly kind: 'vendorSpecific';
  readonly vendorSpecificData: Uint8Array;
}
/** T10 vendor ID based designator (type 1h). @remarks Since 0.1.0 */
export interface T10VendorIdDesignator {
  readonly kind: 't10VendorId';
  /** T10 VENDOR IDENTIFICATION: 8 bytes, as char codes (so any byte string is kept). */
  readonly t10VendorIdentification: string;
  /** VENDOR SPECIFIC IDENTIFIER: the rest, as char codes. */
  readonly vendorSpecificIdentifier: string;
}
/** EUI-64 based designator (type 2h) in its 8-, 12- or 16-byte form. @remarks Since 0.1.0 */
export interface Eui64Designator {
  readonly kind: 'eui64';
  /** The 8-byte EUI-64 (IEEE COMPANY_ID in the top 24 bits). */
  readonly eui64: bigint;
  /** 12-byte form: DIRECTORY ID (bytes 8-11). */
  readonly directoryId?: number;
  /** 16-byte form: IDENTIFIER EXTENSION (bytes 0-7, the EUI-64 follows in bytes 8-15). */
  readonly identifierExtension?: bigint;
}
/** NAA IEEE Extended (NAA 2h, 8 bytes). @remarks Since 0.1.0 */
export interface NaaIeeeExtendedDesignator {
  readonly kind: 'naa';
  readonly naa: 0x2;
  /** VENDOR SPECIFIC IDENTIFIER A (12 bits). */
  readonly vendorSpecificIdentifierA: number;
  /** IEEE COMPANY_ID (OUI, 24 bits). */
  readonly ieeeCompanyId: number;
  /** VENDOR SPECIFIC IDENTIFIER B (24 bits). */
  readonly vendorSpecificIdentifierB: number;
}
/** NAA Locally Assigned (NAA 3h, 8 bytes). @remarks Since 0.1.0 */
export interface NaaLocallyAssignedDesignator {
  readonly kind: 'naa';
  readonly naa: 0x3;
  /** LOCALLY ADMINISTERED VALUE (60 bits). */
  readonly locallyAdministeredValue: bigint;
}
/** NAA IEEE Registered (NAA 5h, 8 bytes). @remarks Since 0.1.0 */
export interface NaaIeeeRegisteredDesignator {
  readonly kind: 'naa';
  readonly naa: 0x5;
  /** IEEE COMPANY_ID (OUI, 24 bits, straddling nibbles). */
  readonly ieeeCompanyId: number;
  /** VENDOR SPECIFIC IDENTIFIER (36 bits). */
  readonly vendorSpecificIdentifier: bigint;
}
/** NAA IEEE Registered Extended (NAA 6h, 16 bytes). @remarks Since 0.1.0 */
export interface NaaIeeeRegisteredExtendedDesignator {
  readonly kind: 'naa';
  readonly naa: 0x6;
  readonly ieeeCompanyId: number;
  readonly vendorSpecificIdentifier: bigint;
  /** VENDOR SPECIFIC IDENTIFIER EXTENSION (64 bits). */
  readonly vendorSpecificIdentifierExtension: bigint;
}
/** Any NAA designator (type 3h). @remarks Since 0.1.0 */
export type NaaDesignator =
  | NaaIeeeExtendedDesignator
  | NaaLocallyAssignedDesignator
  | NaaIeeeRegisteredDesignator
  | NaaIeeeRegisteredExtendedDesignator;
/** Relative target port designator (type 4h). @remarks Since 0.1.0 */
export interface RelativeTargetPortDesignator {
  readonly kind: 'relativeTargetPort';
  readonly relativeTargetPortIdentifier: number;
}
/** Target port group designator (type 5h). @remarks Since 0.1.0 */
export interface TargetPortGroupDesignator {
  readonly kind: 'targetPortGroup';
  readonly targetPortGroup: number;
}
/** Logical unit group designator (type 6h). @remarks Since 0.1.0 */
export interface LogicalUnitGroupDesignator {
  readonly kind: 'logicalUnitGroup';
  readonly logicalUnitGroup: number;
}
/** MD5 logical unit identifier designator (type 7h). @remarks Since 0.1.0 */
export interface Md5LogicalUnitIdentifierDesignator {
  readonly kind: 'md5LogicalUnitIdentifier';
  /** MD5 LOGICAL UNIT IDENTIFIER (16 bytes). */
  readonly md5LogicalUnitIdentifier: Uint8Array;
}
/** SCSI name string designator (type 8h). @remarks Since 0.1.0 */
export interface ScsiNameStringDesignator {
  readonly kind: 'scsiNameString';
  /** The name: UTF-8 decoded up to the first NUL (or the end), U+FFFD for malformed bytes. */
  readonly scsiNameString: string;
}
/** Protocol specific port identifier designator (type 9h). @remarks Since 0.1.0 */
export interface ProtocolSpecificPortIdentifierDesignator {
  readonly kind: 'protocolSpecificPortIdentifier';
  /** The PROTOCOL IDENTIFIER of the descriptor header (selects the layout). */
  readonly protocolIdentifier: number;
  /** The designator bytes. */
  readonly protocolSpecificData: Uint8Array;
  /** USB (UAS, 9h), 4-byte form: DEVICE ADDRESS (byte 0 bits 6:0). */
  readonly deviceAddress?: number;
  /** USB (UAS, 9h), 4-byte form: INTERFACE NUMBER (byte 2). */
  readonly interfaceNumber?: number;
  /** PCI Express (SOP, Ah), 8-byte form: ROUTING ID (bytes 0-1). */
  readonly routingId?: number;
}
/** UUID designator (type Ah). @remarks Since 0.1.0 */
export interface UuidDesignator {
  readonly kind: 'uuid';
  /** UUID TYPE (byte 0 bits 7:4): 1h = locally assigned UUID. */
  readonly uuidType: number;
  /** The 16-byte UUID, formatted `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx` (lowercase). */
  readonly uuid: string;
}
/** Reserved designator type (Bh-Fh): bytes only. @remarks Since 0.1.0 */
export interface ReservedDesignator {
  readonly kind: 'reserved';
  readonly designatorType: number;
  readonly bytes: Uint8Array;
}
/**
 * A designator whose length (or NAA value) does not fit its type's layout: bytes only, plus why.
 *
 * @remarks Since 0.1.0
 */
export interface MalformedDesignator {
  readonly kind: 'malformed';
  readonly designatorType: number;
  readonly bytes: Uint8Array;
  readonly reason: string;
}

/**
 * Typed view of a designator, discriminated by `kind`.
 *
 * @remarks Since 0.1.0
 */
export type DesignatorView =
  | VendorSpecificDesignator
  | T10VendorIdDesignator
  | Eui64Designator
  | NaaDesignator
  | RelativeTargetPortDesignator
  | TargetPortGroupDesignator
  | LogicalUnitGroupDesignator
  | Md5LogicalUnitIdentifierDesignator
  | ScsiNameStringDesignator
  | ProtocolSpecificPortIdentifierDesignator
  | UuidDesignator
  | ReservedDesignator
  | MalformedDesignator;

/** Header fields the view reader needs. @internal */
export interface DesignatorContext {
  readonly codeSet: number;
  readonly piv: boolean;
  readonly protocolIdentifier: number;
  readonly association: number;
  readonly designatorType: number;
}
