/**
 * Conformance checking: replay a corpus against any SCSI target reachable through one function,
 * and the device server profile (logical unit and limits) a corpus assumes.
 *
 * @packageDocumentation
 */
export type {
  CorpusManifestHeader,
  CorpusManifestLine,
} from './manifest.js';
export {
  CORPUS_MANIFEST_VERSION,
  parseCorpusManifest,
  replayCaseOf,
} from './manifest.js';
export type { DeviceServerProfile, DeviceServerProfileJson } from './profile.js';
export {
  copyManagerOptionsForProfile,
  DEFAULT_DEVICE_SERVER_PROFILE,
  profileFromJson,
  profileToJson,
} from './profile.js';
export type {
  CheckReport,
  CheckTargetOptions,
  ConformingResponse,
  ExecutesCommands,
  ExpectedResponse,
  ReplayCase,
  ReplayKind,
  ReplayRequest,
  ReplayResult,
  ScsiTargetFunction,
  TargetResponse,
} from './replay.js';
export {
  checkTarget,
  copyManagerTarget,
  describeConforming,
  isReplayKind,
  REPLAY_KINDS,
  REPLAY_ROD_TOKEN_OFFSET,
  replayCorpusCase,
  replayRequest,
  responseConforms,
} from './replay.js';
