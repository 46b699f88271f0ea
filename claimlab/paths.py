"""Where the project's data lives."""

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
