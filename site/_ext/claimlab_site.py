"""Sphinx extension for the claimlab website: math as MathML, written at build time.

Sphinx's default math renderer loads MathJax from a CDN when a page is opened, so the exercises'
formulas would need the internet. Here every ``$...$`` and ``$$...$$`` becomes MathML (with
latex2mathml), which browsers render natively: the built site loads nothing from outside.
"""

from __future__ import annotations

from docutils import nodes
from latex2mathml.converter import convert


def _mathml(latex: str, display: str) -> str:
    return convert(latex.strip(), display=display)


def visit_math(self, node: nodes.Element) -> None:
    self.body.append(self.starttag(node, "span", "", CLASS="math notranslate"))
    self.body.append(_mathml(node.astext(), "inline"))
    self.body.append("</span>")
    raise nodes.SkipNode


def visit_displaymath(self, node: nodes.Element) -> None:
    self.body.append(self.starttag(node, "div", CLASS="math notranslate"))
    if node.get("number"):
        self.body.append(f'<span class="eqno">({node["number"]})</span>')
    # a display block may hold several equations separated by blank lines
    for part in node.astext().split("\n\n"):
        if part.strip():
            self.body.append(_mathml(part, "block"))
    self.body.append("</div>\n")
    raise nodes.SkipNode


def setup(app):
    app.add_html_math_renderer("mathml", (visit_math, None), (visit_displaymath, None))
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
