"""Live hand-in: one file per learner in the class folder, written atomically, read by the teacher's side."""

from __future__ import annotations

import json
import os
import stat

import pytest

from claimlab import ProgressStore, build_quiz
from claimlab.classroom import read_class
from claimlab.errors import DataError
from claimlab.export import EXPORT_SCHEMA, PSEUDONYM
from claimlab.handin import (
    HANDIN_ENV,
    HandInError,
    hand_in,
    hand_in_button,
    handed_in,
    handin_folder,
    handin_monitor,
    learner_slug,
    read_handins,
)
from claimlab.quiz import DEFAULT_LEARNER, default_learner

ALL = ("statement_type", "source", "check_worthy")


def answered(store: ProgressStore, learner: str, answers=(("S04", "source", "STATE_MEDIA"),)) -> None:
    quiz = build_quiz(None, ALL, items=["S04", "S23"], store=store, notebook="00_start_here", quiz_id="q",
                      learner=learner)  # fmt: skip
    for item, dimension, label in answers:
        quiz.answer(item, dimension, label)


@pytest.fixture
def store(tmp_path) -> ProgressStore:
    return ProgressStore(tmp_path / "home")


@pytest.fixture
def folder(tmp_path, monkeypatch):
    path = tmp_path / "handin"
    path.mkdir()
    monkeypatch.setenv(HANDIN_ENV, str(path))
    return path


# -- the learner's name ---------------------------------------------------------------------------


def test_learner_defaults_to_the_hub_user_then_to_learner(monkeypatch):
    monkeypatch.delenv("CLAIMLAB_LEARNER", raising=False)
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    assert default_learner() == DEFAULT_LEARNER
    monkeypatch.setenv("JUPYTERHUB_USER", "learner-07")
    assert default_learner() == "learner-07"
    monkeypatch.setenv("CLAIMLAB_LEARNER", "  ")  # empty counts as unset
    assert default_learner() == "learner-07"
    monkeypatch.setenv("CLAIMLAB_LEARNER", "chosen")
    assert default_learner() == "chosen"


def test_a_quiz_on_a_hub_saves_under_the_hub_user_and_the_hand_in_still_pseudonymises(
    store, folder, monkeypatch
):
    monkeypatch.delenv("CLAIMLAB_LEARNER", raising=False)
    monkeypatch.setenv("JUPYTERHUB_USER", "jane.doe")
    quiz = build_quiz(None, ALL, items=["S04"], store=store, notebook="nb", quiz_id="q")
    quiz.answer("S04", "source", "STATE_MEDIA")
    assert [a.learner for a in store.attempts()] == ["jane.doe"]
    result = hand_in("blue-heron-7", store=store)
    text = result.path.read_text(encoding="utf-8")
    assert "jane" not in text.lower() and json.loads(text)["pseudonym"] == "blue-heron-7"


# -- safe file names ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["alice", "learner-07", "a_b", "x" * 40])
def test_a_safe_name_is_kept(name):
    assert learner_slug(name) == name


@pytest.mark.parametrize(
    "name",
    ["../../etc/passwd", "/etc/passwd", "../x", "a/b", "a\\b", ".hidden", "-rf", "Jane Doe", "jane@example.org",
     "Zoë", "x" * 60, "a\x00b", "C:\\Users\\x", "..\\..\\x"],
)  # fmt: skip
def test_unsafe_names_become_one_plain_file_name(name, tmp_path):
    slug = learner_slug(name)
    assert PSEUDONYM.match(slug) and len(slug) <= 40
    assert "/" not in slug and "\\" not in slug and not slug.startswith((".", "-"))
    assert (tmp_path / f"{slug}.json").resolve().parent == tmp_path.resolve()


def test_names_that_look_alike_do_not_share_a_file():
    assert len({learner_slug(n) for n in ["a.b", "a-b", "a b", "A-B", "a/b"]}) == 5


@pytest.mark.parametrize("name", ["", "..", "/", "...", "@@@", "\u4e2d\u6587"])
def test_a_name_without_letters_or_digits_is_refused(name):
    with pytest.raises(HandInError, match="no letters or digits"):
        learner_slug(name)


