"""hang_guard ends a test whose teardown hangs after pytest-timeout fired, with the stacks printed."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

TESTS = Path(__file__).resolve().parent

STUCK = '''
import time, pytest

@pytest.fixture
def server():
    yield
    time.sleep(120)  # a teardown that never returns in time

def test_too_slow(server):
    time.sleep(120)

def test_quick():
    pass
'''


def run_inner(folder: Path, source: str, *options: str) -> tuple[subprocess.CompletedProcess, float]:
    (folder / "test_inner.py").write_text(source)
    command = [sys.executable, "-m", "pytest", "-p", "hang_guard", "-p", "no:cacheprovider", "-q", "--timeout=2",
               "-o", "hang_guard_grace=2", "-o", "hang_guard_teardown=3", *options, "test_inner.py"]  # fmt: skip
    started = time.monotonic()
    result = subprocess.run(command, cwd=folder, capture_output=True, text=True, timeout=100,
                            env={"PYTHONPATH": str(TESTS), "PATH": "/usr/bin:/bin"})  # fmt: skip
    return result, time.monotonic() - started


def test_a_teardown_stuck_after_the_timeout_ends_the_run_with_its_stack(tmp_path):
    result, took = run_inner(tmp_path, STUCK, "-k", "too_slow")
    assert took < 60, "the guard did not end the stuck teardown"
    assert result.returncode != 0
    assert "Timeout (0:00:03)!" in result.stderr  # the teardown limit, not the 120 s sleep
    assert "test_inner.py\", line 7 in server" in result.stderr  # where it was stuck


def test_a_quick_test_is_untouched(tmp_path):
    result, _ = run_inner(tmp_path, STUCK, "-k", "quick")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 passed" in result.stdout and "Timeout" not in result.stderr
