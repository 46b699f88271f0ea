"""The website's sources (tools/build_site.py): its table of contents, launch links and staged notebooks.

Fast: nothing is built here (tests/e2e/test_site_pages.py builds the site and opens its pages).
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import sys
from pathlib import Path

import pytest
import yaml

from claimlab.paths import PROJECT_ROOT
from claimlab.toc import EXERCISES_TOC, TOC, load_toc

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
CONFIG = {
    "repository": {"url": "https://github.com/example-org/claimlab", "branch": "main"},
    "launch_buttons": {"binderhub_url": "https://mybinder.org", "jupyterhub_url": "https://hub.example.edu"},
}


@pytest.fixture(scope="module")
def build_site():
    """tools/build_site.py, imported as a module (tools/ is not a package)."""
    spec = importlib.util.spec_from_file_location("build_site", PROJECT_ROOT / "tools" / "build_site.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclass looks its module up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def staged(build_site, tmp_path_factory) -> Path:
    """The book as build_site stages it, with a known repository and hub, in a temporary folder."""
    target = tmp_path_factory.mktemp("site-src")
    config = build_site.load_config(environ={}) | CONFIG
    build_site.stage(target, config)
    return target


def toc_files(path: Path) -> list[str]:
    folder = path.parent.name
    return [f"{folder}/{file.removesuffix('.ipynb')}" for file in load_toc(path)["file"]]


def test_toc_follows_each_toc_csv_in_order(build_site):
    toc = build_site.toc_data()
    assert toc["format"] == "jb-book" and toc["root"] == "index"
    assert [part["caption"] for part in toc["parts"]] == ["Notebooks", "Exercises"]
    for part, csv in zip(toc["parts"], (TOC, EXERCISES_TOC), strict=True):
        assert [chapter["file"] for chapter in part["chapters"]] == toc_files(csv)
        entries = load_toc(csv)
        expected_titles = [f"{entry.order}. {entry.title}" for entry in entries.itertuples()]
        assert [chapter["title"] for chapter in part["chapters"]] == expected_titles


def test_toc_lists_every_notebook_of_the_collection(build_site):
    """Every notebook in notebooks/ and exercises/ (not their subfolders: instructor, reference, solutions)."""
    listed = {chapter["file"] + ".ipynb" for part in build_site.toc_data()["parts"] for chapter in part["chapters"]}
    on_disk = {
        f"{folder}/{path.name}"
        for folder in ("notebooks", "exercises")
        for path in (PROJECT_ROOT / folder).glob("*.ipynb")
    }
    assert listed == on_disk


def test_toc_yaml_is_the_toc_and_says_where_it_comes_from(build_site, staged):
    text = (staged / "_toc.yml").read_text(encoding="utf-8")
    assert text == build_site.toc_yaml()
    assert text.startswith("# Written by tools/build_site.py from notebooks/toc.csv")
    assert yaml.safe_load(text) == build_site.toc_data()


def test_every_page_and_the_home_page_are_staged(build_site, staged):
    pages = build_site.site_pages()
    assert len(pages) == len(load_toc(TOC)) + len(load_toc(EXERCISES_TOC))
    for page in pages:
        assert (staged / page.path).is_file(), page.path
    index = (staged / "index.md").read_text(encoding="utf-8")
    positions = [index.index(f"]({page.path})") for page in pages]
    assert positions == sorted(positions), "the home page lists the pages out of toc.csv order"


def test_launch_settings_come_from_the_environment(build_site):
    defaults = build_site.load_config(environ={})
    assert defaults["launch_buttons"]["notebook_interface"] == "jupyterlab"
    assert defaults["execute"]["execute_notebooks"] == "off"
    environ = {
        "CLAIMLAB_SITE_REPO_URL": "https://github.com/example-org/claimlab/",
        "CLAIMLAB_SITE_BRANCH": "spring-term",
        "CLAIMLAB_SITE_BINDER_URL": "https://binder.example.edu",
        "CLAIMLAB_SITE_HUB_URL": "",  # empty: no JupyterHub button
    }
    config = build_site.load_config(environ=environ, overrides={"CLAIMLAB_SITE_BRANCH": "main"})
    assert config["repository"]["url"] == "https://github.com/example-org/claimlab"
    assert config["repository"]["branch"] == "main"  # an option beats the environment
    assert config["launch_buttons"]["binderhub_url"] == "https://binder.example.edu"
    assert config["launch_buttons"]["jupyterhub_url"] == ""
    assert set(build_site.launch_links("notebooks/00_start_here.ipynb", config)) == {"Binder"}


def test_launch_links_are_binder_and_nbgitpuller_links(build_site):
    links = build_site.launch_links("exercises/ex02_timeline.ipynb", CONFIG)
    assert links["Binder"] == (
        "https://mybinder.org/v2/gh/example-org/claimlab/main?urlpath=lab/tree/exercises/ex02_timeline.ipynb"
    )
    assert links["JupyterHub"] == (
        "https://hub.example.edu/hub/user-redirect/git-pull?repo=https%3A//github.com/example-org/claimlab"
        "&urlpath=lab/tree/claimlab/exercises/ex02_timeline.ipynb&branch=main"
    )


def test_staged_config_has_the_launch_settings_and_builds_nothing(staged):
    config = yaml.safe_load((staged / "_config.yml").read_text(encoding="utf-8"))
    assert config["repository"]["url"] == CONFIG["repository"]["url"]
    assert config["launch_buttons"]["jupyterhub_url"] == "https://hub.example.edu"
    assert config["execute"]["execute_notebooks"] == "off"
    sphinx = config["sphinx"]["config"]
    assert sphinx["html_math_renderer"] == "mathml" and sphinx["nb_ipywidgets_js"] == {}
    assert (staged / "_ext" / "claimlab_site.py").is_file() and (staged / "_static" / "claimlab-site.css").is_file()


def _widget_outputs(notebook: dict) -> list[dict]:
    return [
        output["data"]
        for cell in notebook["cells"]
        for output in cell.get("outputs", [])
        if WIDGET_VIEW in output.get("data", {})
    ]


def test_quizzes_show_their_stored_fallback_with_how_to_answer(build_site, staged):
    checked = 0
    for page in build_site.site_pages():
        original = _widget_outputs(json.loads((PROJECT_ROOT / page.path).read_text(encoding="utf-8")))
        copy = json.loads((staged / page.path).read_text(encoding="utf-8"))
        assert _widget_outputs(copy) == [], f"{page.path}: a widget view is left, which renders as nothing"
        boxes = [
            "".join(output["data"]["text/html"])
            for cell in copy["cells"]
            for output in cell.get("outputs", [])
            if "claimlab-static-widget" in "".join(output.get("data", {}).get("text/html", ""))
        ]
        assert len(boxes) == len(original), page.path
        for box, data in zip(boxes, original, strict=True):
            assert "".join(data["text/html"]) in box and "launch menu" in box
            checked += 1
    assert checked > 0, "no quiz found: the test no longer tests anything"


def test_charts_keep_their_description_as_alt_text(build_site, staged):
    copy = json.loads((staged / "notebooks" / "02_context.ipynb").read_text(encoding="utf-8"))
    images = [
        "".join(output["data"]["text/html"])
        for cell in copy["cells"]
        for output in cell.get("outputs", [])
        if "data:image/png;base64," in "".join(output.get("data", {}).get("text/html", ""))
    ]
    assert images and all('alt="Chart of ' in tag for tag in images)


def test_links_outside_the_site_point_to_the_repository(build_site, staged):
    text = (staged / "exercises" / "ex01_sources_and_cues.ipynb").read_text(encoding="utf-8")
    assert "(https://github.com/example-org/claimlab/blob/main/exercises/solutions/ex01_sources_and_cues.ipynb)" in text
    assert "](../notebooks/00_start_here.ipynb)" in text  # a page of the site: Sphinx links it
    tree = (staged / "notebooks" / "03_claim_types.ipynb").read_text(encoding="utf-8")
    assert "(https://github.com/example-org/claimlab/blob/main/docs/decision-tree.md)" in tree
    assert "](../docs/decision-tree.png)" in tree and (staged / "docs" / "decision-tree.png").is_file()


def test_rewrite_links_handles_markdown_and_html(build_site):
    site = {"notebooks/01_article_up_close.ipynb"}
    images: set[str] = set()
    text = (
        "[next](01_article_up_close.ipynb) [readme](../README.md#tests) [web](https://example.org/a.md) "
        '[top](#overview) <a href="01_article_up_close.ipynb">next</a> <a href="../docs/teaching-guide.md">guide</a> '
        "![card](../docs/decision-tree.png) [gone](no_such_file.ipynb)"
    )
    result = build_site.rewrite_links(text, "notebooks/00_start_here.ipynb", site, CONFIG, images)
    assert "[next](01_article_up_close.ipynb)" in result
    assert "[readme](https://github.com/example-org/claimlab/blob/main/README.md#tests)" in result
    assert "[web](https://example.org/a.md)" in result and "[top](#overview)" in result
    assert '<a href="01_article_up_close.html">' in result
    assert '<a href="https://github.com/example-org/claimlab/blob/main/docs/teaching-guide.md">' in result
    assert "![card](../docs/decision-tree.png)" in result and images == {"docs/decision-tree.png"}
    assert "[gone](no_such_file.ipynb)" in result  # left for Sphinx to report


def test_staging_never_changes_the_notebooks(build_site, tmp_path):
    pages = build_site.site_pages()
    before = {page.path: hashlib.sha256((PROJECT_ROOT / page.path).read_bytes()).hexdigest() for page in pages}
    build_site.stage(tmp_path / "site-src", build_site.load_config(environ={}))
    after = {page.path: hashlib.sha256((PROJECT_ROOT / page.path).read_bytes()).hexdigest() for page in pages}
    assert after == before


def test_staging_removes_pages_that_left_the_toc(build_site, tmp_path):
    target = tmp_path / "site-src"
    stale = target / "notebooks" / "99_dropped.ipynb"
    stale.parent.mkdir(parents=True)
    stale.write_text("{}", encoding="utf-8")
    build_site.stage(target, build_site.load_config(environ={}))
    assert not stale.exists()


def test_math_becomes_mathml(build_site):
    pytest.importorskip("docutils", reason="the site's builder is installed on Python 3.11+ only (requirements.txt)")
    spec = importlib.util.spec_from_file_location("claimlab_site", PROJECT_ROOT / "site" / "_ext" / "claimlab_site.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    mathml = module._mathml(r"\kappa = \frac{p_o - p_e}{1 - p_e}", "block")
    assert mathml.startswith("<math") and 'display="block"' in mathml and "<mfrac>" in mathml
