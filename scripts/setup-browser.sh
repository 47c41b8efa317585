#!/usr/bin/env bash
# Finds a Chromium for the e2e tests. Playwright's own browser download cannot work offline,
# so Tern uses the system's Chromium: $CHROMIUM_PATH, /usr/bin/chromium, or Debian's package.
set -euo pipefail
if [ -n "${CHROMIUM_PATH:-}" ] && [ -x "$CHROMIUM_PATH" ]; then
  echo "setup:browser: using CHROMIUM_PATH=$CHROMIUM_PATH"; exit 0
fi
if [ -x /usr/bin/chromium ]; then
  echo "setup:browser: using /usr/bin/chromium"; exit 0
fi
if command -v apt-get >/dev/null 2>&1; then
  echo "setup:browser: no Chromium found; installing Debian's chromium with apt-get"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
  echo "setup:browser: installed $(/usr/bin/chromium --version)"; exit 0
fi
echo "setup:browser: no Chromium found and no apt-get to install one; set CHROMIUM_PATH to a Chromium binary" >&2
exit 1
