"""Figures of chapter 2, "The inference shift" (chapters/02_inference_shift.ipynb). Logic lives in analysis.shift."""

from __future__ import annotations

import json
import textwrap
from functools import cache

import altair as alt
import numpy as np
import pandas as pd

from analysis import charts, shift
from analysis.data import load
from analysis.figures import Figure, register

PAGE = "chapters/02_inference_shift"
BACKFILL_LABEL = "back-filled weeks (lower confidence)"
# Countries are categories: blue and bluish green (vermillion is the article's colour), grey for unknown.
COUNTRY_COLORS = {
    "China": charts.OKABE_ITO["bluish_green"],
    "United States": charts.OKABE_ITO["blue"],
    "Unknown": charts.NEUTRAL,
}


@cache
def _weekly() -> pd.DataFrame:
    return load("openrouter_weekly")


@cache
def _volumes() -> pd.DataFrame:
    return load("token_volumes")


@cache
def _forecasts() -> pd.DataFrame:
    return load("compute_share_forecasts")


def or_source(weekly: pd.DataFrame) -> str:
    """Source line of the OpenRouter figures, with the number of models listed and the grades from the data."""
    per_week = weekly.groupby("week_start").agg(
        n=("model", "size"), backfilled=("backfilled", "first"), grade=("grade", "first")
    )
    bf, lv = per_week[per_week["backfilled"]], per_week[~per_week["backfilled"]]
    return (
        f"Source: OpenRouter rankings (openrouter.ai/rankings), top {bf['n'].max()} to {lv['n'].max()} models per "
        f"week, scraped by johnbean393/openrouter-inference-stats; weeks to {bf.index.max():%Y-%m-%d} back-filled "
        f"({shift.grade_label(bf['grade'].iloc[0])}), later weeks live ({shift.grade_label(lv['grade'].iloc[0])}). "
        "Analysis: this report."
    )


def _backfill_band(weeks: pd.DataFrame, y_label: float | None = None) -> alt.LayerChart:
    """A grey band over the back-filled weeks, labelled, for charts with a date x axis (`week_start`)."""
    bf = weeks[weeks["backfilled"].astype(bool)]
    band = pd.DataFrame(
        {
            "start": [bf["week_start"].min()],
            "end": [bf["week_start"].max() + pd.Timedelta(days=7)],
            "label": [charts.sized(BACKFILL_LABEL, ["back-filled weeks", "(lower confidence)"])],
        }
    )
    rect = alt.Chart(band).mark_rect(color="#bdbdbd", opacity=0.25).encode(x="start:T", x2="end:T")
    text = alt.Chart(band).mark_text(
        align="left", baseline="top", dx=4, dy=4, color=charts.MUTED, fontSize=10, lineHeight=12
    )
    text = text.encode(x="start:T", text="label:N")
    text = text.encode(y=alt.value(0)) if y_label is None else text
    return rect + text


# ---------------------------------------------------------------------------------------------------------------
# Q1 compute share


# Short chart labels for long forecaster names (the data keeps the full names).
SHORT_NAMES = {
    "Deloitte (TMT Predictions 2026)": "Deloitte",
    "Gartner (as relayed in a podcast)": "Gartner (podcast relay)",
    "Analyst quoted by Network World/onmine": "Analyst (OpenAI budget)",
    "Unattributed (Substack analysis)": "Substack (unattributed)",
    "Nvidia (as paraphrased by Groq CEO)": "Nvidia (via Groq CEO)",
    "McKinsey & Company": "McKinsey",
    "Brookfield Asset Management": "Brookfield",
    "Fusion Fund (Zhang Lu)": "Fusion Fund",
}
BOUNDS = ["point estimate", "more than (floor)"]


# What a forecast shares out, as a reader says it (the data's `measure` codes), and its colour.
MEASURE_LABELS = {
    "compute": "compute",
    "spend": "spend",
    "capex": "capex",
    "accelerators": "installed accelerators",
    "workloads": "workloads",
    "data_centre_demand": "data-centre power demand",
}
MEASURE_COLORS = {
    "compute": charts.OKABE_ITO["blue"],
    "spend": charts.OKABE_ITO["reddish_purple"],
    "capex": charts.OKABE_ITO["sky_blue"],
    "installed accelerators": charts.OKABE_ITO["black"],
    "workloads": charts.OKABE_ITO["bluish_green"],
    "data-centre power demand": charts.NEUTRAL,
}
YEAR_DOMAIN = (2018.5, 2030.5)


