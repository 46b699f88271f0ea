"""The package root is light: headless use never imports ipywidgets or IPython."""

from __future__ import annotations

import importlib
import subprocess
import sys

import claimlab

HEADLESS = (
    "import sys, claimlab, claimlab.stats, claimlab.classroom;"
    " print('ipywidgets' in sys.modules, 'IPython' in sys.modules)"
)
SAME_QUIZ = "from claimlab import quiz; import claimlab.widgets; from claimlab import quiz as q; print(quiz is q)"


def run(code: str) -> str:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()


def test_importing_the_package_and_its_statistics_loads_no_widget_library():
    assert run(HEADLESS) == "False False"


def test_every_public_name_resolves_and_quiz_stays_the_function():
    for name in claimlab.__all__:
        assert getattr(claimlab, name) is not None
    importlib.import_module("claimlab.quiz")  # importing the model module must not replace the function
    assert callable(claimlab.quiz) and claimlab.quiz.__module__ == "claimlab"
    assert run(SAME_QUIZ) == "True"


def test_an_unknown_name_is_a_clear_attribute_error():
    try:
        claimlab.no_such_thing  # noqa: B018
    except AttributeError as error:
        assert "no attribute 'no_such_thing'" in str(error)
    else:
        raise AssertionError("expected AttributeError")
