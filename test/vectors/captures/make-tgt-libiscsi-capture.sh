#!/bin/bash
# Makes tgt-libiscsi-loopback.pcapng: run as root with
#   unshare -n ./make-tgt-libiscsi-capture.sh tgt-libiscsi && editcap -r /tmp/cap/tgt-libiscsi.pcapng tgt-libiscsi-loopback.pcapng 1-400
# Inside a fresh network namespace: tgt (Debian tgt 1.0.85, its own control port) on 127.0.0.1:3260,
# libiscsi's tools as initiators, dumpcap on lo. editcap keeps the first 400 frames (the file is
# cut there, so its last PDUs are partial).
mkdir -p /tmp/cap
set -u
ip link set lo up
truncate -s 1M /dev/shm/capture-lu.img
tgtd -C 4277 -f --iscsi portal=127.0.0.1:3260 >/tmp/cap/tgtd.log 2>&1 &
TGTD=$!
sleep 1
tgtadm -C 4277 --lld iscsi --op new --mode target --tid 1 -T iqn.2026-12.test:tgt
tgtadm -C 4277 --lld iscsi --op new --mode logicalunit --tid 1 --lun 1 -b /dev/shm/capture-lu.img
tgtadm -C 4277 --lld iscsi --op bind --mode target --tid 1 -I ALL
dumpcap -q -i lo -f 'tcp port 3260' -w /tmp/cap/$1.pcapng >/tmp/cap/dumpcap.log 2>&1 &
DC=$!
sleep 1
U=iscsi://127.0.0.1:3260/iqn.2026-12.test:tgt/1
timeout 20 iscsi-inq -i iqn.2026-12.test:init1 $U > /dev/null
timeout 20 iscsi-inq -i iqn.2026-12.test:init1 -e 1 -c 0x83 $U > /dev/null
timeout 20 iscsi-readcapacity16 -i iqn.2026-12.test:init1 $U > /dev/null
timeout 20 iscsi-ls -i iqn.2026-12.test:init2 -s iscsi://127.0.0.1:3260 > /dev/null
timeout 60 iscsi-test-cu -i iqn.2026-12.test:init1 --dataloss --test=SCSI.Read10.BeyondEol,SCSI.Write10.BeyondEol,SCSI.TestUnitReady.Simple,SCSI.ReadCapacity10.Simple,SCSI.Inquiry.EVPD,SCSI.ExtendedCopy.ParamHdr $U > /tmp/cap/cu2.log 2>&1
timeout 60 iscsi-test-cu -i iqn.2026-12.test:init3 --test=SCSI.ReceiveCopyResults.OpParams,SCSI.ExtendedCopy.Simple $U > /tmp/cap/cu.log 2>&1
sleep 1
kill $DC; wait $DC
kill -9 $TGTD; wait $TGTD 2>/dev/null
rm -f /dev/shm/capture-lu.img
