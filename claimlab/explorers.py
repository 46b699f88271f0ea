"""Small widgets for exploring the context: the timeline filter and the glossary look-up.

The filtering and searching are pure functions (tested directly); the widgets only call them
and write escaped HTML.
"""

from __future__ import annotations

import ipywidgets as widgets
import pandas as pd

from .display import left_align_html
from .sources import describe_url
from .tables import split_list
from .widgets import esc

ALL = "(all)"


def filter_timeline(
    timeline: pd.DataFrame, *, category: str | None = None, actor: str = "", text: str = ""
) -> pd.DataFrame:
    """Events of one category (or all), whose actor and event text contain the words given."""
    frame = timeline
    if category and category != ALL:
        frame = frame[frame["category"] == category]
    if actor.strip():
        frame = frame[frame["actor"].str.contains(actor.strip(), case=False, regex=False)]
    if text.strip():
        frame = frame[frame["event"].str.contains(text.strip(), case=False, regex=False)]
    return frame


def timeline_html(frame: pd.DataFrame) -> str:
    if frame.empty:
        return "<p>No events match. Clear a filter to see more.</p>"
    rows = "".join(
        f"<tr><td>{esc(row.date)}</td><td>{esc(row.category)}</td><td>{esc(row.actor)}</td>"
        f"<td>{esc(row.event)}</td><td>{_links(row.source_url)}</td></tr>"
        for row in frame.itertuples()
    )
    return left_align_html(
        f"<p>{len(frame)} event{'s' if len(frame) != 1 else ''}.</p><table><thead><tr><th>date</th>"
        f"<th>category</th><th>actor</th><th>event</th><th>sources</th></tr></thead><tbody>{rows}</tbody></table>"
    )


def _links(cell: str) -> str:
    """Each source as a link named by its publisher, state media labelled (from data/sources/domains.csv)."""
    return "; ".join(
        f'<a href="{esc(url)}" target="_blank" rel="noopener noreferrer">{esc(describe_url(url))}</a>'
        for url in split_list(cell)
    )


class TimelineExplorer(widgets.VBox):
    """Filter the timeline by category, actor or a word in the event, and read the matching events."""

    def __init__(self, timeline: pd.DataFrame) -> None:
        self.timeline = timeline
        self.category = widgets.Dropdown(
            options=[ALL, *sorted(timeline["category"].unique())], value=ALL, description="Category"
        )
        self.actor = widgets.Text(value="", placeholder="e.g. Commerce, Xi, Qin Gang", description="Actor")
        self.text = widgets.Text(value="", placeholder="e.g. TikTok, balloon", description="Event")
        self.table = widgets.HTML()
        for control in (self.category, self.actor, self.text):
            control.observe(self._update, names="value")
        super().__init__([widgets.HBox([self.category, self.actor, self.text]), self.table])
        self._update()

    def _update(self, _change=None) -> None:
        shown = filter_timeline(
            self.timeline, category=self.category.value, actor=self.actor.value, text=self.text.value
        )
        self.table.value = timeline_html(shown)

    def __repr__(self) -> str:
        return f"TimelineExplorer({len(self.timeline)} events)"

    def _repr_mimebundle_(self, **kwargs):
        """Where widgets cannot run (GitHub, exported HTML), show every event as a table instead."""
        bundle = super()._repr_mimebundle_(**kwargs)
        bundle["text/html"] = timeline_html(self.timeline)
        return bundle


def lookup(glossary: pd.DataFrame, query: str) -> pd.DataFrame:
    """Glossary entries whose term or definition contains ``query`` (terms first)."""
    query = query.strip()
    if not query:
        return glossary.iloc[0:0]
    in_term = glossary.index.to_series().str.contains(query, case=False, regex=False)
    in_definition = glossary["definition"].str.contains(query, case=False, regex=False)
    return pd.concat([glossary[in_term], glossary[~in_term & in_definition]])


def glossary_html(matches: pd.DataFrame, query: str) -> str:
    if not query.strip():
        return "<p>Type a word, such as <i>fusion</i>, <i>NPC</i> or <i>Entity List</i>.</p>"
    if matches.empty:
        return f"<p>No glossary entry mentions \u201c{esc(query)}\u201d.</p>"
    return "".join(
        f"<p><b>{esc(term)}</b>: {esc(row.definition)} {_links(row.source_url)}</p>" for term, row in matches.iterrows()
    )


class GlossaryLookup(widgets.VBox):
    """Type a word; see every glossary entry that names or mentions it, with sources."""

    def __init__(self, glossary: pd.DataFrame, query: str = "") -> None:
        self.glossary = glossary
        self.query = widgets.Combobox(
            value=query,
            options=list(glossary.index),
            placeholder="a term, e.g. two sessions",
            description="Look up",
            ensure_option=False,
        )
        self.result = widgets.HTML()
        self.query.observe(self._update, names="value")
        super().__init__([self.query, self.result])
        self._update()

    def _update(self, _change=None) -> None:
        self.result.value = glossary_html(lookup(self.glossary, self.query.value), self.query.value)

    def __repr__(self) -> str:
        return f"GlossaryLookup({len(self.glossary)} terms)"

    def _repr_mimebundle_(self, **kwargs):
        """Where widgets cannot run (GitHub, exported HTML), show the whole glossary instead."""
        bundle = super()._repr_mimebundle_(**kwargs)
        bundle["text/html"] = "".join(
            f"<p><b>{esc(term)}</b>: {esc(row.definition)} {_links(row.source_url)}</p>"
            for term, row in self.glossary.iterrows()
        )
        return bundle
