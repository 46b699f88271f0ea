"""The quiz as ipywidgets: a thin view that renders a :class:`~claimlab.quiz.Quiz` and forwards clicks.

Everything shown comes from data files, so every piece of text is HTML-escaped here, in one
place (:func:`esc`). Feedback is written into ``HTML`` widgets (never printed into an
``Output``), always in words and symbols as well as colour. Controls are toggle buttons (native
buttons that keep the keyboard focus), text areas and buttons, so the whole quiz works from the
keyboard: Tab to a label, Enter or Space to choose it. The current choice is also written out.
"""

from __future__ import annotations

import html
import warnings
from collections.abc import Sequence
from pathlib import Path

import ipywidgets as widgets
import pandas as pd

from .codebook import Codebook
from .quiz import Quiz, QuizError, build_quiz
from .store import ProgressStore, StoreWarning

RIGHT = "\u2714 Correct"
WRONG = "\u2718 Not quite"
DIMENSION_NAMES = {"statement_type": "Statement type", "source": "Source", "check_worthy": "Worth checking?"}


def esc(text: object) -> str:
    """Escape text from a data file (or a learner) before it goes into HTML."""
    return html.escape(str(text), quote=True)


def _paragraphs(text: str) -> str:
    return "".join(f"<p>{esc(part)}</p>" for part in text.split("\n\n") if part.strip())


def _box(kind: str, body: str) -> str:
    # The colour only repeats what the words and symbols already say.
    colour = {"right": "#1a7f37", "wrong": "#b35900", "info": "#4a5568"}[kind]
    return f'<div style="border-left: 4px solid {colour}; padding: 0.2em 0.8em; margin: 0.4em 0">{body}</div>'


