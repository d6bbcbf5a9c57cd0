#!/usr/bin/env bash
# Runs every test of every module (unit, interop against the bundled ffmpeg 8, Camel Main and Quarkus).
# Installs the system libraries the tests need first (root, Debian: apt-get).
#   ./test.sh                  everything
#   ./test.sh -pl camel-media-component -Dtest='Rtmp*'   extra Maven arguments pass through
set -euo pipefail
cd "$(dirname "$0")"
# The ffmpeg executable inside the JavaCV jar links libavdevice, which needs libpulse.so.0.
if ! ldconfig -p 2>/dev/null | grep -q 'libpulse.so.0 '; then
  if [[ $(id -u) == 0 ]]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpulse0 >/dev/null
  else
    echo "test.sh: libpulse0 is missing; install it (sudo apt-get install -y libpulse0)" >&2
    exit 1
  fi
fi
# janus-pp-rec (Debian janus-tools) converts the .mjr files our writer makes (MjrWriterTest); in CI it must be there.
if [[ ! -x /usr/bin/janus-pp-rec ]]; then
  if [[ $(id -u) == 0 ]]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq janus-tools >/dev/null
  elif [[ -n "${CI:-}" ]]; then
    echo "test.sh: janus-pp-rec is missing; install it (sudo apt-get install -y janus-tools)" >&2
    exit 1
  fi
fi
exec ./mvnw -B -ntp verify "$@"
