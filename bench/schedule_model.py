#!/usr/bin/env python3
"""Replays a `voigtfit fit --trace` of a 1-thread run on P simulated workers.

The model schedules as the thread pool does (engine/src/run/ready_queue.h): a task becomes
ready when every task in its `after` list has finished; a free worker takes the ready task of
highest `priority`, ties to the lowest index. Each task lasts what it lasted in the trace
(end_s - start_s). The rest of the traced run's wall time (planning, gathering the rows) stays
serial. Scheduling overhead, memory bandwidth and turbo clocks are not modelled, so the simulated
speedup is an upper bound that a machine with P idle cores should come close to.

Usage: schedule_model.py TRACE.json [--workers 4,8,16,32] [--measured P=X,...] [--iterations]
Prints one line per P: `simulated workers=8 speedup=7.4x`, with ` measured=6.9x` where given;
--iterations adds the distribution of solver iterations per task and pass.
"""
import argparse
import heapq
import json
import sys


def load_trace(path):
    """(wall time s, tasks as (duration_s, priority, after) by index); raises if malformed."""
    with open(path, encoding="utf-8") as f:
        trace = json.load(f)
    if trace.get("format") != "voigtfit-trace":
        raise ValueError(f"{path}: not a voigtfit trace (no \"format\": \"voigtfit-trace\")")
    tasks = []
    for i, t in enumerate(trace["tasks"]):
        if t["task"] != i:
            raise ValueError(f"{path}: task {i} is numbered {t['task']}")
        if t["worker"] < 0:
            raise ValueError(f"{path}: task {i} has no timing (traced with the fork pool?)")
        if any(not 0 <= j < i for j in t["after"]):
            raise ValueError(f"{path}: task {i} waits for a task not listed before it")
        tasks.append((t["end_s"] - t["start_s"], t["priority"], t["after"]))
    return trace["wall_time_s"], tasks


def makespan(tasks, workers):
    """Length of the list schedule of `tasks` [(duration, priority, after)] on `workers`."""
    waiting = [len(after) for _, _, after in tasks]
    dependents = [[] for _ in tasks]
    for i, (_, _, after) in enumerate(tasks):
        for j in after:
            dependents[j].append(i)
    ready = [(-priority, i) for i, (_, priority, after) in enumerate(tasks) if not after]
    heapq.heapify(ready)
    running = []  # (end time, task)
    now, free = 0.0, workers
    while ready or running:
        while free and ready:
            _, i = heapq.heappop(ready)
            heapq.heappush(running, (now + tasks[i][0], i))
            free -= 1
        now, i = heapq.heappop(running)
        finished = [i]
        while running and running[0][0] == now:  # everything that ends now, before choosing
            finished.append(heapq.heappop(running)[1])
        free += len(finished)
        for i in finished:
            for d in dependents[i]:
                waiting[d] -= 1
                if waiting[d] == 0:
                    heapq.heappush(ready, (-tasks[d][1], d))
    return now


def iteration_summary(path):
    """Lines on the solver iterations per task of each pass: median, 90th percentile, most."""
    with open(path, encoding="utf-8") as f:
        tasks = json.load(f)["tasks"]
    lines = []
    for p in sorted({t["pass"] for t in tasks}):
        its = sorted(t["iterations"] for t in tasks if t["pass"] == p and t["iterations"] > 0)
        if not its:
            continue
        at = lambda q: its[min(len(its) - 1, int(q * len(its)))]  # noqa: E731
        lines.append(f"iterations pass={p} tasks={len(its)} median={at(0.5)} p90={at(0.9)} "
                     f"max={its[-1]} at_limit={sum(i >= 200 for i in its)}")
    return lines


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("trace")
    parser.add_argument("--workers", default="4,8,16,32")
    parser.add_argument("--measured", default="", help="P=speedup,... measured on this machine")
    parser.add_argument("--iterations", action="store_true")
    args = parser.parse_args(argv)
    measured = dict(m.split("=") for m in args.measured.split(",") if m)
    try:
        wall_s, tasks = load_trace(args.trace)
    except (OSError, ValueError, KeyError, TypeError) as e:
        print(f"schedule_model: {e}", file=sys.stderr)
        return 2
    serial_part_s = max(0.0, wall_s - makespan(tasks, 1))
    for p in (int(w) for w in args.workers.split(",")):
        line = f"simulated workers={p} speedup={wall_s / (serial_part_s + makespan(tasks, p)):.1f}x"
        print(line + (f" measured={measured[str(p)]}" if str(p) in measured else ""))
    if args.iterations:
        print("\n".join(iteration_summary(args.trace)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