class ClaimQuiz(widgets.VBox):
    """One sentence at a time: a control per dimension, Check, feedback, next / previous, summary."""

    def __init__(self, quiz: Quiz, *, title: str = "Quiz", notice: str = "") -> None:
        self.quiz = quiz
        self.title = title
        codebook = quiz.codebook
        self.position = next((i for i, item in enumerate(quiz.items) if not quiz.is_item_done(item.id)), 0)

        mode_note = (
            "Practice: you get feedback after each Check and may try again."
            if quiz.mode == "practice"
            else "Assessment: each answer is final once you press Check; feedback comes at the end."
        )
        self.header = widgets.HTML(
            f"<h3>{esc(title)}</h3><p>{esc(mode_note)} Your answers are saved as you go.</p>"
            + (_box("info", f"<p>{esc(notice)}</p>") if notice else "")
        )
        self.progress = widgets.IntProgress(
            value=0, min=0, max=max(1, len(quiz.graded_questions())), description="Progress"
        )
        self.progress_text = widgets.HTML()
        self.counter = widgets.HTML()
        self.sentence = widgets.HTML()
        self.context_toggle = widgets.ToggleButton(
            value=False,
            description="Show the paragraph",
            tooltip="Show the sentences around this one",
            layout=widgets.Layout(width="max-content"),
        )
        self.context = widgets.HTML()
        self.context_toggle.observe(self._on_context, names="value")

        self.questions = widgets.VBox()
        self.choices: dict[str, widgets.ToggleButtons] = {}
        self.reasons: dict[str, widgets.Textarea] = {}
        self.check_button = widgets.Button(description="Check", button_style="primary", tooltip="Check your answers")
        self.check_button.on_click(self._on_check)
        self.feedback = widgets.HTML()
        auto = widgets.Layout(width="auto")
        self.previous_button = widgets.Button(description="\u25c0 Previous", tooltip="Previous sentence", layout=auto)
        self.next_button = widgets.Button(description="Next \u25b6", tooltip="Next sentence", layout=auto)
        self.previous_button.on_click(lambda _: self.show(self.position - 1))
        self.next_button.on_click(lambda _: self.show(self.position + 1))
        self.finish_button = widgets.Button(
            description="Finish and show results", tooltip="Show the summary", layout=widgets.Layout(width="auto")
        )
        self.finish_button.on_click(self._on_finish)
        self.summary = widgets.HTML()
        self._codebook = codebook

        super().__init__(
            children=[
                self.header,
                widgets.HBox([self.progress, self.progress_text]),
                self.counter,
                self.sentence,
                self.context_toggle,
                self.context,
                self.questions,
                self.check_button,
                self.feedback,
                widgets.HBox([self.previous_button, self.next_button, self.finish_button]),
                self.summary,
            ]
        )
        self.show(self.position)

    # -- static fallback ---------------------------------------------------------------------

    def __repr__(self) -> str:
        return f"ClaimQuiz({self.title!r}, {len(self.quiz.items)} items, {self.quiz.mode})"

    def _repr_mimebundle_(self, **kwargs):
        """Add a full plain-text and HTML copy of the questions for places where widgets cannot run
        (GitHub, nbviewer, exported HTML). JupyterLab still shows the live widget."""
        bundle = super()._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = static_text(self.quiz, self.title)
        bundle["text/html"] = static_html(self.quiz, self.title)
        return bundle

    # -- rendering ---------------------------------------------------------------------------

    @property
    def current(self):
        return self.quiz.items[self.position]

    def show(self, position: int) -> None:
        """Display the item at ``position`` with any saved answers restored."""
        self.position = max(0, min(position, len(self.quiz.items) - 1))
        item = self.current
        self.counter.value = f"<p><b>Sentence {self.position + 1} of {len(self.quiz.items)}</b> ({esc(item.id)})</p>"
        self.sentence.value = f'<blockquote style="font-size: 1.1em">{esc(item.text)}</blockquote>'
        self.context_toggle.value = False
        self.context.value = ""
        self.previous_button.disabled = self.position == 0
        self.next_button.disabled = self.position == len(self.quiz.items) - 1
        self.finish_button.layout.display = None if self.quiz.mode == "assessment" else "none"

        rows: list[widgets.Widget] = []
        self.choices, self.reasons = {}, {}
        for dimension in self.quiz.dimensions:
            rows.extend(self._question_widgets(item, dimension))
        self.questions.children = rows
        self.feedback.value = self._feedback_html(item)
        self._refresh_progress()

    def _question_widgets(self, item, dimension: str) -> list[widgets.Widget]:
        dim = self._codebook[dimension]
        if item.is_contested(dimension):
            saved = self.quiz.justification(item.id, dimension)
            card = widgets.HTML(
                f"<p><b>{esc(dim.name)}: a discussion card.</b> Careful readers disagree here, so this "
                f"question is not marked right or wrong. The competing labels are "
                f"<b>{esc(' or '.join(item.contested[dimension]))}</b>.</p>"
                f"<p><i>What separates them:</i> {esc(item.contested_rule)}</p>"
                f"<p>Choose the label you find more convincing and say why.</p>"
            )
            choice = self._choice(dimension, item.contested[dimension], saved.label if saved else None, "Your label")
            reason = widgets.Textarea(
                value=saved.text if saved else "",
                placeholder="Why this label? Name the word or rule that decides it for you.",
                description="Your reason",
                layout=widgets.Layout(width="95%"),
            )
            self.choices[dimension], self.reasons[dimension] = choice, reason
            return [card, choice, self._echo(choice), reason]
        latest = self.quiz.latest(item.id, dimension)
        choice = self._choice(
            dimension,
            self.quiz.options(dimension),
            latest.chosen if latest else None,
            DIMENSION_NAMES.get(dimension, dim.name),
            disabled=self.quiz.mode == "assessment" and latest is not None,
        )
        self.choices[dimension] = choice
        return [widgets.HTML(f"<p><b>{esc(dim.question)}</b></p>"), choice, self._echo(choice)]

    def _choice(self, dimension, codes, value, description, disabled=False) -> widgets.ToggleButtons:
        """One button per label: native buttons keep focus, so Tab moves between them and
        Enter or Space chooses, and each button's tooltip gives the label's definition."""
        labels = [self._codebook[dimension].label(code) for code in codes]
        return widgets.ToggleButtons(
            options=[(self._option_text(dimension, code), code) for code in codes],
            value=value,
            description=description,
            tooltips=[label.definition for label in labels],
            disabled=disabled,
            style={"button_width": "auto", "description_width": "initial"},
        )

    @staticmethod
    def _echo(choice: widgets.ToggleButtons) -> widgets.HTML:
        """The current choice in words, so the selection is never shown by shading alone."""
        echo = widgets.HTML()

        def show(_change=None) -> None:
            echo.value = (
                f"<p><i>Your choice:</i> <b>{esc(choice.value)}</b></p>"
                if choice.value
                else ("<p><i>Your choice:</i> none yet</p>")
            )

        choice.observe(show, names="value")
        show()
        return echo

    def _option_text(self, dimension: str, code: str) -> str:
        # Option labels are plain text in ipywidgets (not HTML), so no escaping is needed here.
        return f"{code} \u2013 {self._codebook[dimension].label(code).name}"

    def _feedback_html(self, item) -> str:
        parts = []
        practice = self.quiz.mode == "practice"
        graded_any = False
        for dimension in self.quiz.dimensions:
            name = esc(self._codebook[dimension].name)
            if item.is_contested(dimension):
                saved = self.quiz.justification(item.id, dimension)
                if saved:
                    parts.append(
                        _box("info", f"<p><b>{name}:</b> your label {esc(saved.label)} and reason are saved.</p>")
                    )
                continue
            result = self.quiz.latest(item.id, dimension)
            if result is None:
                continue
            graded_any = True
            if practice:
                word = RIGHT if result.correct else WRONG
                heading = f"<p><b>{word}</b> \u2013 <b>{name}</b> (attempt {result.attempt})</p>"
                parts.append(_box("right" if result.correct else "wrong", f"{heading}<p>{esc(result.reason)}</p>"))
            else:
                parts.append(_box("info", f"<p><b>{name}:</b> answer {esc(result.chosen)} saved.</p>"))
        if practice and graded_any:
            parts.append(f"<p><b>About this sentence:</b> {esc(item.explanation)}</p>")
        if not parts:
            return ""
        return '<div role="status" aria-live="polite">' + "".join(parts) + "</div>"

    def _refresh_progress(self) -> None:
        score = self.quiz.score()
        self.progress.value = score.answered
        discussions = self.quiz.discussion_questions()
        written = sum(self.quiz.justification(i, d) is not None for i, d in discussions)
        text = f"{score.answered} of {score.total} answered"
        if self.quiz.mode == "practice":
            text += f", {score.correct} correct"
        if discussions:
            text += f"; {written} of {len(discussions)} discussion cards written"
        self.progress_text.value = f"<span>{esc(text)}</span>"
        if self.quiz.finished and (self.quiz.mode == "practice" or self.summary.value):
            self.summary.value = summary_html(self.quiz)

    # -- events ------------------------------------------------------------------------------

    def _on_context(self, change) -> None:
        if not change["new"]:
            self.context.value = ""
            return
        item = self.current
        sentences = "".join(
            f"<b>{esc(text)}</b> " if text == item.text else f"{esc(text)} " for text in item.paragraph_text
        )
        self.context.value = _box("info", f"<p><i>The paragraph (this sentence in bold):</i> {sentences}</p>")

    def _on_check(self, _button=None) -> None:
        item = self.current
        problems = []
        for dimension, choice in self.choices.items():
            name = self._codebook[dimension].name
            if item.is_contested(dimension):
                text = self.reasons[dimension].value
                if choice.value is None or not text.strip():
                    problems.append(f"{name}: choose a label and write your reason.")
                    continue
                saved = self.quiz.justification(item.id, dimension)
                if saved is None or (saved.label, saved.text) != (choice.value, text.strip()):
                    self.quiz.justify(item.id, dimension, choice.value, text)
                continue
            if choice.value is None:
                problems.append(f"{name}: choose a label.")
                continue
            latest = self.quiz.latest(item.id, dimension)
            if self.quiz.mode == "assessment" and latest is not None:
                continue
            if latest is not None and latest.chosen == choice.value:
                continue  # pressing Check again without a change is not a new attempt
            try:
                self.quiz.answer(item.id, dimension, choice.value)
            except QuizError as error:
                problems.append(str(error))
            if self.quiz.mode == "assessment":
                choice.disabled = True
        message = self._feedback_html(item)
        if problems:
            message = _box("info", "".join(f"<p>{esc(p)}</p>" for p in problems)) + message
        self.feedback.value = message
        self._refresh_progress()

    def _on_finish(self, _button=None) -> None:
        self.summary.value = summary_html(self.quiz)


