"""The report's Altair theme and shared chart pieces (no I/O beyond registering the shipped font).

Importing this module registers and enables the `inference_era` theme, so every chart built by the package,
in a notebook or in `python -m analysis figures export`, gets the same palette, font and axis style.

- Colour has one meaning per colour, in every chart (the semantic palette below): vermillion is the article's
  claim and nothing else; blue is what other sources report or what we measured; bluish green a cost estimate;
  reddish purple a market price. Categories that carry no such meaning (countries, series, providers) take
  `PALETTE`, Okabe & Ito (2008) "Color Universal Design" without vermillion and orange (orange is too close to
  vermillion to mean something else), so they never read as "the article". Source grades are not a colour: they
  are a shape (disc A, half-filled ring B, empty ring C; `grade_shape`), legend "A primary / B secondary /
  C unconfirmed".
- Font: IBM Plex Sans (SIL Open Font License 1.1), shipped in `_static/fonts/` so that static exports
  (vl-convert) and the web page (`@font-face` in `_static/report.css`) draw the same glyphs on any machine.
- Builders choose axes with the helpers below (`usd_axis`, `tokens_axis`, `log_axis`, ...) so that formats
  agree across chapters, and a log scale always says so in its axis title; tooltips with `tip` (every field has
  a human title with its unit and a format).
- `finish(chart, fig)` adds the finding as the title and draws the source line under the plot, in the image.
- Two layouts: "desktop" (the exports, and the page on a wide screen) and "narrow" (the page in a column under
  `NARROW_WIDTH_PX`, e.g. a phone: legends under the plot, side-by-side panels stacked, text at least 10 px, the
  whole chart at most `NARROW_WIDTH_PX` wide). Builders read the layout being built with `narrow()` or `sized()`;
  `Figure.spec(layout="narrow")` builds it and `analysis.figures.chart_html` picks one in the browser.
"""

from __future__ import annotations

import itertools
import json
import textwrap
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any

import altair as alt
import pandas as pd

from analysis import drawing

if TYPE_CHECKING:
    from analysis.figures import Figure

THEME_NAME = "inference_era"
FONT_FAMILY = "IBM Plex Sans"
# The fallbacks only matter for an SVG opened on a machine without the font.
FONT_STACK = f"{FONT_FAMILY}, Helvetica, Arial, sans-serif"

OKABE_ITO: dict[str, str] = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "bluish_green": "#009E73",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "sky_blue": "#56B4E9",
    "black": "#000000",
    "yellow": "#F0E442",
}
# ---- the semantic palette: one meaning per colour, in every chart ------------------------------------------
ARTICLE = OKABE_ITO["vermillion"]  # the article's claim or figure; nothing else is vermillion (or orange)
REPORTED = OKABE_ITO["blue"]  # what other sources report, or what this report measured / reproduced
COST = OKABE_ITO["bluish_green"]  # a cost estimate (building or running capacity)
MARKET = OKABE_ITO["reddish_purple"]  # a market price (rental price, API list price)
NEUTRAL = "#8c8c8c"  # context: unconfirmed, back-filled, "other" (contrast 3.4:1 on white, for marks)
# Categories without a meaning above (countries, series, providers): Okabe-Ito without vermillion and orange,
# the strongest contrasts first and yellow last (faint on white).
PALETTE: list[str] = [OKABE_ITO[k] for k in ("blue", "bluish_green", "reddish_purple", "sky_blue", "black", "yellow")]
RESERVED = (OKABE_ITO["vermillion"], OKABE_ITO["orange"])  # never a category colour (see above)
INK = "#222222"  # titles and axis titles
MUTED = "#595959"  # labels, source line (contrast 7:1 on white)
GRID = "#e3e3e3"

CHART_WIDTH_PX = 480  # desktop plot width; with axes and a legend the chart stays within ~680 px
DESKTOP_MAX_WIDTH_PX = 680  # the book's text column at 1400 px is ~690 px: desktop charts fit it unscaled
CHART_HEIGHT_PX = 300
NARROW_WIDTH_PX = 340  # a whole narrow chart (SVG) fits a 390 px phone's column (342 px) unscaled
NARROW_PLOT_WIDTH_PX = 250  # the plot of a narrow chart, leaving room for a y axis
TITLE_FONT_SIZE = 15
NARROW_TITLE_FONT_SIZE = 14
SOURCE_FONT_SIZE = 10
MIN_FONT_SIZE = 10  # the smallest text a narrow chart draws (9 px on a 360 px phone, where it shrinks a little)
LOG_SCALE_NOTE = "(log scale)"

