/** Help text of `scsi-odx check` (kept apart so the CLI loads check.ts only when it runs). */
export const CHECK_HELP = `Usage: scsi-odx check --corpus DIR [--manifest FILE] [--target MODULE] [--json] [--max-failures N]

Replay a corpus written by "scsi-odx corpus" against a SCSI target and report every case
whose response is not among the conforming ones, with the device-server rule it exercises.
Valid cases must get GOOD; each near-miss gets its rule's response or a listed alternative.
Kinds a device server does not receive (sense, VPD, status data) are skipped.

Target: the built-in reference copy manager, configured from the manifest's profile (LU
capacity, block size, limits), a fresh one per case. Or --target MODULE: an ES module that
exports either
  createTarget(profile)   called once per case (independent cases), returning a target, or
  target / default        one target for every case,
where a target is a function (cdb, dataOut) => {status, sense, dataIn} (or a promise of it):
cdb and dataOut are Uint8Arrays, status the SAM status byte, sense the sense data bytes.

Options:
  --corpus DIR         the corpus directory
  --manifest FILE      its manifest (default: DIR.manifest.jsonl beside DIR)
  --target MODULE      your target (path to an .mjs/.js module)
  --json               one JSON object per failing case, then a summary object
  --max-failures N     list at most N failures (all are counted; default 50)
  -q, --quiet          no progress
  -h, --help           this help

Exit status: 0 every case conforms, 1 some do not, 2 usage error.

Examples:
  scsi-odx corpus --kind all --count 2000 --out corpus/all
  scsi-odx check --corpus corpus/all
  scsi-odx check --corpus corpus/all --target ./my-target.mjs
`;
