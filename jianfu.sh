#!/usr/bin/env bash
# Jianfu bootstrap, in the tradition of ./gradlew: installs what is missing, then runs `jianfu`.
#
#   ./jianfu.sh demo     install, migrate, load the demo county and serve http://127.0.0.1:8000
#   ./jianfu.sh test     install and run the whole test suite
#   ./jianfu.sh <cmd>    any `jianfu` command (serve, migrate, manage, token, bench, assets)
#
# Needs only python3 (3.11+, with pip/venv) and node/npm. uv is installed into .tools/ when it is
# not on PATH; Python packages come from PyPI via uv.lock, front-end assets from npm via
# package-lock.json. Nothing is downloaded at run time.
set -euo pipefail
cd "$(dirname "$0")"

export UV_PYTHON_DOWNLOADS=never   # use the machine's Python; never fetch interpreters
say() { printf '\033[1m[jianfu]\033[0m %s\n' "$*" >&2; }

find_uv() {
  if command -v uv >/dev/null 2>&1; then command -v uv; return; fi
  for candidate in .tools/bin/uv "$HOME/.local/bin/uv" "$HOME/.cargo/bin/uv"; do
    if [ -x "$candidate" ]; then echo "$candidate"; return; fi
  done
  return 1
}

if ! UV=$(find_uv); then
  say "uv not found: installing it into .tools/ (pip, from PyPI)"
  python3 -m venv .tools
  .tools/bin/python -m pip install --quiet --disable-pip-version-check uv
  UV=.tools/bin/uv
fi

say "Python dependencies (uv sync)"
"$UV" sync --frozen --quiet

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  if ! command -v npm >/dev/null 2>&1; then
    say "npm is required for the front-end assets (install Node.js 18+)"; exit 1
  fi
  say "Front-end assets (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi
"$UV" run --frozen --quiet jianfu assets

exec "$UV" run --frozen --quiet jianfu "$@"
