#!/usr/bin/env bash
# Installs, or updates, the Jupyter kernel the notebooks use: kernel name "java" (as their metadata says), the
# rapaio Java kernel from Maven Central with the fix for its start-up race ahead of it, and this project's classes and
# dependencies on its classpath. Run it again after changing the pom; `mvn compile` and a kernel restart are enough
# after changing code. Needs a JDK 17+, Maven and python3 (which Jupyter brings); Windows: run it in WSL.
#
#   bash scripts/notebook-kernel.sh                    into Jupyter's data folder (`jupyter --data-dir`)/kernels
#   bash scripts/notebook-kernel.sh --kernels-dir DIR  into DIR/java
#   bash scripts/notebook-kernel.sh --ci               also: the CI caps of notebooks/ci.properties, -Xmx4g, one
#                                                      OpenMP thread (used by .ci/jupyter.sh)
set -euo pipefail

KERNEL_ARTIFACT=io.github.padreati:rapaio-jupyter-kernel:3.0.1
KERNEL_NAME=java

kernels_dir=""
ci=false
while [ $# -gt 0 ]; do
  case "$1" in
    --kernels-dir) kernels_dir=${2:?--kernels-dir needs a folder}; shift 2 ;;
    --ci) ci=true; shift ;;
    -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option '$1'; options: --kernels-dir DIR, --ci, --help" >&2; exit 2 ;;
  esac
done
if [ -n "$kernels_dir" ]; then
  mkdir -p "$kernels_dir"
  kernels_dir=$(cd "$kernels_dir" && pwd)
fi
cd "$(dirname "$0")/.."
ROOT=$PWD
WORK=$ROOT/target/notebook-kernel

# 1. A JDK: the kernel runs the cells in JShell, and the fix below is compiled with javac.
JAVA_BIN=${JAVA_HOME:+$JAVA_HOME/bin/java}
JAVA_BIN=${JAVA_BIN:-$(command -v java || true)}
[ -n "$JAVA_BIN" ] || { echo "no java found: install a JDK 17+ and put it on PATH or in JAVA_HOME" >&2; exit 1; }
JAVA_BIN=$(readlink -f "$JAVA_BIN")
JAVAC_BIN=$(dirname "$JAVA_BIN")/javac
[ -x "$JAVAC_BIN" ] || { echo "$JAVA_BIN is a JRE without javac: install a JDK 17+ (e.g. apt-get install openjdk-17-jdk-headless)" >&2; exit 1; }
PYTHON=$(command -v python3 || command -v python || true)
[ -n "$PYTHON" ] || { echo "python3 is missing; Jupyter needs it too (Debian/Ubuntu: apt-get install jupyter-notebook)" >&2; exit 1; }

# 2. The project compiled, its runtime classpath in rapaio's form (';' between entries), and the kernel jar.
rm -rf "$WORK" && mkdir -p "$WORK"
echo "compiling Neurite and resolving the kernel (mvn)..."
mvn -q -B -Dstyle.color=never compile dependency:build-classpath dependency:copy \
  -DincludeScope=runtime -Dmdep.pathSeparator=';' -Dmdep.outputFile="$WORK/classpath.txt" \
  -Dartifact="$KERNEL_ARTIFACT" -Dmdep.stripVersion=true -DoutputDirectory="$WORK" </dev/null
CLASSPATH_ENTRIES="$ROOT/target/classes;$(cat "$WORK/classpath.txt")"

# 3. The kernel's start-up race fixed (see the class's Javadoc), compiled to go ahead of the jar on its classpath.
"$JAVAC_BIN" --release 17 -d "$WORK/fix" "$ROOT/scripts/rapaio-fix/org/rapaio/jupyter/kernel/channels/LoopThread.java"

# 4. Where Jupyter looks for kernels.
if [ -z "$kernels_dir" ]; then
  if [ -n "${JUPYTER_DATA_DIR:-}" ]; then data_dir=$JUPYTER_DATA_DIR
  elif command -v jupyter >/dev/null && data_dir=$(jupyter --data-dir 2>/dev/null); then :
  elif [ "$(uname -s)" = Darwin ]; then data_dir=$HOME/Library/Jupyter
  else data_dir=${XDG_DATA_HOME:-$HOME/.local/share}/jupyter
  fi
  kernels_dir=$data_dir/kernels
fi
KERNEL_DIR=$kernels_dir/$KERNEL_NAME

# 5. kernel.json: the kernel runs the cells in its own JVM; the classpath goes into its environment (a key there
#    overrides the user's environment, so it must never be empty).
mkdir -p "$WORK/kernel"
mv "$WORK/fix" "$WORK/kernel/fix"
mv "$WORK/rapaio-jupyter-kernel.jar" "$WORK/kernel/rapaio-jupyter-kernel.jar"
"$PYTHON" - "$WORK/kernel/kernel.json" "$JAVA_BIN" "$CLASSPATH_ENTRIES" "$ci" "$ROOT/notebooks/ci.properties" <<'PY'
import json, sys
path, java, classpath, ci, caps_file = sys.argv[1:]
options, env, name = [], {"RJK_CLASSPATH": classpath, "RJK_TIMEOUT_MILLIS": "-1"}, "Java (Neurite)"
if ci == "true":
    options = ["-Xmx4g"]
    for line in open(caps_file):
        line = line.split("#", 1)[0].strip()
        if "=" in line:
            key, value = line.split("=", 1)
            options.append(f"-D{key.strip()}={value.strip()}")
    env["OMP_NUM_THREADS"] = "1"
    name = "Java (Neurite CI)"
spec = {
    "argv": [java, "-Djava.awt.headless=true", *options, "-cp",
             "{resource_dir}/fix:{resource_dir}/rapaio-jupyter-kernel.jar", "org.rapaio.jupyter.kernel.MainApp",
             "{connection_file}"],
    "display_name": name,
    "language": "java",
    "interrupt_mode": "message",
    "env": env,
}
with open(path, "w") as f:
    json.dump(spec, f, indent=1)
PY
mkdir -p "$kernels_dir"
rm -rf "$KERNEL_DIR.old"
[ -e "$KERNEL_DIR" ] && mv "$KERNEL_DIR" "$KERNEL_DIR.old"
mv "$WORK/kernel" "$KERNEL_DIR"
rm -rf "$KERNEL_DIR.old"
echo "kernel '$KERNEL_NAME' installed in $KERNEL_DIR ($(tr ';' '\n' <<<"$CLASSPATH_ENTRIES" | wc -l) classpath entries)"

# 6. How to open the notebooks.
if $ci; then exit 0; fi
if command -v jupyter >/dev/null && jupyter notebook --version >/dev/null 2>&1; then
  echo "open the notebooks with:  jupyter notebook $ROOT/notebooks"
else
  echo "Jupyter Notebook is not installed. Debian/Ubuntu: sudo apt-get install -y jupyter-notebook;"
  echo "  elsewhere: pip install notebook (or JupyterLab: pip install jupyterlab)."
  echo "then open the notebooks with:  jupyter notebook $ROOT/notebooks"
fi
echo "(the notebooks ask for the kernel '$KERNEL_NAME', shown as \"Java (Neurite)\"; rerun this script after changing pom.xml)"
