#!/usr/bin/env bash
# The harness's publisher clip made with the bundled ffmpeg (no libx264 in the LGPL build): 1280x720 30 fps H.264
# (libopenh264, 2 s GOP, ~2.5 Mbit/s) + AAC-LC 48 kHz stereo 128 kbit/s, 30 s, FLV, at the harness's default path.
set -euo pipefail
OUT=${1:-${SRC:-/tmp/rtmp-hls-bench/media/src-720p30.flv}}
if [[ -s "$OUT" ]]; then echo "source exists: $OUT"; exit 0; fi
mkdir -p "$(dirname "$OUT")"
"$(dirname "$0")/ffmpeg.sh" -nostdin -hide_banner -loglevel error -y \
  -f lavfi -i "testsrc2=size=1280x720:rate=30,noise=alls=12:allf=t+u" \
  -f lavfi -i "sine=frequency=440:sample_rate=48000:beep_factor=4,aformat=channel_layouts=stereo" \
  -t 30 -map 0:v -map 1:a -c:v libopenh264 -b:v 2500k -maxrate 2500k -g 60 -pix_fmt yuv420p \
  -c:a aac -b:a 128k -ar 48000 -ac 2 -f flv "$OUT.tmp.flv"
mv "$OUT.tmp.flv" "$OUT"
echo "wrote $OUT"
