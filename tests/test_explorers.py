"""Timeline filter, glossary look-up, charts with descriptions, and handing in answers."""

from __future__ import annotations

import pandas as pd

from claimlab import ProgressStore, build_quiz, load_glossary, load_timeline
from claimlab.charts import confusion_chart, describe_confusion, describe_timeline, share_of_voice_chart, timeline_chart
from claimlab.explorers import GlossaryLookup, TimelineExplorer, filter_timeline, lookup, timeline_html
from claimlab.export import hand_in


def test_filter_timeline_by_category_actor_and_text():
    timeline = load_timeline()
    balloon = filter_timeline(timeline, category="US-China: balloon")
    assert len(balloon) == (timeline["category"] == "US-China: balloon").sum() and len(balloon) > 3
    assert set(filter_timeline(timeline, actor="communications commission")["category"]) == {"US: tech restrictions"}
    assert all("TikTok" in event for event in filter_timeline(timeline, text="tiktok")["event"])
    assert len(filter_timeline(timeline, category="(all)")) == len(timeline)


def test_timeline_widget_updates_and_escapes():
    timeline = load_timeline()
    explorer = TimelineExplorer(timeline)
    assert f"{len(timeline)} events" in explorer.table.value
    explorer.text.value = "balloon"
    assert all("balloon" in row.lower() for row in filter_timeline(timeline, text="balloon")["event"])
    assert explorer.table.value.count("<tr>") == len(filter_timeline(timeline, text="balloon")) + 1
    explorer.text.value = "no such event at all"
    assert "No events match" in explorer.table.value
    hostile = pd.DataFrame(
        [{"date": "2023-01-01", "category": "<b>x</b>", "actor": "a", "event": "<script>1</script>",
          "source_url": "https://example.org/?a=<x>"}]
    )  # fmt: skip
    html = timeline_html(hostile)
    assert "<script>" not in html and "&lt;script&gt;" in html and "<b>x</b>" not in html


def test_glossary_lookup_finds_terms_then_definitions():
    glossary = load_glossary()
    found = lookup(glossary, "fusion")
    assert found.index[0].startswith("Military-civil fusion")
    assert lookup(glossary, "").empty and lookup(glossary, "zzzz").empty
    widget = GlossaryLookup(glossary, "NPC")
    assert "National People" in widget.result.value
    widget.query.value = "<img>"
    assert "<img>" not in widget.result.value and "&lt;img&gt;" in widget.result.value


def test_charts_return_figures_with_text_descriptions():
    timeline = load_timeline()
    figure = timeline_chart(timeline, start="2023-02-01", end="2023-03-13")
    assert figure.axes and "events by category" in figure.axes[0].get_title()
    text = describe_timeline(timeline, start="2023-02-01", end="2023-03-13")
    assert text.startswith("Chart of ") and "2023-02-04" in text
    assert describe_timeline(timeline, start="2030-01-01") == "No events in this period."
    table = pd.DataFrame({"sentences": [2, 1], "words": [20, 10], "share_of_words_%": [66.7, 33.3]}, index=["a", "b"])
    assert share_of_voice_chart(table).axes
    matrix = pd.DataFrame([[3, 1], [0, 2]], index=["YES", "NO"], columns=["YES", "NO"])
    assert confusion_chart(matrix).axes
    assert describe_confusion(matrix) == (
        "Table of 6 answers: 5 match the key (the diagonal). "
        "Confusions, largest first: 1 \u00d7 key YES answered as NO."
    )


def test_hand_in_writes_files_only_with_a_pseudonym(tmp_path):
    store = ProgressStore(tmp_path / "home")
    build_quiz(None, items=["S04"], store=store, notebook="nb", quiz_id="q").answer("S04", "source", "GOVERNMENT:CHINA")
    assert not hand_in(..., tmp_path, store=store).done
    refused = hand_in("my name", tmp_path, store=store)
    assert not refused.done and "cannot be used as a pseudonym" in refused.message
    assert not list(tmp_path.glob("answers-*"))
    done = hand_in("owl-3", tmp_path, store=store)
    assert done.done and "Exported 1 saved answers to answers-owl-3.csv and answers-owl-3.json" in done.message
    assert (tmp_path / "answers-owl-3.csv").exists() and str(tmp_path) not in done.message


def test_explorers_show_everything_as_static_html():
    timeline, glossary = load_timeline(), load_glossary()
    bundle = TimelineExplorer(timeline)._repr_mimebundle_()
    assert bundle["text/html"].count("<tr>") == len(timeline) + 1
    assert bundle["text/plain"] == f"TimelineExplorer({len(timeline)} events)"
    bundle = GlossaryLookup(glossary)._repr_mimebundle_()
    assert bundle["text/html"].count("<p><b>") == len(glossary)
