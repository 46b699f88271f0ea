"""Checks for the exercise notebooks, in the style of Data 8's autograder messages.

Each check takes the learner's answer and returns :class:`Feedback`: passed, not yet, or not
answered (the answer is still ``...``). A wrong answer gets a message aimed at the misconception
that usually produces it, without giving the answer away. The expected values are computed from
the project's data, never typed in, so a corrected data file keeps the checks right.

Use ``check("ex01", "q1", answer)`` in a notebook.

The checks form one table, ``_REGISTRY``: (exercise, question) -> a function of the answer that
returns ``(passed, message)``. The table owns the question's label, so a check never repeats its
own question id; :func:`check` puts the label on the :class:`Feedback`.
"""

from __future__ import annotations

import functools
import html
import math
import numbers
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from . import paths
from .analysis import SIDES
from .codebook import REQUIRED_DIMENSIONS, load_codebook
from .context import load_timeline
from .rules import evaluative_words
from .sentences import load_quiz_bank, load_sentences
from .stats import cohen_kappa, expected_agreement, interpret_kappa, observed_agreement
from .tables import word_pattern


@dataclass(frozen=True)
class Feedback:
    question: str
    passed: bool | None  # None: not answered yet
    message: str

    @property
    def symbol(self) -> str:
        return {True: "\u2714 Passed", False: "\u2718 Not yet", None: "\u2026 Not answered yet"}[self.passed]

    def __repr__(self) -> str:
        return f"{self.question}: {self.symbol}. {self.message}"

    def _repr_html_(self) -> str:
        return f"<p><b>{html.escape(self.question)}: {self.symbol}.</b> {html.escape(self.message)}</p>"


#: What a check returns: whether the answer passes, and the message that says why.
Result = tuple[bool, str]


def passed(message: str = "Well done.") -> Result:
    return True, message


def not_yet(message: str) -> Result:
    return False, message


_REGISTRY: dict[tuple[str, str], Callable[[object], Result]] = {}


def _check(exercise: str, question: str):
    def register(function: Callable[[object], Result]):
        _REGISTRY[(exercise, question)] = function
        return function

    return register


def check(exercise: str, question: str, answer: object) -> Feedback:
    """Check ``answer`` to ``question`` of ``exercise`` (for example ``check("ex01", "q1", 13)``)."""
    label = f"{exercise} {question}"
    if (exercise, question) not in _REGISTRY:
        known = ", ".join(f"{e} {q}" for e, q in sorted(_REGISTRY))
        raise KeyError(f"no check named {label!r}; the checks are: {known}")
    if answer is Ellipsis:
        return Feedback(label, None, "Replace the ... with your answer, run the cell, then run this check again.")
    result, message = _REGISTRY[(exercise, question)](answer)
    return Feedback(label, result, message)


def _is_number(answer: object) -> bool:
    # numbers.Real covers numpy's integers and floats too, which is what pandas' .sum() returns.
    return isinstance(answer, numbers.Real) and not isinstance(answer, bool) and math.isfinite(float(answer))


def _number_expected(answer: object) -> Result | None:
    if isinstance(answer, pd.Series | pd.DataFrame):
        return not_yet(
            "This is a table, but the question asks for one number: finish with .sum() or len(...)."
        )
    if isinstance(answer, str):
        return not_yet("This is text; the question asks for a number (no quotation marks).")
    if not _is_number(answer):
        return not_yet(f"Expected a number, got {type(answer).__name__}.")
    return None


# -- exercise 1: counting sources and cues --------------------------------------------------------


def _sentences() -> pd.DataFrame:
    return load_sentences()


