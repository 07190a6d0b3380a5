"""Figures of chapter 3, "Cost declines" (chapters/03_cost_declines)."""

from __future__ import annotations

from functools import cache

import altair as alt
import numpy as np
import pandas as pd

from analysis import charts, costs, trends
from analysis.data import load
from analysis.figures import Figure, register

PAGE = "chapters/03_cost_declines"
# The forest plot's axis: from a twentieth (the price rose twentyfold a year) to 100,000x cheaper a year; a few
# short fits have bounds beyond either end, drawn as arrowheads at the edge.
FOREST_DOMAIN = (0.05, 1e5)
C = charts.OKABE_ITO
EPOCH_SRC = "Epoch AI (2025), LLM inference price trends data (CC BY 4.0)"
POP_SRC = "Gundlach et al. (2025), Price of Progress data from Artificial Analysis"
HW_SRC = "Epoch AI, ML hardware and hardware price data (CC BY 4.0); BLS PPI PCU518210518210"
LEVEL = f"MMLU >= {costs.AI_INDEX_THRESHOLD:g}"  # the AI Index's GPT-3.5 level
CI_PCT = f"{trends.DEFAULT_CI:.0%}"  # the interval level every fit in the chapter reports
FRONTIER, OTHERS, FIT = "New lowest price (frontier)", f"Other models at {LEVEL}", "OLS fit over the frontier"


@cache
def _models() -> pd.DataFrame:
    return load("models")


@cache
def _prices() -> pd.DataFrame:
    return load("price_history")


@cache
def _headline() -> costs.Headline:
    return costs.headline_280(_models())


@cache
def _declines() -> pd.DataFrame:
    return costs.decline_tables(_models())


# ---- 1. the 280-fold figure ------------------------------------------------------------------------------------


def frontier_data() -> pd.DataFrame:
    """Epoch models at the AI Index's GPT-3.5 level (frontier flagged), plus the two ends of the OLS fit over it."""
    h = _headline()
    pts = costs.frontier_plot_rows(_models(), costs.AI_INDEX_SCORE, costs.AI_INDEX_THRESHOLD)
    pts["series"] = np.where(pts["on_frontier"], FRONTIER, OTHERS)
    pts = pts.rename(columns={"usd_per_mtok_blended_3to1": "usd_per_mtok"})
    ends = h.fit.predict([h.frontier["release_date"].min(), h.frontier["release_date"].max()])
    fit = pd.DataFrame(
        {
            "series": FIT,
            "model_name": "",
            "release_date": pd.to_datetime(ends["date"]),
            "usd_per_mtok": ends["fit"],
        }
    )
    cols = ["series", "model_name", "release_date", "usd_per_mtok"]
    return pd.concat([pts[cols], fit[cols]], ignore_index=True)


def _price_y(domain: list[float] | None = None) -> alt.Y:
    """The log-scale USD-per-million-tokens (3:1 blend) axis shared by the price charts."""
    scale = charts.log_scale() if domain is None else charts.log_scale(domain=domain, nice=False)
    return alt.Y(
        "usd_per_mtok:Q",
        scale=scale,
        axis=charts.usd_axis(charts.sized("USD per million tokens, 3:1 blend", "USD per million tokens"), log=True),
    )


def _series_color(scale: alt.Scale, legend: alt.Legend) -> alt.Color:
    """Colour by the `series` column, untitled (the legend names the series)."""
    return alt.Color("series:N", title=None, scale=scale, legend=legend)


def _log_domain(values: pd.Series) -> list[float]:
    """Powers of ten around `values` (a fixed log domain, so labels can be placed in pixels)."""
    return [float(10 ** np.floor(np.log10(values.min()))), float(10 ** np.ceil(np.log10(values.max())))]


def _date_domain(values: pd.Series, pad_days: int = 45) -> list[pd.Timestamp]:
    """A fixed date domain around `values`, padded on both sides."""
    dates = pd.to_datetime(values)
    return [dates.min() - pd.Timedelta(days=pad_days), dates.max() + pd.Timedelta(days=pad_days)]


def _iso(dates: list[pd.Timestamp]) -> list[str]:
    return [d.strftime("%Y-%m-%d") for d in dates]


