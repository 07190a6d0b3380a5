"""Formulas become MathML at build time: inline and block, the source kept as alttext, bad LaTeX named."""

from __future__ import annotations

from analysis.sphinx_mathml import mathml


def test_inline_and_block_formulas_become_one_math_element():
    inline = mathml(r"F = 10^{365\, b}", display=False)
    block = mathml("T_2 = \\frac{\\log_{10} 2}{365\\, b}\n", display=True)
    assert inline.startswith('<math alttext="F = 10^{365\\, b}" ') and 'display="inline"' in inline
    assert 'display="block"' in block and "<mfrac>" in block and inline.count("<math ") == 1


def test_alttext_is_escaped():
    assert 'alttext="a &lt; b"' in mathml("a < b", display=False)
