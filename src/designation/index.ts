/**
 * Designation (identification) descriptor: public exports of this area.
 *
 * @packageDocumentation
 */
export type { DesignationDescriptor, DesignationDescriptorList } from './designation-descriptor.js';
export {
  decodeDesignationDescriptor,
  decodeDesignationDescriptorList,
  encodeDesignationDescriptor,
  encodeDesignationDescriptorList,
} from './designation-descriptor.js';
export type {
  Association,
  CodeSet,
  DesignatorType,
  DesignatorView,
  Eui64Designator,
  LogicalUnitGroupDesignator,
  MalformedDesignator,
  Md5LogicalUnitIdentifierDesignator,
  NaaDesignator,
  NaaIeeeExtendedDesignator,
  NaaIeeeRegisteredDesignator,
  NaaIeeeRegisteredExtendedDesignator,
  NaaLocallyAssignedDesignator,
  ProtocolSpecificPortIdentifierDesignator,
  RelativeTargetPortDesignator,
  ReservedDesignator,
  ScsiNameStringDesignator,
  T10VendorIdDesignator,
  TargetPortGroupDesignator,
  UuidDesignator,
  VendorSpecificDesignator,
} from './designator.js';
export {
  ASSOCIATION,
  CODE_SET,
  DESIGNATOR_TYPE,
  designatorBytesOf,
  designatorViewOf,
  PROTOCOL_IDENTIFIER,
} from './designator.js';
