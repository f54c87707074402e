/**
 * The JavaScript shape of a {@link CommandRequest}, checked at the entry of
 * `CopyManager.execute()`. The bytes of `cdb` and `dataOut` are the initiator's: whatever they
 * hold is answered with a SCSI status. Their JavaScript types, the nexus and the LUN are the
 * embedding program's: a request of the wrong shape is a programmer error and throws
 * {@link ScsiCodecError} `ERR_UNEXPECTED_VALUE` (structure `CommandRequest`, naming the field)
 * before any state changes.
 *
 * @internal
 */
import { ScsiCodecError } from '../errors.js';
import { show } from '../internal/byte-writer.js';
import { asUint8Array, inputFault, notBytes } from '../internal/contract.js';
import type { CommandRequest } from './types.js';

const S = 'CommandRequest';

function bad(field: string, detail: string): ScsiCodecError {
  return new ScsiCodecError('ERR_UNEXPECTED_VALUE', S, field, 0, detail);
}

/**
 * `request` if it is well formed (the same object), a copy whose `cdb` / `dataOut` are this
 * realm's `Uint8Array` views if they came from another realm, or ScsiCodecError.
 *
 * @internal
 */
export function checkRequest(request: CommandRequest): CommandRequest {
  try {
    if (typeof request !== 'object' || request === null) throw bad('request', `${show(request)} is not an object`);
    const { nexus, lun, cdb, dataOut } = request;
    if (typeof nexus !== 'object' || nexus === null) throw bad('nexus', `${show(nexus)} is not an object`);
    if (typeof nexus.initiatorPortId !== 'string') {
      throw bad('initiatorPortId', `${show(nexus.initiatorPortId)} is not a string`);
    }
    const port = nexus.targetPortId;
    if (typeof port !== 'number' || !Number.isInteger(port) || port < 0 || port > 0xffff) {
      throw bad('targetPortId', `${show(port)} is not an integer in 0..65535`);
    }
    if (typeof lun !== 'number' || !Number.isInteger(lun) || lun < 0) {
      throw bad('lun', `${show(lun)} is not a non-negative integer`);
    }
    const c = asUint8Array(cdb);
    if (c === undefined) throw bad('cdb', `${show(cdb)} is ${notBytes(cdb)}`);
    const d = dataOut === undefined ? undefined : asUint8Array(dataOut);
    if (dataOut !== undefined && d === undefined) throw bad('dataOut', `${show(dataOut)} is ${notBytes(dataOut)}`);
    return c === cdb && d === dataOut ? request : { nexus, lun, cdb: c, dataOut: d };
  } catch (e) {
    throw inputFault(e, S, [request], 'ERR_UNEXPECTED_VALUE');
  }
}
