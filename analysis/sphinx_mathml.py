"""Sphinx extension: formulas are written into the pages as MathML at build time, so no page runs MathJax.

Browsers draw MathML themselves (MathML Core: Chromium, Firefox, Safari), and screen readers read it. Typesetting
in the browser cost the methods appendix a 0.4 s main-thread task and a visible layout shift on an emulated phone,
and the PDF had to wait for it. `latex2mathml` converts each `$...$` and `$$...$$` (docutils `math` and
`math_block` nodes) once, when the HTML is written; a formula it cannot convert stops the build with its page and
source line. MathJax stays vendored as the fallback for math that reaches a page as raw LaTeX (a notebook's
`text/latex` output): `analysis.sphinx_assets` loads it only where such math remains.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

HTML_FORMATS = ("html", "singlehtml", "dirhtml")


def mathml(latex: str, display: bool) -> str:
    """`latex` as one MathML element (block or inline), its source kept as `alttext` for assistive tools."""
    from html import escape

    from latex2mathml.converter import convert

    source = " ".join(latex.split())
    markup = convert(source, display="block" if display else "inline")
    return markup.replace("<math ", f'<math alttext="{escape(source, quote=True)}" ', 1)


def _replace_math(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if app.builder.format != "html":
        return
    for node in list(doctree.findall(lambda n: isinstance(n, nodes.math | nodes.math_block))):
        display = isinstance(node, nodes.math_block)
        if display and node.get("number") is not None:
            raise ExtensionError(f"{docname}:{node.line}: numbered equations are not supported: {node.astext()!r}")
        try:
            markup = mathml(node.astext(), display)
        except Exception as err:  # latex2mathml raises a variety of exceptions on bad input
            raise ExtensionError(f"{docname}:{node.line}: cannot convert formula {node.astext()!r}: {err}") from err
        if display:
            markup = f'<div class="formula-display">{markup}</div>'
        node.replace_self(nodes.raw("", markup, format="html"))


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("doctree-resolved", _replace_math)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
