#!/usr/bin/env bash
# Runs every test of every module (unit, interop against the bundled ffmpeg 8, Camel Main, Camel JBang and Quarkus),
# then the app's native build up to the native-image sources (see README "Native build").
# Installs the system packages the tests need first (root, Debian: apt-get): libpulse0, chromium, janus-tools,
# openssl, srt-tools, mosquitto.
#   ./test.sh                  everything
#   ./test.sh -pl camel-media-component -Dtest='Rtmp*'   extra Maven arguments pass through
#   ./test.sh -DexcludedGroups=browser                     everything but the headless-Chromium tests
set -euo pipefail
cd "$(dirname "$0")"
# Debian packages the tests need:
# - libpulse0: the ffmpeg executable inside the JavaCV jar links libavdevice, which needs libpulse.so.0;
# - chromium: the browser tests (@Tag("browser"): the player page, the headless-Chromium harness);
# - janus-tools: janus-pp-rec converts the .mjr files our writer makes (MjrWriterTest);
# - openssl: s_server/s_client are the DTLS-SRTP peers of DtlsOpensslInteropTest;
# - srt-tools: srt-live-transmit, libsrt's own peer of SrtLiveTransmitTest;
# - mosquitto: the MQTT broker of MqttEventsTest, which runs /usr/sbin/mosquitto itself on a free loopback port
#   (the package's own service, started on 1883 where the system runs services, is not used).
missing=()
ldconfig -p 2>/dev/null | grep -q 'libpulse.so.0 ' || missing+=(libpulse0)
[[ -x /usr/bin/chromium ]] || missing+=(chromium)
[[ -x /usr/bin/janus-pp-rec ]] || missing+=(janus-tools)
command -v openssl >/dev/null || missing+=(openssl)
[[ -x /usr/bin/srt-live-transmit ]] || missing+=(srt-tools)
[[ -x /usr/sbin/mosquitto ]] || missing+=(mosquitto)
if (( ${#missing[@]} )); then
  if [[ $(id -u) == 0 ]]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  elif [[ " ${missing[*]} " == *" libpulse0 "* || -n "${CI:-}" ]]; then
    # in CI the browser tests must run, so a missing chromium is an error there too
    echo "test.sh: missing ${missing[*]}; install: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  else
    echo "test.sh: ${missing[*]} missing: browser / janus-pp-rec / srt-live-transmit / mosquitto tests will be skipped (sudo apt-get install -y" \
         "${missing[*]}; or skip browser tests explicitly: ./test.sh -DexcludedGroups=browser)" >&2
  fi
fi
./mvnw -B -ntp verify "$@"
# Native readiness (no GraalVM needed): Quarkus' native build steps up to the native-image sources and arguments
# (quarkus-app/target/native-sources), on a whole-project run only (not when modules or tests are picked).
for a in "$@"; do
  case $a in -pl|-pl*|--projects|--projects=*|-Dtest=*|-Dit.test=*) exit 0 ;; esac
done
./mvnw -B -ntp -pl quarkus-app -am -Pnative -Dquarkus.native.sources-only=true -DskipTests package "$@"
# FFmpeg's natives (file-media:) reach native-image with their JNI/reflection/resource configuration, which the
# JavaCPP platform jars carry themselves
for j in javacpp ffmpeg; do
  jar tf quarkus-app/target/native-sources/lib/org.bytedeco.$j-*-linux-x86_64.jar \
    | grep '^META-INF/native-image/linux-x86_64/.*/jni-config.json$' >/dev/null \
    || { echo "test.sh: native-sources lacks the $j linux-x86_64 jar's native-image configuration" >&2; exit 1; }
done
