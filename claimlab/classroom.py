"""Class results for teachers: read a folder of exported answer files and summarise them.

Every file is read on its own. A file that cannot be read, or does not match the export schema,
is reported by name with the reason and skipped; the rest are still analysed. The statistics
themselves are in :mod:`claimlab.stats`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .codebook import REQUIRED_DIMENSIONS, Codebook, article_codebook, upgrade_label
from .errors import DataError
from .export import EXPORT_COLUMNS, EXPORT_SCHEMA, PSEUDONYM, from_spreadsheet_safe
from .results import agreement_by_dimension, answers_against_key, confusion_for
from .sentences import load_sentences, parse_competing_labels
from .stats import fleiss_kappa, interpret_kappa
from .store import KINDS, WHOLE_QUIZ

LABEL_COLUMNS = ["learner", "item", "dimension", "answer", "answered_at"]
#: One saved answer: the store numbers attempts per learner, notebook, quiz, item, dimension and kind.
ANSWER_KEY = ("notebook", "quiz", "item", "dimension", "kind", "attempt")
#: Said with every problem in a hand-in that the export itself would not have made.
EXPORT_AGAIN = "Ask the learner to export the answers again and hand in the file as it is, without editing it."


@dataclass(frozen=True)
class FileProblem:
    """A file that was skipped (or a note about several files), with the reason.

    ``error`` is the :class:`DataError` behind the reason, when there is one: it names the file,
    the row and the column, and its ``fix`` says what to do.
    """

    file: str
    reason: str
    error: DataError | None = field(default=None, compare=False)

    @property
    def fix(self) -> str | None:
        return self.error.fix if self.error is not None else None

    def __str__(self) -> str:
        return f"{self.file}: {self.reason}"


@dataclass
class ClassAnswers:
    """Everything read from a folder: the attempts, which files were used, and which were skipped."""

    attempts: pd.DataFrame
    files_read: list[str] = field(default_factory=list)
    problems: list[FileProblem] = field(default_factory=list)

    @property
    def learners(self) -> list[str]:
        return sorted(self.attempts["pseudonym"].unique())

    def report(self) -> str:
        lines = [
            f"Read {len(self.files_read)} file(s) from {len(self.learners)} learner(s): "
            f"{len(self.attempts)} saved answers."
        ]
        if self.problems:
            lines.append(f"Skipped {len(self.problems)} file(s):")
            lines.extend(f"  - {problem}" for problem in self.problems)
        else:
            lines.append("No file had to be skipped.")
        return "\n".join(lines)


def read_class(folder: str | Path, codebook: Codebook | None = None) -> ClassAnswers:
    """Read every ``.csv`` and ``.json`` export in ``folder`` (not its subfolders).

    When a learner handed in both the CSV and the JSON of one export, only the CSV is used. Any
    other file is reported as ignored, except hidden files and READMEs.
    """
    folder = Path(folder)
    codebook = codebook if codebook is not None else article_codebook()
    if not folder.is_dir():
        raise DataError(
            folder,
            f"is not a folder ({'it is a file' if folder.exists() else 'nothing is there'}).",
            fix="Put the learners' exported files (answers-....csv or .json) in one folder and give its path.",
        )
    frames, files_read, problems = [], [], []
    paths = sorted(p for p in folder.iterdir() if p.suffix.lower() in (".csv", ".json") and p.is_file())
    stems_with_csv = {p.stem for p in paths if p.suffix.lower() == ".csv"}
    for path in paths:
        if path.suffix.lower() == ".json" and path.stem in stems_with_csv:
            continue  # the same export as the CSV beside it
        try:
            frame = _read_export(path, codebook)
        except ValueError as error:  # a DataError, or anything else that makes the file unusable
            if not isinstance(error, DataError):
                error = DataError(path, str(error), fix=EXPORT_AGAIN)
            problems.append(FileProblem(path.name, error.describe(path=False, fix=False), error))
            continue
        frames.append(frame.assign(file=path.name))
        files_read.append(path.name)
    others = sorted(
        p.name
        for p in folder.iterdir()
        if p.is_file() and p.suffix.lower() not in (".csv", ".json") and not _is_housekeeping(p.name)
    )
    problems.extend(FileProblem(name, "not a .csv or .json export; ignored") for name in others)
    columns = [*EXPORT_COLUMNS, "file"]
    attempts = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=columns)
    duplicated = attempts.groupby("pseudonym")["file"].nunique()
    for pseudonym in duplicated[duplicated > 1].index:
        names = sorted(attempts.loc[attempts["pseudonym"] == pseudonym, "file"].unique())
        problems.append(
            FileProblem(", ".join(names), f"two files use the pseudonym {pseudonym!r}; both kept, as one learner")
        )
    return ClassAnswers(attempts, files_read, problems)


def _is_housekeeping(name: str) -> bool:
    """Files a folder of hand-ins may hold that are not answers: hidden files and READMEs."""
    return name.startswith(".") or name.upper().startswith("README")


def _read_export(path: Path, codebook: Codebook) -> pd.DataFrame:
    """One export as a table, or a DataError naming the file, the row and the column.

    Rows are numbered as a spreadsheet shows them: in a CSV the header is row 1 and the first
    answer row 2; in a JSON export, row 1 is the first entry of "attempts".
    """
    try:
        text = path.read_bytes().decode("utf-8-sig")  # not read_text: a line break in a cell stays as written
    except UnicodeDecodeError:
        raise DataError(
            path,
            "not UTF-8 text (is it really an exported answers file?)",
            fix="If it was saved again in a spreadsheet, save it as CSV UTF-8. " + EXPORT_AGAIN,
        ) from None
    if not text.strip():
        raise DataError(path, "the file is empty", fix=EXPORT_AGAIN)
    if path.suffix.lower() == ".json":
        records, first_row = _json_records(path, text), 1
    else:
        records, first_row = _csv_records(path, text), 2
    if not records:
        raise DataError(path, "the file has no answers in it", fix=EXPORT_AGAIN)
    frame = pd.DataFrame.from_records(records, columns=list(EXPORT_COLUMNS))
    # Exports made before the source labels were redesigned are read with today's names.
    frame["answer"] = [upgrade_label(d, a) for d, a in zip(frame["dimension"], frame["answer"], strict=True)]
    seen: dict[tuple, int] = {}
    for number, row in enumerate(frame.itertuples(index=False), start=first_row):
        _check_row(path, row, number, codebook)
        key = (row.pseudonym, *(getattr(row, column) for column in ANSWER_KEY))
        if key in seen:
            raise DataError(
                path,
                f"repeats row {seen[key]}: the same {', '.join(ANSWER_KEY[:-1])} and attempt ({row.attempt}), "
                "so the answer would be counted twice",
                row=str(number),
                column="attempt",
                fix=f"Delete one of rows {seen[key]} and {number}; an export never repeats an answer. " + EXPORT_AGAIN,
            )
        seen[key] = number
    pseudonyms = list(dict.fromkeys(frame["pseudonym"]))
    if len(pseudonyms) != 1:
        other = first_row + int((frame["pseudonym"] != pseudonyms[0]).to_numpy().argmax())
        raise DataError(
            path,
            f"mixes several pseudonyms ({', '.join(sorted(pseudonyms))}); expected one learner per file",
            row=str(other),
            column="pseudonym",
            fix="Hand in each learner's answers as a file of its own, as the export writes them.",
        )
    frame["attempt"] = frame["attempt"].astype(int)
    # Every cell is text by now (_json_records writes null as ""), and _check_row allowed only these three.
    frame["correct"] = frame["correct"].map({"yes": True, "no": False, "": None})
    return frame


def _csv_records(path: Path, text: str) -> list[dict]:
    """The rows of a CSV export, each cell as exported (the ' that keeps a spreadsheet from running a
    cell as a formula is taken off again, see :func:`claimlab.export.spreadsheet_safe`)."""
    reader = csv.DictReader(io.StringIO(text), strict=True)
    try:
        header = reader.fieldnames or []
        missing = [c for c in EXPORT_COLUMNS if c not in header]
        if missing:
            raise DataError(
                path,
                f"missing column(s) {', '.join(missing)}; is this a claimlab export?",
                line=1,
                fix=EXPORT_AGAIN,
            )
        return [{c: from_spreadsheet_safe(row.get(c) or "") for c in EXPORT_COLUMNS} for row in reader]
    except csv.Error as error:
        raise DataError(path, f"not valid CSV ({error})", line=reader.line_num, fix=EXPORT_AGAIN) from None


def _json_records(path: Path, text: str) -> list[dict]:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise DataError(path, f"not valid JSON ({error.msg})", line=error.lineno, fix=EXPORT_AGAIN) from None
    if not isinstance(document, dict) or document.get("schema") != EXPORT_SCHEMA:
        raise DataError(path, f'not a claimlab export (expected "schema": "{EXPORT_SCHEMA}")', fix=EXPORT_AGAIN)
    attempts = document.get("attempts")
    if not isinstance(attempts, list):
        raise DataError(path, "'attempts' must be a list of answers", column="attempts", fix=EXPORT_AGAIN)
    records = []
    for number, attempt in enumerate(attempts, start=1):
        if not isinstance(attempt, dict):
            raise DataError(path, "this entry of 'attempts' is not an answer", row=str(number), fix=EXPORT_AGAIN)
        missing = [c for c in EXPORT_COLUMNS if c not in attempt]
        if missing:
            raise DataError(path, f"missing {', '.join(missing)}", row=str(number), column=missing[0], fix=EXPORT_AGAIN)
        records.append({c: "" if attempt[c] is None else str(attempt[c]) for c in EXPORT_COLUMNS})
    return records


def _check_row(path: Path, row, number: int, codebook: Codebook) -> None:
    def problem(column: str, text: str, fix: str = EXPORT_AGAIN) -> DataError:
        return DataError(path, text, row=str(number), column=column, fix=fix)

    if not PSEUDONYM.match(str(row.pseudonym)):
        raise problem("pseudonym", f"{row.pseudonym!r} is not a valid pseudonym")
    if row.kind not in KINDS:
        raise problem("kind", f"{row.kind!r} should be one of {', '.join(KINDS)}")
    # A written answer to a "Check your understanding", or an assessment closed when its results
    # were shown (item WHOLE_QUIZ), has no label to check.
    if row.kind != "response" and not (row.kind == "reveal" and row.item == WHOLE_QUIZ):
        if row.dimension not in codebook.dimensions:
            raise problem("dimension", f"unknown dimension {row.dimension!r}")
        if row.answer not in codebook.labels(row.dimension):
            raise problem(
                "answer",
                f"{row.answer!r} is not a {row.dimension} label",
                f"Use one of {', '.join(codebook.labels(row.dimension))}, or check that the codebook is the one "
                "the class used.",
            )
    if row.correct not in ("yes", "no", ""):
        raise problem("correct", f"{row.correct!r} should be yes, no or empty")
    if not str(row.attempt).isdigit():
        raise problem("attempt", f"{row.attempt!r} is not a whole number")
    if _answered_at(row.answered_at) is None:
        raise problem(
            "answered_at",
            f"{row.answered_at!r} is not a date and time with its time zone, such as 2026-03-02T09:00:00+00:00",
            "Write it as the export does (year-month-dayThour:minute:second+hours:minutes); a spreadsheet may have "
            "changed it when the file was saved again. " + EXPORT_AGAIN,
        )


def _answered_at(value: str) -> dt.datetime | None:
    """The moment an answer was saved, in UTC, or None when the text is not an ISO 8601 time with a zone."""
    try:
        moment = dt.datetime.fromisoformat(str(value))
    except ValueError:
        return None
    return moment.astimezone(dt.timezone.utc) if moment.tzinfo is not None else None


def _in_time_order(attempts: pd.DataFrame) -> pd.DataFrame:
    """Attempts oldest first, by the moment they were saved (not by the text, which may use other
    time zones), then by attempt number."""
    return attempts.sort_values(
        ["answered_at", "attempt"],
        key=lambda column: column.map(_answered_at) if column.name == "answered_at" else column,
        kind="stable",
    )


# -- summaries ----------------------------------------------------------------------------------


def class_labels(answers: ClassAnswers, sentences: pd.DataFrame | None = None, *, which: str = "first") -> pd.DataFrame:
    """Each learner's first (default) or latest label for each sentence and dimension, with the key.

    First attempts are what a class knew: a practice quiz lets learners retry after feedback,
    and shows the answer on request, so latest answers make sentences look easier than they were.
    A first attempt is the earliest answer a learner gave to that sentence in any quiz.
    """
    if which not in ("first", "latest"):
        raise ValueError(f"which must be 'first' or 'latest', not {which!r}")
    sentences = sentences if sentences is not None else load_sentences()
    attempts = answers.attempts
    labels = attempts[(attempts["kind"] == "label") & attempts["item"].isin(sentences.index)]
    labels = _in_time_order(labels)
    grouped = labels.groupby(["pseudonym", "item", "dimension"], as_index=False)
    chosen = grouped.first() if which == "first" else grouped.last()
    chosen = chosen.rename(columns={"pseudonym": "learner"})[LABEL_COLUMNS]
    return answers_against_key(chosen, sentences)[[*LABEL_COLUMNS, "key"]]


def first_labels(answers: ClassAnswers, sentences: pd.DataFrame | None = None) -> pd.DataFrame:
    """Each learner's first label for each sentence and dimension: what class results count by default."""
    return class_labels(answers, sentences, which="first")