# -- summaries and the static copy ---------------------------------------------------------------


def summary_html(quiz: Quiz) -> str:
    """The end-of-quiz summary: the score, then every graded answer with its feedback."""
    score = quiz.score()
    rows = []
    for item_id, dimension in quiz.graded_questions():
        result = quiz.latest(item_id, dimension)
        if result is None:
            verdict, chosen, reason = "not answered", "\u2013", ""
        else:
            verdict, chosen, reason = (RIGHT if result.correct else WRONG), result.chosen, result.reason
        rows.append(
            f"<tr><td>{esc(item_id)}</td><td>{esc(quiz.codebook[dimension].name)}</td><td>{esc(chosen)}</td>"
            f"<td>{esc(quiz.item(item_id).keys[dimension])}</td><td>{esc(verdict)}</td><td>{esc(reason)}</td></tr>"
        )
    cards = [
        f"<li>{esc(item_id)} ({esc(quiz.codebook[d].name)}): "
        + (
            f"you chose {esc(j.label)} because \u201c{esc(j.text)}\u201d"
            if (j := quiz.justification(item_id, d))
            else "not written yet"
        )
        + "</li>"
        for item_id, d in quiz.discussion_questions()
    ]
    return (
        f"<h4>Summary</h4><p><b>{esc(str(score))}.</b></p>"
        "<table><thead><tr><th>sentence</th><th>question</th><th>your answer</th><th>key</th><th>result</th>"
        f"<th>why</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
        + (f"<p><b>Discussion cards</b></p><ul>{''.join(cards)}</ul>" if cards else "")
    )


