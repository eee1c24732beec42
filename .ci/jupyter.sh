#!/usr/bin/env bash
# Executes notebooks through real Jupyter (nbconvert) with the rapaio Java kernel, on the project classpath,
# with the CI caps of notebooks/ci.properties. Executed copies go to target/notebooks/; exits 1 if any cell fails.
#
#   bash .ci/jupyter.sh                      every notebooks/**/*.ipynb
#   bash .ci/jupyter.sh path/to/a.ipynb ...  just these
#
# Idempotent: installs Jupyter from Debian and fetches the kernel jar only when missing. Everything Jupyter
# writes (kernel.json, runtime files, config) stays under target/jupyter, never in the user's home.
set -euo pipefail

KERNEL_ARTIFACT=io.github.padreati:rapaio-jupyter-kernel:3.0.1
ATTEMPTS=3             # a kernel that never answers is started again (rapaio 3.0.1's start-up race, step 4)
STARTUP_TIMEOUT=60     # seconds for the kernel to answer; it normally does in 1-2 s
CELL_TIMEOUT=600       # seconds per cell (capped notebooks need far less)

NOTEBOOKS=()
for notebook in "$@"; do NOTEBOOKS+=("$(realpath "$notebook")"); done
cd "$(dirname "$0")/.."
ROOT=$PWD
WORK=$ROOT/target/jupyter
OUT=$ROOT/target/notebooks
KERNEL_DIR=$WORK/share/kernels/java
export JUPYTER_PATH=$WORK/share
export JUPYTER_CONFIG_DIR=$WORK/config
export JUPYTER_DATA_DIR=$WORK/data
export JUPYTER_RUNTIME_DIR=$WORK/runtime
mkdir -p "$KERNEL_DIR" "$WORK/logs" "$OUT"

