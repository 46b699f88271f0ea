"""Class results for teachers: read a folder of exported answer files and summarise them.

Every file is read on its own. A file that cannot be read, or does not match the export schema,
is reported by name with the reason and skipped; the rest are still analysed. The statistics
themselves are in :mod:`claimlab.stats`.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .codebook import Codebook, load_codebook
from .export import EXPORT_COLUMNS, EXPORT_SCHEMA, PSEUDONYM
from .results import agreement_by_dimension, answers_against_key, confusion_for
from .sentences import load_sentences, parse_competing_labels
from .stats import fleiss_kappa, interpret_kappa

LABEL_COLUMNS = ["learner", "item", "dimension", "answer", "answered_at"]


@dataclass(frozen=True)
class FileProblem:
    file: str
    reason: str

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
    codebook = codebook if codebook is not None else load_codebook()
    if not folder.is_dir():
        raise FileNotFoundError(f"{folder} is not a folder; put the learners' exported files in one folder")
    frames, files_read, problems = [], [], []
    paths = sorted(p for p in folder.iterdir() if p.suffix.lower() in (".csv", ".json") and p.is_file())
    stems_with_csv = {p.stem for p in paths if p.suffix.lower() == ".csv"}
    for path in paths:
        if path.suffix.lower() == ".json" and path.stem in stems_with_csv:
            continue  # the same export as the CSV beside it
        try:
            frame = _read_export(path, codebook)
        except ValueError as error:
            problems.append(FileProblem(path.name, str(error)))
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
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise ValueError("not UTF-8 text (is it really an exported answers file?)") from None
    if not text.strip():
        raise ValueError("the file is empty")
    if path.suffix.lower() == ".json":
        records = _json_records(text)
    else:
        records = _csv_records(text)
    if not records:
        raise ValueError("the file has no answers in it")
    frame = pd.DataFrame.from_records(records, columns=list(EXPORT_COLUMNS))
    for number, row in enumerate(frame.itertuples(index=False), start=2):
        _check_row(row, number, codebook)
    pseudonyms = frame["pseudonym"].unique()
    if len(pseudonyms) != 1:
        raise ValueError(f"mixes several pseudonyms ({', '.join(sorted(pseudonyms))}); expected one learner per file")
    frame["attempt"] = frame["attempt"].astype(int)
    frame["correct"] = frame["correct"].map({"yes": True, "no": False, "": None, True: True, False: False, None: None})
    return frame


def _csv_records(text: str) -> list[dict]:
    try:
        reader = csv.DictReader(io.StringIO(text), strict=True)
        header = reader.fieldnames or []
        missing = [c for c in EXPORT_COLUMNS if c not in header]
        if missing:
            raise ValueError(f"line 1: missing column(s) {', '.join(missing)}; is this a claimlab export?")
        return [{c: (row.get(c) or "") for c in EXPORT_COLUMNS} for row in reader]
    except csv.Error as error:
        raise ValueError(f"not valid CSV ({error})") from None


def _json_records(text: str) -> list[dict]:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise ValueError(f"not valid JSON (line {error.lineno}: {error.msg})") from None
    if not isinstance(document, dict) or document.get("schema") != EXPORT_SCHEMA:
        raise ValueError(f'not a claimlab export (expected "schema": "{EXPORT_SCHEMA}")')
    attempts = document.get("attempts")
    if not isinstance(attempts, list) or not all(isinstance(a, dict) for a in attempts):
        raise ValueError("'attempts' must be a list of answers")
    records = []
    for number, attempt in enumerate(attempts, start=1):
        missing = [c for c in EXPORT_COLUMNS if c not in attempt]
        if missing:
            raise ValueError(f"answer {number}: missing {', '.join(missing)}")
        records.append({c: "" if attempt[c] is None else str(attempt[c]) for c in EXPORT_COLUMNS})
    return records


def _check_row(row, number: int, codebook: Codebook) -> None:
    where = f"row {number}"
    if not PSEUDONYM.match(str(row.pseudonym)):
        raise ValueError(f"{where}, column 'pseudonym': {row.pseudonym!r} is not a valid pseudonym")
    if row.kind not in ("label", "justification"):
        raise ValueError(f"{where}, column 'kind': {row.kind!r} should be 'label' or 'justification'")
    if row.dimension not in codebook.dimensions:
        raise ValueError(f"{where}, column 'dimension': unknown dimension {row.dimension!r}")
    if row.answer not in codebook.labels(row.dimension):
        raise ValueError(f"{where}, column 'answer': {row.answer!r} is not a {row.dimension} label")
    if row.correct not in ("yes", "no", ""):
        raise ValueError(f"{where}, column 'correct': {row.correct!r} should be yes, no or empty")
    if not str(row.attempt).isdigit():
        raise ValueError(f"{where}, column 'attempt': {row.attempt!r} is not a whole number")


# -- summaries ----------------------------------------------------------------------------------


def latest_labels(answers: ClassAnswers, sentences: pd.DataFrame | None = None) -> pd.DataFrame:
    """Each learner's latest label for each article sentence and dimension, across all quizzes."""
    sentences = sentences if sentences is not None else load_sentences()
    attempts = answers.attempts
    labels = attempts[(attempts["kind"] == "label") & attempts["item"].isin(sentences.index)]
    labels = labels.sort_values(["answered_at", "attempt"], kind="stable")
    latest = labels.groupby(["pseudonym", "item", "dimension"], as_index=False).last()
    latest = latest.rename(columns={"pseudonym": "learner"})[LABEL_COLUMNS]
    return answers_against_key(latest, sentences)[[*LABEL_COLUMNS, "key"]]


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
    codebook = codebook if codebook is not None else load_codebook()
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

    Learners who left some sentences of a dimension unanswered are left out of that dimension's
    figure (Fleiss' kappa needs the same raters on every item); the table says how many remain.
    """
    codebook = codebook if codebook is not None else load_codebook()
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
    notes = attempts[attempts["kind"] == "justification"].sort_values(["answered_at", "attempt"], kind="stable")
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
