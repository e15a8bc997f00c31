#!/usr/bin/env bash
# Run the whole test suite (unit, golden, site build, browser tests in headless Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
bash build_scripts/setup_env.sh
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "Chromium is missing: install Debian's 'chromium' package (sudo apt-get install chromium)" >&2
    exit 2
  fi
fi
# axe-core (accessibility checks in the browser tests), pinned, from the npm registry.
if [ ! -f .cache/node/node_modules/axe-core/axe.min.js ]; then
  if ! command -v npm >/dev/null 2>&1; then
    if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
    else
      echo "npm is missing: install Debian's 'npm' package (sudo apt-get install npm)" >&2
      exit 2
    fi
  fi
  npm install --no-save --no-audit --no-fund --silent --prefix .cache/node axe-core@4.14.1
fi
exec .venv/bin/python -m pytest "$@"
