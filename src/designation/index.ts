/**
 * Designation (identification) descriptor: public exports of this area.
 *
 * @packageDocumentation
 */
export type { DesignationDescriptor, DesignationDescriptorList } from './designation-descriptor.js';
export {
  decodeDesignationDescriptor,
  decodeDesignationDescriptorList,
  designatorViewOf,
  encodeDesignationDescriptor,
  encodeDesignationDescriptorList,
} from './designation-descriptor.js';
export { designatorBytesOf } from './designator-encode.js';
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
} from './designator-types.js';
export { ASSOCIATION, CODE_SET, DESIGNATOR_TYPE, PROTOCOL_IDENTIFIER } from './designator-types.js';
