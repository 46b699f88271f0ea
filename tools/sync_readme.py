"""Rewrite the notebook map in README.md from notebooks/toc.csv (the one place the order is declared)."""

from __future__ import annotations

from claimlab.paths import PROJECT_ROOT
from claimlab.toc import markdown_map

START, END = "<!-- notebook-map:start -->", "<!-- notebook-map:end -->"


def main() -> None:
    readme = PROJECT_ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    before, rest = text.split(START)
    _, after = rest.split(END)
    readme.write_text(f"{before}{START}\n{markdown_map()}\n{END}{after}", encoding="utf-8")
    print("README.md notebook map updated")


if __name__ == "__main__":
    main()
