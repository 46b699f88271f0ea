"""The progress store on awkward ground: another program's file, and a folder it cannot write to."""

from __future__ import annotations

import os
import sqlite3

import pytest

from claimlab import DataError, ProgressStore, StoreWarning
from claimlab.errors import StoreHomeError
from claimlab.store import STORE_NAME

ANSWER = {"learner": "l", "notebook": "nb", "quiz": "q", "item": "S01", "dimension": "source"}


def _make_store(path, script: str) -> None:
    connection = sqlite3.connect(path)
    connection.executescript(script)
    connection.close()


@pytest.mark.parametrize(
    ("script", "named"),
    [
        # An attempts table with other columns: the index on (learner, notebook, ...) cannot be made.
        ("CREATE TABLE attempts (id INTEGER PRIMARY KEY, who TEXT, what TEXT);"
         "INSERT INTO attempts VALUES (1, 'me', 'an answer');", "other columns"),
        # A store that also holds a table this version never made.
        ("CREATE TABLE attempts (id INTEGER PRIMARY KEY AUTOINCREMENT, learner TEXT NOT NULL, notebook TEXT NOT NULL,"
         " quiz TEXT NOT NULL, item TEXT NOT NULL, dimension TEXT NOT NULL, kind TEXT NOT NULL, answer TEXT NOT NULL,"
         " justification TEXT NOT NULL DEFAULT '', correct INTEGER, attempt INTEGER NOT NULL,"
         " answered_at TEXT NOT NULL); CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('an answer');",
         "table 'notes'"),
        # Another program's database, with no attempts table at all but a version number.
        ("CREATE TABLE answers (text TEXT); INSERT INTO answers VALUES ('an answer'); PRAGMA user_version = 2;",
         "table 'answers'"),
        # A version-2 store whose attempts table does not allow every kind of answer.
        ("CREATE TABLE attempts (id INTEGER PRIMARY KEY AUTOINCREMENT, learner TEXT NOT NULL, notebook TEXT NOT NULL,"
         " quiz TEXT NOT NULL, item TEXT NOT NULL, dimension TEXT NOT NULL,"
         " kind TEXT NOT NULL CHECK (kind IN ('label', 'justification')), answer TEXT NOT NULL,"
         " justification TEXT NOT NULL DEFAULT '', correct INTEGER, attempt INTEGER NOT NULL,"
         " answered_at TEXT NOT NULL); PRAGMA user_version = 2;", "every kind"),
    ],
    ids=["other-columns", "extra-table", "another-programs-file", "old-kinds-marked-new"],
)  # fmt: skip
def test_a_store_with_a_foreign_schema_is_set_aside_not_deleted(tmp_path, script, named):
    path = tmp_path / STORE_NAME
    _make_store(path, script)
    before = path.read_bytes()
    with pytest.warns(StoreWarning, match="could not be read") as caught:
        store = ProgressStore(tmp_path)
    message = str(caught[0].message)
    assert named in message and str(store.set_aside) in message and "nothing in it was deleted" in message
    assert store.set_aside.read_bytes() == before  # moved as it was, every byte kept
    store.record(**ANSWER, answer="OUTLET", correct=True)  # the quiz goes on with a new store
    assert [a.answer for a in ProgressStore(tmp_path).attempts()] == ["OUTLET"]


def test_the_quiz_opens_on_a_foreign_store_and_says_where_it_was_moved(monkeypatch, tmp_path):
    from claimlab import quiz

    _make_store(tmp_path / STORE_NAME, "CREATE TABLE attempts (id INTEGER PRIMARY KEY, who TEXT);")
    monkeypatch.setenv("CLAIMLAB_HOME", str(tmp_path))
    widget = quiz(None, items=["S04"], notebook="nb", quiz_id="q")  # was: sqlite3 "no such column"
    moved = widget.quiz.store.set_aside
    assert moved is not None and moved.exists() and str(moved) in repr(widget) + str(widget.children)
    widget.quiz.answer("S04", "source", "GOVERNMENT:CHINA")
    assert len(ProgressStore(tmp_path).attempts()) == 1