# Source grades, as COMMON.md defines them: the legend names what each grade means.
GRADE_DOMAIN = ["A", "B", "C"]
GRADE_LABELS = {"A": "A primary", "B": "B secondary", "C": "C unconfirmed"}
# Symbols as SVG paths (unit circle): a disc, a ring with its lower half filled, a ring (the inner circle runs
# the other way round, so it is a hole). Told apart without colour, and ordered: full, half, empty.
_RING = "M-1,0A1,1 0 1,1 1,0A1,1 0 1,1 -1,0ZM-0.55,0A0.55,0.55 0 1,0 0.55,0A0.55,0.55 0 1,0 -0.55,0Z"
GRADE_SHAPES = ["M-1,0A1,1 0 1,1 1,0A1,1 0 1,1 -1,0Z", _RING + "M0.55,0A0.55,0.55 0 0,1 -0.55,0Z", _RING]
GRADE_OPACITY = [1.0, 0.75, 0.35]  # kept for `grade_opacity` (lines and bars, where a fill cannot be hollow)

LAYOUTS = ("desktop", "narrow")
LEGEND_CHANNELS = ("color", "fill", "fillOpacity", "opacity", "shape", "size", "stroke", "strokeDash", "strokeWidth")
_LAYOUT: ContextVar[str] = ContextVar("chart_layout", default="desktop")


@contextmanager
def layout(name: str) -> Iterator[None]:
    """Build charts in layout `name` ("desktop" or "narrow") inside the block."""
    if name not in LAYOUTS:
        raise ValueError(f"layout must be one of {LAYOUTS}, got {name!r}")
    token = _LAYOUT.set(name)
    try:
        yield
    finally:
        _LAYOUT.reset(token)


def narrow() -> bool:
    """True while a narrow (phone) layout is being built."""
    return _LAYOUT.get() == "narrow"


def sized(desktop: Any, narrow_value: Any) -> Any:
    """`desktop` in the desktop layout, `narrow_value` in the narrow one (widths, label limits, columns...)."""
    return narrow_value if narrow() else desktop


# The theme's Vega-Lite `config`, in named pieces (each a block of the config) assembled by `theme_config`.
TITLE_STYLE: dict[str, Any] = {
    "anchor": "start",
    "color": INK,
    "fontSize": TITLE_FONT_SIZE,
    "fontWeight": 700,
    "subtitleColor": MUTED,
    "subtitleFontSize": 12,
    "offset": 12,
}
AXIS_STYLE: dict[str, Any] = {
    "labelColor": MUTED,
    "labelFontSize": 11,
    "labelLimit": 320,  # axis labels are never cut (Vega's default cuts at 180 px): long ones wrap instead
    "titleColor": INK,
    "titleFontSize": 12,
    "titleFontWeight": 400,
    "gridColor": GRID,
    "domainColor": "#8c8c8c",
    "tickColor": "#8c8c8c",
}
LEGEND_STYLE: dict[str, Any] = {
    "labelColor": MUTED,
    "labelFontSize": 11,
    "labelLimit": 300,  # legend labels are never cut (Vega's default cuts at 160 px)
    "titleColor": INK,
    "titleFontSize": 11,
    "titleFontWeight": 400,
    "titleLimit": 300,
    "symbolStrokeWidth": 2,
    # Several legends above or under a plot are stacked, from its left edge (not side by side, past its width).
    "layout": {side: {"anchor": "start", "direction": "vertical", "margin": 6} for side in ("top", "bottom")},
}
# Narrow: every legend under the plot, one entry a line, legends stacked (not side by side).
NARROW_LEGEND_STYLE: dict[str, Any] = {
    "orient": "bottom",
    "direction": "vertical",
    "labelLimit": NARROW_WIDTH_PX - 40,
    "titleLimit": NARROW_WIDTH_PX - 20,
    "layout": {"bottom": {"anchor": "start", "direction": "vertical", "margin": 6}},
}
MARK_STYLES: dict[str, dict[str, Any]] = {
    "line": {"strokeWidth": 2},
    "point": {"filled": True, "size": 45},
    "text": {"color": INK, "fontSize": 11},
}


def theme_config() -> dict[str, Any]:
    """The Vega-Lite `config` of the report theme, for the layout being built."""
    config: dict[str, Any] = {
        "font": FONT_STACK,
        "background": "white",
        "padding": 8,
        "view": {"continuousWidth": CHART_WIDTH_PX, "continuousHeight": CHART_HEIGHT_PX, "stroke": None},
        "range": {"category": PALETTE},
        "title": dict(TITLE_STYLE),
        "axis": dict(AXIS_STYLE),
        "axisX": {"grid": False, "labelFlush": True},
        "axisY": {"domain": False, "ticks": False, "titleAngle": -90},
        "legend": dict(LEGEND_STYLE),
        "header": {"labelColor": INK, "labelFontSize": 12, "titleColor": INK, "titleFontSize": 12},
        **{mark: dict(style) for mark, style in MARK_STYLES.items()},
        "concat": {"spacing": 24},
    }
    if narrow():
        config["view"]["continuousWidth"] = NARROW_PLOT_WIDTH_PX
        config["title"]["fontSize"] = NARROW_TITLE_FONT_SIZE
        config["legend"].update(NARROW_LEGEND_STYLE)
        config["axisX"]["labelOverlap"] = "greedy"
        config["concat"] = {"spacing": 16}
    return config


