"""Make the synthetic sample class in data/sample_class/ (seeded, so every run writes the same files).

    .venv/bin/python tools/make_sample_class.py [FOLDER]      (default: data/sample_class)

Thirty made-up learners answer the final assessment with typical confusions (a topic taken for
a source, a single quoted word taken for a QUOTE, quotations judged not worth checking); a few
stop early; all write justifications for the contested questions. Five deliberately broken
files and one stray note show how the instructor notebook reports files it cannot use.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import json
import random
import sys
from pathlib import Path

from claimlab import article_codebook, load_sentences, parse_competing_labels
from claimlab.export import EXPORT_COLUMNS, EXPORT_SCHEMA
from claimlab.paths import DATA_DIR

SEED = 20230308
LEARNERS = 30
FOLDER = DATA_DIR / "sample_class"
QUIZ = "article"

#: (item, dimension) -> the wrong label learners typically choose, and how tempting it is (0-1).
TYPICAL = {
    ("S01", "source"): ("GOVERNMENT:CHINA", 0.35),
    ("S03", "statement_type"): ("FACT", 0.4),
    ("S05", "source"): ("OUTLET", 0.3),
    ("S09", "statement_type"): ("FACT", 0.35),
    ("S10", "statement_type"): ("CONTEXT", 0.45),
    ("S10", "check_worthy"): ("NO", 0.3),
    ("S13", "statement_type"): ("QUOTE", 0.4),
    ("S15", "check_worthy"): ("YES", 0.45),
    ("S17", "source"): ("GOVERNMENT:US", 0.5),
    ("S18", "source"): ("GOVERNMENT:US", 0.35),
    ("S19", "check_worthy"): ("YES", 0.3),
    ("S20", "statement_type"): ("ATTRIBUTED", 0.4),
    ("S20", "source"): ("GOVERNMENT:US", 0.45),
    ("S24", "statement_type"): ("FRAMING", 0.45),
    ("S25", "check_worthy"): ("NO", 0.4),
    ("S27", "source"): ("STATE_MEDIA", 0.45),
    ("S04", "check_worthy"): ("NO", 0.35),
    ("S28", "check_worthy"): ("YES", 0.3),
}
#: How often a learner slips on a question with no typical trap, relative to (1 - skill).
ERROR_SCALE = {"statement_type": 1.0, "source": 0.7, "check_worthy": 0.45}
REASONS = {
    "FRAMING": "The key word is the outlet's own judgement, not something the source said.",
    "ATTRIBUTED": "A cue hands the main point to a source, so the tree stops there.",
    "CONTEXT": "'Come as' only tells us when; the rest is background that can be checked.",
    "GOVERNMENT:CHINA": "The sentence reports what China's government did in reply.",
    "OUTLET": "The verdict in the verb belongs to the outlet, not to China.",
    "YES": "It assumes claims about Xi and about data that evidence could settle.",
    "NO": "'Comes amid' and 'intense' are judgements, so there is nothing to check.",
}


#: Where the practice quizzes on the article live, one notebook per question.
PRACTICE = {
    "statement_type": "03_claim_types",
    "source": "04_sources_and_attribution",
    "check_worthy": "05_checking_claims",
}


def main(folder: Path = FOLDER) -> None:
    """Each learner practises every question in 03-05 (first answer, then a retry or "Show the
    answer" after a wrong one, as the quizzes allow), so the class results can tell first attempts
    from corrected ones."""
    rng = random.Random(SEED)
    codebook = article_codebook()
    sentences = load_sentences()
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.iterdir():
        if old.name != "README.md":  # keep the explanation, replace everything generated
            old.unlink()
    start = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.timezone.utc)
    for number in range(1, LEARNERS + 1):
        pseudonym = f"synthetic-{number:02d}"
        skill = rng.uniform(0.55, 0.97)
        patience = rng.uniform(0.2, 0.9)  # how often a learner retries rather than asks for the answer
        stops_after = rng.choice([28] * 8 + [18, 22])  # a few learners stop early
        moment = start + dt.timedelta(minutes=7 * number)
        rows = []
        for dimension in codebook.dimensions:
            notebook = PRACTICE[dimension]
            for item, row in list(sentences.iterrows())[:stops_after]:
                competing = parse_competing_labels(row["competing_labels"]) if row["contested"] else {}
                moment += dt.timedelta(seconds=rng.randint(15, 90))
                stamp = moment.isoformat(timespec="seconds")
                if dimension in competing:
                    label = rng.choice(competing[dimension])
                    rows.append(
                        _row(pseudonym, notebook, item, dimension, "justification", label, REASONS[label], "", 1, stamp)
                    )
                    continue
                key = row[dimension]
                others = [label for label in codebook.labels(dimension) if label != key]
                typical, pull = TYPICAL.get((item, dimension), (None, 0.0))
                if typical and rng.random() < pull * (1.4 - skill):
                    answer = typical
                elif rng.random() > (1 - skill) * ERROR_SCALE[dimension]:
                    answer = key
                else:
                    answer = rng.choice(others)
                label_row = functools.partial(_row, pseudonym, notebook, item, dimension, "label")
                rows.append(label_row(answer, "", _yes(answer, key), 1, stamp))
                if answer == key:
                    continue
                # A wrong first answer: feedback teaches the rule without the key.
                moment += dt.timedelta(seconds=rng.randint(10, 40))
                if rng.random() > patience:
                    rows.append(_row(pseudonym, notebook, item, dimension, "reveal", key, "", "", 1, _at(moment)))
                    moment += dt.timedelta(seconds=rng.randint(5, 20))
                    rows.append(label_row(key, "", "yes", 2, _at(moment)))
                    continue
                fresh = [o for o in others if o != answer] or others
                retry = key if rng.random() < 0.35 + 0.6 * skill else rng.choice(fresh)
                rows.append(label_row(retry, "", _yes(retry, key), 2, _at(moment)))
                if retry != key:  # the second wrong attempt shows the key; most then choose it
                    moment += dt.timedelta(seconds=rng.randint(5, 20))
                    rows.append(label_row(key, "", "yes", 3, _at(moment)))
        rows.sort(key=lambda r: r["answered_at"])
        _write_csv(folder / f"answers-{pseudonym}.csv", rows)
    _write_broken_files(folder)
    print(f"wrote {LEARNERS} synthetic learners and 6 problem files to {folder}")


def _yes(answer: str, key: str) -> str:
    return "yes" if answer == key else "no"


def _at(moment: dt.datetime) -> str:
    return moment.isoformat(timespec="seconds")


def _row(pseudonym, notebook, item, dimension, kind, answer, justification, correct, attempt, stamp) -> dict:
    return {
        "pseudonym": pseudonym,
        "notebook": notebook,
        "quiz": QUIZ,
        "item": item,
        "dimension": dimension,
        "kind": kind,
        "answer": answer,
        "justification": justification,
        "correct": correct,
        "attempt": attempt,
        "answered_at": stamp,
    }


def _write_csv(path: Path, rows: list[dict], columns=EXPORT_COLUMNS) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, columns, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def _write_broken_files(folder: Path) -> None:
    good = _row(
        "synthetic-90", PRACTICE["source"], "S04", "source", "label", "GOVERNMENT:CHINA", "", "yes", 1,
        "2026-03-02T12:00:00+00:00",
    )  # fmt: skip
    (folder / "answers-synthetic-91-empty.csv").write_text("", encoding="utf-8")
    (folder / "answers-synthetic-92-not-an-export.csv").write_text(
        "I could not find the export button, sorry!\n", encoding="utf-8"
    )
    _write_csv(
        folder / "answers-synthetic-93-missing-column.csv",
        [good],
        columns=[c for c in EXPORT_COLUMNS if c != "answer"],
    )
    _write_csv(folder / "answers-synthetic-94-unknown-label.csv", [{**good, "answer": "OPINION"}])
    (folder / "answers-synthetic-95-wrong-schema.json").write_text(
        json.dumps({"schema": "somebody-else/2", "answers": [good]}, indent=2) + "\n", encoding="utf-8"
    )
    (folder / "notes-from-the-teacher.txt").write_text("Remember to collect the late files.\n", encoding="utf-8")
    assert EXPORT_SCHEMA  # the good files follow this schema; the .json above deliberately does not


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else FOLDER)
