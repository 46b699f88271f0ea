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
import json
import random
import sys
from pathlib import Path

from claimlab import load_codebook, load_sentences, parse_competing_labels
from claimlab.export import EXPORT_COLUMNS, EXPORT_SCHEMA
from claimlab.paths import DATA_DIR

SEED = 20230308
LEARNERS = 30
FOLDER = DATA_DIR / "sample_class"
NOTEBOOK, QUIZ = "06_putting_it_together", "final"

#: (item, dimension) -> the wrong label learners typically choose, and how tempting it is (0-1).
TYPICAL = {
    ("S01", "source"): ("CHINA_GOV", 0.35),
    ("S03", "statement_type"): ("FACT", 0.4),
    ("S05", "source"): ("OUTLET", 0.3),
    ("S09", "statement_type"): ("FACT", 0.35),
    ("S10", "statement_type"): ("CONTEXT", 0.45),
    ("S10", "check_worthy"): ("NO", 0.3),
    ("S13", "statement_type"): ("QUOTE", 0.4),
    ("S15", "check_worthy"): ("YES", 0.45),
    ("S17", "source"): ("US_GOV", 0.5),
    ("S18", "source"): ("US_GOV", 0.35),
    ("S19", "check_worthy"): ("YES", 0.3),
    ("S20", "statement_type"): ("ATTRIBUTED", 0.4),
    ("S20", "source"): ("US_GOV", 0.45),
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
    "CHINA_GOV": "The sentence reports what China's government did in reply.",
    "OUTLET": "The verdict in the verb belongs to the outlet, not to China.",
    "YES": "It assumes claims about Xi and about data that evidence could settle.",
    "NO": "'Comes amid' and 'intense' are judgements, so there is nothing to check.",
}


def main(folder: Path = FOLDER) -> None:
    rng = random.Random(SEED)
    codebook = load_codebook()
    sentences = load_sentences()
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.iterdir():
        if old.name != "README.md":  # keep the explanation, replace everything generated
            old.unlink()
    start = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.timezone.utc)
    for number in range(1, LEARNERS + 1):
        pseudonym = f"synthetic-{number:02d}"
        skill = rng.uniform(0.55, 0.97)
        stops_after = rng.choice([28] * 8 + [18, 22])  # a few learners stop early
        moment = start + dt.timedelta(minutes=7 * number)
        rows = []
        for item, row in list(sentences.iterrows())[:stops_after]:
            competing = parse_competing_labels(row["competing_labels"]) if row["contested"] else {}
            for dimension in codebook.dimensions:
                moment += dt.timedelta(seconds=rng.randint(15, 90))
                stamp = moment.isoformat(timespec="seconds")
                if dimension in competing:
                    label = rng.choice(competing[dimension])
                    rows.append(_row(pseudonym, item, dimension, "justification", label, REASONS[label], "", stamp))
                    continue
                key = row[dimension]
                typical, pull = TYPICAL.get((item, dimension), (None, 0.0))
                if typical and rng.random() < pull * (1.4 - skill):
                    answer = typical
                elif rng.random() > (1 - skill) * ERROR_SCALE[dimension]:
                    answer = key
                else:
                    answer = rng.choice([label for label in codebook.labels(dimension) if label != key])
                rows.append(
                    _row(pseudonym, item, dimension, "label", answer, "", "yes" if answer == key else "no", stamp)
                )
        _write_csv(folder / f"answers-{pseudonym}.csv", rows)
    _write_broken_files(folder)
    print(f"wrote {LEARNERS} synthetic learners and 6 problem files to {folder}")


def _row(pseudonym, item, dimension, kind, answer, justification, correct, stamp) -> dict:
    return {
        "pseudonym": pseudonym,
        "notebook": NOTEBOOK,
        "quiz": QUIZ,
        "item": item,
        "dimension": dimension,
        "kind": kind,
        "answer": answer,
        "justification": justification,
        "correct": correct,
        "attempt": 1,
        "answered_at": stamp,
    }


def _write_csv(path: Path, rows: list[dict], columns=EXPORT_COLUMNS) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, columns, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def _write_broken_files(folder: Path) -> None:
    good = _row("synthetic-90", "S04", "source", "label", "CHINA_GOV", "", "yes", "2026-03-02T12:00:00+00:00")
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
