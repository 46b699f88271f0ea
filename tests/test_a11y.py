"""The quiz's own widgets: a radio group that knows its labels, and a status region that stays put."""

from __future__ import annotations

import pytest
import traitlets

from claimlab.a11y import ChoiceGroup, LiveRegion

OPTIONS = [
    {"value": "YES", "label": "YES \u2013 Worth checking", "title": "A claim evidence could settle."},
    {"value": "NO", "label": "NO \u2013 Not worth checking", "title": "Opinion, or nothing depends on it."},
]


def test_a_group_takes_only_its_own_labels_and_says_which():
    group = ChoiceGroup(options=OPTIONS, value=None, label="Worth checking?", question="Should it be checked?")
    assert group.values == ("YES", "NO") and group.value is None
    group.value = "NO"
    assert group.value == "NO"
    with pytest.raises(traitlets.TraitError, match="'MAYBE' is not one of this question's labels: YES, NO"):
        group.value = "MAYBE"
    assert group.value == "NO"  # a refused value leaves the choice as it was


def test_the_front_end_exposes_the_radio_pattern_and_keeps_shortcuts_out():
    """The browser tests check the behaviour; this pins the contract the JavaScript must keep."""
    esm = ChoiceGroup._esm
    for needle in ('role", "radiogroup"', 'role", "radio"', "aria-checked", "aria-labelledby", "ArrowRight",
                   "data-lm-suppress-shortcuts", "tabIndex"):  # fmt: skip
        assert needle in esm
    assert "outline: 3px solid" in ChoiceGroup._css and "::before" in ChoiceGroup._css  # ring; a mark, not colour


def test_the_status_region_is_one_element_whose_content_changes():
    region = LiveRegion(value="<p>first</p>")
    region.value = "<p>second</p>"
    assert region.value == "<p>second</p>"
    assert 'setAttribute("role", "status")' in LiveRegion._esm and "innerHTML = model.get" in LiveRegion._esm