@_check("ex01", "q1")
def _ex01_q1(answer):
    sentences = _sentences()
    if problem := _number_expected(answer):
        return problem
    expected = int((sentences["source"] == "OUTLET").sum())
    if answer == expected:
        return passed("Counting with a True/False mask and .sum() is the pandas way to count matches.")
    if answer == len(sentences):
        return not_yet("That is every sentence. Keep only the rows whose source is OUTLET before counting.")
    counts = sentences["source"].value_counts()
    for label, count in counts.items():
        if answer == count and label != "OUTLET":
            return not_yet(f"That is how many sentences have the source {label}. Which label is the outlet's?")
    return not_yet('Not yet. Compare the source column with "OUTLET" and add up the matches.')


@_check("ex01", "q2")
def _ex01_q2(answer):
    counts = _sentences()["source"].value_counts()
    if not isinstance(answer, str):
        return not_yet('Answer with a label in quotation marks, such as "GOVERNMENT:US".')
    if answer not in counts.index:
        known = ", ".join(counts.index)
        return not_yet(f"{answer!r} is not a source label used in the table; they are: {known}.")
    if answer == counts.index[1]:
        return passed("value_counts() sorts from most to least common, so the second row answers this.")
    if answer == counts.index[0]:
        return not_yet("That label is the most common one. The question asks for the second.")
    return not_yet("Sort the counts from most to least common and read the second row.")


def _cue_counts() -> pd.Series:
    cues = _sentences()["cue"].str.split(";").explode().str.strip()
    return cues[cues != ""].value_counts()


@_check("ex01", "q3")
def _ex01_q3(answer):
    expected = _cue_counts()
    if not isinstance(answer, pd.Series):
        return not_yet("Expected a pandas Series of counts, such as the result of value_counts().")
    if "" in answer.index or answer.index.isna().any():
        return not_yet("Your counts include sentences with no cue. Drop the empty cues before counting.")
    if any(";" in str(index) for index in answer.index):
        return not_yet(
            "Some cells hold two cues separated by ';'. Split them (and strip spaces) before counting."
        )
    if any(str(index) != str(index).strip() for index in answer.index):
        return not_yet("Some cues still have a space in front. Use .str.strip() after splitting.")
    if answer.sort_index().to_dict() == expected.sort_index().to_dict():
        return passed("split, explode, strip, then value_counts: a pattern you will use again.")
    return not_yet("The counts differ from the cue column's. Did you count every row, after splitting?")


def _share_china_words() -> float:
    sentences = _sentences()
    words = sentences["text"].str.split().str.len()
    china = sentences["source"].map(SIDES) == SIDES["GOVERNMENT:CHINA"]
    return round(100 * words[china].sum() / words.sum(), 1)


@_check("ex01", "q4")
def _ex01_q4(answer):
    if problem := _number_expected(answer):
        return problem
    expected = _share_china_words()
    sentences = _sentences()
    if abs(answer - expected) <= 0.05:
        return passed("Weighting by words rather than sentences shows how much space each side gets.")
    if abs(answer - expected / 100) <= 0.0005:
        return not_yet("That looks like a fraction. The question asks for a percentage: multiply by 100.")
    only_gov = round(100 * (sentences["source"] == "GOVERNMENT:CHINA").mean(), 1)
    by_sentences = round(100 * sentences["source"].isin(["GOVERNMENT:CHINA", "STATE_MEDIA"]).mean(), 1)
    if abs(answer - by_sentences) <= 0.05 or abs(answer - only_gov) <= 0.05:
        return not_yet("That is a share of sentences. The question asks for a share of words.")
    return not_yet("Count the words in the sentences credited to GOVERNMENT:CHINA or STATE_MEDIA, then divide.")


# -- exercise 2: the timeline ---------------------------------------------------------------------


@_check("ex02", "q1")
def _ex02_q1(answer):
    timeline = load_timeline()
    if problem := _number_expected(answer):
        return problem
    expected = int((timeline["start"].dt.year == 2023).sum())
    if answer == expected:
        return passed("The .dt accessor reads parts of a date, such as the year.")
    if answer == len(timeline):
        return not_yet("That is every event. Keep only the rows whose year is 2023.")
    february = int(((timeline["start"].dt.year == 2023) & (timeline["start"].dt.month == 2)).sum())
    if answer == february:
        return not_yet("That counts February only; the question asks for the whole year.")
    return not_yet('Not yet. Use timeline["start"].dt.year to pick out 2023.')


