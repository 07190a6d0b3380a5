"""Figures of chapter 2, "The inference shift" (chapters/02_inference_shift.ipynb). Logic lives in analysis.shift."""

from __future__ import annotations

from functools import cache

import altair as alt
import numpy as np
import pandas as pd

from analysis import charts, shift
from analysis.data import load
from analysis.figures import Figure, register

PAGE = "chapters/02_inference_shift"
BACKFILL_LABEL = "back-filled weeks (lower confidence)"
COUNTRY_COLORS = {
    "China": charts.OKABE_ITO["vermillion"],
    "United States": charts.OKABE_ITO["blue"],
    "Unknown": "#9a9a9a",
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
            "label": [BACKFILL_LABEL],
        }
    )
    rect = alt.Chart(band).mark_rect(color="#bdbdbd", opacity=0.25).encode(x="start:T", x2="end:T")
    text = alt.Chart(band).mark_text(align="left", baseline="top", dx=4, dy=4, color=charts.MUTED, fontSize=10)
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


def compute_share_data() -> pd.DataFrame:
    pts = shift.share_points(_forecasts())
    pts["bound"] = np.where(pts["bound_type"] == "lower_bound", "more than (floor)", "point estimate")
    pts["target_year"] = pts["target_year"].astype(int)
    pts["forecaster"] = pts["forecaster"].map(lambda f: SHORT_NAMES.get(f, f))
    # grade in the label too: opacity alone is hard to read on small points
    pts["label"] = pts["forecaster"] + " [" + pts["grade"] + "]"
    return pts[["forecaster", "label", "target_year", "measure", "scope", "share", "bound", "grade"]]


def compute_share_chart(df: pd.DataFrame) -> alt.LayerChart:
    claims = pd.DataFrame(
        {
            "share": [2 / 3, 0.8, 0.9],
            "label": ["article: two-thirds in 2026", "article: above 80% later", "article: over 90% of spend"],
        }
    )
    base = alt.Chart(df).encode(
        x=alt.X("target_year:O", title="Year the share refers to"),
        y=alt.Y("share:Q", axis=charts.pct_axis("Inference's share"), scale=alt.Scale(domain=[0, 1])),
    )
    lines = base.mark_line(strokeWidth=1).encode(
        color=alt.Color("measure:N", title="What is shared"), detail="forecaster:N"
    )
    points = base.mark_point(filled=True, size=80).encode(
        color=alt.Color("measure:N", title="What is shared"),
        shape=alt.Shape("bound:N", title="Value", scale=alt.Scale(domain=BOUNDS, range=["circle", "triangle-up"])),
        opacity=charts.grade_opacity(),
        tooltip=[
            "forecaster",
            "target_year",
            "measure",
            "scope",
            alt.Tooltip("share:Q", format=".0%"),
            "bound",
            "grade",
        ],
    )
    labels = base.mark_text(align="left", dx=7, fontSize=9, color=charts.MUTED).encode(text="label:N")
    rules = alt.Chart(claims).mark_rule(strokeDash=[4, 3], color=charts.MUTED).encode(y="share:Q")
    rule_text = (
        alt.Chart(claims)
        .mark_text(align="left", baseline="bottom", x=2, dy=-2, fontSize=9, color=charts.MUTED)
        .encode(y="share:Q", text="label:N")
    )
    return (rules + rule_text + lines + points + labels).properties(height=340)


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


