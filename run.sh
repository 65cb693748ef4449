#!/usr/bin/env bash
# Starts the app on http://localhost:8501, installing what it needs on first run.
set -euo pipefail
cd "$(dirname "$0")"
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install --disable-pip-version-check -q -r requirements.txt
exec .venv/bin/python -m streamlit run app.py --server.address localhost --server.headless true "$@"
