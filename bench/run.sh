#!/usr/bin/env bash
# jkeras against PyTorch, side by side, in one run on one machine (absolute figures drift between machines
# and between minutes on a shared one, so only figures from the same run are compared).
#
#   bench/run.sh [--reps N] [--workloads w2,w1,w3,w4] [--profile] [--op-costs] [--jfr] [--wait-idle SECONDS] [--wait-policy P]
#
# Each repetition runs, in this order: PyTorch gemm, jkeras gemm, then for each workload PyTorch's run and
# jkeras's (and with --profile, both sides' per-phase W2 step profiles). Every JSON line goes to target/bench/<time>.jsonl next to a
# "load" line per workload (load average and how busy the CPUs were just before it; how much CPU other
# processes took while it ran), then a table is printed.
#   --reps N           repetitions of the whole sequence (default 1)
#   --workloads LIST   which of w1 (course CNN), w2 (course MLP), w3 (VGG16 inference), w4 (Embedding-LSTM)
#                      to run, comma-separated (default w2; "all" for every one)
#   --profile          also time one W2 step phase by phase (slice / forward / loss / backward / optimizer /
#                      accuracy) on both sides: bench/torch_step_profile.py and io.jkeras.bench.StepProfile
#   --op-costs         also time each native call of a W2 step alone at W2's shapes on both sides (products, bias,
#                      relu, bias gradient, one Adam step per variable): bench/torch_op_costs.py, io.jkeras.bench.OpCosts
#   --jfr              record the jkeras W2 run with Java Flight Recorder into target/bench/
#   --wait-idle S      before each workload, wait up to S seconds for the CPUs to be idle (other builds)
#   --wait-policy P    OMP_WAIT_POLICY for the jkeras side: "default" (unset: libgomp spins a while, then
#                      sleeps; what a Java application gets unless it sets one), PASSIVE or ACTIVE
# Needs: Debian's python3-torch, python3-numpy, libopenblas0-openmp, and Fashion-MNIST (dataset-fashion-mnist
# or Keras's cache); Java 17 and Maven.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
BENCH_PY=$ROOT/../shared/bench/pytorch_workloads.py
PY=/usr/bin/python3   # Debian's interpreter: the one python3-torch is installed for (another may be first on PATH)

reps=1 profile=0 op_costs=0 jfr=0 wait_idle=0 workloads=w2 wait_policy=default
while (($#)); do
  case $1 in
    --reps) reps=$2; shift 2 ;;
    --profile) profile=1; shift ;;
    --op-costs) op_costs=1; shift ;;
    --jfr) jfr=1; shift ;;
    --wait-idle) wait_idle=$2; shift 2 ;;
    --workloads) workloads=$2; shift 2 ;;
    --wait-policy) wait_policy=$2; shift 2 ;;
    -h|--help) sed -n "2,23p" "$0"; exit 0 ;;
    *) echo "bench/run.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done

die() { echo "bench/run.sh: $*" >&2; exit 1; }

# ---- what must be there, checked before anything is built or timed
[[ -f $BENCH_PY ]] || die "the PyTorch reference workloads are not at $BENCH_PY (../shared/bench next to the repository root)"
[[ -x $PY ]] || die "$PY not found: install Debian's python3 (apt-get install -y python3-torch python3-numpy libopenblas0-openmp)"
"$PY" -c 'import torch, numpy' 2>/dev/null ||
  die "PyTorch is not importable by $PY: apt-get install -y python3-torch python3-numpy libopenblas0-openmp"
# Without the OpenMP OpenBLAS, Debian's torch does its matrix products on reference BLAS: a comparison not worth making.
ls /usr/lib/x86_64-linux-gnu/openblas-openmp/libblas.so.3 >/dev/null 2>&1 ||
  die "libopenblas0-openmp is not installed, so PyTorch's matmul would run on reference BLAS: apt-get install -y libopenblas0-openmp"