def compute_share_data() -> pd.DataFrame:
    pts = shift.share_points(_forecasts())
    unknown = set(pts["measure"]) - set(MEASURE_LABELS)
    if unknown:
        raise ValueError(f"compute-share forecasts with a measure that has no label: {sorted(unknown)}")
    pts["bound"] = np.where(pts["bound_type"] == "lower_bound", "more than (floor)", "point estimate")
    pts["target_year"] = pts["target_year"].astype(int)
    pts["forecaster"] = pts["forecaster"].map(lambda f: SHORT_NAMES.get(f, f))
    pts["what_is_shared"] = pts["measure"].map(MEASURE_LABELS)
    cols = ["forecaster", "target_year", "what_is_shared", "scope", "share", "bound", "grade"]
    return pts[cols].sort_values(["forecaster", "what_is_shared", "target_year"]).reset_index(drop=True)


def _claims() -> pd.DataFrame:
    """The article's three claims as reference lines (its words: two-thirds, above 80%, over 90%)."""
    return pd.DataFrame(
        {
            "share": [2 / 3, 0.8, 0.9],
            "label": ["article: two-thirds in 2026", "article: above 80% later", "article: over 90% of spend"],
        }
    )


def compute_share_chart(df: pd.DataFrame) -> alt.LayerChart:
    width, height = charts.sized(440, charts.NARROW_PLOT_WIDTH_PX), 340
    font = charts.sized(10, charts.MIN_FONT_SIZE)
    claims = _claims()
    # Years on a linear axis (2026 to 2029 three times as far as 2025 to 2026); forecasts of one year with
    # nearly the same share are spread a little sideways so that none hides another.
    step = 0.3 * 440 / width
    df = df.assign(year_drawn=df["target_year"] + charts.dodge(df["share"], df["target_year"], df.index, 0.035, step))
    x_scale = alt.Scale(domain=list(YEAR_DOMAIN), nice=False, zero=False)
    y_scale = alt.Scale(domain=[0, 1], nice=False)
    x = alt.X(
        "year_drawn:Q",
        title="Year the share refers to",
        scale=x_scale,
        axis=alt.Axis(format="d", values=list(range(2019, 2031, charts.sized(1, 2))), grid=True, labelOverlap=False),
    )
    y = alt.Y("share:Q", axis=charts.pct_axis("Inference's share"), scale=y_scale)
    color_scale = alt.Scale(domain=list(MEASURE_COLORS), range=list(MEASURE_COLORS.values()))
    color = alt.Color("what_is_shared:N", title="What is shared", scale=color_scale, legend=charts.legend())
    base = alt.Chart(df).encode(x=x, y=y)
    lines = base.mark_line(strokeWidth=1).encode(color=color, detail="series:N")
    lines = lines.transform_calculate(series="datum.forecaster + datum.what_is_shared")
    points = base.mark_point(filled=True, size=90, opacity=1).encode(
        color=color,
        shape=charts.grade_shape(),
        tooltip=[
            charts.tip("forecaster:N", "Forecaster"),
            charts.tip("target_year:Q", "Year", "d"),
            charts.tip("what_is_shared:N", "What is shared"),
            charts.tip("scope:N", "Of"),
            charts.tip("share:Q", "Inference's share", ".0%"),
            charts.tip("bound:N", "Value"),
            charts.tip("grade:N", "Source grade (A primary, B secondary, C unconfirmed)"),
        ],
    )
    carets = charts.floor_carets(base, f"datum.bound == '{BOUNDS[1]}'", BOUNDS[1])
    # One label per forecaster and measure, at its latest year, placed where it overlaps nothing.
    last = df.sort_values("target_year").groupby(["forecaster", "what_is_shared"]).tail(1).index
    marked = df.assign(text=np.where(df.index.isin(last), df["forecaster"], ""))
    claim_boxes = [
        (2, (1 - share) * height - font * 1.25 - 2, 4 + charts.text_width_px(text, font), (1 - share) * height)
        for share, text in zip(claims["share"], claims["label"], strict=True)
    ]
    px = (df["year_drawn"] - YEAR_DOMAIN[0]) / (YEAR_DOMAIN[1] - YEAR_DOMAIN[0]) * width
    caret_boxes = [
        (a - 4, (1 - v) * height - 16, a + 4, (1 - v) * height - 6)
        for a, v, b in zip(px, df["share"], df["bound"], strict=True)
        if b == BOUNDS[1]
    ]
    placed = charts.place_labels(
        marked.sort_values(["target_year", "share"], ascending=[False, False]),
        "year_drawn",
        "share",
        "text",
        x_scale=("linear", *YEAR_DOMAIN),
        y_scale=("linear", 0, 1),
        width=width,
        height=height,
        font_size=font,
        radius=6,
        obstacles=claim_boxes + caret_boxes,
    )
    unplaced = placed[(placed["text"] != "") & (placed["label_align"] == "")]
    if len(unplaced) and not charts.narrow():
        raise ValueError(f"compute-share: no room for the labels of {unplaced['text'].tolist()}")
    text = charts.label_layers(placed, x, y, fontSize=font, color=charts.INK)
    rules = (
        alt.Chart(claims).mark_rule(strokeDash=[4, 3], color=charts.ARTICLE).encode(y=alt.Y("share:Q", scale=y_scale))
    )
    rule_text = (
        alt.Chart(claims)
        .mark_text(align="left", baseline="bottom", x=2, dy=-2, fontSize=font, color=charts.ARTICLE)
        .encode(y=alt.Y("share:Q", scale=y_scale), text="label:N")
    )
    return alt.layer(rules, rule_text, lines, points, carets, text).properties(width=width, height=height)


