#!/usr/bin/env bash
# Builds what the QEMU stage of `npm run test:initiators` boots: a Debian cloud kernel (downloaded
# and unpacked, never installed), ddpt/ddptctl built from the Debian source package with the fix in
# scripts/ddpt/, and an initramfs with busybox, sg3_utils, ddpt (patched and stock), their shared
# libraries, the virtio/SCSI modules and scripts/qemu/init.
#
# sg_xcopy and sg_copy_results (sg3_utils) drive EXTENDED COPY (LID1).
#
# Everything lands in ${QEMU_CACHE:-.cache/qemu} (gitignored); a rerun reuses the kernel and the
# ddpt build and only repacks the initramfs. On a fresh machine it installs its Debian packages.
# Prints KEY=VALUE lines on stdout (KERNEL, INITRD, KVER, DDPT_VERSION) for the test to read.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
cache="${QEMU_CACHE:-$repo/.cache/qemu}"
mkdir -p "$cache"
cache="$(cd "$cache" && pwd)"
log() { echo "[build-initramfs] $*" >&2; }

# ---------------------------------------------------------------- Debian packages
pkgs=(qemu-system-x86 qemu-block-extra busybox-static sg3-utils ddpt cpio gzip xz-utils
      gcc make libc6-dev dpkg-dev patch wireshark-common)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  log "apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  # wireshark-common asks whether non-root users may capture; the default (no) is fine: we run as root.
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

# ---------------------------------------------------------------- kernel
meta=linux-image-cloud-amd64
kpkg="$(apt-cache depends "$meta" 2>/dev/null | awk '/Depends: linux-image-[0-9]/{print $2; exit}')" || true
if [[ -z "$kpkg" ]]; then
  apt-get update -qq >&2
  kpkg="$(apt-cache depends "$meta" | awk '/Depends: linux-image-[0-9]/{print $2; exit}')"
