"""One learner's results (claimlab.results): the example answers are read strictly."""

from __future__ import annotations

import pytest
from datafiles import assert_names

from claimlab import (
    DataError,
)


def test_example_answers_repeated_question_names_both_lines(tmp_path):
    from claimlab.results import load_example_answers

    path = tmp_path / "example.csv"
    path.write_text(
        "item,dimension,answer\nS01,source,OUTLET\nS02,source,OUTLET\nS01,source,GOVERNMENT:CHINA\n", encoding="utf-8"
    )
    with pytest.raises(DataError, match="repeats line 2") as caught:
        load_example_answers(path)
    assert_names(caught.value, "example.csv", column="dimension")
    assert caught.value.line == 4
