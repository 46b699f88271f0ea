"""A class at once on a loopback JupyterHub: how long learners wait, and what each learner costs.

    .venv/bin/python benchmarks/classroom.py --learners 30 --answers 6
    .venv/bin/python benchmarks/classroom.py --learners 60 --answers 6 --together

Starts deploy/jupyterhub_config.py on 127.0.0.1 (tests/hub/hubserver.py), asks for every learner's
server at the same moment, and then has every learner, in a thread of their own, run the first
notebook's quiz cell and answer it through the kernel websocket (tests/hub/learner.py), with a
random think time between answers (with ``--together``, nobody answers until the whole class has
the quiz open, so the answers do not compete with other learners' kernels starting). Printed:
spawn time and quiz-ready time per learner, Check -> feedback p50/p95/max, the driver's own lag
(how late its threads woke after thinking; large values mean the figures include the driver's
waiting, not only the server's) and its CPU, memory per learner (PSS of the learner's server and
kernel, from /proc/PID/smaps_rollup) and CPU seconds. Exits 1 if any answer is lost, reordered or
graded wrongly, or a hand-in is missing.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import random
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # the tests' helpers, under the names pytest gives them

from e2e.processes import cpu_seconds, descendants, pss_mb  # noqa: E402
from hub.hubserver import loopback_hub  # noqa: E402
from hub.learner import Learner, run_session  # noqa: E402

from claimlab.store import ProgressStore  # noqa: E402


def hub_and_proxy_cpu(hub) -> float:
    """CPU seconds of the hub process and the proxy (not the learners' servers, also below the hub)."""
    pids = [hub.process.pid]
    for pid in descendants(hub.process.pid):
        try:
            if b"configurable-http-proxy" in Path(f"/proc/{pid}/cmdline").read_bytes():
                pids.append(pid)
        except OSError:
            pass
    return sum(cpu_seconds(pid) for pid in pids)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))]


def spread(values: list[float], unit: str = "s", scale: float = 1.0) -> str:
    shown = [v * scale for v in values]
    return (
        f"p50 {percentile(shown, 0.5):.2f} {unit}, p95 {percentile(shown, 0.95):.2f} {unit}, "
        f"max {max(shown):.2f} {unit}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--learners", type=int, default=5)
    parser.add_argument("--answers", type=int, default=6, help="Checks per learner")
    parser.add_argument("--think", type=float, nargs=2, default=(1.0, 4.0), metavar=("MIN", "MAX"),
                        help="think time between answers, seconds (uniform)")  # fmt: skip
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--together", action="store_true",
                        help="everyone starts answering once the whole class has the quiz open (the teacher's "
                             "'begin'), instead of each learner as soon as their own quiz is ready")  # fmt: skip
    parser.add_argument("--keep", type=Path, default=None, metavar="FOLDER",
                        help="run the hub in FOLDER and keep it (log, homes) for a post-mortem")  # fmt: skip
    options = parser.parse_args(argv)
    names = [f"learner-{n:02d}" for n in range(1, options.learners + 1)]
    problems: list[str] = []

    if options.keep is not None:
        options.keep.mkdir(parents=True, exist_ok=True)
    with loopback_hub(options.keep) as hub:
        hub_cpu_before = hub_and_proxy_cpu(hub)
        hub.create_users(names)
        started = time.perf_counter()
        spawn = hub.spawn_all(names)
        all_ready = time.perf_counter() - started

        begin = threading.Barrier(len(names), timeout=600) if options.together else None

        def run(index_name: tuple[int, str]) -> Learner | str:
            index, name = index_name
            try:
                rng = random.Random(options.seed * 1000 + index)
                return run_session(hub, name, rng, options.answers, options.think, start_together=begin)
            except Exception as error:  # a lost session is a result to report, not a crash of the benchmark
                if begin is not None:
                    begin.abort()  # the others must not wait for this learner
                return f"{name}: the session stopped ({type(error).__name__}: {error})"

        quiz_started, driver_cpu_before = time.perf_counter(), time.process_time()
        with concurrent.futures.ThreadPoolExecutor(len(names)) as pool:
            outcomes = list(pool.map(run, enumerate(names)))
        quiz_wall = time.perf_counter() - quiz_started
        driver_cpu = time.process_time() - driver_cpu_before
        problems.extend(outcome for outcome in outcomes if isinstance(outcome, str))
        learners = [outcome for outcome in outcomes if not isinstance(outcome, str)]

        memory, cpu = [], []
        for name in [learner.name for learner in learners]:
            pids = hub.user_processes(name)
            memory.append(sum(pss_mb(p) for p in pids))
            cpu.append(sum(cpu_seconds(p) for p in pids))
        server_pss = [pss_mb(hub.server_pid(learner.name)) for learner in learners]
        hub_cpu = hub_and_proxy_cpu(hub) - hub_cpu_before

        for learner in learners:
            problems.extend(f"{learner.name}: {error}" for error in learner.feedback_errors)
            store = ProgressStore(hub.homes / learner.name / ".claimlab")
            saved = [(a.item, a.dimension, a.answer, a.correct, a.attempt) for a in store.attempts()]
            store.close()
            expected = [(e.item, e.dimension, e.answer, e.correct, e.attempt) for e in learner.expected]
            if saved != expected:
                problems.append(f"{learner.name}: {len(saved)} answers saved, {len(expected)} given, or out of order")
            if not (hub.handin / f"{learner.name}.json").is_file():
                problems.append(f"{learner.name}: no hand-in")

    feedback = [t for learner in learners for t in learner.timing.feedback]
    lag = [t for learner in learners for t in learner.timing.lag]
    ready_times = [learner.timing.quiz_ready for learner in learners]
    answers = sum(len(learner.expected) for learner in learners)
    start = "all begin together once every quiz is open" if options.together else "each begins once their quiz is open"
    print(f"classroom: {options.learners} learners, {options.answers} Checks each ({answers} answers saved), "
          f"think time {options.think[0]:.0f}-{options.think[1]:.0f} s, {start}")  # fmt: skip
    print(f"  spawn (all asked at once -> ready): {spread(list(spawn.values()))}; all ready after {all_ready:.1f} s")
    print(f"  quiz ready (import cell + quiz cell in a new kernel): {spread(ready_times)}")
    print(f"  Check -> feedback: {spread(feedback, 'ms', 1000)} over {len(feedback)} Checks")
    print(f"  driver lag (late wake-ups after think time): {spread(lag, 'ms', 1000)}; the driver's own CPU in the "
          f"quiz phase {driver_cpu:.1f} s ({100 * driver_cpu / quiz_wall:.0f}% of one of the 2 cores)")  # fmt: skip
    print(f"  memory per learner (PSS, server + kernel): mean {statistics.mean(memory):.0f} MB, "
          f"max {max(memory):.0f} MB; server alone mean {statistics.mean(server_pss):.0f} MB")  # fmt: skip
    print(f"  CPU per learner (server + kernel, whole run): mean {statistics.mean(cpu):.1f} s, max {max(cpu):.1f} s; "
          f"hub + proxy {hub_cpu:.1f} s; quiz phase wall time {quiz_wall:.1f} s")  # fmt: skip
    if problems:
        print(f"FAILED: {len(problems)} problem(s):")
        for problem in problems:
            print(f"  - {problem}")
        return 1
    print("  every answer saved, in order, graded right; every learner handed in")
    return 0


if __name__ == "__main__":
    sys.exit(main())
