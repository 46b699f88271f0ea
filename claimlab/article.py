"""The article: its text, split into paragraphs, and what is known about its publication."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from . import paths
from .errors import DataError
from .tables import URL_PATTERN, read_text

BULLET_MARKER = "- "

#: metadata.json keys and the JSON types they must have (None means JSON null is allowed).
METADATA_FIELDS: dict[str, tuple[type | None, ...]] = {
    "outlet": (str,),
    "title": (str,),
    "title_note": (str,),
    "approximate_date": (str,),
    "date_confirmed": (bool,),
    "date_note": (str,),
    "byline": (str, type(None)),
    "byline_confirmed": (bool,),
    "source_url": (str,),
    "terms_of_use": (str,),
}


@dataclass(frozen=True)
class Paragraph:
    number: int
    text: str
    is_bullet: bool


@dataclass(frozen=True)
class Article:
    """The article's text and metadata. Paragraph numbers start at 1, as in the sentence table.

    ``paragraphs[n - 1]`` is paragraph ``n``; the metadata (outlet, title, date...) is
    ``metadata[key]``, with the keys of :data:`METADATA_FIELDS`.
    """

    text: str
    paragraphs: tuple[Paragraph, ...]
    metadata: dict
    path: Path


def load_article(path: str | Path | None = None) -> Article:
    """Load the article text (one paragraph per line) and the ``metadata.json`` beside it.

    ``path`` may name the text file or the folder that holds ``article.txt``.
    """
    text_path = Path(path) if path is not None else paths.ARTICLE_TEXT
    if text_path.is_dir():
        text_path = text_path / "article.txt"
    text = read_text(text_path, "article text file")
    paragraphs = []
    for line in text.splitlines():
        if not line.strip():
            continue
        is_bullet = line.startswith(BULLET_MARKER)
        body = line[len(BULLET_MARKER) :] if is_bullet else line
        paragraphs.append(Paragraph(len(paragraphs) + 1, body.strip(), is_bullet))
    if not paragraphs:
        raise DataError(text_path, "has no text; expected the article, one paragraph per line.")
    metadata = _load_metadata(text_path.with_name(paths.ARTICLE_METADATA_NAME))
    return Article(text=text, paragraphs=tuple(paragraphs), metadata=metadata, path=text_path)


def _load_metadata(path: Path) -> dict:
    raw = read_text(path, "article metadata file")
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as error:
        raise DataError(path, f"is not valid JSON ({error.msg}).", line=error.lineno) from None
    if not isinstance(data, dict):
        raise DataError(path, "must hold one JSON object ({...}) with the article's metadata.", line=1)
    for key, types in METADATA_FIELDS.items():
        if key not in data:
            raise DataError(path, f"the key '{key}' is missing.", column=key, fix="Add it (see the README).")
        if not isinstance(data[key], types):
            expected = " or ".join("null" if t is type(None) else t.__name__ for t in types)
            raise DataError(path, f"'{key}' must be {expected}, not {type(data[key]).__name__}.", column=key)
        if isinstance(data[key], str) and not data[key].strip():
            raise DataError(path, f"'{key}' is empty.", column=key)
    unexpected = sorted(set(data) - set(METADATA_FIELDS))
    if unexpected:
        raise DataError(path, f"unexpected key(s): {', '.join(unexpected)}.", column=unexpected[0])
    if not URL_PATTERN.match(data["source_url"]):
        raise DataError(path, "'source_url' is not a web address.", column="source_url")
    return data
