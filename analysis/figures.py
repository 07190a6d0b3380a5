"""The registry of the report's citable figures.

A figure is registered once, in a module of `analysis.figs` (one module per chapter), with a permanent id
`fig-<topic>-<slug>`, a title that states the finding, a caption, alt text, units, the datasets it reads, a
source line (drawn inside the chart), the page it appears on, and two functions: `data()` returns exactly the
rows that are plotted (exported as CSV), `chart(df)` turns them into an Altair chart.

Notebooks only call `glue_figure(id)` and `links(id)`; `python -m analysis figures export` writes the files.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

import altair as alt
import pandas as pd

from analysis.pages import page_title

# Modules of analysis.figs that register figures, in page order.
FIGURE_MODULES = ("deals", "shift", "costs", "spend", "claims")
REGISTRY: dict[str, Figure] = {}


@dataclass(frozen=True)
class Figure:
    id: str
    title: str  # states the finding, e.g. "GPT-3.5-level capability got ~40x cheaper a year"
    caption: str  # one or two sentences: what is shown, how it was computed
    alt: str  # alt text for screen readers: what the chart shows and its main takeaway
    units: str  # e.g. "USD per million tokens (log scale) against release date"
    datasets: tuple[str, ...]  # names in data/datapackage.json
    source: str  # line drawn inside the chart, e.g. "Source: Epoch AI (2025); analysis: this report"
    page: str  # docname of the page that shows it, e.g. "chapters/03_cost_declines"
    data: Callable[[], pd.DataFrame]
    chart: Callable[[pd.DataFrame], alt.TopLevelMixin]
    extra: dict = field(default_factory=dict)

    def plotted(self) -> pd.DataFrame:
        """The plotted rows as published (CSV download, chart data): `data()` with floats rounded."""
        from analysis.precision import round_frame

        return round_frame(self.data())

    def spec(self, df: pd.DataFrame | None = None, layout: str = "desktop", validate: bool = False) -> dict:
        """The Vega-Lite spec of the finished chart of `df` (default: `plotted()`), every float in it rounded:
        what the page embeds and the export writes, identical on any machine.

        `layout="narrow"` gives the chart as drawn in a narrow column (a phone; see `analysis.charts`): the page
        embeds it beside the desktop spec, without the data (both name the same datasets), and picks one when it
        draws. Exports are always the desktop layout.

        `validate=True` checks the finished spec against the Vega-Lite schema (about a fifth of the build): the
        unit tests do it for every registered figure and layout, so pages and exports need not.
        """
        from analysis import charts
        from analysis.precision import round_value

        df = self.plotted() if df is None else df
        with charts.layout(layout):
            spec = charts.finish(self.chart(df), self, validate=validate)
        if layout == "narrow":
            spec = charts.fit_narrow(charts.narrow_safeguards(spec))
        return round_value(spec)


_ID_PATTERN = re.compile(r"fig-[a-z0-9]+(-[a-z0-9]+)+")
_REQUIRED_TEXT = ("title", "caption", "alt", "units", "source", "page")
MAX_ROWS = 5000  # Altair's inline-data limit; the page weight budget wants far fewer


def check(fig: Figure) -> None:
    """Raise ValueError if `fig` breaks a registry rule (id shape, empty text fields, page name, datasets)."""
    if not isinstance(fig.id, str) or not _ID_PATTERN.fullmatch(fig.id):
        raise ValueError(f"figure id {fig.id!r} must look like fig-<topic>-<slug> (lowercase, digits, -)")
    for name in _REQUIRED_TEXT:
        value = getattr(fig, name)
        if not isinstance(value, str) or not value.strip():
            raise ValueError(f"figure {fig.id}: {name} must be a non-empty string")
    if fig.page.endswith((".ipynb", ".md", ".html")) or fig.page.startswith("/"):
        raise ValueError(f"figure {fig.id}: page {fig.page!r} must be a docname like 'chapters/01_x'")
    if not fig.source.startswith("Source"):
        raise ValueError(f"figure {fig.id}: source line must start with 'Source' (got {fig.source!r})")
    datasets_ok = isinstance(fig.datasets, tuple) and all(isinstance(d, str) and d for d in fig.datasets)
    if not datasets_ok or not fig.datasets:
        raise ValueError(f"figure {fig.id}: datasets must be a non-empty tuple of dataset names")
    if not callable(fig.data) or not callable(fig.chart):
        raise ValueError(f"figure {fig.id}: data and chart must be callables")


def register(fig: Figure) -> Figure:
    """Add `fig` to the registry after checking its fields; ids are unique across the report."""
    check(fig)
    if fig.id in REGISTRY:
        raise ValueError(f"figure id {fig.id!r} is registered twice")
    REGISTRY[fig.id] = fig
    return fig


def unregister(fig_id: str) -> None:
    """Remove a figure (tests register temporary fixtures)."""
    REGISTRY.pop(fig_id, None)


def _import_topic(module: str) -> None:
    """Import `analysis.figs.<module>`, which registers its figures (computing the numbers their titles state)."""
    try:
        importlib.import_module(f"analysis.figs.{module}")
    except ModuleNotFoundError as err:
        if err.name != f"analysis.figs.{module}":
            raise


def all_figures() -> dict[str, Figure]:
    """Every registered figure, importing the chapter modules on first use."""
    for module in FIGURE_MODULES:
        _import_topic(module)
    return REGISTRY


def topic_figures(module: str) -> dict[str, Figure]:
    """The figures registered by `analysis.figs.<module>` (ids `fig-<module>-...`), importing only that module."""
    _import_topic(module)
    return {fig_id: fig for fig_id, fig in REGISTRY.items() if fig_id.startswith(f"fig-{module}-")}


def get(fig_id: str) -> Figure:
    """The registered figure `fig_id`; KeyError naming the registered ids otherwise.

    A chapter's figure needs only its own chapter's module (the topic in its id), so a chapter does not pay for
    computing the others' numbers."""
    if not fig_id:
        raise KeyError("empty figure id")
    topic = fig_id.split("-")[1] if fig_id.count("-") >= 2 else ""
    if fig_id not in REGISTRY and topic in FIGURE_MODULES:
        _import_topic(topic)
    if fig_id not in REGISTRY and fig_id not in all_figures():
        raise KeyError(f"no figure {fig_id!r}; registered: {', '.join(sorted(REGISTRY)) or 'none'}")
    return REGISTRY[fig_id]


