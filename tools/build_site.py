"""Build the collection as a static website in build/site/, the way Project Pythia publishes cookbooks.

    .venv/bin/python tools/build_site.py                 stage the book and build it (offline)
    .venv/bin/python tools/build_site.py --stage-only    only write the staged book (build/site-src/)

The builder is jupyter-book 1.x (Sphinx, MyST-NB, sphinx-book-theme), which needs nothing from the
network at build time or when a page is viewed. Its table of contents (_toc.yml) is written here
from notebooks/toc.csv and exercises/toc.csv on every build, so the site's order never drifts from
the collection's. The notebooks are never run and never rewritten: they are copied to a staging
folder (build/site-src/), where the copies get three changes for the web:

- a quiz or answer box (a live widget in Jupyter, with no widget state stored) shows its stored
  text/html fallback in a box saying how to answer it: with the launch menu (Binder, JupyterHub);
- a chart keeps its text description as alt text (claimlab stores it in the output's metadata);
- a link to a repository file that is not a page of the site (the README, the solutions, the
  teaching guide ...) points to that file in the repository, and images it shows are copied along.

Launch links: site/config.yml holds the repository, branch, BinderHub and JupyterHub; the
environment variables CLAIMLAB_SITE_REPO_URL, CLAIMLAB_SITE_BRANCH, CLAIMLAB_SITE_BINDER_URL and
CLAIMLAB_SITE_HUB_URL (or the options below) override them for one build.
"""

from __future__ import annotations

import argparse
import base64
import copy
import html
import json
import os
import posixpath
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script: make the project's package importable
    sys.path.insert(0, str(ROOT))

from claimlab.toc import EXERCISES_TOC, TOC, load_toc  # noqa: E402

SITE_SOURCES = ROOT / "site"
STAGE = ROOT / "build" / "site-src"
WORK = ROOT / "build" / "site-work"
OUTPUT = ROOT / "build" / "site"
PARTS = (("Notebooks", TOC), ("Exercises", EXERCISES_TOC))
ENVIRONMENT = {
    "CLAIMLAB_SITE_REPO_URL": ("repository", "url"),
    "CLAIMLAB_SITE_BRANCH": ("repository", "branch"),
    "CLAIMLAB_SITE_BINDER_URL": ("launch_buttons", "binderhub_url"),
    "CLAIMLAB_SITE_HUB_URL": ("launch_buttons", "jupyterhub_url"),
}
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
STATIC_NOTE = (
    "Interactive in Jupyter: to answer, open this notebook with the launch menu "
    "(the rocket icon at the top of the page)."
)
# a Markdown link or image: [text](target) or ![alt](target "title"); the target has no spaces
MARKDOWN_LINK = re.compile(r"(?P<bang>!?)\[(?P<text>[^\]]*)\]\((?P<target>[^)\s]+)(?P<title>\s+\"[^\"]*\")?\)")
HTML_LINK = re.compile(r"(?P<attr>\b(?:href|src))=\"(?P<target>[^\"]+)\"")


@dataclass(frozen=True)
class Page:
    """One notebook of the site: its path in the repository and its entry in a toc.csv."""

    path: str  # e.g. notebooks/00_start_here.ipynb
    part: str
    order: int
    title: str
    minutes: int
    summary: str

    @property
    def docname(self) -> str:
        return self.path.removesuffix(".ipynb")


def site_pages() -> list[Page]:
    """Every notebook of the site, part by part, each part in its toc.csv order."""
    pages = []
    for part, toc_path in PARTS:
        folder = toc_path.parent.relative_to(ROOT).as_posix()
        for entry in load_toc(toc_path).itertuples():
            pages.append(Page(f"{folder}/{entry.file}", part, int(entry.order), entry.title,
                              int(entry.minutes), entry.summary))  # fmt: skip
    return pages


