#!/usr/bin/env bash
# Starts a throw-away clamd (ClamAV's daemon) and scans through the project's clamd adapter: the EICAR test
# file must be found, a clean PDF must pass. Official definitions need the network (freshclam); without them
# the daemon is given one local signature, the EICAR test string anywhere in a file, which is enough to test the protocol.
# Needs Debian's clamav-daemon (apt-get install -y clamav-daemon).
set -euo pipefail

if ! command -v clamd >/dev/null 2>&1; then
  echo "clamd not found: install Debian's clamav-daemon first (apt-get install -y clamav-daemon)" >&2
  exit 2
fi
cd "$(dirname "$0")/.."
dir="$(mktemp -d)"
chmod 755 "$dir"
pid=""
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$dir"
}
trap cleanup EXIT

mkdir "$dir/db"
if ls /var/lib/clamav/*.c[lv]d >/dev/null 2>&1; then
  cp /var/lib/clamav/*.c[lv]d "$dir/db/"
  echo "using the official definitions in /var/lib/clamav"
else
  eicar='X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*'
  # A body signature (any file type, any offset): found inside a PDF too.
  hex="$(printf '%s' "$eicar" | od -An -tx1 | tr -d ' \n')"
  echo "Motcua.Test.EICAR:0:*:$hex" > "$dir/db/motcua-test.ndb"
  echo "no official definitions: a local EICAR signature only"
fi
cat > "$dir/clamd.conf" <<CONF
LocalSocket $dir/clamd.sock
DatabaseDirectory $dir/db
Foreground yes
LogFile $dir/clamd.log
PidFile $dir/clamd.pid
StreamMaxLength 25M
CONF
clamd -c "$dir/clamd.conf" &
pid=$!
for _ in $(seq 1 120); do
  [ -S "$dir/clamd.sock" ] && break
  if ! kill -0 "$pid" 2>/dev/null; then cat "$dir/clamd.log" >&2; exit 1; fi
  sleep 0.5
done
[ -S "$dir/clamd.sock" ] || { echo "clamd did not open its socket" >&2; cat "$dir/clamd.log" >&2; exit 1; }
npx tsx scripts/check-clamav.ts "$dir/clamd.sock"
