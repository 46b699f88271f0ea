"""Every web address the collection cites, what kind of source it is, and the rules citations follow.

A collection that teaches lateral reading has to hold its own citations to the same standard. The
reviewed table ``data/sources/domains.csv`` gives each cited site a class (primary document, wire
service, major outlet, state media with its state, expert body, reference work, or other), and
``data/sources/exceptions.csv`` gives the reason wherever a fact still rests only on an "other" site.
``audit()`` applies the rules; ``python -m claimlab.sources`` lists every citation with its class;
``python -m claimlab.sources --check-links`` (network; not part of the test suite) checks that each
address still answers.

What counts as one fact: a row of a data table, or one paragraph or list item of a notebook's
Markdown. Files that record where a text was copied from (``sources.csv``, ``metadata.json``, and the
data folders' notes) are listed but not held to the fact rules, and neither are the prepared search
results of the lateral-reading activity, which include weak sites on purpose and rate each one.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from .paths import PROJECT_ROOT, notebook_files
from .tables import read_rows, split_list

DOMAINS_FILE = PROJECT_ROOT / "data" / "sources" / "domains.csv"
EXCEPTIONS_FILE = PROJECT_ROOT / "data" / "sources" / "exceptions.csv"
DOMAIN_COLUMNS = ("domain", "name", "source_class", "state", "label", "note")
EXCEPTION_COLUMNS = ("place", "url", "why")

#: The source classes, strongest evidence first; only "other" is weak on its own.
SOURCE_CLASSES = {
    "primary": "the body itself: a government, agency, court, company or author publishing its own words",
    "wire": "a news agency whose reports other outlets reprint (Reuters, AP, AFP)",
    "major_outlet": "an established news organisation with named editors and a corrections policy",
    "state_media": "media owned or controlled by a state: a fair record of what that state says, not independent",
    "expert": "a research institute, university, scholarly publisher or law firm writing on its own field",
    "reference": "an encyclopedia or dictionary: a place to start, whose footnotes lead on",
    "other": "anything else (blogs, reprints, aggregators, partisan or unknown sites): weak on its own",
}
WEAK_CLASSES = frozenset({"other"})
#: Words that, in the same paragraph as a state-media link, tell the reader who is behind it.
STATE_LABEL = re.compile(
    r"state[-\s]+(media|run|owned|controlled|funded|broadcaster|news\s+agency|newspaper)"
    r"|government-funded|US\s+military\s+magazine|Party's\s+(own\s+)?newspaper",
    re.IGNORECASE,
)
URL_IN_TEXT = re.compile(r"https?://[^\s\"'<>()\[\]]+")
PROVENANCE_FILES = frozenset({"sources.csv", "metadata.json"})
EXHIBIT_FILES = frozenset({"data/lateral/snippets.csv"})


@dataclass(frozen=True)
class Site:
    domain: str
    name: str
    source_class: str
    state: str
    label: str
    note: str

    @property
    def weak(self) -> bool:
        return self.source_class in WEAK_CLASSES

    def describe(self) -> str:
        """The name a reader sees beside a link, with the state-media label where there is one."""
        return f"{self.name}, {self.label}" if self.label else self.name


@dataclass(frozen=True)
class Citation:
    """One address as cited: where (file, and row or cell), the fact's text around it, and its role."""

    path: str
    place: str
    url: str
    text: str
    role: str  # "fact", "provenance" or "exhibit"

    @property
    def domain(self) -> str:
        return domain_of(self.url)