# Vega-Embed options on the page: SVG renderer (crisp text in the shipped font, scales with CSS) and a small
# actions menu on desktop layouts (none on narrow ones, where it would take the chart's width); PNG/SVG/CSV
# downloads are offered under each figure as well.
EMBED_OPTIONS = {
    "renderer": "svg",
    "actions": {"export": True, "source": False, "compiled": False, "editor": False},
}
# A desktop chart may shrink to this share of its drawn width (its 10 px text to 9 px) before the page draws
# the narrow layout instead.
DESKTOP_MIN_SCALE = 0.9

# Chooses the layout when the chart draws, from the width of the chart's column: the narrow spec (in
# `usermeta.narrow`, without data: it names the desktop spec's datasets) below `usermeta.narrowBelow` px, the
# desktop spec otherwise; waits for the shipped font (both faces) so that Vega measures text in it, not in a
# wider fallback; redraws when a resize crosses the width. Defined once per page (every chart's HTML carries
# it, so a notebook shows charts too).
_LAYOUT_JS = Path(__file__).with_name("chart_layout.js").read_text(encoding="utf-8")


def page_spec(spec: dict, narrow: dict | None) -> dict:
    """The spec a page embeds: the desktop `spec` with the `narrow` layout (minus the data both share) and the
    column width below which the page draws it, in `usermeta` (Vega-Lite passes it on untouched)."""
    if narrow is None:
        return spec
    shared = spec.get("datasets", {})
    narrow = dict(narrow)
    own = {k: v for k, v in narrow.pop("datasets", {}).items() if shared.get(k) != v}
    if own:
        narrow["datasets"] = own
    from analysis import drawing

    below = int(DESKTOP_MIN_SCALE * drawing.width_px(spec)) + 1
    return {**spec, "usermeta": {"narrow": narrow, "narrowBelow": below}}


def chart_html(fig_id: str, spec: dict, narrow: dict | None = None) -> str:
    """The chart as the HTML Altair's notebook renderer emits, with a stable container id (`vega-<fig_id>`),
    drawing the narrow layout in a narrow column.

    `narrow` is the figure's narrow spec (`Figure.spec(layout="narrow")`), by default built from the registered
    figure `fig_id` (none for an unregistered id: the page then always draws `spec`). Altair's own renderer names
    the container with a random uuid; a stable id keeps committed notebook outputs identical from run to run. The
    loader in this HTML skips the CDN because `_static/vega-versions.js` records the vendored versions (see that
    file).
    """
    from altair.utils.mimebundle import spec_to_mimebundle
    from altair.vegalite.v6 import VEGA_VERSION, VEGAEMBED_VERSION, VEGALITE_VERSION

    if narrow is None and fig_id in REGISTRY:
        narrow = REGISTRY[fig_id].spec(layout="narrow")
    bundle = spec_to_mimebundle(
        page_spec(spec, narrow),
        format="html",
        mode="vega-lite",
        template="universal",
        vega_version=VEGA_VERSION,
        vegalite_version=VEGALITE_VERSION,
        vegaembed_version=VEGAEMBED_VERSION,
        embed_options=EMBED_OPTIONS,
        output_div=f"vega-{fig_id}",
    )
    html = bundle["text/html"]
    # Altair's template: a flex container that puts the actions menu beside the chart (taking its width), and
    # one vegaEmbed call. The menu floats over the chart's corner instead (report.css); the call picks a layout.
    html, n_style = re.subn(r"\n?<style>.*?</style>\n?", "\n", html, count=1, flags=re.DOTALL)
    html, n_script = re.subn(r'(<script type="text/javascript">\n)', lambda m: m.group(1) + _LAYOUT_JS, html, count=1)
    html, n_call = re.subn(
        r"vegaEmbed\(outputDiv, spec, embedOpt\)", "inferenceEraEmbed(vegaEmbed, outputDiv, spec, embedOpt)", html
    )
    if (n_style, n_script, n_call) != (1, 1, 1):
        raise RuntimeError("Altair's chart HTML template changed: update analysis.figures.chart_html")
    return html


