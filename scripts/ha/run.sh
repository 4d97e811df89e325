#!/usr/bin/env bash
# High-availability test on loopback: etcd, three Patroni-managed PostgreSQL nodes (synchronous replication),
# HAProxy for one write endpoint and for HTTP, two motcua server processes; the primary is killed under
# intake load. Needs Debian's patroni, etcd-server, etcd-client, postgresql and haproxy: installs them with
# apt-get when run as root, otherwise says what is missing and exits 2. Not part of `npm test`.
#
#   npm run test:ha                      # the whole test (about 2 minutes once the packages are there)
#   HA_KEEP=1 npm run test:ha            # keep the temporary directory (logs, configs, data) for a look
#
# Everything the test starts is stopped and its temporary directory removed on exit, failure or Ctrl-C.
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"

fail() {
  echo "test:ha: $1" >&2
  exit 2
}

[ "$(uname -s)" = Linux ] || fail "needs Linux (Debian) with patroni, etcd, PostgreSQL and haproxy; this is $(uname -s)."

pg_bin_dir() {
  local dir
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  [ -n "$dir" ] && [ -x "$dir/postgres" ] && [ -x "$dir/pg_rewind" ] && echo "$dir"
}

missing() {
  local out=()
  command -v patroni >/dev/null 2>&1 || out+=(patroni)
  command -v etcd >/dev/null 2>&1 || out+=(etcd-server)
  command -v etcdctl >/dev/null 2>&1 || out+=(etcd-client)
  command -v haproxy >/dev/null 2>&1 || out+=(haproxy)
  pg_bin_dir >/dev/null || out+=(postgresql)
  echo "${out[*]:-}"
}

need="$(missing)"
if [ -n "$need" ]; then
  if [ "$(id -u)" -ne 0 ]; then
    fail "missing Debian packages: $need — run as root to install them with apt-get, or: sudo apt-get install $need"
  fi
  command -v apt-get >/dev/null 2>&1 || fail "missing packages ($need) and no apt-get: this test needs a Debian machine."
  echo "test:ha: installing with apt-get: $need" >&2
  export DEBIAN_FRONTEND=noninteractive
  { apt-get update -qq && apt-get install -y -qq --no-install-recommends $need; } >&2 ||
    fail "apt-get install $need failed."
  need="$(missing)"
  [ -z "$need" ] || fail "still missing after apt-get: $need."
fi

pg_bin="$(pg_bin_dir)"

# PostgreSQL refuses to run as root: under root every process of the test runs as the unprivileged OS user
# `postgres` (created by Debian's postgresql package; created here when missing), as the embedded database does.
run_as=""
if [ "$(id -u)" -eq 0 ]; then
  if ! id postgres >/dev/null 2>&1; then
    useradd --system --user-group --home-dir /var/lib/postgresql --shell /usr/sbin/nologin postgres ||
      fail "could not create the unprivileged user postgres."
  fi
  run_as="postgres"
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/motcua-ha.XXXXXX")" || fail "could not create a temporary directory."
chmod 0755 "$work"
[ -z "$run_as" ] || chown "$run_as:" "$work"

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  # The test stops what it started; this catches what it could not (e.g. it was killed itself).
  if [ -f "$work/pids" ]; then
    while read -r pid; do
      [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
    done <"$work/pids"
  fi
  if [ "${HA_KEEP:-}" = 1 ]; then
    echo "test:ha: kept $work" >&2
  else
    rm -rf "$work"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

cd "$root" || exit 2
# In the foreground: Ctrl-C reaches the test too, which stops its cluster and writes what it measured.
HA_WORK_DIR="$work" HA_PG_BIN="$pg_bin" HA_RUN_AS="$run_as" node --import tsx scripts/ha/failover.ts "$@"
