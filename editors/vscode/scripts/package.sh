#!/usr/bin/env bash
# Packages the extension into a .vsix: the universal package, or, with --server, a platform
# package that carries that binary under server/ (the extension prefers it to PATH).
#
#   editors/vscode/scripts/package.sh --out FILE [--target VSCE_TARGET --server BINARY]
#
# VSCE_TARGET is vsce's platform name (linux-x64, linux-arm64, darwin-x64, darwin-arm64,
# win32-x64). Expects the npm dependencies installed (npm ci).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="" target="" server=""
while [ "$#" -gt 0 ]; do
  case "$1" in
    --out) out="$2"; shift 2 ;;
    --target) target="$2"; shift 2 ;;
    --server) server="$2"; shift 2 ;;
    *) echo "package.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
[ -n "$out" ] || { echo "package.sh: --out FILE is required" >&2; exit 2; }
if [ -n "$server" ] && [ -z "$target" ]; then
  echo "package.sh: --server needs --target" >&2
  exit 2
fi
case "$out" in /*) ;; *) out="$PWD/$out" ;; esac
cd "$here"
npm run --silent build
rm -rf server
trap 'rm -rf "$here/server"' EXIT
args=(--no-dependencies --no-rewrite-relative-links --out "$out")
if [ -n "$server" ]; then
  mkdir -p server
  name=hindsight
  case "$target" in win32-*) name=hindsight.exe ;; esac
  cp "$server" "server/$name"
  chmod 755 "server/$name"
  args+=(--target "$target")
fi
npx --no-install vsce package "${args[@]}" >/dev/null
echo "packaged $out"
