#!/usr/bin/env bash
# One-time setup of a fresh Debian/Ubuntu machine with Node 20: the Debian packages the engine and
# the test host need, the npm packages, and code-server (VS Code) in .cache/. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
# chromium: the engine's browser and the test browser; bubblewrap: the engine's sandbox for user
# code; ripgrep and libkrb5-dev: code-server's
# search and its kerberos module; make, g++, python3: node-gyp rebuilds of code-server's modules.
$SUDO apt-get update
$SUDO apt-get install -y --no-install-recommends chromium bubblewrap ripgrep libkrb5-dev git python3 make g++
npm ci --no-audit --no-fund
npm run setup:code-server
