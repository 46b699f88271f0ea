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

from .codebook import REQUIRED_DIMENSIONS, Codebook, article_codebook, bank_codebook, load_codebook, upgrade_label
from .errors import ClaimlabError
from .sentences import load_quiz_bank, load_sentences, parse_competing_labels, resolve_bank
from .store import WHOLE_QUIZ, AnswerRefused, Attempt, ProgressStore
from .tables import split_list

MODES = ("practice", "assessment")
RESULT_COLUMNS = [
    "item", "dimension", "answer", "key", "correct", "attempts", "first_answer", "first_correct", "revealed",
]  # fmt: skip
DEFAULT_LEARNER = "learner"


def default_learner() -> str:
    """Whose answers are saved: ``CLAIMLAB_LEARNER``, else ``JUPYTERHUB_USER`` (a JupyterHub sets it), else "learner".

    Only the progress store keeps this name; an export replaces it with the pseudonym given.
    """
    named = os.environ.get("CLAIMLAB_LEARNER", "").strip()
    return named or os.environ.get("JUPYTERHUB_USER", "").strip() or DEFAULT_LEARNER


class QuizError(ClaimlabError, ValueError):
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
    #: Dimension -> why this sentence has its key on that dimension, naming no other dimension's
    #: answer, so it can be shown once that one question is answered right or revealed.
    explanations: dict[str, str] = field(default_factory=dict)

    def explanation_for(self, dimension: str) -> str:
        return self.explanations.get(dimension, "")

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
    #: Why the answer is right or wrong, for this dimension only. On a first wrong answer it
    #: teaches the rule and the misconception without naming the key.
    reason: str
    #: The whole message a learner reads: the reason, then (once the answer is right or revealed)
    #: the sentence's explanation for this dimension.
    feedback: str
    #: Whether the key is shown: the answer is right, or it is the second wrong attempt, or the
    #: learner asked to see the answer.
    revealed: bool = False


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
                explanations={
                    dimension: row[f"explain_{dimension}"]
                    for dimension in dimensions
                    if f"explain_{dimension}" in row.index and row[f"explain_{dimension}"]
                },
            )
        )
    return items


# -- feedback: pure functions --------------------------------------------------------------------


def explain_answer(
    item: QuizItem, dimension: str, chosen: str, codebook: Codebook, *, reveal: bool = True
) -> tuple[bool, str]:
    """Whether ``chosen`` is the key for ``item`` on ``dimension``, and the reason in words.

    A right answer is confirmed with the rule that decides it. A wrong one gets the codebook's
    text for that confusion (or, where it has none, what the chosen label requires), plus a
    pointer to the sentence's cue where the cue is what decides. With ``reveal=False`` (a first
    wrong attempt in practice) the key is not named, so that a retry is thinking, not copying.
    """
    key = item.keys[dimension]
    key_label = codebook[dimension].label(key)
    if chosen == key:
        return True, f"Correct: {key} ({key_label.name}). The rule that decides: {key_label.decision_rule}"
    chosen_label = codebook[dimension].label(chosen)
    specific = codebook.confusion_feedback(dimension, chosen, key)
    if specific is None:
        specific = (
            f"{chosen} ({chosen_label.name}) means: {chosen_label.definition} Read the sentence again and "
            "ask whether it really fits that, then try the other labels' rules."
        )
    # Most confusion texts open by naming the choice themselves; say it once.
    named = specific.lower().startswith(f"you chose {chosen.lower()}")
    reason = f"Not quite. {specific}" if named else f"Not quite: you chose {chosen} ({chosen_label.name}). {specific}"
    hint = _cue_hint(item, dimension)
    if hint:
        reason = f"{reason} {hint}"
    if reveal:
        reason = f"{reason} The key is {key} ({key_label.name}). The rule that decides: {key_label.decision_rule}"
    else:
        reason = f"{reason} Try again, or choose “Show the answer”."
    return False, reason


def full_feedback(item: QuizItem, dimension: str, reason: str, shows_key: bool) -> str:
    """The reason, then this dimension's explanation of the sentence once its key may be seen."""
    explanation = item.explanation_for(dimension) if shows_key else ""
    return f"{reason}\n\n{explanation}" if explanation else reason