def frontier_chart(df: pd.DataFrame) -> alt.LayerChart:
    width, height = charts.sized(charts.CHART_WIDTH_PX, charts.NARROW_PLOT_WIDTH_PX), 300
    font = charts.sized(10, charts.MIN_FONT_SIZE)
    x_dom, y_dom = _date_domain(df["release_date"]), _log_domain(df["usd_per_mtok"])
    x = alt.X(
        "release_date:T",
        scale=alt.Scale(domain=_iso(x_dom), nice=False),
        axis=charts.date_axis("Release date (price date)"),
    )
    y = _price_y(y_dom)
    color = _series_color(
        alt.Scale(domain=[FRONTIER, OTHERS, FIT], range=[charts.REPORTED, charts.NEUTRAL, charts.INK]),
        charts.legend(orient="top"),
    )
    tip = [
        charts.tip("model_name:N", "Model"),
        charts.tip("release_date:T", "Price date", "%d %b %Y"),
        charts.tip("usd_per_mtok:Q", "USD per million tokens (3:1 blend)", "$,.3~g"),
    ]
    base = alt.Chart(df)
    others = (
        base.transform_filter(alt.datum.series == OTHERS).mark_point(size=40).encode(x=x, y=y, color=color, tooltip=tip)
    )
    front = base.transform_filter(alt.datum.series == FRONTIER)
    line = front.mark_line(point=True, interpolate="step-after").encode(x=x, y=y, color=color, tooltip=tip)
    fit = base.transform_filter(alt.datum.series == FIT).mark_line(strokeDash=[5, 4]).encode(x=x, y=y, color=color)
    # Frontier models named beside their points, where no label overlaps another label or any point.
    frontier = df[df["series"] == FRONTIER]
    fitted = df[df["series"] == FIT]
    scales = {"x_scale": ("time", *x_dom), "y_scale": ("log", *y_dom), "width": width, "height": height}
    lines = charts.line_boxes(frontier["release_date"], frontier["usd_per_mtok"], step_after=True, **scales)
    lines += charts.line_boxes(fitted["release_date"], fitted["usd_per_mtok"], **scales)
    placed = charts.place_labels(
        df.assign(text=np.where(df["series"] == FRONTIER, df["model_name"], "")).loc[
            list(frontier.index) + list(df.index.difference(frontier.index))
        ],
        "release_date",
        "usd_per_mtok",
        "text",
        font_size=font,
        radius=5,
        obstacles=lines,
        **scales,
    )
    labels = charts.label_layers(placed, x, y, fontSize=font, color=charts.INK)
    return alt.layer(others, line, fit, labels).properties(width=width, height=height)


# ---- 2. forest plot of decline rates ----------------------------------------------------------------------------


def forest_data() -> pd.DataFrame:
    """One row per (data version, benchmark, threshold): decline factor per year with its interval."""
    d = _declines().copy()
    d["label"] = (
        d["benchmark_label"] + " >= " + d["threshold"].map(lambda v: f"{v:g}") + " (" + d["threshold_model"] + ")"
    )
    d["short_fit"] = np.where(d["span_years"] < 1, "under 1 year of data", "1 year or more")
    cols = ["data", "label", "benchmark", "threshold", "n", "decline_factor_per_year", "decline_ci_low"]
    cols += ["decline_ci_high", "span_years", "short_fit"]
    return d[cols].reset_index(drop=True)


def forest_chart(df: pd.DataFrame) -> alt.LayerChart:
    order = list(dict.fromkeys(df.sort_values(["benchmark", "threshold"])["label"]))
    # Narrow: the threshold without its reference model (in the tooltip), shorter benchmark names.
    labels = (
        "replace(replace(split(datum.label, ' (')[0], 'Chatbot Arena Elo', 'Arena Elo'), 'GPQA Diamond', 'GPQA')"
        if charts.narrow()
        else "datum.label"
    )
    y = alt.Y("label:N", sort=order, title=None, axis=alt.Axis(labelExpr=labels))
    versions = list(dict.fromkeys(df["data"]))
    color = alt.Color(
        "data:N",
        title=None,
        scale=alt.Scale(domain=versions, range=[charts.REPORTED, charts.OKABE_ITO["reddish_purple"]]),
        legend=charts.legend(orient="top"),
    )
    lo, hi = FOREST_DOMAIN
    xs = alt.Scale(type="log", domain=[lo, hi], clamp=True, nice=False)
    x_axis = charts.log_axis(
        charts.sized(
            f"Times cheaper per year, {CI_PCT} interval",
            ["Times cheaper per year", f"{CI_PCT} interval"],
        ),
        values=charts.log_ticks(lo, hi, (1,)),
        labelExpr="datum.value >= 1000 ? format(datum.value, '~s') : format(datum.value, '~g')",
    )
    base = alt.Chart(df).encode(y=y, yOffset=alt.YOffset("data:N", sort=versions), color=color)
    rule = base.mark_rule().encode(x=alt.X("decline_ci_low:Q", scale=xs, axis=x_axis), x2="decline_ci_high:Q")
    tooltip = [
        charts.tip("data:N", "Data"),
        charts.tip("label:N", "Capability level (model that set it)"),
        charts.tip("n:Q", "Price points in the fit", "d"),
        charts.tip("decline_factor_per_year:Q", "Times cheaper per year (fit)", ",.3~r"),
        charts.tip("decline_ci_low:Q", f"{CI_PCT} interval from", ",.3~r"),
        charts.tip("decline_ci_high:Q", f"{CI_PCT} interval to", ",.3~r"),
        charts.tip("span_years:Q", "Years of data", ".2f"),
    ]
    pts = base.mark_point(filled=True, size=45, opacity=1).encode(
        x=alt.X("decline_factor_per_year:Q", scale=xs),
        shape=alt.Shape(
            "short_fit:N",
            title="Fit spans",
            scale=alt.Scale(range=["circle", "triangle"]),
            legend=charts.legend(orient="top"),
        ),
        tooltip=tooltip,
    )
    # An interval that runs past an end of the axis ends in an arrowhead at that end.
    past_low = base.transform_filter(f"datum.decline_ci_low < {lo}").mark_point(
        shape="triangle-left", filled=True, size=40, opacity=1
    )
    past_high = base.transform_filter(f"datum.decline_ci_high > {hi}").mark_point(
        shape="triangle-right", filled=True, size=40, opacity=1
    )
    arrows = past_low.encode(x=alt.datum(lo, scale=xs), tooltip=tooltip) + past_high.encode(
        x=alt.datum(hi, scale=xs), tooltip=tooltip
    )
    one = pd.DataFrame({"x": [1.0], "label": [charts.sized("1x: no change (left: price rose)", "1x: no change")]})
    no_change = alt.Chart(one).mark_rule(color=charts.INK, strokeDash=[3, 3]).encode(x=alt.X("x:Q", scale=xs))
    no_change_text = (
        alt.Chart(one)
        .mark_text(align="left", baseline="bottom", dx=3, y=-3, fontSize=10, color=charts.INK)
        .encode(x=alt.X("x:Q", scale=xs), text="label:N")
    )
    return alt.layer(no_change, rule, pts, arrows, no_change_text).properties(
        width=charts.sized(380, 175), height=alt.Step(11)
    )


