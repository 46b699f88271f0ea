"""The quiz as ipywidgets: a thin view that renders a :class:`~claimlab.quiz.Quiz` and forwards clicks.

Everything shown comes from data files, so every piece of text is HTML-escaped here, in one
place (:func:`esc`). Feedback is written into ``HTML`` widgets (never printed into an
``Output``), always in words and symbols as well as colour. Controls are toggle buttons (native
buttons that keep the keyboard focus), text areas and buttons, so the whole quiz works from the
keyboard: Tab to a label, Enter or Space to choose it. The current choice is also written out.
"""

from __future__ import annotations

import html
import sqlite3
import warnings
from collections.abc import Sequence
from pathlib import Path

import ipywidgets as widgets
import pandas as pd

from .a11y import ChoiceGroup, LiveRegion
from .codebook import REQUIRED_DIMENSIONS, Codebook
from .errors import ClaimlabError
from .quiz import AnswerResult, Quiz, QuizError, build_quiz
from .store import ProgressStore, StoreWarning

RIGHT = "\u2714 Correct"
WRONG = "\u2718 Not quite"


def esc(text: object) -> str:
    """Escape text from a data file (or a learner) before it goes into HTML."""
    return html.escape(str(text), quote=True)


def _paragraphs(text: str) -> str:
    return "".join(f"<p>{esc(part)}</p>" for part in text.split("\n\n") if part.strip())


def panel(kind: str, body: str) -> str:
    """A feedback panel ("right", "wrong" or "info") around ``body``, HTML the caller has escaped.

    The colour only repeats what the words and symbols already say."""
    colour = {"right": "#1a7f37", "wrong": "#b35900", "info": "#4a5568"}[kind]
    return f'<div style="border-left: 4px solid {colour}; padding: 0.2em 0.8em; margin: 0.4em 0">{body}</div>'


def primary_button(description: str, tooltip: str, on_click, *, disabled: bool = False) -> widgets.Button:
    """The main action of a widget: a wide-enough primary button wired to ``on_click``."""
    button = widgets.Button(
        description=description,
        button_style="primary",
        tooltip=tooltip,
        disabled=disabled,
        layout=widgets.Layout(width="auto"),
    )
    button.on_click(on_click)
    return button


