"""A learner's own article: suggestions stay hidden until every label is chosen, then compared."""

from __future__ import annotations

import pytest

from claimlab.own_article import agreement_summary, compare_labels, label_first
from claimlab.prelabel import ArticleTextError

STORY = (
    "The council voted on Tuesday to close the <b>old</b> bridge.\n"
    '"It is not safe," said Dr. Amara Liu, the city engineer.\n'
)


def test_the_suggestions_stay_hidden_until_every_label_is_chosen():
    view = label_first(STORY)
    assert view.compare_button.disabled and "6 labels still to choose" in view.status.value
    assert view.result.value == ""  # nothing of the suggestions is on the page yet
    with pytest.raises(ValueError, match="label every sentence first"):
        view.comparison()
    for controls in view.choices.values():
        for dimension, control in controls.items():
            control.value = {"statement_type": "FACT", "source": "OUTLET", "check_worthy": "YES"}[dimension]
    assert not view.compare_button.disabled
    view.compare_button.click()
    assert "Your labels and the suggestions" in view.result.value
    assert "why it was suggested" in view.result.value


def test_the_comparison_lists_each_question_with_the_suggestions_reason():
    view = label_first(STORY)
    mine = {"S01": {"statement_type": "FACT", "source": "OUTLET", "check_worthy": "YES"},
            "S02": {"statement_type": "ATTRIBUTED", "source": "GOVERNMENT", "check_worthy": "YES"}}  # fmt: skip
    table = compare_labels(view._suggestions, mine).set_index(["sentence", "question"])
    assert table.loc[("S02", "statement_type"), "suggested"] == "QUOTE"
    assert not table.loc[("S02", "statement_type"), "same"]
    assert "quotation marks" in table.loc[("S02", "statement_type"), "why_suggested"]
    assert table.loc[("S01", "source"), "same"]  # no cue: the outlet, on both sides
    summary = agreement_summary(compare_labels(view._suggestions, mine))
    assert summary.loc["source", "sentences"] == 2
    assert summary.loc["statement_type", "same_as_suggested"] == int(table.xs("statement_type", level=1)["same"].sum())


def test_sentence_text_is_escaped_and_bad_text_is_explained():
    view = label_first(STORY)
    assert "&lt;b&gt;old&lt;/b&gt;" in view.children[1].value
    with pytest.raises(ArticleTextError):
        label_first("   ")
