"""The article and its metadata (claimlab.article): a missing key, a wrong type or bad JSON is named."""

from __future__ import annotations

import json

import pytest
from datafiles import assert_names

from claimlab import (
    DataError,
    load_article,
)


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("byline_confirmed", None, "'byline_confirmed' is missing"),  # None: the key is deleted
        ("date_confirmed", "no", "must be bool, not str"),
    ],
    ids=["missing-key", "wrong-type"],
)
def test_a_bad_metadata_key_is_named(data_copy, key, value, message):
    path = data_copy / "article" / "metadata.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    if value is None:
        del data[key]
    else:
        data[key] = value
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(DataError, match=message) as caught:
        load_article(data_copy / "article")
    assert_names(caught.value, "metadata.json", column=key)


def test_metadata_invalid_json(data_copy):
    path = data_copy / "article" / "metadata.json"
    path.write_text('{\n  "outlet": "Insider",\n}\n', encoding="utf-8")
    with pytest.raises(DataError, match="not valid JSON") as caught:
        load_article(data_copy / "article")
    assert caught.value.line in (2, 3)  # Python 3.13 reports the trailing comma itself


def test_empty_article(data_copy):
    (data_copy / "article" / "article.txt").write_text("\n\n", encoding="utf-8")
    with pytest.raises(DataError, match="has no text"):
        load_article(data_copy / "article")