def test_a_version_1_store_is_not_mistaken_for_a_foreign_one(tmp_path):
    _make_store(
        tmp_path / STORE_NAME,
        "CREATE TABLE attempts (id INTEGER PRIMARY KEY AUTOINCREMENT, learner TEXT NOT NULL, notebook TEXT NOT NULL,"
        " quiz TEXT NOT NULL, item TEXT NOT NULL, dimension TEXT NOT NULL,"
        " kind TEXT NOT NULL CHECK (kind IN ('label', 'justification')), answer TEXT NOT NULL,"
        " justification TEXT NOT NULL DEFAULT '', correct INTEGER, attempt INTEGER NOT NULL,"
        " answered_at TEXT NOT NULL); PRAGMA user_version = 1;",
    )
    store = ProgressStore(tmp_path)
    assert store.set_aside is None
    store.record(**ANSWER, answer="OUTLET", correct=None, kind="reveal")
    assert list(tmp_path.glob(f"{STORE_NAME}.unreadable-*")) == []


def _assert_clear(error: StoreHomeError, folder, *, from_variable: bool) -> None:
    message = str(error)
    assert isinstance(error, DataError) and error.path == folder and str(folder) in message
    assert "unable to open database file" not in message.split("(")[0]
    if from_variable:
        assert "CLAIMLAB_HOME environment variable" in message
    assert "writable" in message and "set CLAIMLAB_HOME to a folder" in message


def test_a_home_below_a_regular_file_is_a_clear_error(monkeypatch, tmp_path):
    """Fails even for root, who can write anywhere else."""
    (tmp_path / "notes.txt").write_text("not a folder", encoding="utf-8")
    home = tmp_path / "notes.txt" / "claimlab"
    monkeypatch.setenv("CLAIMLAB_HOME", str(home))
    with pytest.raises(StoreHomeError) as caught:
        ProgressStore()
    _assert_clear(caught.value, home, from_variable=True)
    assert "notes.txt is a file, not a folder" in str(caught.value)


def test_a_home_that_is_a_file_is_a_clear_error(monkeypatch, tmp_path):
    home = tmp_path / "claimlab"
    home.write_text("", encoding="utf-8")
    monkeypatch.setenv("CLAIMLAB_HOME", str(home))
    with pytest.raises(StoreHomeError) as caught:
        ProgressStore()
    _assert_clear(caught.value, home, from_variable=True)


def test_a_store_sqlite_cannot_open_is_a_clear_error_not_sqlites_words(monkeypatch, tmp_path):
    """SQLite itself fails here ("unable to open database file"), even for root."""
    (tmp_path / STORE_NAME).mkdir()
    monkeypatch.setenv("CLAIMLAB_HOME", str(tmp_path))
    with pytest.raises(StoreHomeError) as caught:
        ProgressStore()
    _assert_clear(caught.value, tmp_path, from_variable=True)
    assert isinstance(caught.value.__cause__, sqlite3.OperationalError)


def test_the_default_home_is_named_when_claimlab_home_is_not_set(monkeypatch, tmp_path):
    (tmp_path / ".claimlab").write_text("", encoding="utf-8")
    monkeypatch.delenv("CLAIMLAB_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    with pytest.raises(StoreHomeError, match=r"~/\.claimlab \(CLAIMLAB_HOME is not set\)"):
        ProgressStore()


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root may write to a read-only folder")
@pytest.mark.parametrize("existing", [False, True])
def test_a_read_only_home_is_a_clear_error(monkeypatch, tmp_path, existing):
    home = tmp_path / "home"
    home.mkdir()
    if existing:
        ProgressStore(home).close()
        for companion in home.glob(STORE_NAME + "-*"):
            companion.unlink()
    home.chmod(0o500)
    try:
        monkeypatch.setenv("CLAIMLAB_HOME", str(home))
        with pytest.raises(StoreHomeError) as caught:
            store = ProgressStore()
            store.record(**ANSWER, answer="OUTLET", correct=True)
        _assert_clear(caught.value, home, from_variable=True)
    finally:
        home.chmod(0o700)