def test_traversal_in_the_learner_name_stays_in_the_folder(store, folder, tmp_path):
    answered(store, "../../outside")
    result = hand_in(store=store, learner="../../outside")
    assert result.done and result.path.parent == folder
    assert [p.name for p in folder.iterdir()] == [result.path.name]
    assert not any(p.suffix == ".json" for p in tmp_path.iterdir())


# -- handing in -----------------------------------------------------------------------------------


def test_hand_in_writes_one_export_per_learner_read_by_the_class_reader(store, folder):
    answered(store, "alice", [("S04", "source", "STATE_MEDIA"), ("S04", "source", "GOVERNMENT:CHINA")])
    answered(store, "bob")
    first = hand_in(store=store, learner="alice")
    second = hand_in("owl-3", store=store, learner="bob")
    assert first.done and first.answers == 2 and first.path == folder / "alice.json"
    assert second.answers == 1 and second.path == folder / "bob.json"
    assert "Handed in 2 saved answers" in repr(first)
    document = json.loads(first.path.read_text(encoding="utf-8"))
    assert document["schema"] == EXPORT_SCHEMA and document["pseudonym"] == "alice"
    assert [a["answer"] for a in document["attempts"]] == ["STATE_MEDIA", "GOVERNMENT:CHINA"]
    assert [a["correct"] for a in document["attempts"]] == ["no", "yes"]
    answers = read_class(folder)
    assert answers.problems == [] and answers.learners == ["alice", "owl-3"]
    assert stat.S_IMODE(first.path.stat().st_mode) == 0o644
    assert sorted(p.name for p in folder.iterdir()) == ["alice.json", "bob.json"]  # no temporary left behind


def test_handing_in_again_replaces_the_same_file_atomically(store, folder, monkeypatch):
    answered(store, "alice")
    first = hand_in(store=store, learner="alice")
    inode = first.path.stat().st_ino
    answered(store, "alice", [("S04", "source", "GOVERNMENT:CHINA")])
    replaced = []
    real_replace = os.replace

    def watching_replace(source, target):
        if os.path.dirname(target) != str(folder):  # the export's own temporary files
            return real_replace(source, target)
        # At the moment of the swap the old file is still whole and the new one complete beside it.
        assert json.loads(open(target, encoding="utf-8").read())["attempts"][0]["answer"] == "STATE_MEDIA"
        assert len(json.loads(open(source, encoding="utf-8").read())["attempts"]) == 2
        assert os.path.dirname(os.path.dirname(source)) == str(folder)  # same file system: a real rename
        replaced.append((source, target))
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", watching_replace)
    second = hand_in(store=store, learner="alice")
    assert replaced and replaced[0][1] == first.path == second.path
    assert second.answers == 2 and second.path.stat().st_ino != inode
    assert [p.name for p in folder.iterdir()] == ["alice.json"]


def test_a_failed_hand_in_leaves_the_earlier_one_untouched(store, folder, monkeypatch):
    answered(store, "alice")
    first = hand_in(store=store, learner="alice")
    before = first.path.read_bytes()
    answered(store, "alice", [("S04", "source", "GOVERNMENT:CHINA")])

    real_replace = os.replace

    def broken_replace(source, target):
        if os.path.dirname(target) != str(folder):
            return real_replace(source, target)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(HandInError, match="No space left on device") as caught:
        hand_in(store=store, learner="alice")
    assert caught.value.path == folder
    assert first.path.read_bytes() == before
    assert [p.name for p in folder.iterdir()] == ["alice.json"]


def test_nothing_saved_means_nothing_handed_in(store, folder):
    result = hand_in(store=store, learner="nobody")
    assert not result.done and "no saved answers" in result.message
    assert list(folder.iterdir()) == []


def test_an_unusable_pseudonym_is_refused_before_anything_is_written(store, folder):
    answered(store, "alice")
    with pytest.raises(ValueError, match="cannot be used as a pseudonym"):
        hand_in("Jane Doe", store=store, learner="alice")
    assert list(folder.iterdir()) == []


# -- clear errors ---------------------------------------------------------------------------------


