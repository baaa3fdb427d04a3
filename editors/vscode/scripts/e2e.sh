#!/usr/bin/env bash
# End-to-end test of the VS Code extension in a real VS Code (code-server 4.100.3), headless.
#
# Installs what is missing (Debian packages, the extension's npm dependencies, code-server into
# ${HINDSIGHT_TOOLS:-~/.cache/hindsight-tools}), type-checks, lints, builds and packages the
# extension, then runs test/e2e/run.mjs against the server binary $HINDSIGHT_BIN (default:
# target/release/hindsight of the repository). Idempotent and non-interactive. Prints PASS/FAIL
# and a closing `vscode-e2e: N passed, N failed` line; exits non-zero on any failure.
#
# Environment: HINDSIGHT_BIN, HINDSIGHT_TOOLS, HINDSIGHT_E2E_TIMEOUT (seconds for the whole script,
# default 900), CHROMIUM (default /usr/bin/chromium), HINDSIGHT_BUNDLED_VSIX (a linux-x64 package
# from scripts/dist to test instead of packaging one here).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CODE_SERVER_VERSION=4.100.3

summary_fail() {
  echo "FAIL vscode e2e: $*"
  echo "vscode-e2e: 0 passed, 1 failed"
  exit 1
}

# Run the whole script under one time limit.
if [ -z "${HINDSIGHT_E2E_UNDER_TIMEOUT:-}" ]; then
  export HINDSIGHT_E2E_UNDER_TIMEOUT=1
  limit="${HINDSIGHT_E2E_TIMEOUT:-900}"
  rc=0
  timeout --kill-after=20 "$limit" bash "${BASH_SOURCE[0]}" "$@" </dev/null || rc=$?
  if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
    summary_fail "timed out after ${limit}s"
  fi
  exit "$rc"
fi

log() { echo "[vscode-e2e] $*"; }
started=$SECONDS

# --- The code-server process group is killed on any exit, also on failure or timeout. -----------
PIDFILE="$(mktemp "${TMPDIR:-/tmp}/hindsight-vscode-e2e.XXXXXX.pid")"
export HINDSIGHT_E2E_PIDFILE="$PIDFILE"
cleanup() {
  local pid
  if [ -n "${runner:-}" ]; then
    kill -TERM "$runner" 2>/dev/null || true
  fi
  # The process groups that test/e2e/run.mjs started: code-server and Chromium.
  local alive=()
  for pid in $(cat "$PIDFILE" 2>/dev/null || true); do
    if kill -TERM -- "-$pid" 2>/dev/null; then
      alive+=("$pid")
    fi
  done
  if [ "${#alive[@]}" -gt 0 ]; then
    sleep 1
    for pid in "${alive[@]}"; do
      kill -KILL -- "-$pid" 2>/dev/null || true
    done
  fi
  rm -f "$PIDFILE"
}
trap cleanup EXIT
trap 'exit 143' TERM INT