def _task_tokens(t: pd.DataFrame, reasoning: bool) -> str:
    """The range of tokens per question at the blended price (cost / price), two significant digits: "7,100 to
    21,000"."""
    rows = t[t["reasoning"].astype(bool) == reasoning]
    tokens = rows["cost_per_question_usd"] / rows["blended_3to1_usd_per_mtok"] * 1e6
    return " to ".join(f"{float(f'{v:.2g}'):,.0f}" for v in (tokens.min(), tokens.max()))


def _flagship_title(fit) -> str:
    """Fixed capability against flagship prices: the flagship fit's direction and interval, in words that say
    when the interval allows no change."""
    lo, hi = (1 / v for v in reversed(fit.factor_per_year_ci()))
    central = 1 / fit.factor_per_year
    verb = "fell" if central > 1 else "rose"
    shown = central if central > 1 else 1 / central
    doubt = ", an interval that includes no change" if lo < 1 < hi else ""
    return (
        f"Fixed capability got far cheaper while flagship list prices {verb} about {shown:.1f}x a year "
        f"({CI_PCT} CI {lo:.1f} to {hi:.1f}x cheaper a year{doubt})"
    )


def _forest_counts(d: pd.DataFrame) -> dict[str, int]:
    """How many intervals reach below 1x, and past each end of the axis."""
    lo, hi = FOREST_DOMAIN
    return {
        "below_one": int((d["decline_ci_low"] < 1).sum()),
        "past_low": int((d["decline_ci_low"] < lo).sum()),
        "past_high": int((d["decline_ci_high"] > hi).sum()),
    }


def _forest_title(d: pd.DataFrame) -> str:
    """The range of the fits the chart shows (all of them), and of those over at least a year."""
    long = d[d["span_years"] >= 1]["decline_factor_per_year"]
    every = d["decline_factor_per_year"]
    return (
        f"Fitted yearly price declines of a fixed capability range from {every.min():.0f}x to {every.max():,.0f}x "
        f"across benchmarks, levels and data versions; fits over a year or more range from {long.min():.0f}x to "
        f"{long.max():.0f}x"
    )


# ---- 3. flagship vs fixed capability ----------------------------------------------------------------------------

FIXED_LEVELS = (
    (costs.AI_INDEX_SCORE, costs.AI_INDEX_THRESHOLD, f"GPT-3.5 level ({LEVEL})"),
    (*costs.GPQA_LEVEL, f"GPT-4 Turbo level (GPQA >= {costs.GPQA_LEVEL[1]:g})"),
)


def flagship_data() -> pd.DataFrame:
    """Flagship launch list prices (by provider) and the price paths of two fixed capability levels."""
    f = costs.flagship_prices(_prices())
    flag = pd.DataFrame(
        {
            "series": "Flagship list price: " + f["provider_group"],
            "label": f["model"],
            "date": pd.to_datetime(f["effective_date"]),
            "usd_per_mtok": f["blended_3to1_usd_per_mtok"],
            "grade": f["grade"],
        }
    )
    pool = _models()[~_models()["reasoning"].astype(bool)]
    parts = [flag]
    for score, thr, name in FIXED_LEVELS:
        fr = trends.price_frontier(pool, score=score, threshold=thr)
        parts.append(
            pd.DataFrame(
                {
                    "series": "Cheapest model at " + name,
                    "label": fr["model_name"],
                    "date": pd.to_datetime(fr["release_date"]),
                    "usd_per_mtok": fr["usd_per_mtok_blended_3to1"],
                    "grade": fr["grade"],
                }
            )
        )
    return pd.concat(parts, ignore_index=True)


