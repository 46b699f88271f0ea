"""Lateral reading on the live web: who is behind three sources, logged on a template.

The activity in notebook 05 sends learners out of the notebook (new browser tabs) to find out
who is behind three sources: the article's outlet and two sources this collection cites. This
module holds the little it needs:

- :func:`load_sources`, :func:`load_snippets` and :func:`load_rubric` read ``data/lateral/``,
  strictly, with errors that name the file, the row and the column;
- :func:`show_snippets` shows the prepared search results (for a room without internet, and for
  the notebook's saved outputs) as escaped HTML, without the teacher's notes;
- :class:`LateralLog` is the template: what you searched, what you opened, what you found, who is
  behind it and how far to trust it for the claim. It saves to the progress store (kind
  ``response``) so the log comes back after a restart and is exported with the other answers.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import ipywidgets as widgets
import pandas as pd
from IPython.display import HTML

from . import paths
from .errors import DataError
from .store import ProgressStore
from .tables import read_rows
from .widgets import esc, panel, primary_button

FOLDER = paths.DATA_DIR / "lateral"
SOURCES = FOLDER / "sources.csv"
SNIPPETS = FOLDER / "snippets.csv"
RUBRIC = FOLDER / "rubric.csv"

SOURCE_COLUMNS = ("id", "name", "site", "claim", "cited_in", "first_search")
SNIPPET_COLUMNS = ("id", "source", "rank", "title", "site", "summary", "url", "quality", "note")
RUBRIC_COLUMNS = ("criterion", "beginning", "emerging", "mastery")
#: How a prepared result serves a lateral reader; at least one per source must be weak or misleading.
QUALITIES = ("useful", "weak", "misleading")
MIN_SNIPPETS, MAX_SNIPPETS = 4, 6
#: A summary is a short description in the project's own words, not a copied page.
MAX_SUMMARY = 400
SITE_PATTERN = re.compile(r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$")

#: The fields of the log, in order: (key, label, hint). The keys are what the store keeps.
FIELDS = (
    ("searched", "What I searched", "The words you typed into the search engine, each search on its own line."),
    ("opened", "What I opened", "The results you opened in new tabs (site names are enough)."),
    ("found", "What I found", "What those other sources say about who runs, owns or pays for it."),
    ("behind", "Who is behind it", "Your answer in a sentence: who publishes it, and who owns or funds them."),
    ("trust", "Trust for this claim", "For this claim only: trust it, trust it with a check, or not; and why."),
)
DEFAULT_QUIZ = "lateral-reading"


@dataclass(frozen=True)
class Source:
    """One of the sources to investigate, and the claim this collection uses it for."""

    id: str
    name: str
    site: str
    claim: str
    cited_in: str
    first_search: str


@dataclass(frozen=True)
class Snippet:
    """One prepared search result: what a learner would see, and the teacher's note on it."""

    id: str
    source: str
    rank: int
    title: str
    site: str
    summary: str
    url: str
    quality: str
    note: str


# -- loading ------------------------------------------------------------------------------------


def _site(row, column: str = "site") -> str:
    value = row.require(column, "a site name such as example.org")
    if not SITE_PATTERN.match(value):
        raise row.error(
            column,
            f"'{value}' is not a site name.",
            "Write the host only, in lower case, without http:// or a path (for example www.example.org).",
        )
    return value


def load_sources(path: str | Path = SOURCES) -> dict[str, Source]:
    """The sources to investigate, by id, in file order."""
    rows = read_rows(path, SOURCE_COLUMNS, id_column="id", what="lateral-reading source")
    sources = {}
    for row in rows:
        sources[row["id"]] = Source(
            id=row["id"],
            name=row.require("name", "the source's name"),
            site=_site(row),
            claim=row.require("claim", "the claim this collection uses the source for"),
            cited_in=row.require("cited_in", "where the collection cites it"),
            first_search=row.require("first_search", "a first search to suggest"),
        )
    return sources