@_check("ex02", "q2")
def _ex02_q2(answer):
    timeline = load_timeline()
    expected = timeline[timeline["category"] == "US: tech restrictions"].sort_values("start")
    if not isinstance(answer, pd.DataFrame):
        return not_yet("Expected a DataFrame: select rows of the timeline with a mask.")
    if "category" not in answer.columns or "start" not in answer.columns:
        return not_yet("Keep the timeline's columns (at least category and start) in your result.")
    if set(answer["category"]) - {"US: tech restrictions"}:
        return not_yet("Some rows have another category. Compare the category column with the exact text.")
    if len(answer) < len(expected):
        return not_yet("Some events of this category are missing. Check the spelling and the spaces.")
    if list(answer["start"]) != list(expected["start"]):
        return not_yet("The right events, but not in date order. Sort by the start column.")
    return passed()


@_check("ex02", "q3")
def _ex02_q3(answer):
    if problem := _number_expected(answer):
        return problem
    expected = (pd.Timestamp("2023-03-08") - pd.Timestamp("2023-02-04")).days
    if answer == expected:
        return passed("Subtracting two timestamps gives a Timedelta; .days turns it into a number.")
    if answer == expected + 1:
        return not_yet("You counted both end days. The difference between two dates counts one of them.")
    if answer in (1, 2):
        return not_yet("That is a difference in months. The question asks for days.")
    return not_yet("Subtract the two dates as pd.Timestamp values and read .days.")


@_check("ex02", "q4")
def _ex02_q4(answer):
    timeline = load_timeline()
    in_2023 = timeline[timeline["start"].dt.year == 2023]
    busiest = in_2023["start"].dt.month_name().value_counts()
    if not isinstance(answer, str):
        return not_yet('Answer with the month\'s name in quotation marks, such as "January".')
    if answer.strip().capitalize() == busiest.index[0]:
        return passed("dt.month_name() and value_counts() answer 'which month?' questions quickly.")
    if answer.strip().capitalize() in busiest.index:
        return not_yet("That month has events, but not the most. Count events per month and take the top one.")
    return not_yet("Keep the 2023 events, name their months with .dt.month_name(), and count.")


# -- exercise 3: label a made-up paragraph ---------------------------------------------------------

EXERCISE_PARAGRAPH = paths.QUIZ_DIR / "exercise_paragraph.csv"


def _label_check(dimension: str, answer) -> Result:
    bank = load_quiz_bank(EXERCISE_PARAGRAPH)
    codebook = load_codebook()
    if not isinstance(answer, dict):
        return not_yet(
            'Expected a dictionary such as {"P1": "LABEL", "P2": "LABEL", ...}, one entry per sentence.'
        )
    missing = [i for i in bank.index if i not in answer]
    if missing:
        return not_yet(f"Give a label for every sentence; missing: {', '.join(missing)}.")
    labels = codebook.labels(dimension)
    for sentence_id in bank.index:
        given = str(answer[sentence_id]).strip()
        if given not in labels:
            return not_yet(
                f"{sentence_id}: {given!r} is not a {dimension} label; use one of {', '.join(labels)}."
            )
    wrong = [i for i in bank.index if answer[i].strip() != bank.loc[i, dimension]]
    if not wrong:
        return passed("Every label matches the key.")
    first = wrong[0]
    chosen = answer[first].strip()
    rule = codebook[dimension].label(chosen).decision_rule
    question_text = (
        f"Does {first} really pass that test, or does an earlier label in the tree fit?"
        if dimension == "statement_type"
        else f"Does {first} really pass that test?"
    )
    return not_yet(
        f"{len(wrong)} of {len(bank)} labels differ from the key. Look again at {first}: for {chosen} the rule is "
        f"\u201c{rule}\u201d {question_text}",
    )


