"""Quiz logic with no widget code: items in, answers in, results and scores out.

A :class:`Quiz` is built from sentence rows (the article's table or any quiz bank of the same
columns) for one or more codebook dimensions. :meth:`Quiz.answer` grades one label and explains
it; contested dimensions are not graded but take a written justification
(:meth:`Quiz.justify`). When a :class:`~claimlab.store.ProgressStore` is given, every attempt is
saved and a new Quiz on the same store starts from the saved answers.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .codebook import Codebook, load_codebook
from .sentences import load_quiz_bank, load_sentences, parse_competing_labels
from .store import Attempt, ProgressStore

MODES = ("practice", "assessment")
DEFAULT_LEARNER = "learner"


class QuizError(ValueError):
    """An answer the quiz cannot take: unknown item, dimension or label, or a locked question."""


@dataclass(frozen=True)
class QuizItem:
    """One sentence to classify, with its key and what the learner needs to understand it."""

    id: str
    text: str
    paragraph: int
    part: str
    cue: str
    explanation: str
    keys: dict[str, str]
    #: Dimension -> the competing labels, for dimensions that are contested (not graded).
    contested: dict[str, tuple[str, ...]] = field(default_factory=dict)
    contested_rule: str = ""
    #: The sentences of the same paragraph, in order, so a view can show the context.
    paragraph_text: tuple[str, ...] = ()

    def is_contested(self, dimension: str) -> bool:
        return dimension in self.contested


@dataclass(frozen=True)
class AnswerResult:
    item_id: str
    dimension: str
    chosen: str
    key: str
    correct: bool
    attempt: int
    #: Why the answer is right or wrong, for this dimension only.
    reason: str
    #: The whole message a learner reads: the reason, then the sentence's explanation.
    feedback: str


@dataclass(frozen=True)
class Justification:
    item_id: str
    dimension: str
    label: str
    text: str
    attempt: int


@dataclass(frozen=True)
class Score:
    answered: int
    correct: int
    total: int

    def __str__(self) -> str:
        return f"{self.answered} of {self.total} answered, {self.correct} correct"


# -- building items ------------------------------------------------------------------------------


def items_from_frame(frame: pd.DataFrame, dimensions: Sequence[str]) -> list[QuizItem]:
    """Quiz items from a sentence table (indexed by id), in table order."""
    items = []
    for item_id, row in frame.iterrows():
        competing = parse_competing_labels(row["competing_labels"]) if row["contested"] else {}
        same_paragraph = frame[frame["paragraph"] == row["paragraph"]]["text"]
        items.append(
            QuizItem(
                id=str(item_id),
                text=row["text"],
                paragraph=int(row["paragraph"]),
                part=row["part"],
                cue=row["cue"],
                explanation=row["explanation"],
                keys={dimension: row[dimension] for dimension in dimensions},
                contested={d: labels for d, labels in competing.items() if d in dimensions},
                contested_rule=row["contested_rule"],
                paragraph_text=tuple(same_paragraph),
            )
        )
    return items


# -- feedback: pure functions --------------------------------------------------------------------


def explain_answer(item: QuizItem, dimension: str, chosen: str, codebook: Codebook) -> tuple[bool, str]:
    """Whether ``chosen`` is the key for ``item`` on ``dimension``, and the reason in words.

    A right answer is confirmed with the rule that decides it. A wrong one gets the codebook's
    text for that confusion (or, where the codebook has none, the key's definition and rule),
    plus a pointer to the sentence's cue where the cue is what decides.
    """
    key = item.keys[dimension]
    key_label = codebook[dimension].label(key)
    if chosen == key:
        return True, f"Correct: {key} ({key_label.name}). The rule that decides: {key_label.decision_rule}"
    chosen_label = codebook[dimension].label(chosen)
    specific = codebook.confusion_feedback(dimension, chosen, key)
    if specific is None:
        specific = (
            f"{chosen} ({chosen_label.name}) does not fit this sentence. {key} means: {key_label.definition} "
            f"The rule: {key_label.decision_rule}"
        )
    reason = f"Not quite: you chose {chosen} ({chosen_label.name}); the key is {key} ({key_label.name}). {specific}"
    hint = _cue_hint(item, dimension)
    return False, f"{reason} {hint}" if hint else reason


def _cue_hint(item: QuizItem, dimension: str) -> str:
    if dimension not in ("statement_type", "source"):
        return ""
    if item.cue:
        cues = " and ".join(f"\u201c{cue.strip()}\u201d" for cue in item.cue.split(";") if cue.strip())
        return f"Look at the cue in this sentence: {cues}."
    return "This sentence has no attribution cue: nothing in it hands the main point to anyone else."


# -- the quiz ------------------------------------------------------------------------------------


class Quiz:
    """Grades, explains and remembers answers to a set of items on some codebook dimensions.

    ``mode="practice"`` allows retries; ``mode="assessment"`` takes one answer per question (a
    view shows feedback only at the end). ``store`` is optional: without it nothing is saved.
    """

    def __init__(
        self,
        items: Sequence[QuizItem],
        dimensions: Sequence[str],
        *,
        codebook: Codebook | None = None,
        mode: str = "practice",
        store: ProgressStore | None = None,
        notebook: str = "notebook",
        quiz_id: str = "quiz",
        learner: str | None = None,
    ) -> None:
        if mode not in MODES:
            raise QuizError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
        if not items:
            raise QuizError("a quiz needs at least one item")
        self.codebook = codebook if codebook is not None else load_codebook()
        check_dimensions(dimensions, self.codebook)
        self.items = list(items)
        self.dimensions = tuple(dimensions)
        self.mode = mode
        self.store = store
        self.notebook = notebook
        self.quiz_id = quiz_id
        self.learner = learner or os.environ.get("CLAIMLAB_LEARNER", DEFAULT_LEARNER)
        self._by_id = {item.id: item for item in self.items}
        for item in self.items:
            for dimension, key in item.keys.items():
                if key not in self.codebook.labels(dimension):
                    raise QuizError(f"{item.id}: its {dimension} key {key!r} is not a label of the quiz's codebook")
        self._latest: dict[tuple[str, str], AnswerResult] = {}
        self._justifications: dict[tuple[str, str], Justification] = {}
        self._attempt_counts: dict[tuple[str, str, str], int] = {}
        if store is not None:
            self._restore(store.attempts(learner=self.learner, notebook=notebook, quiz=quiz_id))

    # -- questions ---------------------------------------------------------------------------

    def item(self, item_id: str) -> QuizItem:
        try:
            return self._by_id[item_id]
        except KeyError:
            raise QuizError(f"no item {item_id!r} in this quiz") from None

    def graded_questions(self) -> list[tuple[str, str]]:
        """(item id, dimension) pairs that are auto-graded: every non-contested one."""
        return [(i.id, d) for i in self.items for d in self.dimensions if not i.is_contested(d)]

    def discussion_questions(self) -> list[tuple[str, str]]:
        return [(i.id, d) for i in self.items for d in self.dimensions if i.is_contested(d)]

    def options(self, dimension: str, item_id: str | None = None) -> tuple[str, ...]:
        """The labels offered, in codebook order (fixed, so outputs never depend on chance)."""
        if item_id is not None and self.item(item_id).is_contested(dimension):
            return self.item(item_id).contested[dimension]
        return self.codebook.labels(dimension)

    # -- answering ---------------------------------------------------------------------------

    def answer(self, item_id: str, dimension: str, label: str) -> AnswerResult:
        """Grade ``label`` for one item on one dimension, save it, and explain the result."""
        item = self._check_question(item_id, dimension)
        if item.is_contested(dimension):
            raise QuizError(
                f"{item_id} is contested on {dimension}: it is a discussion card, not graded; use justify()"
            )
        if label not in self.codebook.labels(dimension):
            raise QuizError(
                f"{label!r} is not a {dimension} label; choose one of {', '.join(self.codebook.labels(dimension))}"
            )
        if self.mode == "assessment" and (item_id, dimension) in self._latest:
            raise QuizError(f"{item_id} {dimension} is already answered; an assessment takes one answer")
        correct, reason = explain_answer(item, dimension, label, self.codebook)
        attempt = self._save(item_id, dimension, label, correct)
        result = AnswerResult(
            item_id, dimension, label, item.keys[dimension], correct, attempt, reason, f"{reason}\n\n{item.explanation}"
        )
        self._latest[(item_id, dimension)] = result
        return result

    def justify(self, item_id: str, dimension: str, label: str, text: str) -> Justification:
        """Save a learner's label and written reason for a contested (discussion) question."""
        item = self._check_question(item_id, dimension)
        if not item.is_contested(dimension):
            raise QuizError(f"{item_id} is not contested on {dimension}; use answer()")
        if label not in item.contested[dimension]:
            raise QuizError(f"{label!r} is not one of the competing labels {', '.join(item.contested[dimension])}")
        text = text.strip()
        if not text:
            raise QuizError("write a sentence or two on why you chose this label")
        attempt = self._save(item_id, dimension, label, None, kind="justification", justification=text)
        saved = Justification(item_id, dimension, label, text, attempt)
        self._justifications[(item_id, dimension)] = saved
        return saved

    def _check_question(self, item_id: str, dimension: str) -> QuizItem:
        item = self.item(item_id)
        if dimension not in self.dimensions:
            raise QuizError(f"this quiz asks about {', '.join(self.dimensions)}, not {dimension!r}")
        return item

    def _save(self, item_id, dimension, label, correct, kind="label", justification="") -> int:
        """Save an attempt (when there is a store) and return its number for this question."""
        counter = (item_id, dimension, kind)
        if self.store is None:
            self._attempt_counts[counter] = self._attempt_counts.get(counter, 0) + 1
            return self._attempt_counts[counter]
        saved = self.store.record(
            learner=self.learner,
            notebook=self.notebook,
            quiz=self.quiz_id,
            item=item_id,
            dimension=dimension,
            answer=label,
            correct=correct,
            kind=kind,
            justification=justification,
        )
        return saved.attempt

    def _restore(self, attempts: list[Attempt]) -> None:
        """Rebuild the latest answer to each question from saved attempts (oldest first)."""
        for attempt in attempts:
            if attempt.item not in self._by_id or attempt.dimension not in self.dimensions:
                continue  # saved by an older version of this quiz: kept in the store, not shown
            item = self._by_id[attempt.item]
            if attempt.kind == "justification":
                if item.is_contested(attempt.dimension):
                    self._justifications[(attempt.item, attempt.dimension)] = Justification(
                        attempt.item, attempt.dimension, attempt.answer, attempt.justification, attempt.attempt
                    )
                continue
            if item.is_contested(attempt.dimension) or attempt.answer not in self.codebook.labels(attempt.dimension):
                continue
            # Re-grade against today's key, so a corrected key is reflected in the score.
            correct, reason = explain_answer(item, attempt.dimension, attempt.answer, self.codebook)
            self._latest[(attempt.item, attempt.dimension)] = AnswerResult(
                attempt.item,
                attempt.dimension,
                attempt.answer,
                item.keys[attempt.dimension],
                correct,
                attempt.attempt,
                reason,
                f"{reason}\n\n{item.explanation}",
            )

    # -- state -------------------------------------------------------------------------------

    def latest(self, item_id: str, dimension: str) -> AnswerResult | None:
        return self._latest.get((item_id, dimension))

    def justification(self, item_id: str, dimension: str) -> Justification | None:
        return self._justifications.get((item_id, dimension))

    def is_item_done(self, item_id: str) -> bool:
        item = self.item(item_id)
        return all(
            (self.justification(item_id, d) if item.is_contested(d) else self.latest(item_id, d)) is not None
            for d in self.dimensions
        )

    def score(self) -> Score:
        graded = self.graded_questions()
        latest = [self._latest.get(question) for question in graded]
        answered = [result for result in latest if result is not None]
        return Score(len(answered), sum(result.correct for result in answered), len(graded))

    @property
    def finished(self) -> bool:
        return all(self.is_item_done(item.id) for item in self.items)

    def results_frame(self) -> pd.DataFrame:
        """The latest answer to every graded question, one row each, for a summary or analysis."""
        records = []
        for item_id, dimension in self.graded_questions():
            result = self._latest.get((item_id, dimension))
            records.append(
                {
                    "item": item_id,
                    "dimension": dimension,
                    "answer": result.chosen if result else None,
                    "key": self.item(item_id).keys[dimension],
                    "correct": result.correct if result else None,
                    "attempts": result.attempt if result else 0,
                }
            )
        return pd.DataFrame.from_records(records, columns=["item", "dimension", "answer", "key", "correct", "attempts"])


def check_dimensions(dimensions: Sequence[str], codebook: Codebook) -> None:
    unknown = [d for d in dimensions if d not in codebook.dimensions]
    if unknown or not dimensions:
        raise QuizError(
            f"no dimension {', '.join(map(repr, unknown)) or '(none given)'}; "
            f"choose from {', '.join(codebook.dimensions)}"
        )


def build_quiz(
    bank: str | Path | pd.DataFrame | None = None,
    dimensions: Sequence[str] = ("statement_type", "source", "check_worthy"),
    *,
    items: Sequence[str] | None = None,
    codebook: Codebook | None = None,
    **options,
) -> Quiz:
    """A Quiz over the article's sentences (``bank=None``), a quiz-bank file, or a sentence table.

    ``items`` picks sentence ids, in the order given. Other keyword arguments go to :class:`Quiz`.
    """
    codebook = codebook if codebook is not None else load_codebook()
    check_dimensions(dimensions, codebook)
    # The bank is validated against the main codebook; ``codebook`` is the one the quiz grades
    # with, which may be another (the story-parts codebook grades the ``part`` column).
    if bank is None:
        frame = load_sentences()
    elif isinstance(bank, pd.DataFrame):
        frame = bank
    else:
        frame = load_quiz_bank(bank)
    all_items = items_from_frame(frame, dimensions)
    if items is not None:
        by_id = {item.id: item for item in all_items}
        unknown = [i for i in items if i not in by_id]
        if unknown:
            raise QuizError(f"no item(s) {', '.join(unknown)} in the quiz bank")
        all_items = [by_id[i] for i in items]
    return Quiz(all_items, dimensions, codebook=codebook, **options)