def load_snippets(path: str | Path = SNIPPETS, sources: dict[str, Source] | None = None) -> list[Snippet]:
    """The prepared search results, checked: every source has 4-6, ranked 1, 2, 3 ..., with at
    least one weak or misleading result to judge; every cell is filled; addresses are web addresses."""
    path = Path(path)
    sources = load_sources() if sources is None else sources
    rows = read_rows(path, SNIPPET_COLUMNS, id_column="id", what="search-result snippet")
    snippets: list[Snippet] = []
    for row in rows:
        source = row.require_choice("source", list(sources), "source id (see sources.csv)")
        urls = row.require_urls("url")
        if len(urls) != 1:
            raise row.error("url", f"holds {len(urls)} addresses; a search result has exactly one.")
        summary = row.require("summary", "a short summary in your own words")
        if len(summary) > MAX_SUMMARY:
            raise row.error(
                "summary",
                f"is {len(summary)} characters long; keep it to {MAX_SUMMARY}.",
                "Describe the page in a sentence or two of your own words; do not copy it.",
            )
        snippets.append(
            Snippet(
                id=row["id"],
                source=source,
                rank=row.require_int("rank", minimum=1),
                title=row.require("title", "the result's title"),
                site=_site(row),
                summary=summary,
                url=urls[0],
                quality=row.require_choice("quality", QUALITIES, "quality"),
                note=row.require("note", "a note for the teacher on how to judge the result"),
            )
        )
    for source in sources:
        own = [s for s in snippets if s.source == source]
        first = next((r for r in rows if r["source"] == source), None)
        where = {"row": first["id"], "line": first.line} if first else {}
        if not MIN_SNIPPETS <= len(own) <= MAX_SNIPPETS:
            raise DataError(
                path,
                f"source '{source}' has {len(own)} results; give each source {MIN_SNIPPETS} to {MAX_SNIPPETS}.",
                column="source",
                **where,
            )
        ranks = [s.rank for s in own]
        if ranks != list(range(1, len(own) + 1)):
            raise DataError(
                path,
                f"the results of source '{source}' are ranked {ranks}; rank them 1, 2, 3 ... in file order.",
                column="rank",
                **where,
            )
        if not any(s.quality in ("weak", "misleading") for s in own):
            raise DataError(
                path,
                f"source '{source}' has no weak or misleading result; give learners at least one to judge.",
                column="quality",
                **where,
            )
    return snippets


def load_rubric(path: str | Path = RUBRIC) -> pd.DataFrame:
    """The rubric, one criterion a row, with what beginning, emerging and mastery look like."""
    rows = read_rows(path, RUBRIC_COLUMNS, id_column="criterion", what="rubric criterion")
    records = [{column: row.require(column) for column in RUBRIC_COLUMNS} for row in rows]
    return pd.DataFrame.from_records(records, columns=list(RUBRIC_COLUMNS)).set_index("criterion")


def sources_table(sources: dict[str, Source] | None = None) -> pd.DataFrame:
    """The three sources as a table to read before going online."""
    sources = load_sources() if sources is None else sources
    return pd.DataFrame(
        [{"source": s.name, "site": s.site, "what this collection uses it for": s.claim} for s in sources.values()],
        index=pd.Index(list(sources), name="id"),
    )


# -- showing the prepared results ---------------------------------------------------------------


def snippets_html(
    source: str, snippets: Sequence[Snippet] | None = None, sources: dict[str, Source] | None = None
) -> str:
    """The prepared results for one source, laid out like a search page, every text escaped.
    The teacher's quality and note are left out: learners judge the results themselves."""
    sources = load_sources() if sources is None else sources
    if source not in sources:
        raise ValueError(f"no lateral-reading source {source!r}; choose one of {', '.join(sources)}")
    snippets = load_snippets(sources=sources) if snippets is None else snippets
    own = sorted((s for s in snippets if s.source == source), key=lambda s: s.rank)
    items = "".join(
        f'<li style="margin-bottom: 0.8em"><a href="{esc(s.url)}" target="_blank" rel="noopener noreferrer">'
        f"<b>{esc(s.title)}</b></a><br><small style='word-break: break-all'>{esc(s.site)} \u2013 {esc(s.url)}</small>"
        f"<br>{esc(s.summary)}</li>"
        for s in own
    )
    return (
        f"<p><b>Prepared search results: {esc(sources[source].name)}</b> (a search made in advance; "
        "the summaries are ours, not the pages' own words)</p>"
        f"<ol>{items}</ol>"
    )


def show_snippets(source: str, **options) -> HTML:
    """Display the prepared results for one source (make it the last line of a cell)."""
    return HTML(snippets_html(source, **options))


def snippet_notes(
    source: str | None = None,
    snippets: Sequence[Snippet] | None = None,
    *,
    qualities: Sequence[str] = ("weak", "misleading"),
) -> str:
    """The teacher's notes on the results of one source (or all), as plain text for a model answer."""
    snippets = load_snippets() if snippets is None else snippets
    chosen = [s for s in snippets if (source is None or s.source == source) and s.quality in qualities]
    return "\n\n".join(f"{s.title} ({s.site}), {s.quality}: {s.note}" for s in chosen)


