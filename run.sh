#!/usr/bin/env bash
# Builds (if needed) and starts the Camel Media app with the routes in ./routes.
#   ./run.sh            build when sources changed, then run
#   REBUILD=1 ./run.sh  always rebuild
set -euo pipefail
cd "$(dirname "$0")"
jar=quarkus-app/target/quarkus-app/quarkus-run.jar
if [[ "${REBUILD:-0}" == 1 || ! -f "$jar" || -n "$(find camel-media-component/src quarkus-app/src pom.xml */pom.xml -newer "$jar" -type f -print -quit 2>/dev/null)" ]]; then
  ./mvnw -B -q -pl quarkus-app -am package -DskipTests
fi
exec java ${JAVA_OPTS:-} -Droutes.dir="$PWD/routes" -Dorg.bytedeco.javacpp.cachedir="$PWD/target/javacpp-cache" -jar "$jar" "$@"
