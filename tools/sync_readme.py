"""Rewrite the notebook map in README.md from notebooks/toc.csv (the one place the order is declared)."""

from __future__ import annotations

from claimlab.paths import PROJECT_ROOT
from claimlab.toc import EXERCISES_TOC, load_toc, markdown_map

BLOCKS = {
    "notebook-map": lambda: markdown_map(),
    "exercise-map": lambda: markdown_map(load_toc(EXERCISES_TOC), folder="exercises"),
}


def main() -> None:
    readme = PROJECT_ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    for name, make in BLOCKS.items():
        start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
        before, rest = text.split(start)
        _, after = rest.split(end)
        text = f"{before}{start}\n{make()}\n{end}{after}"
    readme.write_text(text, encoding="utf-8")
    print("README.md notebook and exercise maps updated")


if __name__ == "__main__":
    main()
