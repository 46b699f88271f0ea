"""Every notebook follows the skeleton, and the table of contents drives the README and the links."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimlab import DataError
from claimlab.paths import PROJECT_ROOT
from claimlab.skeleton import check_notebook, check_notebook_file
from claimlab.toc import load_toc, markdown_map, next_notebook

NOTEBOOKS = PROJECT_ROOT / "notebooks"
TOC = load_toc()


def md(text: str) -> dict:
    return {"cell_type": "markdown", "source": text, "metadata": {}}


def code(text: str) -> dict:
    return {"cell_type": "code", "source": text, "metadata": {}, "outputs": [], "execution_count": None}


def good_notebook() -> dict:
    return {
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3"}},
        "cells": [
            md("# A title"),
            md("## Overview\n\n1. first objective\n2. second objective"),
            md("## Prerequisites\n\n- **Time to learn**: 15 minutes"),
            md("## Imports"),
            code("import pandas as pd"),
            md("## 1. First section"),
            code("pd.Series([1])"),
            md("### Check your understanding\n\nA question."),
            md("## 2. Second section"),
            md("## Summary\n\n### Key points\n\n- one"),
            md("## What's next\n\nGo on to [the next one](01_next.ipynb)."),
        ],
    }


def test_a_good_notebook_passes():
    assert check_notebook(good_notebook(), minutes=15, next_file="01_next.ipynb") == []


@pytest.mark.parametrize(
    ("break_it", "problem"),
    [
        (lambda nb: nb["cells"].pop(0), "first cell is not a Markdown title"),
        (lambda nb: nb["metadata"].pop("kernelspec"), "no kernelspec"),
        (lambda nb: nb["cells"].__setitem__(1, md("## Overview\n\nNo list here.")), "no learning objectives"),
        (lambda nb: nb["cells"].__setitem__(2, md("## Prerequisites\n\nNone.")), "no 'Time to learn"),
        (lambda nb: nb["cells"].__setitem__(5, md("## 3. First section")), "not 1, 2, 3"),
        (lambda nb: nb["cells"].__setitem__(6, code("import numpy\nnumpy.zeros(1)")), "exactly one code cell"),
        (lambda nb: nb["cells"].__setitem__(7, md("A question.")), "Check your understanding"),
        (lambda nb: nb["cells"].__setitem__(9, md("## Summary\n\nDone.")), "no key points"),
        (lambda nb: nb["cells"].__setitem__(10, md("## What's next\n\nSee you.")), "does not link 01_next.ipynb"),
        (lambda nb: nb["cells"].__setitem__(3, md("## Setup")), "no '## Imports' section"),
        (lambda nb: nb["cells"].insert(1, nb["cells"].pop(9)), "out of order"),
    ],
)
def test_each_departure_is_reported(break_it, problem):
    notebook = good_notebook()
    break_it(notebook)
    problems = check_notebook(notebook, minutes=15, next_file="01_next.ipynb")
    assert any(problem in p for p in problems), problems


def test_time_to_learn_must_match_the_table_of_contents():
    problems = check_notebook(good_notebook(), minutes=30, next_file="01_next.ipynb")
    assert problems == ["Time to learn says 15 minutes but notebooks/toc.csv says 30"]


def test_last_notebook_links_the_readme():
    notebook = good_notebook()
    notebook["cells"][-1] = md("## What's next\n\nSee the [README](../README.md).")
    assert check_notebook(notebook, minutes=15, next_file=None) == []


@pytest.mark.parametrize("entry", TOC.to_dict("records"), ids=list(TOC["file"]))
def test_every_listed_notebook_follows_the_skeleton(entry):
    problems = check_notebook_file(
        NOTEBOOKS / entry["file"], minutes=entry["minutes"], next_file=next_notebook(entry["file"], TOC)
    )
    assert problems == [], f"{entry['file']}: " + "; ".join(problems)


def test_every_notebook_is_in_the_table_of_contents():
    on_disk = {p.name for p in NOTEBOOKS.glob("*.ipynb")}
    assert on_disk == set(TOC["file"])


def test_readme_map_is_the_table_of_contents():
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    start, end = "<!-- notebook-map:start -->", "<!-- notebook-map:end -->"
    block = readme.split(start)[1].split(end)[0].strip()
    assert block == markdown_map(TOC), "README map is stale: run `.venv/bin/python tools/sync_readme.py`"


def test_toc_rejects_a_missing_notebook(tmp_path):
    (tmp_path / "toc.csv").write_text("order,file,title,minutes,summary\n1,ghost.ipynb,Ghost,5,Nothing.\n")
    with pytest.raises(DataError, match="names ghost.ipynb, which is not in") as caught:
        load_toc(tmp_path / "toc.csv")
    assert caught.value.column == "file" and caught.value.row == "ghost.ipynb"


def test_notebooks_are_saved_from_one_clean_run():
    for path in sorted(NOTEBOOKS.glob("*.ipynb")):
        cells = json.loads(Path(path).read_text(encoding="utf-8"))["cells"]
        counts = [c["execution_count"] for c in cells if c["cell_type"] == "code"]
        assert counts == list(range(1, len(counts) + 1)), path.name
        for cell in cells:
            for output in cell.get("outputs", []):
                assert output["output_type"] != "error", path.name
                assert output.get("name") != "stderr", f"{path.name} stores stderr output (a warning?)"
