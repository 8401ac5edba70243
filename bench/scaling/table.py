#!/usr/bin/env python3
"""Prints the scaling results (bench/out/scaling/LABEL.tsv, the last attempt of each scale and
stage) as a Markdown table. Rows/s divides the rows the ingest loaded (its log's "total" line)
by each stage's wall time, so the stages are comparable per unit of input.

usage: bench/scaling/table.py [LABEL]    (default local)
"""
import csv
import os
import re
import sys

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "out", "scaling")


def ingested_rows(label, scale, heap):
    path = os.path.join(OUT, f"{label}-s{scale}-ingest-{heap}.log")
    try:
        with open(path, encoding="utf-8") as f:
            for line in f:
                m = re.match(r"total\s+([\d,]+)", line)
                if m:
                    return int(m.group(1).replace(",", ""))
    except OSError:
        pass
    return None


def main(label):
    with open(os.path.join(OUT, f"{label}.tsv"), encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    last = {}
    for r in rows:
        last[(int(r["scale"]), r["stage"])] = r
    ingest_heap = {s: r["heap"] for (s, st), r in last.items() if st == "ingest" and r["status"] == "ok"}
    print("| scale | stage | status | wall (s) | rows/s | peak RSS (MiB) | peak heap (MiB) | GC (s) | spilled (MiB) | tasks | load at start / end |")
    print("|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---|")
    order = {"ingest": 0, "build": 1, "forecast": 2}
    for (scale, stage), r in sorted(last.items(), key=lambda kv: (kv[0][0], order.get(kv[0][1], 9))):
        n = ingested_rows(label, scale, ingest_heap.get(scale, r["heap"]))
        wall = float(r["wall_s"] or 0)
        rate = f"{n / wall:,.0f}" if n and wall and r["status"] == "ok" else "—"
        print(f"| {scale} | {stage} | {r['status']} | {wall:,.0f} | {rate} | {int(r['peak_rss_mib']):,} | "
              f"{int(r['peak_heap_mib']):,} | {r['gc_s']} | {r['spilled_mib']} | {r['tasks']} | "
              f"{r['load_before']} / {r['load_after']} |")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "local")
