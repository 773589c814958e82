#!/usr/bin/env bash
# Packs a finished `fer pretrain` run into fer-zoo's resources: the model directory, the backbone's Keras weights,
# the PublicTest evaluation written by `fer evaluate`, a model card built from it, and files.sha256.
#   fer-zoo/package.sh RUN_DIR FER2013_DIR [NOTE]
# NOTE (optional) is one line put at the top of the card, e.g. that the run is still in progress.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
run="$(cd "$1" && pwd)"; data="$(cd "$2" && pwd)"; note="${3:-}"
name=fer2013-b0
dest="$here/src/main/resources/io/fer/zoo/$name"
eval_dir="$here/evaluation"
[[ -f "$run/model/fer-model.json" && -f "$run/backbone.h5" ]] || { echo "no model/ or backbone.h5 in $run" >&2; exit 1; }
rm -rf "$eval_dir" && mkdir -p "$eval_dir"
"$root/bin/fer" evaluate --model "$run/model" --dataset fer2013 --data "$data/val" --out "$eval_dir" --quiet \
  > "$here/evaluate-stdout.txt.tmp" && mv "$here/evaluate-stdout.txt.tmp" "$eval_dir/evaluate-stdout.txt"
# the per-image files are large and say nothing a card needs
rm -f "$eval_dir/predictions.csv" "$eval_dir/report.json" "$eval_dir/misclassified.png"
rm -rf "$dest" && mkdir -p "$dest"
cp -r "$run/model" "$dest/model"
cp "$run/backbone.h5" "$dest/backbone.h5"
{
  [[ -n "$note" ]] && printf '> %s\n\n' "$note"
  cat "$here/MODEL_CARD.template.md"
  printf '\n## PublicTest evaluation (written by `fer evaluate`)\n\n```\n'
  cat "$eval_dir/classification_report.txt"
  printf '```\n\nConfusion matrix (rows: true class, columns: predicted):\n\n```\n'
  cat "$eval_dir/confusion_matrix.csv"
  printf '```\n\n## Training summary (from the model directory)\n\n```json\n'
  python3 -c 'import json,sys; print(json.dumps(json.load(open(sys.argv[1]))["training"], indent=2))' \
    "$run/model/fer-model.json"
  printf '```\n'
} > "$dest/MODEL_CARD.md"
cp "$dest/MODEL_CARD.md" "$here/MODEL_CARD.md"
( cd "$dest" && find . -type f ! -name files.sha256 | sed 's#^\./##' | LC_ALL=C sort \
    | while read -r f; do printf '%s  %s\n' "$(sha256sum "$f" | cut -d' ' -f1)" "$f"; done > files.sha256 )
du -sh "$dest"
# fer-zoo's jar must stay under 40 MB: a model directory with the ONNX form (model.onnx, ~16 MB for B0) beside
# the SavedModel and backbone.h5 would not fit; see README ("Engines") for what the zoo ships
budget=$((40 * 1000 * 1000))
size=$(du -sb "$dest" | cut -f1)
if (( size > budget )); then
  echo "$dest holds $size bytes, over fer-zoo's 40 MB jar budget" >&2
  exit 1
fi
