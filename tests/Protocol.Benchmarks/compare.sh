#!/usr/bin/env bash
# Before/after on a noisy machine: builds two revisions in worktrees of their own, runs one benchmark class on each in
# turn (before, after, after, before, ...), and prints every benchmark's median ns/op per run, the ratio of each to the
# class's baseline, and the medians over all pairs. Alternating pairs are what compares anything on a shared 2-vCPU
# machine, where one build's figures move by 2x between consecutive runs (see README.md).
#
#   tests/Protocol.Benchmarks/compare.sh BEFORE AFTER CLASS [PAIRS]
#   tests/Protocol.Benchmarks/compare.sh 9611e5c HEAD TickPathBenchmarks 5
#   tests/Protocol.Benchmarks/compare.sh main HEAD paired 12    # TickPath's two-thread cases in PairedTickPath mode
#
# CLASS "paired" runs --paired-tick-path (both revisions need it: 3b50cfa or later) and prints each run's median ratios;
# read the medians over many pairs (12 or more), as a change under 0.05 is within one pair's noise.
# Needs git, the .NET SDK and python3. Each run is --job short with 15 measured iterations, in process.
set -euo pipefail

if [[ $# -lt 3 ]]; then
  echo "usage: $0 BEFORE AFTER CLASS [PAIRS]   (revisions as git understands them; CLASS e.g. TickPathBenchmarks)" >&2
  exit 2
fi

before_rev=$1
after_rev=$2
class=$3
pairs=${4:-3}
repo=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
work=$(mktemp -d)
trap 'git -C "$repo" worktree remove --force "$work/before" 2>/dev/null || true; git -C "$repo" worktree remove --force "$work/after" 2>/dev/null || true; rm -rf "$work"' EXIT

for side in before after; do
  rev=${side}_rev
  git -C "$repo" worktree add --detach "$work/$side" "$(git -C "$repo" rev-parse "${!rev}")" >/dev/null
  echo "== building $side (${!rev})" >&2
  dotnet build "$work/$side/tests/Protocol.Benchmarks" -c Release >"$work/$side.build.log" 2>&1 \
    || { echo "build of $side failed: $work/$side.build.log" >&2; tail -20 "$work/$side.build.log" >&2; exit 1; }
done

# ABBA: the order alternates, so a drift of the machine through the runs falls on both sides alike. The worktrees' paths
# have the same length: the path (and so the environment) moves the stack's alignment, which may move a ratio by itself.
for i in $(seq 1 "$pairs"); do
  order="before after"
  if (( i % 2 == 0 )); then order="after before"; fi
  for side in $order; do
    if [[ $class == paired ]]; then
      (cd "$work/$side" && dotnet tests/Protocol.Benchmarks/bin/Release/net10.0/Protocol.Benchmarks.dll \
        --paired-tick-path 300 >"$work/$side.$i.log" 2>&1)
    else
      (cd "$work/$side" && dotnet tests/Protocol.Benchmarks/bin/Release/net10.0/Protocol.Benchmarks.dll \
        --filter "*.$class.*" --inProcess --job short --iterationCount 15 >"$work/$side.$i.log" 2>&1)
    fi
  done
done

if [[ $class == paired ]]; then
  python3 - "$work" "$pairs" <<'PY'
import statistics, sys
work, pairs = sys.argv[1], int(sys.argv[2])
for side in ("before", "after"):
    ratios = {}
    for i in range(1, pairs + 1):
        for line in open(f"{work}/{side}.{i}.log", encoding="utf-8"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")] if line.startswith("| ") else []
            if len(cells) == 6 and cells[0] != "case":
                ratios.setdefault(cells[0], []).append(float(cells[2].split()[0]))
    print(f"== {side}")
    for name, values in ratios.items():
        print(f"  {name:<22} median ratio per run: " + ", ".join(f"{v:.2f}" for v in values) + f"  median {statistics.median(values):.3f}")
PY
  exit 0
fi

python3 - "$work" "$class" "$pairs" <<'PY'
import re, statistics, sys
work, cls, pairs = sys.argv[1], sys.argv[2], int(sys.argv[3])

def medians(path):
    # BenchmarkDotNet logs one "WorkloadActual  n: ops op, total ns, x ns/op" line per measured iteration.
    current, runs, baseline = None, {}, None
    for line in open(path, encoding="utf-8"):
        m = re.search(r"// Benchmark: " + re.escape(cls) + r"\.(\w+)", line)
        if m:
            current = m.group(1)
        m = re.match(r"WorkloadActual\s+\d+: \d+ op, [\d.]+ ns, ([\d.]+) ns/op", line)
        if m and current:
            runs.setdefault(current, []).append(float(m.group(1)))
    return {name: statistics.median(values) for name, values in runs.items()}

table = {"before": [], "after": []}
for i in range(1, pairs + 1):
    for side in ("before", "after"):
        table[side].append(medians(f"{work}/{side}.{i}.log"))

def report_baseline(side):
    # The class's [Benchmark(Baseline = true)] is the row of the summary table whose Ratio column reads 1.00.
    columns = None
    for line in open(f"{work}/{side}.1.log", encoding="utf-8"):
        cells = [c.strip() for c in line.strip().strip("|").split("|")] if line.startswith("|") else None
        if cells and "Method" in cells and "Ratio" in cells:
            columns = cells
        elif cells and columns and len(cells) == len(columns) and cells[columns.index("Ratio")] == "1.00":
            return cells[columns.index("Method")]
    return None

for side in ("before", "after"):
    base = report_baseline(side)
    names = sorted({n for run in table[side] for n in run})
    print(f"== {side}" + (f" (baseline {base})" if base else ""))
    for name in names:
        values = [run[name] for run in table[side] if name in run]
        ratios = [run[name] / run[base] for run in table[side] if base and name in run and base in run]
        line = f"  {name:<28} ns/op per run: " + ", ".join(f"{v:.0f}" for v in values) + f"  median {statistics.median(values):.0f}"
        if ratios:
            line += "  ratio per run: " + ", ".join(f"{r:.2f}" for r in ratios) + f"  median {statistics.median(ratios):.2f}"
        print(line)
PY