def latest_labels(answers: ClassAnswers, sentences: pd.DataFrame | None = None) -> pd.DataFrame:
    """Each learner's latest label for each sentence and dimension, across all quizzes."""
    return class_labels(answers, sentences, which="latest")


def learning_summary(answers: ClassAnswers, sentences: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per dimension: percent right at the first attempt and at the latest, and how often the answer was shown.

    The gap between the two percentages is what feedback and retries changed; reveals are counted
    so that a rise bought by "Show the answer" is not mistaken for learning.
    """
    sentences = sentences if sentences is not None else load_sentences()
    first = first_labels(answers, sentences)
    latest = latest_labels(answers, sentences)
    attempts = answers.attempts
    reveals = attempts[(attempts["kind"] == "reveal") & attempts["item"].isin(sentences.index)]
    rows = []
    for dimension in [d for d in REQUIRED_DIMENSIONS if d in set(first["dimension"])]:
        f = first[first["dimension"] == dimension]
        last = latest[latest["dimension"] == dimension]
        rows.append(
            {
                "dimension": dimension,
                "questions_answered": len(f),
                "percent_right_first": round(100 * (f["answer"] == f["key"]).mean(), 1),
                "percent_right_latest": round(100 * (last["answer"] == last["key"]).mean(), 1),
                "answers_shown": int((reveals["dimension"] == dimension).sum()),
            }
        )
    columns = ["dimension", "questions_answered", "percent_right_first", "percent_right_latest", "answers_shown"]
    return pd.DataFrame.from_records(rows, columns=columns).set_index("dimension")


def sentence_difficulty(labels: pd.DataFrame) -> pd.DataFrame:
    """Per sentence and dimension: how many answered, the share correct, and the most common wrong label."""
    rows = []
    for (item, dimension), group in labels.groupby(["item", "dimension"], sort=True):
        wrong = group.loc[group["answer"] != group["key"], "answer"]
        rows.append(
            {
                "item": item,
                "dimension": dimension,
                "answered": len(group),
                "percent_correct": round(100 * (group["answer"] == group["key"]).mean(), 1),
                "key": group["key"].iloc[0],
                "most_common_wrong": wrong.value_counts().index[0] if len(wrong) else "",
            }
        )
    frame = pd.DataFrame.from_records(
        rows, columns=["item", "dimension", "answered", "percent_correct", "key", "most_common_wrong"]
    )
    return frame.sort_values(["percent_correct", "item", "dimension"], kind="stable").reset_index(drop=True)


def class_confusion(labels: pd.DataFrame, dimension: str, codebook: Codebook | None = None) -> pd.DataFrame:
    """The class's pooled confusion matrix (key by answer) for one dimension."""
    return confusion_for(labels, dimension, codebook)


def top_confusions(labels: pd.DataFrame, n: int = 5) -> pd.DataFrame:
    """The most frequent (key, answer) confusions over all dimensions."""
    wrong = labels[labels["answer"] != labels["key"]]
    counts = wrong.groupby(["dimension", "key", "answer"]).size().rename("count").reset_index()
    return counts.sort_values(["count", "dimension", "key"], ascending=[False, True, True], kind="stable").head(n)


def learner_scores(labels: pd.DataFrame, codebook: Codebook | None = None) -> pd.DataFrame:
    """Per learner: answered, percent correct, and Cohen's kappa with the key on each dimension."""
    codebook = codebook if codebook is not None else article_codebook()
    rows = []
    for learner, group in labels.groupby("learner", sort=True):
        kappas = agreement_by_dimension(group, codebook)["kappa"]
        rows.append(
            {
                "learner": learner,
                "answered": len(group),
                "percent_correct": round(100 * (group["answer"] == group["key"]).mean(), 1),
                **{f"kappa_{d}": kappas.get(d) for d in codebook.dimensions},
            }
        )
    columns = ["learner", "answered", "percent_correct", *(f"kappa_{d}" for d in codebook.dimensions)]
    return pd.DataFrame.from_records(rows, columns=columns).set_index("learner")


def class_agreement(labels: pd.DataFrame, codebook: Codebook | None = None) -> pd.DataFrame:
    """Fleiss' kappa among learners per dimension, over the sentences every included learner answered.

    Fleiss' kappa needs the same number of ratings on every item (not the same raters). Keeping
    only the learners who answered every sentence of a dimension is this function's choice: it gives
    every sentence the same count and keeps the figure about one group; the table says how many remain.
    """
    codebook = codebook if codebook is not None else article_codebook()
    rows = []
    for dimension in codebook.dimensions:
        part = labels[labels["dimension"] == dimension]
        if part.empty:
            continue
        items = sorted(part["item"].unique())
        per_learner = part.groupby("learner")["item"].nunique()
        complete = per_learner[per_learner == len(items)].index
        table = part[part["learner"].isin(complete)].pivot_table(
            index="item", columns="answer", values="learner", aggfunc="count", fill_value=0
        )
        table = table.reindex(columns=list(codebook.labels(dimension)), fill_value=0)
        kappa = fleiss_kappa(table) if len(complete) >= 2 else None
        rows.append(
            {
                "dimension": dimension,
                "learners": len(complete),
                "sentences": len(items),
                "fleiss_kappa": None if kappa is None else round(kappa, 2),
                "agreement": "" if kappa is None else interpret_kappa(kappa),
            }
        )
    columns = ["dimension", "learners", "sentences", "fleiss_kappa", "agreement"]
    return pd.DataFrame.from_records(rows, columns=columns).set_index("dimension")


def contested_splits(answers: ClassAnswers, sentences: pd.DataFrame | None = None) -> pd.DataFrame:
    """For each contested question: how the class's justified labels split, and a discussion prompt."""
    sentences = sentences if sentences is not None else load_sentences()
    attempts = answers.attempts
    notes = _in_time_order(attempts[attempts["kind"] == "justification"])
    latest = notes.groupby(["pseudonym", "item", "dimension"], as_index=False).last()
    rows = []
    for item, row in sentences[sentences["contested"]].iterrows():
        for dimension, competing in parse_competing_labels(row["competing_labels"]).items():
            chosen = latest[(latest["item"] == item) & (latest["dimension"] == dimension)]["answer"]
            counts = {label: int((chosen == label).sum()) for label in competing}
            total = sum(counts.values())
            split = " vs ".join(f"{label} {count}" for label, count in counts.items())
            share = max(counts.values()) / total if total else 0
            rows.append(
                {
                    "item": item,
                    "dimension": dimension,
                    "justified": total,
                    "split": split,
                    "divided": total > 0 and share <= 0.7,
                    "prompt": (
                        f"{item} split the class ({split}). Ask one learner from each side to read their reason "
                        f"aloud, then ask: {row['contested_rule']}"
                    ),
                }
            )
    return pd.DataFrame.from_records(rows, columns=["item", "dimension", "justified", "split", "divided", "prompt"])


def difficulty_chart(difficulty: pd.DataFrame, n: int = 10):
    """Horizontal bars for the hardest questions, percent correct written on each bar."""
    from .charts import _figure, _finish

    hardest = difficulty.head(n).iloc[::-1]
    if hardest.empty:
        fig, ax = _figure(6, 1.5)
        ax.axis("off")
        ax.text(0.5, 0.5, "No answers to show yet", ha="center", va="center")
        return _finish(fig, describe_difficulty(difficulty, n))
    names = [f"{i} {d.replace('_', ' ')}" for i, d in zip(hardest["item"], hardest["dimension"], strict=True)]
    fig, ax = _figure(8, 0.45 * len(hardest) + 1.3)
    bars = ax.barh(names, hardest["percent_correct"], color="#8c6bb1", edgecolor="black")
    for bar, value in zip(bars, hardest["percent_correct"], strict=True):
        ax.text(bar.get_width() + 1, bar.get_y() + bar.get_height() / 2, f"{value:.0f}%", va="center")
    ax.set_xlim(0, 110)
    ax.set_xlabel("percent of the class matching the key")
    ax.set_title(f"The {len(hardest)} hardest questions")
    ax.spines[["top", "right"]].set_visible(False)
    return _finish(fig, describe_difficulty(difficulty, n))


def describe_difficulty(difficulty: pd.DataFrame, n: int = 10) -> str:
    hardest = difficulty.head(n)
    if hardest.empty:
        return "No answers were read, so there is nothing to chart yet."
    listed = "; ".join(
        f"{row.item} {row.dimension.replace('_', ' ')}: {row.percent_correct:.0f}% correct"
        + (f", most often answered {row.most_common_wrong}" if row.most_common_wrong else "")
        for row in hardest.itertuples()
    )
    return f"Bar chart of the {len(hardest)} questions the class found hardest, hardest first: {listed}."
