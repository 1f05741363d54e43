#!/usr/bin/env bash
# Makes sure Debian's Chromium and its chromedriver are installed for the portal's browser tests (*BrowserIT).
# Installs them with apt-get when missing (as root, or through sudo when available); otherwise explains and fails.
set -euo pipefail

BROWSER=/usr/bin/chromium
DRIVER=/usr/bin/chromedriver

if [[ -x "$BROWSER" && -x "$DRIVER" ]]; then
  echo "[ensure-chromium] $BROWSER and $DRIVER are installed"
  exit 0
fi

if [[ "$(id -u)" == "0" ]]; then
  SUDO=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  SUDO=(sudo -n)
else
  echo "[ensure-chromium] $BROWSER or $DRIVER is missing and this user can neither run apt-get as root nor use sudo." >&2
  echo "[ensure-chromium] Install them with: apt-get install -y chromium chromium-driver" >&2
  exit 1
fi

echo "[ensure-chromium] installing chromium and chromium-driver with apt-get"
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -q
"${SUDO[@]}" apt-get install -y -q --no-install-recommends chromium chromium-driver

if [[ ! -x "$BROWSER" || ! -x "$DRIVER" ]]; then
  echo "[ensure-chromium] apt-get finished but $BROWSER or $DRIVER is still missing" >&2
  exit 1
fi
echo "[ensure-chromium] installed $("$BROWSER" --version 2>/dev/null || echo chromium)"
