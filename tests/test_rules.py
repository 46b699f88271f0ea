"""Each pre-labeller rule on its own: attribution anywhere, speakers by title, quotes across
sentences, background, evaluative words, and the check-worthiness rules."""

from __future__ import annotations

import pytest

from claimlab import article_codebook, load_codebook
from claimlab.prelabel import prelabel, split_article
from claimlab.rules import (
    StoryMemory,
    classify_speaker,
    evaluative_words,
    find_attribution,
    suggest_check_worthy,
    suggest_statement_type,
)

GENERAL = load_codebook()


@pytest.mark.parametrize(
    ("text", "cue", "speaker"),
    [
        ("Officials said the bridge would reopen.", "said", "Officials"),  # leading
        ("The ban, the ministry said on Monday, will start in May.", "said", "the ministry"),  # middle
        ("The rules will slow China's chip industry, analysts say.", "say", "analysts"),  # trailing
        ("The port moved 2 million boxes, according to a shipping journal.", "according to", "a shipping journal"),
        ("Emily Benson told VOA Mandarin that China should not be surprised.", "told", "Emily Benson"),
        ("He was there, per state media.", "per", "state media"),
    ],
)
def test_attribution_is_found_anywhere_in_the_sentence(text, cue, speaker):
    found = find_attribution(text)
    assert found is not None and (found.cue, found.speaker) == (cue, speaker)


def test_a_negated_cue_credits_no_one():
    assert find_attribution("China has not said where it had intended for the balloon to go.") is None


@pytest.mark.parametrize(
    ("phrase", "kind"),
    [
        ("Foreign Ministry spokesperson Mao Ning", "GOVERNMENT"),
        ("a former acting undersecretary of defense", "EXPERT_ORG"),
        ("a director at the U.S. think tank CSIS", "EXPERT_ORG"),
        ("state broadcaster CCTV", "STATE_MEDIA"),
        ("Reuters", "OTHER_MEDIA"),
        ("Shop owners on Mill Street", "PUBLIC_OTHER"),
        ("Pete Buttigieg, President Joe Biden's transportation chief", "GOVERNMENT"),
    ],
)
def test_speakers_are_classified_by_title_and_organisation(phrase, kind):
    assert classify_speaker(phrase, GENERAL).kind == kind


def test_the_party_comes_from_the_speakers_own_words_not_the_sentence():
    codebook = article_codebook()
    # A US think-tank expert speaking about China is not the Chinese government.
    assert classify_speaker("an analyst at a US think tank", codebook).kind == "EXPERT_ORG"
    assert classify_speaker("China's Foreign Ministry", codebook).party == "GOVERNMENT:CHINA"
    assert classify_speaker("U.S. Commerce Secretary Gina Raimondo", codebook).party == "GOVERNMENT:US"


def test_a_person_introduced_earlier_keeps_their_role():
    story = split_article(
        "James Anderson, a former acting undersecretary of defense, spoke in March.\n"
        "Anderson said China had benefited immensely.\n"
    )
    suggested = prelabel(story)
    assert suggested.loc["S02", "suggested_source"] == "EXPERT_ORG"


def test_a_quotation_that_runs_on_keeps_its_speaker():
    story = split_article(
        "\u201cThey have profited greatly,\u201d Foreign Ministry spokesperson Mao Ning said.\n"
        "\u201cWhen it got shot down, he was very embarrassed. He denied it was even there.\u201d\n"
    )
    suggested = prelabel(story)
    assert list(suggested["suggested_statement_type"]) == ["QUOTE", "QUOTE"]
    assert list(suggested["suggested_source"]) == ["GOVERNMENT", "GOVERNMENT"]


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("The river last burst its banks in 1998.", "CONTEXT"),
        ("The White House has since 2017 been developing its plan.", "CONTEXT"),
        ("The visit, originally scheduled for February, was postponed.", "CONTEXT"),
        ("The controls take effect in 30 days.", "FACT"),
        ("The comments were especially notable as they came a day after the visit.", "FRAMING"),
        ("The reckless plan was approved on Tuesday.", "FRAMING"),
    ],
)
def test_background_framing_and_news_are_told_apart(text, label):
    assert suggest_statement_type(text, "body", None, StoryMemory())[0] == label


def test_evaluative_words_come_from_vader_and_the_framing_list_outside_quotes():
    assert evaluative_words("Qin Gang said the US is wicked.") == ["wicked"]
    assert evaluative_words("China rejected Blinken's lies.") == ["lies"]
    assert evaluative_words('Qin Gang called the US policy "wicked".') == []  # someone's own words
    assert evaluative_words("The war killed 300 people in the attack.") == []  # event words, not judgements
    assert "comes amid" in evaluative_words("The vote comes amid growing anger.")


def test_check_worthiness_follows_the_rules_in_order():
    said = find_attribution("The ministry said the ban will start in May.")
    crowd = find_attribution("The rules will slow the industry, analysts say.")
    assert suggest_check_worthy("They had a working dinner on Sunday.", "FACT", None)[:2] == ("NO", "CW1")
    text = "The ministry said the ban will start in May."
    assert suggest_check_worthy(text, "ATTRIBUTED", said)[:2] == ("YES", "CW2")
    assert suggest_check_worthy("The rules will slow the industry, analysts say.", "ATTRIBUTED", crowd)[:2] == (
        "NO", "CW3",
    )  # fmt: skip
    assert suggest_check_worthy("The bridge cost 40 million euros.", "FACT", None)[:2] == ("YES", "CW4")
    assert suggest_check_worthy("A tense moment for the town", "FRAMING", None)[:2] == ("NO", "CW6")
