"""The collection's own citations: every site classified, no fact on weak sites alone, state media labelled."""

from __future__ import annotations

import json

import pytest

from claimlab import sources
from claimlab.context import load_timeline
from claimlab.errors import DataError
from claimlab.explorers import timeline_html
from claimlab.sources import Citation, Site, audit, citations, describe_sources, load_exceptions, load_sites

SITES = {
    "reuters.com": Site("reuters.com", "Reuters", "wire", "", "", ""),
    "globaltimes.cn": Site("globaltimes.cn", "Global Times", "state_media", "China", "Chinese state media", ""),
    "blog.example": Site("blog.example", "a blog", "other", "", "", "A personal blog."),
}


def fact(url: str, text: str, place: str = "cell 3", path: str = "notebooks/x.ipynb") -> Citation:
    return Citation(path, place, url, text, "fact")


def test_every_citation_in_the_collection_follows_the_rules():
    problems = audit(citations(), load_sites(), load_exceptions())
    assert problems == [], "\n".join(problems)


def test_the_listing_finds_citations_in_data_and_in_notebook_markdown():
    found = citations()
    paths = {citation.path for citation in found}
    assert {"data/timeline.csv", "data/glossary.csv", "data/sentences.csv"} <= paths
    assert "notebooks/02_context.ipynb" in paths and "exercises/ex01_sources_and_cues.ipynb" in paths
    assert {citation.role for citation in found} == {"fact", "provenance", "exhibit"}


def test_a_fact_resting_only_on_a_weak_site_is_reported_with_its_place():
    problems = audit([fact("https://blog.example/post", "A claim [blog](https://blog.example/post).")], SITES, {})
    assert len(problems) == 1 and "notebooks/x.ipynb, cell 3" in problems[0] and "weak" in problems[0]


def test_a_weak_site_beside_a_strong_one_is_fine():
    text = "A claim ([Reuters](https://reuters.com/a); [blog](https://blog.example/post))."
    assert audit([fact("https://reuters.com/a", text), fact("https://blog.example/post", text)], SITES, {}) == []


def test_an_exception_with_a_reason_allows_a_weak_only_fact():
    citation = fact("https://blog.example/post", "A claim.")
    assert audit([citation], SITES, {("notebooks/x.ipynb, cell 3", "https://blog.example/post"): "only copy"}) == []


def test_state_media_in_markdown_must_carry_its_label():
    unlabelled = fact("https://globaltimes.cn/a", "China said so ([Global Times](https://globaltimes.cn/a)).")
    labelled = fact("https://globaltimes.cn/a", "China said so ([Global Times, Chinese state\n  media](...)).")
    assert "without saying it is state media" in audit([unlabelled], SITES, {})[0]
    assert audit([labelled], SITES, {}) == []


def test_unknown_sites_and_trailing_dots_are_reported():
    problems = audit([fact("https://new.example/a", "x"), fact("http://globaltimes.cn./a", "state media")], SITES, {})
    assert "not in data/sources/domains.csv" in problems[0] and "trailing dot" in problems[1]


def test_adding_a_weak_only_or_unlabelled_citation_to_a_notebook_fails_the_audit(tmp_path):
    """The rule is checked on the files themselves: a copy of the project with one bad notebook cell."""
    (tmp_path / "data").mkdir()
    (tmp_path / "notebooks").mkdir()
    cells = [
        {"cell_type": "markdown", "metadata": {}, "source": ["A fact ([a UFO site](https://unidentifiedphenomena.com/x)).\n"]},
        {"cell_type": "markdown", "metadata": {}, "source": ["China said ([Global Times](https://www.globaltimes.cn/y))."]},
    ]  # fmt: skip
    notebook = {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    (tmp_path / "notebooks" / "bad.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    problems = audit(citations(tmp_path), load_sites(), {})
    assert len(problems) == 2
    assert any(p.startswith("notebooks/bad.ipynb, cell 0: rests only on weak sources") for p in problems)
    assert any(p.startswith("notebooks/bad.ipynb, cell 1: cites Global Times") for p in problems)


@pytest.mark.parametrize(
    ("row", "column"),
    [
        ("x.example,X,opinion,,,", "source_class"),
        ("x.example,X,state_media,,,", "state"),
        ("x.example,X,state_media,China,,", "label"),
        ("x.example,X,wire,China,,", "state"),
        ("x.example,X,other,,,", "note"),
    ],
)
def test_the_table_of_sites_is_checked_row_by_row(tmp_path, row, column):
    path = tmp_path / "domains.csv"
    path.write_text(",".join(sources.DOMAIN_COLUMNS) + "\n" + row + "\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_sites(path)
    assert caught.value.column == column and caught.value.line == 2


def test_readers_see_publishers_and_state_media_labels():
    cell = "https://www.globaltimes.cn/page/1.shtml ; https://www.cbsnews.com/news/x/"
    assert describe_sources(cell) == "Global Times, Chinese state media; CBS News"


def test_the_timeline_names_each_source_and_escapes_it():
    html = timeline_html(load_timeline().head(3))
    assert ">Xinhua, Chinese state news agency</a>" in html
    assert "People&#x27;s Daily (Portuguese edition), Chinese state media" in html  # escaped, never raw
    assert "[1]" not in html


def test_a_press_release_feed_on_a_news_site_is_classed_by_its_folder():
    """CGTN's paid release on a local TV site is state media, not that station's journalism."""
    sites = load_sites()
    feed = "https://www.wect.com/prnewswire/2023/03/09/cgtn-china-stresses-enhancing-integrated-national-strategies/"
    assert sources.find_site(feed, sites).source_class == "state_media"
    assert sources.find_site("https://www.wect.com/2023/02/04/balloon/", sites).source_class == "major_outlet"
    assert describe_sources(feed).endswith("Chinese state media, a paid press release")