def flagship_chart(df: pd.DataFrame) -> alt.LayerChart:
    x = alt.X("date:T", axis=charts.date_axis("Date of price"))
    y = _price_y()
    color = _series_color(alt.Scale(range=charts.PALETTE), charts.legend(orient="bottom", columns=2))
    tip = [
        charts.tip("series:N", "Series"),
        charts.tip("label:N", "Model"),
        charts.tip("date:T", "Date of price", "%d %b %Y"),
        charts.tip("usd_per_mtok:Q", "USD per million tokens (3:1 blend)", "$,.3~g"),
        charts.tip("grade:N", "Source grade (A primary, B secondary, C unconfirmed)"),
    ]
    flag = (
        alt.Chart(df)
        .transform_filter("indexof(datum.series, 'Flagship') == 0")
        .mark_point(filled=True, size=70, opacity=1)
        .encode(x=x, y=y, color=color, shape=charts.grade_shape(orient="bottom"), tooltip=tip)
    )
    fixed = (
        alt.Chart(df)
        .transform_filter("indexof(datum.series, 'Cheapest') == 0")
        .mark_line(point=True, interpolate="step-after")
        .encode(x=x, y=y, color=color, tooltip=tip)
    )
    return alt.layer(fixed, flag).properties(width=charts.sized(charts.CHART_WIDTH_PX, charts.NARROW_PLOT_WIDTH_PX))


# ---- 4. hardware ------------------------------------------------------------------------------------------------


@cache
def _gpu_pp() -> pd.DataFrame:
    return costs.gpu_price_performance(load("gpu_prices"), load("hardware"), "purchase")


def gpu_data() -> pd.DataFrame:
    """GPU purchase price-performance (peak 16-bit FLOP/s per 2024 dollar) with the fitted trend's two ends."""
    g = _gpu_pp()
    fit = trends.fit_log_linear(g["price_date"], g["flop_per_usd"])
    ends = fit.predict([g["price_date"].min(), g["price_date"].max()])
    pts = g.assign(series="Price observation")[["series", "hardware_model", "price_date", "flop_per_usd"]]
    line = pd.DataFrame(
        {
            "series": "OLS fit",
            "hardware_model": "",
            "price_date": pd.to_datetime(ends["date"]),
            "flop_per_usd": ends["fit"],
        }
    )
    return pd.concat([pts, line], ignore_index=True)


def gpu_chart(df: pd.DataFrame) -> alt.LayerChart:
    x = alt.X("price_date:T", axis=charts.date_axis("Date of purchase price"))
    y = alt.Y(
        "flop_per_usd:Q",
        scale=charts.log_scale(),
        axis=charts.log_axis(
            charts.sized("Peak 16-bit FLOP/s per 2024 dollar", ["Peak 16-bit FLOP/s", "per 2024 dollar"]), fmt="~s"
        ),
    )
    pts = (
        alt.Chart(df)
        .transform_filter("datum.series == 'Price observation'")
        .mark_point(size=30, color=charts.REPORTED)
        .encode(
            x=x,
            y=y,
            tooltip=[
                charts.tip("hardware_model:N", "Accelerator"),
                charts.tip("price_date:T", "Date of price", "%d %b %Y"),
                charts.tip("flop_per_usd:Q", "Peak 16-bit FLOP/s per 2024 dollar", ".3~s"),
            ],
        )
    )
    line = (
        alt.Chart(df)
        .transform_filter("datum.series == 'OLS fit'")
        .mark_line(color=charts.INK, strokeDash=[5, 4])
        .encode(x=x, y=y)
    )
    return alt.layer(pts, line).properties(width=charts.sized(charts.CHART_WIDTH_PX, charts.NARROW_PLOT_WIDTH_PX))


def h100_data() -> pd.DataFrame:
    """On-demand cloud prices of an H100 SXM5 80GB, USD per chip-hour in 2024 dollars, by vendor."""
    h = costs.chip_hour_prices(load("gpu_prices"))
    h["vendor_kind"] = np.where(
        h["vendor"].isin(["Amazon Web Services", "Google Cloud", "Microsoft Azure", "Oracle Cloud"]),
        "Large cloud (AWS, Google, Azure, Oracle)",
        "Other clouds",
    )
    return h[["vendor", "vendor_kind", "price_date", "price_usd", "price_usd_2024"]].reset_index(drop=True)


