#!/usr/bin/env bash
# System packages behind the tests: bubblewrap (the grading sandbox) and chromium (the book's
# browser test). Installed only when missing, and only where apt-get can run as root.
set -euo pipefail
missing=()
command -v bwrap >/dev/null || missing+=(bubblewrap)
command -v chromium >/dev/null || missing+=(chromium)
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
  echo "installing system packages: ${missing[*]}"
  apt-get update -qq || true
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
else
  echo "missing system packages (${missing[*]}); install them with your package manager" >&2
fi
