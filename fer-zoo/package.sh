#!/usr/bin/env bash
# Packs a finished `fer pretrain` run into fer-zoo's resources: the model directory in its ONNX form only
# (model.onnx, no saved_model/: `fer export --forms ONNX`), the backbone's Keras weights, the PublicTest evaluation
# of that very directory written by `fer evaluate`, a model card built from it, and files.sha256.
#   fer-zoo/package.sh RUN_DIR FER2013_DIR [NOTE]
# NOTE (optional) is one line put at the top of the card, e.g. that the run is still in progress.
# Everything is built in fer-zoo/target/package first; the resources, evaluation/ and MODEL_CARD.md are replaced
# only once it all succeeded and fits the budget, so a failed run leaves the shipped model as it was.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
run="$(cd "$1" && pwd)"; data="$(cd "$2" && pwd)"; note="${3:-}"
name=fer2013-b0
dest="$here/src/main/resources/io/fer/zoo/$name"
eval_dir="$here/evaluation"
[[ -f "$run/model/fer-model.json" && -f "$run/backbone.h5" ]] || { echo "no model/ or backbone.h5 in $run" >&2; exit 1; }
stage="$here/target/package"
rm -rf "$stage" && mkdir -p "$stage/evaluation"
pkg="$stage/$name"
# the ONNX form alone: ONNX Runtime serves it (no TensorFlow natives needed), and it leaves room for backbone.h5
"$root/bin/fer" export --model "$run/model" --out "$pkg/model" --forms ONNX --mirror-averaging true
"$root/bin/fer" evaluate --model "$pkg/model" --dataset fer2013 --data "$data/val" --out "$stage/evaluation" --quiet \
  > "$stage/evaluate-stdout.txt"
mv "$stage/evaluate-stdout.txt" "$stage/evaluation/evaluate-stdout.txt"
# the per-image files are large and say nothing a card needs
rm -f "$stage/evaluation/predictions.csv" "$stage/evaluation/report.json" "$stage/evaluation/misclassified.png"
cp "$run/backbone.h5" "$pkg/backbone.h5"
{
  [[ -n "$note" ]] && printf '> %s\n\n' "$note"
  cat "$here/MODEL_CARD.template.md"
  printf '\n## PublicTest evaluation (written by `fer evaluate`)\n\n```\n'
  cat "$stage/evaluation/classification_report.txt"
  printf '```\n\nConfusion matrix (rows: true class, columns: predicted):\n\n```\n'
  cat "$stage/evaluation/confusion_matrix.csv"
  printf '```\n\n## Training summary (from the model directory)\n\n```json\n'
  python3 -c 'import json,sys; print(json.dumps(json.load(open(sys.argv[1]))["training"], indent=2))' \
    "$pkg/model/fer-model.json"
  printf '```\n'
} > "$pkg/MODEL_CARD.md"
( cd "$pkg" && find . -type f ! -name files.sha256 | sed 's#^\./##' | LC_ALL=C sort \
    | while read -r f; do printf '%s  %s\n' "$(sha256sum "$f" | cut -d' ' -f1)" "$f"; done > files.sha256 )
du -sh "$pkg"
# fer-zoo's jar must stay under 40 MB of committed binaries (model.onnx ~16 MB + backbone.h5 ~16 MB for B0; the
# SavedModel as well would not fit)
budget=$((40 * 1000 * 1000))
size=$(du -sb "$pkg" | cut -f1)
if (( size > budget )); then
  echo "$pkg holds $size bytes, over fer-zoo's 40 MB jar budget; the shipped model is unchanged" >&2
  exit 1
fi
rm -rf "$dest" "$eval_dir"
mkdir -p "$(dirname "$dest")"
mv "$pkg" "$dest"
mv "$stage/evaluation" "$eval_dir"
# the report names the folders it was written in; name where they now are (the same files, moved)
sed -i -e "s#$pkg#$dest#g" -e "s#$stage/evaluation#$eval_dir#g" "$eval_dir/summary.md" "$eval_dir/evaluate-stdout.txt"
cp "$dest/MODEL_CARD.md" "$here/MODEL_CARD.md"
rm -rf "$stage"
echo "packed $dest ($size bytes)"
