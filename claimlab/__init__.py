"""claimlab: load, check and quiz the annotated article used by the notebooks."""

from .article import Article, Paragraph, load_article
from .codebook import Codebook, Dimension, Label, load_codebook
from .context import load_glossary, load_timeline
from .errors import DataError
from .sentences import load_sentences, parse_competing_labels

__all__ = [
    "Article",
    "Codebook",
    "DataError",
    "Dimension",
    "Label",
    "Paragraph",
    "load_article",
    "load_codebook",
    "load_glossary",
    "load_sentences",
    "load_timeline",
    "parse_competing_labels",
]