@alt.theme.register(THEME_NAME, enable=True)
def theme() -> alt.theme.ThemeConfig:
    """Register the report theme with Altair (enabled on import of this module)."""
    return alt.theme.ThemeConfig(config=theme_config())


# ---- axes and scales: one format per kind of quantity ----------------------------------------------


def log_title(title: str | list[str]) -> str | list[str]:
    """`title` with the log-scale note appended once (to its last line, for a title on several lines)."""
    if isinstance(title, list):
        return title if any(LOG_SCALE_NOTE in line for line in title) else [*title[:-1], log_title(title[-1])]
    return title if LOG_SCALE_NOTE in title else f"{title} {LOG_SCALE_NOTE}"


def log_scale(**kwargs: Any) -> alt.Scale:
    """A base-10 log scale (pass `domain=[lo, hi]` etc. through)."""
    return alt.Scale(type="log", **kwargs)


def log_axis(title: str, fmt: str = "~g", **kwargs: Any) -> alt.Axis:
    """Axis for a log scale: the title says "(log scale)"; labels in d3 format `fmt`."""
    return alt.Axis(title=log_title(title), format=fmt, **kwargs)


def log_ticks(low: float, high: float, steps: tuple[float, ...] | None = None) -> list[float]:
    """Tick values of a log axis from `low` to `high`: 1, 3, 10, 30, ... (desktop) or 1, 10, 100 (narrow)."""
    import math

    steps = steps or sized((1, 3), (1,))
    out = []
    for exp in range(math.floor(math.log10(low)) - 1, math.ceil(math.log10(high)) + 1):
        out += [step * 10.0**exp for step in steps if low <= step * 10.0**exp <= high]
    return [float(f"{v:.6g}") for v in out]


def usd_axis(title: str, *, log: bool = False, **kwargs: Any) -> alt.Axis:
    """Axis for US dollar amounts ("$0.15", "$1,200"); the unit (billion, per Mtok) goes in `title`."""
    fmt = "$,.3~g" if log else "$,.4~g"
    return alt.Axis(title=log_title(title) if log else title, format=fmt, **kwargs)


def tokens_axis(title: str, *, log: bool = False, **kwargs: Any) -> alt.Axis:
    """Axis for token counts with SI-style suffixes, billions as "B" (not d3's "G"): 1.5M, 20B, 3T."""
    return alt.Axis(
        title=log_title(title) if log else title,
        labelExpr="replace(format(datum.value, '~s'), 'G', 'B')",
        **kwargs,
    )


def pct_axis(title: str, **kwargs: Any) -> alt.Axis:
    """Axis for shares stored as fractions (0.25 -> "25%")."""
    return alt.Axis(title=title, format=".0%", **kwargs)


def date_axis(title: str | None = None, fmt: str = "%Y", **kwargs: Any) -> alt.Axis:
    """Axis for dates, one tick a year (every other year on a narrow chart) labelled "2025" unless `fmt` says
    otherwise (e.g. "%b %Y")."""
    if fmt == "%Y":
        kwargs.setdefault("tickCount", {"interval": "year", "step": sized(1, 2)})
    return alt.Axis(title=title, format=fmt, **kwargs)


def category_color(field: str, title: str | None = None, **kwargs: Any) -> alt.Color:
    """Colour by a nominal field with the report's category palette (never the article's colour)."""
    return alt.Color(field, type="nominal", title=title, scale=alt.Scale(range=PALETTE), **kwargs)


_PLACEMENT = ("orient", "columns", "direction", "legendX", "legendY", "labelLimit")


def legend(narrow_kw: dict[str, Any] | None = None, **kwargs: Any) -> alt.Legend:
    """A legend placed as `kwargs` say on a desktop chart; in the narrow layout, under the plot (the theme's
    default) with `narrow_kw` applied: placement (`orient`, `columns`, `direction`, ...) is desktop-only."""
    if narrow():
        kwargs = {k: v for k, v in kwargs.items() if k not in _PLACEMENT} | (narrow_kw or {})
    return alt.Legend(**kwargs)


def wrap_labels_expr(labels: Iterable[str], chars: int) -> str:
    """A Vega `labelExpr` drawing each of `labels` on lines of at most ~`chars` characters (others unchanged).

    Axis and legend labels are never cut: long ones wrap (an array of lines is a multi-line label in Vega).
    """
    table = {}
    for label in dict.fromkeys(labels):
        lines = textwrap.wrap(label, width=chars, break_on_hyphens=False, break_long_words=False)
        if len(lines) > 1:
            table[label] = lines
    if not table:
        return "datum.label"
    return f"({json.dumps(table, ensure_ascii=False)})[datum.label] || datum.label"


