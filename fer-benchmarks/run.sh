#!/usr/bin/env bash
# Runs fer's benchmarks from a checkout and writes the results into fer-benchmarks/RESULTS.md.
#
#   fer-benchmarks/run.sh                 JMH suite + paired Recognizer overhead + native-memory soak
#                                         (about 6 minutes on 2 cores)
#   fer-benchmarks/run.sh --training      one-off: the paper's training recipe, feature cache on vs off
#                                         (B0 224 px, 50 + 50 epochs; about 5 minutes on 2 cores)
#   fer-benchmarks/run.sh -Pgpu ...       the same with TensorFlow's CUDA natives (a CUDA 12 host)
#   fer-benchmarks/run.sh -- <JMH args>   pass options to JMH, e.g. -- -p backbone=b1 RecognizerBenchmark
#   fer-benchmarks/run.sh --jmh-only -- EngineBenchmark OnnxSessionBenchmark MatMulPeakBenchmark
#                                         issue 15's comparison: engines, raw engines and the matrix-product peak
#                                         in one JMH run, into RESULTS.md's "engines" section
#   fer-benchmarks/run.sh --training -- <TrainingSpeed args>, e.g. -- --epochs1 5 --epochs2 5
#
# Options: --skip-build (use what is built), --jmh-only (no overhead check or soak).
set -euo pipefail
bench="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$bench/.." && pwd)"
results="$bench/RESULTS.md"

mode=suite
build=yes
extras=yes
maven_args=()
pass=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --training) mode=training ;;
    --skip-build) build=no ;;
    --jmh-only) extras=no ;;
    -P*) maven_args+=("$1") ;;
    --) shift; pass=("$@"); break ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

if [[ $build == yes ]]; then
  echo "Building (mvn -B -q -DskipTests package ${maven_args[*]:-}) ..."
  (cd "$root" && mvn -B -q -DskipTests package -pl fer-benchmarks -am ${maven_args[@]+"${maven_args[@]}"})
fi
if [[ ! -f "$bench/target/classpath.txt" || ! -f "$bench/target/classes/META-INF/BenchmarkList" ]]; then
  echo "run.sh: fer-benchmarks is not built; run without --skip-build" >&2
  exit 2
fi

export TF_CPP_MIN_LOG_LEVEL="${TF_CPP_MIN_LOG_LEVEL:-2}"
export OPT_OUT_TRACKING=true
cp="$bench/target/classes:$(cat "$bench/target/classpath.txt")"
# each benchmark model is trained once per run and shared by JMH's forks (a new run trains afresh: code may differ)
models="$bench/target/fixture-models"
rm -rf "$models"
java_opts=(-Djava.awt.headless=true -Dfer.benchmarks.keepModels="$models" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn
  -Dorg.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils=error -Dorg.slf4j.simpleLogger.log.ai.djl.onnxruntime.engine.OrtEngine=error)

if [[ $mode == training ]]; then
  echo "Training speed (cached, then uncached); progress below, results into $results"
  java -Xmx12g "${java_opts[@]}" -cp "$cp" io.fer.benchmarks.TrainingSpeed --results "$results" \
    ${pass[@]+"${pass[@]}"}
  exit 0
fi

json="$bench/target/jmh-result.json"
echo "JMH suite; raw results in $json"
# forked benchmark JVMs inherit these JVM options
java -Xmx6g "${java_opts[@]}" -cp "$cp" org.openjdk.jmh.Main -rf json -rff "$json" ${pass[@]+"${pass[@]}"}
java "${java_opts[@]}" -cp "$cp" io.fer.benchmarks.SuiteReport "$json" "$results"
if [[ $extras == yes ]]; then
  echo "Recognizer overhead, measured in pairs"
  java -Xmx6g "${java_opts[@]}" -cp "$cp" io.fer.benchmarks.PairedOverhead --results "$results"
  echo "Native memory soak"
  # a fixed, pre-touched heap: resident memory then grows only if native memory does
  java -Xms512m -Xmx512m -XX:+AlwaysPreTouch "${java_opts[@]}" -cp "$cp" io.fer.benchmarks.RssSoak \
    --results "$results"
fi
echo "Results written to $results"
