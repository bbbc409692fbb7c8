#!/usr/bin/env bash
# GPU check (issue 17): on a machine with an NVIDIA GPU, builds the CUDA flavour (-Pcuda), runs the
# GPU-tagged tests (logits within precision of the CPU, greedy identical, SD and CSD lossless, in
# F32 and in F16) and the embedded family's benchmark on the GPU in F32 and F16 plus the F16
# precision check against F32, and prints one summary. Without a GPU it says so in
# one line and exits 0. Unattended; about 3–6 minutes once Maven has the CUDA natives (~2.5 GB,
# downloaded by Maven at build time, never at run time).
# Never run on the build machine (it has no GPU).
set -uo pipefail
if ! command -v nvidia-smi >/dev/null 2>&1 || ! nvidia-smi -L 2>/dev/null | grep -q "^GPU"; then
  echo "gpu-check: skipped (no NVIDIA GPU on this machine)"
  exit 0
fi
cd "$(dirname "$0")/.."
logs=$(mktemp -d)
gpu=$(nvidia-smi -L | head -1)
start=$(date +%s)

if ! mvn -B -q -ntp -Pcuda -DskipTests package >"$logs/build.log" 2>&1; then
  echo "gpu-check: FAILED to build with -Pcuda on $gpu (log: $logs/build.log)"
  exit 1
fi
mvn -B -ntp -Pcuda test -Dtest=GpuDecodingTest -Dsurefire.failIfNoSpecifiedTests=false >"$logs/tests.log" 2>&1
tests_rc=$?
tests=$(grep -E "Tests run: [0-9]+, Failures" "$logs/tests.log" | tail -1 | sed 's/^.*Tests run/Tests run/')
timeout 300 java -Dcascadelab.device=gpu -jar target/cascadelab.jar bench --methods ar,sd,csd --repeats 3 \
  --max-new-tokens 128 >"$logs/bench.log" 2>&1
bench_rc=$?
timeout 300 java -Dcascadelab.device=gpu -jar target/cascadelab.jar --compute-dtype f16 bench --methods ar,sd,csd \
  --repeats 3 --max-new-tokens 128 >"$logs/bench-f16.log" 2>&1
bench16_rc=$?
timeout 120 java -Dcascadelab.device=gpu -jar target/cascadelab.jar precision --candidate f16 --tokens 96 \
  >"$logs/precision.log" 2>&1
precision_rc=$?

echo "gpu-check on $gpu, $(( $(date +%s) - start )) s (logs: $logs)"
echo "  GPU tests: ${tests:-no result} $([ $tests_rc -eq 0 ] && echo OK || echo FAILED)"
for run in bench:$bench_rc bench-f16:$bench16_rc; do
  name=${run%%:*} rc=${run##*:}
  echo "  $name:"
  if [ "$rc" -eq 0 ]; then
    grep -E "^(method|ar |sd\(|csd\(|\(speedup|machine)" "$logs/$name.log" | sed 's/^/    /'
  else
    echo "    FAILED (exit $rc)"
  fi
done
if [ $precision_rc -eq 0 ]; then
  grep -E "^(precision|greedy identical)" "$logs/precision.log" | sed 's/^/  /'
else
  echo "  precision check FAILED (exit $precision_rc)"
fi
[ $tests_rc -eq 0 ] && [ $bench_rc -eq 0 ] && [ $bench16_rc -eq 0 ] && [ $precision_rc -eq 0 ]
