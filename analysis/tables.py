"""Tables for people: one helper that renders a chapter's table as HTML, and small text helpers for prose.

`html_table(frame, formats)` renders a DataFrame with an explicit format for every number column (a float column
without one is an error, so no CPU noise, scientific notation or `inf` reaches a page), escapes all text, can turn
a column into links, and wraps the table in a box that scrolls sideways on a narrow screen (`.table-scroll` in
`_static/report.css`). Notebooks call it instead of `DataFrame.to_html` so they stay thin.
"""

from __future__ import annotations

import html
import math
import numbers
from collections.abc import Callable, Iterable, Mapping

import pandas as pd

Format = str | Callable[[object], str]


def readable_number(value: object, sig: int = 3) -> str:
    """A number as a reader expects it: `sig` significant digits, thousands separators, never scientific notation;
    trailing zeros dropped (0.6875 -> '0.688', 1.5e6 -> '1,500,000', 851.16 -> '851', 20857 -> '20,900').
    Empty for a missing value; infinities are refused (say in words what they mean instead)."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return ""
    x = float(value)  # type: ignore[arg-type]
    if not math.isfinite(x):
        raise ValueError(f"{value!r} is not a number a reader can use: say what it means in words")
    if x == 0:
        return "0"
    magnitude = math.floor(math.log10(abs(x)))
    decimals = max(sig - 1 - magnitude, 0)
    rounded = round(x, sig - 1 - magnitude)
    text = f"{rounded:,.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def _format(value: object, fmt: Format) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    if callable(fmt):
        return str(fmt(value))
    if isinstance(value, numbers.Real) and not isinstance(value, bool) and not math.isfinite(float(value)):
        raise ValueError(f"{value!r} cannot be shown: say what it means in words")
    return format(value, fmt)


def _is_number_column(series: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series)


def html_table(
    frame: pd.DataFrame,
    formats: Mapping[str, Format] | None = None,
    *,
    links: Mapping[str, str] | None = None,
    label: str = "Table",
    wide: Iterable[str] = (),
) -> str:
    """`frame` as an HTML table inside a horizontally scrolling box.

    - `formats`: column -> format spec (`",.0f"`) or function; required for every float column, optional for
      integer columns (shown with thousands separators). Number columns are right-aligned.
    - `links`: column -> name of a column holding each row's URL; the text becomes a link, the URL column is not
      shown.
    - `label`: what the table is, for screen readers (the scroll box is a focusable, labelled region).
    - `wide`: columns of running text. A table that has any is drawn on a phone as one card per row, each cell
      under its column's name (`table.stacked` in the stylesheet), instead of squeezing the text into a column a
      word wide; on a wider screen `td.wide` keeps a minimum width.
    Text is HTML-escaped; booleans are refused (say "yes"/"no" or what they mean).
    """
    formats = dict(formats or {})
    links = dict(links or {})
    wide = set(wide)
    unknown = (set(formats) | wide) - set(frame.columns)
    if unknown:
        raise KeyError(f"formats or wide columns the table does not have: {sorted(unknown)}")
    hidden = set(links.values())
    shown = [c for c in frame.columns if c not in hidden]
    numeric = set()
    for col in shown:
        s = frame[col]
        if pd.api.types.is_bool_dtype(s) or s.map(lambda v: isinstance(v, bool)).any():
            raise TypeError(f"column {col!r} holds True/False: show what it means in words")
        if pd.api.types.is_float_dtype(s) and col not in formats:
            raise ValueError(f"column {col!r} holds floats: give it an explicit format")
        if _is_number_column(s):
            numeric.add(col)
            formats.setdefault(col, ",d")
    css = {c: ' class="num"' if c in numeric else ' class="wide"' if c in wide else "" for c in shown}
    head = "".join(f'<th{css[c]} scope="col">{html.escape(str(c))}</th>' for c in shown)
    body = []
    for _, row in frame.iterrows():
        cells = []
        for col in shown:
            value = row[col]
            raw = _format(value, formats[col]) if col in formats else ("" if pd.isna(value) else str(value))
            text = html.escape(raw)
            if col in links and isinstance(row[links[col]], str) and row[links[col]]:
                text = f'<a href="{html.escape(row[links[col]], quote=True)}">{text}</a>'
            cells.append(f'<td{css[col]} data-label="{html.escape(str(col), quote=True)}">{text}</td>')
        body.append("<tr>" + "".join(cells) + "</tr>")
    return (
        f'<div class="table-scroll" role="region" tabindex="0" aria-label="{html.escape(label, quote=True)}">'
        f'<table class="report-table{" stacked" if wide else ""}"><thead><tr>{head}</tr></thead><tbody>\n'
        + "\n".join(body)
        + "\n</tbody></table></div>"
    )


def of_count(part: int, whole: int) -> str:
    """'all 12', 'none of the 12' or '3 of the 12': a count of a whole as English, without '12 of the 12'."""
    part, whole = int(part), int(whole)
    if not 0 <= part <= whole:
        raise ValueError(f"a part of {part} of a whole of {whole}")
    if part == whole:
        return "both" if whole == 2 else f"all {whole}"
    if part == 0:
        return f"none of the {whole}"
    return f"{part} of the {whole}"


def yes_no(flag: object) -> str:
    """'yes' / 'no' for a flag a table shows."""
    return "yes" if bool(flag) else "no"
