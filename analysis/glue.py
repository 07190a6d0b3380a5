"""Glue a chapter's computed numbers for its prose ({glue:text} / {glue:md}), one helper for every notebook."""

from __future__ import annotations

import numbers
from collections.abc import Mapping
from typing import Any

from analysis.precision import round_sig


def pasteable(value: Any, markdown_strings: bool = False) -> Any:
    """A value myst-nb can paste with a format spec: numpy scalars become Python int/float (numpy-2 reprs break
    formatted {glue:text}), floats rounded by `analysis.precision`; strings stay text, or become Markdown for
    {glue:md} when `markdown_strings`."""
    if isinstance(value, str):
        if markdown_strings:
            from IPython.display import Markdown

            return Markdown(value)
        return value
    if isinstance(value, bool):
        return value
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        return round_sig(value)  # the report's one rounding rule: same text on any machine
    return value


def glue_numbers(values: Mapping[str, Any], prefix: str = "", markdown_strings: bool = False) -> None:
    """Glue every value under `prefix + key`, not displayed."""
    from myst_nb import glue  # imported here: only notebooks need myst-nb at run time

    for key, value in values.items():
        glue(f"{prefix}{key}", pasteable(value, markdown_strings), display=False)
