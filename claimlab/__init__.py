"""claimlab: load, check and quiz the annotated article used by the notebooks.

The package root is lazy (PEP 562): each name below is imported from its module the first time
it is used, so headless use (``claimlab.stats``, the class reader, the benchmarks) never pays for
ipywidgets or IPython. Only the quiz model (``claimlab.quiz``, with pandas) is loaded at once,
because the name ``claimlab.quiz`` must stay the notebooks' ``quiz(...)`` function, not the module.

Module map
----------
Data, each loader strict (``errors.DataError`` names the file, row and column):
    ``tables`` (CSV reading, shared cell helpers), ``article``, ``sentences``, ``codebook``,
    ``context`` (timeline, glossary), ``toc``, ``transfer``, ``lateral``, ``sources`` (cited sites).
Quizzes: ``quiz`` (pure model and grading), ``store`` (the progress store), ``widgets`` and
    ``a11y`` (the thin widget layer), ``export`` and ``handin`` (answers leaving the kernel).
Results: ``stats`` (kappa, confusion), ``results`` (one learner), ``classroom`` (a class),
    ``charts``, ``explorers``, ``display`` (tables), ``analysis``, ``checks`` (exercise checks).
Your own article: ``prelabel`` and ``rules`` (suggestions), ``review`` (the editor),
    ``own_article``, ``evaluation`` (the frozen evaluation set).
Running it: ``launch`` (the README's JupyterLab command), ``server`` (TCP_NODELAY), ``paths``,
    ``skeleton`` and ``guide`` (checks of the notebooks and the teaching guide).
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

#: Public name -> the module that defines it.
_EXPORTS = {
    "Article": "article",
    "Paragraph": "article",
    "load_article": "article",
    "Codebook": "codebook",
    "Dimension": "codebook",
    "Label": "codebook",
    "Party": "codebook",
    "article_codebook": "codebook",
    "load_codebook": "codebook",
    "load_glossary": "context",
    "load_timeline": "context",
    "DataError": "errors",
    "export_answers": "export",
    "AnswerResult": "quiz",
    "Quiz": "quiz",
    "QuizError": "quiz",
    "Score": "quiz",
    "build_quiz": "quiz",
    "load_quiz_bank": "sentences",
    "load_sentences": "sentences",
    "parse_competing_labels": "sentences",
    "ProgressStore": "store",
    "StoreWarning": "store",
    "ClaimQuiz": "widgets",
}

__all__ = sorted([*_EXPORTS, "quiz"])

# Load the quiz model now: importing a submodule sets the package's attribute of that name, so a
# later first import of claimlab.quiz would replace the quiz() function below with the module.
from . import quiz as _quiz_model  # noqa: E402, F401


def quiz(*args, **options):
    """Build a quiz and show it as a widget: see :func:`claimlab.widgets.quiz` (imported on first use)."""
    from .widgets import quiz as build

    return build(*args, **options)


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'claimlab' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])