def toc_data(pages: list[Page] | None = None) -> dict:
    """The book's table of contents (sphinx-external-toc's jb-book format): home page, then one part per toc.csv."""
    pages = pages if pages is not None else site_pages()
    parts = []
    for part, _ in PARTS:
        chapters = [{"file": p.docname, "title": f"{p.order}. {p.title}"} for p in pages if p.part == part]
        parts.append({"caption": part, "chapters": chapters})
    return {"format": "jb-book", "root": "index", "parts": parts}


def toc_yaml(pages: list[Page] | None = None) -> str:
    header = "# Written by tools/build_site.py from notebooks/toc.csv and exercises/toc.csv: do not edit.\n"
    return header + yaml.safe_dump(toc_data(pages), sort_keys=False, allow_unicode=True)


def load_config(environ: dict[str, str] | None = None, overrides: dict[str, str] | None = None) -> dict:
    """site/config.yml with the launch settings of the environment (CLAIMLAB_SITE_*) and of ``overrides`` applied."""
    environ = os.environ if environ is None else environ
    config = yaml.safe_load((SITE_SOURCES / "config.yml").read_text(encoding="utf-8"))
    values = {name: environ[name] for name in ENVIRONMENT if environ.get(name) is not None}
    values.update({name: value for name, value in (overrides or {}).items() if value is not None})
    for name, value in values.items():
        section, key = ENVIRONMENT[name]
        config.setdefault(section, {})[key] = value.rstrip("/") if key.endswith("url") else value
    return config


def launch_links(page_path: str, config: dict) -> dict[str, str]:
    """The launch links a page should carry (what sphinx-book-theme writes, for a GitHub repository)."""
    from urllib.parse import urlencode

    repo_url = config["repository"]["url"].rstrip("/")
    branch = config["repository"].get("branch", "main")
    owner, repo = repo_url.split("/")[-2:]
    launch = config.get("launch_buttons", {})
    links = {}
    if launch.get("binderhub_url"):
        binder = launch["binderhub_url"].rstrip("/")
        links["Binder"] = f"{binder}/v2/gh/{owner}/{repo}/{branch}?urlpath=lab/tree/{page_path}"
    if launch.get("jupyterhub_url"):
        query = urlencode({"repo": repo_url, "urlpath": f"lab/tree/{repo}/{page_path}", "branch": branch}, safe="/")
        links["JupyterHub"] = f"{launch['jupyterhub_url'].rstrip('/')}/hub/user-redirect/git-pull?{query}"
    return links


# -- staging -----------------------------------------------------------------------------------------


def repository_link(path: str, config: dict, anchor: str = "") -> str:
    """The address of a repository file (or folder) on its git host, on the configured branch."""
    repo_url = config["repository"]["url"].rstrip("/")
    branch = config["repository"].get("branch", "main")
    kind = "tree" if (ROOT / path).is_dir() else "blob"
    return f"{repo_url}/{kind}/{branch}/{path}{anchor}"


