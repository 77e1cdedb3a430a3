#!/usr/bin/env bash
# The one test command, on a developer machine or a fresh CI clone (Debian/Ubuntu):
#   1. installs what the tests need and is missing: rabbitmq-server (the tests start private nodes of their own;
#      not needed when RABBITMQ_URI names a broker), docker-compose (to validate docker-compose.yml), for the
#      playground's browser test chromium and tests/playground's node_modules (npm ci), and node/npm with the
#      schema validators (artifacts/schema-validators: Kubernetes manifests, docs/asyncapi.yaml);
#   2. builds the solution (warnings are errors);
#   3. runs every test project (Microsoft.Testing.Platform), extra arguments go to `dotnet test`; the MongoDB
#      store tests run against tests/mongo-emulator (a MongoDB wire server over mongomock, Debian's
#      python3-mongomock and python3-pymongo, installed when missing) unless MONGODB_URI names a real server;
#   4. prints what did not run, what MongoDB was, and a last line "tests: N passed, N failed, N skipped".
# Exits non-zero when the build or a test fails, or when no test ran.
#
# Environment: SOLUTION (default ProactiveSuite.sln), CONFIGURATION (default Release),
#              RABBITMQ_URI (use that broker instead of private nodes),
#              MONGODB_URI (run the MongoDB store tests on that server instead of the emulator).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

SOLUTION="${SOLUTION:-ProactiveSuite.sln}"
CONFIGURATION="${CONFIGURATION:-Release}"
ARTIFACTS="artifacts"
TEST_LOG="$ARTIFACTS/test-run.log"

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

step() { printf '\n==> %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    echo "run.sh: need root (or sudo) for: $*" >&2
    return 1
  fi
}

apt_updated=""
apt_install() {
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "run.sh: $* is missing and there is no apt-get here: install it yourself." >&2
    return 1
  fi
  if [ -z "$apt_updated" ]; then
    as_root apt-get update
    apt_updated=1
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y "$@"
}

# --- 1. prerequisites ---------------------------------------------------------------------------
if [ -z "${RABBITMQ_URI:-}" ] && ! command -v rabbitmq-server >/dev/null 2>&1 && [ ! -e /usr/sbin/rabbitmq-server ]; then
  step "installing rabbitmq-server (the tests start private nodes of it)"
  apt_install rabbitmq-server
  # The package may start a system node; the tests never use it.
  if command -v service >/dev/null 2>&1; then
    as_root service rabbitmq-server stop >/dev/null 2>&1 || true
  fi
fi

# The MongoDB wire emulator runs on Debian's Python and its mongomock and pymongo (bson) packages: not on a
# python3 that a version manager put first on PATH, which cannot import them.
EMULATOR_PYTHON=/usr/bin/python3
if [ -z "${MONGODB_URI:-}" ] && ! "$EMULATOR_PYTHON" -c 'import mongomock, bson' >/dev/null 2>&1; then
  step "installing python3-mongomock and python3-pymongo (the MongoDB wire emulator for the store tests)"
  apt_install python3-mongomock python3-pymongo
fi

if ! command -v docker-compose >/dev/null 2>&1; then
  step "installing docker-compose (to validate docker-compose.yml)"
  apt_install docker-compose
fi

# Node for the playground's browser test and the schema validators. Debian 12's nodejs is 18; playwright-core
# asks for 20 or later, which the machines this runs on have: apt is only the fallback.
if ! command -v npm >/dev/null 2>&1; then
  step "installing nodejs and npm (the browser test and the schema validators)"
  apt_install nodejs npm
fi

# The playground's browser test: Debian's Chromium, driven by playwright-core from tests/playground (npm ci).
if [ ! -x /usr/bin/chromium ]; then
  step "installing chromium (the playground's browser test drives it headless)"
  apt_install chromium
fi

if [ ! -d tests/playground/node_modules/playwright-core ]; then
  step "npm ci in tests/playground (playwright-core, as pinned in its package-lock.json)"
  (cd tests/playground && npm ci --no-audit --no-fund)
fi

if [ -f docker-compose.yml ]; then
  step "validating docker-compose.yml"
  docker-compose -f docker-compose.yml config -q
fi

# Schema validators (node): the Kubernetes manifests against the Kubernetes schemas (kubernetes-models) and
# docs/asyncapi.yaml against the AsyncAPI specification (@asyncapi/parser), offline once installed; versions
# pinned by the lock file. Run by KubernetesSchemaTests and AsyncApiSchemaTests.
SCHEMA_VALIDATORS_SOURCE="tests/ProactiveSuite.Tests/SchemaValidators"
SCHEMA_VALIDATORS_INSTALL="artifacts/schema-validators"
if ! cmp -s "$SCHEMA_VALIDATORS_SOURCE/package-lock.json" "$SCHEMA_VALIDATORS_INSTALL/package-lock.json" \
   || [ ! -d "$SCHEMA_VALIDATORS_INSTALL/node_modules" ]; then
  step "installing the schema validators ($SCHEMA_VALIDATORS_INSTALL)"
  rm -rf "$SCHEMA_VALIDATORS_INSTALL"
  mkdir -p "$SCHEMA_VALIDATORS_INSTALL"
  cp "$SCHEMA_VALIDATORS_SOURCE/package.json" "$SCHEMA_VALIDATORS_SOURCE/package-lock.json" "$SCHEMA_VALIDATORS_INSTALL/"
  # No install scripts: the validators need none (and one dependency's would only report usage).
  npm ci --prefix "$SCHEMA_VALIDATORS_INSTALL" --ignore-scripts --no-audit --no-fund --loglevel=error
fi

