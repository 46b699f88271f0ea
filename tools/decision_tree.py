"""Draw the codebook's decision tree as a one-page printable figure, with a text version.

    .venv/bin/python tools/decision_tree.py        (writes docs/decision-tree.png and docs/decision-tree.md)

The page holds the three questions asked of every sentence: the statement-type tree (QUOTE ->
ATTRIBUTED -> FRAMING -> CONTEXT -> FACT, the first "yes" wins), the source question ("who says
so?") and the check-worthiness rules CW1-CW6 in order. The wording is a shortened version of the
codebook's decision rules (data/codebook/labels.csv, check_worthy_rules.csv); the label codes, their
order and each rule's YES/NO come from the codebook itself, and the script stops with an error if
the codebook and this page no longer match, so the card cannot silently drift from the quizzes.

The figure is A4 portrait, black on white with grey fills: every meaning is written in words
("Yes", "No", the label names), none is told by colour. It is drawn without pyplot (as in
claimlab/charts.py) and saved without a "Software" stamp, so the same inputs give the same bytes.
"""

from __future__ import annotations

import io
import json
import sys
import textwrap
from pathlib import Path

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claimlab import load_codebook  # noqa: E402  (after the path is set, so the script runs from anywhere)

PNG = ROOT / "docs" / "decision-tree.png"
MARKDOWN = ROOT / "docs" / "decision-tree.md"
NOTEBOOK = ROOT / "notebooks" / "03_claim_types.ipynb"  # shows the figure with the same alt text

TITLE = "Three questions for every sentence"
SUBTITLE = "A printable card for the claimlab codebook. Work on one sentence at a time."

TREE_HEADING = "1. What kind of statement is it?"
TREE_INTRO = 'Ask the questions in order. The first "yes" wins: stop there.'

#: The statement-type tree, in the codebook's order: (label, short name, the yes/no question).
TREE = [
    (
        "QUOTE",
        "exact words",
        "Is the main point carried by someone's exact words: a full phrase or sentence in quotation marks? "
        "(One quoted word, a name or a slogan is not enough.)",
    ),
    (
        "ATTRIBUTED",
        "reported claim",
        "Does a cue (said, according to, per, warned, accused, denied ...) hand the main point to a person, "
        "a body or a document?",
    ),
    (
        "FRAMING",
        "the outlet interprets",
        "With no one credited, does the outlet say what something means, how serious it is or what someone "
        "intends? One such word is enough; headline-style summaries count.",
    ),
    ("CONTEXT", "background", "Is it neutral, checkable background that was already true before this news?"),
    (
        "FACT",
        "new development",
        "Last stop: is it a neutral, checkable report of what is new, or of the reporting itself? "
        "(If not, go back to question 1: an earlier answer was probably wrong.)",
    ),
]

SOURCE_HEADING = "2. Who says so? (source)"
SOURCE_INTRO = (
    "Find the quotation marks or the cue. If there is neither, the source is OUTLET, whatever the "
    "sentence is about: topic is not source. Otherwise, who does the cue point to?"
)
#: Source labels in the codebook's order: (label, who the cue points to). OUTLET is the intro.
SOURCES = [
    ("OUTLET", "no quotation and no cue: the outlet itself"),
    ("GOVERNMENT", "a public office, an official or a spokesperson (say which government or body)"),
    ("STATE_MEDIA", "a state-controlled outlet that vouches for the point itself"),
    ("OTHER_MEDIA", "another news organisation that vouches for the point itself"),
    ("EXPERT_ORG", "an expert, or an organisation that is neither a government nor a news medium"),
    ("PUBLIC_OTHER", "a private person, or someone the sentence gives no role"),
]
SOURCE_NOTE = (
    "A quotation relayed by a news medium belongs to its speaker; a fact a medium vouches for is the medium's."
)

