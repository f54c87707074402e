/**
 * Types of the device-server rule table.
 *
 * @packageDocumentation
 */

/**
 * Where the SENSE KEY SPECIFIC field pointer of a rule's response points.
 * - `none`: no sense key specific data (SKSV = 0).
 * - `field`: a fixed byte (and bit) of the CDB (`commandData`) or of the parameter list.
 * - `computed`: the byte (and bit) depend on the input; `how` says how they are found (the
 *   offending field of a decoder error, a range descriptor's index, ...). The caller of
 *   {@link senseForRule} passes them.
 *
 * @remarks Since 0.2.0
 */
export type RuleFieldPointer =
  | { readonly kind: 'none' }
  | { readonly kind: 'field'; readonly commandData: boolean; readonly byte: number; readonly bit?: number }
  | { readonly kind: 'computed'; readonly commandData: boolean; readonly how: string };

/**
 * One response of a device server: a status, and for CHECK CONDITION the sense it carries.
 *
 * @remarks Since 0.2.0
 */
export interface RuleResponse {
  /** SAM status (`SAM_STATUS`): GOOD or CHECK CONDITION. */
  readonly status: number;
  /** Sense key (`SENSE_KEY`), with CHECK CONDITION. */
  readonly senseKey?: number;
  /** ASC and ASCQ as `ASC << 8 | ASCQ` (`ASC_ASCQ`), with CHECK CONDITION. */
  readonly ascAscq?: number;
  /** Sense key specific field pointer, with CHECK CONDITION and ILLEGAL REQUEST. */
  readonly fieldPointer?: RuleFieldPointer;
  /** What the INFORMATION field carries (VALID = 1), when it carries something. */
  readonly information?: string;
  /** What else happens (data ignored, data discarded, RRTI status), in words. */
  readonly effect?: string;
}

/**
 * A device-server rule: a condition a command's CDB, parameter list or state can meet, the
 * standard's reference, the response the reference copy manager gives and, where the standard
 * leaves a choice, the other conforming responses and why this one was picked.
 *
 * @remarks Since 0.2.0
 */
export interface DeviceServerRule<Id extends string = string> {
  /** Stable identifier (`<standard>.<command or structure>.<check>`); never reused for another rule. */
  readonly id: Id;
  /** The commands the rule applies to (T10 names). */
  readonly commands: readonly string[];
  /** The condition, in words. */
  readonly condition: string;
  /** Standard and clause or table. */
  readonly reference: string;
  /** The reference copy manager's response. */
  readonly response: RuleResponse;
  /** Other conforming responses, where the standard leaves a choice (empty when it does not). */
  readonly alternatives: readonly RuleResponse[];
  /** Why the copy manager gives `response` when there are alternatives. */
  readonly reasoning?: string;
}
