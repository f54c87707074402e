/**
 * `scsi-odx serve` driven by libiscsi's tools and conformance suite (see libiscsi-suite.ts).
 */
import { defineLibiscsiSuite } from './libiscsi-suite.js';

defineLibiscsiSuite('scsi-odx');
