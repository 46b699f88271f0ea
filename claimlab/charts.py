"""Charts that also work in static views, each paired with a text description.

Every function returns a :class:`Chart`: a notebook displays it once, as a PNG that GitHub and
exported HTML show too, with the chart's text description as its plain-text form and alt text.
Values are written on the chart and categories differ in shape or hatching as well as colour, so
nothing is told by colour alone.
"""

from __future__ import annotations

import base64
import io

import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from .analysis import describe_share_of_voice

HATCHES = ["", "//", "..", "xx", "\\\\", "++"]
MARKERS = ["o", "s", "^", "D", "v", "P", "X", "*"]


class Chart:
    """A figure with its text description: shown as a PNG whose alt text and plain-text form are
    the description, so a screen reader, a static export and a text-only view all get it."""

    def __init__(self, figure, description: str) -> None:
        self.figure = figure
        self.description = description

    @property
    def axes(self):
        return self.figure.axes

    def __repr__(self) -> str:
        return self.description

    def _repr_mimebundle_(self, include=None, exclude=None):
        buffer = io.BytesIO()
        self.figure.savefig(buffer, format="png", dpi=100, metadata={"Software": None})
        data = {"image/png": base64.b64encode(buffer.getvalue()).decode("ascii"), "text/plain": self.description}
        return data, {"image/png": {"alt": self.description}}


def _figure(width: float, height: float):
    """A figure and its axes, made without pyplot: nothing is shown until the Chart is displayed,
    and no plotting backend has to start (which keeps notebooks quick)."""
    figure = Figure(figsize=(width, height))
    FigureCanvasAgg(figure)
    return figure, figure.add_subplot()


def _finish(fig, description: str) -> Chart:
    fig.tight_layout()
    return Chart(fig, description)


def share_of_voice_chart(table: pd.DataFrame) -> Chart:
    """Horizontal bars: words per side of the story, with the numbers written on the bars."""
    fig, ax = _figure(8, 0.6 * len(table) + 1.2)
    bars = ax.barh(table.index[::-1], table["words"][::-1], color="#5b7db1", edgecolor="black")
    for bar, hatch in zip(bars, HATCHES[: len(bars)][::-1], strict=True):
        bar.set_hatch(hatch)
    for bar, (words, share) in zip(
        bars, zip(table["words"][::-1], table["share_of_words_%"][::-1], strict=True), strict=True
    ):
        ax.text(bar.get_width() + 3, bar.get_y() + bar.get_height() / 2, f"{words} words ({share:.0f}%)", va="center")
    ax.set_xlabel("words in sentences credited to this side")
    ax.set_title("Share of voice: who is each sentence credited to?")
    ax.set_xlim(0, table["words"].max() * 1.35)
    ax.spines[["top", "right"]].set_visible(False)
    return _finish(fig, describe_share_of_voice(table))


def _between(timeline: pd.DataFrame, start: str | None, end: str | None) -> pd.DataFrame:
    frame = timeline
    if start is not None:
        frame = frame[frame["start"] >= pd.Timestamp(start)]
    if end is not None:
        frame = frame[frame["start"] <= pd.Timestamp(end)]
    return frame


def timeline_chart(timeline: pd.DataFrame, start: str | None = None, end: str | None = None) -> Chart:
    """Events as points on a time axis, one row per category, marker shape per category.

    A category keeps its marker shape in every chart of the same timeline, whatever the period.
    """
    frame = _between(timeline, start, end)
    shapes = {category: MARKERS[n % len(MARKERS)] for n, category in enumerate(sorted(timeline["category"].unique()))}
    categories = list(dict.fromkeys(frame["category"]))
    fig, ax = _figure(9, 0.45 * len(categories) + 1.5)
    for row_number, category in enumerate(categories):
        events = frame[frame["category"] == category]
        ax.scatter(
            events["start"],
            [row_number] * len(events),
            marker=shapes[category],
            s=60,
            color="#3b6ea5",
            edgecolor="black",
            zorder=3,
        )
    ax.set_yticks(range(len(categories)), categories)
    ax.grid(axis="x", linestyle=":", zorder=0)
    ax.set_title(f"{len(frame)} events by category")
    ax.spines[["top", "right"]].set_visible(False)
    fig.autofmt_xdate()
    return _finish(fig, describe_timeline(timeline, start, end))


def describe_timeline(timeline: pd.DataFrame, start: str | None = None, end: str | None = None) -> str:
    """The text description that goes with :func:`timeline_chart`."""
    frame = _between(timeline, start, end)
    if frame.empty:
        return "No events in this period."
    counts = frame["category"].value_counts(sort=False)
    listing = "; ".join(f"{category}: {count}" for category, count in counts.items())
    return (
        f"Chart of {len(frame)} events from {frame['date'].iloc[0]} to {frame['date'].iloc[-1]}, "
        f"one row per category ({listing})."
    )


def confusion_chart(matrix: pd.DataFrame, title: str = "Your labels against the key") -> Chart:
    """A confusion matrix with the count written in every cell (darker means more)."""
    fig, ax = _figure(1.1 * len(matrix.columns) + 2.5, 0.7 * len(matrix) + 1.8)
    ax.imshow(matrix.to_numpy(), cmap="Greys", vmin=0, vmax=max(1, int(matrix.to_numpy().max())) * 1.6)
    for i in range(len(matrix)):
        for j in range(len(matrix.columns)):
            value = int(matrix.iat[i, j])
            ax.text(j, i, str(value), ha="center", va="center", fontweight="bold" if i == j else "normal")
    ax.set_xticks(range(len(matrix.columns)), matrix.columns, rotation=30, ha="right")
    ax.set_yticks(range(len(matrix)), matrix.index)
    ax.set_xlabel("your label")
    ax.set_ylabel("answer key")
    ax.set_title(title)
    return _finish(fig, f"{title}. {describe_confusion(matrix)}")


def describe_confusion(matrix: pd.DataFrame) -> str:
    """Text description of a confusion matrix: the agreements, then the confusions, largest first."""
    total = int(matrix.to_numpy().sum())
    agree = int(sum(matrix.iat[i, i] for i in range(min(matrix.shape))))
    confusions = [
        (int(matrix.loc[key, answer]), key, answer)
        for key in matrix.index
        for answer in matrix.columns
        if key != answer and matrix.loc[key, answer] > 0
    ]
    confusions.sort(key=lambda entry: (-entry[0], entry[1], entry[2]))
    text = f"Table of {total} answers: {agree} match the key (the diagonal)."
    if confusions:
        listed = "; ".join(f"{count} \u00d7 key {key} answered as {answer}" for count, key, answer in confusions)
        text += f" Confusions, largest first: {listed}."
    else:
        text += " There are no confusions."
    return text
