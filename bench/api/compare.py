"""Summary of bench/api/compare's log: for each group of rows (range and kind: a sort alone, a
filter, the search, the other endpoints), the medians over the group's rows and the build's runs
of p50, p95 and mean, before and after; then, per run, how many rows missed the 20 ms p95 goal
(docs/architecture.md#performance-targets) and which."""
import re
import statistics
import sys
from collections import defaultdict

GOAL_MS = 20.0
ROW = re.compile(r"^\s+(.*?)\s+p50\s+([\d.]+) ms\s+p95\s+([\d.]+) ms\s+mean\s+([\d.]+) ms")


def group(name):
    parts = name.split()
    if parts[0] != "calls" or len(parts) < 3:
        return "other endpoints"
    if "q=" in name:
        return f"{parts[1]} search (q)"
    return f"{parts[1]} sort alone" if parts[2].startswith("sort=") else f"{parts[1]} filter"


def main(path):
    runs = []  # (build, round, {row: (p50, p95, mean)})
    for line in open(path, encoding="utf-8"):
        if line.startswith("== "):
            build, _, rnd = line.split()[1:4]
            runs.append((build, rnd, {}))
        elif runs and (m := ROW.match(line)):
            runs[-1][2][m.group(1)] = tuple(float(m.group(i)) for i in (2, 3, 4))
    groups = defaultdict(lambda: defaultdict(list))
    for build, _, rows in runs:
        for name, figures in rows.items():
            groups[group(name)][build].append(figures)

    def med(values, i):
        return f"{statistics.median(v[i] for v in values):7.2f}" if values else "      -"

    print(f"{'rows (medians over rows and runs, ms)':<38} {'p50 before':>10} {'p50 after':>10}"
          f" {'p95 before':>10} {'p95 after':>10} {'mean before':>11} {'mean after':>10}")
    for g in sorted(groups):
        b, a = groups[g]["before"], groups[g]["after"]
        n = len(a) // max(1, sum(1 for r in runs if r[0] == "after"))
        print(f"{g + f' ({n} rows)':<38} {med(b, 0):>10} {med(a, 0):>10} {med(b, 1):>10}"
              f" {med(a, 1):>10} {med(b, 2):>11} {med(a, 2):>10}")
    for build, rnd, rows in runs:
        over = [name for name, f in rows.items() if f[1] > GOAL_MS]
        print(f"{build} round {rnd}: {len(over)} of {len(rows)} rows over {GOAL_MS:g} ms p95"
              + (": " + "; ".join(over) if over else ""))


if __name__ == "__main__":
    main(sys.argv[1])
