"""The article and its metadata (claimlab.article): a missing key, a wrong type or bad JSON is named."""

from __future__ import annotations

import json

import pytest
from datafiles import assert_names

from claimlab import (
    DataError,
    load_article,
)


def test_metadata_missing_key(data_copy):
    path = data_copy / "article" / "metadata.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    del data["byline_confirmed"]
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(DataError, match="'byline_confirmed' is missing") as caught:
        load_article(data_copy / "article")
    assert_names(caught.value, "metadata.json", column="byline_confirmed")


def test_metadata_wrong_type(data_copy):
    path = data_copy / "article" / "metadata.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["date_confirmed"] = "no"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(DataError, match="must be bool, not str") as caught:
        load_article(data_copy / "article")
    assert_names(caught.value, "metadata.json", column="date_confirmed")


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