# ---------------------------------------------------------------------------------------------------------------
# Q2 token growth


GROWTH_SERIES = {
    "GOOG_monthly": "Google, monthly tokens, all products",
    "BYTE_doubao": "ByteDance Doubao, daily tokens",
    "GOOG_api": "Google, API tokens per minute",
    "OR_total": "OpenRouter, platform totals (press)",
    "CN_national": "China, national daily tokens",
}
# Fitted series (shift.growth_fits keys) share the label of the series they fit, so line and points match.
FIT_SERIES = {
    "google": GROWTH_SERIES["GOOG_monthly"],
    "doubao": GROWTH_SERIES["BYTE_doubao"],
    "google_api": GROWTH_SERIES["GOOG_api"],
    "openrouter_top_live": "OpenRouter, weekly top models (this data)",
}


def token_growth_data() -> pd.DataFrame:
    """Observed points (tokens per day) and, for fitted series, the fitted trend over the fitted range."""
    v, w = _volumes(), _weekly()
    frames = []
    for sid, label in GROWTH_SERIES.items():
        pts = shift.series_points(v, sid)
        if sid == "OR_total":  # a year-long run-rate says nothing about when in the year; keep periods < 100 d
            pts = pts[(pts["period_end"] - pts["period_start"]).dt.days < 100]
        frames.append(pts.assign(series=label, kind="reported", backfilled=False))
    top = shift.openrouter_top_weekly(w)
    frames.append(
        pd.DataFrame(
            {
                "date": top["week_start"] + pd.Timedelta(days=3),
                "tokens_per_day": top["tokens_per_day"],
                "is_lower_bound": False,
                "grade": top["grade"],
                "series": FIT_SERIES["openrouter_top_live"],
                "kind": "reported",
                "backfilled": top["backfilled"].astype(bool),
            }
        )
    )
    fits = shift.growth_fits(v, w)
    for key, label in FIT_SERIES.items():
        f = fits[key].fit
        dates = pd.date_range(f.start_date, f.end_date, periods=20)
        frames.append(
            pd.DataFrame(
                {
                    "date": dates,
                    "tokens_per_day": f.predict(dates)["fit"],
                    "series": label,
                    "kind": "fitted trend",
                    "grade": "",
                    "is_lower_bound": False,
                    "backfilled": False,
                }
            )
        )
    cols = ["series", "kind", "date", "tokens_per_day", "is_lower_bound", "backfilled", "grade"]
    out = pd.concat([f[cols] for f in frames], ignore_index=True)
    out["is_lower_bound"] = out["is_lower_bound"].astype(bool)
    out["point"] = np.select(
        [out["backfilled"], out["is_lower_bound"]], ["back-filled week", "lower bound"], "reported"
    )
    return out.drop(columns=["is_lower_bound", "backfilled"])


# One colour per series, the two Google series in two blues; nothing here is the article's.
GROWTH_COLORS = {
    GROWTH_SERIES["GOOG_monthly"]: charts.OKABE_ITO["blue"],
    GROWTH_SERIES["GOOG_api"]: charts.OKABE_ITO["sky_blue"],
    GROWTH_SERIES["BYTE_doubao"]: charts.OKABE_ITO["bluish_green"],
    GROWTH_SERIES["CN_national"]: charts.NEUTRAL,
    GROWTH_SERIES["OR_total"]: charts.OKABE_ITO["reddish_purple"],
    FIT_SERIES["openrouter_top_live"]: charts.OKABE_ITO["black"],
}


