"""The notebook skeleton every lesson follows, as a check a test can run.

Modelled on Project Pythia's layout: a title; an overview with learning objectives; prerequisites
with a time to learn; all imports in one cell; numbered sections; at least one check of
understanding; a summary with key points; and what's next, linking the following notebook.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

REQUIRED_HEADINGS = ("## Overview", "## Prerequisites", "## Imports", "## Summary", "## What's next")
CHECK_HEADING = re.compile(r"^###? .*check your understanding", re.IGNORECASE | re.MULTILINE)
NUMBERED_SECTION = re.compile(r"^## (\d+)\. \S", re.MULTILINE)
TIME_TO_LEARN = re.compile(r"time to learn[^0-9]*(\d+)\s*min", re.IGNORECASE)


def _source(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def _headings(markdown: str) -> list[str]:
    return [line.strip() for line in markdown.splitlines() if line.startswith("#")]


def _has_import(code: str) -> bool:
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return bool(re.search(r"^\s*(import|from)\s+\w", code, re.MULTILINE))
    return any(isinstance(node, (ast.Import, ast.ImportFrom)) for node in ast.walk(tree))


def check_notebook(
    notebook: dict,
    *,
    minutes: int | None = None,
    next_file: str | None = None,
) -> list[str]:
    """Return the ways ``notebook`` (parsed .ipynb JSON) departs from the skeleton; empty if none.

    ``minutes`` is the time the table of contents gives; ``next_file`` the notebook that
    "What's next" must link (None for the last one, which must link back to the README).
    """
    problems: list[str] = []
    cells = notebook.get("cells", [])
    if not notebook.get("metadata", {}).get("kernelspec"):
        problems.append("metadata has no kernelspec (JupyterLab would ask which kernel to use)")
    if not cells or cells[0].get("cell_type") != "markdown" or not _source(cells[0]).startswith("# "):
        problems.append("the first cell is not a Markdown title ('# ...')")

    # Headings, with the index of the cell that holds each.
    heading_cells: dict[str, int] = {}
    for index, cell in enumerate(cells):
        if cell.get("cell_type") == "markdown":
            for heading in _headings(_source(cell)):
                heading_cells.setdefault(heading, index)
    positions = []
    for required in REQUIRED_HEADINGS:
        found = [i for h, i in heading_cells.items() if h == required or h.startswith(required + " ")]
        if not found:
            problems.append(f"no '{required}' section")
        else:
            positions.append(found[0])
    if len(positions) == len(REQUIRED_HEADINGS) and positions != sorted(positions):
        problems.append("the sections are out of order: " + ", ".join(REQUIRED_HEADINGS))

    markdown = "\n".join(_source(c) for c in cells if c.get("cell_type") == "markdown")
    overview = _section_text(cells, "## Overview")
    if overview is not None and not re.search(r"^\s*[-*\d]+[.)]?\s+\S", overview, re.MULTILINE):
        problems.append("the Overview lists no learning objectives (a bulleted or numbered list)")
    prerequisites = _section_text(cells, "## Prerequisites") or ""
    match = TIME_TO_LEARN.search(prerequisites)
    if not match:
        problems.append("the Prerequisites give no 'Time to learn: N minutes'")
    elif minutes is not None and int(match.group(1)) != minutes:
        problems.append(f"Time to learn says {match.group(1)} minutes but notebooks/toc.csv says {minutes}")

    numbers = [int(n) for n in NUMBERED_SECTION.findall(markdown)]
    if not numbers:
        problems.append("no numbered sections ('## 1. ...')")
    elif numbers != list(range(1, len(numbers) + 1)):
        problems.append(f"numbered sections are not 1, 2, 3, ...: {numbers}")
    if not CHECK_HEADING.search(markdown):
        problems.append("no 'Check your understanding' heading")

    summary = _section_text(cells, "## Summary") or ""
    if "key points" not in summary.lower():
        problems.append("the Summary has no key points")

    code_cells = [(i, _source(c)) for i, c in enumerate(cells) if c.get("cell_type") == "code"]
    import_cells = [i for i, code in code_cells if _has_import(code)]
    imports_heading = heading_cells.get("## Imports")
    first_code_after = next((i for i, _ in code_cells if imports_heading is not None and i > imports_heading), None)
    if len(import_cells) != 1:
        problems.append(f"imports should sit in exactly one code cell, found them in {len(import_cells)}")
    elif import_cells[0] != first_code_after:
        problems.append("the imports cell is not the first code cell after '## Imports'")

    whats_next = _section_text(cells, "## What's next") or ""
    target = next_file if next_file is not None else "../README.md"
    if f"({target})" not in whats_next and f"({target}#" not in whats_next:
        problems.append(f"What's next does not link {target}")
    return problems


def _section_text(cells: list[dict], heading: str) -> str | None:
    """The Markdown from ``heading`` up to the next heading of the same or a higher level."""
    level = heading.split(" ")[0]
    collected: list[str] = []
    inside = False
    for cell in cells:
        if cell.get("cell_type") != "markdown":
            continue
        for line in _source(cell).splitlines():
            if line.startswith("#"):
                marker = line.split(" ")[0]
                if inside and len(marker) <= len(level):
                    return "\n".join(collected)
                if line.strip() == heading or line.startswith(heading + " "):
                    inside = True
                    continue
            if inside:
                collected.append(line)
    return "\n".join(collected) if inside else None


def check_notebook_file(path: str | Path, **kwargs) -> list[str]:
    return check_notebook(json.loads(Path(path).read_text(encoding="utf-8")), **kwargs)