def glue_figure(fig_id: str) -> None:
    """Glue the chart under `fig_id` and its caption under `<fig_id>-caption` (`{glue:figure}`, `{glue:md}`).

    The chart is glued as a `text/html` output (the mime type myst-nb renders), the caption as Markdown.
    """
    from IPython.display import HTML, Markdown
    from myst_nb import glue

    fig = get(fig_id)
    glue(fig_id, HTML(chart_html(fig_id, fig.spec())), display=False)
    glue(f"{fig_id}-caption", Markdown(f"**{fig.title.rstrip('.')}.** {fig.caption}"), display=False)


def links_html(fig: Figure, base: str = "../_static/figures") -> str:
    """The downloads line and the collapsible "Cite this figure" block of `fig`, as an HTML fragment."""
    from analysis.export import DOWNLOADS, citation

    labels = {"png": "PNG", "svg": "SVG", "csv": "CSV (plotted data)", "vega_lite": "Vega-Lite spec"}
    parts = " · ".join(
        f'<a href="{base}/{fig.id}{suffix}" download>{labels[kind]}</a>' for kind, suffix in DOWNLOADS.items()
    )
    from analysis.citation import cite_block_html

    return (
        f'<p class="figure-downloads">Download <span class="figure-id">{escape(fig.id)}</span>: {parts}</p>\n'
        + cite_block_html(citation(fig), "Cite this figure", "figure-cite")
    )


def links(fig_id: str):
    """The line of downloads (PNG, SVG, CSV, Vega-Lite) and the "Cite this figure" block, as HTML output.

    Call it in a code cell tagged `remove-input` right after the `{glue:figure}` cell. Paths are relative to a
    chapter page (`chapters/*.html`).
    """
    from IPython.display import HTML

    return HTML(links_html(get(fig_id)))


def figure_index_html(figures: dict[str, Figure] | None = None, page_prefix: str = "../") -> str:
    """An HTML table of every registered figure: id (linking to its anchor), title, page, downloads.

    `page_prefix` leads from the page showing the table to the site root (chapters/ pages: "../").
    """
    figures = all_figures() if figures is None else figures
    manifest = (
        f"<p>Every figure's metadata and citation are also in one machine-readable file: <a href=\""
        f'{page_prefix}_static/figures/figures.json" download><code>figures.json</code></a>.</p>'
    )
    if not figures:
        return '<p class="figure-index-empty">No figures are registered yet.</p>'
    rows = []
    for fig in figures.values():
        downloads = " · ".join(
            f'<a href="{page_prefix}_static/figures/{fig.id}{suffix}" download>{kind.replace("_", "-")}</a>'
            for kind, suffix in (("PNG", ".png"), ("SVG", ".svg"), ("CSV", ".csv"), ("Vega_Lite", ".vl.json"))
        )
        rows.append(
            "<tr>"
            f'<td><a href="{page_prefix}{fig.page}.html#{fig.id}"><code>{escape(fig.id)}</code></a></td>'
            f"<td>{escape(fig.title)}</td>"
            f'<td><a href="{page_prefix}{fig.page}.html">{escape(page_title(fig.page))}</a></td>'
            f"<td>{downloads}</td>"
            "</tr>"
        )
    head = "<tr><th>Figure</th><th>Finding</th><th>Page</th><th>Downloads</th></tr>"
    body = "\n".join(rows)
    table = f'<table class="figure-index">\n<thead>{head}</thead>\n<tbody>\n{body}\n</tbody>\n</table>'
    return f"{table}\n{manifest}"


def figure_index():
    """`figure_index_html()` as notebook output (the "Figures" appendix)."""
    from IPython.display import HTML

    return HTML(figure_index_html())


def export_all(out_dir: Path | None = None) -> list[str]:
    """Export every registered figure (svg, png, csv, vl.json) and figures.json; one line per figure.

    See analysis.export for the file formats and the byte-stability rules.
    """
    from analysis import export

    return export.export_all() if out_dir is None else export.export_all(out_dir)