def _is_relative(target: str) -> bool:
    return not (re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", target) or target.startswith(("#", "/")))


def rewrite_links(markdown: str, page_path: str, site_paths: set[str], config: dict, images: set[str]) -> str:
    """Keep links between pages of the site; send other repository links to the repository; collect images."""
    folder = posixpath.dirname(page_path)

    def resolve(target: str) -> tuple[str, str]:
        target, _, anchor = target.partition("#")
        return posixpath.normpath(posixpath.join(folder, target)), f"#{anchor}" if anchor else ""

    def markdown_link(match: re.Match) -> str:
        target = match["target"]
        if not _is_relative(target):
            return match[0]
        path, anchor = resolve(target)
        if path in site_paths or not (ROOT / path).exists():
            return match[0]  # a page of the site (Sphinx resolves it), or missing (Sphinx warns)
        if match["bang"]:
            images.add(path)
            return match[0]
        return f"{match['bang']}[{match['text']}]({repository_link(path, config, anchor)}{match['title'] or ''})"

    def html_link(match: re.Match) -> str:
        target = match["target"]
        if not _is_relative(target):
            return match[0]
        path, anchor = resolve(target)
        if not (ROOT / path).exists():
            return match[0]
        if match["attr"] == "src":
            images.add(path)
            return match[0]
        if path in site_paths:  # raw HTML is not resolved by Sphinx: point at the built page
            built = posixpath.relpath(path.removesuffix(".ipynb") + ".html", folder)
            return f'{match["attr"]}="{built}{anchor}"'
        return f'{match["attr"]}="{repository_link(path, config, anchor)}"'

    return HTML_LINK.sub(html_link, MARKDOWN_LINK.sub(markdown_link, markdown))


def _text(value) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def static_widget(data: dict) -> dict:
    """A widget output without its view: the stored fallback, boxed, with how to answer it."""
    if "text/html" in data:
        body = _text(data["text/html"])
    else:
        body = f"<pre>{html.escape(_text(data.get('text/plain', '')))}</pre>"
    note = f'<p class="claimlab-static-note">{html.escape(STATIC_NOTE)}</p>'
    fallback = {"text/html": f'<div class="claimlab-static-widget">{note}{body}</div>'}
    if "text/plain" in data:
        fallback["text/plain"] = data["text/plain"]
    return fallback


def described_image(data: dict, metadata: dict) -> dict | None:
    """A PNG with its stored text description as alt text (MyST-NB reads only width and height there)."""
    alt = (metadata.get("image/png") or {}).get("alt")
    if "image/png" not in data or not alt:
        return None
    png = "".join(_text(data["image/png"]).split())
    base64.b64decode(png, validate=True)  # fail loudly on a broken image rather than publish it
    tag = f'<img src="data:image/png;base64,{png}" alt="{html.escape(alt, quote=True)}">'
    return {"text/html": tag, "text/plain": data.get("text/plain", alt)}


def web_notebook(notebook: dict, page_path: str, site_paths: set[str], config: dict, images: set[str]) -> dict:
    """The copy of a notebook that the site shows; ``notebook`` itself is not changed."""
    notebook = copy.deepcopy(notebook)
    for cell in notebook["cells"]:
        if cell["cell_type"] == "markdown":
            cell["source"] = rewrite_links(_text(cell["source"]), page_path, site_paths, config, images)
        for output in cell.get("outputs", []):
            data = output.get("data")
            if not data:
                continue
            if WIDGET_VIEW in data:
                output["data"] = static_widget(data)
            elif (image := described_image(data, output.get("metadata", {}))) is not None:
                output["data"] = image
    return notebook


def index_markdown(pages: list[Page]) -> str:
    """The home page: site/intro.md, then the notebooks and exercises in toc.csv order."""
    lines = [(SITE_SOURCES / "intro.md").read_text(encoding="utf-8").rstrip(), ""]
    for part, _ in PARTS:
        entries = [p for p in pages if p.part == part]
        lines += [f"## {part}", "", "| # | notebook | what you learn | time |", "|---|---|---|---|"]
        for p in entries:
            lines.append(f"| {p.order} | [{p.title}]({p.path}) | {p.summary} | {p.minutes} min |")
        lines += [f"| | **in all** | | **{sum(p.minutes for p in entries)} min** |", ""]
    return "\n".join(lines)


def _write(path: Path, content: str | bytes, written: set[Path]) -> None:
    """Write a staged file, only when its content changed (so that --stage-only runs leave mtimes alone)."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_bytes() != data:
        path.write_bytes(data)
    written.add(path)


def stage(target: Path = STAGE, config: dict | None = None) -> list[Page]:
    """Write the book jupyter-book builds: config, TOC, home page, extension, styles and the notebooks' copies."""
    config = config if config is not None else load_config()
    pages = site_pages()
    site_paths = {p.path for p in pages}
    written: set[Path] = set()
    _write(target / "_config.yml", yaml.safe_dump(config, sort_keys=False, allow_unicode=True), written)
    _write(target / "_toc.yml", toc_yaml(pages), written)
    _write(target / "index.md", index_markdown(pages), written)
    for folder in ("_ext", "_static"):
        for source in sorted((SITE_SOURCES / folder).rglob("*")):
            if source.is_file() and "__pycache__" not in source.parts:
                _write(target / source.relative_to(SITE_SOURCES), source.read_bytes(), written)
    images: set[str] = set()
    for page in pages:
        notebook = json.loads((ROOT / page.path).read_text(encoding="utf-8"))
        web = web_notebook(notebook, page.path, site_paths, config, images)
        _write(target / page.path, json.dumps(web, indent=1, ensure_ascii=False) + "\n", written)
    for image in sorted(images):
        _write(target / image, (ROOT / image).read_bytes(), written)
    for stale in [p for p in target.rglob("*") if p.is_file() and p not in written and "__pycache__" not in p.parts]:
        stale.unlink()  # a notebook dropped from a toc.csv leaves no page behind
    return pages


# -- build -------------------------------------------------------------------------------------------


def build(
    config: dict | None = None, strict: bool = True, output: Path = OUTPUT, stage_dir: Path = STAGE, work: Path = WORK
) -> Path:
    """Stage the book, build it with jupyter-book into ``output`` (build/site/), and return that folder.

    Every build starts afresh: an incremental Sphinx build with no changed page skips copying the
    static files, so a changed stylesheet would not reach the site (and a full build takes seconds).
    """
    pages = stage(stage_dir, config)
    if work.exists():
        shutil.rmtree(work)
    jupyter_book = Path(sys.executable).with_name("jupyter-book")
    if not jupyter_book.exists():
        raise SystemExit(
            "jupyter-book is not installed in this environment: requirements.txt installs the site's builder on "
            f"Python 3.11 and newer, and this is Python {sys.version.split()[0]}. Use Python 3.11+ to build the site."
        )
    command = [str(jupyter_book), "build", str(stage_dir), "--path-output", str(work), "--builder", "html", "-q"]
    if strict:
        command += ["-W", "--keep-going"]
    # jupyter-book's banner names its own output folder, not build/site/: show its log only when it failed
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit(f"jupyter-book build failed (exit code {result.returncode}); the lines above say why.")
    sys.stderr.write(result.stderr)  # warnings, when strict is off
    if output.exists():
        shutil.rmtree(output)
    shutil.copytree(work / "_build" / "html", output)
    for page in pages:  # the page's download button serves the notebook itself, not the web copy
        download = output / "_sources" / page.path
        if download.exists():
            shutil.copyfile(ROOT / page.path, download)
    return output


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repo-url", help="the repository's address (CLAIMLAB_SITE_REPO_URL)")
    parser.add_argument("--branch", help="the branch launch links open (CLAIMLAB_SITE_BRANCH)")
    parser.add_argument("--binder-url", help="a BinderHub, or '' for none (CLAIMLAB_SITE_BINDER_URL)")
    parser.add_argument("--hub-url", help="a JupyterHub with nbgitpuller, or '' for none (CLAIMLAB_SITE_HUB_URL)")
    parser.add_argument("--stage-only", action="store_true", help="write build/site-src/ and stop")
    parser.add_argument("--no-strict", action="store_true", help="do not fail on Sphinx warnings")
    args = parser.parse_args(argv)
    overrides = {
        "CLAIMLAB_SITE_REPO_URL": args.repo_url, "CLAIMLAB_SITE_BRANCH": args.branch,
        "CLAIMLAB_SITE_BINDER_URL": args.binder_url, "CLAIMLAB_SITE_HUB_URL": args.hub_url,
    }  # fmt: skip
    config = load_config(overrides=overrides)
    started = time.monotonic()
    if args.stage_only:
        pages = stage(STAGE, config)
        print(f"{len(pages)} pages staged in {STAGE.relative_to(ROOT)}/ (not built)")
        return
    output = build(config, strict=not args.no_strict)
    pages = len(site_pages())
    print(f"Site built in {time.monotonic() - started:.1f} s: {pages} notebook pages in {output.relative_to(ROOT)}/")
    print(f"  open {output / 'index.html'}")
    print(f"  or serve it: python3 -m http.server --directory {output.relative_to(ROOT)} 8000")


if __name__ == "__main__":
    main()
