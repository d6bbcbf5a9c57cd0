#!/usr/bin/env bash
# Builds (if needed) and starts the Camel Media app with the routes in ./routes.
#   ./run.sh                                  build when sources changed, then run
#   REBUILD=1 ./run.sh                        always rebuild
#   ROUTES_DIR=examples/kafka/origin ./run.sh  the routes of another folder instead (relative to this one)
set -euo pipefail
cd "$(dirname "$0")"
jar=quarkus-app/target/quarkus-app/quarkus-run.jar
if [[ "${REBUILD:-0}" == 1 || ! -f "$jar" || -n "$(find camel-media-component/src quarkus-app/src pom.xml */pom.xml -newer "$jar" -type f -print -quit 2>/dev/null)" ]]; then
  ./mvnw -B -q -pl quarkus-app -am package -DskipTests
fi
# 8 MB G1 regions: HLS segments (~0.5-1 MB) stay ordinary objects instead of "humongous" ones, which
# cost 2x the CPU and ran a 512 MB heap out of memory at 100 streams in the load runs.
exec java ${JAVA_OPTS:--XX:+UseG1GC -XX:G1HeapRegionSize=8m} -Droutes.dir="$(cd "${ROUTES_DIR:-routes}" && pwd)" -Dorg.bytedeco.javacpp.cachedir="$PWD/target/javacpp-cache" -jar "$jar" "$@"