if ! command -v dotnet >/dev/null 2>&1; then
  echo "run.sh: dotnet is not on PATH; install the .NET SDK that global.json asks for." >&2
  exit 1
fi

if [ ! -e "$SOLUTION" ]; then
  echo "run.sh: $SOLUTION not found in $(pwd)." >&2
  exit 1
fi

mkdir -p "$ARTIFACTS"
rm -f "$ARTIFACTS/reliability-counts.txt"

# --- 2. build -----------------------------------------------------------------------------------
step "dotnet build $SOLUTION -c $CONFIGURATION"
if ! dotnet build "$SOLUTION" -c "$CONFIGURATION" 2>&1 | tee "$ARTIFACTS/build.log"; then
  echo
  echo "run.sh: build failed (log: $ARTIFACTS/build.log)"
  echo "tests: 0 passed, 0 failed, 0 skipped"
  exit 1
fi

# --- 3. test ------------------------------------------------------------------------------------
# MongoDB for the store tests: the server MONGODB_URI names, or the emulator on a free port until this script ends.
if [ -n "${MONGODB_URI:-}" ]; then
  mongo_hosts="${MONGODB_URI#*://}"
  mongo_hosts="${mongo_hosts##*@}"   # never print credentials
  mongo_hosts="${mongo_hosts%%/*}"
  mongo_hosts="${mongo_hosts%%\?*}"
  export MONGODB_BACKEND="MongoDB: server at $mongo_hosts"
else
  mongo_port_file="$ARTIFACTS/mongo-emulator.port"
  rm -f "$mongo_port_file"
  "$EMULATOR_PYTHON" tests/mongo-emulator/server.py --port 0 --port-file "$mongo_port_file" >"$ARTIFACTS/mongo-emulator.log" 2>&1 &
  mongo_emulator_pid=$!
  trap 'kill "$mongo_emulator_pid" 2>/dev/null || true' EXIT
  for _ in $(seq 1 100); do
    [ -s "$mongo_port_file" ] && break
    if ! kill -0 "$mongo_emulator_pid" 2>/dev/null; then break; fi
    sleep 0.1
  done
  if [ ! -s "$mongo_port_file" ]; then
    echo "run.sh: the MongoDB emulator did not start (log: $ARTIFACTS/mongo-emulator.log)" >&2
    exit 1
  fi
  export MONGODB_URI="mongodb://127.0.0.1:$(cat "$mongo_port_file")/?directConnection=true"
  # Answers a real command (ping through pymongo), not just a TCP connect.
  if ! "$EMULATOR_PYTHON" -c 'import sys, pymongo; pymongo.MongoClient(sys.argv[1], serverSelectionTimeoutMS=10000).admin.command("ping")' "$MONGODB_URI"; then
    echo "run.sh: the MongoDB emulator does not answer at $MONGODB_URI (log: $ARTIFACTS/mongo-emulator.log)" >&2
    exit 1
  fi
  export MONGODB_BACKEND="MongoDB: mongomock wire emulator"
fi
step "MongoDB store tests run on: $MONGODB_BACKEND"

step "dotnet test --solution $SOLUTION -c $CONFIGURATION --no-build $* (log: $TEST_LOG)"
set +e
dotnet test --solution "$SOLUTION" -c "$CONFIGURATION" --no-build --no-ansi --no-progress "$@" 2>&1 | tee "$TEST_LOG"
test_exit=${PIPESTATUS[0]}
set -e

# --- 4. summary ---------------------------------------------------------------------------------
plain_log() { sed -e 's/\x1b\[[0-9;?]*[A-Za-z]//g' -e 's/\r$//' "$TEST_LOG"; }

# Sum the counters of every "Test run summary" block (one per dotnet test run / assembly group).
read -r total failed passed skipped < <(plain_log | awk '
  /^Test run summary/ { in_summary = 1; next }
  in_summary && /^[[:space:]]+total:[[:space:]]*[0-9]+/     { t += $2; next }
  in_summary && /^[[:space:]]+failed:[[:space:]]*[0-9]+/    { f += $2; next }
  in_summary && /^[[:space:]]+succeeded:[[:space:]]*[0-9]+/ { p += $2; next }
  in_summary && /^[[:space:]]+skipped:[[:space:]]*[0-9]+/   { s += $2; next }
  in_summary && /^[[:space:]]+duration:/                    { in_summary = 0; next }
  END { printf "%d %d %d %d\n", t, f, p, s }')

echo
echo "Not run:"
not_run="$(plain_log | awk '/^skipped / { print "  " $0; if ((getline reason) > 0) { sub(/^[[:space:]]+/, "", reason); print "    " reason } }')"
if [ -n "$not_run" ]; then
  printf '%s\n' "$not_run"
else
  echo "  (nothing skipped)"
fi

# What the reliability tests counted (crash and broker-restart runs), this run only.
if [ -s "$ARTIFACTS/reliability-counts.txt" ]; then
  echo
  echo "Reliability counts:"
  sed 's/^/  /' "$ARTIFACTS/reliability-counts.txt"
fi

echo
echo "MongoDB store tests ran on: $MONGODB_BACKEND"

echo
status=0
if [ "$test_exit" -ne 0 ]; then
  echo "run.sh: dotnet test exited with code $test_exit (log: $TEST_LOG)"
  status=$test_exit
fi
if [ "$failed" -gt 0 ] && [ "$status" -eq 0 ]; then
  status=1
fi
if [ "$total" -eq 0 ]; then
  echo "run.sh: no tests ran"
  if [ "$status" -eq 0 ]; then status=1; fi
fi
echo "tests: $passed passed, $failed failed, $skipped skipped"
exit "$status"
