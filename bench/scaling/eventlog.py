#!/usr/bin/env python3
"""Sums what the Spark event logs in a directory say: spills, GC time, peak JVM heap and
execution memory (from the stage executor metrics Spark logs with
spark.eventLog.logStageExecutorMetrics=true), tasks and stages, and where tasks ran (on the
driver, as in local mode, or on how many executors, summed over the applications). Prints
one JSON object.

usage: eventlog.py EVENT_LOG_DIR
"""
import json
import os
import sys


def main(directory):
    out = {"tasks": 0, "stages": 0, "memory_spilled_bytes": 0, "disk_spilled_bytes": 0, "gc_ms": 0,
           "executor_run_ms": 0, "peak_jvm_heap_bytes": 0, "peak_on_heap_execution_bytes": 0,
           "peak_jvm_off_heap_bytes": 0, "failed_tasks": 0, "tasks_on_driver": 0}
    executors = set()
    files = sorted(os.path.join(d, n) for d, _, names in os.walk(directory) for n in names if not n.startswith("."))
    for path in files:
        with open(path, encoding="utf-8") as f:
            for line in f:
                try:
                    e = json.loads(line)
                except ValueError:
                    continue
                kind = e.get("Event")
                if kind == "SparkListenerTaskEnd":
                    out["tasks"] += 1
                    executor = (e.get("Task Info") or {}).get("Executor ID")
                    if executor == "driver":
                        out["tasks_on_driver"] += 1
                    else:
                        executors.add((path, executor))
                    if e.get("Task End Reason", {}).get("Reason") != "Success":
                        out["failed_tasks"] += 1
                    m = e.get("Task Metrics") or {}
                    out["memory_spilled_bytes"] += m.get("Memory Bytes Spilled", 0)
                    out["disk_spilled_bytes"] += m.get("Disk Bytes Spilled", 0)
                    out["gc_ms"] += m.get("JVM GC Time", 0)
                    out["executor_run_ms"] += m.get("Executor Run Time", 0)
                elif kind == "SparkListenerStageCompleted":
                    out["stages"] += 1
                elif kind == "SparkListenerStageExecutorMetrics":
                    m = e.get("Executor Metrics") or {}
                    out["peak_jvm_heap_bytes"] = max(out["peak_jvm_heap_bytes"], m.get("JVMHeapMemory", 0))
                    out["peak_jvm_off_heap_bytes"] = max(out["peak_jvm_off_heap_bytes"], m.get("JVMOffHeapMemory", 0))
                    out["peak_on_heap_execution_bytes"] = max(out["peak_on_heap_execution_bytes"],
                                                              m.get("OnHeapExecutionMemory", 0))
    out["executors"] = len(executors)
    print(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv[1])