def _cue_hint(item: QuizItem, dimension: str) -> str:
    if dimension not in ("statement_type", "source"):
        return ""
    if item.cue:
        cues = " and ".join(f"\u201c{cue}\u201d" for cue in split_list(item.cue))
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
        self.codebook = codebook if codebook is not None else article_codebook()
        check_dimensions(dimensions, self.codebook)
        self.items = list(items)
        self.dimensions = tuple(dimensions)
        self.mode = mode
        self.store = store
        self.notebook = notebook
        self.quiz_id = quiz_id
        self.learner = learner or default_learner()
        self._by_id = {item.id: item for item in self.items}
        for item in self.items:
            for dimension, key in item.keys.items():
                if key not in self.codebook.labels(dimension):
                    raise QuizError(f"{item.id}: its {dimension} key {key!r} is not a label of the quiz's codebook")
        self._latest: dict[tuple[str, str], AnswerResult] = {}
        self._first: dict[tuple[str, str], AnswerResult] = {}
        self._wrong_counts: dict[tuple[str, str], int] = {}
        self._revealed: set[tuple[str, str]] = set()
        #: An assessment whose results (and key) the learner has seen: closed to new answers.
        self.closed = False
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
        return self.commit(self.grade(item_id, dimension, label))

    def grade(self, item_id: str, dimension: str, label: str) -> AnswerResult:
        """What :meth:`answer` would return, with nothing saved or remembered yet.

        The quiz widget shows this feedback first and saves straight after (:meth:`commit`), so
        that a learner never waits on the disk to read it; if the save then fails, the widget says
        so beside the feedback.
        """
        item = self._check_answerable(item_id, dimension, label)
        question = (item_id, dimension)
        correct = label == item.keys[dimension]
        wrong = self._wrong_counts.get(question, 0) + (0 if correct else 1)
        latest = self._latest.get(question)
        return self._result(item, dimension, label, latest.attempt + 1 if latest else 1, wrong)

    def commit(self, graded: AnswerResult) -> AnswerResult:
        """Save an answer from :meth:`grade` and remember it; returns it with the attempt number the
        store gave (another kernel of the same learner may have saved one meanwhile)."""
        item = self._check_answerable(graded.item_id, graded.dimension, graded.chosen)
        try:
            attempt = self._save(graded.item_id, graded.dimension, graded.chosen, graded.correct)
        except AnswerRefused as refused:
            self._learn_lock(item, graded.dimension, refused)
            raise QuizError(str(refused)) from refused
        return self._settle(item, graded.dimension, graded.chosen, attempt)

    def _learn_lock(self, item: QuizItem, dimension: str, refused: AnswerRefused) -> None:
        """Take in what another notebook of this learner saved: the assessment closed, or the answer
        that counts for this question."""
        if refused.closed:
            self.closed = True
        elif refused.existing is not None:
            answer = upgrade_label(dimension, refused.existing.answer)
            if answer in self.codebook.labels(dimension):
                self._settle(item, dimension, answer, refused.existing.attempt)

    def _check_answerable(self, item_id: str, dimension: str, label: str) -> QuizItem:
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
        if self.closed:
            raise QuizError("this assessment's results (and its key) have been shown, so it takes no more answers")
        return item

    def close(self) -> None:
        """Show an assessment's results: from now on it takes no more answers, in this kernel or any
        other, because the key is on the screen. Saved in the store (a 'reveal' of the whole quiz)."""
        if self.mode != "assessment" or self.closed:
            return
        self._save(WHOLE_QUIZ, WHOLE_QUIZ, "", None, kind="reveal")  # the store's lock
        self.closed = True

    def reveal(self, item_id: str, dimension: str) -> AnswerResult:
        """Show the key of a question the learner has already answered wrongly, and save that they asked.

        A learner commits an answer before any answer is shown: a question not yet answered, or
        answered right, has nothing to reveal.
        """
        item = self._check_question(item_id, dimension)
        latest = self._latest.get((item_id, dimension))
        if self.mode != "practice":
            raise QuizError("an assessment shows its answers at the end, not one by one")
        if latest is None:
            raise QuizError(f"answer {item_id} {dimension} first; the answer is shown only after you have tried")
        if latest.correct or latest.revealed:
            return latest
        self._save(item_id, dimension, item.keys[dimension], None, kind="reveal")
        self._revealed.add((item_id, dimension))
        return self._settle(item, dimension, latest.chosen, latest.attempt, counted=True)

    def _settle(self, item: QuizItem, dimension: str, label: str, attempt: int, counted: bool = False) -> AnswerResult:
        """Grade a saved label and remember it."""
        question = (item.id, dimension)
        if label != item.keys[dimension] and not counted:
            self._wrong_counts[question] = self._wrong_counts.get(question, 0) + 1
        result = self._result(item, dimension, label, attempt, self._wrong_counts.get(question, 0))
        self._latest[question] = result
        self._first.setdefault(question, result)
        return result

    def _result(self, item: QuizItem, dimension: str, label: str, attempt: int, wrong: int) -> AnswerResult:
        """The graded answer, given how many wrong tries the question has had: the key is named once
        it is right, on the second wrong attempt, after a reveal, and always in an assessment (whose
        feedback comes at the end)."""
        question = (item.id, dimension)
        correct = label == item.keys[dimension]
        shows_key = correct or self.mode == "assessment" or question in self._revealed or wrong >= 2
        _, reason = explain_answer(item, dimension, label, self.codebook, reveal=shows_key)
        return AnswerResult(
            item.id,
            dimension,
            label,
            item.keys[dimension],
            correct,
            attempt,
            reason,
            full_feedback(item, dimension, reason, shows_key),
            revealed=shows_key,
        )

    def revealed(self, item_id: str, dimension: str) -> bool:
        """Whether the learner asked to see this question's answer."""
        return (item_id, dimension) in self._revealed

    def first(self, item_id: str, dimension: str) -> AnswerResult | None:
        """The learner's first answer to a question (what class results count by default)."""
        return self._first.get((item_id, dimension))

    def justify(self, item_id: str, dimension: str, label: str, text: str) -> Justification:
        """Save a learner's label and written reason for a contested (discussion) question."""
        item = self._check_question(item_id, dimension)
        if not item.is_contested(dimension):
            raise QuizError(f"{item_id} is not contested on {dimension}; use answer()")
        if self.closed:
            raise QuizError("this assessment's results have been shown, so it takes no more answers")
        if label not in item.contested[dimension]:
            raise QuizError(f"{label!r} is not one of the competing labels {', '.join(item.contested[dimension])}")
        text = text.strip()
        if not text:
            raise QuizError("write a sentence or two on why you chose this label")
        try:
            attempt = self._save(item_id, dimension, label, None, kind="justification", justification=text)
        except AnswerRefused as refused:
            self._learn_lock(item, dimension, refused)
            raise QuizError(str(refused)) from refused
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
            assessment=self.mode == "assessment",
        )
        return saved.attempt

    def _restore(self, attempts: list[Attempt]) -> None:
        """Rebuild each question's first and latest answer, wrong tries and reveals from saved attempts."""
        for attempt in attempts:
            if attempt.kind == "reveal" and attempt.item == WHOLE_QUIZ:
                self.closed = self.mode == "assessment"
                continue
            if attempt.item not in self._by_id or attempt.dimension not in self.dimensions:
                continue  # saved by an older version of this quiz: kept in the store, not shown
            item = self._by_id[attempt.item]
            if attempt.kind == "justification":
                if item.is_contested(attempt.dimension):
                    self._justifications[(attempt.item, attempt.dimension)] = Justification(
                        attempt.item, attempt.dimension, attempt.answer, attempt.justification, attempt.attempt
                    )
                continue
            if attempt.kind == "reveal":
                self._revealed.add((attempt.item, attempt.dimension))
                latest = self._latest.get((attempt.item, attempt.dimension))
                if latest is not None:
                    self._settle(item, attempt.dimension, latest.chosen, latest.attempt, counted=True)
                continue
            answer = upgrade_label(attempt.dimension, attempt.answer)  # saved before the source labels changed
            if item.is_contested(attempt.dimension) or answer not in self.codebook.labels(attempt.dimension):
                continue
            # Re-graded against today's key, so a corrected key is reflected in the score.
            self._settle(item, attempt.dimension, answer, attempt.attempt)

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
        """Every graded question, one row each: the latest answer, the first answer, and whether
        the answer was revealed, for a summary or analysis."""
        records = []
        for item_id, dimension in self.graded_questions():
            result = self._latest.get((item_id, dimension))
            first = self._first.get((item_id, dimension))
            records.append(
                {
                    "item": item_id,
                    "dimension": dimension,
                    "answer": result.chosen if result else None,
                    "key": self.item(item_id).keys[dimension],
                    "correct": result.correct if result else None,
                    "attempts": result.attempt if result else 0,
                    "first_answer": first.chosen if first else None,
                    "first_correct": first.correct if first else None,
                    "revealed": (item_id, dimension) in self._revealed,
                }
            )
        return pd.DataFrame.from_records(records, columns=RESULT_COLUMNS)


