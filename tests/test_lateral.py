"""The lateral-reading activity: its data files, the prepared results and the log template."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from claimlab import DataError, ProgressStore, lateral
from claimlab.lateral import SNIPPET_COLUMNS, SOURCE_COLUMNS

HOSTILE = '<script>alert("x")</script> & <img src=x onerror=alert(1)>'


@pytest.fixture
def store(tmp_path) -> ProgressStore:
    return ProgressStore(tmp_path / "home")


def rows_of(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def write(path: Path, columns, rows) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(columns))
        writer.writeheader()
        writer.writerows(rows)
    return path


def snippets_file(tmp_path: Path, change=None, drop: set[str] = frozenset()) -> Path:
    """A copy of the real snippets, with one row changed (by id) and some rows dropped."""
    rows = [r for r in rows_of(lateral.SNIPPETS) if r["id"] not in drop]
    for row in rows:
        if change and row["id"] in change:
            row.update(change[row["id"]])
    return write(tmp_path / "snippets.csv", SNIPPET_COLUMNS, rows)


# -- the project's own files ------------------------------------------------------------------


def test_the_real_files_load_with_three_sources_and_results_to_judge():
    sources = lateral.load_sources()
    assert list(sources) == ["insider", "global_times", "ndu_press"]
    snippets = lateral.load_snippets()
    for source in sources:
        own = [s for s in snippets if s.source == source]
        assert 4 <= len(own) <= 6
        assert any(s.quality in ("weak", "misleading") for s in own), source
    rubric = lateral.load_rubric()
    assert list(rubric.columns) == ["beginning", "emerging", "mastery"] and len(rubric) == 3


def test_state_controlled_media_are_labelled_as_such():
    snippets = {s.id: s for s in lateral.load_snippets()}
    assert "state media" in snippets["GT1"].summary
    assert "state-run" in snippets["GT3"].summary
    assert "publicly funded" in snippets["INS2"].summary  # Deutsche Welle, Germany's broadcaster


# -- loader errors name the file, the row and the column --------------------------------------


@pytest.mark.parametrize(
    ("change", "column", "message"),
    [
        ({"source": "pravda"}, "source", "'pravda' is not a known source id"),
        ({"url": "javascript:alert(1)"}, "url", "is not a web address"),
        ({"url": "https://a.org ; https://b.org"}, "url", "holds 2 addresses"),
        ({"rank": "first"}, "rank", "is not a whole number"),
        ({"quality": "great"}, "quality", "is not a known quality"),
        ({"site": "https://www.dw.com/"}, "site", "is not a site name"),
        ({"summary": ""}, "summary", "is empty"),
        ({"summary": "word " * 100}, "summary", "characters long"),
        ({"note": ""}, "note", "is empty"),
    ],
)
def test_a_bad_cell_is_reported_with_file_row_and_column(tmp_path, change, column, message):
    path = snippets_file(tmp_path, {"INS2": change})
    with pytest.raises(DataError, match=message) as caught:
        lateral.load_snippets(path)
    error = caught.value
    assert (error.path, error.row, error.column) == (path, "INS2", column)
    assert error.line == 3  # header, INS1, then INS2
    assert str(error).startswith(f"{path}, row INS2 (line 3), column '{column}':")


def test_a_missing_column_is_named(tmp_path):
    rows = [{k: v for k, v in r.items() if k != "note"} for r in rows_of(lateral.SNIPPETS)]
    path = write(tmp_path / "snippets.csv", [c for c in SNIPPET_COLUMNS if c != "note"], rows)
    with pytest.raises(DataError, match="lacks the column") as caught:
        lateral.load_snippets(path)
    assert (caught.value.line, caught.value.column) == (1, "note")


def test_too_few_results_for_a_source_name_the_source(tmp_path):
    path = snippets_file(tmp_path, drop={"GT3", "GT4"})
    with pytest.raises(DataError, match="source 'global_times' has 3 results") as caught:
        lateral.load_snippets(path)
    assert (caught.value.column, caught.value.row) == ("source", "GT1")


def test_every_source_needs_a_weak_or_misleading_result(tmp_path):
    path = snippets_file(tmp_path, {"NDU3": {"quality": "useful"}, "NDU5": {"quality": "useful"}})
    with pytest.raises(DataError, match="no weak or misleading result") as caught:
        lateral.load_snippets(path)
    assert (caught.value.column, caught.value.row) == ("quality", "NDU1")


def test_ranks_must_run_in_order(tmp_path):
    path = snippets_file(tmp_path, {"INS3": {"rank": "7"}})
    with pytest.raises(DataError, match=r"ranked \[1, 2, 7, 4, 5\]") as caught:
        lateral.load_snippets(path)
    assert caught.value.column == "rank"


def test_a_repeated_id_and_a_bad_source_site_are_reported(tmp_path):
    path = snippets_file(tmp_path, {"INS2": {"id": "INS1"}})
    with pytest.raises(DataError, match="repeats the id of line 2") as caught:
        lateral.load_snippets(path)
    assert (caught.value.row, caught.value.column) == ("INS1", "id")
    rows = rows_of(lateral.SOURCES)
    rows[1]["site"] = "Global Times"
    sources = write(tmp_path / "sources.csv", SOURCE_COLUMNS, rows)
    with pytest.raises(DataError, match="is not a site name") as caught:
        lateral.load_sources(sources)
    assert (caught.value.row, caught.value.column, caught.value.line) == ("global_times", "site", 3)


# -- the prepared results, shown -------------------------------------------------------------


def test_prepared_results_are_shown_in_rank_order_without_the_teachers_notes():
    page = lateral.snippets_html("insider")
    snippets = [s for s in lateral.load_snippets() if s.source == "insider"]
    positions = [page.index(lateral.esc(s.title)) for s in snippets]
    assert positions == sorted(positions)
    for snippet in snippets:
        assert lateral.esc(snippet.note) not in page
    assert "misleading" not in page and "weak" not in page
    assert 'rel="noopener noreferrer"' in page


def test_hostile_text_in_a_results_file_is_escaped(tmp_path):
    path = snippets_file(
        tmp_path,
        {"INS1": {"title": HOSTILE, "summary": HOSTILE, "url": 'https://example.org/"><script>x</script>'}},
    )
    snippets = lateral.load_snippets(path)
    page = lateral.snippets_html("insider", snippets=snippets)
    assert "<script>" not in page and "<img" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img" in page
    assert 'href="https://example.org/&quot;&gt;&lt;script&gt;x&lt;/script&gt;"' in page
    assert "<script>" not in lateral.show_snippets("insider", snippets=snippets).data


def test_an_unknown_source_is_refused_with_the_choices():
    with pytest.raises(ValueError, match="insider, global_times, ndu_press"):
        lateral.snippets_html("reuters")


def test_notes_for_a_model_answer_cover_only_the_results_to_distrust():
    notes = lateral.snippet_notes("ndu_press")
    assert "ndu.edu.pk" in notes and "misleading" in notes
    assert "Wikipedia" not in notes  # the useful first result is not among them
    assert len(lateral.snippet_notes().split("\n\n")) == 6  # two per source


# -- the log template --------------------------------------------------------------------------


def fill(log: lateral.LateralLog, **values: str) -> None:
    for key, value in values.items():
        log.inputs[key].value = value


def test_a_log_is_saved_to_the_store_and_comes_back_after_a_restart(tmp_path):
    store = ProgressStore(tmp_path / "home")
    log = lateral.lateral_log("global_times", notebook="05_checking_claims", store=store)
    assert log.saved() is None and all(value == "" for value in log.fields.values())
    fill(log, searched="Global Times owner", opened="Wikipedia; a book chapter",
         found="Published by People's Daily.", behind="The Communist Party's newspaper group.",
         trust="Good for what the ministry said; check the ministry's transcript.")  # fmt: skip
    log.save_button.click()
    assert "Saved." in log.status.value and "Still empty" not in log.status.value
    (attempt,) = store.attempts()
    assert (attempt.kind, attempt.dimension, attempt.quiz, attempt.item) == (
        "response",
        "response",
        "lateral-reading",
        "global_times",
    )
    assert attempt.answer == "" and attempt.correct is None
    assert json.loads(attempt.justification)["behind"] == "The Communist Party's newspaper group."

    store.close()  # the kernel restarts: a new store object on the same folder
    again = lateral.lateral_log("global_times", notebook="05_checking_claims", store=ProgressStore(tmp_path / "home"))
    assert again.fields["searched"] == "Global Times owner"
    assert again.fields["trust"].startswith("Good for what the ministry said")
    assert "saved log is above" in again.status.value
    # Logs are kept per source: another source starts empty.
    other = lateral.lateral_log("insider", notebook="05_checking_claims", store=ProgressStore(tmp_path / "home"))
    assert other.saved() is None and other.fields["searched"] == ""


def test_an_empty_log_is_not_saved_and_an_unchanged_one_is_not_saved_twice(store):
    log = lateral.lateral_log("insider", notebook="nb", store=store)
    log.save_button.click()
    assert store.attempts() == [] and "Nothing to save yet" in log.status.value
    fill(log, searched="  Business Insider owner  ")
    log.save_button.click()
    assert "Still empty: What I opened, What I found" in log.status.value
    log.save_button.click()
    assert len(store.attempts()) == 1
    fill(log, opened="Wikipedia")
    log.save_button.click()
    assert [a.attempt for a in store.attempts()] == [1, 2]
    assert lateral.lateral_log("insider", notebook="nb", store=store).fields["searched"] == "Business Insider owner"


def test_hostile_text_in_a_log_is_kept_as_plain_text_and_never_rendered(store, tmp_path):
    log = lateral.lateral_log("ndu_press", notebook="nb", store=store)
    fill(log, found=HOSTILE)
    log.save_button.click()
    assert "<script>" not in log.status.value
    restored = lateral.lateral_log("ndu_press", notebook="nb", store=store)
    assert restored.fields["found"] == HOSTILE  # a text area shows text, never HTML

    rows = rows_of(lateral.SOURCES)
    rows[2]["name"] = HOSTILE
    rows[2]["claim"] = HOSTILE
    sources = lateral.load_sources(write(tmp_path / "sources.csv", SOURCE_COLUMNS, rows))
    hostile = lateral.lateral_log("ndu_press", notebook="nb", store=store, sources=sources)
    assert "<script>" not in hostile.header.value and "&lt;script&gt;" in hostile.header.value
    bundle = hostile._repr_mimebundle_()
    assert "<script>" not in bundle["text/html"] and "<img" not in bundle["text/html"]


def test_the_static_copy_is_stable_and_names_the_fields(store):
    bundle = lateral.lateral_log("insider", notebook="nb", store=store)._repr_mimebundle_()
    assert bundle["text/plain"] == (
        "Lateral-reading log for Insider (Business Insider): run the notebook in JupyterLab to fill it in. "
        "(lateral-reading/insider)\nFields: What I searched; What I opened; What I found; Who is behind it; "
        "Trust for this claim."
    )


def test_a_log_edited_by_hand_is_kept_rather_than_lost():
    assert lateral.decode_log("not json at all")["found"] == "not json at all"
    assert lateral.decode_log('["a list"]')["found"] == '["a list"]'
    round_trip = lateral.decode_log(lateral.encode_log({"searched": " x ", "extra": "dropped"}))
    assert round_trip == {"searched": "x", "opened": "", "found": "", "behind": "", "trust": ""}


def test_an_unknown_source_cannot_get_a_log(store):
    with pytest.raises(ValueError, match="no lateral-reading source 'bbc'"):
        lateral.lateral_log("bbc", notebook="nb", store=store)
