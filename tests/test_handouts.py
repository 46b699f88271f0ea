"""Handouts work offline: math is MathML written at build time, and no script comes from a CDN."""

from __future__ import annotations

import os
import subprocess
import sys

from claimlab.paths import PROJECT_ROOT

sys.path.insert(0, str(PROJECT_ROOT / "tools"))
from handout_math import to_mathml  # noqa: E402


def test_inline_and_display_math_become_mathml_and_prices_do_not():
    text = "Agreement is $p_o = 0.8$, and $$\\kappa = \\frac{p_o - p_e}{1 - p_e}$$ costs $5 or $10."
    out = to_mathml(text)
    assert out.count("<math") == 2 and 'display="block"' in out and "<mfrac>" in out
    assert "costs $5 or $10." in out  # money is not math


def test_a_handout_has_its_formulas_and_loads_nothing_from_outside(tmp_path):
    command = [
        sys.executable, "-m", "jupyter", "nbconvert", "--to", "html", "--log-level", "WARN",
        f"--TemplateExporter.extra_template_basedirs={PROJECT_ROOT / 'tools'}", "--template", "handout",
        "--HTMLExporter.preprocessors=handout_math.MathMLPreprocessor", "--output-dir", str(tmp_path),
        str(PROJECT_ROOT / "exercises" / "ex05_agreement_by_hand.ipynb"),
    ]  # fmt: skip
    subprocess.run(command, check=True, env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT / "tools")})
    html = (tmp_path / "ex05_agreement_by_hand.html").read_text(encoding="utf-8")
    assert "<math" in html and "$\\kappa" not in html
    assert "https://cdn" not in html and 'src="http' not in html
