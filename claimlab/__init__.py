"""claimlab: load, check and quiz the annotated article used by the notebooks."""

__version__ = "0.1.0"

from .article import Article, Paragraph, load_article  # noqa: E402
from .codebook import Codebook, Dimension, Label, load_codebook  # noqa: E402
from .context import load_glossary, load_timeline  # noqa: E402
from .errors import DataError  # noqa: E402
from .export import export_answers  # noqa: E402
from .quiz import AnswerResult, Quiz, QuizError, Score, build_quiz  # noqa: E402
from .sentences import load_quiz_bank, load_sentences, parse_competing_labels  # noqa: E402
from .store import ProgressStore, StoreWarning  # noqa: E402
from .widgets import ClaimQuiz, quiz  # noqa: E402

__all__ = [
    "AnswerResult",
    "Article",
    "ClaimQuiz",
    "Codebook",
    "DataError",
    "Dimension",
    "Label",
    "Paragraph",
    "ProgressStore",
    "Quiz",
    "QuizError",
    "Score",
    "StoreWarning",
    "build_quiz",
    "export_answers",
    "load_article",
    "load_codebook",
    "load_glossary",
    "load_quiz_bank",
    "load_sentences",
    "load_timeline",
    "parse_competing_labels",
    "quiz",
]