def test_no_folder_configured_names_the_variable(store, monkeypatch):
    monkeypatch.delenv(HANDIN_ENV, raising=False)
    with pytest.raises(HandInError) as caught:
        hand_in(store=store, learner="alice")
    assert isinstance(caught.value, DataError)
    assert str(caught.value).startswith(f"{HANDIN_ENV}: is not set")
    assert "export_answers" in str(caught.value)


def test_a_missing_folder_is_named_with_the_variable(tmp_path, monkeypatch):
    missing = tmp_path / "not-mounted"
    monkeypatch.setenv(HANDIN_ENV, str(missing))
    with pytest.raises(HandInError, match="does not exist") as caught:
        handin_folder()
    assert caught.value.path == missing and HANDIN_ENV in str(caught.value)
    assert not missing.exists()  # never created: a missing shared folder is a mount that failed


def test_a_file_instead_of_a_folder(tmp_path):
    file = tmp_path / "handin"
    file.write_text("x")
    with pytest.raises(HandInError, match="is a file, not a folder"):
        handin_folder(file)


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_a_read_only_folder_is_named(store, folder):
    answered(store, "alice")
    folder.chmod(0o555)
    try:
        with pytest.raises(HandInError, match="read-only for you") as caught:
            hand_in(store=store, learner="alice")
    finally:
        folder.chmod(0o755)
    assert caught.value.path == folder and HANDIN_ENV in str(caught.value)


def test_a_read_only_folder_is_refused_even_for_root(store, folder, monkeypatch):
    answered(store, "alice")
    monkeypatch.setattr(os, "access", lambda path, mode: False)
    with pytest.raises(HandInError, match="read-only for you"):
        hand_in(store=store, learner="alice")
    assert list(folder.iterdir()) == []


# -- the button and the teacher's side ------------------------------------------------------------


def test_the_button_hands_in_and_says_so_in_a_status(store, folder):
    answered(store, "alice")
    box = hand_in_button(store=store, learner="alice")
    button, status = box.children
    assert button.description == "Hand in my answers"
    button.click()
    assert 'role="status"' in status.value and "Handed in 1 saved answers" in status.value
    assert (folder / "alice.json").exists()


def test_the_button_shows_an_error_instead_of_raising(store, monkeypatch):
    monkeypatch.delenv(HANDIN_ENV, raising=False)
    box = hand_in_button(store=store, learner="alice")
    box.press()
    assert "Not handed in" in box.children[1].value and HANDIN_ENV in box.children[1].value


def test_the_teacher_sees_who_handed_in_when_and_how_much(store, folder):
    answered(store, "alice", [("S04", "source", "STATE_MEDIA"), ("S04", "source", "GOVERNMENT:CHINA")])
    answered(store, "bob")
    hand_in(store=store, learner="alice")
    hand_in("owl-3", store=store, learner="bob")
    (folder / "stray.txt").write_text("not an export")
    table = handed_in()
    assert sorted(table["learner"]) == ["alice", "bob"]
    rows = table.set_index("learner")
    assert rows.loc["alice", "answers"] == 2 and rows.loc["bob", "answers"] == 1
    assert rows.loc["bob", "pseudonym"] == "owl-3" and rows.loc["alice", "handed_in_at"].endswith("+00:00")
    assert [p.file for p in table.attrs["problems"]] == ["stray.txt"]
    assert read_handins().learners == ["alice", "owl-3"]


def test_an_empty_folder_has_no_hand_ins(folder):
    table = handed_in()
    assert table.empty and list(table.columns) == ["learner", "pseudonym", "handed_in_at", "answers", "file"]


def test_the_teachers_monitor_lists_hand_ins_and_refreshes_on_demand(store, folder):
    monitor = handin_monitor()
    assert repr(monitor) == "0 learner(s) have handed in."
    answered(store, "alice")
    hand_in(store=store, learner="alice")
    monitor.refresh()  # what the Refresh button does during the lesson
    shown = monitor.children[1].value
    assert repr(monitor) == "1 learner(s) have handed in." and "alice" in shown and 'role="status"' in shown


def test_without_a_hand_in_folder_the_monitor_says_so_instead_of_failing(monkeypatch):
    monkeypatch.delenv(HANDIN_ENV, raising=False)
    monitor = handin_monitor()
    assert repr(monitor).startswith("No live hand-in here:") and HANDIN_ENV in repr(monitor)
