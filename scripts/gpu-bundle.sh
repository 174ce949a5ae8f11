#!/usr/bin/env bash
# Builds the GPU bundle into target/gpu-bundle: a jlink'd JDK 25 with only the modules our jars use
# (found with jdeps), the launcher jar (train/target/colisten.jar, whose JCuda natives are only the
# driver-API library: train/pom.xml's shade filter), the test jars and JUnit for the GPU tests,
# GpuTests (the runner) and the bench classes (GpuTrainStep, for bench/gpu/train-step.sh). The device machine has no Java and carries at most 64 MiB: this script
# fails if the bundle is larger. Run here, then ship it with the device tool's carry:
#   scripts/gpu-bundle.sh && <device run: carry ["target/gpu-bundle"], command "scripts/gpu-run.sh --tests">
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jdk="${COLISTEN_JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}"
out="$root/target/gpu-bundle"
m2="${M2_REPO:-$HOME/.m2/repository}"
limit=$((64 * 1024 * 1024))

echo "gpu-bundle: building the jars (mvn package -DskipTests, offline)" >&2
(cd "$root" && mvn -B -q -o package -DskipTests -pl train,bench -am) >&2

rm -rf "$out"
mkdir -p "$out/lib"
cp "$root/train/target/colisten.jar" "$out/lib/"
for m in kernels engine nn; do
  "$jdk/bin/jar" --create --file "$out/lib/$m-tests.jar" -C "$root/$m/target/test-classes" .
done
# The GPU benchmark's main (io.colisten.bench.GpuTrainStep) and its helpers; JMH itself stays home.
"$jdk/bin/jar" --create --file "$out/lib/bench-classes.jar" -C "$root/bench/target/classes" io/colisten/bench
junit=(
  org/junit/jupiter/junit-jupiter-api/5.14.1/junit-jupiter-api-5.14.1.jar
  org/junit/jupiter/junit-jupiter-engine/5.14.1/junit-jupiter-engine-5.14.1.jar
  org/junit/jupiter/junit-jupiter-params/5.14.1/junit-jupiter-params-5.14.1.jar
  org/junit/platform/junit-platform-commons/1.14.1/junit-platform-commons-1.14.1.jar
  org/junit/platform/junit-platform-engine/1.14.1/junit-platform-engine-1.14.1.jar
  org/junit/platform/junit-platform-launcher/1.14.1/junit-platform-launcher-1.14.1.jar
  org/opentest4j/opentest4j/1.3.0/opentest4j-1.3.0.jar
  org/apiguardian/apiguardian-api/1.1.2/apiguardian-api-1.1.2.jar
)
for j in "${junit[@]}"; do
  [ -f "$m2/$j" ] || { echo "gpu-bundle: $m2/$j missing (run the tests once with Maven online)" >&2; exit 1; }
  cp "$m2/$j" "$out/lib/"
done
cp_all="$(ls "$out"/lib/*.jar | tr '\n' ':')"
mkdir -p "$out/runner"
"$jdk/bin/javac" -d "$out/runner" -cp "$cp_all" "$root/scripts/gpu/GpuTests.java"

# Modules: what jdeps finds in our jars and JUnit, less java.desktop (only the evaluation report's
# charts and Jackson's optional java.beans support use it: 10 MiB of AWT, fonts and Swing that a
# GPU step never loads) and jdk.jfr (only JMH profiling helpers in the bench classes), plus jdk.zipfs (JUnit scans jars) and jdk.unsupported (cheap insurance).
# COLISTEN_GPU_MODULES=... replaces the list.
mods="$("$jdk/bin/jdeps" --multi-release 25 --ignore-missing-deps --print-module-deps \
  --class-path "$cp_all" "$out"/lib/*.jar "$out/runner" 2>/dev/null | tail -1)"
mods="$(echo "$mods,jdk.zipfs,jdk.unsupported" | tr ',' '\n' | grep -vxE 'java.desktop|jdk.jfr' | sort -u | paste -sd, -)"
mods="${COLISTEN_GPU_MODULES:-$mods}"
echo "gpu-bundle: jlink modules $mods" >&2
# Native debug symbols stripped too (libjvm.so: 30 -> about 20 MiB).
"$jdk/bin/jlink" --add-modules "$mods" --strip-java-debug-attributes --strip-native-debug-symbols objcopy=/usr/bin/objcopy \
  --no-header-files --no-man-pages --compress zip-9 --output "$out/jdk"
echo "$mods" > "$out/MODULES"

bytes="$(du -sb "$out" | cut -f1)"
printf 'gpu-bundle: %s (%.1f MiB: jdk %.1f, jars %.1f)\n' "$out" "$(echo "$bytes / 1048576" | bc -l)" \
  "$(echo "$(du -sb "$out/jdk" | cut -f1) / 1048576" | bc -l)" "$(echo "$(du -sb "$out/lib" | cut -f1) / 1048576" | bc -l)"
if [ "$bytes" -gt "$limit" ]; then
  echo "gpu-bundle: $bytes bytes is over the device tool's 64 MiB carry limit" >&2
  exit 1
fi
