#!/usr/bin/env bash
# Build the seeds, the labelled devset and a 1,000-report synthetic corpus with the code in CODE (a folder
# holding build_scripts/, mkdocs.yml and docs/) into OUT: OUT/<corpus>/docs (generator output) and
# OUT/<corpus>/site (MkDocs site, Pagefind index). Two OUT folders built from two versions of the code must be
# identical (`diff -r OUT1 OUT2`): this is how a refactor shows it changes no byte of the output.
#
#   bash tools/reference_outputs.sh CODE OUT [CORPUS_CACHE]
#   diff -r -x pagefind OUT_BEFORE OUT_AFTER   # Pagefind's index names and order differ between any two runs
#
# CODE is a snapshot of the code, e.g. `mkdir REF && git archive COMMIT build_scripts mkdocs.yml docs | tar -x -C REF`
# for an earlier commit, or `.` for the working tree.
# The synthetic corpus is generated once into CORPUS_CACHE (default OUT/../corpus-1000) and reused, so both
# builds read the same files even if the generator of the corpus changes.
set -euo pipefail
code=$(realpath "$1"); out=$(realpath -m "$2"); corpus=$(realpath -m "${3:-$out/../corpus-1000}")
root=$(cd "$(dirname "$0")/.." && pwd)
py="$root/.venv/bin/python"
export PYTHONPATH="$code" PYTHONDONTWRITEBYTECODE=1 NO_MKDOCS_2_WARNING=1 DISABLE_MKDOCS_2_WARNING=true
if [ ! -d "$corpus" ]; then
  if [ -f "$root/tools/synthetic.py" ]; then (cd "$root" && PYTHONPATH="$root" "$py" -m tools.synthetic 1000 "$corpus")
  else (cd "$root" && PYTHONPATH="$root" "$py" -m build_scripts.synthetic 1000 "$corpus"); fi
fi
rm -rf "$out" "$out.logs"; mkdir -p "$out" "$out.logs"
for pair in "seeds:$root/source_reports" "devset:$root/tests/devset/reports" "synthetic-1000:$corpus"; do
  name=${pair%%:*}; src=${pair#*:}; project="$out/$name"
  mkdir -p "$project"
  # a fresh project: mkdocs.yml (hooks pointed at CODE) and the hand-written pages of CODE
  "$py" -c "import sys; from pathlib import Path; from build_scripts.site import copy_config; copy_config(Path(sys.argv[1]), Path(sys.argv[2]))" "$code" "$project"
  (cd "$root" && git ls-files docs) | while read -r f; do mkdir -p "$project/$(dirname "$f")"; cp "$code/$f" "$project/$f"; done
  (cd "$project" && "$py" -m build_scripts build --source "$src" --docs "$project/docs" --cache "$out/.cache-$name" >"$out.logs/$name.build.log" 2>&1) || true
  (cd "$project" && "$py" -m build_scripts site --project "$project" --site-dir "$project/site" >"$out.logs/$name.site.log" 2>&1) || true
  rm "$project/mkdocs.yml"  # it names CODE's absolute path
done
rm -rf "$out"/.cache-*
echo "built into $out (logs in $out.logs)"
