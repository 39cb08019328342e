#!/usr/bin/env bash
# Side-by-side benchmark: jgrad against PyTorch on the same jobs (MNIST MLP and CNN, and the tagger when
# torch_tagger.py is here), one epoch each, alternating the frameworks (A B A B), first on the quiet
# machine, then beside a one-core busy loop that the script starts and stops itself. Prints medians and
# ratios and writes results/results.md, results/results.json and results/runs.log (every run's output).
# Not part of `mvn test`. A full run takes about 15 minutes on 2 cores; --quick (one pair per job) about 6.
#
#   benchmarks/side-by-side/run.sh [--quick] [--jobs mlp,cnn,tagger] [--conditions quiet,busy] [--out DIR]
#
# PyTorch is Debian's /usr/bin/python3 with torch 1.13, linked to the OpenMP OpenBLAS, with
# OMP_NUM_THREADS = all cores and OMP_WAIT_POLICY=PASSIVE (its best settings measured here: passive
# waiting keeps it from collapsing beside a busy process); override with TORCH_THREADS and
# TORCH_WAIT_POLICY (empty: libgomp's default). jgrad runs through ./jgrad with no thread settings.
# MNIST comes from ~/.cache/jgrad/mnist (fetched by ./jgrad on first use). Extra arguments for
# torch_tagger.py: TORCH_TAGGER_ARGS.
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
root="$(cd "$here/../.." && pwd)"

if ! /usr/bin/python3 -c 'import torch' 2>/dev/null; then
    echo "run.sh: /usr/bin/python3 has no torch; install Debian's python3-torch" >&2
    exit 1
fi
# Build jgrad (if needed) and fetch MNIST before anything is timed.
"$root/jgrad" --version >/dev/null
mnist="${JGRAD_DATA:-$HOME/.cache/jgrad}/mnist"
if [[ ! -f $mnist/train-images-idx3-ubyte || ! -f $mnist/t10k-labels-idx1-ubyte ]]; then
    scratch="$(mktemp -d)"
    "$root/jgrad" mnist --epochs 1 --progress NONE --checkpoint "$scratch/fetch.npz" >/dev/null
    rm -rf "$scratch"
fi
echo "uptime before: $(uptime)"
# Under set -e a failed run would end the script here; keep its status so that the load after it is printed too.
status=0
/usr/bin/python3 "$here/side_by_side.py" "$@" || status=$?
echo "uptime after: $(uptime)"
exit $status
