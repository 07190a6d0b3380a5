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
FOREST_MAX = 1e5  # the forest plot's axis ends here; a few short fits have upper bounds far beyond
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


def _price_y() -> alt.Y:
    """The log-scale USD-per-million-tokens (3:1 blend) axis shared by the price charts."""
    return alt.Y(
        "usd_per_mtok:Q", scale=charts.log_scale(), axis=charts.usd_axis("USD per million tokens, 3:1 blend", log=True)
    )


def _series_color(scale: alt.Scale, legend: alt.Legend) -> alt.Color:
    """Colour by the `series` column, untitled (the legend names the series)."""
    return alt.Color("series:N", title=None, scale=scale, legend=legend)


def frontier_chart(df: pd.DataFrame) -> alt.LayerChart:
    x = alt.X("release_date:T", axis=charts.date_axis("Release date (price date)"))
    y = _price_y()
    color = _series_color(
        alt.Scale(domain=[FRONTIER, OTHERS, FIT], range=[C["blue"], "#9e9e9e", C["vermillion"]]),
        alt.Legend(orient="top-right"),
    )
    base = alt.Chart(df)
    others = (
        base.transform_filter(alt.datum.series == OTHERS)
        .mark_point(size=40)
        .encode(x=x, y=y, color=color, tooltip=["model_name:N", "release_date:T", "usd_per_mtok:Q"])
    )
    front = base.transform_filter(alt.datum.series == FRONTIER)
    line = front.mark_line(point=True, interpolate="step-after").encode(
        x=x, y=y, color=color, tooltip=["model_name:N", "release_date:T", "usd_per_mtok:Q"]
    )
    labels = front.mark_text(align="left", dx=6, dy=-6, fontSize=10).encode(x=x, y=y, text="model_name:N")
    fit = base.transform_filter(alt.datum.series == FIT).mark_line(strokeDash=[5, 4]).encode(x=x, y=y, color=color)
    return alt.layer(others, line, labels, fit)


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
    y = alt.Y("label:N", sort=order, title=None, axis=alt.Axis(labelLimit=260))
    color = alt.Color(
        "data:N", title=None, scale=alt.Scale(range=[C["blue"], C["orange"]]), legend=alt.Legend(orient="top")
    )
    xs = alt.Scale(type="log", domain=[0.5, FOREST_MAX], clamp=True)
    x_axis = charts.log_axis(f"Times cheaper per year, {CI_PCT} interval", fmt="~s")
    base = alt.Chart(df).encode(y=y, yOffset=alt.YOffset("data:N"), color=color)
    rule = base.mark_rule().encode(x=alt.X("decline_ci_low:Q", scale=xs, axis=x_axis), x2="decline_ci_high:Q")
    pts = base.mark_point(filled=True, size=45).encode(
        x=alt.X("decline_factor_per_year:Q", scale=xs),
        shape=alt.Shape("short_fit:N", title="Fit spans", scale=alt.Scale(range=["circle", "triangle"])),
        tooltip=[
            "data:N",
            "label:N",
            "n:Q",
            alt.Tooltip("decline_factor_per_year:Q", format=".3~g"),
            alt.Tooltip("decline_ci_low:Q", format=".3~g"),
            alt.Tooltip("decline_ci_high:Q", format=".3~g"),
            alt.Tooltip("span_years:Q", format=".2f"),
        ],
    )
    return alt.layer(rule, pts).properties(height=alt.Step(11))


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
    color = _series_color(alt.Scale(range=charts.PALETTE), alt.Legend(orient="bottom", columns=2, labelLimit=320))
    tip = ["series:N", "label:N", "date:T", alt.Tooltip("usd_per_mtok:Q", format="$.3~g"), "grade:N"]
    flag = (
        alt.Chart(df)
        .transform_filter("indexof(datum.series, 'Flagship') == 0")
        .mark_point(filled=True, size=55)
        .encode(x=x, y=y, color=color, opacity=charts.grade_opacity(), tooltip=tip)
    )
    fixed = (
        alt.Chart(df)
        .transform_filter("indexof(datum.series, 'Cheapest') == 0")
        .mark_line(point=True, interpolate="step-after")
        .encode(x=x, y=y, color=color, tooltip=tip)
    )
    return alt.layer(fixed, flag)


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
        "flop_per_usd:Q", scale=charts.log_scale(), axis=charts.log_axis("Peak 16-bit FLOP/s per 2024 dollar", fmt="~s")
    )
    pts = (
        alt.Chart(df)
        .transform_filter("datum.series == 'Price observation'")
        .mark_point(size=30, color=C["blue"])
        .encode(x=x, y=y, tooltip=["hardware_model:N", "price_date:T", alt.Tooltip("flop_per_usd:Q", format=".3~s")])
    )
    line = (
        alt.Chart(df)
        .transform_filter("datum.series == 'OLS fit'")
        .mark_line(color=C["vermillion"], strokeDash=[5, 4])
        .encode(x=x, y=y)
    )
    return alt.layer(pts, line)


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
        .mark_point(filled=True, size=55)
        .encode(
            x=alt.X("price_date:T", axis=charts.date_axis("Date of price", fmt="%b %Y")),
            y=alt.Y(
                "price_usd_2024:Q", axis=charts.usd_axis("USD per H100-hour (2024 dollars)"), scale=alt.Scale(zero=True)
            ),
            color=alt.Color(
                "vendor_kind:N",
                title=None,
                scale=alt.Scale(range=[C["vermillion"], C["blue"]]),
                legend=alt.Legend(orient="top"),
            ),
            tooltip=[
                "vendor:N",
                "price_date:T",
                alt.Tooltip("price_usd:Q", format="$.2f"),
                alt.Tooltip("price_usd_2024:Q", format="$.2f"),
            ],
        )
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


