#!/usr/bin/env bash
# Install the system services the audit tests use (idempotent; needs root, as CI runs):
#   - PostgreSQL server binaries (Debian's `postgresql`): the PostgreSQL audit-sink tests start a
#     throwaway cluster on 127.0.0.1 with initdb/pg_ctl in a temporary directory, as the
#     `postgres` system user (PostgreSQL refuses to run as root), and stop it afterwards.
#   - Chromium (Debian's `chromium`): renders the HTML audit report headless and screenshots it.
#   - Redis (Debian's `redis-server`): the shared-vault tests start one on 127.0.0.1 per session
#     (`--save "" --appendonly no`, a free port) and stop it afterwards.
#   - psycopg 3 into .venv (the `postgres` extra), so the sink tests can connect.
# No service is left running: each test session starts and stops its own.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    need+=(postgresql)
fi
if [ "${#need[@]}" -gt 0 ]; then
    SUDO=()
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
            SUDO=(sudo -n)
        else
            echo "ci-services: need root (or passwordless sudo) to apt-get install ${need[*]}" >&2
            exit 1
        fi
    fi
    export DEBIAN_FRONTEND=noninteractive
    "${SUDO[@]}" apt-get update -q
    "${SUDO[@]}" apt-get install -y -q --no-install-recommends "${need[@]}"
fi
# The Debian package creates the cluster owner; make sure it exists even on odd images.
if ! id postgres >/dev/null 2>&1; then
    ${SUDO[@]+"${SUDO[@]}"} useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
fi

if [ -x .venv/bin/python ]; then
    .venv/bin/python -m pip install --progress-bar off --disable-pip-version-check -q \
        "psycopg[binary]>=3.2" "redis>=5"
fi
