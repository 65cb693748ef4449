#!/usr/bin/env bash
# Runs every test: engine, AppTest and browser (headless Chromium), with storage
# tests against SQLite and a throwaway PostgreSQL server. Installs what it needs.
set -euo pipefail
cd "$(dirname "$0")"
PY=${PYTHON:-python3}

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
apt_updated=""
apt_install() {
  [ -n "$apt_updated" ] || { as_root apt-get update -q >/dev/null; apt_updated=1; }
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@" >/dev/null
}

# Python packages (runtime + test tools) in a project venv.
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install --disable-pip-version-check -q -r requirements.txt -r requirements-dev.txt

# Debian's Chromium for the browser tests (Playwright cannot download its own here).
[ -x /usr/bin/chromium ] || apt_install chromium
# Emoji font, so screenshots show the page icons as users see them.
dpkg -s fonts-noto-color-emoji >/dev/null 2>&1 || apt_install fonts-noto-color-emoji

# A throwaway PostgreSQL cluster on a free loopback port, removed on exit.
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; then
  apt_install postgresql
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi
pg_dir=$(mktemp -d /tmp/followup-pg.XXXXXX)
pg_port=$(.venv/bin/python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
run_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown postgres "$pg_dir"
cleanup() { run_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$pg_dir"; }
trap cleanup EXIT
run_pg "$pg_bin/initdb" -D "$pg_dir/data" -U followup --auth=trust -E UTF8 >/dev/null
run_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/log" -w \
  -o "-c listen_addresses=127.0.0.1 -c port=$pg_port -c unix_socket_directories=$pg_dir -c fsync=off" start >/dev/null
run_pg "$pg_bin/createdb" -h 127.0.0.1 -p "$pg_port" -U followup followup_test
export FOLLOWUP_TEST_PG_URL="postgresql+psycopg://followup@127.0.0.1:$pg_port/followup_test"

# Every test must run: missing browser or database fails instead of skipping.
export FOLLOWUP_REQUIRE_ALL=1
.venv/bin/python -m pytest "$@"