# --- The server under test ----------------------------------------------------------------------
BIN="${HINDSIGHT_BIN:-$HERE/../../target/release/hindsight}"
case "$BIN" in /*) ;; *) BIN="$PWD/$BIN" ;; esac
if [ ! -x "$BIN" ]; then
  summary_fail "server binary not found or not executable: $BIN (build it with 'cargo build --release' at the repository root, or set HINDSIGHT_BIN)"
fi

# --- Node: code-server 4.100.3 runs on Node 20 ---------------------------------------------------
command -v node >/dev/null || summary_fail "node is not installed (Node 20 is needed)"
node_major="$(node -p 'process.versions.node.split(".")[0]')"
[ "$node_major" = 20 ] || summary_fail "code-server $CODE_SERVER_VERSION needs Node 20, found $(node --version)"

TOOLS="${HINDSIGHT_TOOLS:-${HOME:-/root}/.cache/hindsight-tools}"
CS_DIR="$TOOLS/code-server-$CODE_SERVER_VERSION"

# --- Debian packages ------------------------------------------------------------------------------
missing=()
command -v rg >/dev/null || missing+=(ripgrep)
[ -x "${CHROMIUM:-/usr/bin/chromium}" ] || missing+=(chromium)
if [ ! -f "$CS_DIR/.complete" ]; then
  # Headers for code-server's native modules.
  for pkg in libkrb5-dev libxkbfile-dev libsecret-1-dev; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
fi
if [ "${#missing[@]}" -gt 0 ]; then
  log "installing Debian packages: ${missing[*]}"
  SUDO=()
  if [ "$(id -u)" != 0 ]; then
    sudo -n true 2>/dev/null || summary_fail "need root (or passwordless sudo) to install: ${missing[*]}"
    SUDO=(sudo -n)
  fi
  "${SUDO[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# --- The extension's npm dependencies (skipped when package-lock.json has not changed) ------------
cd "$HERE"
lock_sum="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [ "$(cat node_modules/.hindsight-lock.sha256 2>/dev/null || true)" != "$lock_sum" ]; then
  log "npm ci"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$lock_sum" > node_modules/.hindsight-lock.sha256
fi

# --- code-server, into a cache folder outside the repository --------------------------------------
install_code_server() {
  local tmp vscode
  mkdir -p "$TOOLS"
  rm -rf "$CS_DIR".partial.*
  tmp="$(mktemp -d "$CS_DIR.partial.XXXXXX")"
  log "installing code-server $CODE_SERVER_VERSION into $CS_DIR"
  (
    set -euo pipefail
    export npm_config_yes=true npm_config_audit=false npm_config_fund=false npm_config_loglevel=error
    cd "$tmp"
    echo '{ "private": true }' > package.json
    # Its own postinstall downloads ripgrep, which is not reachable: install without scripts, then
    # do the steps of its postinstall.sh by hand with Debian's rg in place of the download.
    npm install --ignore-scripts "code-server@$CODE_SERVER_VERSION"
    npm rebuild argon2
    vscode="$tmp/node_modules/code-server/lib/vscode"
    cd "$vscode"
    npm install --ignore-scripts --omit=dev
    mkdir -p node_modules/@vscode/ripgrep/bin
    cp "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
    npm rebuild --unsafe-perm
    ln -sfn node_modules node_modules.asar
    (cd bin/remote-cli && ln -sfn code-linux.sh code-server)
    (cd bin/helpers && ln -sfn browser-linux.sh browser.sh)
    cd extensions
    npm install --unsafe-perm --omit=dev
    XDG_CONFIG_HOME="$tmp/.config" node "$tmp/node_modules/code-server/out/node/entry.js" --version
    touch "$tmp/.complete"
  ) || { rm -rf "$tmp"; summary_fail "installing code-server failed"; }
  rm -rf "$CS_DIR"
  mv "$tmp" "$CS_DIR"
}
if [ ! -f "$CS_DIR/.complete" ]; then
  install_code_server
fi
log "installs done after $((SECONDS - started))s"

# --- Type-check, lint, build, package -------------------------------------------------------------
log "npm run check"
npm run --silent check || summary_fail "type-check or lint failed"
log "packaging the universal and the linux-x64 .vsix"
rm -f ./*.vsix
version="$(node -p 'require("./package.json").version')"
VSIX="$HERE/hindsight-$version.vsix"
BUNDLED_VSIX="$HERE/hindsight-linux-x64-$version.vsix"
bash scripts/package.sh --out "$VSIX" >/dev/null || summary_fail "packaging the universal .vsix failed"
if [ -n "${HINDSIGHT_BUNDLED_VSIX:-}" ]; then
  # The package a release ships (scripts/dist), rather than one packaged here.
  [ -f "$HINDSIGHT_BUNDLED_VSIX" ] || summary_fail "HINDSIGHT_BUNDLED_VSIX=$HINDSIGHT_BUNDLED_VSIX does not exist"
  cp "$HINDSIGHT_BUNDLED_VSIX" "$BUNDLED_VSIX"
else
  bash scripts/package.sh --out "$BUNDLED_VSIX" --target linux-x64 --server "$BIN" >/dev/null ||
    summary_fail "packaging the linux-x64 .vsix failed"
fi
[ -f "$VSIX" ] && [ -f "$BUNDLED_VSIX" ] || summary_fail "packaging produced no $VSIX or $BUNDLED_VSIX"
log "packaged $(basename "$VSIX") and $(basename "$BUNDLED_VSIX") after $((SECONDS - started))s; running the test"

# --- The end-to-end test --------------------------------------------------------------------------
# In the background, so that a TERM from the outer timeout runs the trap at once.
rc=0
timeout --kill-after=10 420 node test/e2e/run.mjs \
  --code-server "$CS_DIR" --vsix "$VSIX" --bundled-vsix "$BUNDLED_VSIX" --server "$BIN" \
  --artifacts "$HERE/test-artifacts" &
runner=$!
wait "$runner" || rc=$?
runner=
if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
  summary_fail "the e2e driver timed out after 420s"
fi
exit "$rc"
