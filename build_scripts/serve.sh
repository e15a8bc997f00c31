#!/usr/bin/env bash
# Build the site from source_reports/ and serve it on http://127.0.0.1:${PORT:-8000}/
set -euo pipefail
cd "$(dirname "$0")/.."
bash build_scripts/setup_env.sh
.venv/bin/python -m build_scripts build
.venv/bin/python -m build_scripts site
exec .venv/bin/python -m build_scripts serve --port "${PORT:-8000}"
