"""Export a learner's saved attempts for handing in, under a pseudonym and with no personal data."""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from pathlib import Path

from . import __version__
from .store import ProgressStore
from .tables import FORMULA_START, from_spreadsheet_safe, spreadsheet_safe  # noqa: F401 (re-exported for readers)

EXPORT_SCHEMA = "claimlab-answers/1"
EXPORT_COLUMNS = (
    "pseudonym",
    "notebook",
    "quiz",
    "item",
    "dimension",
    "kind",
    "answer",
    "justification",
    "correct",
    "attempt",
    "answered_at",
)
PSEUDONYM = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$")
def check_pseudonym(pseudonym: str) -> str:
    """A pseudonym is 1-40 letters, digits, '-' or '_': no spaces, no e-mail addresses."""
    pseudonym = pseudonym.strip()
    if not PSEUDONYM.match(pseudonym):
        raise ValueError(
            f"{pseudonym!r} cannot be used as a pseudonym: use 1 to 40 letters, digits, '-' or '_' "
            "(for example 'blue-heron-7'), not your real name or e-mail address."
        )
    return pseudonym


def export_answers(
    path: str | Path,
    pseudonym: str,
    *,
    store: ProgressStore | None = None,
    learner: str | None = None,
    notebook: str | None = None,
) -> tuple[Path, Path]:
    """Write every saved attempt to ``path`` (CSV) and to the same name with ``.json``.

    The learner's name in the store is replaced by ``pseudonym``; nothing else about the learner
    is written. Returns the two paths. Existing files are replaced only by a complete new file.
    In the CSV, a text cell that a spreadsheet would run as a formula (a justification starting
    with ``=``, say) starts with ``'`` (see :func:`spreadsheet_safe`); the JSON has the text as saved.
    """
    pseudonym = check_pseudonym(pseudonym)
    store = store if store is not None else ProgressStore()
    attempts = store.attempts(learner=learner, notebook=notebook)
    records = [
        {
            "pseudonym": pseudonym,
            "notebook": a.notebook,
            "quiz": a.quiz,
            "item": a.item,
            "dimension": a.dimension,
            "kind": a.kind,
            "answer": a.answer,
            "justification": a.justification,
            "correct": "" if a.correct is None else ("yes" if a.correct else "no"),
            "attempt": a.attempt,
            "answered_at": a.answered_at,
        }
        for a in attempts
    ]
    csv_path = Path(path)
    if csv_path.suffix.lower() != ".csv":
        csv_path = csv_path.with_suffix(".csv")
    json_path = csv_path.with_suffix(".json")
    csv_path.parent.mkdir(parents=True, exist_ok=True)

    partial = csv_path.with_name(csv_path.name + ".partial")
    with partial.open("w", encoding="utf-8", newline="") as handle:
        # CRLF between rows (as RFC 4180 has it) also makes the writer quote a cell holding a lone
        # carriage return; with "\n" it writes it bare and the row splits in two when read back.
        writer = csv.DictWriter(handle, EXPORT_COLUMNS, lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(
            {column: spreadsheet_safe(value) if isinstance(value, str) else value for column, value in record.items()}
            for record in records
        )
    partial.replace(csv_path)

    document = {"schema": EXPORT_SCHEMA, "claimlab_version": __version__, "pseudonym": pseudonym, "attempts": records}
    partial = json_path.with_name(json_path.name + ".partial")
    partial.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    partial.replace(json_path)
    return csv_path, json_path


@dataclass(frozen=True)
class HandIn:
    """What :func:`hand_in` did, shown as a short message in the notebook."""

    done: bool
    message: str

    def __repr__(self) -> str:
        return self.message


def hand_in(pseudonym: object, folder: str | Path = ".", *, store: ProgressStore | None = None) -> HandIn:
    """Export every saved answer as ``answers-<pseudonym>.csv`` and ``.json`` in ``folder``.

    Meant for the last notebook: while the pseudonym is still ``...`` nothing is written and the
    message says what to do; an unusable pseudonym is explained rather than raised.
    """
    if pseudonym is Ellipsis:
        return HandIn(False, 'Nothing exported yet: replace ... with a made-up name, such as "blue-heron-7".')
    try:
        name = check_pseudonym(str(pseudonym))
    except ValueError as error:
        return HandIn(False, f"Nothing exported: {error}")
    csv_path, json_path = export_answers(Path(folder) / f"answers-{name}.csv", name, store=store)
    count = len(json.loads(json_path.read_text(encoding="utf-8"))["attempts"])
    return HandIn(
        True,
        f"Exported {count} saved answers to {csv_path.name} and {json_path.name} in the notebook's folder. "
        "Download one of them (right-click it in the file browser) and hand it in.",
    )
