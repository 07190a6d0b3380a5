"""The registry of the report's citable figures.

A figure is registered once, in a module of `analysis.figs` (one module per chapter), with a permanent id
`fig-<topic>-<slug>`, a title that states the finding, a caption, alt text, units, the datasets it reads, a source
line (drawn inside the chart), the page it appears on, and two functions: `data()` returns exactly the rows that
are plotted (exported as CSV), `chart(df)` turns them into an Altair chart.

Notebooks only call `glue_figure(id)` and `links(id)`; exports are written by `python -m analysis figures export`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field

import altair as alt
import pandas as pd

# Modules of analysis.figs that register figures, in page order.
FIGURE_MODULES = ("deals", "shift", "costs", "claims")
REGISTRY: dict[str, Figure] = {}


@dataclass(frozen=True)
class Figure:
    id: str
    title: str  # states the finding, e.g. "GPT-3.5-level capability got ~40x cheaper a year"
    caption: str  # one or two sentences: what is shown, how it was computed
    alt: str  # alt text for screen readers: what the chart shows and its main takeaway
    units: str  # e.g. "USD per million tokens (log scale) against release date"
    datasets: tuple[str, ...]  # names in data/datapackage.json
    source: str  # the source line drawn inside the chart, e.g. "Source: Epoch AI (2025); analysis: this report"
    page: str  # docname of the page that shows it, e.g. "chapters/03_cost_declines"
    data: Callable[[], pd.DataFrame]
    chart: Callable[[pd.DataFrame], alt.TopLevelMixin]
    extra: dict = field(default_factory=dict)

    def build(self) -> alt.TopLevelMixin:
        """The finished chart: the builder's chart with the report theme, title and source line."""
        from analysis.charts import finish

        return finish(self.chart(self.data()), self)


def register(fig: Figure) -> Figure:
    if not fig.id.startswith("fig-") or fig.id.count("-") < 2 or fig.id != fig.id.lower():
        raise ValueError(f"figure id {fig.id!r} must look like fig-<topic>-<slug>, lowercase")
    if fig.id in REGISTRY:
        raise ValueError(f"figure id {fig.id!r} is registered twice")
    REGISTRY[fig.id] = fig
    return fig


def all_figures() -> dict[str, Figure]:
    """Every registered figure, importing the chapter modules on first use."""
    for module in FIGURE_MODULES:
        try:
            importlib.import_module(f"analysis.figs.{module}")
        except ModuleNotFoundError as err:
            if err.name != f"analysis.figs.{module}":
                raise
    return REGISTRY


def get(fig_id: str) -> Figure:
    figures = all_figures()
    if fig_id not in figures:
        raise KeyError(f"no figure {fig_id!r}; registered: {', '.join(sorted(figures))}")
    return figures[fig_id]


def glue_figure(fig_id: str) -> None:
    """Glue the chart under `fig_id` and its caption under `<fig_id>-caption`, for `{glue:figure}` + `{glue:md}`."""
    from IPython.display import Markdown
    from myst_nb import glue

    fig = get(fig_id)
    chart = fig.build()
    glue(fig_id, chart, display=False)
    glue(f"{fig_id}-caption", Markdown(f"**{fig.title}.** {fig.caption}"), display=False)


def links(fig_id: str):
    """The line of downloads (PNG, SVG, CSV, Vega-Lite) and the "Cite this figure" block, as HTML output.

    Call it in a code cell tagged `remove-input` right after the `{glue:figure}` cell.
    """
    from IPython.display import HTML

    fig = get(fig_id)
    base = "../_static/figures"
    parts = " · ".join(
        f'<a href="{base}/{fig.id}.{ext}" download>{label}</a>'
        for ext, label in (("png", "PNG"), ("svg", "SVG"), ("csv", "CSV"), ("vl.json", "Vega-Lite"))
    )
    return HTML(f'<p class="figure-downloads">Download {fig.id}: {parts}</p>')
