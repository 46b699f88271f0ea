"""The progress store: where it lives, concurrent writers, and an unreadable file set aside."""

from __future__ import annotations

import multiprocessing
import sqlite3
from pathlib import Path

import pytest

from claimlab import ProgressStore, StoreWarning
from claimlab.store import STORE_NAME, WHOLE_QUIZ, AnswerRefused, StoreVersionError, default_home

WRITES_PER_PROCESS = 300


def test_home_comes_from_claimlab_home(monkeypatch, tmp_path):
    monkeypatch.setenv("CLAIMLAB_HOME", str(tmp_path / "custom"))
    assert default_home() == tmp_path / "custom"
    store = ProgressStore()
    assert store.path == tmp_path / "custom" / STORE_NAME and store.path.exists()
    monkeypatch.delenv("CLAIMLAB_HOME")
    assert default_home() == Path.home() / ".claimlab"


def test_the_test_suite_never_uses_the_real_home():
    assert Path(default_home()) != Path.home() / ".claimlab"


def test_record_numbers_attempts_per_question(tmp_path):
    store = ProgressStore(tmp_path)
    common = {"learner": "l", "notebook": "nb", "quiz": "q", "item": "S01"}
    first = store.record(**common, dimension="source", answer="OUTLET", correct=True)
    second = store.record(**common, dimension="source", answer="GOVERNMENT:US", correct=False)
    other = store.record(**common, dimension="check_worthy", answer="YES", correct=True)
    note = store.record(
        **common, dimension="source", answer="OUTLET", correct=None, kind="justification", justification="x"
    )
    assert (first.attempt, second.attempt, other.attempt, note.attempt) == (1, 2, 1, 1)
    saved = ProgressStore(tmp_path).attempts()
    assert [a.answer for a in saved] == ["OUTLET", "GOVERNMENT:US", "YES", "OUTLET"]
    assert saved[1].correct is False and saved[3].correct is None and saved[3].justification == "x"
    assert ProgressStore(tmp_path).attempts(quiz="other") == []


def _write_many(home: str, learner: str, start, count: int) -> None:
    store = ProgressStore(home)
    start.wait()
    for n in range(count):
        # Both processes answer the same questions, so attempt numbers are contended too.
        store.record(
            learner="shared",
            notebook=learner,
            quiz="q",
            item=f"S{n % 5:02d}",
            dimension="source",
            answer="OUTLET",
            correct=True,
        )
        store.record(
            learner="shared", notebook="same", quiz="q", item="S01", dimension="source", answer=learner, correct=True
        )


def test_two_processes_writing_at_once_lose_nothing(tmp_path):
    context = multiprocessing.get_context("spawn")
    start = context.Event()
    workers = [
        context.Process(target=_write_many, args=(str(tmp_path), name, start, WRITES_PER_PROCESS))
        for name in ("one", "two")
    ]
    for worker in workers:
        worker.start()
    start.set()
    for worker in workers:
        worker.join(timeout=120)
        assert worker.exitcode == 0
    attempts = ProgressStore(tmp_path).attempts()
    assert len(attempts) == 2 * 2 * WRITES_PER_PROCESS
    same = [a for a in attempts if a.notebook == "same"]
    # One question written 600 times by two processes: every attempt number used exactly once.
    assert sorted(a.attempt for a in same) == list(range(1, 2 * WRITES_PER_PROCESS + 1))
    assert {a.answer for a in same} == {"one", "two"}


def test_an_unreadable_store_is_set_aside_not_deleted(tmp_path):
    (tmp_path / STORE_NAME).write_bytes(b"this is not a database" * 100)
    with pytest.warns(StoreWarning, match="could not be read") as caught:
        store = ProgressStore(tmp_path)
    assert store.set_aside is not None and store.set_aside.exists()
    assert store.set_aside.read_bytes() == b"this is not a database" * 100
    assert str(store.set_aside) in str(caught[0].message)
    assert "nothing in it was deleted" in str(caught[0].message)
    store.record(learner="l", notebook="nb", quiz="q", item="S01", dimension="source", answer="OUTLET", correct=True)
    assert len(ProgressStore(tmp_path).attempts()) == 1