#: Exercise 3 asks one question per dimension, in quiz order: q1 statement type, q2 source, q3 worth checking.
LABEL_QUESTIONS = {f"q{number}": dimension for number, dimension in enumerate(REQUIRED_DIMENSIONS, start=1)}
for _question, _dimension in LABEL_QUESTIONS.items():
    _REGISTRY[("ex03", _question)] = functools.partial(_label_check, _dimension)


# -- exercise 4: rewrite framed sentences neutrally ------------------------------------------------

#: Question -> the sentence to rewrite, and the words of whoever the rewrite must attribute its claim to
#: (none when the sentence needs no attribution).
REWRITE_TARGETS = {
    "q1": ("S10", ("State Department", "US", "U.S", "United States", "American", "Washington")),
    "q2": ("S23", ()),
    "q3": ("S24", ()),
}
ATTRIBUTION_WORDS = (
    "said", "say", "says", "described", "describe", "describes", "according to", "calls", "call", "called", "told",
    "stated", "states", "state", "argued", "argues", "argue", "characterised", "characterized", "characterises",
    "characterizes", "wrote", "writes", "portrayed", "portrays",
)  # fmt: skip


#: Loaded verbs a neutral rewrite should avoid. "warned" is allowed: Qin Gang did warn of conflict.
LOADED_IN_REWRITES = ("claimed", "claims", "insisted", "insists", "admitted", "admits", "noted", "refuted", "accused")


def _has_word(text: str, words) -> bool:
    """Whole-word match; all-capital abbreviations such as "US" must match in capitals (not "us")."""
    return any(word_pattern(word, before=".").search(text) for word in words)


def _rewrite_check(sentence_id: str, needed_source: tuple[str, ...], answer) -> Result:
    original = _sentences().loc[sentence_id, "text"]
    if not isinstance(answer, str) or not answer.strip():
        return not_yet("Write your rewritten sentence as text in quotation marks.")
    text = answer.strip()
    if text == original:
        return not_yet("That is the original sentence. Change the words that interpret or judge.")
    lowered = text.lower()
    attributed = bool(needed_source) and _has_word(text, needed_source) and _has_word(text, ATTRIBUTION_WORDS)
    # The same detector as the pre-labeller's: VADER's lexicon plus the framing list, outside
    # quotation marks. A judging word is the writer's unless it sits inside someone's quoted words,
    # even after "said": "Qin Gang said the US is wicked" still adopts "wicked" in the outlet's voice.
    left = evaluative_words(text)
    if left:
        return not_yet(
            f"Your sentence still judges in its own voice: {', '.join(left)}. Report, don't judge; if the word "
            "is someone's, put their exact words in quotation marks and say whose they are.",
        )
    if sentence_id == "S23" and "refut" in lowered:
        return not_yet(
            "'Refuted' says China proved Blinken wrong. Which verb reports a reply without a verdict?"
        )
    neutral_replies = ("reject", "denied", "deny", "dismiss", "disput", "rebut", "repl", "respond", "answer", "counter")
    if sentence_id == "S23" and not any(word in lowered for word in neutral_replies):
        return not_yet("Say what China did with a neutral verb that reports its reply.")
    loaded = [cue for cue in LOADED_IN_REWRITES if _has_word(text, [cue])]
    if loaded:
        return not_yet(
            f"'{loaded[0]}' is a loaded attribution verb: it suggests doubt, confession or a verdict. "
            "Try 'said' or another neutral verb.",
        )
    if needed_source and not attributed:
        return not_yet(
            "The aim is stated as a fact. Attribute it: who describes the policy this way? Name them and use a cue.",
        )
    if sentence_id == "S24" and "qin" not in lowered:
        return not_yet("Keep who is speaking: the sentence is about Qin Gang's warning.")
    if attributed:
        return passed("The description is now attributed to whoever made it. Compare with the model answer.")
    if sentence_id == "S24" and _has_word(text, ["warned", "warns"]):
        return passed(
            "No framing words remain. 'Warned' is fair here, since Qin did warn of conflict; 'said' is the most "
            "neutral choice. Compare with the model answer.",
        )
    return passed("No framing words from the lexicon remain. Compare with the model answer in the solutions.")


