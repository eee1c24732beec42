#!/usr/bin/env bash
# Regenerates the embedded minis under dsl/src/main/resources/io/neurite/data/mini/ from the full datasets:
# fetches them all into a data home (checksums verified, see io.neurite.data.Catalog), then cuts the subsets.
# Usage: scripts/make-minis.sh [DATA_HOME]   (default: a fresh temporary folder)
set -euo pipefail
cd "$(dirname "$0")/.."
home="${1:-$(mktemp -d)}"
mvn -q -B compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
java -Dneurite.data="$home" -cp "target/classes:$(cat target/classpath.txt)" io.neurite.data.DataCommand fetch all
out=dsl/src/main/resources/io/neurite/data/mini
rm -rf "$out.new"
python3 scripts/make_minis.py "$home" "$out.new"
cp "$out/NOTICE.md" "$out.new/NOTICE.md"   # hand-written: source and licence of every file
rm -rf "$out" && mv "$out.new" "$out"
du -sh "$out"