def token_growth_chart(df: pd.DataFrame) -> alt.LayerChart:
    color = alt.Color(
        "series:N",
        title=None,
        scale=alt.Scale(domain=list(GROWTH_COLORS), range=list(GROWTH_COLORS.values())),
        legend=charts.legend(orient="bottom", columns=2),
    )
    y = alt.Y(
        "tokens_per_day:Q",
        scale=charts.log_scale(),
        axis=charts.tokens_axis("Tokens per day", log=True, values=[1e11, 1e12, 1e13, 1e14]),
    )
    x = alt.X("date:T", axis=charts.date_axis(fmt=charts.sized("%b %Y", "%Y"), labelOverlap="greedy"), title=None)
    reported = alt.Chart(df[df["kind"] == "reported"]).encode(x=x, y=y)
    pts = reported.mark_point(size=55, filled=True, opacity=1).encode(
        color=color,
        shape=charts.grade_shape(orient="bottom"),
        tooltip=[
            charts.tip("series:N", "Series"),
            charts.tip("date:T", "Date", "%d %b %Y"),
            charts.tip("tokens_per_day:Q", "Tokens per day", ".3s"),
            charts.tip("point:N", "Point"),
            charts.tip("grade:N", "Source grade (A primary, B secondary, C unconfirmed)"),
        ],
    )
    floors = charts.floor_carets(reported, "datum.point == 'lower bound'", "lower bound (more than)", orient="bottom")
    lines = alt.Chart(df[df["kind"] == "fitted trend"]).mark_line(strokeWidth=2).encode(x=x, y=y, color=color)
    return alt.layer(lines, pts, floors).properties(width=charts.sized(560, charts.NARROW_PLOT_WIDTH_PX), height=340)


# ---------------------------------------------------------------------------------------------------------------
# Q3 week-over-week changes


def wow_data() -> pd.DataFrame:
    w = _weekly()
    models = shift.model_wow_changes(w)
    top = shift.openrouter_top_weekly(w).dropna(subset=["wow_change"])
    out = pd.concat(
        [
            pd.DataFrame(
                {
                    "sample": "single models (week to week)",
                    "week_start": models["week_start"],
                    "wow_change": models["wow_change"],
                    "backfilled": models["backfilled"],
                }
            ),
            pd.DataFrame(
                {
                    "sample": "sum of the top models",
                    "week_start": top["week_start"],
                    "wow_change": top["wow_change"],
                    "backfilled": top["backfilled"],
                }
            ),
        ],
        ignore_index=True,
    )
    out["backfilled"] = out["backfilled"].astype(bool)
    out["week"] = np.where(out["backfilled"], "back-filled week", "live week")
    # log scale of (1 + change) keeps +100% and -50% symmetric
    out["ratio"] = 1 + out["wow_change"].astype(float)
    return out[["sample", "week_start", "week", "wow_change", "ratio"]]


def wow_chart(df: pd.DataFrame) -> alt.LayerChart:
    rule = pd.DataFrame(
        {"ratio": [1 + shift.ARTICLE_WOW_CHANGE], "label": [f"article: {shift.ARTICLE_WOW_CHANGE:+.1%}"]}
    )
    x = alt.X(
        "ratio:Q",
        scale=alt.Scale(type="log", domain=[0.1, 12]),
        axis=alt.Axis(
            title=charts.sized(
                "Tokens this week / tokens the week before (log scale)",
                ["Tokens this week / the week before", "(log scale)"],
            ),
            format="~g",
            values=charts.sized([0.1, 0.25, 0.5, 1, 2, 4, 10], [0.1, 0.5, 1, 2, 10]),
        ),
    )
    samples = list(dict.fromkeys(df["sample"]))
    dots = (
        alt.Chart(df)
        .mark_tick(thickness=2, size=18)
        .encode(
            x=x,
            y=alt.Y(
                "sample:N",
                title=None,
                sort=samples,
                axis=alt.Axis(labelExpr=charts.wrap_labels_expr(samples, charts.sized(40, 14))),
            ),
            color=alt.Color(
                "week:N",
                title=None,
                scale=alt.Scale(domain=["live week", "back-filled week"], range=[charts.REPORTED, charts.NEUTRAL]),
                legend=charts.legend(orient="top"),
            ),
            opacity=alt.value(0.6),
            tooltip=[
                charts.tip("sample:N", "Sample"),
                charts.tip("week_start:T", "Week starting", "%d %b %Y"),
                charts.tip("wow_change:Q", "Change on the week before", "+.1%"),
                charts.tip("week:N", "Week"),
            ],
        )
    )
    r = alt.Chart(rule).mark_rule(color=charts.ARTICLE, strokeWidth=2).encode(x="ratio:Q")
    t = alt.Chart(rule).mark_text(align="left", dx=4, y=4, baseline="top", color=charts.ARTICLE)
    return (dots + r + t.encode(x="ratio:Q", text="label:N")).properties(
        width=charts.sized(440, 230), height=charts.sized(160, 150)
    )


