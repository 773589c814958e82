#!/usr/bin/env bash
# Runs fer's sample app on Linux arm64 under user-mode emulation (qemu-aarch64) on a Debian x86-64 host:
# Debian's arm64 OpenJDK 17 unpacked into a folder, fer-core with the linux-arm64 natives resolved by Maven.
#   tools/run-on-linux-arm64.sh MODEL_DIR IMAGE...      (after `mvn -B -DskipTests package`; needs root for apt)
# Slow (tens of seconds per start) but the natives are the real arm64 ones: TensorFlow, ONNX Runtime, OpenCV.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${FER_ARM64_DIR:-$root/target/linux-arm64}"
sysroot="$work/root"
mkdir -p "$work/debs"
if [[ ! -x "$sysroot/usr/lib/jvm/java-17-openjdk-arm64/bin/java" ]]; then
  command -v qemu-aarch64-static >/dev/null || apt-get install -y -q qemu-user-static
  dpkg --print-foreign-architectures | grep -qx arm64 || { dpkg --add-architecture arm64; apt-get update -q; }
  # the JVM and, for OpenCV's highgui (loaded with objdetect), GTK 2
  pkgs=$(apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts --no-breaks --no-replaces \
      --no-enhances openjdk-17-jre-headless:arm64 libgtk2.0-0:arm64 zlib1g:arm64 | grep '^[a-z].*:arm64$' | sort -u)
  (cd "$work/debs" && apt-get download $pkgs)
  for d in "$work"/debs/*.deb; do dpkg -x "$d" "$sysroot"; done
fi
(cd "$root" && mvn -B -q compile dependency:build-classpath -pl fer-sample-app -am -Djavacpp.platform=linux-arm64 \
    -Dmdep.outputFile="$work/classpath.txt" -Dmdep.includeScope=runtime)
export FER_HOME="$work/fer-home"
exec qemu-aarch64-static -L "$sysroot" "$sysroot/usr/lib/jvm/java-17-openjdk-arm64/bin/java" -Djava.awt.headless=true \
  -cp "$root/fer-sample-app/target/classes:$(cat "$work/classpath.txt")" io.fer.sample.RecognizeExpressions "$@"