CHECK_HEADING = "3. Is it worth checking? (rules CW1 to CW6)"
CHECK_INTRO = "Go down the rules in order. The first rule that fits decides YES or NO."
#: The check-worthiness rules in order: rule code -> a shortened rule. Label and name come from the data.
CHECK_RULES = {
    "CW1": "Checkable, but nothing in the story depends on it (a time of day, a colour, an unanswered "
    "request for comment). If it were wrong, would any reader misunderstand the story? If not, NO.",
    "CW2": "A quotation or report of what a named person or a body identified by role said, warned, denied "
    "or forecast. Check that they said it, not whether they are right. Opinions and forecasts too.",
    "CW3": "An opinion, mood or forecast credited to a vague group ('critics say', 'many residents') that no "
    "record could pin down. If the content is a specific fact that matters, use CW4 instead.",
    "CW4": "A specific fact (an event, number, date, decision, office, or what a law or list contains) that "
    "records could settle and that would mislead readers if it were wrong. Background counts too.",
    "CW5": "The outlet interprets, but on a checkable premise: what was ordered or intended, a cause, a "
    "'first' or 'largest', or a loaded verb ('refuted' = proved false). Check the premise.",
    "CW6": "The outlet's own judgement of mood or significance, or its own prediction, with nothing inside "
    "that a record could settle ('a particularly tense moment').",
}

FOOTER = "Verifiable is not the same as true: YES means the claim can and should be checked, not that it is right."
MORE = ("Full rules, examples and near misses", "notebooks/03_claim_types.ipynb")

# -- check the page against the codebook -----------------------------------------------------------


def checked_rules() -> list[tuple[str, str, str, str]]:
    """The check rules as (code, label, name, short text), after checking the page against the codebook."""
    codebook = load_codebook()
    problems = []
    if [label for label, _, _ in TREE] != list(codebook.labels("statement_type")):
        problems.append(
            f"statement types are {codebook.labels('statement_type')}, the page has {[label for label, _, _ in TREE]}"
        )
    if [label for label, _ in SOURCES] != list(codebook.labels("source")):
        problems.append(f"source labels are {codebook.labels('source')}, the page has {[s for s, _ in SOURCES]}")
    if list(CHECK_RULES) != list(codebook.check_rules):
        problems.append(f"check rules are {list(codebook.check_rules)}, the page has {list(CHECK_RULES)}")
    if problems:
        raise SystemExit("The decision-tree page no longer matches the codebook:\n- " + "\n- ".join(problems))
    return [(code, rule.label, rule.name, CHECK_RULES[code]) for code, rule in codebook.check_rules.items()]


# -- the figure (coordinates in millimetres on an A4 page) -----------------------------------------

WIDTH, HEIGHT = 210, 297
MM = 1 / 25.4
BODY, SMALL, CARD = 9.5, 8.5, 8
LIGHT, MID = "#eeeeee", "#d0d0d0"


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width=width))


def _box(ax, x, y, w, h, *, fill="white", lw=1.0, dashed=False):
    ax.add_patch(
        FancyBboxPatch(
            (x, y),
            w,
            h,
            boxstyle="round,pad=0,rounding_size=1.5",
            facecolor=fill,
            edgecolor="black",
            linewidth=lw,
            linestyle="--" if dashed else "-",
        )
    )


def _arrow(ax, start, end):
    ax.add_patch(FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=12, color="black", linewidth=1.2))


