#!/usr/bin/env bash
# Signs a sample PDF with a throw-away local CA (PAdES B-B and B-T) and asks poppler's pdfsig whether each
# signature holds. pdfsig does not know the throw-away root, so it reports the issuer as not trusted: expected.
# Needs pdfsig from Debian's poppler-utils (apt-get install -y poppler-utils).
set -euo pipefail

if ! command -v pdfsig >/dev/null 2>&1; then
  echo "pdfsig not found: install Debian's poppler-utils first (apt-get install -y poppler-utils)" >&2
  exit 2
fi
cd "$(dirname "$0")/.."
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

npx tsx scripts/sign-sample.ts "$out"
status=0
for pdf in "$out"/pades-b-b.pdf "$out"/pades-b-t.pdf; do
  report="$(pdfsig "$pdf" || true)"
  echo "$report"
  if grep -q 'Signature Validation: Signature is Valid.' <<<"$report"; then
    echo "OK: pdfsig validates $(basename "$pdf")"
  else
    echo "FAIL: pdfsig does not validate $(basename "$pdf")" >&2
    status=1
  fi
done
exit "$status"
