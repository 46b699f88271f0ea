"""Shared fixtures. Every test run keeps learner progress in a temporary CLAIMLAB_HOME."""

from __future__ import annotations

import importlib.util
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from claimlab import paths

_HOME = tempfile.mkdtemp(prefix="claimlab-pytest-home-")

# A stuck test ends its process with every stack printed, instead of hanging the run (hang_guard.py).
pytest_plugins = ["hang_guard"]


def pytest_configure(config):
    # Set before any notebook kernel starts, so nbval kernels inherit it too: tests never read or
    # write a learner's real progress store.
    os.environ["CLAIMLAB_HOME"] = os.environ.get("CLAIMLAB_TEST_HOME", _HOME)


def pytest_unconfigure(config):
    shutil.rmtree(_HOME, ignore_errors=True)




@pytest.fixture
def tasks():
    """The README's tasks.py, imported as a module (it is a script at the root, not in the package)."""
    spec = importlib.util.spec_from_file_location("tasks", paths.PROJECT_ROOT / "tasks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A private copy of data/ that a test may break without touching the real files."""
    target = tmp_path / "data"
    shutil.copytree(paths.DATA_DIR, target)
    return target


def replace_in_file(path: Path, old: str, new: str, count: int = 1) -> None:
    """Edit a copied data file; fail loudly if the text to replace is not there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not found in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")