def token_growth_chart(df: pd.DataFrame) -> alt.LayerChart:
    color = alt.Color(
        "series:N",
        title=None,
        scale=alt.Scale(range=charts.PALETTE),
        legend=alt.Legend(orient="right", labelLimit=260),
    )
    y = alt.Y(
        "tokens_per_day:Q",
        scale=charts.log_scale(),
        axis=charts.tokens_axis("Tokens per day", log=True, values=[1e11, 1e12, 1e13, 1e14]),
    )
    x = alt.X("date:T", axis=charts.date_axis(fmt="%b %Y"), title=None)
    pts = (
        alt.Chart(df[df["kind"] == "reported"])
        .mark_point(size=45, filled=True)
        .encode(
            x=x,
            y=y,
            color=color,
            opacity=charts.grade_opacity(),
            shape=alt.Shape(
                "point:N",
                title="Point",
                scale=alt.Scale(
                    domain=["reported", "lower bound", "back-filled week"], range=["circle", "triangle-up", "square"]
                ),
            ),
            tooltip=[
                "series",
                alt.Tooltip("date:T", format="%Y-%m-%d"),
                alt.Tooltip("tokens_per_day:Q", format=".3s"),
                "point",
                "grade",
            ],
        )
    )
    lines = alt.Chart(df[df["kind"] == "fitted trend"]).mark_line(strokeWidth=2).encode(x=x, y=y, color=color)
    return (lines + pts).properties(height=360)


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
            title="Tokens this week / tokens the week before (log scale)",
            format="~g",
            values=[0.1, 0.25, 0.5, 1, 2, 4, 10],
        ),
    )
    dots = (
        alt.Chart(df)
        .mark_tick(thickness=2, size=18)
        .encode(
            x=x,
            y=alt.Y("sample:N", title=None),
            color=alt.Color(
                "week:N",
                title=None,
                scale=alt.Scale(domain=["live week", "back-filled week"], range=[charts.OKABE_ITO["blue"], "#9a9a9a"]),
            ),
            opacity=alt.value(0.6),
            tooltip=[
                "sample",
                alt.Tooltip("week_start:T", format="%Y-%m-%d"),
                alt.Tooltip("wow_change:Q", format="+.1%"),
                "week",
            ],
        )
    )
    r = alt.Chart(rule).mark_rule(color=charts.OKABE_ITO["vermillion"], strokeWidth=2).encode(x="ratio:Q")
    t = alt.Chart(rule).mark_text(align="left", dx=4, y=4, baseline="top", color=charts.OKABE_ITO["vermillion"])
    return (dots + r + t.encode(x="ratio:Q", text="label:N")).properties(height=160)


# ---------------------------------------------------------------------------------------------------------------
# Q4 Chinese vs US


def country_share_data() -> pd.DataFrame:
    c = shift.country_weekly(_weekly())
    return c[["week_start", "creator_country", "total_tokens", "share", "backfilled"]]