# ---------------------------------------------------------------------------------------------------------------
# Q4 Chinese vs US


def country_share_data() -> pd.DataFrame:
    c = shift.country_weekly(_weekly())
    return c[["week_start", "creator_country", "total_tokens", "share", "backfilled"]]


def _week_axis() -> alt.Axis:
    """Weekly date axis: day and month on a desktop chart, month on a narrow one."""
    return charts.date_axis(fmt=charts.sized("%d %b %Y", "%b %Y"), labelOverlap="greedy")


def country_share_chart(df: pd.DataFrame) -> alt.LayerChart:
    article = pd.DataFrame(
        {
            "week_start": [shift.ARTICLE_WEEK_START + pd.Timedelta(days=3)],
            "label": [charts.sized("article's week (30 Mar-5 Apr)", "article's week")],
        }
    )
    df = df.assign(week=np.where(df["backfilled"], BACKFILL_LABEL, "collected live"))
    bars = (
        alt.Chart(df)
        .mark_bar(width=charts.sized(14, 7))
        .encode(
            x=alt.X("week_start:T", axis=_week_axis(), title="Week starting"),
            y=alt.Y(
                "share:Q",
                stack=True,
                scale=alt.Scale(domain=[0, 1], nice=False),
                axis=charts.pct_axis("Share of the top models' tokens"),
            ),
            opacity=alt.Opacity(
                "week:N",
                title="Week",
                scale=alt.Scale(domain=["collected live", BACKFILL_LABEL], range=[1.0, 0.45]),
                legend=charts.legend(orient="bottom"),
            ),
            color=alt.Color(
                "creator_country:N",
                title="Creator's country",
                scale=alt.Scale(domain=list(COUNTRY_COLORS), range=list(COUNTRY_COLORS.values())),
                legend=charts.legend(orient="bottom"),
            ),
            order=alt.Order("creator_country:N", sort="ascending"),
            tooltip=[
                charts.tip("week_start:T", "Week starting", "%d %b %Y"),
                charts.tip("creator_country:N", "Creator's country"),
                charts.tip("share:Q", "Share of the week's top-model tokens", ".1%"),
                charts.tip("total_tokens:Q", "Tokens", ".3s"),
                charts.tip("week:N", "Week"),
            ],
        )
    )
    rule = alt.Chart(article).mark_rule(color=charts.ARTICLE, strokeDash=[3, 3]).encode(x="week_start:T")
    label = (
        alt.Chart(article)
        .mark_text(align="right", dx=-3, y=-8, fontSize=10, color=charts.ARTICLE)
        .encode(x="week_start:T", text="label:N")
    )
    half = alt.Chart(pd.DataFrame({"share": [0.5]})).mark_rule(color="white", strokeDash=[2, 2]).encode(y="share:Q")
    return (bars + half + rule + label).properties(width=charts.sized(480, charts.NARROW_PLOT_WIDTH_PX), height=300)


# ---------------------------------------------------------------------------------------------------------------
# Q5 token mix

MIX_METRICS = {
    "prompt_share": "Input share",
    "cached_share_of_prompt": "Cached share of input",
    "reasoning_share_of_completion": "Reasoning share of output",
    "prompt_tokens_per_request": "Input tokens/request (k)",
}


def token_mix_data() -> pd.DataFrame:
    mix = shift.composition_by_creator(_weekly())
    mix = mix[mix["n_model_weeks"] >= 2]  # one model-week says little about a lab's traffic
    mix = mix.assign(prompt_tokens_per_request=mix["prompt_tokens_per_request"] / 1e3)
    long = mix.melt(id_vars=["creator", "tokens", "n_model_weeks"], value_vars=list(MIX_METRICS), var_name="metric")
    long["metric"] = long["metric"].map(MIX_METRICS)
    long["all"] = long["creator"] == "All top models"
    return long


