"""A pytest plugin that ends a stuck test instead of letting the whole run hang.

pytest-timeout (``tasks.py test`` sets ``--timeout``) fails a test that runs too long by raising
inside it, once. A teardown that then waits forever (a browser whose driver was interrupted mid-call,
say) is no longer watched, and the run hangs until CI gives up, with nothing printed. So each test
also arms the standard library's faulthandler: past these limits it writes every thread's stack to
stderr and ends the process. Under xdist that process is a worker, which xdist reports as "crashed
while running" that test and replaces, so the run goes on and fails with the stacks on record.

The timer is re-armed when teardown starts, because pytest's own faulthandler plugin cancels it
when a test fails. tests/conftest.py loads this module; ``-p hang_guard`` loads it elsewhere.
"""

from __future__ import annotations

import faulthandler
import os
import sys

import pytest

_REPORT_FD = pytest.StashKey[int]()


def pytest_addoption(parser):
    parser.addini("hang_guard_grace", "seconds a test may run beyond its --timeout before its process ends",
                  default="120")  # fmt: skip
    parser.addini("hang_guard_teardown", "seconds a teardown may take before the process ends "
                  "(a module's servers stopping: the loopback hub takes up to about 70 s)", default="180")  # fmt: skip


def pytest_configure(config):
    config.stash[_REPORT_FD] = os.dup(sys.__stderr__.fileno())  # the real stderr, never a capture


def pytest_unconfigure(config):
    if _REPORT_FD in config.stash:
        faulthandler.cancel_dump_traceback_later()
        os.close(config.stash[_REPORT_FD])
        del config.stash[_REPORT_FD]


def _arm(config, seconds: float) -> None:
    if _REPORT_FD in config.stash:
        faulthandler.dump_traceback_later(seconds, exit=True, file=config.stash[_REPORT_FD])


def limit_for(config) -> float:
    """Seconds from a test's start to the end of its process: its --timeout (600 when none) plus the grace."""
    timeout = float(config.getoption("timeout", None) or 0) or 600.0
    return timeout + float(config.getini("hang_guard_grace"))


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_protocol(item, nextitem):
    _arm(item.config, limit_for(item.config))
    try:
        return (yield)
    finally:
        faulthandler.cancel_dump_traceback_later()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_teardown(item, nextitem):
    _arm(item.config, float(item.config.getini("hang_guard_teardown")))
    return (yield)
