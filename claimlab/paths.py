"""Where the project's data and notebooks live (standard library only: tasks.py loads this file)."""

from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"

ARTICLE_TEXT = DATA_DIR / "article" / "article.txt"
ARTICLE_METADATA_NAME = "metadata.json"
SENTENCES = DATA_DIR / "sentences.csv"
CODEBOOK_DIR = DATA_DIR / "codebook"
TIMELINE = DATA_DIR / "timeline.csv"
GLOSSARY = DATA_DIR / "glossary.csv"
QUIZ_DIR = DATA_DIR / "quizzes"
LEXICON_DIR = DATA_DIR / "lexicon"
STORY_PARTS_DIR = DATA_DIR / "story_parts"
EXAMPLES_DIR = DATA_DIR / "examples"

#: The folders whose notebooks are run by the tests, saved by tools/execute_notebooks.py and
#: turned into handouts and site pages.
NOTEBOOK_FOLDERS = ("notebooks", "exercises")


def notebook_files(root: Path = PROJECT_ROOT) -> list[Path]:
    """Every notebook of the collection, sorted: the lessons, the instructor and reference notebooks,
    the exercises and their solutions, but never JupyterLab's ``.ipynb_checkpoints`` copies (they
    appear once a notebook has been opened).

    The one list that the tests, tools/, benchmarks/ and tasks.py share. This module uses only the
    standard library, so that tasks.py can load it before anything is installed.
    """
    return sorted(
        path
        for folder in NOTEBOOK_FOLDERS
        for path in (root / folder).rglob("*.ipynb")
        if ".ipynb_checkpoints" not in path.relative_to(root).parts
    )