# -- the log ------------------------------------------------------------------------------------


def encode_log(fields: dict[str, str]) -> str:
    """The fields as one JSON text for the store (known keys only, stripped, in order)."""
    return json.dumps({key: fields.get(key, "").strip() for key, _, _ in FIELDS}, ensure_ascii=False)


def decode_log(text: str) -> dict[str, str]:
    """The fields back from the store. Text that is not a log (edited by hand, say) is kept
    whole in "What I found" rather than lost."""
    empty = {key: "" for key, _, _ in FIELDS}
    try:
        data = json.loads(text)
    except (TypeError, ValueError):
        return {**empty, "found": text or ""}
    if not isinstance(data, dict):
        return {**empty, "found": text}
    return {key: str(data.get(key, "")) for key in empty}


class LateralLog(widgets.VBox):
    """The lateral-reading template for one source: five short fields and a Save button.

    Saved logs go to the progress store (kind ``response``, item = the source id); the latest
    one is restored when the log is shown again, after a restart too.
    """

    def __init__(
        self,
        source: str,
        *,
        notebook: str,
        quiz_id: str = DEFAULT_QUIZ,
        store: ProgressStore | None = None,
        learner: str | None = None,
        sources: dict[str, Source] | None = None,
    ) -> None:
        from .quiz import default_learner

        sources = load_sources() if sources is None else sources
        if source not in sources:
            raise ValueError(f"no lateral-reading source {source!r}; choose one of {', '.join(sources)}")
        self.source = sources[source]
        self.notebook, self.quiz_id = notebook, quiz_id
        self.store = store if store is not None else ProgressStore()
        self.learner = learner or default_learner()
        s = self.source
        self.header = widgets.HTML(
            f"<h4>Lateral-reading log: {esc(s.name)} ({esc(s.site)})</h4>"
            f"<p><i>What this collection uses it for:</i> {esc(s.claim)}</p>"
            f"<p><i>A first search to try:</i> <code>{esc(s.first_search)}</code> (then open results in new tabs).</p>"
        )
        saved = self.saved()
        self.inputs: dict[str, widgets.Textarea] = {}
        rows: list[widgets.Widget] = []
        for key, label, hint in FIELDS:
            box = widgets.Textarea(
                value=(saved or {}).get(key, ""),
                placeholder=hint,
                description=label,
                layout=widgets.Layout(width="95%", height="3.5em"),
                style={"description_width": "14em"},
            )
            self.inputs[key] = box
            rows.append(box)
        self.save_button = primary_button(
            "Save my log", "Save what you wrote; it comes back when you reopen the notebook", self._on_save
        )
        self.status = widgets.HTML()
        super().__init__([self.header, *rows, self.save_button, self.status])
        if saved:
            self.status.value = '<p role="status">Your saved log is above; change it and save again at any time.</p>'

    @property
    def fields(self) -> dict[str, str]:
        return {key: box.value for key, box in self.inputs.items()}

    def saved(self) -> dict[str, str] | None:
        """The latest saved log for this source, if any."""
        text = self.store.latest_response(
            learner=self.learner, notebook=self.notebook, quiz=self.quiz_id, item=self.source.id
        )
        return decode_log(text) if text is not None else None

    def _on_save(self, _button=None) -> None:
        fields = self.fields
        if not any(value.strip() for value in fields.values()):
            self.status.value = panel("info", "<p>Nothing to save yet: fill in at least one field.</p>")
            return
        self.store.save_response(
            learner=self.learner, notebook=self.notebook, quiz=self.quiz_id, item=self.source.id,
            text=encode_log(fields),
        )  # fmt: skip
        missing = [label for key, label, _ in FIELDS if not fields[key].strip()]
        note = "Saved." + (f" Still empty: {', '.join(missing)}." if missing else " Now check it against the rubric.")
        self.status.value = f'<p role="status">{esc(note)}</p>'

    def __repr__(self) -> str:
        return (
            f"Lateral-reading log for {self.source.name}: run the notebook in JupyterLab to fill it in. "
            f"({self.quiz_id}/{self.source.id})"
        )

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs)
        fields = "".join(f"<li>{esc(label)}</li>" for _, label, _ in FIELDS)
        bundle["text/plain"] = repr(self) + "\nFields: " + "; ".join(label for _, label, _ in FIELDS) + "."
        bundle["text/html"] = f"<p><i>{esc(repr(self))}</i></p><ul>{fields}</ul>"
        return bundle


def lateral_log(source: str, **options) -> LateralLog:
    """The template for one source; display it by making it the last line of a cell."""
    return LateralLog(source, **options)
