#!/usr/bin/env bash
# Janus .mjr conversion: Camel Media in-process / through one route, next to janus-pp-rec.
#   bench/mjr/run.sh [corpus-dir] [batch-size]
# Needs janus-pp-rec (Debian janus-tools; ./test.sh installs it) and the shared corpus.
set -euo pipefail
cd "$(dirname "$0")/../.."
corpus=${1:-/work/shared/corpus/mjr}
batch=${2:-100}
jar=benchmarks/target/benchmarks.jar
if [[ ! -f "$jar" ]]; then
  ./mvnw -o -q -B -pl camel-media-component,benchmarks package -DskipTests
fi
exec java -Xmx2g -cp "$jar" io.camelmedia.bench.MjrConversionHarness \
  "$corpus/f-h264-opus-long/f-h264-opus-long-video.mjr" \
  "$corpus/a-h264-opus/a-h264-opus-video.mjr" "$batch" /usr/bin/janus-pp-rec
