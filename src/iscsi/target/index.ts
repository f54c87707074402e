/**
 * `scsi-odx/iscsi`: an iSCSI target (RFC 7143) serving a copy manager to real hosts, and a small
 * initiator to script and test it. Node only (node:net, node:crypto).
 *
 * @packageDocumentation
 * @module iscsi
 */
export type { IscsiCommandOptions, IscsiCommandResult, IscsiInitiatorOptions } from './initiator.js';
export { IscsiInitiator, IscsiInitiatorError } from './initiator.js';
export type {
  IscsiChapCredentials,
  IscsiCommandTrace,
  IscsiCopyManager,
  IscsiPortal,
  IscsiPortalOptions,
  IscsiTargetLimits,
  IscsiTargetOptions,
} from './options.js';
export { DEFAULT_ISCSI_TARGET_LIMITS } from './options.js';
export type { IscsiTargetStats } from './target.js';
export { DEFAULT_ISCSI_TARGET_NAME, IscsiTarget } from './target.js';
