"""Every notebook follows the skeleton, and the table of contents drives the README and the links."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from claimlab import DataError, load_sentences
from claimlab.paths import PROJECT_ROOT, notebook_files
from claimlab.skeleton import check_notebook, check_notebook_file
from claimlab.toc import EXERCISES_TOC, load_toc, markdown_map, next_notebook

NOTEBOOKS = PROJECT_ROOT / "notebooks"
EXERCISES = PROJECT_ROOT / "exercises"
#: Every learner-facing notebook, every instructor and reference notebook, and every exercise,
#: but never JupyterLab's .ipynb_checkpoints copies (they appear once a notebook is opened).
ALL_NOTEBOOKS = notebook_files(PROJECT_ROOT)
TOC = load_toc()
EXERCISE_TOC = load_toc(EXERCISES_TOC)
ALL_ENTRIES = [(NOTEBOOKS, TOC, entry) for entry in TOC.to_dict("records")] + [
    (folder, EXERCISE_TOC, entry)
    for folder in (EXERCISES, EXERCISES / "solutions")
    for entry in EXERCISE_TOC.to_dict("records")
]


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


@pytest.mark.parametrize(
    ("folder", "toc", "entry"),
    ALL_ENTRIES,
    ids=[f"{folder.relative_to(PROJECT_ROOT).as_posix()}/{entry['file']}" for folder, _, entry in ALL_ENTRIES],
)
def test_every_listed_notebook_follows_the_skeleton(folder, toc, entry):
    path = folder / entry["file"]
    assert path.exists(), f"{path} is listed in a table of contents but missing"
    problems = check_notebook_file(path, minutes=entry["minutes"], next_file=next_notebook(entry["file"], toc))
    assert problems == [], f"{entry['file']}: " + "; ".join(problems)


def test_every_notebook_is_in_a_table_of_contents():
    assert {p.name for p in NOTEBOOKS.glob("*.ipynb")} == set(TOC["file"])
    assert {p.name for p in EXERCISES.glob("*.ipynb")} == set(EXERCISE_TOC["file"])
    assert {p.name for p in (EXERCISES / "solutions").glob("*.ipynb")} == set(EXERCISE_TOC["file"])


@pytest.mark.parametrize(
    ("name", "expected"),
    [("notebook-map", lambda: markdown_map(TOC)), ("exercise-map", lambda: markdown_map(EXERCISE_TOC, "exercises"))],
)
def test_readme_maps_are_the_tables_of_contents(name, expected):
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split(f"<!-- {name}:start -->")[1].split(f"<!-- {name}:end -->")[0].strip()
    assert block == expected(), "README map is stale: run `.venv/bin/python tools/sync_readme.py`"


def test_toc_rejects_a_missing_notebook(tmp_path):
    (tmp_path / "toc.csv").write_text("order,file,title,minutes,summary\n1,ghost.ipynb,Ghost,5,Nothing.\n")
    with pytest.raises(DataError, match="names ghost.ipynb, which is not in") as caught:
        load_toc(tmp_path / "toc.csv")
    assert caught.value.column == "file" and caught.value.row == "ghost.ipynb"


def test_notebooks_are_saved_from_one_clean_run():
    for path in ALL_NOTEBOOKS:
        cells = json.loads(Path(path).read_text(encoding="utf-8"))["cells"]
        counts = [c["execution_count"] for c in cells if c["cell_type"] == "code"]
        assert counts == list(range(1, len(counts) + 1)), path.name
        for cell in cells:
            for output in cell.get("outputs", []):
                assert output["output_type"] != "error", path.name
                assert output.get("name") != "stderr", f"{path.name} stores stderr output (a warning?)"


def _code_cells(path: Path) -> list[str]:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return ["".join(c["source"]) for c in cells if c["cell_type"] == "code"]





@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=[p.name for p in ALL_NOTEBOOKS])
def test_notebooks_stay_thin(path):
    # Logic lives in the package, where it is tested; notebooks only call it.
    for code in _code_cells(path):
        tree = ast.parse(code)
        defined = [n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.ClassDef)]
        assert not defined, f"{path.name} defines {defined}: move them into the claimlab package"


def test_every_article_sentence_appears_in_a_quiz():
    covered: set[str] = set()
    all_ids = set(load_sentences().index)
    for path in NOTEBOOKS.glob("*.ipynb"):
        for code in _code_cells(path):
            for node in ast.walk(ast.parse(code)):
                if not (isinstance(node, ast.Call) and getattr(node.func, "id", "") == "quiz"):
                    continue
                if not node.args or not (isinstance(node.args[0], ast.Constant) and node.args[0].value is None):
                    continue  # a quiz on another bank
                items = [k.value for k in node.keywords if k.arg == "items"]
                covered |= set(ast.literal_eval(items[0])) if items else all_ids
    assert covered == all_ids, f"never quizzed: {sorted(all_ids - covered)}"


def test_instructor_notebook_follows_the_skeleton():
    path = NOTEBOOKS / "instructor" / "class_results.ipynb"
    assert check_notebook_file(path, minutes=20, next_file="../../docs/teaching-guide.md") == []


def test_context_reference_appendix_follows_the_skeleton():
    # The appendix is not in the table of contents: 02_context links it, and it links back.
    path = NOTEBOOKS / "reference" / "02_context_reference.ipynb"
    assert check_notebook_file(path, minutes=45, next_file="../02_context.ipynb") == []


@pytest.mark.parametrize("name", ["answer-key", "contested"])
def test_teaching_guide_blocks_are_generated_from_the_data(name):
    from claimlab.guide import answer_key_markdown, contested_markdown

    guide = (PROJECT_ROOT / "docs" / "teaching-guide.md").read_text(encoding="utf-8")
    block = guide.split(f"<!-- {name}:start -->")[1].split(f"<!-- {name}:end -->")[0].strip()
    expected = {"answer-key": answer_key_markdown, "contested": contested_markdown}[name]()
    assert block == expected, "the guide is stale: run `.venv/bin/python tools/sync_readme.py`"
    if name == "answer-key":
        assert all(f"| {sentence_id} |" in block for sentence_id in load_sentences().index)