def country_share_chart(df: pd.DataFrame) -> alt.LayerChart:
    article = pd.DataFrame(
        {"week_start": [shift.ARTICLE_WEEK_START + pd.Timedelta(days=3)], "label": ["article's week (30 Mar-5 Apr)"]}
    )
    df = df.assign(week=np.where(df["backfilled"], BACKFILL_LABEL, "collected live"))
    bars = (
        alt.Chart(df)
        .mark_bar(width=14)
        .encode(
            x=alt.X("week_start:T", axis=charts.date_axis(fmt="%d %b %Y"), title="Week starting"),
            y=alt.Y("share:Q", stack=True, axis=charts.pct_axis("Share of the top models' tokens")),
            opacity=alt.Opacity(
                "week:N", title="Week", scale=alt.Scale(domain=["collected live", BACKFILL_LABEL], range=[1.0, 0.45])
            ),
            color=alt.Color(
                "creator_country:N",
                title="Creator's country",
                scale=alt.Scale(domain=list(COUNTRY_COLORS), range=list(COUNTRY_COLORS.values())),
            ),
            order=alt.Order("creator_country:N", sort="ascending"),
            tooltip=[
                alt.Tooltip("week_start:T", format="%Y-%m-%d"),
                "creator_country",
                alt.Tooltip("share:Q", format=".0%"),
                alt.Tooltip("total_tokens:Q", format=".3s"),
                "backfilled",
            ],
        )
    )
    rule = alt.Chart(article).mark_rule(color=charts.INK, strokeDash=[3, 3]).encode(x="week_start:T")
    label = (
        alt.Chart(article)
        .mark_text(align="center", y=-8, fontSize=10, color=charts.INK)
        .encode(x="week_start:T", text="label:N")
    )
    half = alt.Chart(pd.DataFrame({"share": [0.5]})).mark_rule(color="white", strokeDash=[2, 2]).encode(y="share:Q")
    return (bars + half + rule + label).properties(height=320)


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
    return (
        alt.Chart(df)
        .mark_bar()
        .encode(
            x=alt.X("value:Q", title=None),
            y=alt.Y("creator:N", sort=order, title=None),
            color=alt.condition("datum.all", alt.value(charts.INK), alt.value(charts.OKABE_ITO["blue"])),
            tooltip=["creator", "metric", alt.Tooltip("value:Q", format=".3~g"), "n_model_weeks"],
        )
        .properties(width=120, height=260)
        .facet(
            column=alt.Column(
                "metric:N",
                title=None,
                sort=list(MIX_METRICS.values()),
                header=alt.Header(labelFontSize=11, labelLimit=130),
            )
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
        .mark_bar(width=14)
        .encode(
            x=alt.X("week_start:T", axis=charts.date_axis(fmt="%d %b %Y"), title="Week starting"),
            y=alt.Y(
                "sum(spend_usd_million):Q",
                axis=charts.usd_axis("Estimated spend per week at list prices (USD million)"),
            ),
            color=alt.Color(
                "creator_country:N",
                title="Creator's country",
                scale=alt.Scale(domain=list(COUNTRY_COLORS), range=list(COUNTRY_COLORS.values())),
            ),
            tooltip=[
                alt.Tooltip("week_start:T", format="%Y-%m-%d"),
                "creator_country",
                alt.Tooltip("spend_usd_million:Q", format="$,.2f", title="USD million"),
                "backfilled",
            ],
        )
    )
    return (bars + _backfill_band(df.drop_duplicates("week_start"))).properties(height=300)


def jevons_data() -> pd.DataFrame:
    ws = shift.weekly_spend(shift.estimated_spend(_weekly()))
    out = shift.jevons_index(ws)
    out["backfilled"] = out["backfilled"].astype(bool)
    return out


def jevons_chart(df: pd.DataFrame) -> alt.LayerChart:
    lines = (
        alt.Chart(df)
        .mark_line(point=True)
        .encode(
            x=alt.X("week_start:T", axis=charts.date_axis(fmt="%d %b %Y"), title="Week starting"),
            y=alt.Y("index:Q", scale=charts.log_scale(), axis=charts.log_axis("Index, first week = 1")),
            color=alt.Color(
                "series:N",
                title=None,
                legend=alt.Legend(orient="bottom"),
                scale=alt.Scale(
                    range=[charts.OKABE_ITO["blue"], charts.OKABE_ITO["vermillion"], charts.OKABE_ITO["bluish_green"]]
                ),
            ),
            tooltip=[
                alt.Tooltip("week_start:T", format="%Y-%m-%d"),
                "series",
                alt.Tooltip("index:Q", format=".2f"),
                "backfilled",
            ],
        )
    )
    return (_backfill_band(df.drop_duplicates("week_start")) + lines).properties(height=300)


# ---------------------------------------------------------------------------------------------------------------
# Registration (titles computed from the data)


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
                "Each point is one organisation's estimate of inference's share for a year (source grade in "
                "brackets), coloured by what is shared (compute, spend, capex, installed accelerators, workloads, "
                "data-centre power); triangles are floors ('more than'); grade C points are unconfirmed and drawn "
                "faint. Dashed lines: the article's "
                "claims."
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
                f"{n['n-models-backfilled']:.0f} to {n['n-models-live']:.0f} models; squares mark back-filled weeks, "
                "triangles figures given as floors."
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
            "model present in the top list two weeks running. Grey ticks are back-filled weeks. The red line "
            f"is the article's {n['article-wow-pct']:+.1f}%."
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
