#!/usr/bin/env bash
# One-time setup of a fresh Debian/Ubuntu machine with Node 20: the Debian packages the engine and
# the test host need, the npm packages, and code-server (VS Code) in .cache/. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
# chromium: the engine's browser and the test browser; bubblewrap: the engine's sandbox for user
# code; ripgrep and libkrb5-dev: code-server's search and its kerberos module; make, g++, python3:
# node-gyp rebuilds of code-server's modules; python3-venv: the virtual environment for
# Playwright for Python.
$SUDO apt-get update
$SUDO apt-get install -y --no-install-recommends chromium chromium-headless-shell bubblewrap ripgrep libkrb5-dev git python3 python3-venv make g++
npm ci --no-audit --no-fund
# Playwright for Python (the engine's python runs) in a virtual environment the setup owns: Debian's
# python3 is externally managed. It downloads no browser: it drives the engine's Chromium over CDP.
[ -x .cache/py/bin/python3 ] || python3 -m venv .cache/py
.cache/py/bin/pip install --disable-pip-version-check --quiet 'playwright>=1.45,<2'
npm run setup:code-server
