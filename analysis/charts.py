"""The report's Altair theme and shared chart pieces (no I/O beyond registering the shipped font).

Importing this module registers and enables the `inference_era` theme, so every chart built by the package,
in a notebook or in `python -m analysis figures export`, gets the same palette, font and axis style.

- Palette: Okabe & Ito (2008), "Color Universal Design", distinguishable with the common colour-vision
  deficiencies; yellow is kept last because it is faint on white.
- Font: IBM Plex Sans (SIL Open Font License 1.1), shipped in `_static/fonts/` so that static exports
  (vl-convert) and the web page (`@font-face` in `_static/report.css`) draw the same glyphs on any machine.
- Builders choose axes with the helpers below (`usd_axis`, `tokens_axis`, `log_axis`, ...) so that formats
  agree across chapters, and a log scale always says so in its axis title.
- `finish(chart, fig)` adds the finding as the title and draws the source line under the plot, in the image.
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING, Any

import altair as alt

from analysis.paths import STATIC_DIR

if TYPE_CHECKING:
    from analysis.figures import Figure

THEME_NAME = "inference_era"
FONTS_DIR = STATIC_DIR / "fonts"
FONT_FAMILY = "IBM Plex Sans"
# The fallbacks only matter for an SVG opened on a machine without the font.
FONT_STACK = f"{FONT_FAMILY}, Helvetica, Arial, sans-serif"

# Okabe-Ito, reordered so the first colours have the most contrast on white.
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
PALETTE: list[str] = list(OKABE_ITO.values())
INK = "#222222"  # titles and axis titles
MUTED = "#595959"  # labels, source line (contrast 7:1 on white)
GRID = "#e3e3e3"

CHART_WIDTH_PX = 480  # with axes and a legend, ~650 px: the width of the book's text column
CHART_HEIGHT_PX = 300
TITLE_FONT_SIZE = 15
SOURCE_FONT_SIZE = 10
LOG_SCALE_NOTE = "(log scale)"

# Source grade -> opacity: grade C rows (unconfirmed) stay visible but faint. Grades as in COMMON.md.
GRADE_DOMAIN = ["A", "B", "C"]
GRADE_OPACITY = [1.0, 0.75, 0.35]


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
    "titleColor": INK,
    "titleFontSize": 11,
    "titleFontWeight": 400,
    "symbolStrokeWidth": 2,
}
MARK_STYLES: dict[str, dict[str, Any]] = {
    "line": {"strokeWidth": 2},
    "point": {"filled": True, "size": 45},
    "text": {"color": INK, "fontSize": 11},
}


def theme_config() -> dict[str, Any]:
    """The Vega-Lite `config` of the report theme."""
    return {
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


@alt.theme.register(THEME_NAME, enable=True)
def theme() -> alt.theme.ThemeConfig:
    """Register the report theme with Altair (enabled on import of this module)."""
    return alt.theme.ThemeConfig(config=theme_config())


def register_fonts() -> None:
    """Make the shipped font available to vl-convert (SVG/PNG export). Safe to call more than once."""
    import vl_convert as vlc

    vlc.register_font_directory(str(FONTS_DIR))


# ---- axes and scales: one format per kind of quantity ----------------------------------------------


def log_title(title: str) -> str:
    """`title` with the log-scale note appended once."""
    return title if LOG_SCALE_NOTE in title else f"{title} {LOG_SCALE_NOTE}"


def log_scale(**kwargs: Any) -> alt.Scale:
    """A base-10 log scale (pass `domain=[lo, hi]` etc. through)."""
    return alt.Scale(type="log", **kwargs)


def log_axis(title: str, fmt: str = "~g", **kwargs: Any) -> alt.Axis:
    """Axis for a log scale: the title says "(log scale)"; labels in d3 format `fmt`."""
    return alt.Axis(title=log_title(title), format=fmt, **kwargs)


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
    """Axis for dates, one tick a year labelled "2025" unless `fmt` says otherwise (e.g. "%b %Y")."""
    if fmt == "%Y":
        kwargs.setdefault("tickCount", {"interval": "year", "step": 1})
    return alt.Axis(title=title, format=fmt, **kwargs)


def category_color(field: str, title: str | None = None, **kwargs: Any) -> alt.Color:
    """Colour by a nominal field with the report palette."""
    return alt.Color(field, type="nominal", title=title, scale=alt.Scale(range=PALETTE), **kwargs)


def grade_opacity(field: str = "grade") -> alt.Opacity:
    """Opacity by source grade (A primary, B secondary, C unconfirmed = faint), with a legend."""
    return alt.Opacity(
        field,
        type="ordinal",
        title="Source grade",
        scale=alt.Scale(domain=GRADE_DOMAIN, range=GRADE_OPACITY),
    )


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


def finish(chart: alt.TopLevelMixin, fig: Figure, width_px: int = CHART_WIDTH_PX) -> alt.VConcatChart:
    """The publishable chart: the finding as title, the plot, and the source line drawn under it.

    Works for any chart a builder returns (single, layered, concatenated, faceted). The alt text goes into
    the spec's `description`, which Vega exposes to screen readers as the chart's ARIA label. A single or
    layered plot without an explicit width gets the report width. Builders must not set a title: the title
    is the figure's finding and lives in the registry.
    """
    title = getattr(chart, "title", alt.Undefined)
    if title is not alt.Undefined:
        raise ValueError(f"{fig.id}: the chart builder sets a title; finish() adds the registered title")
    if isinstance(chart, alt.Chart | alt.LayerChart) and chart.width is alt.Undefined:
        chart = chart.properties(width=width_px)
    # Vega-Lite gives a view one title: the source line is the plot's own (bottom) title, and a one-view
    # vconcat around it carries the finding on top. This works the same for any kind of chart.
    chart = chart.properties(title=source_title(fig.source, width_px))
    return alt.vconcat(chart).properties(
        title=alt.TitleParams(_wrap(fig.title, width_px, TITLE_FONT_SIZE), anchor="start"),
        description=fig.alt,
    )
