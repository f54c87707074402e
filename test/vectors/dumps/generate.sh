#!/bin/sh
# Regenerates the dump-form fixtures with the real tools (util-linux hexdump, coreutils od, xxd,
# sg3_utils). The binaries are committed next to them; test/cli/dump-forms.test.ts reads the
# fixtures everywhere and, where a tool is installed, checks the fixture is still what it prints.
set -eu
cd "$(dirname "$0")"
hexdump sense32.bin > sense32.hexdump.txt
hexdump -C sense32.bin > sense32.hexdump-C.txt
od -tx1 sense32.bin > sense32.od-tx1.txt
od -x sense32.bin > sense32.od-x.txt
od -An -tx1 sense32.bin > sense32.od-An.txt
xxd -i sense32.bin > sense32.xxd-i.txt
xxd sense32.bin > sense32.xxd.txt
od -An -tx1 wut.bin > wut.od-An.txt
hexdump wut.bin > wut.hexdump.txt
od -tx1 wut.bin > wut.od-tx1.txt
sg_vpd --inhex=vpd_tpc.bin --raw -H > vpd_tpc.sg_vpd-H.txt
C=../captures/tgt-libiscsi-loopback.pcapng
tshark -r $C -x -Y 'frame.number==151' 2>/dev/null > tshark-x-frame151.txt
tshark -r $C -x -Y 'frame.number>=150 && frame.number<=153' 2>/dev/null > tshark-x-frames150-153.txt