def decomposition_chart(df: pd.DataFrame) -> alt.Chart:
    return (
        alt.Chart(df)
        .mark_bar()
        .encode(
            y=alt.Y("study:N", title=None, axis=alt.Axis(labelLimit=330)),
            x=alt.X(
                "log_share:Q",
                stack="zero",
                scale=alt.Scale(domain=[0, 1], nice=False, clamp=True),
                axis=charts.pct_axis("Share of the yearly decline (log scale of factors)"),
            ),
            color=alt.Color(
                "component:N",
                title=None,
                scale=alt.Scale(range=[C["blue"], C["orange"], C["bluish_green"], C["reddish_purple"]]),
                legend=alt.Legend(orient="bottom", columns=2, labelLimit=320),
            ),
            tooltip=[
                "study:N",
                "component:N",
                alt.Tooltip("factor_per_year:Q", format=".3~g"),
                alt.Tooltip("log_share:Q", format=".0%"),
            ],
        )
        .properties(height=90)
    )


# ---- 6. cost per task -------------------------------------------------------------------------------------------


@cache
def task_data() -> pd.DataFrame:
    """Cost per GPQA Diamond question against the 3:1 blended price per token, by model."""
    d = costs.cost_per_task(load("eval_tokens"), _prices())
    d["kind"] = np.where(d["reasoning"].astype(bool), "Reasoning model", "Other model")
    return d


def task_chart(df: pd.DataFrame) -> alt.LayerChart:
    x = alt.X(
        "blended_3to1_usd_per_mtok:Q",
        scale=charts.log_scale(),
        axis=charts.usd_axis("List price, USD per million tokens (3:1 blend)", log=True),
    )
    y = alt.Y(
        "cost_per_question_usd:Q",
        scale=charts.log_scale(),
        axis=charts.usd_axis("Cost per GPQA Diamond question, USD", log=True),
    )
    color = alt.Color(
        "kind:N",
        title=None,
        scale=alt.Scale(domain=["Other model", "Reasoning model"], range=[C["blue"], C["vermillion"]]),
        legend=alt.Legend(orient="top-left"),
    )
    tip = [
        "model_version:N",
        alt.Tooltip("output_tokens_per_sample:Q", format=",.0f"),
        alt.Tooltip("cost_per_question_usd:Q", format="$.4f"),
    ]
    pts = alt.Chart(df).mark_point(filled=True, size=55).encode(x=x, y=y, color=color, tooltip=tip)
    text = (
        alt.Chart(df)
        .mark_text(align="left", dx=6, fontSize=9, color=charts.MUTED)
        .encode(x=x, y=y, text="model_version:N")
    )
    return alt.layer(pts, text)


# ---- registration -------------------------------------------------------------------------------------------------


def _add(fig_id: str, data, chart, datasets: tuple[str, ...], source: str, **text: str) -> None:
    """Register one chapter-3 figure (text: title, caption, alt, units)."""
    register(Figure(id=fig_id, page=PAGE, data=data, chart=chart, datasets=datasets, source=source, **text))


def _register() -> None:
    h = _headline()
    d = _declines()
    ep = d[d["data"].str.startswith("Epoch")]
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
            f"{costs.AI_INDEX_THRESHOLD:g} on MMLU, the AI Index's 'GPT-3.5 level'. The blue steps are the "
            "successively cheapest models (the frontier); the dashed line is an OLS fit of log price on date "
            "over the frontier points. Prices are at each model's release or price-change date."
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
        title=(
            f"The price of a fixed capability fell between {ep['decline_factor_per_year'].min():.0f}x and "
            f"{ep['decline_factor_per_year'].max():.0f}x a year, depending on benchmark and level"
        ),
        caption=(
            "Yearly price decline at each capability threshold (a model that led its benchmark when released), "
            "following Epoch AI's method: OLS of log price on date over the successively cheapest qualifying "
            f"models, {CI_PCT} intervals, reasoning models excluded. Blue: Epoch AI's data as published "
            "(to Feb 2025); "
            "orange: with the 2025 models of the Price of Progress table added. Triangles: fits spanning less than "
            f"a year. The axis is cut at {FOREST_MAX:,.0f}x; wider intervals run off the edge."
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
        title=(
            f"Fixed capability got far cheaper while flagship prices moved about "
            f"{1 / flag_fit.factor_per_year:.1f}x a year "
            f"({CI_PCT} CI {1 / flag_fit.factor_per_year_ci()[1]:.1f} to "
            f"{1 / flag_fit.factor_per_year_ci()[0]:.1f})"
        ),
        caption=(
            "Points: launch list prices of each provider's top-tier model (3:1 blend; faint points are grade C "
            "sources). Step lines: the cheapest model reaching a fixed level "
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
            "the model's input and output list prices, against the model's 3:1 blended price per token. Models "
            "on a line parallel to the diagonal spend the same tokens per question; reasoning models sit above."
        ),
        alt="Log-log scatter of cost per question against price per token; reasoning models lie above the others.",
        units="USD per question against USD per million tokens (both log scale)",
    )


_register()