def domain_of(url: str) -> str:
    """The site's host without "www." (a trailing dot is kept, so that the audit can flag it)."""
    host = (urlsplit(url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host


def find_site(url: str, sites: dict[str, Site]) -> Site | None:
    """The table's entry for an address: a "host/first-folder" entry (for a site that also carries
    others' material, such as a press-release feed) wins over the host's own entry."""
    host = domain_of(url)
    folder = urlsplit(url).path.strip("/").split("/")[0]
    return sites.get(f"{host}/{folder}") or sites.get(host)


def load_sites(path: Path = DOMAINS_FILE) -> dict[str, Site]:
    """The reviewed table of cited sites, checked: a known class, and a state and label for state media."""
    sites: dict[str, Site] = {}
    for row in read_rows(path, DOMAIN_COLUMNS, id_column="domain", what="table of cited sites"):
        cells = row.cells
        if cells["source_class"] not in SOURCE_CLASSES:
            raise row.error("source_class", f"'{cells['source_class']}' is not a source class.",
                            f"Use one of: {', '.join(SOURCE_CLASSES)}.")  # fmt: skip
        if cells["source_class"] == "state_media" and not (cells["state"] and cells["label"]):
            raise row.error("state" if not cells["state"] else "label", "is empty for a state-media site.",
                            "Name the state and the label readers see, e.g. 'Chinese state media'.")  # fmt: skip
        if cells["source_class"] != "state_media" and cells["state"]:
            raise row.error("state", "is filled in for a site that is not state media.", "Leave it empty.")
        if cells["source_class"] == "other" and not cells["note"]:
            raise row.error("note", "is empty for a site classed 'other'.", "Say what the site is.")
        sites[cells["domain"]] = Site(**{column: cells[column] for column in DOMAIN_COLUMNS})
    return sites


@lru_cache(maxsize=1)
def _default_sites() -> dict[str, Site]:
    return load_sites()


def describe_url(url: str) -> str:
    """Who published an address, as a reader should see it: "People's Daily, Chinese state media, ..."."""
    site = find_site(url, _default_sites())
    return site.describe() if site else domain_of(url)


def describe_sources(cell: str) -> str:
    """A "a ; b" cell of addresses as the names of their publishers, with state-media labels."""
    return "; ".join(describe_url(url) for url in split_list(cell))


def load_exceptions(path: Path = EXCEPTIONS_FILE) -> dict[tuple[str, str], str]:
    """Why a fact still rests only on a weak site, keyed by (place, url)."""
    from .tables import check_header, read_text

    lines = read_text(path, "list of weak-source exceptions").splitlines()
    if len(lines) == 1:  # a header alone: no exceptions, which is the goal
        check_header(path, [name.strip() for name in lines[0].split(",")], EXCEPTION_COLUMNS)
        return {}
    rows = read_rows(path, EXCEPTION_COLUMNS, what="list of weak-source exceptions")
    return {(row.cells["place"], row.cells["url"]): row.cells["why"] for row in rows}


def _role(relative: str) -> str:
    if relative in EXHIBIT_FILES:
        return "exhibit"
    if Path(relative).name in PROVENANCE_FILES or relative.endswith(".md"):
        return "provenance"
    return "fact"


def _urls(text: str) -> list[str]:
    return [url.rstrip(".,;:") for url in URL_IN_TEXT.findall(text)]


def _paragraphs(markdown: str) -> Iterator[str]:
    """Paragraphs and list items: the unit that one or more links stand behind."""
    for block in re.split(r"\n\s*\n", markdown):
        yield from (item for item in re.split(r"\n(?=\s*(?:[-*+]|\d+\.)\s)", block) if item.strip())


def data_citations(root: Path) -> Iterator[Citation]:
    import csv

    for path in sorted((root / "data").rglob("*")):
        relative = path.relative_to(root).as_posix()
        if path.suffix == ".csv" and not relative.startswith("data/sources/"):
            with path.open(encoding="utf-8", newline="") as handle:
                for line, row in enumerate(csv.DictReader(handle), start=2):
                    cells = {column or "(extra cells)": " ".join(v) if isinstance(v, list) else v or ""
                             for column, v in row.items()}  # fmt: skip
                    text = " ".join(value for value in cells.values() if value)
                    for column, value in cells.items():
                        for url in _urls(value):
                            yield Citation(relative, f"line {line}, column {column}", url, text, _role(relative))
        elif path.suffix in (".md", ".json"):
            text = path.read_text(encoding="utf-8")
            for number, paragraph in enumerate(_paragraphs(text), start=1):
                for url in _urls(paragraph):
                    yield Citation(relative, f"paragraph {number}", url, paragraph, _role(relative))


def markdown_citations(root: Path) -> Iterator[Citation]:
    for path in notebook_files(root):
        relative = path.relative_to(root).as_posix()
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        for index, cell in enumerate(cells):
            if cell["cell_type"] != "markdown":
                continue
            for paragraph in _paragraphs("".join(cell["source"])):
                for url in _urls(paragraph):
                    yield Citation(relative, f"cell {index}", url, paragraph, "fact")


def citations(root: Path = PROJECT_ROOT) -> list[Citation]:
    """Every address cited in data/ and in the Markdown of the notebooks and exercises."""
    return [*data_citations(root), *markdown_citations(root)]


def audit(found: Iterable[Citation], sites: dict[str, Site], exceptions: dict[tuple[str, str], str]) -> list[str]:
    """Every broken rule, as a sentence naming the file and place; an empty list means all is well.

    The rules: every cited site is in the reviewed table; no fact rests only on weak ("other")
    sites unless the exceptions file says why; a paragraph that links to state media says so.
    """
    problems: list[str] = []
    facts: dict[tuple[str, str, str], list[Citation]] = {}
    for citation in found:
        site = find_site(citation.url, sites)
        where = f"{citation.path}, {citation.place}"
        if citation.domain.endswith("."):
            problems.append(f"{where}: the address {citation.url} has a trailing dot after its domain; remove it.")
            continue
        if site is None:
            problems.append(f"{where}: the site '{citation.domain}' ({citation.url}) is not in "
                            f"{DOMAINS_FILE.relative_to(PROJECT_ROOT)}; classify it there.")  # fmt: skip
            continue
        if citation.role == "fact":
            facts.setdefault((citation.path, citation.place, citation.text), []).append(citation)
            if site.source_class == "state_media" and citation.path.endswith(".ipynb"):
                if not STATE_LABEL.search(citation.text):
                    problems.append(f"{where}: cites {site.name} ({site.label}) without saying it is state media; "
                                    f"add the label, e.g. '{site.label}', in the same paragraph.")  # fmt: skip
    for (path, place, _text), cited in facts.items():
        if all(find_site(c.url, sites).weak for c in cited):
            missing = [c.url for c in cited if (f"{path}, {place}", c.url) not in exceptions]
            if missing:
                problems.append(f"{path}, {place}: rests only on weak sources ({', '.join(missing)}); cite a "
                                f"primary, wire or major source, or say why in "
                                f"{EXCEPTIONS_FILE.relative_to(PROJECT_ROOT)}.")  # fmt: skip
    return problems


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m claimlab.sources", description=__doc__.splitlines()[0])
    parser.add_argument("--check-links", action="store_true", help="also fetch every address (needs the network)")
    args = parser.parse_args(argv)
    sites, found = load_sites(), citations()
    for citation in found:
        site = find_site(citation.url, sites)
        kind = f"{site.source_class}{' (' + site.state + ')' if site and site.state else ''}" if site else "UNKNOWN"
        print(f"{citation.path}\t{citation.place}\t{citation.role}\t{citation.domain}\t{kind}\t{citation.url}")
    problems = audit(found, sites, load_exceptions())
    for problem in problems:
        print(f"PROBLEM: {problem}")
    if args.check_links:
        problems += check_links(sorted({c.url for c in found}))
    return 1 if problems else 0


def check_links(urls: list[str], timeout: float = 20) -> list[str]:
    """Fetch each address once; report those that fail. For a scheduled run, never the test suite."""
    import urllib.error
    import urllib.request

    failures = []
    for url in urls:
        request = urllib.request.Request(url, method="GET", headers={"User-Agent": "claimlab-link-check"})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (addresses from our data)
                status = response.status
        except urllib.error.HTTPError as error:
            status = error.code
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            failures.append(f"{url}: no answer ({error})")
            print(f"LINK FAILED: {url}: {error}")
            continue
        if status >= 400:
            failures.append(f"{url}: HTTP {status}")
            print(f"LINK FAILED: {url}: HTTP {status}")
    print(f"links checked: {len(urls)}, failed: {len(failures)}")
    return failures


if __name__ == "__main__":
    raise SystemExit(main())
