"""The website, end to end: build it once, serve it on 127.0.0.1, open every page in headless Chromium.

Each page must show its notebook's title, be the current entry of the navigation, carry the Binder
and JupyterHub launch links, show the quizzes' stored text where a live widget cannot run, link
only to files that exist (anchors included), and load nothing from anywhere but 127.0.0.1: the
site works offline. Skipped with a reason where Chromium or Playwright is missing, like the other
browser tests; CI (CLAIMLAB_REQUIRE_BROWSER=1) fails instead.
"""

from __future__ import annotations

import functools
import http.server
import importlib.util
import json
import os
import re
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

from .jupyterlab import ROOT, chromium_page

pytestmark = pytest.mark.e2e

CONFIG_ENV = {  # a known repository and hub, so that the launch links can be checked exactly
    "CLAIMLAB_SITE_REPO_URL": "https://github.com/example-org/claimlab",
    "CLAIMLAB_SITE_BRANCH": "main",
    "CLAIMLAB_SITE_BINDER_URL": "https://mybinder.org",
    "CLAIMLAB_SITE_HUB_URL": "https://hub.example.edu",
}
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def _load_build_site():
    spec = importlib.util.spec_from_file_location("build_site", ROOT / "tools" / "build_site.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


build_site = _load_build_site()
PAGES = build_site.site_pages()


def notebook_title(path: str) -> str:
    notebook = json.loads((ROOT / path).read_text(encoding="utf-8"))
    first = "".join(notebook["cells"][0]["source"]).splitlines()[0]
    return re.sub(r"[*_`]", "", first.removeprefix("# ")).strip()


def widget_outputs(path: str) -> int:
    notebook = json.loads((ROOT / path).read_text(encoding="utf-8"))
    return sum(WIDGET_VIEW in o.get("data", {}) for cell in notebook["cells"] for o in cell.get("outputs", []))


def has_math(path: str) -> bool:
    notebook = json.loads((ROOT / path).read_text(encoding="utf-8"))
    return any("$" in "".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "markdown")


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep pytest's output clean
        pass


@pytest.fixture(scope="module")
def site(browser_available, tmp_path_factory):
    """The site, built once into a temporary folder with a known repository and hub; (folder, build seconds)."""
    if importlib.util.find_spec("jupyter_book") is None:
        reason = "jupyter-book is not installed (pip install -r requirements.txt)"
        if os.environ.get("CLAIMLAB_REQUIRE_BROWSER") == "1":
            pytest.fail(f"the site tests are required here, but {reason}")
        pytest.skip(reason)
    scratch = tmp_path_factory.mktemp("site")
    config = build_site.load_config(environ=CONFIG_ENV)
    started = time.monotonic()
    output = build_site.build(config, output=scratch / "site", stage_dir=scratch / "site-src", work=scratch / "work")
    return output, time.monotonic() - started


@pytest.fixture(scope="module")
def server(site):
    folder, _ = site
    handler = functools.partial(QuietHandler, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="module")
def browser(browser_available):
    """One Chromium page for the module; every request and failed response it makes is recorded."""
    with chromium_page(viewport=(1300, 1000)) as page:
        page.claimlab_requests = []
        page.claimlab_failures = []
        page.on("request", lambda request: page.claimlab_requests.append(request.url))
        page.on("requestfailed", lambda request: page.claimlab_failures.append(f"failed: {request.url}"))
        page.on("response", functools.partial(_record_failed_response, page))
        yield page


def _record_failed_response(page, response) -> None:
    if response.status >= 400:
        page.claimlab_failures.append(f"{response.status}: {response.url}")


def open_page(page, url: str) -> None:
    page.claimlab_requests.clear()
    page.claimlab_failures.clear()
    response = page.goto(url, wait_until="networkidle")
    assert response is not None and response.status == 200, f"{url}: {response and response.status}"


def assert_offline(page, base: str) -> None:
    outside = [url for url in page.claimlab_requests if not url.startswith((base, "data:", "blob:", "about:"))]
    assert outside == [], f"the page asked for something off 127.0.0.1: {outside}"
    assert page.claimlab_failures == [], f"requests that failed: {page.claimlab_failures}"


_FETCHED: dict[str, str | None] = {}


def fetch(url: str) -> str | None:
    """The text of a file the site serves, or None when it does not answer 200 (cached for the module)."""
    if url not in _FETCHED:
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                _FETCHED[url] = response.read().decode("utf-8", errors="replace") if response.status == 200 else None
        except urllib.error.HTTPError:
            _FETCHED[url] = None
    return _FETCHED[url]


def assert_internal_links_work(page, base: str) -> int:
    """Every <a href> into the site names a file that answers 200, and an anchor that file holds."""
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(link => link.href)")
    broken, checked = [], 0
    for href in sorted(set(hrefs)):
        if not href.startswith(base):
            continue
        target, _, anchor = href.partition("#")
        target = target.split("?")[0]
        if target.endswith("/"):
            target += "index.html"
        text = fetch(target)
        checked += 1
        if text is None:
            broken.append(f"{href}: not found")
        elif anchor and target.endswith(".html"):
            name = urllib.parse.unquote(anchor)
            if f'id="{name}"' not in text and f"id='{name}'" not in text:
                broken.append(f"{href}: no element with id {name!r}")
    assert broken == [], "broken internal links:\n" + "\n".join(broken)
    return checked


def test_site_builds_quickly(site):
    folder, seconds = site
    assert (folder / "index.html").is_file()
    assert seconds < 120, f"the site took {seconds:.0f} s to build on this machine"


def test_home_page_lists_every_page_in_toc_order(browser, server):
    open_page(browser, server + "index.html")
    hrefs = browser.eval_on_selector_all("article a.reference.internal", "links => links.map(l => l.href)")
    wanted = [server + page.docname + ".html" for page in PAGES]
    positions = [hrefs.index(url) for url in wanted]
    assert positions == sorted(positions)
    assert_internal_links_work(browser, server)
    assert_offline(browser, server)


@pytest.mark.parametrize("page_info", PAGES, ids=[page.path for page in PAGES])
def test_notebook_page(browser, server, page_info):
    page = browser
    open_page(page, server + page_info.docname + ".html")

    heading = page.locator("article h1").first.evaluate(
        "h => [...h.childNodes].filter(n => !(n.classList && n.classList.contains('headerlink')))"
        ".map(n => n.textContent).join('').trim()"
    )
    assert heading == notebook_title(page_info.path)
    assert notebook_title(page_info.path) in page.title()
    current = page.locator("nav.bd-docs-nav li.current > a").first.inner_text().strip()
    assert current == f"{page_info.order}. {page_info.title}"

    hrefs = set(page.eval_on_selector_all("a[href]", "links => links.map(link => link.getAttribute('href'))"))
    for name, url in build_site.launch_links(page_info.path, build_site.load_config(environ=CONFIG_ENV)).items():
        assert url in hrefs, f"no {name} launch link {url}"

    widgets = widget_outputs(page_info.path)
    assert page.locator(".claimlab-static-widget").count() == widgets
    assert page.locator(f'script[type="{WIDGET_VIEW}"]').count() == 0
    if widgets:
        box = page.locator(".claimlab-static-widget").first
        assert box.is_visible() and "launch menu" in box.inner_text() and len(box.inner_text()) > 80

    unloaded = page.eval_on_selector_all(
        "article img", "imgs => imgs.filter(i => !i.complete || !i.naturalWidth).length"
    )
    assert unloaded == 0
    if has_math(page_info.path):  # written as MathML at build time: no MathJax from a CDN
        assert page.locator("article math").count() > 0

    assert_internal_links_work(page, server)
    assert_offline(page, server)