def draw(rules: list[tuple[str, str, str, str]]) -> Figure:
    figure = Figure(figsize=(WIDTH * MM, HEIGHT * MM))
    FigureCanvasAgg(figure)
    ax = figure.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, WIDTH)
    ax.set_ylim(0, HEIGHT)
    ax.axis("off")
    left, right = 12, WIDTH - 12
    texts = []  # (text artist, box) pairs whose fit is checked after drawing

    def put(x, y, s, box=None, **style):
        artist = ax.text(x, y, s, fontsize=style.pop("size", BODY), va=style.pop("va", "top"), **style)
        texts.append((artist, box))
        return artist

    y = 289
    put(left, y, TITLE, size=17, weight="bold")
    put(left, y - 8, SUBTITLE, size=BODY)

    # 1. The statement-type tree: question boxes on the left, "Yes" to a label on the right, "No" down.
    y -= 16
    put(left, y, TREE_HEADING, size=13, weight="bold")
    put(left, y - 6, TREE_INTRO, size=BODY, style="italic")
    y -= 11.5
    box_h, gap = 14.5, 5.5
    q_w, label_x = 126, 160
    label_w = right - label_x
    for number, (label, name, question) in enumerate(TREE, start=1):
        y -= box_h
        _box(ax, left, y, q_w, box_h, lw=1.2)
        put(left + 2.5, y + box_h - 1.8, f"{number}", size=12, weight="bold")
        put(left + 8.5, y + box_h - 1.8, _wrap(question, 64), box=(left, y, q_w, box_h))
        _box(ax, label_x, y + 1, label_w, box_h - 2, fill=LIGHT, lw=2.2)
        put(
            label_x + label_w / 2,
            y + box_h / 2 + 2,
            label,
            size=12,
            weight="bold",
            ha="center",
            va="center",
            box=(label_x, y + 1, label_w, box_h - 2),
        )
        put(
            label_x + label_w / 2,
            y + box_h / 2 - 3,
            name,
            size=SMALL,
            ha="center",
            va="center",
            box=(label_x, y + 1, label_w, box_h - 2),
        )
        _arrow(ax, (left + q_w, y + box_h / 2), (label_x, y + box_h / 2))
        put(
            left + q_w + (label_x - left - q_w) / 2,
            y + box_h / 2 + 1,
            "Yes",
            size=BODY,
            weight="bold",
            ha="center",
            va="bottom",
        )
        if number < len(TREE):
            _arrow(ax, (left + 20, y), (left + 20, y - gap))
            put(left + 22.5, y - gap / 2, "No", size=BODY, weight="bold", va="center")
            y -= gap

    # 2. Who says so?
    y -= 6
    put(left, y, SOURCE_HEADING, size=13, weight="bold")
    y -= 6.5
    source_h = 43
    frame = (left, y - source_h, right - left, source_h)
    _box(ax, *frame, lw=1.2)
    put(left + 3, y - 2.2, _wrap(SOURCE_INTRO, 104), box=frame)
    row_y = y - 11.5
    put(left + 6, row_y, "The cue points to ...", size=BODY, weight="bold")
    put(right - 36, row_y, "Source", size=BODY, weight="bold")
    for label, who in SOURCES[1:]:
        row_y -= 4.4
        put(left + 6, row_y, who, size=BODY, box=(left + 4, row_y - 5, right - left - 42, 6))
        put(right - 36, row_y, label, size=BODY, weight="bold", box=(right - 38, row_y - 5, 37, 6))
    put(left + 3, row_y - 5.2, SOURCE_NOTE, size=SMALL, style="italic", box=frame)
    y -= source_h

    # 3. Worth checking? One row per rule, in order, with its YES or NO written out.
    y -= 6
    put(left, y, CHECK_HEADING, size=13, weight="bold")
    put(left, y - 6, CHECK_INTRO, size=BODY, style="italic")
    y -= 10.5
    row_h, row_gap = 11.6, 1.2
    for code, label, name, text in rules:
        y -= row_h
        _box(ax, left, y, right - left, row_h, lw=0.9)
        put(left + 2.5, y + row_h / 2, code, size=11, weight="bold", va="center")
        _box(
            ax, left + 14, y + 2.3, 13, row_h - 4.6, fill=MID if label == "YES" else LIGHT, lw=1.6, dashed=label == "NO"
        )
        put(
            left + 20.5,
            y + row_h / 2,
            label,
            size=10.5,
            weight="bold",
            ha="center",
            va="center",
            box=(left + 14, y + 2.3, 13, row_h - 4.6),
        )
        put(
            left + 30,
            y + row_h - 1.3,
            _wrap(f"{name}. {text}", 108),
            size=CARD,
            box=(left + 29, y, right - left - 29, row_h),
        )
        y -= row_gap
    put(left, y - 2.5, _wrap(f"{FOOTER} {MORE[0]}: {MORE[1]}.", 122), size=SMALL, style="italic")
    _check_fit(figure, ax, texts)
    return figure


def _check_fit(figure, ax, texts) -> None:
    """Stop if any text runs outside its box or off the page (the wording is wrapped by hand)."""
    renderer = figure.canvas.get_renderer()
    to_mm = ax.transData.inverted()
    problems = []
    for artist, box in texts:
        (x0, y0), (x1, y1) = to_mm.transform(artist.get_window_extent(renderer).get_points())
        bx, by, bw, bh = box if box is not None else (4, 4, WIDTH - 8, HEIGHT - 8)
        if x0 < bx or y0 < by or x1 > bx + bw or y1 > by + bh:
            problems.append(f"{artist.get_text()[:50]!r} runs outside its box")
    if problems:
        raise SystemExit("The decision tree does not fit:\n- " + "\n- ".join(problems))


