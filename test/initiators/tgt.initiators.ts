/**
 * The same libiscsi harness against Debian's tgt 1.0.85 (a user-space iSCSI target in C), with its
 * own expected outcomes (expected-libiscsi.tgt.json, two known failures): the comparison, and a
 * check that the harness tells a failing target from a passing one.
 */
import { defineLibiscsiSuite } from './libiscsi-suite.js';

defineLibiscsiSuite('tgt');
