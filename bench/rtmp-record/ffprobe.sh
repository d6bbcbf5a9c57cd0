#!/usr/bin/env bash
# The bundled ffprobe (beside ffmpeg.sh's ffmpeg) for the harness's HLS check: FFPROBE=bench/rtmp-record/ffprobe.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
bin="$(find "$root/target/javacpp-cache" "$HOME/.javacpp/cache" -path '*linux-x86_64/ffprobe' -type f 2>/dev/null | head -1)"
[[ -n "$bin" ]] || { echo "no bundled ffprobe: run a test once (./test.sh) to unpack it" >&2; exit 1; }
LD_LIBRARY_PATH="$(dirname "$bin")${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" exec "$bin" "$@"
