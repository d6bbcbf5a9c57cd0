#!/usr/bin/env bash
# The ffmpeg 8 binary bundled in the JavaCV jar (unpacked by any test run under target/javacpp-cache), with the
# libraries beside it on the library path: for machines without Debian's ffmpeg.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
bin="$(find "$root/target/javacpp-cache" "$HOME/.javacpp/cache" -path '*linux-x86_64/ffmpeg' -type f 2>/dev/null | head -1)"
[[ -n "$bin" ]] || { echo "no bundled ffmpeg: run a test once (./test.sh) to unpack it" >&2; exit 1; }
LD_LIBRARY_PATH="$(dirname "$bin")${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" exec "$bin" "$@"
