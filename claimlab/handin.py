"""Live hand-in on a JupyterHub: each learner's export goes straight into the class's hand-in folder.

The folder is configured once for the whole class, by the hub (``CLAIMLAB_HANDIN``, see
``deploy/jupyterhub_config.py``). :func:`hand_in` writes this learner's answers there as one
JSON export (the same content as :func:`claimlab.export.export_answers`, under a pseudonym), named
from a safe form of the learner's name; handing in again replaces that one file, atomically, so the
teacher never reads half a file. :func:`handed_in` is the teacher's side: who has handed in, when,
and how many answers, read with :func:`claimlab.classroom.read_class` like any folder of exports.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .errors import DataError
from .export import check_pseudonym, export_answers
from .store import ProgressStore

HANDIN_ENV = "CLAIMLAB_HANDIN"
SUFFIX = ".json"
HANDED_IN_COLUMNS = ["learner", "pseudonym", "handed_in_at", "answers", "file"]
_UNSAFE = re.compile(r"[^a-z0-9_-]+")


class HandInError(DataError):
    """The hand-in folder is not configured, missing or not writable, or a name cannot be used.

    ``path`` is the folder (or the environment variable, when no folder is set); the message says
    what is wrong and its ``fix`` what to do.
    """

    @property
    def shown_path(self) -> str:
        return HANDIN_ENV if str(self.path) == HANDIN_ENV else super().shown_path


def learner_slug(name: object) -> str:
    """A file name stem for ``name`` that is safe in one folder: 1-40 of a-z, 0-9, '-' and '_'.

    Anything else (separators, ``..``, a leading dot, spaces, capitals, accents) is replaced, and
    then a short hash of the whole name is added so that two names that look alike ("a.b", "a-b")
    never share a file. A name that is already safe is kept as it is.
    """
    text = str(name)
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    base = re.sub(r"-{2,}", "-", _UNSAFE.sub("-", ascii_text)).strip("-_")
    if not base:
        raise HandInError(
            HANDIN_ENV,
            f"the learner name {text!r} has no letters or digits to name a hand-in file with.",
            fix="Set CLAIMLAB_LEARNER (or log in to the hub) with a name that has letters or digits.",
        )
    if base == text and len(base) <= 40:
        return base
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:6]
    return f"{base[:33].rstrip('-_')}-{digest}"


def handin_folder(folder: str | Path | None = None, *, writable: bool = True) -> Path:
    """The hand-in folder: ``folder``, else ``$CLAIMLAB_HANDIN``; a HandInError says why it cannot be used."""
    given = folder is not None
    configured = str(folder) if given else os.environ.get(HANDIN_ENV, "").strip()
    origin = "the folder given" if given else f"the folder named by {HANDIN_ENV}"
    if not configured:
        raise HandInError(
            HANDIN_ENV,
            "is not set, so there is no class hand-in folder to hand in to.",
            fix=f"On a hub the administrator sets {HANDIN_ENV} for the whole class (deploy/jupyterhub_config.py); "
            "elsewhere, export your answers with export_answers(...) and hand in the file.",
        )
    path = Path(configured).expanduser()
    if not path.is_dir():
        what = "is a file, not a folder" if path.exists() else "does not exist"
        raise HandInError(
            path,
            f"{what}; it is {origin}, the class hand-in folder.",
            fix=f"Ask the hub's administrator to create it (or to mount the shared volume there), or set {HANDIN_ENV} "
            "to the class's folder.",
        )
    if writable and not os.access(path, os.W_OK | os.X_OK):
        raise HandInError(
            path,
            f"is read-only for you; it is {origin}, the class hand-in folder.",
            fix="Ask the hub's administrator to make it writable for learners (chmod 1733 lets each learner write "
            f"their own file without seeing the others), or set {HANDIN_ENV} to the class's folder.",
        )
    return path


@dataclass(frozen=True)
class HandedIn:
    """What :func:`hand_in` did; its repr is the message shown in the notebook."""

    done: bool
    message: str
    path: Path | None = None
    answers: int = 0

    def __repr__(self) -> str:
        return self.message


def hand_in(
    pseudonym: str | None = None,
    *,
    folder: str | Path | None = None,
    learner: str | None = None,
    store: ProgressStore | None = None,
) -> HandedIn:
    """Write this learner's saved answers into the class hand-in folder, replacing their earlier hand-in.

    The file is ``<slug>.json`` (see :func:`learner_slug`) and holds the export of
    :func:`claimlab.export.export_answers`: the answers under ``pseudonym`` (by default the slug of
    the hub user name) and nothing else about the learner. It is written beside the folder's files
    under a hidden temporary name and moved into place with :func:`os.replace`, so the teacher sees
    either the old file or the new one, never a part. Raises HandInError when the folder cannot be used.
    """
    from .quiz import default_learner

    learner = learner or default_learner()
    slug = learner_slug(learner)
    name = check_pseudonym(pseudonym) if pseudonym is not None else slug
    target_folder = handin_folder(folder)
    target = target_folder / f"{slug}{SUFFIX}"
    if target.parent != target_folder:  # learner_slug never lets this happen; a last guard
        raise HandInError(target_folder, f"{slug!r} would leave the hand-in folder.")
    store = store if store is not None else ProgressStore()
    try:
        with tempfile.TemporaryDirectory(dir=target_folder, prefix=".handin-") as scratch:
            _, json_path = export_answers(Path(scratch) / "answers.csv", name, store=store, learner=learner)
            count = len(json.loads(json_path.read_text(encoding="utf-8"))["attempts"])
            if count == 0:
                return HandedIn(False, "Nothing handed in yet: you have no saved answers. Answer a quiz first.")
            json_path.chmod(0o644)  # the teacher reads it, whatever the learner's umask
            os.replace(json_path, target)
    except OSError as error:
        raise HandInError(
            target_folder,
            f"the hand-in could not be written ({error.strerror or error}).",
            fix="Try again; if it keeps failing, tell your teacher (the folder may be full or read-only).",
        ) from error
    return HandedIn(
        True,
        f"Handed in {count} saved answers as {target.name} (under the name {name}). "
        "You can hand in again at any time: the new hand-in replaces this one.",
        target,
        count,
    )


def hand_in_button(pseudonym: str | None = None, **options):
    """A "Hand in my answers" button that calls :func:`hand_in` and says what happened (role="status")."""
    import ipywidgets as widgets

    from .widgets import esc, primary_button

    status = widgets.HTML('<p role="status" aria-live="polite"></p>')

    def press(_button=None) -> None:
        try:
            message = hand_in(pseudonym, **options).message
        except (DataError, ValueError) as error:
            message = f"Not handed in: {error}"
        stamp = dt.datetime.now().strftime("%H:%M:%S")
        status.value = f'<p role="status" aria-live="polite">{esc(stamp)}: {esc(message)}</p>'

    button = primary_button("Hand in my answers", "Copy your saved answers to the class hand-in folder", press)
    box = widgets.VBox([button, status])
    box.press = press  # for tests and for scripts
    return box


def read_handins(folder: str | Path | None = None):
    """Every hand-in in the folder, read as :func:`claimlab.classroom.read_class` reads a folder of exports."""
    from .classroom import read_class

    path = handin_folder(folder, writable=False)
    try:
        return read_class(path)
    except PermissionError as error:
        raise HandInError(
            path,
            "cannot be listed by you (learners may write into it but not read it).",
            fix="Open the instructor notebook as the teacher's account (an admin of the hub).",
        ) from error


def handed_in(folder: str | Path | None = None):
    """Who has handed in: one row per hand-in file with the learner (the file's name), the pseudonym,
    when it was handed in (UTC) and how many answers it holds, latest first. Files that could not
    be read are in ``.attrs["problems"]`` (see :class:`claimlab.classroom.FileProblem`)."""
    import pandas as pd

    answers = read_handins(folder)
    path = handin_folder(folder, writable=False)
    rows = []
    for file, group in answers.attempts.groupby("file", sort=True):
        stamp = dt.datetime.fromtimestamp((path / file).stat().st_mtime, dt.timezone.utc)
        rows.append(
            {
                "learner": Path(file).stem,
                "pseudonym": group["pseudonym"].iloc[0],
                "handed_in_at": stamp.isoformat(timespec="seconds"),
                "answers": len(group),
                "file": file,
            }
        )
    table = pd.DataFrame.from_records(rows, columns=HANDED_IN_COLUMNS)
    table = table.sort_values(["handed_in_at", "learner"], ascending=[False, True], kind="stable").reset_index(
        drop=True
    )
    table.attrs["problems"] = list(answers.problems)
    return table


def handin_monitor(folder: str | Path | None = None):
    """For the instructor notebook during a lesson: who has handed in, refreshed with one button.

    Without a hand-in folder (no ``folder`` and no ``$CLAIMLAB_HANDIN``, as on a laptop) it says so
    and how to set one up, instead of failing; a folder that cannot be read gives the reason.
    """
    import ipywidgets as widgets

    from .display import table
    from .widgets import StaticCopy, esc, primary_button

    class Monitor(StaticCopy, widgets.VBox):
        def __repr__(self) -> str:
            return self.note

    status = widgets.HTML()

    def refresh(_button=None) -> None:
        try:
            rows = handed_in(folder)
        except HandInError as error:
            monitor.note = f"No live hand-in here: {error}"
            status.value = f'<p role="status">{esc(monitor.note)}</p>'
            return
        shown = rows[["learner", "handed_in_at", "answers"]] if len(rows) else rows
        monitor.note = f"{len(rows)} learner(s) have handed in."
        listing = table(shown, index=False)._repr_html_() if len(rows) else ""
        status.value = f'<p role="status">{esc(monitor.note)}</p>' + listing

    button = primary_button("Refresh", "Read the class hand-in folder again", refresh)
    monitor = Monitor([button, status])
    monitor.note = ""
    monitor.refresh = refresh
    refresh()
    return monitor