def token_mix_chart(df: pd.DataFrame) -> alt.FacetChart:
    order = df.drop_duplicates("creator").sort_values("tokens", ascending=False)["creator"].tolist()
    per_request = MIX_METRICS["prompt_tokens_per_request"]
    # Shares are drawn in percent (the data holds fractions); each panel's header names its unit.
    headers = {label: f"{label} (%)" for label in MIX_METRICS.values() if label != per_request}
    headers[per_request] = "Input tokens per request (thousand)"
    chars = charts.sized(20, 16)
    lines = {m: textwrap.wrap(h, width=chars, break_long_words=False) for m, h in headers.items()}
    return (
        alt.Chart(df)
        .transform_calculate(
            drawn=f"datum.metric == '{per_request}' ? datum.value : 100 * datum.value",
            panel="(" + json.dumps(headers) + ")[datum.metric]",
            shown=f"datum.metric == '{per_request}' ? format(datum.value, ',.1f') + ' thousand tokens'"
            " : format(datum.value, '.1%')",
        )
        .mark_bar()
        .encode(
            x=alt.X("drawn:Q", title=None, axis=alt.Axis(format=",.0f", tickCount=4)),
            y=alt.Y("creator:N", sort=order, title=None),
            color=alt.condition("datum.all", alt.value(charts.INK), alt.value(charts.OKABE_ITO["blue"])),
            tooltip=[
                charts.tip("creator:N", "Creator"),
                charts.tip("metric:N", "Measure"),
                charts.tip("shown:N", "Value"),
                charts.tip("n_model_weeks:Q", "Model-weeks pooled", "d"),
            ],
        )
        .properties(width=charts.sized(110, 95), height=charts.sized(260, 230))
        .facet(
            facet=alt.Facet(
                "metric:N",
                title=None,
                sort=list(MIX_METRICS.values()),
                header=alt.Header(labelFontSize=11, labelExpr=f"({json.dumps(lines)})[datum.label]"),
            ),
            columns=charts.sized(4, 2),
        )
        .resolve_scale(x="independent")
    )


# ---------------------------------------------------------------------------------------------------------------
# Q6 spend and Jevons


def spend_data() -> pd.DataFrame:
    s = shift.estimated_spend(_weekly())
    g = s.groupby(["week_start", "creator_country"], as_index=False).agg(
        spend_usd=("spend_usd", "sum"), backfilled=("backfilled", "first")
    )
    g["backfilled"] = g["backfilled"].astype(bool)
    g["spend_usd_million"] = g.pop("spend_usd") / 1e6  # millions read better on the axis than 7e+6
    return g


def spend_chart(df: pd.DataFrame) -> alt.LayerChart:
    bars = (
        alt.Chart(df)
        .mark_bar(width=charts.sized(14, 7))
        .encode(
            x=alt.X("week_start:T", axis=_week_axis(), title="Week starting"),
            y=alt.Y(
                "sum(spend_usd_million):Q",
                axis=charts.usd_axis(
                    charts.sized(
                        "Estimated spend per week at list prices (USD million)",
                        ["Estimated spend per week", "at list prices (USD million)"],
                    )
                ),
            ),
            color=alt.Color(
                "creator_country:N",
                title="Creator's country",
                scale=alt.Scale(domain=list(COUNTRY_COLORS), range=list(COUNTRY_COLORS.values())),
                legend=charts.legend(orient="bottom"),
            ),
            tooltip=[
                charts.tip("week_start:T", "Week starting", "%d %b %Y"),
                charts.tip("creator_country:N", "Creator's country"),
                charts.tip("spend_usd_million:Q", "Estimated spend (USD million)", "$,.2f"),
                charts.tip("backfilled:N", "Back-filled week"),
            ],
        )
    )
    return (bars + _backfill_band(df.drop_duplicates("week_start"))).properties(
        width=charts.sized(480, charts.NARROW_PLOT_WIDTH_PX), height=300
    )


def jevons_data() -> pd.DataFrame:
    ws = shift.weekly_spend(shift.estimated_spend(_weekly()))
    out = shift.jevons_index(ws)
    out["backfilled"] = out["backfilled"].astype(bool)
    return out


def jevons_chart(df: pd.DataFrame) -> alt.LayerChart:
    series = list(dict.fromkeys(df["series"]))
    lines = (
        alt.Chart(df)
        .mark_line(point=True)
        .encode(
            x=alt.X("week_start:T", axis=_week_axis(), title="Week starting"),
            y=alt.Y("index:Q", scale=charts.log_scale(), axis=charts.log_axis("Index, first week = 1")),
            color=alt.Color(
                "series:N",
                title=None,
                legend=charts.legend(orient="bottom"),
                scale=alt.Scale(
                    domain=series,
                    range=[charts.REPORTED, charts.OKABE_ITO["reddish_purple"], charts.OKABE_ITO["bluish_green"]],
                ),
            ),
            tooltip=[
                charts.tip("week_start:T", "Week starting", "%d %b %Y"),
                charts.tip("series:N", "Series"),
                charts.tip("index:Q", "Index (first week = 1)", ".2f"),
                charts.tip("backfilled:N", "Back-filled week"),
            ],
        )
    )
    return (_backfill_band(df.drop_duplicates("week_start")) + lines).properties(
        width=charts.sized(480, charts.NARROW_PLOT_WIDTH_PX), height=300
    )