def static_text(quiz: Quiz, title: str) -> str:
    """The questions and options as plain text: the fallback where widgets cannot run."""
    lines = [f"{title} ({quiz.mode}; run the notebook in JupyterLab to answer)"]
    for number, item in enumerate(quiz.items, start=1):
        lines.append(f"{number}. [{item.id}] {item.text}")
        for dimension in quiz.dimensions:
            dim = quiz.codebook[dimension]
            if item.is_contested(dimension):
                lines.append(f"   {dim.name}: discussion card - {' or '.join(item.contested[dimension])}?")
            else:
                lines.append(f"   {dim.name}: {' / '.join(quiz.options(dimension))}")
    return "\n".join(lines)


def static_html(quiz: Quiz, title: str) -> str:
    """The questions and options as escaped HTML, for static views of a notebook."""
    items = []
    for item in quiz.items:
        questions = []
        for dimension in quiz.dimensions:
            dim = quiz.codebook[dimension]
            if item.is_contested(dimension):
                text = f"discussion card: {' or '.join(item.contested[dimension])}?"
            else:
                text = " / ".join(quiz.options(dimension))
            questions.append(f"<li>{esc(dim.name)}: {esc(text)}</li>")
        items.append(f"<li><p>[{esc(item.id)}] {esc(item.text)}</p><ul>{''.join(questions)}</ul></li>")
    return (
        f"<p><b>{esc(title)}</b> ({esc(quiz.mode)}; run the notebook in JupyterLab to answer)</p>"
        f"<ol>{''.join(items)}</ol>"
    )


def quiz(
    bank: str | Path | pd.DataFrame | None = None,
    dimensions: Sequence[str] = ("statement_type", "source", "check_worthy"),
    *,
    items: Sequence[str] | None = None,
    mode: str = "practice",
    notebook: str,
    quiz_id: str,
    title: str = "Quiz",
    store: ProgressStore | None = None,
    learner: str | None = None,
    codebook: Codebook | None = None,
) -> ClaimQuiz:
    """Build and return a quiz widget; display it by making it the last line of a cell.

    ``bank`` is None for the article's sentences, or a quiz-bank CSV path. ``notebook`` and
    ``quiz_id`` name where the answers are saved, so re-displaying the quiz restores them.
    ``codebook`` grades with another codebook, such as :func:`~claimlab.codebook.load_story_parts`.
    """
    notice = ""
    if store is None:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", StoreWarning)
            store = ProgressStore()
        if store.set_aside is not None:
            notice = " ".join(str(w.message) for w in caught if issubclass(w.category, StoreWarning))
    model = build_quiz(
        bank,
        dimensions,
        items=items,
        mode=mode,
        store=store,
        notebook=notebook,
        quiz_id=quiz_id,
        learner=learner,
        codebook=codebook,
    )
    return ClaimQuiz(model, title=title, notice=notice)