def h100_chart(df: pd.DataFrame) -> alt.Chart:
    return (
        alt.Chart(df)
        .mark_point(filled=True, size=55, opacity=0.85)
        .encode(
            x=alt.X("price_date:T", axis=charts.date_axis("Date of price", fmt="%b %Y", labelOverlap="greedy")),
            y=alt.Y(
                "price_usd_2024:Q", axis=charts.usd_axis("USD per H100-hour (2024 dollars)"), scale=alt.Scale(zero=True)
            ),
            color=alt.Color(
                "vendor_kind:N",
                title=None,
                scale=alt.Scale(range=[charts.OKABE_ITO["reddish_purple"], charts.REPORTED]),
                legend=charts.legend(orient="top"),
            ),
            tooltip=[
                charts.tip("vendor:N", "Cloud"),
                charts.tip("price_date:T", "Date of price", "%d %b %Y"),
                charts.tip("price_usd:Q", "USD per H100-hour (as listed)", "$.2f"),
                charts.tip("price_usd_2024:Q", "USD per H100-hour (2024 dollars)", "$.2f"),
            ],
        )
        .properties(width=charts.sized(charts.CHART_WIDTH_PX, charts.NARROW_PLOT_WIDTH_PX))
    )


# ---- 5. decomposition ---------------------------------------------------------------------------------------------


@cache
def decomposition_data() -> pd.DataFrame:
    """Log-scale split of a yearly price decline into hardware and the rest: ours vs Gundlach et al.'s GPQA split."""
    h = _headline()
    hw = trends.fit_log_linear(_gpu_pp()["price_date"], _gpu_pp()["flop_per_usd"]).factor_per_year
    total = h.fit.decline_factor_per_year
    rows = [
        (f"This report: {LEVEL} frontier vs GPU FLOP/s per $", "Hardware price-performance", hw, total),
        (
            f"This report: {LEVEL} frontier vs GPU FLOP/s per $",
            "Everything else (algorithms, smaller models, margins)",
            total / hw,
            total,
        ),
    ]
    hr = load("headline_rates")
    dec = hr[
        (hr["metric"] == "decomposition_total_competition_hardware_algorithmic") & hr["scope"].str.startswith("GPQA")
    ]
    tot, comp, hwg, alg = costs.parse_decomposition(dec["value_text"].iloc[0])
    study = "Gundlach et al.: GPQA Diamond frontier (repo notebook)"
    rows += [
        (study, "Hardware price-performance", hwg, tot),
        (study, "Competition", comp, tot),
        (study, "Algorithms", alg, tot),
    ]
    d = pd.DataFrame(rows, columns=["study", "component", "factor_per_year", "total_factor_per_year"])
    d["log_share"] = [
        costs.log_share(f, t) for f, t in zip(d["factor_per_year"], d["total_factor_per_year"], strict=True)
    ]
    return d


# Parts of a decline: hardware (both splits) in blue, the rest in colours of their own (none is the article's).
COMPONENT_COLORS = {
    "Hardware price-performance": charts.REPORTED,
    "Everything else (algorithms, smaller models, margins)": charts.NEUTRAL,
    "Competition": charts.OKABE_ITO["reddish_purple"],
    "Algorithms": charts.OKABE_ITO["bluish_green"],
}


def decomposition_chart(df: pd.DataFrame) -> alt.Chart:
    studies = list(dict.fromkeys(df["study"]))
    return (
        alt.Chart(df)
        .mark_bar()
        .encode(
            y=alt.Y(
                "study:N",
                title=None,
                sort=studies,
                axis=alt.Axis(labelExpr=charts.wrap_labels_expr(studies, charts.sized(34, 24))),
            ),
            x=alt.X(
                "log_share:Q",
                stack="zero",
                scale=alt.Scale(domain=[0, 1], nice=False, clamp=True),
                axis=charts.pct_axis(
                    charts.sized(
                        "Share of the yearly decline (as shares of its logarithm)",
                        ["Share of the yearly decline", "(as shares of its logarithm)"],
                    )
                ),
            ),
            color=alt.Color(
                "component:N",
                title=None,
                scale=alt.Scale(domain=list(COMPONENT_COLORS), range=list(COMPONENT_COLORS.values())),
                legend=charts.legend(
                    narrow_kw={"labelExpr": charts.wrap_labels_expr(COMPONENT_COLORS, 34)}, orient="bottom", columns=2
                ),
            ),
            tooltip=[
                charts.tip("study:N", "Split"),
                charts.tip("component:N", "Part"),
                charts.tip("factor_per_year:Q", "Part's factor per year (times)", ".3~g"),
                charts.tip("log_share:Q", "Share of the yearly decline", ".0%"),
            ],
        )
        .properties(width=charts.sized(400, 170), height=charts.sized(90, 110))
    )


# ---- 6. cost per task -------------------------------------------------------------------------------------------


@cache
def task_data() -> pd.DataFrame:
    """Cost per GPQA Diamond question against the 3:1 blended price per token, by model."""
    d = costs.cost_per_task(load("eval_tokens"), _prices())
    d["kind"] = np.where(d["reasoning"].astype(bool), "Reasoning model", "Other model")
    return d


# Reference diagonals of the cost-per-task chart: cost of this many tokens per question at the blended price.
TASK_TOKEN_LINES = (1_000, 10_000)


