"""The test servers' processes, read from /proc: who started whom, and a bounded way to stop them.

Used by the browser tests (Chromium and Playwright's driver) and the loopback JupyterHub (the hub,
its proxy, the learners' servers and their kernels). Start times are kept beside process ids, so a
reused pid is never mistaken for a process a test started.
"""

from __future__ import annotations

import os
import signal
import socket
import threading
import time
from contextlib import contextmanager
from pathlib import Path


def process_stat(pid: int) -> tuple[int, int, float] | None:
    """(parent pid, start time in ticks, CPU seconds) of a live process, or None."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = text[text.rindex(")") + 2 :].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return int(fields[1]), int(fields[19]), (int(fields[11]) + int(fields[12])) / ticks


def is_alive(pid: int, start: int) -> bool:
    """Whether the process that had ``start`` as its start time still runs (not a reuse of its pid)."""
    info = process_stat(pid)
    return info is not None and info[1] == start


def descendants(pid: int) -> dict[int, int]:
    """Every live process below ``pid``, as {pid: start time} (start times guard against pid reuse)."""
    parents: dict[int, list[int]] = {}
    starts: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            info = process_stat(int(entry.name))
            if info is not None:
                parents.setdefault(info[0], []).append(int(entry.name))
                starts[int(entry.name)] = info[1]
    found, todo = {}, [pid]
    while todo:
        for child in parents.get(todo.pop(), []):
            if child not in found:
                found[child] = starts[child]
                todo.append(child)
    return found


def cpu_seconds(pid: int) -> float:
    info = process_stat(pid)
    return info[2] if info else 0.0


def pss_mb(pid: int) -> float:
    """Proportional set size of one process in MB (shared pages divided among their users)."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def kill_survivors(processes: dict[int, int]) -> list[int]:
    """SIGKILL each of ``processes`` ({pid: start time}) that is still the same live process."""
    killed = []
    for pid, start in processes.items():
        if is_alive(pid, start):
            try:
                os.kill(pid, signal.SIGKILL)
                killed.append(pid)
            except ProcessLookupError:
                pass
    return killed


@contextmanager
def kill_if_stuck(processes: dict[int, int], seconds: float):
    """Run the block; if it has not finished after ``seconds``, SIGKILL ``processes`` from a timer thread.

    For a shutdown that waits on another process (Playwright's ``browser.close()`` waits on its
    driver): killing that process ends the wait with an error instead of a hang, which no timeout
    inside the test's own thread could do once that thread is stuck. Yields a list that holds the
    killed pids afterwards, so the caller can report them.
    """
    killed: list[int] = []
    timer = threading.Timer(seconds, lambda: killed.extend(kill_survivors(processes)))
    timer.daemon = True
    timer.start()
    try:
        yield killed
    finally:
        timer.cancel()


def _raise_system_exit(signum, frame):
    raise SystemExit(f"stopped by signal {signum}")


@contextmanager
def sigterm_raises():
    """While the block runs, SIGTERM raises SystemExit, so that a killed test run still runs the
    ``finally`` that stops a server the block started."""
    previous = signal.getsignal(signal.SIGTERM)
    signal.signal(signal.SIGTERM, _raise_system_exit)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def wait_until_answering(process, answers, what: str, log_text, timeout: float = 60) -> None:
    """Poll ``answers()`` (True once the server replies) until it does; fail with the server's log
    if the process exits first or ``timeout`` seconds pass. Connection errors mean "not yet"."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited early ({process.returncode}):\n{log_text()[-3000:]}")
        try:
            if answers():
                return
        except OSError:
            pass
        time.sleep(0.25)
    raise TimeoutError(f"{what} did not answer within {timeout} s:\n{log_text()[-3000:]}")


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now (for a test server to take)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
