"""Handouts' math as MathML, written when the handout is made, so an offline handout shows formulas.

nbconvert's lab template loads MathJax from a CDN, so a handout opened without internet showed
ex05's formulas as raw TeX. This preprocessor turns $...$ and $$...$$ in Markdown cells into
MathML (with latex2mathml, the converter the web site uses), which browsers draw natively; the
handout template then leaves MathJax out.
"""

from __future__ import annotations

import re

from latex2mathml.converter import convert
from nbconvert.preprocessors import Preprocessor

DISPLAY = re.compile(r"\$\$(.+?)\$\$", re.DOTALL)
INLINE = re.compile(r"(?<![\\$])\$(?!\s)([^$\n]+?)(?<!\s)\$(?!\d)")


def to_mathml(markdown: str) -> str:
    """Replace TeX math in Markdown with MathML; text without math comes back unchanged."""
    markdown = DISPLAY.sub(lambda m: convert(m.group(1).strip(), display="block"), markdown)
    return INLINE.sub(lambda m: convert(m.group(1)), markdown)


class MathMLPreprocessor(Preprocessor):
    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type == "markdown":
            cell.source = to_mathml(cell.source)
        return cell, resources