def task_chart(df: pd.DataFrame) -> alt.LayerChart:
    width, height = charts.sized(440, 230), charts.sized(420, 360)
    font = charts.sized(10, charts.MIN_FONT_SIZE)
    x_dom = _log_domain(df["blended_3to1_usd_per_mtok"])
    y_dom = _log_domain(df["cost_per_question_usd"])
    x = alt.X(
        "blended_3to1_usd_per_mtok:Q",
        scale=charts.log_scale(domain=x_dom, nice=False),
        axis=charts.usd_axis(
            charts.sized(
                "List price, USD per million tokens (3:1 blend)", ["List price, USD per million", "tokens (3:1 blend)"]
            ),
            log=True,
            values=charts.log_ticks(*x_dom),
        ),
    )
    y = alt.Y(
        "cost_per_question_usd:Q",
        scale=charts.log_scale(domain=y_dom, nice=False),
        axis=charts.usd_axis(
            charts.sized("Cost per GPQA Diamond question, USD", ["Cost per GPQA Diamond", "question, USD"]),
            log=True,
            values=charts.log_ticks(*y_dom),
        ),
    )
    kinds = ["Other model", "Reasoning model"]
    color = alt.Color(
        "kind:N",
        title=None,
        scale=alt.Scale(domain=kinds, range=[charts.REPORTED, charts.OKABE_ITO["reddish_purple"]]),
        legend=charts.legend(orient="top"),
    )
    tip = [
        charts.tip("model_version:N", "Model"),
        charts.tip("kind:N", "Kind"),
        charts.tip("blended_3to1_usd_per_mtok:Q", "List price, USD per million tokens (3:1 blend)", "$,.4~g"),
        charts.tip("input_tokens_per_sample:Q", "Input tokens per question", ",.0f"),
        charts.tip("output_tokens_per_sample:Q", "Output tokens per question", ",.0f"),
        charts.tip("cost_per_question_usd:Q", "Cost per question (USD)", "$.4f"),
    ]
    pts = alt.Chart(df).mark_point(filled=True, size=55, opacity=1).encode(x=x, y=y, color=color, tooltip=tip)
    # Diagonals: the cost of a fixed number of tokens per question at each price (slope 1 on log-log axes),
    # drawn across the plot's price range, each labelled at its upper end inside the plot.
    diag = []
    for tokens in TASK_TOKEN_LINES:
        for price in x_dom:
            diag.append({"tokens": f"{tokens:,} tokens per question", "price": price, "cost": price * tokens / 1e6})
    diag_df = pd.DataFrame(diag)
    diag_df = diag_df[(diag_df["cost"] > 0)]
    line_x = alt.X("price:Q", scale=charts.log_scale(domain=x_dom, nice=False))
    line_y = alt.Y("cost:Q", scale=charts.log_scale(domain=y_dom, nice=False, clamp=False))
    diagonals = (
        alt.Chart(diag_df)
        .mark_line(color=charts.NEUTRAL, strokeDash=[4, 3], strokeWidth=1, clip=True)
        .encode(x=line_x, y=line_y, detail="tokens:N")
    )
    # Each diagonal's label sits on it where it leaves the plot (top edge) or at its right end.
    ends = []
    for tokens in TASK_TOKEN_LINES:
        top_price = min(x_dom[1], y_dom[1] * 1e6 / tokens)
        ends.append({"price": top_price / 1.6, "cost": top_price / 1.6 * tokens / 1e6, "text": f"{tokens:,} tokens"})
    ends_df = pd.DataFrame(ends)
    diag_text = (
        alt.Chart(ends_df)
        .mark_text(align="right", baseline="bottom", dx=-2, dy=-2, angle=0, fontSize=font, color=charts.MUTED)
        .encode(x=line_x, y=line_y, text="text:N")
    )
    scales = {"x_scale": ("log", *x_dom), "y_scale": ("log", *y_dom), "width": width, "height": height}
    # Labels may cross the faint diagonals, not their labels.
    obstacles = []
    for rec in ends:
        px = charts.to_px([rec["price"]], scales["x_scale"], width, flip=False)[0]
        py = charts.to_px([rec["cost"]], scales["y_scale"], height, flip=True)[0]
        w = charts.text_width_px(rec["text"], font)
        obstacles.append((px - w - 4, py - font * 1.3 - 2, px, py))
    # Reasoning models first: their labels carry the chart's point.
    order = df.sort_values(["reasoning", "cost_per_question_usd"], ascending=[False, False]).index
    placed = charts.place_labels(
        df.loc[order].assign(text=df.loc[order, "model_version"], beside=~df.loc[order, "reasoning"].astype(bool)),
        "blended_3to1_usd_per_mtok",
        "cost_per_question_usd",
        "text",
        font_size=font,
        radius=5,
        obstacles=obstacles,
        margin_right=charts.sized(160, 0),
        beside_only="beside",
        **scales,
    )
    labels = charts.label_layers(placed, x, y, fontSize=font, color=charts.MUTED)
    return alt.layer(diagonals, diag_text, pts, labels).properties(width=width, height=height)


# ---- registration -------------------------------------------------------------------------------------------------