def grade_labels_expr() -> str:
    """A Vega expression turning a grade letter into its legend text ("A primary", ...)."""
    pairs = ", ".join(f"'{g}': '{text}'" for g, text in GRADE_LABELS.items())
    return "{" + pairs + "}[datum.label] || datum.label"


def grade_shape(field: str = "grade", **legend_kw: Any) -> alt.Shape:
    """Shape by source grade: a disc (A primary), a ring half filled (B secondary), an empty ring (C unconfirmed),
    with a legend naming them. Draw the points filled (`mark_point(filled=True)`): the colour stays the
    category's, the shape says the grade, in colour or in grey print."""
    return alt.Shape(
        field,
        type="nominal",
        title="Source grade",
        scale=alt.Scale(domain=GRADE_DOMAIN, range=GRADE_SHAPES),
        legend=legend(
            labelExpr=grade_labels_expr(), symbolFillColor=INK, symbolStrokeWidth=0, symbolSize=90, **legend_kw
        ),
    )


def floor_carets(base: alt.Chart, test: str, label: str = "more than (floor)", **legend_kw: Any) -> alt.Chart:
    """A small caret above each point of `base` for which the Vega expression `test` holds: the value is a floor
    ("more than"). Its legend has one entry, `label` (placed as `legend_kw` say on a desktop chart)."""
    return (
        base.transform_filter(test)
        .mark_point(shape="triangle-up", filled=True, size=28, yOffset=-11, color=INK)
        .encode(
            opacity=alt.Opacity(
                "caret:N",
                title=None,
                scale=alt.Scale(domain=[label], range=[1]),
                legend=legend(
                    symbolType="triangle-up", symbolFillColor=INK, symbolStrokeWidth=0, symbolSize=40, **legend_kw
                ),
            )
        )
        .transform_calculate(caret=f"'{label}'")
    )


def dodge(values: Any, groups: Any, keys: Any, close: float, step: float) -> Any:
    """Offsets that spread points sharing a group (e.g. a year) whose `values` lie within `close` of each other:
    each cluster of n points gets offsets -(n-1)/2 .. (n-1)/2 times `step`, in `keys` order (deterministic)."""
    import numpy as np
    import pandas as pd

    frame = pd.DataFrame({"v": np.asarray(values, float), "g": list(groups), "k": list(keys)})
    offsets = pd.Series(0.0, index=frame.index)
    for _, part in frame.sort_values(["g", "v", "k"]).groupby("g", sort=False):
        cluster: list[int] = []
        last = None
        for idx, v in part["v"].items():
            if last is not None and v - last > close:
                offsets[cluster] = (np.arange(len(cluster)) - (len(cluster) - 1) / 2) * step
                cluster = []
            cluster.append(idx)
            last = v
        offsets[cluster] = (np.arange(len(cluster)) - (len(cluster) - 1) / 2) * step
    return offsets.to_numpy()


def grade_opacity(field: str = "grade") -> alt.Opacity:
    """Opacity by source grade (A primary, B secondary, C unconfirmed = faint), with a legend naming them."""
    return alt.Opacity(
        field,
        type="ordinal",
        title="Source grade",
        scale=alt.Scale(domain=GRADE_DOMAIN, range=GRADE_OPACITY),
        legend=legend(labelExpr=grade_labels_expr()),
    )


def tip(field: str, title: str, fmt: str | None = None, **kwargs: Any) -> alt.Tooltip:
    """A tooltip line: `field` (with its Vega-Lite type, e.g. "value:Q") under a human `title` that names the
    unit, in d3 format `fmt` (numbers: required; dates: e.g. "%d %b %Y")."""
    if fmt is not None:
        kwargs["format"] = fmt
    return alt.Tooltip(field, title=title, **kwargs)


def side_by_side(*charts: alt.TopLevelMixin, **kwargs: Any) -> alt.TopLevelMixin:
    """Panels side by side on a desktop chart, stacked in the narrow layout."""
    return alt.vconcat(*charts, **kwargs) if narrow() else alt.hconcat(*charts, **kwargs)


# Average advance width of IBM Plex Sans, in em (digits and lowercase ~0.55, capitals ~0.65): a label's width.
_EM_PER_CHAR = 0.58
NARROW_AXIS_LABEL_CHARS = 22  # a nominal y axis label of a narrow chart wraps past this many characters
NARROW_LEGEND_LABEL_CHARS = 36


