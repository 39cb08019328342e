"""Driver of run.sh: runs jgrad and PyTorch alternately (A B A B) on each job for one epoch, first on a
quiet machine, then beside a busy neighbour (a one-core busy loop it starts and stops itself), and
prints the medians and ratios as a table, also written as Markdown and JSON. See run.sh for the options.
"""
import argparse
import datetime
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
TORCH_PYTHON = "/usr/bin/python3"
# Debian's torch links the reference BLAS unless pointed at the OpenMP OpenBLAS.
TORCH_LIBRARY_PATH = "/usr/lib/x86_64-linux-gnu/openblas-openmp"

JGRAD_RATE = re.compile(r"epoch 1/1 .*?(\d+) samples/s")
TAGGER_RATE = re.compile(r"epoch 1: .*\((\d+) words/s\)")
TORCH_RATE = re.compile(r"^throughput ([0-9.]+) (samples|words)/s$")


def jobs(work, quick):
    """Each job: name, unit, repeats (pairs), the jgrad command and its rate pattern, the PyTorch command."""
    pairs = 1 if quick else None
    found = [
        ("mlp", "samples/s", pairs or 3,
         [os.path.join(ROOT, "jgrad"), "mnist", "--model", "mlp", "--epochs", "1", "--progress", "NONE",
          "--checkpoint", os.path.join(work, "mlp.npz")], JGRAD_RATE,
         [TORCH_PYTHON, os.path.join(HERE, "torch_mnist.py"), "--model", "mlp", "--epochs", "1"]),
        ("cnn", "samples/s", pairs or 2,
         [os.path.join(ROOT, "jgrad"), "mnist", "--model", "cnn", "--epochs", "1", "--progress", "NONE",
          "--checkpoint", os.path.join(work, "cnn.npz")], JGRAD_RATE,
         [TORCH_PYTHON, os.path.join(HERE, "torch_mnist.py"), "--model", "cnn", "--epochs", "1"]),
    ]
    tagger = os.path.join(HERE, "torch_tagger.py")
    if not os.path.exists(tagger):
        print(f"tagger: skipped, no {tagger}", flush=True)
    else:
        extra = os.environ.get("TORCH_TAGGER_ARGS", "").split()
        found.append(("tagger", "words/s", 1,
                      [os.path.join(ROOT, "jgrad"), "tagger", "train", "--loss", "wll", "--epochs", "1", "--progress", "NONE",
                       "-o", os.path.join(work, "tagger")], TAGGER_RATE,
                      [TORCH_PYTHON, tagger] + extra))
    return found


def torch_environment(threads, wait_policy):
    env = dict(os.environ)
    env["LD_LIBRARY_PATH"] = TORCH_LIBRARY_PATH + (":" + env["LD_LIBRARY_PATH"] if env.get("LD_LIBRARY_PATH") else "")
    env["OMP_NUM_THREADS"] = str(threads)
    if wait_policy:
        env["OMP_WAIT_POLICY"] = wait_policy
    return env


def jgrad_environment():
    env = dict(os.environ)
    # jgrad chooses its own threads; nothing inherited may choose for it.
    for name in ("OMP_NUM_THREADS", "JGRAD_THREADS", "JGRAD_LARGE_THREADS", "JGRAD_BLAS_THREADS", "OMP_WAIT_POLICY"):
        env.pop(name, None)
    return env


def run_once(command, env, pattern, timeout, log):
    start = time.time()
    with open(log, "a") as out:
        out.write("\n$ " + " ".join(command) + "\n")
        out.flush()
        try:
            done = subprocess.run(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                  timeout=timeout, cwd=ROOT)
        except subprocess.TimeoutExpired as e:
            out.write((e.stdout or "") if isinstance(e.stdout, str) else "")
            out.write(f"\n[timed out after {timeout} s]\n")
            return None, f"timed out after {timeout} s"
        out.write(done.stdout)
    if done.returncode != 0:
        return None, f"exit {done.returncode}: " + " | ".join(done.stdout.strip().splitlines()[-2:])
    for line in reversed(done.stdout.splitlines()):
        match = pattern.search(line.strip())
        if match:
            return float(match.group(1)), f"{time.time() - start:.0f} s"
    return None, "no rate in the output: " + " | ".join(done.stdout.strip().splitlines()[-2:])


class BusyNeighbour:
    """A one-core busy loop, started and stopped by this script only (its own process, by pid)."""

    def __init__(self):
        self.process = None

    def __enter__(self):
        self.process = subprocess.Popen([sys.executable, "-c", "while True: pass"])
        time.sleep(1)
        return self

    def __exit__(self, *exc):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def median(values):
    return statistics.median(values) if values else None


