"""The one list of the collection's notebooks (claimlab.paths.notebook_files)."""

from __future__ import annotations

from claimlab.paths import PROJECT_ROOT, notebook_files


def test_every_kind_of_notebook_is_listed_once_in_order():
    names = [path.relative_to(PROJECT_ROOT).as_posix() for path in notebook_files()]
    assert names == sorted(names) and len(names) == len(set(names))
    for expected in (
        "notebooks/00_start_here.ipynb",
        "notebooks/instructor/class_results.ipynb",
        "exercises/ex01_sources_and_cues.ipynb",
        "exercises/solutions/ex01_sources_and_cues.ipynb",
    ):
        assert expected in names


def test_jupyterlab_checkpoint_copies_are_left_out(tmp_path):
    checkpoint = "exercises/.ipynb_checkpoints/ex01-checkpoint.ipynb"
    for relative in ("notebooks/01_a.ipynb", "exercises/ex01.ipynb", checkpoint):
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relative).write_text("{}")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "other.ipynb").write_text("{}")  # outside the two notebook folders
    assert notebook_files(tmp_path) == [tmp_path / "exercises" / "ex01.ipynb", tmp_path / "notebooks" / "01_a.ipynb"]


def test_a_project_kept_under_a_checkpoints_folder_still_lists_its_notebooks(tmp_path):
    root = tmp_path / ".ipynb_checkpoints" / "project"  # only parts below the root count
    (root / "notebooks").mkdir(parents=True)
    (root / "notebooks" / "00.ipynb").write_text("{}")
    assert notebook_files(root) == [root / "notebooks" / "00.ipynb"]
