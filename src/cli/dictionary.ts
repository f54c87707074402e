/**
 * AFL / libFuzzer dictionary for ODX structures: opcodes and service actions, ROD types, magic
 * lengths, page and descriptor codes, sense response codes and token ASC/ASCQs.
 */
const entries: [string, number[]][] = [
  ['tpc_out', [0x83]],
  ['tpc_in', [0x84]],
  ['populate_token', [0x83, 0x10]],
  ['write_using_token', [0x83, 0x11]],
  ['copy_operation_abort', [0x83, 0x1c]],
  ['extended_copy_lid1', [0x83, 0x00]],
  ['extended_copy_lid4', [0x83, 0x01]],
  ['receive_copy_status_lid1', [0x84, 0x00]],
  ['receive_copy_data_lid1', [0x84, 0x01]],
  ['receive_copy_operating_parameters', [0x84, 0x03]],
  ['receive_copy_failure_details', [0x84, 0x04]],
  ['receive_copy_status_lid4', [0x84, 0x05]],
  ['receive_copy_data_lid4', [0x84, 0x06]],
  ['receive_rod_token_information', [0x84, 0x07]],
  ['report_all_rod_tokens', [0x84, 0x08]],
  ['rod_type_access_upon_reference', [0x00, 0x01, 0x00, 0x00]],
  ['rod_type_pit_default', [0x00, 0x80, 0x00, 0x00]],
  ['rod_type_pit_change_vulnerable', [0x00, 0x80, 0x00, 0x01]],
  ['rod_type_pit_persistent', [0x00, 0x80, 0x00, 0x02]],
  ['rod_type_pit_copy_on_write', [0x00, 0x80, 0x00, 0x03]],
  ['rod_type_pit_any', [0x00, 0x80, 0xff, 0xff]],
  ['rod_type_block_device_zero', [0xff, 0xff, 0x00, 0x01]],
  ['rod_type_vendor', [0xff, 0xff, 0xff, 0xf0]],
  ['rod_token_length_01f8', [0x01, 0xf8]],
  ['rod_token_header_zero', [0xff, 0xff, 0x00, 0x01, 0x00, 0x00, 0x01, 0xf8]],
  ['rod_token_descriptors_length_0202', [0x00, 0x00, 0x02, 0x02]],
  ['rrti_available_data_0222', [0x00, 0x00, 0x02, 0x22]],
  ['pt_min_data_length_001e', [0x00, 0x1e]],
  ['wut_min_data_length_0226', [0x02, 0x26]],
  ['range_descriptor_length_0010', [0x00, 0x10]],
  ['transfer_count_units_blocks', [0xf1]],
  ['copy_status_in_progress_foreground', [0x11]],
  ['copy_status_terminated', [0x60]],
  ['estimated_delay_complete', [0xff, 0xff, 0xff, 0xfe]],
  ['u32_max', [0xff, 0xff, 0xff, 0xff]],
  ['u64_max', [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]],
  ['vpd_page_8f', [0x00, 0x8f]],
  ['vpd_page_83', [0x00, 0x83]],
  ['tpc_desc_block_device_rod_limits', [0x00, 0x00, 0x00, 0x20]],
  ['tpc_desc_supported_commands', [0x00, 0x01]],
  ['tpc_desc_parameter_data', [0x00, 0x04, 0x00, 0x1c]],
  ['tpc_desc_supported_descriptors', [0x00, 0x08]],
  ['tpc_desc_supported_cscd_ids', [0x00, 0x0c]],
  ['tpc_desc_rod_token_features', [0x01, 0x06]],
  ['tpc_desc_supported_rod_types', [0x01, 0x08]],
  ['tpc_desc_general_copy_operations', [0x80, 0x01, 0x00, 0x20]],
  ['tpc_desc_held_data', [0xc0, 0x01, 0x00, 0x1c]],
  ['rod_features_length_002c', [0x00, 0x2c]],
  ['cscd_identification_descriptor', [0xe4]],
  ['sense_fixed_current', [0x70]],
  ['sense_fixed_deferred', [0x71]],
  ['sense_descriptor_current', [0x72]],
  ['sense_descriptor_deferred', [0x73]],
  ['sense_fixed_valid', [0xf0]],
  ['sense_additional_length_0a', [0x0a]],
  ['asc_invalid_token_length', [0x23, 0x0a]],
  ['asc_token_unknown', [0x23, 0x04]],
  ['asc_invalid_field_in_parameter_list', [0x26, 0x00]],
  ['asc_invalid_field_in_cdb', [0x24, 0x00]],
  ['asc_copy_target_data_underrun', [0x0d, 0x04]],
  ['designator_naa_target_device', [0x01, 0xa3, 0x00, 0x08]],
  ['designator_scsi_name_target_device', [0x03, 0xa8, 0x00]],
  ['naa_5', [0x50]],
  ['naa_6', [0x60]],
];

function escapeBytes(bytes: readonly number[]): string {
  return bytes.map((b) => `\\x${b.toString(16).padStart(2, '0')}`).join('');
}

/** The dictionary file's text. */
export const DICTIONARY: string = `# scsi-odx AFL/libFuzzer dictionary (opcodes, service actions, ROD types, magic lengths)\n${entries
  .map(([name, bytes]) => `${name}="${escapeBytes(bytes)}"`)
  .join('\n')}\n`;