def test_a_second_unreadable_store_does_not_overwrite_the_first(tmp_path):
    for content in (b"first broken file" * 50, b"second broken file" * 50):
        (tmp_path / STORE_NAME).unlink(missing_ok=True)
        for companion in tmp_path.glob(STORE_NAME + "-*"):
            companion.unlink()
        (tmp_path / STORE_NAME).write_bytes(content)
        with pytest.warns(StoreWarning):
            ProgressStore(tmp_path)
    kept = {p.read_bytes() for p in tmp_path.glob(f"{STORE_NAME}.unreadable-*")}
    assert kept == {b"first broken file" * 50, b"second broken file" * 50}


def test_a_store_from_a_newer_version_is_left_alone(tmp_path):
    path = tmp_path / STORE_NAME
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA user_version = 99")
    with pytest.raises(StoreVersionError, match="newer claimlab") as caught:
        ProgressStore(tmp_path)
    assert isinstance(caught.value, RuntimeError)  # what callers caught before it had a class
    assert path.exists()


def test_a_version_1_store_is_upgraded_with_every_answer_kept(tmp_path):
    """Stores written before reveals existed gain the 'reveal' kind; no saved answer is lost."""
    path = tmp_path / STORE_NAME
    connection = sqlite3.connect(path)
    connection.executescript(
        """
        CREATE TABLE attempts (
            id INTEGER PRIMARY KEY AUTOINCREMENT, learner TEXT NOT NULL, notebook TEXT NOT NULL,
            quiz TEXT NOT NULL, item TEXT NOT NULL, dimension TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('label', 'justification')), answer TEXT NOT NULL,
            justification TEXT NOT NULL DEFAULT '', correct INTEGER, attempt INTEGER NOT NULL,
            answered_at TEXT NOT NULL);
        INSERT INTO attempts VALUES (1, 'a', 'nb', 'q', 'S01', 'source', 'label', 'OUTLET', '', 1, 1,
                                     '2026-03-01T09:00:00+00:00');
        INSERT INTO attempts VALUES (2, 'a', 'nb', 'q', 'S23', 'source', 'justification', 'OUTLET', 'verb', NULL, 1,
                                     '2026-03-01T09:01:00+00:00');
        PRAGMA user_version = 1;
        """
    )
    connection.close()
    store = ProgressStore(tmp_path)
    kept = store.attempts()
    assert [(a.item, a.kind, a.answer, a.justification) for a in kept] == [
        ("S01", "label", "OUTLET", ""),
        ("S23", "justification", "OUTLET", "verb"),
    ]
    store.record(learner="a", notebook="nb", quiz="q", item="S01", dimension="source", answer="OUTLET",
                 correct=None, kind="reveal")  # fmt: skip
    assert store.attempts()[-1].kind == "reveal"
    store.close()
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == 2


# --- the assessment lock lives in the store ----------------------------------------------------


def _label(store, item="S04", answer="QUOTE", **options):
    return store.record(learner="ana", notebook="06", quiz="final", item=item, dimension="statement_type",
                        answer=answer, correct=None, **options)  # fmt: skip


def test_an_assessment_question_takes_one_answer_across_stores(tmp_path):
    first, second = ProgressStore(tmp_path), ProgressStore(tmp_path)  # two notebooks of one learner
    _label(first, assessment=True)
    with pytest.raises(AnswerRefused, match="already answered \\(QUOTE\\) in another notebook") as refused:
        _label(second, answer="FACT", assessment=True)
    assert refused.value.existing.answer == "QUOTE" and not refused.value.closed
    assert [a.answer for a in second.attempts()] == ["QUOTE"]  # nothing was written
    assert _label(second, answer="FACT").attempt == 2  # practice answers are never refused


def test_a_closed_assessment_takes_nothing_more_from_any_store(tmp_path):
    first, second = ProgressStore(tmp_path), ProgressStore(tmp_path)
    first.record(learner="ana", notebook="06", quiz="final", item=WHOLE_QUIZ, dimension=WHOLE_QUIZ, answer="",
                 correct=None, kind="reveal", assessment=True)  # fmt: skip
    with pytest.raises(AnswerRefused, match="closed in another notebook") as refused:
        _label(second, item="S28", assessment=True)
    assert refused.value.closed
    with pytest.raises(AnswerRefused):
        second.record(learner="ana", notebook="06", quiz="final", item="S23", dimension="statement_type",
                      answer="FRAMING", correct=None, kind="justification", justification="why",
                      assessment=True)  # fmt: skip
    # Another learner, notebook or quiz is not locked by it.
    assert second.record(learner="ben", notebook="06", quiz="final", item="S28", dimension="statement_type",
                         answer="FACT", correct=None, assessment=True).attempt == 1  # fmt: skip