fi
[[ -n "$kpkg" ]] || { log "cannot resolve $meta to a kernel package"; exit 1; }
kver="${kpkg#linux-image-}"
kdir="$cache/kernel-$kver"
if [[ ! -f "$kdir/.done" ]]; then
  log "apt-get download $kpkg"
  rm -rf "$kdir" && mkdir -p "$kdir/deb"
  # stale package lists may name a kernel the mirror no longer has: refresh once and retry
  (cd "$kdir/deb" && apt-get download "$kpkg" >&2 2>/dev/null) || {
    apt-get update -qq >&2
    kpkg="$(apt-cache depends "$meta" | awk '/Depends: linux-image-[0-9]/{print $2; exit}')"
    kver="${kpkg#linux-image-}"
    rm -rf "$kdir"
    kdir="$cache/kernel-$kver"
    mkdir -p "$kdir/deb"
    (cd "$kdir/deb" && apt-get download "$kpkg" >&2)
  }
  dpkg-deb -x "$kdir"/deb/*.deb "$kdir/root"
  rm -rf "$kdir/deb"
  touch "$kdir/.done"
fi
kernel="$kdir/root/boot/vmlinuz-$kver"
moddir="$kdir/root/lib/modules/$kver/kernel"

# ---------------------------------------------------------------- ddpt from source, with our fix
patchfile="$repo/scripts/ddpt/ddpt-0.97-range-descriptor-offset.patch"
phash="$(sha256sum "$patchfile" | cut -c1-12)"
ddir="$cache/ddpt-$phash"
if [[ ! -f "$ddir/.done" ]]; then
  rm -rf "$ddir" && mkdir -p "$ddir/apt/lists/partial" "$ddir/src"
  codename="$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")"
  echo "deb-src http://deb.debian.org/debian $codename main" >"$ddir/apt/sources.list"
  aptopts=(-o "Dir::Etc::SourceList=$ddir/apt/sources.list" -o Dir::Etc::SourceParts=/nonexistent
           -o "Dir::State::Lists=$ddir/apt/lists" -o Debug::NoLocking=1)
  log "apt-get source ddpt (private deb-src list)"
  apt-get "${aptopts[@]}" update -qq >&2
  (cd "$ddir/src" && apt-get "${aptopts[@]}" source ddpt >&2 2>/dev/null)
  srcdir="$(find "$ddir/src" -maxdepth 1 -type d -name 'ddpt-*' | head -1)"
  [[ -n "$srcdir" ]] || { log "apt-get source ddpt produced no source tree"; exit 1; }
  log "patch + build $(basename "$srcdir")"
  patch -d "$srcdir" -p1 <"$patchfile" >&2
  (cd "$srcdir" && ./configure --quiet >&2 && make -s -j2 >&2)
  mkdir -p "$ddir/bin"
  cp "$srcdir/src/ddpt" "$srcdir/src/ddptctl" "$ddir/bin/"
  basename "$srcdir" >"$ddir/version"
  rm -rf "$ddir/apt"
  touch "$ddir/.done"
fi

# ---------------------------------------------------------------- initramfs
root="$cache/initramfs-root"
rm -rf "$root"
mkdir -p "$root"/{bin,sbin,usr/bin,lib/modules,dev,proc,sys,tmp,etc}
cp /bin/busybox "$root/bin/busybox"
install -m 0755 "$repo/scripts/qemu/init" "$root/init"

bins=()
for b in sg_inq sg_vpd sg_readcap sg_opcodes sg_turs sg_raw sg_decode_sense sg_rtpg sg_requests sg_xcopy \
         sg_copy_results; do
  bins+=("$(command -v "$b")")
done
for b in "${bins[@]}"; do cp "$b" "$root/usr/bin/"; done
cp "$ddir/bin/ddpt" "$ddir/bin/ddptctl" "$root/usr/bin/"
cp "$(command -v ddpt)" "$root/usr/bin/ddpt-stock"
cp "$(command -v ddptctl)" "$root/usr/bin/ddptctl-stock"
# Shared libraries (and the loader) of every dynamic binary, at the paths ldd reports.
for b in "$root"/usr/bin/*; do
  ldd "$b" | awk '/=> \//{print $3} /^\t\/lib/{print $1}'
done | sort -u | while read -r lib; do
  mkdir -p "$root$(dirname "$lib")"
  cp -L "$lib" "$root$lib"
done
[[ -e "$root/lib64" ]] || { mkdir -p "$root/lib64"; cp -L /lib64/ld-linux-x86-64.so.2 "$root/lib64/"; }

mods=(virtio_ring virtio virtio_pci_legacy_dev virtio_pci_modern_dev virtio_pci scsi_common scsi_mod
      virtio_scsi sg sd_mod)
for m in "${mods[@]}"; do
  f="$(find "$moddir" -name "$m.ko" -o -name "$m.ko.xz" -o -name "$m.ko.zst" -o -name "$m.ko.gz" | head -1)"
  [[ -n "$f" ]] || { log "module $m not in $kpkg"; exit 1; }
  case "$f" in
    *.ko) cp "$f" "$root/lib/modules/$m.ko" ;;
    *.ko.xz) xz -dc "$f" >"$root/lib/modules/$m.ko" ;;
    *.ko.gz) gzip -dc "$f" >"$root/lib/modules/$m.ko" ;;
    *.ko.zst) zstd -dc "$f" >"$root/lib/modules/$m.ko" ;;
  esac
done
printf '%s\n' "${mods[@]}" >"$root/lib/modules/order"

initrd="$cache/initramfs.cpio.gz"
(cd "$root" && find . -print0 | sort -z | cpio --null -o -H newc --quiet | gzip -1 >"$initrd.tmp")
mv "$initrd.tmp" "$initrd"
log "initramfs $(du -k "$initrd" | cut -f1) KiB, kernel $kver, $(cat "$ddir/version") patched"
echo "KERNEL=$kernel"
echo "INITRD=$initrd"
echo "KVER=$kver"
echo "DDPT_VERSION=$(cat "$ddir/version")"