def narrow_safeguards(spec: dict[str, Any]) -> dict[str, Any]:
    """`spec` (a Vega-Lite dict of a narrow layout) with what a builder may have left desktop-sized made narrow:
    font sizes below `MIN_FONT_SIZE` raised to it, fixed view widths above `NARROW_PLOT_WIDTH_PX` lowered to it,
    panels side by side (`hconcat`) stacked, legends on the left or right moved under the plot, and long labels of
    nominal y axes and legends wrapped (unless the builder set a `labelExpr`). A no-op for a builder that uses
    `sized`/`side_by_side`/`legend`/`wrap_labels_expr`; it keeps any other figure readable on a phone."""
    values: dict[str, set[str]] = {}
    for rows in spec.get("datasets", {}).values():
        for row in rows:
            for field, value in row.items():
                if isinstance(value, str):
                    values.setdefault(field, set()).add(value)

    rows_wrapped: list[tuple[int, int]] = []  # (rows, lines per row) of each y axis wrapped, for the view heights

    def wrapped(field: Any, chars: int, axis: bool = False) -> str | None:
        labels = sorted(values.get(field, ()) if isinstance(field, str) else ())
        if not any(len(v) > chars for v in labels):
            return None
        if axis:
            lines = max(len(textwrap.wrap(v, width=chars, break_long_words=False)) for v in labels)
            rows_wrapped.append((len(labels), lines))
        return wrap_labels_expr(labels, chars)

    def walk(node: Any, key: str | None) -> Any:
        if isinstance(node, list):
            return [walk(item, key) for item in node]
        if not isinstance(node, dict):
            return node
        before = len(rows_wrapped)
        out: dict[str, Any] = {}
        for k, v in node.items():
            if k == "datasets":
                out[k] = v
            elif k.lower().endswith("fontsize") and isinstance(v, int | float) and v < MIN_FONT_SIZE:
                out[k] = MIN_FONT_SIZE
            elif k == "width" and isinstance(v, int | float) and v > NARROW_PLOT_WIDTH_PX:
                out[k] = NARROW_PLOT_WIDTH_PX
            elif k == "hconcat":
                out["vconcat"] = walk(v, k)
            elif k == "orient" and key == "legend" and v in ("left", "right"):
                out[k] = "bottom"
            else:
                out[k] = walk(v, k)
        if key == "x":
            _wrap_axis_title(out)
        nominal = out.get("type") in ("nominal", "ordinal")
        if key == "y" and nominal and out.get("axis", {}) is not None and "labelExpr" not in out.get("axis", {}):
            expr = wrapped(out.get("field"), NARROW_AXIS_LABEL_CHARS, axis=True)
            if expr:
                out["axis"] = {**out.get("axis", {}), "labelExpr": expr}
        if key in LEGEND_CHANNELS and nominal and out.get("legend", {}) is not None:
            if "labelExpr" not in out.get("legend", {}):
                expr = wrapped(out.get("field"), NARROW_LEGEND_LABEL_CHARS)
                if expr:
                    out["legend"] = {**out.get("legend", {}), "labelExpr": expr}
        # A view whose y labels were wrapped here gets the height its rows of several lines need.
        new_rows = rows_wrapped[before:]
        if new_rows and "height" in out:
            rows, lines = max(new_rows, key=lambda r: r[0] * r[1])
            row_px = lines * (AXIS_STYLE["labelFontSize"] + 2) + 6
            height = out["height"]
            if isinstance(height, int | float):
                out["height"] = max(height, rows * row_px)
            elif isinstance(height, dict) and isinstance(height.get("step"), int | float):
                out["height"] = {**height, "step": max(height["step"], row_px)}
            del rows_wrapped[before:]
        return out

    return walk(spec, None)


# An x axis title of a narrow chart wraps past this many characters (Vega draws an axis title on one line, so a
# long one would widen the chart past the phone's column).
NARROW_AXIS_TITLE_CHARS = int(NARROW_PLOT_WIDTH_PX / (_EM_PER_CHAR * AXIS_STYLE["titleFontSize"]))


def _wrap_axis_title(channel: dict[str, Any]) -> None:
    """Wrap, in place, the long title of an x `channel` definition (set on the channel or on its axis)."""
    for holder in (channel, channel.get("axis")):
        title = holder.get("title") if isinstance(holder, dict) else None
        if isinstance(title, str) and len(title) > NARROW_AXIS_TITLE_CHARS:
            holder["title"] = textwrap.wrap(title, width=NARROW_AXIS_TITLE_CHARS, break_long_words=False)


