#!/usr/bin/env bash
# The one test command: installs what the tests need, builds, runs every test project and ends
# with the line "N passed, N failed". Safe to run repeatedly; needs root (or the packages present).
set -uo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log() { printf '== %s\n' "$*" >&2; }

# --- 1. Debian packages the tests use --------------------------------------------------------
DEB_PACKAGES=(postgresql netcat-openbsd sqlite3 xz-utils)
missing=()
for p in "${DEB_PACKAGES[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]}"
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    log "not root: cannot install ${missing[*]}"
  fi
fi

# --- 2. A throw-away PostgreSQL for the storage contract suite -------------------------------
# shellcheck source=tests/scripts/postgres.sh
. "$ROOT/tests/scripts/postgres.sh"
if pg_start; then
  export IOMT_TEST_POSTGRES="$PG_CONN"
  trap pg_stop EXIT
else
  log "PostgreSQL did not start: PostgreSQL tests will fail"
fi

passed=0
failed=0

# --- 3. Format and build ----------------------------------------------------------------------
log "dotnet format --verify-no-changes"
if dotnet format Iomt.slnx --verify-no-changes --no-restore -v q >/dev/null 2>&1 || dotnet format Iomt.slnx --verify-no-changes -v q; then
  passed=$((passed + 1))
else
  log "FAILED: dotnet format found changes"
  failed=$((failed + 1))
fi

log "dotnet build -c Release"
if ! dotnet build Iomt.slnx -c Release -v q -nologo; then
  failed=$((failed + 1))
  echo "$passed passed, $failed failed"
  exit 1
fi

# --- 4. Every test project ----------------------------------------------------------------------
for proj in tests/*.Tests/*.csproj; do
  name=$(basename "$proj" .csproj)
  log "$name"
  out=$(dotnet test "$proj" -c Release --no-build --nologo 2>&1)
  code=$?
  printf '%s\n' "$out" | grep -E '^\s*(Failed|Skipped) |error|Passed!|Failed!|No test is available' | sed 's/^/   /' >&2
  line=$(printf '%s\n' "$out" | grep -E '(Passed|Failed)! +- Failed: ' | tail -1)
  if [ -n "$line" ]; then
    p=$(printf '%s' "$line" | sed -E 's/.*Passed: *([0-9]+).*/\1/')
    f=$(printf '%s' "$line" | sed -E 's/.*Failed: *([0-9]+).*/\1/')
    passed=$((passed + p)); failed=$((failed + f))
    if [ "$code" -ne 0 ] && [ "$f" -eq 0 ]; then failed=$((failed + 1)); fi
  elif printf '%s' "$out" | grep -q 'No test is available'; then
    :
  else
    log "FAILED: $name did not report results"
    printf '%s\n' "$out" | tail -30 >&2
    failed=$((failed + 1))
  fi
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
