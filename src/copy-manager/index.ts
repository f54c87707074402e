/**
 * `scsi-odx/copy-manager`: a reference in-memory SCSI copy manager (POPULATE TOKEN, WRITE USING
 * TOKEN, RECEIVE ROD TOKEN INFORMATION, ...) over thin copy-on-write logical units. It speaks only
 * bytes, through {@link CopyManager.execute}.
 *
 * @packageDocumentation
 */
export type { TargetPortGroupOptions } from './alua.js';
export type { Clock } from './clock.js';
export { ManualClock, systemClock } from './clock.js';
export type {
  CommandRequest,
  CommandResponse,
  CopyManagerLimits,
  CopyManagerOptions,
} from './copy-manager.js';
export { CopyManager, SCSI_STATUS } from './copy-manager.js';
export type { ItNexus, LogicalUnitOptions } from './engine.js';