for _question, (_sentence_id, _needed_source) in REWRITE_TARGETS.items():
    _REGISTRY[("ex04", _question)] = functools.partial(_rewrite_check, _sentence_id, _needed_source)


# -- exercise 5: agreement by hand ---------------------------------------------------------------


def example_pair(dimension: str = "statement_type") -> tuple[list[str], list[str]]:
    """The key and the example learner's labels on one dimension, for computing agreement by hand."""
    from .results import answers_against_key, load_example_answers

    results = answers_against_key(load_example_answers(), _sentences())
    part = results[results["dimension"] == dimension]
    return list(part["key"]), list(part["answer"])


def _close(answer, expected: float, tolerance: float = 0.005) -> bool:
    return _is_number(answer) and abs(float(answer) - expected) <= tolerance


@_check("ex05", "q1")
def _ex05_q1(answer):
    key, learner = example_pair()
    if problem := _number_expected(answer):
        return problem
    expected = observed_agreement(key, learner)
    matches = sum(a == b for a, b in zip(key, learner, strict=True))
    if _close(answer, expected):
        return passed("p_o is simply the share of items on which the two agree.")
    if answer == matches:
        return not_yet("That is the number of matches. p_o is a proportion: divide by the number of items.")
    if _close(answer, 100 * expected, 0.5):
        return not_yet("That is a percentage. Give p_o as a proportion between 0 and 1.")
    return not_yet("Count the items where the two labels are equal and divide by the number of items.")


@_check("ex05", "q2")
def _ex05_q2(answer):
    key, learner = example_pair()
    if problem := _number_expected(answer):
        return problem
    expected = expected_agreement(key, learner)
    n = len(key)
    key_only = sum((key.count(label) / n) ** 2 for label in set(key))
    if _close(answer, expected):
        return passed("p_e multiplies, label by label, how often each rater uses it, then adds up.")
    if _close(answer, key_only):
        return not_yet("You squared one rater's proportions. Multiply the key's proportion by the learner's.")
    if _close(answer, 1 / len(set(key) | set(learner))):
        return not_yet(
            "That assumes every label is equally likely. Use how often each rater really used each one."
        )
    return not_yet("For each label: (key's share) x (learner's share); then add these products.")


@_check("ex05", "q3")
def _ex05_q3(answer):
    key, learner = example_pair()
    if problem := _number_expected(answer):
        return problem
    p_o, p_e = observed_agreement(key, learner), expected_agreement(key, learner)
    expected = cohen_kappa(key, learner)
    if _close(answer, expected):
        return passed("It matches claimlab.stats.cohen_kappa. Kappa rescales agreement so 0 means chance level.")
    if _close(answer, p_o - p_e):
        return not_yet("You subtracted chance agreement but did not divide by (1 - p_e).")
    if _close(answer, p_o):
        return not_yet("That is p_o. Kappa corrects it for chance: (p_o - p_e) / (1 - p_e).")
    return not_yet("Use kappa = (p_o - p_e) / (1 - p_e) with your two earlier answers.")


@_check("ex05", "q4")
def _ex05_q4(answer):
    key, learner = example_pair()
    expected = interpret_kappa(cohen_kappa(key, learner))
    if not isinstance(answer, str):
        return not_yet('Answer with the name of the band in quotation marks, such as "fair".')
    if answer.strip().lower() in (expected, expected.split(" (")[0], expected.split()[0]):
        return passed("Bands are a rough guide; say what the number means for your labels, too.")
    return not_yet("Find your kappa in the table of bands above and copy the band's first word.")
