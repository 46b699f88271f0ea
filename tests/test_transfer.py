"""The graded assessment is on text learners have not seen: the transfer stories appear nowhere else."""

from __future__ import annotations

import json
import re

from claimlab.paths import DATA_DIR, PROJECT_ROOT
from claimlab.transfer import ROUNDS, bank_path, load_transfer, story_markdown
from claimlab.widgets import quiz

STATEMENT_TYPES = {"QUOTE", "ATTRIBUTED", "FRAMING", "CONTEXT", "FACT"}
ASSESSMENT = "notebooks/06_putting_it_together.ipynb"


def _words(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\\n", " ")).strip()


def every_other_text():
    """Every notebook, bank, exercise and document of the collection except 06 and data/transfer/."""
    for path in sorted(PROJECT_ROOT.rglob("*")):
        relative = path.relative_to(PROJECT_ROOT).as_posix()
        if not path.is_file() or relative.startswith((".", "build/", "data/transfer/")) or "/." in relative:
            continue
        if relative == ASSESSMENT or path.suffix not in (".ipynb", ".csv", ".md", ".txt", ".py", ".json"):
            continue
        yield relative, path.read_text(encoding="utf-8", errors="replace")


def test_no_transfer_sentence_occurs_anywhere_else():
    sentences = [_words(text) for text in load_transfer()["text"]]
    for relative, content in every_other_text():
        flat = _words(content)
        for sentence in sentences:
            assert sentence[:80] not in flat, f"{relative} contains a transfer sentence: {sentence[:60]}"


def test_the_transfer_text_covers_what_the_assessment_must_test():
    transfer = load_transfer()
    assert len(transfer) >= 12
    assert set(transfer["statement_type"]) == STATEMENT_TYPES
    assert transfer["source"].nunique() >= 4
    assert {"GOVERNMENT:CHINA", "GOVERNMENT:US"} <= set(transfer["source"])  # both governments speak


def test_notebook_06_grades_only_the_transfer_text():
    notebook = json.loads((PROJECT_ROOT / ASSESSMENT).read_text(encoding="utf-8"))
    code = "\n".join("".join(cell["source"]) for cell in notebook["cells"] if cell["cell_type"] == "code")
    calls = [segment.split("title=")[0] for segment in code.split(" quiz(")[1:]]
    graded = [call for call in calls if 'mode="assessment"' in call]
    assert len(graded) == 2 and all("bank_path(" in call for call in graded), graded
    article = [call for call in calls if call.startswith("None")]
    assert article and all('mode="practice"' in call for call in article)


def test_each_round_is_a_quiz_with_the_parties_of_both_governments(tmp_path):
    from claimlab import ProgressStore

    for name in ROUNDS:
        view = quiz(bank_path(name), mode="assessment", notebook="n", quiz_id=name, store=ProgressStore(tmp_path))
        assert {"GOVERNMENT:CHINA", "GOVERNMENT:US"} <= set(view.quiz.options("source"))
        assert "<" not in story_markdown(name).replace("\\<", "")
    assert (DATA_DIR / "transfer" / "annotation" / "annotator_c.csv").exists()