# ---------------------------------------------------------------------------------------------------------------
# Registration (titles computed from the data)


def dl_join(items) -> str:
    """Items as prose: "a, b and c"."""
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _register_openrouter(**fields: object) -> None:
    """Register a figure drawn from openrouter_weekly alone (same dataset, source line and page)."""
    register(Figure(datasets=("openrouter_weekly",), source=or_source(_weekly()), page=PAGE, **fields))


def _register() -> None:
    n = shift.chapter_numbers(_forecasts(), _volumes(), _weekly())
    c = {claim.key: claim for claim in shift.ARTICLE_CLAIMS}
    register(
        Figure(
            id="fig-shift-compute-share",
            title=(
                f"Only {n['claim-two_thirds_2026-n-a']:.0f} A-grade forecast backs 'two-thirds of compute in 2026' "
                f"(Deloitte, of all AI compute); none found puts inference above "
                f"{c['above_80_later'].threshold:.0%} of compute or {c['above_90_spend'].threshold:.0%} of spend"
            ),
            caption=(
                "Each point is one organisation's estimate of inference's share for a year, coloured by what is "
                f"shared ({dl_join(MEASURE_LABELS.values())}); its symbol gives the source grade (disc: A primary, "
                "half-filled ring: B secondary, ring: C unconfirmed) and a caret above it marks a floor ('more "
                "than'). Years are to scale; forecasts of one year with nearly the same share are set slightly "
                "apart. Dashed lines: the article's claims."
            ),
            alt=(
                f"Dot chart of inference's share against year for {n['n-forecaster-orgs']:.0f} named organisations "
                f"and {n['n-forecaster-unnamed']:.0f} unnamed sources, with dashed reference lines at the article's "
                "three claims. Only Deloitte (compute, 2026) and an unconfirmed (grade C) Barclays floor reach "
                f"two-thirds; the highest value, {n['share-max-pct']:.0f}% of cloud AI chip spend in 2030, is "
                "unconfirmed, from an unattributed blog."
            ),
            units="share of the named total (0-100%) by target year",
            datasets=("compute_share_forecasts",),
            source=(
                "Source: Deloitte TMT Predictions 2026; Gartner via CRN India; Brookfield via RCR Wireless; McKinsey, "
                "Barclays, IDC and others via secondary pages (grades in data). Analysis: this report."
            ),
            page=PAGE,
            data=compute_share_data,
            chart=compute_share_chart,
        )
    )
    register(
        Figure(
            id="fig-shift-token-growth",
            title=(
                f"Reported token volumes doubled every {n['fit-doubling-min']:.0f} to "
                f"{n['fit-doubling-max']:.0f} months, {n['fit-shape-phrase']}"
            ),
            caption=(
                "Token volumes converted to tokens per day (log scale); lines are log-linear fits over the "
                "observed range only (not extrapolations). OpenRouter points are the weekly sums of the top "
                f"{n['n-models-backfilled']:.0f} to {n['n-models-live']:.0f} models. A point's symbol gives its "
                "source grade (disc: A primary, half-filled ring: B secondary, ring: C unconfirmed; OpenRouter's "
                "back-filled weeks are its grade C points); a caret above a point marks a figure given as a floor."
            ),
            alt=(
                "Log-scale scatter of tokens per day from 2024 to 2026 for Google, ByteDance Doubao, Google's API, "
                "OpenRouter and China's national total, with straight fitted trend lines for four series."
            ),
            units="tokens per day (log scale) against date",
            datasets=("token_volumes", "openrouter_weekly"),
            source=(
                "Source: Google via GIGAZINE and THE DECODER; ByteDance via cnyes, The Paper, Wall Street CN; China "
                "NDA via udn.com; OpenRouter rankings via johnbean393 scrape, and press (grades in data). Analysis: "
                "this report."
            ),
            page=PAGE,
            data=token_growth_data,
            chart=token_growth_chart,
        )
    )
    _register_openrouter(
        id="fig-shift-wow-changes",
        title=(
            f"A {n['article-wow-pct']:+.1f}% week is ordinary: it sits at the {n['wow-top-pctile-ord']} "
            f"percentile of weekly changes in the top models' total and the {n['wow-model-pctile-ord']} "
            f"for single models"
        ),
        caption=(
            "Week-over-week change in tokens: each tick is one week (sum of the week's top models) or one "
            "model present in the top list two weeks running; back-filled weeks are grey. The vertical line "
            f"marks the article's {n['article-wow-pct']:+.1f}%."
        ),
        alt=(
            "Two rows of tick marks on a log axis of week-over-week token ratios; single models spread far more "
            f"widely than the weekly total; the article's {n['article-wow-pct']:+.1f}% line falls inside both "
            "clouds."
        ),
        units="ratio of this week's tokens to last week's (log scale)",
        data=wow_data,
        chart=wow_chart,
    )
    _register_openrouter(
        id="fig-shift-country-share",
        title=(
            f"Chinese models went from {n['cn-share-first-pct']:.0f}% to {n['cn-share-article-pct']:.0f}% of "
            f"OpenRouter's top-model tokens by the article's week, leading US models {n['china-streak']:.0f} "
            f"weeks running"
        ),
        caption=(
            f"Share of the tokens of each week's top {n['n-models-backfilled']:.0f} to {n['n-models-live']:.0f} "
            "models on OpenRouter, by the creator's headquarters country. Top models only: not a share of all "
            f"OpenRouter traffic. Pale bars: back-filled weeks ({n['n-models-backfilled']:.0f} models listed, "
            "lower confidence)."
        ),
        alt=(
            "Stacked weekly bars of Chinese, US and undisclosed models' shares of top-model tokens from November "
            f"2025 to May 2026; the Chinese share rises from {n['cn-share-first-pct']:.0f}% to "
            f"{n['cn-share-article-pct']:.0f}% in the week of 30 March 2026, then ends at "
            f"{n['cn-share-last-pct']:.0f}%."
        ),
        units="share of the week's top-model tokens",
        data=country_share_data,
        chart=country_share_chart,
    )
    _register_openrouter(
        id="fig-shift-token-mix",
        title=(
            f"{n['mix-prompt-pct']:.0f}% of the top models' tokens are input, {n['mix-cached-pct']:.0f}% of it "
            f"served from cache, at about {n['mix-prompt-per-request-k']:.0f} thousand input tokens a request: "
            f"agent and coding traffic"
        ),
        caption=(
            "Token mix of the top models by creator, pooled over live weeks with a complete breakdown; the "
            "dark bar is all top models together. Labs with a single model-week are left out."
        ),
        alt=(
            "Four bar panels by creator: input share of tokens (near all of it for every lab), cached share of "
            "input, reasoning share of output, and input tokens per request "
            f"({n['mix-ctx-min-k']:.0f} to {n['mix-ctx-max-k']:.0f} thousand)."
        ),
        units="shares (0-1) and thousands of input tokens per request",
        data=token_mix_data,
        chart=token_mix_chart,
    )
    _register_openrouter(
        id="fig-shift-weekly-spend",
        title=(
            f"At list prices the top models billed about ${n['spend-live-mean-musd']:.0f} million a week, growing "
            f"about {n['spend-fit-spend-usd-factor']:.0f}x a year over the live weeks"
        ),
        caption=(
            "Estimated weekly spend on the top models: tokens times list prices (input, cached input, output), "
            "free variants at zero, by creator country. Ignores discounts and OpenRouter's fee; the week of "
            "4 May uses each model's earlier token mix because its breakdown is missing."
        ),
        alt=(
            "Stacked weekly bars of estimated spend by creator country, rising over the period; US models account "
            f"for {n['spend-us-share-pct']:.0f}% of the live weeks' spend but {n['tokens-us-share-pct']:.0f}% of "
            "their tokens."
        ),
        units="USD per week (nominal, list prices)",
        data=spend_data,
        chart=spend_chart,
    )
    _register_openrouter(
        id="fig-shift-jevons",
        title=(
            f"Volume grew about {n['spend-fit-total-tokens-factor']:.0f}x a year while the average price per "
            f"token did not fall: in this window spend rose with volume"
        ),
        caption=(
            "Top-model tokens, average list price actually paid per token (spend / tokens) and estimated spend, "
            "each as an index of the first week (log scale). Shifts between cheap, free and premium models "
            "move the average; list prices of the same models barely changed."
        ),
        alt=(
            "Three index lines on a log scale from November 2025 to May 2026: tokens and estimated spend rise "
            "together, while the average price per token wanders around its first value with no clear trend."
        ),
        units="index, first week = 1 (log scale)",
        data=jevons_data,
        chart=jevons_chart,
    )


_register()