def fit_narrow(spec: dict[str, Any], max_px: float = NARROW_WIDTH_PX - 4, min_view_px: int = 120) -> dict[str, Any]:
    """`spec` with its fixed view widths lowered until the whole chart is at most `max_px` wide (a few passes;
    long axis labels take room that only the chart as drawn can tell)."""
    for _ in range(4):
        excess = drawing.width_px(spec) - max_px
        if excess <= 0:
            break

        def shrink(node: Any, excess: float = excess) -> Any:
            if isinstance(node, list):
                return [shrink(item) for item in node]
            if not isinstance(node, dict):
                return node
            return {
                k: (
                    max(min_view_px, int(v - excess - 2))
                    if k == "width" and isinstance(v, int | float)
                    else v
                    if k == "datasets"
                    else shrink(v)
                )
                for k, v in node.items()
            }

        spec = shrink(spec)
    return spec


# ---- direct labels that do not overlap -------------------------------------------------------------


def text_width_px(text: str, font_size: float) -> float:
    """The approximate drawn width of `text` at `font_size` px in the report font."""
    return len(text) * _EM_PER_CHAR * font_size


def _ms(value: Any) -> int:
    """A date as milliseconds since the epoch."""
    import numpy as np
    import pandas as pd

    return int(np.datetime64(pd.Timestamp(value).to_datetime64(), "ms").astype("int64"))


def to_px(values: Any, scale: tuple[str, float, float], length: float, flip: bool) -> Any:
    """Data values to pixels along an axis of `length` px; `scale` = (type, low, high), type linear/log/time."""
    import numpy as np
    import pandas as pd

    kind, lo, hi = scale
    if kind == "time":
        values = np.asarray(pd.to_datetime(values), dtype="datetime64[ms]").astype("int64")
        lo, hi = (_ms(v) for v in (lo, hi))
    elif kind == "log":
        values, lo, hi = np.log10(values), np.log10(lo), np.log10(hi)
    frac = (np.asarray(values, dtype=float) - lo) / (hi - lo)
    return length * (1 - frac) if flip else length * frac


def _from_px(px: Any, scale: tuple[str, float, float], length: float, flip: bool) -> Any:
    import numpy as np
    import pandas as pd

    kind, lo, hi = scale
    frac = 1 - np.asarray(px, dtype=float) / length if flip else np.asarray(px, dtype=float) / length
    if kind == "time":
        lo_ms, hi_ms = (_ms(v) for v in (lo, hi))
        return pd.to_datetime(lo_ms + frac * (hi_ms - lo_ms), unit="ms").round("s")
    if kind == "log":
        return 10 ** (np.log10(lo) + frac * (np.log10(hi) - np.log10(lo)))
    return lo + frac * (hi - lo)


def line_boxes(
    x: Any, y: Any, *, x_scale: tuple, y_scale: tuple, width: float, height: float, step_after: bool = False
) -> list[tuple[float, float, float, float]]:
    """Small boxes (px) along the line through the points `x`, `y` (data units, in drawing order): obstacles for
    `place_labels`, so that labels do not sit on a line. `step_after` follows Vega's step-after interpolation."""
    import numpy as np

    px = list(to_px(x, x_scale, width, flip=False))
    py = list(to_px(y, y_scale, height, flip=True))
    if step_after:
        corners_x, corners_y = [px[0]], [py[0]]
        for i in range(1, len(px)):
            corners_x += [px[i], px[i]]
            corners_y += [py[i - 1], py[i]]
        px, py = corners_x, corners_y
    boxes = []
    for (x0, y0), (x1, y1) in zip(zip(px, py, strict=True), zip(px[1:], py[1:], strict=True), strict=False):
        n = max(1, int(np.hypot(x1 - x0, y1 - y0) / 4))
        for t in np.linspace(0, 1, n + 1):
            cx, cy = x0 + t * (x1 - x0), y0 + t * (y1 - y0)
            boxes.append((cx - 2, cy - 2, cx + 2, cy + 2))
    return boxes


