"""Rewrite the generated blocks of README.md and docs/teaching-guide.md from the data.

The notebook and exercise maps come from the tables of contents; the guide's answer key and
contested sentences come from data/sentences.csv. Run after changing any of them.
"""

from __future__ import annotations

from claimlab.guide import answer_key_markdown, contested_markdown
from claimlab.paths import PROJECT_ROOT
from claimlab.toc import EXERCISES_TOC, load_toc, markdown_map

BLOCKS = {
    "README.md": {
        "notebook-map": lambda: markdown_map(),
        "exercise-map": lambda: markdown_map(load_toc(EXERCISES_TOC), folder="exercises"),
    },
    "docs/teaching-guide.md": {
        "answer-key": answer_key_markdown,
        "contested": contested_markdown,
    },
}


def replace_block(text: str, name: str, content: str) -> str:
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    before, rest = text.split(start)
    _, after = rest.split(end)
    return f"{before}{start}\n{content}\n{end}{after}"


def main() -> None:
    for relative, blocks in BLOCKS.items():
        path = PROJECT_ROOT / relative
        text = path.read_text(encoding="utf-8")
        for name, make in blocks.items():
            text = replace_block(text, name, make())
        path.write_text(text, encoding="utf-8")
        print(f"{relative}: generated blocks updated")


if __name__ == "__main__":
    main()