def _add(fig_id: str, data, chart, datasets: tuple[str, ...], source: str, **text: str) -> None:
    """Register one chapter-3 figure (text: title, caption, alt, units)."""
    register(Figure(id=fig_id, page=PAGE, data=data, chart=chart, datasets=datasets, source=source, **text))


def _register() -> None:
    h = _headline()
    d = _declines()
    flag = costs.flagship_prices(_prices())
    flag_fit = trends.fit_log_linear(flag["effective_date"], flag["blended_3to1_usd_per_mtok"])
    gfit = trends.fit_log_linear(_gpu_pp()["price_date"], _gpu_pp()["flop_per_usd"])
    h100 = h100_data()
    dec = decomposition_data()
    ours_hw_share = float(dec.loc[0, "log_share"])
    g_row = dec[(dec["study"].str.startswith("Gundlach")) & (dec["component"].str.startswith("Hardware"))].iloc[0]
    g_hw, g_hw_share = float(g_row["factor_per_year"]), float(g_row["log_share"])
    t = task_data()
    pub_hw = costs.published_hardware_rates(load("headline_rates"))
    epoch_hw = pub_hw[pub_hw["estimate"] == "cheaper_per_year"].iloc[0]
    _add(
        "fig-costs-280-fold",
        frontier_data,
        frontier_chart,
        ("models",),
        f"Source: {EPOCH_SRC}; AI Index 2025 endpoints; analysis: this report",
        title=(
            f"GPT-3.5-level capability got {h.fold:.0f} times cheaper in {h.months_actual:.0f} months; the "
            f"trend fitted to every price step is {h.fit.decline_factor_per_year:.0f}x a year, not the "
            f"{h.factor_per_year_stated:.0f}x that {costs.AI_INDEX_STATED_MONTHS} months would imply"
        ),
        caption=(
            "Blended (3 input : 1 output) API price of every model in Epoch AI's data scoring at least "
            f"{costs.AI_INDEX_THRESHOLD:g} on MMLU, the AI Index's 'GPT-3.5 level'. The step line joins the "
            "successively cheapest models (the frontier, named); the dashed line is an OLS fit of log price on "
            "date over the frontier points. Prices are at each model's release or price-change date."
        ),
        alt=(
            f"Log-scale scatter of API prices against date; a step line falls from {h.start_price:g} dollars for "
            f"{costs.AI_INDEX_START_MODEL} to {h.end_price:g} dollars for {costs.AI_INDEX_END_MODEL}, with a "
            "straight dashed fit through it."
        ),
        units="USD per million tokens (log scale) against release date",
    )
    _add(
        "fig-costs-decline-forest",
        forest_data,
        forest_chart,
        ("models",),
        f"Source: {EPOCH_SRC}; {POP_SRC}; analysis: this report",
        title=_forest_title(d),
        caption=(
            "Yearly price decline at each capability threshold (a model that led its benchmark when released), "
            "following Epoch AI's method: OLS of log price on date over the successively cheapest qualifying "
            f"models, {CI_PCT} intervals, reasoning models excluded. Two data versions (legend): Epoch AI's data as "
            "published (to Feb 2025), and with the 2025 models of the Price of Progress table added. Triangles: "
            "fits spanning less than a year. The dashed line is 1x (no change): an interval reaching left of it "
            f"allows that the price rose ({_forest_counts(d)['below_one']} intervals do). The axis runs from "
            f"{FOREST_DOMAIN[0]:g}x to {FOREST_DOMAIN[1]:,.0f}x; an interval running past an end is drawn to that "
            f"end with an arrowhead ({_forest_counts(d)['past_low']} past the left end, "
            f"{_forest_counts(d)['past_high']} past the right)."
        ),
        alt=(
            f"Forest plot: for {len(d)} fits (benchmark thresholds, two data versions), a point and a horizontal "
            f"interval on a log axis; the median is {np.median(d['decline_factor_per_year']):.0f}x a year and "
            "intervals are widest for the shortest fits."
        ),
        units="times cheaper per year (log scale)",
    )
    _add(
        "fig-costs-flagship-vs-fixed",
        flagship_data,
        flagship_chart,
        ("models", "price_history"),
        f"Source: provider price pages and compilations in price_history; {EPOCH_SRC}; {POP_SRC}",
        title=_flagship_title(flag_fit),
        caption=(
            "Points: launch list prices of each provider's top-tier model (3:1 blend; the symbol gives the source "
            "grade: disc A primary, half-filled ring B secondary, ring C unconfirmed). Step lines: the cheapest "
            "model reaching a fixed level "
            f"({LEVEL}; GPQA Diamond >= {costs.GPQA_LEVEL[1]:g}), "
            "reasoning models excluded. Both statements are true at once: a given capability gets much cheaper, "
            "the newest best model does not."
        ),
        alt=(
            "Log-scale chart: two step lines fall steeply while scattered flagship prices stay between "
            f"{flag['blended_3to1_usd_per_mtok'].min():g} and {flag['blended_3to1_usd_per_mtok'].max():g} dollars "
            "per million tokens."
        ),
        units="USD per million tokens (log scale) against date",
    )
    _add(
        "fig-costs-gpu-price-performance",
        gpu_data,
        gpu_chart,
        ("gpu_prices", "hardware"),
        f"Source: {HW_SRC}; analysis: this report",
        title=(
            f"GPU FLOP/s per dollar rose {gfit.factor_per_year:.2f}x a year "
            f"({CI_PCT} CI {gfit.factor_per_year_ci()[0]:.2f}"
            f" to {gfit.factor_per_year_ci()[1]:.2f}), far slower than LLM prices fell"
        ),
        caption=(
            "Peak dense 16-bit FLOP/s of each accelerator divided by an observed purchase price (2024 dollars, "
            "deflated with the BLS producer price index for data processing and hosting), with an OLS fit of "
            "log value on date. Specs and prices are Epoch AI's; consumer and data-centre GPUs are both included."
        ),
        alt="Log-scale scatter of FLOP per second per dollar by purchase date, rising gently along a dashed line.",
        units="FLOP/s per 2024 USD (log scale) against price date",
    )
    big = h100[h100["vendor_kind"].str.startswith("Large")]["price_usd_2024"]
    other = h100[~h100["vendor_kind"].str.startswith("Large")]["price_usd_2024"]
    _add(
        "fig-costs-h100-hour",
        h100_data,
        h100_chart,
        ("gpu_prices",),
        f"Source: {HW_SRC}",
        title=(
            f"An H100 hour costs about ${other.median():.2f} at smaller clouds and ${big.median():.2f} at the "
            "largest ones: no clear fall in rental prices"
        ),
        caption=(
            "On-demand cloud prices per H100 SXM5 80GB chip-hour in Epoch AI's price database, in 2024 dollars. "
            "List prices only: committed-use and spot discounts are not shown."
        ),
        alt=(
            f"Scatter of H100 hourly prices by date: smaller clouds cluster near {other.median():.0f} dollars, "
            f"the largest clouds near {big.median():.0f} dollars, with no downward trend."
        ),
        units="USD per chip-hour (2024 dollars) against date",
    )
    _add(
        "fig-costs-decomposition",
        decomposition_data,
        decomposition_chart,
        ("models", "gpu_prices", "hardware", "headline_rates"),
        f"Source: {EPOCH_SRC}; {HW_SRC}; Gundlach et al. repository; analysis: this report",
        title=(
            f"Cheaper hardware explains about {ours_hw_share:.0%} of the yearly price fall at GPT-3.5 level; "
            f"Gundlach et al. give it {g_hw_share:.0%} at GPQA level"
        ),
        caption=(
            "Each bar splits a yearly price-decline factor into multiplicative parts, shown as shares of its "
            f"logarithm. Ours: the {LEVEL} frontier rate against the GPU FLOP/s-per-dollar rate; the rest "
            "lumps together better algorithms, smaller models and lower margins. Gundlach et al.: their "
            "repository's GPQA Diamond decomposition (competition x hardware x algorithms), which assumes "
            f"{g_hw:.2g}x a year for hardware (their tables use {epoch_hw['factor_per_year']:.3g}x, i.e. Epoch's "
            f"{epoch_hw['published_value']:.0f}% cheaper a year: a conflict recorded in the data)."
        ),
        alt=(
            f"Two horizontal stacked bars: hardware is {ours_hw_share:.0%} of ours and {g_hw_share:.0%} of "
            "Gundlach et al.'s split."
        ),
        units="share of log price decline",
    )
    reasoning = t[t["reasoning"].astype(bool)]
    plain = t[~t["reasoning"].astype(bool)]
    out_ratio = reasoning["output_tokens_per_sample"].median() / plain["output_tokens_per_sample"].median()
    _add(
        "fig-costs-cost-per-task",
        task_data,
        task_chart,
        ("eval_tokens", "price_history"),
        ("Source: Epoch AI evaluation logs (CC BY 4.0); provider list prices in price_history; analysis: this report"),
        title=(
            f"Reasoning models write {out_ratio:.0f}"
            "x more output per question, so their cost per task is far above what their price per token suggests"
        ),
        caption=(
            "Cost of one GPQA Diamond question = Epoch AI's measured input and output tokens per question times "
            "the model's input and output list prices, against the model's 3:1 blended price per token. The "
            "dashed diagonals are the cost of "
            + " and ".join(f"{t:,}" for t in TASK_TOKEN_LINES)
            + " tokens per question at the blended price: models on a line parallel to them spend the same tokens "
            f"per question. Measured so, reasoning models use {_task_tokens(t, True)} tokens per question, the "
            f"others {_task_tokens(t, False)}. Labels where they fit; every point names its model on hover."
        ),
        alt="Log-log scatter of cost per question against price per token; reasoning models lie above the others.",
        units="USD per question against USD per million tokens (both log scale)",
    )


_register()