# 1. Jupyter from Debian (PyPI is out of reach); it runs under /usr/bin/python3, not a pyenv python.
if ! /usr/bin/python3 -c 'import nbclient, nbconvert, jupyter_client' 2>/dev/null || [ ! -x /usr/bin/jupyter ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "Jupyter is missing; as root run: apt-get update && apt-get install -y --no-install-recommends" \
         "jupyter-nbconvert jupyter-client python3-nbclient" >&2
    exit 1
  fi
  echo "installing Jupyter from Debian"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    jupyter-nbconvert jupyter-client python3-nbclient >/dev/null
fi

# 2. The kernel jar, from Maven Central.
if [ ! -s "$KERNEL_DIR/rapaio-jupyter-kernel.jar" ]; then
  echo "fetching $KERNEL_ARTIFACT"
  mvn -q -B -Dstyle.color=never dependency:copy -Dartifact="$KERNEL_ARTIFACT" -Dmdep.stripVersion=true -DoutputDirectory="$WORK/download"
  mv "$WORK/download/rapaio-jupyter-kernel.jar" "$KERNEL_DIR/rapaio-jupyter-kernel.jar"
fi

# 3. The project classpath (compiled classes + runtime dependencies) in rapaio's form: entries separated by ';'.
mvn -q -B -Dstyle.color=never compile dependency:build-classpath -DincludeScope=runtime -Dmdep.outputFile="$WORK/classpath.txt"
CLASSPATH_ENTRIES="$ROOT/target/classes:$(cat "$WORK/classpath.txt")"
export NEURITE_RJK_CLASSPATH=${CLASSPATH_ENTRIES//:/;}

# 4. The kernel's start-up race fixed (see the class's Javadoc), ahead of the jar on its classpath.
JAVA_BIN=${JAVA_HOME:+$JAVA_HOME/bin/java}
JAVA_BIN=$(readlink -f "${JAVA_BIN:-$(command -v java)}")
rm -rf "$WORK/fix.tmp"
"$(dirname "$JAVA_BIN")/javac" --release 17 -d "$WORK/fix.tmp" \
  "$ROOT/.ci/rapaio-fix/org/rapaio/jupyter/kernel/channels/LoopThread.java"
rm -rf "$KERNEL_DIR/fix"
mv "$WORK/fix.tmp" "$KERNEL_DIR/fix"

# 5. kernel.json: the kernel runs the cells in its own JVM, so the caps go on its command line as -Dkey=value.
/usr/bin/python3 - "$KERNEL_DIR/kernel.json" "$JAVA_BIN" "$ROOT/notebooks/ci.properties" <<'PY'
import json, os, sys
path, java, caps_file = sys.argv[1:]
caps = []
for line in open(caps_file):
    line = line.split("#", 1)[0].strip()
    if "=" in line:
        key, value = line.split("=", 1)
        caps.append(f"-D{key.strip()}={value.strip()}")
spec = {
    "argv": [java, "-Xmx4g", "-Djava.awt.headless=true", *caps,
             "-cp", "{resource_dir}/fix:{resource_dir}/rapaio-jupyter-kernel.jar", "org.rapaio.jupyter.kernel.MainApp", "{connection_file}"],
    "display_name": "Java (Neurite CI)",
    "language": "java",
    "interrupt_mode": "message",
    "env": {"RJK_CLASSPATH": os.environ["NEURITE_RJK_CLASSPATH"], "RJK_TIMEOUT_MILLIS": "-1", "OMP_NUM_THREADS": "1"},
}
with open(path + ".tmp", "w") as f:
    json.dump(spec, f, indent=1)
os.replace(path + ".tmp", path)
print("kernel:", path, "with", " ".join(caps) or "no caps")
PY

# 6. Execute each notebook; a kernel that never answers is retried, a failing cell is not.
if [ ${#NOTEBOOKS[@]} -eq 0 ]; then
  mapfile -t NOTEBOOKS < <(find notebooks -name '*.ipynb' -not -path '*/.ipynb_checkpoints/*' | sort)
fi
[ ${#NOTEBOOKS[@]} -gt 0 ] || { echo "no notebooks found under notebooks/" >&2; exit 1; }

failed=()
for notebook in "${NOTEBOOKS[@]}"; do
  name=$(basename "$notebook" .ipynb)
  shown=$(realpath --relative-to="$ROOT" "$notebook")
  rel=$(dirname "$shown")
  rel=${rel#notebooks}; rel=${rel#/}
  log=$WORK/logs/$name.log
  staging=$WORK/staging/$name
  ok=false
  for attempt in $(seq 1 $ATTEMPTS); do
    rm -rf "$staging"
    start=$SECONDS
    if timeout $((CELL_TIMEOUT * 3)) /usr/bin/jupyter nbconvert --to notebook --execute \
         --ExecutePreprocessor.kernel_name=java \
         --ExecutePreprocessor.timeout=$CELL_TIMEOUT --ExecutePreprocessor.startup_timeout=$STARTUP_TIMEOUT \
         --output-dir "$staging" --output "$name" "$notebook" >"$log" 2>&1; then
      mkdir -p "$OUT/$rel"
      mv "$staging/$name.ipynb" "$OUT/$rel/$name.ipynb"
      echo "ok    $shown ($((SECONDS - start)) s) -> $(realpath --relative-to="$ROOT" "$OUT/$rel/$name.ipynb")"
      ok=true
      break
    elif grep -q "Kernel didn't respond" "$log"; then
      echo "retry $shown: the kernel did not start (attempt $attempt of $ATTEMPTS)"
    else
      break
    fi
  done
  if ! $ok; then
    echo "FAIL  $shown (log: $log)"
    if grep -q "An error occurred while executing" "$log"; then  # nbclient's report of the failing cell
      sed -n '/An error occurred while executing/,$p' "$log"
    else
      tail -n 40 "$log"
    fi | sed 's/\x1b\[[0-9;]*m//g; s/^/      /'
    failed+=("$shown")
  fi
done
rm -rf "$WORK/staging"

if [ ${#failed[@]} -gt 0 ]; then
  echo "${#failed[@]} of ${#NOTEBOOKS[@]} notebooks failed: ${failed[*]}" >&2
  exit 1
fi
echo "all ${#NOTEBOOKS[@]} notebooks executed"
