#!/usr/bin/env bash
# Runs the analysts' notebooks headless, as CI does (bin/kefu test calls it after mvn verify):
#   1. checks that the committed notebooks carry no outputs (git holds code and prose only);
#   2. makes the demo warehouse work/demo/kefu.duckdb if it is missing (bin/kefu demo --no-serve);
#   3. executes every notebook with Debian's Jupyter (nbconvert --execute) into work/notebooks/executed/,
#      failing on the first cell that raises; the plots are also saved there as PNG files.
#
# Usage: notebooks/run.sh [NOTEBOOK.ipynb ...]     execute (default: every notebook here)
#        notebooks/run.sh --strip                   remove outputs from the notebooks in place
#        notebooks/run.sh --check                   only check that outputs are stripped
# Needs /usr/bin/python3 with nbconvert, ipykernel, pandas, matplotlib and JPype (or the duckdb module):
# .ci/prepare installs them from Debian. Without them it fails when CI=true and skips otherwise.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
PY="${KEFU_NB_PYTHON:-/usr/bin/python3}"   # Debian's Python, whatever python3 is first on PATH
OUT="$ROOT/work/notebooks/executed"

nb_tool() { # check | strip, over the given notebooks
  "$PY" - "$@" <<'PYTHON'
import sys, json
mode, files = sys.argv[1], sys.argv[2:]
dirty = []
for f in files:
    with open(f, encoding="utf-8") as fh:
        nb = json.load(fh)
    changed = False
    for c in nb.get("cells", []):
        if c.get("cell_type") == "code":
            if c.get("outputs") or c.get("execution_count") is not None:
                changed = True
                c["outputs"], c["execution_count"] = [], None
        for k in ("collapsed", "scrolled", "execution"):
            if k in c.get("metadata", {}):
                changed = True
                del c["metadata"][k]
    for k in list(nb.get("metadata", {})):
        if k not in ("kernelspec", "language_info"):
            changed = True
            del nb["metadata"][k]
    if changed:
        dirty.append(f)
        if mode == "strip":
            with open(f, "w", encoding="utf-8") as fh:
                json.dump(nb, fh, ensure_ascii=False, indent=1)
                fh.write("\n")
if mode == "check" and dirty:
    print("notebooks: outputs or execution metadata committed in: " + ", ".join(dirty), file=sys.stderr)
    print("notebooks: run notebooks/run.sh --strip before committing", file=sys.stderr)
    sys.exit(1)
if mode == "strip":
    print(f"notebooks: stripped {len(dirty)} of {len(files)} notebooks")
PYTHON
}

mapfile -t ALL < <(find "$HERE" -maxdepth 1 -name '*.ipynb' | sort)
case "${1:-}" in
  -h | --help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  --strip) nb_tool strip "${ALL[@]}"; exit 0 ;;
  --check) nb_tool check "${ALL[@]}"; echo "notebooks: outputs stripped in ${#ALL[@]} notebooks"; exit 0 ;;
esac
NOTEBOOKS=()
for nb in "$@"; do NOTEBOOKS+=("$(realpath "$nb")"); done
[[ ${#NOTEBOOKS[@]} -eq 0 ]] && NOTEBOOKS=("${ALL[@]}")

# What the notebooks need, from Debian (or pip on a laptop).
missing=""
[[ -x "$PY" ]] || missing="$PY"
if [[ -z "$missing" ]]; then
  missing="$("$PY" - <<'PYTHON'
import importlib.util as u
need = ["nbconvert", "nbclient", "ipykernel", "pandas", "matplotlib"]
gone = [m for m in need if u.find_spec(m) is None]
if u.find_spec("duckdb") is None and u.find_spec("jpype") is None:
    gone.append("jpype (or duckdb)")
print(" ".join(gone))
PYTHON
)"
fi
if [[ -n "$missing" ]]; then
  if [[ "${CI:-}" == "true" ]]; then
    echo "notebooks: FAILED: $PY lacks $missing although .ci/prepare should have installed it" >&2
    echo "notebooks: (Debian: apt-get install python3-nbconvert python3-ipykernel python3-pandas python3-matplotlib python3-jpype)" >&2
    exit 1
  fi
  echo "notebooks: skipped: $PY lacks $missing (run .ci/prepare, or see notebooks/README.md)"
  exit 0
fi

nb_tool check "${ALL[@]}"

if [[ -z "${KEFU_WAREHOUSE:-}" && ! -f "$ROOT/work/demo/kefu.duckdb" ]]; then
  echo "notebooks: no warehouse yet; making the demo one (bin/kefu demo --no-serve, about 2 minutes)"
  "$ROOT/bin/kefu" demo --no-serve
fi

# A private kernel spec, so the kernel is Debian's Python whatever a user's Jupyter set-up says.
KDIR="$(mktemp -d)"
trap 'rm -rf "$KDIR"' EXIT
mkdir -p "$KDIR/kernels/python3"
cat > "$KDIR/kernels/python3/kernel.json" <<JSON
{"argv": ["$PY", "-Xfrozen_modules=off", "-m", "ipykernel_launcher", "-f", "{connection_file}"],
 "display_name": "Python 3 (ipykernel)", "language": "python"}
JSON
export JUPYTER_PATH="$KDIR${JUPYTER_PATH:+:$JUPYTER_PATH}"
export PYDEVD_DISABLE_FILE_VALIDATION=1

mkdir -p "$OUT"
passed=0 failed=0 start=$SECONDS
for nb in "${NOTEBOOKS[@]}"; do
  name="$(basename "$nb" .ipynb)"
  t0=$SECONDS
  rm -f "$OUT/$name"-[0-9][0-9].png   # no plot of an earlier run survives to be mistaken for this one's
  if (cd "$HERE" && "$PY" -m nbconvert --to notebook --execute --log-level=WARN \
        --ExecutePreprocessor.timeout=900 --ExecutePreprocessor.kernel_name=python3 \
        --output-dir "$OUT" --output "$name" "$nb" 2> "$OUT/$name.log"); then
    passed=$((passed + 1))
    "$PY" - "$OUT/$name.ipynb" <<'PYTHON'
import base64, json, pathlib, sys
p = pathlib.Path(sys.argv[1]); k = 0
for i, c in enumerate(json.loads(p.read_text(encoding="utf-8"))["cells"]):
    for o in c.get("outputs", []):
        png = o.get("data", {}).get("image/png")
        if png:
            k += 1
            (p.parent / f"{p.stem}-{k:02d}.png").write_bytes(base64.b64decode(png))
PYTHON
    echo "notebooks: $name ok ($((SECONDS - t0)) s) -> $OUT/$name.ipynb"
  else
    failed=$((failed + 1))
    echo "notebooks: $name FAILED ($((SECONDS - t0)) s); the error:" >&2
    grep -v -i -E 'frozen modules|debugger|PYDEVD' "$OUT/$name.log" | tail -40 >&2
  fi
done
echo "notebooks: executed in $((SECONDS - start)) s"
echo "notebooks: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
