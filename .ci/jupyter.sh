#!/usr/bin/env bash
# Executes notebooks through real Jupyter (nbconvert) with the rapaio Java kernel, on the project classpath,
# with the CI caps of notebooks/ci.properties. Executed copies go to target/notebooks/; exits 1 if any cell fails.
#
#   bash .ci/jupyter.sh                      every notebooks/**/*.ipynb
#   bash .ci/jupyter.sh path/to/a.ipynb ...  just these
#
# Installs Jupyter from Debian when missing, and the kernel with scripts/notebook-kernel.sh (the users' command).
# Everything Jupyter writes (kernel.json, runtime files, config) stays under target/jupyter, never in the user's home.
set -euo pipefail

ATTEMPTS=3             # a kernel that never answers is started again (a last guard; the installer fixes the race)
STARTUP_TIMEOUT=60     # seconds for the kernel to answer; it normally does in 1-2 s
CELL_TIMEOUT=600       # seconds per cell (capped notebooks need far less)

NOTEBOOKS=()
for notebook in "$@"; do NOTEBOOKS+=("$(realpath "$notebook")"); done
cd "$(dirname "$0")/.."
ROOT=$PWD
WORK=$ROOT/target/jupyter
OUT=$ROOT/target/notebooks
export JUPYTER_PATH=$WORK/share
export JUPYTER_CONFIG_DIR=$WORK/config
export JUPYTER_DATA_DIR=$WORK/data
export JUPYTER_RUNTIME_DIR=$WORK/runtime
mkdir -p "$WORK/logs" "$OUT"

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

# 2. The kernel, exactly as users install it (scripts/notebook-kernel.sh), with the CI caps of notebooks/ci.properties.
bash "$ROOT/scripts/notebook-kernel.sh" --kernels-dir "$JUPYTER_PATH/kernels" --ci

# 3. Execute each notebook; a kernel that never answers is retried, a failing cell is not.
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
