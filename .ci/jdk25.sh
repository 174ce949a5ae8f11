# Sourced by ./colisten, bench/run and .ci/run: sets JAVA25 to a JDK 25 java, or stops with one line.
# Order: $JAVA25_HOME, $JAVA_HOME if it is a 25, then /usr/lib/jvm/*25*.
find_jdk25() {
  local c
  for c in "${JAVA25_HOME:-}" "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*-25* /usr/lib/jvm/*25*; do
    [ -n "$c" ] && [ -x "$c/bin/java" ] || continue
    if "$c/bin/java" -version 2>&1 | head -1 | grep -q '"25'; then echo "$c"; return 0; fi
  done
  return 1
}
if ! JDK25_HOME="$(find_jdk25)"; then
  echo "colisten: no JDK 25 found (looked at \$JAVA25_HOME, \$JAVA_HOME, /usr/lib/jvm/*25*); install one or set JAVA25_HOME=/path/to/jdk-25" >&2
  exit 2
fi
JAVA25="$JDK25_HOME/bin/java"
export JDK25_HOME JAVA25