def check_dimensions(dimensions: Sequence[str], codebook: Codebook) -> None:
    unknown = [d for d in dimensions if d not in codebook.dimensions]
    if unknown or not dimensions:
        raise QuizError(
            f"no dimension {', '.join(map(repr, unknown)) or '(none given)'}; "
            f"choose from {', '.join(codebook.dimensions)}"
        )


def build_quiz(
    bank: str | Path | pd.DataFrame | None = None,
    dimensions: Sequence[str] = REQUIRED_DIMENSIONS,
    *,
    items: Sequence[str] | None = None,
    codebook: Codebook | None = None,
    **options,
) -> Quiz:
    """A Quiz over the article's sentences (``bank=None``), a quiz-bank file, or a sentence table.

    ``items`` picks sentence ids, in the order given. Other keyword arguments go to :class:`Quiz`.
    """
    # The bank is validated against its own codebook (the general one, split by the bank's
    # parties); ``codebook``, when given, is the one the quiz grades with, which may be another
    # (the story-parts codebook grades the ``part`` column).
    if bank is None:
        keyed_with = article_codebook()
        frame = load_sentences(codebook=keyed_with)
    elif isinstance(bank, pd.DataFrame):
        keyed_with = load_codebook()
        frame = bank
    else:
        keyed_with = bank_codebook(resolve_bank(bank))
        frame = load_quiz_bank(bank, codebook=keyed_with)
    codebook = codebook if codebook is not None else keyed_with
    check_dimensions(dimensions, codebook)
    all_items = items_from_frame(frame, dimensions)
    if items is not None:
        by_id = {item.id: item for item in all_items}
        unknown = [i for i in items if i not in by_id]
        if unknown:
            raise QuizError(f"no item(s) {', '.join(unknown)} in the quiz bank")
        all_items = [by_id[i] for i in items]
    return Quiz(all_items, dimensions, codebook=codebook, **options)
