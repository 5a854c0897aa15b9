#!/usr/bin/env bash
# Proves `.ci/run` on a clean Debian 12 machine without a container engine: a debootstrap
# chroot (minbase bookworm), the host's Rust toolchain and crate cache copied in, a clean
# clone of the current branch, then
#   1. `bash .ci/run` (installs its apt/pip packages inside the chroot, builds, `make test`);
#   2. `bash .ci/run` again with cargo removed from PATH: must stop at once, exit code 1.
# Run as root on a Debian host:  bash .ci/chroot-check.sh [CHROOT_DIR]   (default /work/chroot)
# Timings go to CHROOT_DIR.log/. Nothing here is part of `make test`.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
root=${1:-/work/chroot}
logs="$root.log"
mkdir -p "$logs"
mirror=$(sed -n 's/^URIs: *\(http[^ ]*debian\)$/\1/p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -n 1)
mirror=${mirror:-http://deb.debian.org/debian}

if [ ! -x "$root/usr/bin/apt-get" ]; then
  command -v debootstrap >/dev/null || apt-get install -y -qq debootstrap
  { time debootstrap --variant=minbase bookworm "$root" "$mirror"; } >"$logs/debootstrap.log" 2>&1
fi
# The host's apt sources (same mirror and suites, incl. security updates).
if [ -f /etc/apt/sources.list.d/debian.sources ]; then
  cp /etc/apt/sources.list.d/debian.sources "$root/etc/apt/sources.list.d/"
  rm -f "$root/etc/apt/sources.list"
fi
cp /etc/resolv.conf "$root/etc/resolv.conf"
# The site's TLS trust (an egress proxy's CA, as a CI runner behind one would have): the
# certificates the host added locally; ca-certificates, installed by .ci/run, picks them up.
if ls /usr/local/share/ca-certificates/*.crt >/dev/null 2>&1; then
  mkdir -p "$root/usr/local/share/ca-certificates"
  cp /usr/local/share/ca-certificates/*.crt "$root/usr/local/share/ca-certificates/"
  [ -x "$root/usr/sbin/update-ca-certificates" ] && chroot "$root" update-ca-certificates >/dev/null
fi

# Rust: the default toolchain and cargo's registry cache (the crates the build downloads).
toolchain=$(rustup toolchain list | sed -n "s/^\([^ ]*\) .*default.*/\1/p" | head -n 1)
mkdir -p "$root/root/.rustup/toolchains" "$root/root/.cargo"
cp -a "$HOME/.rustup/settings.toml" "$root/root/.rustup/"
[ -d "$root/root/.rustup/toolchains/$toolchain" ] || cp -a "$(readlink -f "$HOME/.rustup/toolchains/$toolchain")" "$root/root/.rustup/toolchains/$toolchain"
cp -a "$HOME/.cargo/bin" "$root/root/.cargo/"
[ -d "$root/root/.cargo/registry" ] || cp -a "$HOME/.cargo/registry" "$root/root/.cargo/"

# A clean clone of the committed branch, with the shared reference material beside it.
# KEEP_TARGET=1 keeps the previous run's target/ (a quicker re-run; the first run builds all).
[ "${KEEP_TARGET:-0}" = 1 ] && [ -d "$root/work/juesuan/target" ] && mv "$root/work/juesuan/target" "$root/work/target.keep"
rm -rf "$root/work/juesuan"
mkdir -p "$root/work"
git clone -q --branch "$(git -C "$repo" rev-parse --abbrev-ref HEAD)" "$repo" "$root/work/juesuan"
[ -d "$root/work/target.keep" ] && mv "$root/work/target.keep" "$root/work/juesuan/target"
[ -d /work/shared ] && { rm -rf "$root/work/shared"; cp -a /work/shared "$root/work/shared"; }

mountpoint -q "$root/proc" || mount -t proc proc "$root/proc"
mountpoint -q "$root/dev" || mount --rbind /dev "$root/dev"
cleanup() { umount -R "$root/dev" 2>/dev/null || umount -l "$root/dev"; umount "$root/proc" || true; }
trap cleanup EXIT

in_root() { chroot "$root" /usr/bin/env -i HOME=/root LANG=C.UTF-8 TERM=dumb PATH="$1" /bin/bash -c "$2"; }
sys_path=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

echo "== 1. bash .ci/run (clean chroot) =="
start=$(date +%s)
set +e
in_root "/root/.cargo/bin:$sys_path" 'cd /work/juesuan && bash .ci/run' >"$logs/run1.log" 2>&1
rc1=$?
set -e
echo "exit $rc1 after $(( $(date +%s) - start )) s (log: $logs/run1.log)"
grep -E '^(test result|Rust：|安装：)' "$logs/run1.log" || true

echo "== 2. bash .ci/run without cargo on PATH =="
start=$(date +%s)
set +e
in_root "$sys_path" 'cd /work/juesuan && bash .ci/run' >"$logs/run2.log" 2>&1
rc2=$?
set -e
echo "exit $rc2 after $(( $(date +%s) - start )) s"
cat "$logs/run2.log"
[ "$rc1" -eq 0 ] && [ "$rc2" -eq 1 ]