class StaticCopy:
    """Mixin for widgets whose saved output should read as one plain sentence (their ``repr``)
    where widgets cannot run, and as the same sentence in HTML, escaped."""

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = repr(self)
        bundle["text/html"] = f"<p><i>{esc(repr(self))}</i></p>"
        return bundle


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
            + (panel("info", f"<p>{esc(notice)}</p>") if notice else "")
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
        self.choices: dict[str, ChoiceGroup] = {}
        self.reasons: dict[str, widgets.Textarea] = {}
        self.check_button = widgets.Button(description="Check", button_style="primary", tooltip="Check your answers")
        self.check_button.on_click(self._on_check)
        # Practice only: after a wrong answer the feedback teaches the rule without the key; this
        # shows the key for the questions answered wrongly (the store records that it was asked).
        self.reveal_button = widgets.Button(
            description="Show the answer",
            tooltip="Show the key for the questions you answered wrongly on this sentence",
            layout=widgets.Layout(width="auto"),
        )
        self.reveal_button.on_click(self._on_reveal)
        self.feedback = LiveRegion()  # one status region, kept: its changes are announced
        auto = widgets.Layout(width="auto")
        self.previous_button = widgets.Button(description="\u25c0 Previous", tooltip="Previous sentence", layout=auto)
        self.next_button = widgets.Button(description="Next \u25b6", tooltip="Next sentence", layout=auto)
        self.previous_button.on_click(lambda _: self._move(-1))
        self.next_button.on_click(lambda _: self._move(+1))
        self.finish_button = widgets.Button(
            description="Finish and show results", tooltip="Show the summary", layout=widgets.Layout(width="auto")
        )
        self.finish_button.on_click(self._on_finish)
        self.summary = widgets.HTML()
        self._codebook = codebook
        self._confirming = False
        self.add_class("claimlab-quiz")  # ChoiceGroup marks it so that notebook shortcuts stay out of the quiz

        super().__init__(
            children=[
                self.header,
                widgets.HBox([self.progress, self.progress_text]),
                self.counter,
                self.sentence,
                self.context_toggle,
                self.context,
                self.questions,
                widgets.HBox([self.check_button, self.reveal_button]),
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

    def _move(self, step: int) -> None:
        """Previous and Next never disable themselves (focus would fall to the page): at either end
        they say so in the status region instead."""
        target = self.position + step
        if 0 <= target < len(self.quiz.items):
            self.show(target)
            return
        where = "first" if target < 0 else "last"
        other = "Next" if target < 0 else "Previous" + (", or Finish" if self.quiz.mode == "assessment" else "")
        self.feedback.value = panel("info", f"<p>This is the {where} sentence. Use {other}.</p>") + self._feedback_html(
            self.current
        )

    def show(self, position: int) -> None:
        """Display the item at ``position`` with any saved answers restored."""
        self.position = max(0, min(position, len(self.quiz.items) - 1))
        item = self.current
        self.counter.value = f"<p><b>Sentence {self.position + 1} of {len(self.quiz.items)}</b> ({esc(item.id)})</p>"
        self.sentence.value = f'<blockquote style="font-size: 1.1em">{esc(item.text)}</blockquote>'
        self.context_toggle.value = False
        self.context.value = ""
        self.finish_button.layout.display = None if self.quiz.mode == "assessment" else "none"
        self.check_button.disabled = self.quiz.closed
        if self.quiz.closed:
            self.summary.value = summary_html(self.quiz)  # always current, never stale

        rows: list[widgets.Widget] = []
        self.choices, self.reasons = {}, {}
        for dimension in self.quiz.dimensions:
            rows.extend(self._question_widgets(item, dimension))
        self.questions.children = rows
        self.feedback.value = self._feedback_html(item)
        self._refresh_reveal()
        self._refresh_progress()

    def _to_reveal(self, item) -> list[str]:
        """The dimensions of ``item`` answered wrongly whose key is not shown yet."""
        results = [(d, self.quiz.latest(item.id, d)) for d in self.quiz.dimensions if not item.is_contested(d)]
        return [d for d, r in results if r is not None and not r.correct and not r.revealed]

    def _refresh_reveal(self) -> None:
        practice = self.quiz.mode == "practice"
        self.reveal_button.layout.display = None if practice else "none"
        self.reveal_button.disabled = not (practice and self._to_reveal(self.current))

    def _question_widgets(self, item, dimension: str) -> list[widgets.Widget]:
        dim = self._codebook[dimension]
        if item.is_contested(dimension):
            saved = self.quiz.justification(item.id, dimension)
            card = widgets.HTML(
                f"<p><b>{esc(dim.name)}: a discussion card.</b> Careful readers disagree here, so this "
                f"question is not marked right or wrong. The competing labels are "
                f"<b>{esc(' or '.join(item.contested[dimension]))}</b>.</p>"
                f"<p><i>What separates them:</i> {esc(item.contested_rule)}</p>"
                f"<p>Choose the label you find more convincing and say why. A good reason is "
                f"<b>accurate</b> (it quotes the word that decides it), <b>attributed</b> (it says whose words or "
                f"judgement each reading credits) and has <b>no verdict words</b> (it argues about the label, not "
                f"about who is right in the news). A strong reason names the deciding word, applies the rule above "
                f"and grants what the other reading sees; a weak one says only \u201cit is obvious\u201d or takes a "
                f"side in the news.</p>"
            )
            label = saved.label if saved else None
            choice = self._choice(dimension, item.contested[dimension], label, "Your label", question=dim.question)
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
            dim.heading,
            disabled=self.quiz.mode == "assessment" and (latest is not None or self.quiz.closed),
            question=dim.question,
        )
        self.choices[dimension] = choice
        return [widgets.HTML(f"<p><b>{esc(dim.question)}</b></p>"), choice, self._echo(choice)]

    def _choice(self, dimension, codes, value, description, disabled=False, question="") -> ChoiceGroup:
        """One radio group per question: its name is the dimension, each option's title the label's
        definition; Tab reaches the group, the arrow keys move the choice (see claimlab.a11y)."""
        definition = {code: self._codebook[dimension].label(code).definition for code in codes}
        options = [{"value": c, "label": self._option_text(dimension, c), "title": definition[c]} for c in codes]
        return ChoiceGroup(options=options, value=value, label=description, question=question, disabled=disabled)

    @staticmethod
    def _echo(choice: ChoiceGroup) -> widgets.HTML:
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

    def _feedback_html(self, item, graded: dict[str, AnswerResult] | None = None) -> str:
        """The feedback on ``item``: each question's latest answer, or the just-graded one in ``graded``."""
        graded = graded or {}
        parts = []
        practice = self.quiz.mode == "practice"
        for dimension in self.quiz.dimensions:
            name = esc(self._codebook[dimension].name)
            if item.is_contested(dimension):
                saved = self.quiz.justification(item.id, dimension)
                if saved:
                    parts.append(
                        panel("info", f"<p><b>{name}:</b> your label {esc(saved.label)} and reason are saved.</p>")
                    )
                continue
            result = graded.get(dimension) or self.quiz.latest(item.id, dimension)
            if result is None:
                continue
            if practice:
                word = RIGHT if result.correct else WRONG
                shown = " (answer shown)" if self.quiz.revealed(item.id, dimension) else ""
                heading = f"<p><b>{word}</b> \u2013 <b>{name}</b> (attempt {result.attempt}){shown}</p>"
                parts.append(panel("right" if result.correct else "wrong", heading + _paragraphs(result.feedback)))
            else:
                parts.append(panel("info", f"<p><b>{name}:</b> answer {esc(result.chosen)} saved.</p>"))
        if not parts:
            return ""
        return "".join(parts)  # shown in the quiz's one persistent status region (LiveRegion)

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
        self.context.value = panel("info", f"<p><i>The paragraph (this sentence in bold):</i> {sentences}</p>")

    def _on_check(self, _button=None) -> None:
        """Grade, show the feedback, then save: the learner reads the feedback without waiting on the
        disk, in one update of the status region, and a save that fails is said beside it."""
        if self.quiz.closed:
            return  # the results, with the key, are shown: nothing more is taken
        item = self.current
        problems: list[str] = []
        graded: dict[str, AnswerResult] = {}
        reasons: dict[str, tuple[str, str]] = {}
        for dimension, choice in self.choices.items():
            name = self._codebook[dimension].name
            if item.is_contested(dimension):
                text = self.reasons[dimension].value
                if choice.value is None or not text.strip():
                    problems.append(f"{name}: choose a label and write your reason.")
                    continue
                saved = self.quiz.justification(item.id, dimension)
                if saved is None or (saved.label, saved.text) != (choice.value, text.strip()):
                    reasons[dimension] = (choice.value, text)
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
                graded[dimension] = self.quiz.grade(item.id, dimension, choice.value)
            except QuizError as error:
                problems.append(str(error))
        self.feedback.value = self._check_message(item, problems, graded)

        failures: list[str] = []
        changed = bool(reasons)  # a new discussion reason is said to be saved only once it is
        refused = False
        for dimension, result in list(graded.items()):
            name = self._codebook[dimension].name
            try:
                saved = self.quiz.commit(result)
            except QuizError as error:  # refused, not failed: another notebook closed or answered it
                del graded[dimension]
                problems.append(f"{name}: {error}.")
                refused = True
                continue
            except (ClaimlabError, OSError, sqlite3.Error) as error:
                failures.append(f"{name}: your answer {result.chosen} could not be saved ({error}).")
                continue
            if saved.attempt != result.attempt:  # another kernel of this learner saved one meanwhile
                graded[dimension], changed = saved, True
            if self.quiz.mode == "assessment":
                self.choices[dimension].disabled = True
        for dimension, (label, text) in reasons.items():
            try:
                self.quiz.justify(item.id, dimension, label, text)
            except QuizError as error:
                problems.append(str(error))
                refused = True
            except (ClaimlabError, OSError, sqlite3.Error) as error:
                failures.append(f"{self._codebook[dimension].name}: your reason could not be saved ({error}).")
        if refused:  # show what the store holds now (the answer that counts, or the closed quiz)
            self.show(self.position)
            self.feedback.value = self._check_message(item, problems, {})
            return
        if failures or changed:
            message = self._check_message(item, problems, graded)
            if failures:
                advice = ("<p>It is not lost from this page: press Check again to retry. If saving keeps failing,"
                          " see Troubleshooting in the README.</p>")  # fmt: skip
                message = panel("wrong", "".join(f"<p>{esc(f)}</p>" for f in failures) + advice) + message
            self.feedback.value = message
        self._refresh_reveal()
        self._refresh_progress()

    def _check_message(self, item, problems: list[str], graded: dict[str, AnswerResult]) -> str:
        message = self._feedback_html(item, graded)
        if problems:
            message = panel("info", "".join(f"<p>{esc(p)}</p>" for p in problems)) + message
        return message

    def _on_reveal(self, _button=None) -> None:
        item = self.current
        for dimension in self._to_reveal(item):
            self.quiz.reveal(item.id, dimension)
        self.feedback.value = self._feedback_html(item)
        self._refresh_reveal()

    def _on_finish(self, _button=None) -> None:
        """Show the results. Unanswered questions are closed first, after a warning, because the
        summary shows the key: otherwise a learner could answer from it."""
        score = self.quiz.score()
        missing = score.total - score.answered
        if self.quiz.mode == "assessment" and not self.quiz.closed and missing and not self._confirming:
            self._confirming = True
            self.finish_button.description = "Show results and close the assessment"
            self.feedback.value = panel(
                "info",
                f"<p>{missing} of {score.total} questions are not answered yet. The results show "
                "the answer key, so once you see them the assessment is closed: unanswered questions count as not "
                "answered. Press the button again to show the results, or go back and answer them first.</p>",
            )
            return
        self.quiz.close()
        self._confirming = False
        self.finish_button.description = "Show results"
        self.summary.value = summary_html(self.quiz)
        self.show(self.position)  # controls now locked


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


def _label_key(quiz: Quiz) -> list[tuple[str, list[str]]]:
    """Each question's labels with their names, once: the static copies list codes per sentence."""
    return [
        (quiz.codebook[d].name, [f"{code} = {quiz.codebook[d].label(code).name}" for code in quiz.options(d)])
        for d in quiz.dimensions
    ]


def static_text(quiz: Quiz, title: str) -> str:
    """The questions and options as plain text: the fallback where widgets cannot run."""
    lines = [f"{title} ({quiz.mode}; run the notebook in JupyterLab to answer)", "Labels:"]
    lines += [f"   {name}: {'; '.join(labels)}" for name, labels in _label_key(quiz)]
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
    key = "".join(f"<li>{esc(name)}: {esc('; '.join(labels))}</li>" for name, labels in _label_key(quiz))
    return (
        f"<p><b>{esc(title)}</b> ({esc(quiz.mode)}; run the notebook in JupyterLab to answer)</p>"
        f"<p>Labels:</p><ul>{key}</ul><ol>{''.join(items)}</ol>"
    )


def quiz(
    bank: str | Path | pd.DataFrame | None = None,
    dimensions: Sequence[str] = REQUIRED_DIMENSIONS,
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


# -- commit before reveal: a written answer before the model answer ------------------------------


class AnswerBox(StaticCopy, widgets.VBox):
    """A "Check your understanding" question: the learner writes an answer and saves it, and only
    then is the model answer shown (with a short rubric to judge their own answer against).

    The answer is saved in the progress store like a discussion-card reason (kind ``response``),
    so it comes back after a restart, is exported with the rest, and the model answer stays shown.
    """

    def __init__(
        self,
        question: str,
        model_answer: str,
        *,
        notebook: str,
        question_id: str,
        rubric: Sequence[str] = (),
        store: ProgressStore | None = None,
        learner: str | None = None,
    ) -> None:
        from .quiz import default_learner

        self.question_text, self.model_answer, self.rubric = question, model_answer, tuple(rubric)
        self.notebook, self.question_id = notebook, question_id
        self.store = store if store is not None else ProgressStore()
        self.learner = learner or default_learner()
        saved = self.saved()
        self.prompt = widgets.HTML("<p><b>Your answer</b> (saved for you; the model answer opens once you save):</p>")
        self.text = widgets.Textarea(
            value=saved or "",
            placeholder="Write your answer here first.",
            description="Your answer",
            layout=widgets.Layout(width="95%", height="6em"),
        )
        self.save_button = primary_button(
            "Save my answer and show the model answer",
            "Save what you wrote, then compare it with a model answer",
            self._on_save,
        )
        self.status = widgets.HTML()
        self.answer = widgets.HTML()
        super().__init__([self.prompt, self.text, self.save_button, self.status, self.answer])
        if saved:
            self._show_answer("Your saved answer is above.")

    def saved(self) -> str | None:
        """The learner's latest saved answer to this question, if any."""
        return self.store.latest_response(
            learner=self.learner, notebook=self.notebook, quiz=self.question_id, item=self.question_id
        )

    def _on_save(self, _button=None) -> None:
        text = self.text.value.strip()
        if not text:
            message = "<p>Write your answer first; the model answer opens once it is saved.</p>"
            self.status.value = panel("info", message)
            return
        self.store.save_response(
            learner=self.learner, notebook=self.notebook, quiz=self.question_id, item=self.question_id, text=text
        )
        self._show_answer("Saved.")

    def _show_answer(self, note: str) -> None:
        rubric = "".join(f"<li>{esc(line)}</li>" for line in self.rubric)
        self.status.value = f'<p role="status">{esc(note)} Now compare it with the model answer below.</p>'
        self.answer.value = panel(
            "info",
            "<p><b>Model answer</b></p>"
            + _paragraphs(self.model_answer)
            + (f"<p><b>Check your own answer:</b></p><ul>{rubric}</ul>" if rubric else ""),
        )

    def __repr__(self) -> str:
        return f"Check your understanding: write your answer, then save it to see a model answer. ({self.question_id})"


def answer_box(question: str, model_answer: str, **options) -> AnswerBox:
    """A place to write an answer that must be saved before the model answer is shown."""
    return AnswerBox(question, model_answer, **options)