def place_labels(
    df: Any,
    x: str,
    y: str,
    text: str,
    *,
    x_scale: tuple[str, Any, Any],
    y_scale: tuple[str, Any, Any],
    width: float,
    height: float,
    font_size: float,
    radius: float = 6,
    obstacles: Iterable[tuple[float, float, float, float]] = (),
    margin_right: float = 0,
    beside_only: str | None = None,
) -> Any:
    """Positions for direct labels of the points `df[x], df[y]` (labels `df[text]`, empty = none) that overlap
    neither each other nor any point nor `obstacles` (boxes x0, y0, x1, y1 in px, y down), inside the plot (or
    up to `margin_right` px past its right edge).

    Greedy, in row order: beside the point towards the plot's middle, beside it on the other side, above, below,
    then beside it moved up or down by a line at a time (a row whose `beside_only` column is true only gets a
    place beside its point, or no label); a label moved off its point's row gets a leader line (`leader`), and two
    such labels whose leaders would cross swap rows. `x_scale`/`y_scale` are (type, low, high)
    with type "linear", "log" or "time", as the chart's scales (fixed domains, no nice). Returns `df` with
    `label_x`, `label_y` (data units) and `label_align` ("left", "right", "center"; "" when no place was found:
    the label is left out and the tooltip names it).
    """
    import numpy as np

    out = df.copy()
    px = to_px(out[x], x_scale, width, flip=False)
    py = to_px(out[y], y_scale, height, flip=True)
    line = font_size * 1.25
    taken = [(a - radius, b - radius, a + radius, b + radius) for a, b in zip(px, py, strict=True)]
    taken += list(obstacles)
    lx, ly, align = np.full(len(out), np.nan), np.full(len(out), np.nan), [""] * len(out)

    def free(box: tuple[float, float, float, float]) -> bool:
        x0, y0, x1, y1 = box
        if x0 < 0 or x1 > width + margin_right or y0 < 0 or y1 > height:
            return False
        return all(x1 <= a0 or x0 >= a1 or y1 <= b0 or y0 >= b1 for a0, b0, a1, b1 in taken)

    gap = radius + 3
    beside = out[beside_only].astype(bool).to_numpy() if beside_only else np.zeros(len(out), bool)
    owner: dict[int, int] = {}  # label row -> index of its box in `taken`

    def label_box(cx: float, cy: float, al: str, w: float, h: float) -> tuple[float, float, float, float]:
        x0 = cx if al == "left" else cx - w if al == "right" else cx - w / 2
        return (x0 - 1, cy - h / 2, x0 + w + 1, cy + h / 2)

    for i, label in enumerate(out[text].fillna("").astype(str)):
        if not label:
            continue
        w, h = text_width_px(label, font_size), line
        a, b = px[i], py[i]
        # Towards the middle of the plot first: a point in its right half is labelled on its left.
        sides = [(1, "left"), (-1, "right")] if a < width / 2 else [(-1, "right"), (1, "left")]
        candidates = [(a + sign * gap, b, al) for sign, al in sides]
        if not beside[i]:
            candidates += [(a, b - gap - h / 2, "center"), (a, b + gap + h / 2, "center")]
        far = gap + 14  # a label moved off its point's row stands further off, with a leader line to it
        for k in range(1, 1 if beside[i] else 11):
            for dy in (-k * h * 0.8, k * h * 0.8):
                candidates += [(a + sign * far, b + dy, al) for sign, al in sides]
        for cx, cy, al in candidates:
            box = label_box(cx, cy, al, w, h)
            if free(box):
                taken.append(box)
                owner[i] = len(taken) - 1
                lx[i], ly[i], align[i] = cx, cy, al
                break
    # Two labels moved past each other (the upper label belongs to the lower point) swap rows where both fit.
    texts = out[text].fillna("").astype(str).tolist()
    for i, j in itertools.combinations(sorted(owner), 2):
        if align[i] != align[j] or (ly[i] - ly[j]) * (py[i] - py[j]) >= 0:
            continue
        bi = label_box(lx[i], ly[j], align[i], text_width_px(texts[i], font_size), line)
        bj = label_box(lx[j], ly[i], align[j], text_width_px(texts[j], font_size), line)
        others = [box for k, box in enumerate(taken) if k not in (owner[i], owner[j])]
        clear = all(
            x1 <= a0 or x0 >= a1 or y1 <= b0 or y0 >= b1 for x0, y0, x1, y1 in (bi, bj) for a0, b0, a1, b1 in others
        )
        if clear and all(0 <= b[0] and b[2] <= width + margin_right for b in (bi, bj)):
            ly[i], ly[j] = ly[j], ly[i]
            taken[owner[i]], taken[owner[j]] = bi, bj
    placed = ~np.isnan(lx)
    # A label moved off its point's row gets a leader line from the point (x, y) to the label's near edge.
    out["leader"] = placed & (np.abs(ly - py) > line * 0.7) & (np.abs(lx - px) > gap + 1)
    out["label_x"] = pd.NaT if x_scale[0] == "time" else np.nan
    out["label_y"] = np.nan
    if placed.any():
        out.loc[placed, "label_x"] = _from_px(lx[placed], x_scale, width, flip=False)
        out.loc[placed, "label_y"] = _from_px(ly[placed], y_scale, height, flip=True)
    out["label_align"] = align
    return out


