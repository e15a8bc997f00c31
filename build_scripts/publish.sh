#!/usr/bin/env bash
# Build the site for its public address, with the offline bundle:
#   bash build_scripts/publish.sh https://example.org/base-de-connaissances/
# Then copy site/ to any static host, or: .venv/bin/ghp-import -n -p -f site  (GitHub Pages).
set -euo pipefail
cd "$(dirname "$0")/.."
url="${1:?usage: bash build_scripts/publish.sh https://your.host/path/}"
case "$url" in */) ;; *) url="$url/" ;; esac
export SITE_URL="$url"
bash build_scripts/setup_env.sh
.venv/bin/python -m build_scripts build
.venv/bin/python -m build_scripts site
.venv/bin/python -m build_scripts bundle --out site/telechargement/base-de-connaissances.zip
echo "site/ is ready for $url: copy it to a static host, or run .venv/bin/ghp-import -n -p -f site"