# Installing another package that needs OpenBLAS (python3-sklearn, say) pulls libopenblas0-pthread, whose higher
# priority switches libblas.so.3 to it: PyTorch then runs 2-4x slower (pthreads against its OpenMP threads).
for lib in libblas.so.3 libopenblas.so.0; do
  now=$(readlink -f /usr/lib/x86_64-linux-gnu/$lib || true)
  [[ $now == */openblas-openmp/* ]] ||
    die "$lib is $now, not the OpenMP OpenBLAS, so PyTorch would be slowed: update-alternatives --set $lib-x86_64-linux-gnu /usr/lib/x86_64-linux-gnu/openblas-openmp/$lib"
done
# The same files for both sides: $FMNIST_DIR if set, else the first of Keras's cache and Debian's folder that has them.
if [[ -z ${FMNIST_DIR:-} ]]; then
  for d in "${KERAS_HOME:-$HOME/.keras}/datasets/fashion-mnist" /usr/share/datasets/fashion-mnist; do
    if [[ -f $d/train-images-idx3-ubyte.gz && -f $d/train-labels-idx1-ubyte.gz && -f $d/t10k-images-idx3-ubyte.gz && -f $d/t10k-labels-idx1-ubyte.gz ]]; then
      FMNIST_DIR=$d; break
    fi
  done
fi
[[ -n ${FMNIST_DIR:-} ]] || die "Fashion-MNIST not found: apt-get install -y dataset-fashion-mnist (or put the four *-ubyte.gz files in ~/.keras/datasets/fashion-mnist/)"
for f in train-images-idx3-ubyte.gz train-labels-idx1-ubyte.gz t10k-images-idx3-ubyte.gz t10k-labels-idx1-ubyte.gz; do
  [[ -f $FMNIST_DIR/$f ]] || die "FMNIST_DIR=$FMNIST_DIR has no $f (apt-get install -y dataset-fashion-mnist puts all four in /usr/share/datasets/fashion-mnist)"
done
export FMNIST_DIR

# ---- build once; then run java directly, so that every workload has the same JVM flags and environment
mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-cp.txt -Dmdep.includeScope=test
CP="target/classes:target/test-classes:$(cat target/bench-cp.txt)"
# The JVM flags of pom.xml's jkeras.jvm.args: the oneDNN + AVX-512 natives, room for the data set, C1 only.
JVM=(java -Djavacpp.platform.extension=-onednn-avx512 -Xmx6g -Dorg.bytedeco.javacpp.maxbytes=12G -XX:TieredStopAtLevel=1 -cp "$CP")
# Two threads on both sides. SkylakeX: the bundled OpenBLAS does not know this CPU and would pick slow kernels;
# The wait policy: unset by default, as a Java application gets it. Since every jkeras matrix product runs on
# oneDNN (io.jkeras.utils.MatMul), ND4J has one OpenMP pool, and its spinning waits beat PASSIVE on W1, W3 and
# W4 (docs/benchmarks.md); PASSIVE is still faster on W2.
export OMP_NUM_THREADS=2 OPENBLAS_CORETYPE=SkylakeX
export PYTHONDONTWRITEBYTECODE=1  # bench/torch_step_profile.py imports the shared script: leave no __pycache__ in ../shared
case $wait_policy in
  default) JAVA_ENV=(env -u OMP_WAIT_POLICY) ;;
  PASSIVE|ACTIVE) JAVA_ENV=(env OMP_WAIT_POLICY=$wait_policy) ;;
  *) die "--wait-policy is default, PASSIVE or ACTIVE, not $wait_policy" ;;
esac

mkdir -p target/bench
stamp=$(date +%Y%m%d-%H%M%S)
out=target/bench/$stamp.jsonl
: >"$out"

busy_pct() {  # how busy the CPUs were over the last second, in percent
  local u n s i w q sq st t1 i1 t2 i2
  read -r _ u n s i w q sq st _ </proc/stat; t1=$((u + n + s + i + w + q + sq + st)); i1=$((i + w))
  sleep 1
  read -r _ u n s i w q sq st _ </proc/stat; t2=$((u + n + s + i + w + q + sq + st)); i2=$((i + w))
  echo $((100 - 100 * (i2 - i1) / (t2 - t1)))
}

cpu_ticks() {  # busy and total CPU ticks of the machine since boot, from /proc/stat
  local u n s i w q sq st
  read -r _ u n s i w q sq st _ </proc/stat
  echo $((u + n + s + q + sq + st)) $((u + n + s + i + w + q + sq + st))
}

child_ticks() {  # sets CHILD_TICKS: CPU ticks (user + system) used so far by this script's finished children
  times >"$out.times"   # in this shell, not a subshell: a forked shell would count its own children only
  CHILD_TICKS=$(sed -n 2p "$out.times" | tr 'ms' '  ' | awk -v hz="$(getconf CLK_TCK)" '{ printf "%d", ($1 * 60 + $2 + $3 * 60 + $4) * hz }')
}

run() {  # run a workload, keeping its JSON lines (the rest of its output goes to the log), and record the load
  local name=$1 rep=$2 busy waited=0 load time b0 t0 c0 b1 t1 c1; shift 2
  busy=$(busy_pct)
  while ((wait_idle > 0 && busy > 15 && waited < wait_idle)); do sleep 4; waited=$((waited + 5)); busy=$(busy_pct); done
  load=$(cut -d' ' -f1 /proc/loadavg) time=$(date +%T)
  read -r b0 t0 < <(cpu_ticks); child_ticks; c0=$CHILD_TICKS
  "$@" 2>>"target/bench/$stamp.log" | tee -a "target/bench/$stamp.log" | grep '^{' | tee -a "$out" ||
    die "$name failed; see target/bench/$stamp.log"
  read -r b1 t1 < <(cpu_ticks); child_ticks; c1=$CHILD_TICKS
  # What others used while the workload ran: the machine's busy ticks minus the workload's own.
  local others=$(((b1 - b0) - (c1 - c0))); ((others < 0)) && others=0
  printf '{"tag": "load", "workload": "%s", "rep": %d, "time": "%s", "loadavg_1m": %s, "busy_pct_before": %d, "waited_s": %d, "others_busy_pct_during": %d}\n' \
    "$name" "$rep" "$time" "$load" "$busy" "$waited" $((100 * others / (t1 - t0 > 0 ? t1 - t0 : 1))) | tee -a "$out"
}

[[ $workloads == all ]] && workloads=w1,w2,w3,w4
declare -A JCLASS=([w1]=CnnBenchmark [w2]=MlpBenchmark [w3]=Vgg16Benchmark [w4]=LstmBenchmark)
IFS=, read -ra WL <<<"$workloads"
for w in "${WL[@]}"; do [[ -n ${JCLASS[$w]:-} ]] || die "unknown workload $w (w1, w2, w3, w4 or all)"; done

for ((r = 1; r <= reps; r++)); do
  echo "== repetition $r/$reps"
  run torch_gemm "$r" "$PY" "$BENCH_PY" gemm --threads 2
  run jkeras_gemm "$r" "${JAVA_ENV[@]}" "${JVM[@]}" io.jkeras.bench.GemmBenchmark
  for w in "${WL[@]}"; do
    run "torch_$w" "$r" "$PY" "$BENCH_PY" "$w" --threads 2
    jfr_opt=()
    ((jfr)) && jfr_opt=("-XX:StartFlightRecording=filename=target/bench/$stamp-$w-$r.jfr,settings=profile")
    run "jkeras_$w" "$r" "${JAVA_ENV[@]}" "${JVM[0]}" "${jfr_opt[@]}" "${JVM[@]:1}" "io.jkeras.bench.${JCLASS[$w]}"
  done
  if ((profile)); then
    run torch_step_profile "$r" "$PY" bench/torch_step_profile.py --threads 2
    run jkeras_step_profile "$r" "${JAVA_ENV[@]}" "${JVM[@]}" io.jkeras.bench.StepProfile
  fi
  if ((op_costs)); then
    run torch_op_costs "$r" "$PY" bench/torch_op_costs.py
    run jkeras_op_costs "$r" "${JAVA_ENV[@]}" "${JVM[@]}" io.jkeras.bench.OpCosts
  fi
done

echo
rm -f "$out.times"
"$PY" bench/table.py "$out"
echo "JSON lines: $out"