def load_average():
    try:
        with open("/proc/loadavg") as f:
            return float(f.read().split()[0])
    except OSError:
        return None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="one pair of runs per job and condition")
    parser.add_argument("--out", default=os.path.join(HERE, "results"), help="directory of results.md, results.json, runs.log")
    parser.add_argument("--jobs", default="", help="comma-separated subset of mlp,cnn,tagger")
    parser.add_argument("--conditions", default="quiet,busy")
    parser.add_argument("--timeout", type=int, default=900, help="seconds one run may take")
    args = parser.parse_args()

    cores = os.cpu_count() or 1
    torch_threads = int(os.environ.get("TORCH_THREADS", cores))
    torch_wait = os.environ.get("TORCH_WAIT_POLICY", "PASSIVE")
    os.makedirs(args.out, exist_ok=True)
    log = os.path.join(args.out, "runs.log")
    open(log, "w").close()
    work = tempfile.mkdtemp(prefix="jgrad-side-by-side-")
    # A terminated script still stops its neighbour and removes its files.
    signal.signal(signal.SIGTERM, lambda *a: sys.exit(143))
    wanted = set(filter(None, args.jobs.split(",")))
    selected = [j for j in jobs(work, args.quick) if not wanted or j[0] in wanted]
    results = []
    try:
        for condition in args.conditions.split(","):
            neighbour = BusyNeighbour() if condition == "busy" else None
            if neighbour:
                neighbour.__enter__()
            try:
                for name, unit, pairs, jgrad_command, jgrad_pattern, torch_command in selected:
                    rates = {"jgrad": [], "pytorch": []}
                    notes = []
                    loads = []
                    for pair in range(pairs):
                        for framework in ("jgrad", "pytorch"):
                            loads.append(load_average())
                            if framework == "jgrad":
                                rate, note = run_once(jgrad_command, jgrad_environment(), jgrad_pattern, args.timeout, log)
                            else:
                                rate, note = run_once(torch_command, torch_environment(torch_threads, torch_wait),
                                                      TORCH_RATE, args.timeout, log)
                            print(f"{condition:5} {name:6} {framework:7} run {pair + 1}/{pairs}: "
                                  + (f"{rate:,.0f} {unit}" if rate else "failed") + f" ({note})", flush=True)
                            if rate:
                                rates[framework].append(rate)
                            else:
                                notes.append(f"{framework}: {note}")
                    j, t = median(rates["jgrad"]), median(rates["pytorch"])
                    results.append({
                        "job": name, "condition": condition, "unit": unit,
                        "jgrad": rates["jgrad"], "pytorch": rates["pytorch"],
                        "jgrad_median": j, "pytorch_median": t,
                        "ratio": (j / t) if j and t else None,
                        "load_average_before_runs": loads, "failures": notes,
                    })
            finally:
                if neighbour:
                    neighbour.__exit__(None, None, None)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    quiet = {r["job"]: r["jgrad_median"] for r in results if r["condition"] == "quiet"}
    for r in results:
        q = quiet.get(r["job"])
        r["jgrad_of_its_quiet_speed"] = (r["jgrad_median"] / q) if r["condition"] == "busy" and q and r["jgrad_median"] else None

    settings = {
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{platform.processor() or platform.machine()}, {cores} cores",
        "cpu": cpu_name(),
        "pytorch": f"{torch_version()}, OMP_NUM_THREADS={torch_threads}, OMP_WAIT_POLICY={torch_wait or '(unset)'}, "
                   f"LD_LIBRARY_PATH={TORCH_LIBRARY_PATH}",
        "jgrad": "./jgrad with no thread settings (the library's own choice)",
        "busy": "one other process busy-looping on one core",
        "runs": "one epoch each, alternating jgrad and PyTorch; figures are medians of the runs",
        "quick": args.quick,
    }
    table = markdown(results, settings)
    print("\n" + table)
    write_atomically(os.path.join(args.out, "results.md"), table)
    write_atomically(os.path.join(args.out, "results.json"), json.dumps({"settings": settings, "results": results}, indent=2))
    print(f"written: {os.path.join(args.out, 'results.md')}, results.json, runs.log")
    return 0 if all(r["ratio"] for r in results) else 1


def write_atomically(path, text):
    """Writes text to path through a temporary file beside it, so an interrupted run leaves the old file or the new one."""
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def cpu_name():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown"


def torch_version():
    try:
        return "PyTorch " + subprocess.run([TORCH_PYTHON, "-c", "import torch; print(torch.__version__)"],
                                           stdout=subprocess.PIPE, text=True, timeout=60).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        return "PyTorch (version unknown)"


def markdown(results, settings):
    def number(x):
        return f"{x:,.0f}" if x else "failed"

    lines = [f"Side by side, {settings['date']}: {settings['cpu']}, {settings['machine']}. {settings['runs']}.",
             f"PyTorch: {settings['pytorch']}. jgrad: {settings['jgrad']}. Busy: {settings['busy']}.", "",
             "| job | condition | PyTorch | jgrad | jgrad / PyTorch | jgrad busy / quiet | runs (PyTorch; jgrad) |",
             "|---|---|---|---|---|---|---|"]
    for r in results:
        runs = ", ".join(number(x) for x in r["pytorch"]) + "; " + ", ".join(number(x) for x in r["jgrad"])
        ratio = f"**{r['ratio']:.2f}**" if r["ratio"] else "-"
        own = f"{r['jgrad_of_its_quiet_speed']:.2f}" if r["jgrad_of_its_quiet_speed"] else "-"
        lines.append(f"| {r['job']} ({r['unit']}) | {r['condition']} | {number(r['pytorch_median'])} | "
                     f"{number(r['jgrad_median'])} | {ratio} | {own} | {runs} |")
    failures = [f"{r['job']} {r['condition']}: {n}" for r in results for n in r["failures"]]
    if failures:
        lines += ["", "Failed runs:"] + [f"- {f}" for f in failures]
    loads = [x for r in results for x in r["load_average_before_runs"] if x is not None]
    if loads:
        lines += ["", f"Load average before the runs: {min(loads):.1f} to {max(loads):.1f}."]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
