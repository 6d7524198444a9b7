#!/usr/bin/env python3
"""The scaling model (bench/schedule_model.py) on hand-made traces with makespans worked out by
hand, and `voigtfit fit --trace` checked as a trace: valid JSON, one entry per task, each task's
waits on earlier tasks, and the clusters those of the rows.

Usage: schedule_model_test.py VOIGTFIT_BINARY
"""
import csv
import json
import os
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "bench"))
import schedule_model  # noqa: E402

VOIGTFIT = None


def trace_file(directory, wall_s, tasks):
    """Writes a trace of `tasks` [(duration, priority, after)] run back to back on worker 0."""
    entries, now = [], 0.0
    for i, (duration, priority, after) in enumerate(tasks):
        entries.append({"task": i, "cluster": i, "pass": 1, "peaks": 1, "points": 1,
                        "iterations": 1, "priority": priority, "after": after, "worker": 0,
                        "start_s": now, "end_s": now + duration})
        now += duration
    path = os.path.join(directory, "trace.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump({"format": "voigtfit-trace", "version": 1, "wall_time_s": wall_s,
                   "tasks": entries}, f)
    return path


class Makespan(unittest.TestCase):
    # 0 (4 s) -> 2 (3 s); 1 (2 s) -> 3 (1 s). Two workers: 0 and 1 start; at 2 s task 3 runs
    # (to 3 s); at 4 s task 2 (to 7 s). The critical path 0 -> 2 is 7 s: more workers gain none.
    CHAINS = [(4, 10, []), (2, 5, []), (3, 3, [0]), (1, 1, [1])]

    def test_chains(self):
        self.assertEqual(schedule_model.makespan(self.CHAINS, 1), 10)
        self.assertEqual(schedule_model.makespan(self.CHAINS, 2), 7)
        self.assertEqual(schedule_model.makespan(self.CHAINS, 3), 7)

    def test_priority_decides_who_goes_first(self):
        # The 5 s task has the highest priority: it starts at once, the 1 s ones share the other
        # worker (5 s). In index order instead the long task would start last (1 + 5 = 6 s).
        tasks = [(1, 1, []), (1, 1, []), (5, 9, [])]
        self.assertEqual(schedule_model.makespan(tasks, 2), 5)
        self.assertEqual(schedule_model.makespan([(5, 0, []), (1, 1, []), (1, 1, [])], 2), 6)

    def test_the_serial_rest_of_the_run_stays_serial(self):
        with tempfile.TemporaryDirectory() as d:
            path = trace_file(d, 12.0, self.CHAINS)  # 2 s beyond the tasks' 10
            out = subprocess.run([sys.executable, schedule_model.__file__, path, "--workers", "2,4"],
                                 capture_output=True, text=True, check=True).stdout
        self.assertEqual(out, "simulated workers=2 speedup=1.3x\nsimulated workers=4 speedup=1.3x\n")

    def test_a_task_waiting_for_a_later_one_is_an_error(self):
        with tempfile.TemporaryDirectory() as d:
            path = trace_file(d, 1.0, [(1, 0, [1]), (1, 0, [])])
            run = subprocess.run([sys.executable, schedule_model.__file__, path],
                                 capture_output=True, text=True)
        self.assertEqual(run.returncode, 2)
        self.assertIn("task 0 waits for a task not listed before it", run.stderr)


class CliTrace(unittest.TestCase):
    def test_fit_trace_has_one_entry_per_task(self):
        with tempfile.TemporaryDirectory() as d:
            sim = os.path.join(d, "s")
            subprocess.run([VOIGTFIT, "simulate", sim, "--peaks", "60", "--seed", "3"],
                           check=True, capture_output=True)
            trace_path, rows_path = os.path.join(d, "t.json"), os.path.join(d, "r.csv")
            subprocess.run([VOIGTFIT, "fit", sim + ".ft2", sim + ".peaks.csv", "-o", rows_path,
                            "--threads", "2", "--trace", trace_path, "--quiet"], check=False)
            with open(trace_path, encoding="utf-8") as f:
                trace = json.load(f)
            with open(rows_path, encoding="utf-8") as f:
                clusters = {int(r["cluster"]) for r in csv.DictReader(f) if r["status"] == "ok"}
        tasks = trace["tasks"]
        self.assertEqual(trace["threads"], 2)
        self.assertEqual([t["task"] for t in tasks], list(range(len(tasks))))
        first = {t["cluster"]: t["task"] for t in tasks if t["pass"] == 1}
        second = [t for t in tasks if t["pass"] == 2]
        self.assertEqual(len(first) + len(second), len(tasks))  # each cluster once per pass
        self.assertEqual(sorted(t["cluster"] for t in second), sorted(first))
        self.assertTrue(clusters <= set(first))
        for t in tasks:
            self.assertTrue(all(0 <= j < t["task"] for j in t["after"]), t)
            self.assertIn(t["worker"], (0, 1))
            self.assertLessEqual(t["start_s"], t["end_s"])
            for j in t["after"]:  # it started only once what it waits for had ended
                self.assertGreaterEqual(t["start_s"], tasks[j]["end_s"])
        for t in second:
            self.assertIn(first[t["cluster"]], t["after"])


if __name__ == "__main__":
    VOIGTFIT = sys.argv.pop(1)
    unittest.main()