def label_layers(placed: Any, x: alt.X, y: alt.Y, text: str = "text", **mark: Any) -> alt.LayerChart:
    """Text marks for the labels `place_labels` placed (rows without a place are left out), drawn with the
    chart's own `x` and `y` encodings (so axes merge), one layer per alignment (Vega-Lite cannot encode
    `align`), and a thin leader line from the point to each label moved off its point's row."""
    fx, fy = x.to_dict()["field"], y.to_dict()["field"]
    shown = placed[placed["label_align"] != ""]
    frame = pd.DataFrame(
        {
            fx: shown["label_x"],
            fy: shown["label_y"],
            "point_x": shown[fx],
            "point_y": shown[fy],
            "text": shown[text],
            "label_align": shown["label_align"],
            "leader": shown["leader"].astype(bool),
        }
    )
    layers = []
    if frame["leader"].any():
        lines = frame[frame["leader"]].drop(columns=["text", "label_align", "leader"])
        layers.append(
            alt.Chart(lines).mark_rule(color=MUTED, strokeWidth=1).encode(x=x, y=y, x2="point_x", y2="point_y")
        )
    for al in ("left", "right", "center"):
        part = frame[frame["label_align"] == al][[fx, fy, "text"]]
        if len(part):
            layers.append(
                alt.Chart(part).mark_text(align=al, baseline="middle", **mark).encode(x=x, y=y, text="text:N")
            )
    return alt.layer(*layers)


# ---- the finished figure ---------------------------------------------------------------------------


def _wrap(text: str, width_px: int, font_size: int) -> list[str]:
    """Break `text` into lines that fit `width_px` (about 0.55 em per character in IBM Plex Sans)."""
    chars = max(20, int(width_px / (0.55 * font_size)))
    return textwrap.wrap(text, width=chars, break_on_hyphens=False, break_long_words=False) or [""]


def source_title(source: str, width_px: int = CHART_WIDTH_PX) -> alt.TitleParams:
    """The source line as a title under the plot, starting at the image's left edge (`frame="bounds"`)."""
    return alt.TitleParams(
        _wrap(source, width_px, SOURCE_FONT_SIZE),
        orient="bottom",
        anchor="start",
        frame="bounds",
        fontSize=SOURCE_FONT_SIZE,
        fontWeight=400,
        color=MUTED,
        offset=14,
        lineHeight=SOURCE_FONT_SIZE + 3,
    )


# Properties Vega-Lite allows only on the outermost spec: `finish` moves them out of the plot it wraps. "data" is
# moved too (a view's own data may also sit on the spec around it), as Altair does when it wraps a chart.
_OUTER_KEYS = ("$schema", "config", "data", "datasets", "params")


def finish(
    chart: alt.TopLevelMixin, fig: Figure, width_px: int | None = None, validate: bool = False
) -> dict[str, Any]:
    """The publishable chart as a Vega-Lite spec: the finding as title, the plot, and the source line under it.

    Works for any chart a builder returns (single, layered, concatenated, faceted). The alt text goes into
    the spec's `description`, which Vega exposes to screen readers as the chart's ARIA label. A single or
    layered plot without an explicit width gets the report width (of the layout being built). Builders must not
    set a title: the title is the figure's finding and lives in the registry. `validate=True` checks the whole
    spec against the Vega-Lite schema.
    """
    title = getattr(chart, "title", alt.Undefined)
    if title is not alt.Undefined:
        raise ValueError(f"{fig.id}: the chart builder sets a title; finish() adds the registered title")
    plot_px = width_px or sized(CHART_WIDTH_PX, NARROW_PLOT_WIDTH_PX)
    text_px = width_px or sized(CHART_WIDTH_PX, NARROW_WIDTH_PX - 2 * 8)
    title_size = sized(TITLE_FONT_SIZE, NARROW_TITLE_FONT_SIZE)
    if isinstance(chart, alt.Chart | alt.LayerChart) and chart.width is alt.Undefined:
        chart = chart.properties(width=plot_px)
    # Vega-Lite gives a view one title: the source line is the bottom title of a one-view vconcat around the
    # plot (so it comes under the plot's legends too), and a one-view vconcat around that carries the finding on
    # top. This works the same for any kind of chart. The wrapping is done on the plot's spec: wrapped by Altair,
    # a chart is copied whole at each level (a layered chart's layers again at every copy), which took longer than
    # building it.
    plot = chart.to_dict(validate=False)
    outer = {key: plot.pop(key) for key in _OUTER_KEYS if key in plot}
    source = {
        "vconcat": [plot],
        "resolve": {"legend": dict.fromkeys(LEGEND_CHANNELS, "independent")},  # legends stay with the plot
        "title": source_title(fig.source, text_px).to_dict(validate=False),
    }
    found = alt.TitleParams(_wrap(fig.title, text_px, title_size), anchor="start").to_dict(validate=False)
    # Keys in the order Altair writes them (config, the views, the others by name, then $schema and datasets),
    # so that the spec is byte for byte the one Altair would give.
    head = {"config": outer.pop("config")} if "config" in outer else {}
    tail = {key: outer.pop(key) for key in ("$schema", "datasets") if key in outer}
    spec = (
        head | {"vconcat": [source]} | dict(sorted((outer | {"description": fig.alt, "title": found}).items())) | tail
    )
    if validate:  # the config is the theme's, which also sets Vega-only options (as Altair, it is not checked)
        alt.VConcatChart.validate({key: value for key, value in spec.items() if key != "config"})
    return spec