# -- the text version -------------------------------------------------------------------------------


def _plain(heading: str) -> str:
    return heading.split(". ", 1)[1]


def alt_text(rules: list[tuple[str, str, str, str]]) -> str:
    """One paragraph that says everything the figure shows, for the image's alt text."""
    tree = " ".join(
        f"Question {n}: {question} Yes: {label} ({name})." + (f" No: go to question {n + 1}." if n < len(TREE) else "")
        for n, (label, name, question) in enumerate(TREE, start=1)
    )
    sources = "; ".join(f"{who}: {label}" for label, who in SOURCES[1:])
    checks = " ".join(f"{code}, {label}: {name}. {text}" for code, label, name, text in rules)
    text = (
        f"A one-page decision card, '{TITLE}', in three parts. "
        f"Part 1, '{_plain(TREE_HEADING)}', is a flowchart of five question boxes stacked from top to bottom; "
        "each has a Yes arrow to a label on its right and, except the last, a No arrow down to the next "
        f"question. {TREE_INTRO} {tree} "
        f"Part 2, '{_plain(SOURCE_HEADING)}', is a box: {SOURCE_INTRO} {sources}. {SOURCE_NOTE} "
        f"Part 3, '{_plain(CHECK_HEADING)}', is a list of six rules, each marked YES or NO in words: "
        f"{CHECK_INTRO} {checks} {FOOTER}"
    )
    return text.replace("[", "(").replace("]", ")")


def markdown(rules: list[tuple[str, str, str, str]]) -> str:
    lines = [
        f"# {TITLE}: the decision tree",
        "",
        "A one-page card with the three questions of the codebook, to print (A4, black and white) or keep",
        "open beside a quiz. This page is its text version; both are written by `tools/decision_tree.py`",
        "from the codebook in `data/codebook/`, so do not edit them by hand: edit the script and run it.",
        "",
        f"![{alt_text(rules)}](decision-tree.png)",
        "",
        f"## {TREE_HEADING}",
        "",
        TREE_INTRO,
        "",
    ]
    for number, (label, name, question) in enumerate(TREE, start=1):
        after = f" No: go on to question {number + 1}." if number < len(TREE) else ""
        lines.append(f"{number}. {question}  \n   **Yes: {label}** ({name}).{after}")
    lines += [
        "",
        "In short: " + " → ".join(label for label, _, _ in TREE) + ".",
        "",
        f"## {SOURCE_HEADING}",
        "",
        SOURCE_INTRO,
        "",
        "| The cue points to ... | Source |",
        "|---|---|",
    ]
    lines += [f"| {who} | **{label}** |" for label, who in SOURCES[1:]]
    lines += [
        "",
        SOURCE_NOTE,
        "",
        f"## {CHECK_HEADING}",
        "",
        CHECK_INTRO,
        "",
        "| Rule | Decides | When it fits |",
        "|---|---|---|",
    ]
    lines += [f"| {code} | **{label}** | **{name}.** {text} |" for code, label, name, text in rules]
    lines += ["", f"{FOOTER} {MORE[0]}: [{MORE[1].split('/')[-1]}](../{MORE[1]}).", ""]
    return "\n".join(lines)


def main() -> None:
    rules = checked_rules()
    figure = draw(rules)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=200, metadata={"Software": None})
    # The page is black, white and grey only: a greyscale PNG holds the same pixels in a third of the bytes.
    with Image.open(buffer) as image:
        image.convert("L").save(PNG, format="PNG", optimize=True, dpi=(200, 200))
    MARKDOWN.write_text(markdown(rules), encoding="utf-8")
    print(f"wrote {PNG.relative_to(ROOT)} and {MARKDOWN.relative_to(ROOT)}")
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    shown = "".join("".join(cell["source"]) for cell in cells if cell["cell_type"] == "markdown")
    if f"![{alt_text(rules)}](../docs/decision-tree.png)" not in shown:
        print(f"{NOTEBOOK.relative_to(ROOT)} shows the figure with other alt text: paste in the new alt text")


if __name__ == "__main__":
    main()
