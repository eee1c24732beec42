#!/usr/bin/env bash
# Resolves the build's dependencies for each platform Neurite supports, as a machine of that platform would (the
# platform forced with -Djavacpp.platform instead of detected), and checks that every native jar resolved is that
# platform's and no other's. Downloads each platform's native jars into ~/.m2 (several hundred MB each).
#
#   scripts/check-platforms.sh                      linux-x86_64 linux-arm64 macosx-x86_64 macosx-arm64 windows-x86_64
#   scripts/check-platforms.sh macosx-arm64 ...     just these
set -euo pipefail
cd "$(dirname "$0")/.."
platforms=("$@")
[ ${#platforms[@]} -gt 0 ] || platforms=(linux-x86_64 linux-arm64 macosx-x86_64 macosx-arm64 windows-x86_64)
mkdir -p target
failed=0
for platform in "${platforms[@]}"; do
  list=target/dependencies-$platform.txt
  # .mvn/maven.config asks for the host's natives (-Djavacpp.platform.host); empty, it gives way to javacpp.platform.
  profiles='!natives-linux-x86_64'
  [ "$platform" = linux-x86_64 ] && profiles=natives-linux-x86_64
  if ! mvn -B -ntp -q -Djavacpp.platform.host= -Djavacpp.platform="$platform" -P"$profiles" \
       dependency:resolve -DincludeScope=runtime -DoutputFile="$list" >"$list.log" 2>&1; then
    echo "FAIL  $platform: dependency resolution failed (log: $list.log)"; tail -n 20 "$list.log"; failed=1; continue
  fi
  # Native jars carry a platform classifier: group:artifact:jar:CLASSIFIER:version:scope
  natives=$(grep -oE '[a-z0-9.-]+:[a-z0-9.-]+:jar:(android|linux|macosx|windows|ios)-[a-z0-9_-]+:' "$list" | sort -u)
  foreign=$(echo "$natives" | grep -v ":jar:$platform[:-]" || true)
  nd4j=$(echo "$natives" | grep -c '^org.nd4j:nd4j-native:jar:' || true)
  if [ -n "$foreign" ] || [ "$nd4j" -lt 1 ]; then
    echo "FAIL  $platform: libnd4j binaries: $nd4j; other platforms' natives:"; echo "$foreign" | sed 's/^/      /'; failed=1
  else
    echo "ok    $platform: $(echo "$natives" | wc -l) native jars, all $platform: $(echo "$natives" | sed 's/:jar:.*//; s/^[^:]*://' | tr '\n' ' ')"
    echo "      libnd4j: $(echo "$natives" | grep '^org.nd4j:nd4j-native:jar:' | cut -d: -f4 | tr '\n' ' ')"
  fi
done
exit $failed
