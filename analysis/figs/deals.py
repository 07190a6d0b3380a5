"""Figures of chapter 1, "Deal terms": what OpenAI agreed with Cerebras and whether the numbers add up."""

from __future__ import annotations

from functools import cache

import altair as alt
import numpy as np
import pandas as pd

from analysis import charts
from analysis import deals as dl
from analysis import scenarios as sc
from analysis.data import load
from analysis.figures import Figure, register

PAGE = "chapters/01_deal_terms"
# The theme's semantic colours (analysis.charts): the article, other sources, cost estimates, market prices, context.
ARTICLE, OTHER, COST, MARKET, GREY = charts.ARTICLE, charts.REPORTED, charts.COST, charts.MARKET, charts.NEUTRAL
USD_BN = "$,.4~g"  # tooltip format of USD amounts; the unit (billion, million) is in the title


def _register(slug: str, data, chart, **text: str | tuple[str, ...]) -> None:
    """Register `fig-deals-<slug>` on this chapter's page; `text` holds title, caption, alt, units, datasets, source."""
    register(Figure(id=f"fig-deals-{slug}", page=PAGE, data=data, chart=chart, **text))


@cache
def results() -> dict:
    """Every number the chapter's figures need, computed once per process (seeded, so always the same)."""
    deals, events, priors = load("compute_deals"), load("deal_events"), load("cost_priors")
    draws = sc.sample(priors)
    values = dl.cerebras_reported_values(deals)
    return {
        "deals": deals,
        "events": events,
        "priors": priors,
        "draws": draws,
        "ratios": dl.article_ratio(events, ("commitment_usd_bn", "loan_usd_bn", "spend_threshold_usd_bn")),
        "openai": dl.openai_deals(deals),
        "cumulative": dl.cumulative_commitments(deals),
        "benchmarks": sc.cost_benchmarks(draws),
        "versions": sc.reported_versions(values, draws),
        "tornado": sc.tornado(priors, sc.cerebras_build),
    }


def april_values() -> dict[str, float]:
    """The April 2026 Cerebras figures: the floor and the total reported elsewhere, and the article's floor."""
    d = results()["deals"]
    apr = d[d["deal_id"] == "CER-02"]
    others, art = apr[~apr["is_article_claim"]], apr[apr["is_article_claim"]]
    return {
        "floor": float(others["value_low_usd_bn"].median()),
        "total": float(others["value_high_usd_bn"].max()),
        "article": float(art["value_low_usd_bn"].iloc[0]),
    }


# --- 1. timeline of reported values --------------------------------------------------------------------------

_QUANTITY_LABEL = {
    "commitment_usd_bn": "Commitment",
    "loan_usd_bn": "Loan / data-centre funding",
    "spend_threshold_usd_bn": "Spend for ~10% stake",
}


def timeline_data() -> pd.DataFrame:
    """One row per (event, figure, value, source family) with how many sources give it and who they are."""
    ev = results()["events"]
    sel = ev[ev["quantity"].isin(_QUANTITY_LABEL)].copy()
    sel["value_usd_bn"] = sel["value_low"].fillna(sel["value_high"])
    sel["figure"] = sel["quantity"].map(_QUANTITY_LABEL)
    sel["source"] = sel["is_article_claim"].map({True: "The article (17 Apr 2026)", False: "Other sources"})
    sel["event_date"] = sel["event_date"].dt.strftime("%Y-%m-%d")
    keys = ["event_date", "event_label", "figure", "value_usd_bn", "source"]
    out = sel.groupby(keys, as_index=False).agg(
        n_sources=("claim_id", "size"),
        grades=("grade", lambda g: "".join(sorted(set(g)))),
        publishers=("publisher", lambda p: "; ".join(sorted(set(p)))),
    )
    return out.sort_values(["event_date", "figure", "source"]).reset_index(drop=True)


def timeline_chart(df: pd.DataFrame) -> alt.Chart:
    return (
        alt.Chart(df)
        .mark_point(filled=True, opacity=0.85)
        .encode(
            x=alt.X(
                "event_date:T",
                title="Event date",
                axis=alt.Axis(format="%b %Y", tickCount={"interval": "month", "step": charts.sized(1, 2)}),
                scale=alt.Scale(padding=24),
            ),
            y=alt.Y(
                "value_usd_bn:Q",
                title="Reported value, USD billion (log scale)",
                scale=alt.Scale(type="log", domain=[0.5, 500]),
                axis=alt.Axis(format="$,.4~g"),
            ),
            color=alt.Color(
                "source:N",
                title="Figure from",
                scale=alt.Scale(range=[OTHER, ARTICLE], domain=["Other sources", "The article (17 Apr 2026)"]),
            ),
            shape=alt.Shape("figure:N", title="Figure reported"),
            size=alt.Size(
                "n_sources:Q",
                title="Sources giving it",
                scale=alt.Scale(range=[80, 400], zero=False),
                legend=charts.legend(narrow_kw={"direction": "horizontal"}, tickMinStep=1, format="d"),
            ),
            tooltip=[
                charts.tip("event_label:N", "Event"),
                charts.tip("figure:N", "Figure reported"),
                charts.tip("value_usd_bn:Q", "Reported value (USD billion)", USD_BN),
                charts.tip("source:N", "Figure from"),
                charts.tip("n_sources:Q", "Sources giving it", "d"),
                charts.tip("grades:N", "Source grades (A primary, B secondary, C unconfirmed)"),
                charts.tip("publishers:N", "Publishers"),
            ],
        )
        .properties(width=charts.sized(420, charts.NARROW_PLOT_WIDTH_PX), height=charts.sized(300, 260))
    )


def _graded(grades) -> str:
    """A set of grades as text: 'graded C', 'graded B or C'."""
    return "graded " + dl.join_names(sorted(set(grades))).replace(" and ", " or ")


def _timeline_grades() -> str:
    """The grades of the points in the timeline."""
    return _graded("".join(timeline_data()["grades"]))


def _timeline_title() -> str:
    ratios = results()["ratios"]["ratio"]
    factor = f"{ratios.iloc[0]:g}" if ratios.nunique() == 1 else f"{ratios.min():g}-{ratios.max():g}"
    return f"Every Cerebras dollar figure in the article is {factor} times what other sources report"


_register(
    "cerebras-versions",
    timeline_data,
    timeline_chart,
    title=_timeline_title(),
    caption=(
        "Each point is one source's figure for one event of the OpenAI-Cerebras relationship (log scale): "
        "the January 2026 agreement, the April 2026 expansion, the loan towards data centres and the spend "
        "that would bring OpenAI's stake to its reported ceiling. Hover for source and grade; all sources here are "
        f"{_timeline_grades()} (rewrites of The Information, Reuters, WSJ and S-1 coverage)."
    ),
    alt="Scatter of reported dollar values by event date; the article's points sit exactly one order of magnitude "
    "above the cluster of other sources for the commitment, loan and stake-threshold figures.",
    units="USD billion (log scale) against event date",
    datasets=("deal_events",),
    source=f"Source: deal_events (claim ledger of news pages, {_timeline_grades()}); analysis: this report",
)


# --- 2. OpenAI's commitments compared ------------------------------------------------------------------------


def commitments_data() -> pd.DataFrame:
    df = results()["openai"].copy()
    # Seller and announcement date name a deal for a reader (the id stays in its own column).
    df["deal"] = df["seller"].str.replace(r" \(.*\)", "", regex=True) + ", " + df["announced"].dt.strftime("%-d %b %Y")
    if df["deal"].duplicated().any():
        raise ValueError(f"two OpenAI deals share a seller and a date: {df.loc[df['deal'].duplicated(), 'deal_id']}")
    df["status"] = df["confirmed"].map({True: "Confirmed by a party or filing", False: "Reported only"})
    df["announced"] = df["announced"].dt.strftime("%Y-%m-%d")
    cols = [
        "deal",
        "deal_id",
        "announced",
        "headline_usd_bn",
        "value_basis",
        "capacity_gw",
        "duration_years",
        "usd_bn_per_year",
        "usd_m_per_mw",
        "status",
        "grade",
    ]
    return df[cols].sort_values("announced").reset_index(drop=True)


def commitments_chart(df: pd.DataFrame) -> alt.TopLevelMixin:
    order = df["deal"].tolist()
    colour = alt.Color(
        "status:N",
        title=None,
        scale=alt.Scale(range=[OTHER, GREY], domain=["Confirmed by a party or filing", "Reported only"]),
        legend=charts.legend(orient="top"),
    )
    # Every deal keeps its row (a deal with neither value nor capacity has an empty row); on a narrow chart the
    # date goes on a second line.
    labels = "split(datum.label, ', ')" if charts.narrow() else "datum.label"
    y = alt.Y("deal:N", sort=order, title=None, scale=alt.Scale(domain=order), axis=alt.Axis(labelExpr=labels))
    base = alt.Chart(df).encode(
        y=y,
        color=colour,
        tooltip=[
            charts.tip("deal:N", "Deal"),
            charts.tip("announced:T", "Announced", "%d %b %Y"),
            charts.tip("headline_usd_bn:Q", "Headline value (USD billion)", USD_BN),
            charts.tip("value_basis:N", "Value stated as"),
            charts.tip("capacity_gw:Q", "Capacity (GW)", ",.3~g"),
            charts.tip("duration_years:Q", "Term (years)", ".2~f"),
            charts.tip("usd_bn_per_year:Q", "USD billion a year", "$,.3~g"),
            charts.tip("usd_m_per_mw:Q", "USD million per MW", "$,.3~g"),
            charts.tip("status:N", "Status"),
            charts.tip("grade:N", "Source grade (A primary, B secondary, C unconfirmed)"),
        ],
    )
    height = charts.sized(18 * len(order), 28 * len(order))
    value = (
        base.transform_filter("isValid(datum.headline_usd_bn)")
        .mark_bar()
        .encode(x=alt.X("headline_usd_bn:Q", title="Headline value, USD billion", axis=alt.Axis(format="$,.4~g")))
        .properties(width=charts.sized(230, 195), height=height)
    )
    gw = (
        base.transform_filter("isValid(datum.capacity_gw)")
        .mark_bar()
        .encode(x=alt.X("capacity_gw:Q", title="Capacity, GW"))
        .properties(width=charts.sized(150, 195), height=height)
    )
    if not charts.narrow():
        gw = gw.encode(y=alt.Y("deal:N", sort=order, scale=alt.Scale(domain=order), axis=None))
    return charts.side_by_side(value, gw).resolve_scale(y="shared")


def _undisclosed_names() -> str:
    return dl.join_names(dl.undisclosed_value_deals(results()["openai"])["name"].tolist())


def _commitments_title() -> str:
    df = results()["openai"]
    cer = df[df["deal_id"] == "CER-02"]["headline_usd_bn"].iloc[0]
    rank = int((df["headline_usd_bn"].dropna() > cer).sum())
    n = int(df["headline_usd_bn"].notna().sum())
    return (
        f"At ${cer:g}B, the Cerebras agreement is one of OpenAI's smaller commitments: {rank} of the {n} "
        "deals with a disclosed value are larger"
    )


_register(
    "openai-commitments",
    commitments_data,
    commitments_chart,
    title=_commitments_title(),
    caption=(
        "OpenAI's compute deals, one bar per deal (consensus version: the value most non-article sources "
        "give). Left: headline value (the stated floor, or the cap of an 'up to'); right: capacity where "
        f"stated. Deals without a disclosed value have no value bar: {_undisclosed_names()}. "
        "Stargate rows are joint-venture plans and Nvidia's is a non-binding letter of intent."
    ),
    alt="Two horizontal bar charts sharing deal names: headline value and capacity of each OpenAI deal; "
    "the Cerebras bars are among the shortest in both.",
    units="USD billion; GW",
    datasets=("compute_deals",),
    source="Source: compute_deals (filings, company posts and news pages, grades A-C); analysis: this report",
)


# --- 3. cumulative commitments --------------------------------------------------------------------------------


_CUMULATIVE_SERIES = {
    "All announced or reported": "all",
    "Confirmed by a party or filing": "confirmed",
    "Confirmed, on a grade A/B source": "confirmed_ab",
}


def cumulative_data() -> pd.DataFrame:
    cum = results()["cumulative"]
    rows = []
    for series, suffix in _CUMULATIVE_SERIES.items():
        for rec in cum.to_dict("records"):
            rows.append(
                {
                    "announced": rec["announced"].strftime("%Y-%m-%d"),
                    "deal_id": rec["deal_id"],
                    "series": series,
                    "cum_usd_bn": rec[f"cum_usd_bn_{suffix}"],
                    "cum_gw": rec[f"cum_gw_{suffix}"],
                }
            )
    return pd.DataFrame(rows)


def cumulative_chart(df: pd.DataFrame) -> alt.TopLevelMixin:
    # Light to dark as the count gets stricter: everything, then confirmed deals, then those on A/B sources.
    colour = alt.Color(
        "series:N",
        title=None,
        scale=alt.Scale(range=[GREY, charts.OKABE_ITO["sky_blue"], OTHER], domain=list(_CUMULATIVE_SERIES)),
        legend=charts.legend(orient="top", columns=1),
    )
    base = alt.Chart(df).encode(
        x=alt.X("announced:T", title="Announced", axis=alt.Axis(format="%b %Y", labelOverlap="greedy")),
        color=colour,
        tooltip=[
            charts.tip("announced:T", "Announced", "%d %b %Y"),
            charts.tip("deal_id:N", "Deal added"),
            charts.tip("series:N", "Deals counted"),
            charts.tip("cum_usd_bn:Q", "Running total (USD billion)", USD_BN),
            charts.tip("cum_gw:Q", "Running total (GW)", ",.3~g"),
        ],
    )
    size = {"width": charts.sized(265, charts.NARROW_PLOT_WIDTH_PX), "height": charts.sized(260, 220)}
    usd = base.mark_line(interpolate="step-after", point=True).encode(
        y=alt.Y("cum_usd_bn:Q", title="Cumulative commitments, USD billion", axis=alt.Axis(format="$,.4~g"))
    )
    gw = base.mark_line(interpolate="step-after", point=True).encode(
        y=alt.Y("cum_gw:Q", title="Cumulative capacity, GW")
    )
    return charts.side_by_side(usd.properties(**size), gw.properties(**size))


def _weak_confirmed(with_publisher: bool = False) -> str:
    """The confirmed deals read only on grade-C pages, as text: "Microsoft's $250B and ..." (optionally with the
    page they were read on)."""
    parts = []
    for rec in dl.confirmed_on_weak_sources(results()["cumulative"]).to_dict("records"):
        seller = rec["seller"].split(" (")[0]
        owner = seller + ("'" if seller.endswith("s") else "'s")
        page = f" (read on a {rec['publisher'].split(' (')[0]} page)" if with_publisher else ""
        parts.append(f"{owner} ${rec['add_usd_bn']:g}B{page}")
    return dl.join_names(parts)


def _cumulative_title() -> str:
    last = results()["cumulative"].iloc[-1]
    return (
        f"By {last['announced']:%B %Y} OpenAI had committed about ${last['cum_usd_bn_all']:.0f}B and "
        f"{last['cum_gw_all']:.1f} GW; ${last['cum_usd_bn_confirmed']:.0f}B was stated by the companies, "
        f"${last['cum_usd_bn_confirmed_ab']:.0f}B of it on a grade A or B source"
    )


_register(
    "cumulative",
    cumulative_data,
    cumulative_chart,
    title=_cumulative_title(),
    caption=(
        "Running totals of OpenAI's compute deals by announcement date. Aggregates (Altman's total), "
        "Stargate plans, Nvidia's non-binding letter and its equity investment, and duplicate rows are left "
        "out; a deal that restates an earlier one adds only the difference (Cerebras April vs January; "
        "Oracle's reported value vs its July capacity). 'Confirmed': stated by a party or a filing; the "
        f"A/B line keeps only those read on a primary or reputable page (it leaves out {_weak_confirmed()})."
    ),
    alt="Two step charts. Dollar commitments jump with Oracle's reported value in September 2025 and Microsoft's "
    "in October 2025; the confirmed-only line stays lower because Oracle's value was never confirmed.",
    units="USD billion; GW; against announcement date",
    datasets=("compute_deals",),
    source="Source: compute_deals; analysis: this report",
)


# --- 4. USD per MW-year: benchmarks vs reported versions ------------------------------------------------------


def mw_year_data() -> pd.DataFrame:
    r = results()
    df = pd.concat([r["benchmarks"], r["versions"].drop(columns="value_usd_bn")], ignore_index=True)
    return df[["series", "label", "kind", "median", "low", "high"]]


def interval_chart(
    df: pd.DataFrame, kinds: dict[str, tuple[str, str]], x_title: str, unit: str, width: int, height: int
) -> alt.LayerChart:
    """Median points with interval bars on a log x axis, one row per `label`, coloured by `kind`.

    `kinds` maps each kind to (colour, legend text); the chart keeps the row order of `df`. `unit` names the
    values in the tooltip ("USD million per MW-year").
    """
    legend_text = "{" + ", ".join(f"'{k}': '{text}'" for k, (_, text) in kinds.items()) + "}[datum.label]"
    colour = alt.Color(
        "kind:N",
        title=None,
        scale=alt.Scale(domain=list(kinds), range=[c for c, _ in kinds.values()]),
        legend=charts.legend(labelExpr=legend_text, orient="top", columns=2),
    )
    labels = df["label"].tolist()
    base = alt.Chart(df).encode(
        y=alt.Y(
            "label:N",
            sort=labels,
            title=None,
            axis=alt.Axis(labelExpr=charts.wrap_labels_expr(labels, charts.sized(60, 24))),
        ),
        color=colour,
        tooltip=[
            charts.tip("label:N", "Estimate"),
            charts.tip("median:Q", f"Median ({unit})", "$,.3~g"),
            charts.tip("low:Q", f"{LEVEL_TEXT} from ({unit})", "$,.3~g"),
            charts.tip("high:Q", f"{LEVEL_TEXT} to ({unit})", "$,.3~g"),
        ],
    )
    lo, hi = 10 ** np.floor(np.log10(df["low"].min())), 10 ** np.ceil(np.log10(df["high"].max()))
    x = alt.X(
        "low:Q",
        title=x_title,
        scale=alt.Scale(type="log", domain=[lo, hi], nice=False),
        axis=alt.Axis(format="$,.4~g", values=charts.log_ticks(lo, hi)),
    )
    row = charts.sized(alt.Step(26), alt.Step(34))
    return (
        base.mark_rule(strokeWidth=3).encode(x=x, x2="high:Q")
        + base.mark_point(filled=True, size=80).encode(x="median:Q")
    ).properties(width=charts.sized(width, 170), height=row if height is None else height)


LEVEL_TEXT = f"{100 * sc.INTERVAL_LEVEL:.0f}% interval"


def mw_year_chart(df: pd.DataFrame) -> alt.LayerChart:
    kinds = {
        "cost": (COST, "Cost estimate"),
        "market": (MARKET, "Market rental price"),
        "reported": (OTHER, "Deal as reported elsewhere"),
        "article": (ARTICLE, "Deal as in the article"),
    }
    title = charts.sized(
        f"USD million per MW-year (log scale; point = median, bar = {LEVEL_TEXT})",
        ["USD million per MW-year (log scale)", f"point = median, bar = {LEVEL_TEXT}"],
    )
    return interval_chart(df, kinds, title, "USD million per MW-year", 360, None)


# Benchmarks as a title names them.
_BENCHMARK_NAMES = {
    "cerebras_build": "the cost of Cerebras systems",
    "gpu_build": "the cost of NVIDIA B200 servers",
    "allin_capex": "the all-in capex CEOs quote",
    "gpu_rental": "GPU rental",
}


def _mw_year_where() -> tuple[str, str]:
    """Where the versions reported elsewhere fall among the benchmarks (by medians), and the figure's title: the
    article's version against GPU rental, then that phrase (it never says more than the medians show)."""
    r = results()
    bench = r["benchmarks"].set_index("series")["median"]
    missing = set(bench.index) - set(_BENCHMARK_NAMES)
    if missing:
        raise ValueError(f"benchmarks without a name for the title: {sorted(missing)}")
    rental = bench.loc["gpu_rental"]
    a = april_values()
    art = r["versions"].set_index("value_usd_bn").loc[a["article"], "median"]
    rep = r["versions"][r["versions"]["kind"] == "reported"].sort_values("median")
    lo, hi = rep.iloc[0], rep.iloc[-1]
    above_all = [_BENCHMARK_NAMES[k] for k in bench.sort_values().index if bench[k] > hi["median"]]
    below_all = [_BENCHMARK_NAMES[k] for k in bench.sort_values().index if bench[k] < lo["median"]]
    where = f"below {dl.join_names(above_all)}" if above_all else "above some benchmarks"
    if not below_all:
        where += f", the ${lo['value_usd_bn']:g}B one below every benchmark"
    return where, (
        f"The article's ${a['article']:g}B implies ${art:.0f}M per MW-year, {art / rental:.1f}x the median price of "
        f"renting GPUs on demand; the ${rep['value_usd_bn'].min():g}-{rep['value_usd_bn'].max():g}B reported "
        f"elsewhere imply ${lo['median']:.0f}-{hi['median']:.0f}M, {where}"
    )


def _mw_year_title() -> str:
    return _mw_year_where()[1]


_register(
    "usd-per-mw-year",
    mw_year_data,
    mw_year_chart,
    title=_mw_year_title(),
    caption=(
        "What a MW of inference capacity costs per year (cost estimates and GPU rental, Monte Carlo over the "
        "priors table) against what each reported version of the OpenAI-Cerebras deal pays per MW-year "
        "(value over the contracted MW, the contract term and the average share of capacity in service). "
        f"Medians and {LEVEL_TEXT}s of seeded draws."
    ),
    alt=f"Interval plot on a log scale. The deal versions reported elsewhere fall {_mw_year_where()[0]} (by "
    "their medians); the article's versions fall to the right of every benchmark.",
    units="USD million per MW-year (log scale)",
    datasets=("cost_priors", "compute_deals"),
    source="Source: cost_priors (Epoch AI, CBRE, EIA, Uptime, NVIDIA), compute_deals; analysis: this report",
)


# --- 5. tornado -----------------------------------------------------------------------------------------------


def tornado_data() -> pd.DataFrame:
    t = results()["tornado"]
    priors = results()["priors"].set_index("parameter")
    rows = []
    for rec in t.to_dict("records"):
        label = priors.loc[rec["parameter"], "label"]
        for end in ("low", "high"):
            rows.append(
                {
                    "parameter": rec["parameter"],
                    "label": label,
                    "input_at": f"input at its {end}",
                    "output_usd_m": rec[f"output_at_{end}"] / 1e6,
                    "central_usd_m": rec["central_output"] / 1e6,
                }
            )
    return pd.DataFrame(rows)


def tornado_chart(df: pd.DataFrame) -> alt.LayerChart:
    order = df.drop_duplicates("label")["label"].tolist()
    # Low and high ends of an input: a light and a dark blue (an order, not a meaning of their own).
    ends = ["input at its low", "input at its high"]
    bars = (
        alt.Chart(df)
        .mark_bar()
        .encode(
            y=alt.Y(
                "label:N",
                sort=order,
                title=None,
                axis=alt.Axis(labelExpr=charts.wrap_labels_expr(order, charts.sized(40, 26))),
            ),
            x=alt.X(
                "central_usd_m:Q",
                title=charts.sized(
                    "Cost of Cerebras capacity, USD million per MW-year",
                    ["Cost of Cerebras capacity", "USD million per MW-year"],
                ),
                axis=alt.Axis(format="$,.3~g"),
            ),
            x2="output_usd_m:Q",
            color=alt.Color(
                "input_at:N",
                title=None,
                scale=alt.Scale(domain=ends, range=[charts.OKABE_ITO["sky_blue"], OTHER]),
                legend=charts.legend(orient="top"),
            ),
            tooltip=[
                charts.tip("label:N", "Input"),
                charts.tip("input_at:N", "Set to"),
                charts.tip("output_usd_m:Q", "Cost (USD million per MW-year)", "$,.3~g"),
                charts.tip("central_usd_m:Q", "All inputs central (USD million per MW-year)", "$,.3~g"),
            ],
        )
    )
    rule = alt.Chart(df).mark_rule(color="black").encode(x="mean(central_usd_m):Q")
    return (bars + rule).properties(width=charts.sized(380, 170), height=charts.sized(alt.Step(30), alt.Step(40)))


def _tornado_title() -> str:
    t = results()["tornado"]
    labels = results()["priors"].set_index("parameter")["label"]
    return f"{labels[t['parameter'].iloc[0]]} moves the cost of Cerebras capacity most"


_register(
    "tornado",
    tornado_data,
    tornado_chart,
    title=_tornado_title(),
    caption=(
        "One-at-a-time sensitivity of the Cerebras cost route: each input set to the low and the high end of "
        "its prior while the others stay central. The black line is the output with all inputs central."
    ),
    alt="Tornado chart; system price and power per system dominate, facility rent, PUE and power price matter little.",
    units="USD million per MW-year",
    datasets=("cost_priors",),
    source="Source: cost_priors; analysis: this report",
)


# --- 6. warrants ------------------------------------------------------------------------------------------------


def warrant_data() -> pd.DataFrame:
    p = results()["priors"].set_index("parameter")
    shares = p.loc["cerebras_warrant_shares_m"]
    strike = p.loc["cerebras_warrant_strike_usd", "central"]
    rows = []
    for price_key, price_label in (
        ("cerebras_ipo_price_usd", "IPO price"),
        ("cerebras_first_close_usd", "first-day close"),
    ):
        price = p.loc[price_key, "central"]
        for spend in (april_values()["floor"], p.loc["cerebras_spend_threshold_usd_bn", "central"]):
            vals = [sc.warrant_value_usd_bn(shares[k], price, strike) for k in ("low", "central", "high")]
            rows.append(
                {
                    "deal": "OpenAI-Cerebras",
                    "case": f"Cerebras at {price_label} ${price:g}, ${spend:g}B spend",
                    "warrant_usd_bn": vals[1],
                    "rebate_pct": 100 * vals[1] / spend,
                    "rebate_low_pct": 100 * vals[0] / spend,
                    "rebate_high_pct": 100 * vals[2] / spend,
                }
            )
    amd_shares = p.loc["amd_warrant_shares_m", "central"]
    gw = p.loc["amd_contract_mw", "central"] / 1000
    rev = p.loc["amd_revenue_usd_bn_per_gw"]
    for price_key, end, label in (
        ("amd_price_usd", "low", "before the deal"),
        ("amd_price_usd", "central", "at the first open"),
        ("amd_final_hurdle_usd", "central", "at the final hurdle"),
    ):
        price = p.loc[price_key, end]
        value = sc.warrant_value_usd_bn(amd_shares, price, p.loc["amd_warrant_strike_usd", "central"])
        rows.append(
            {
                "deal": "OpenAI-AMD",
                "case": f"AMD {label} ${price:g}, {gw:g} GW bought",
                "warrant_usd_bn": value,
                "rebate_pct": 100 * value / (gw * rev["central"]),
                "rebate_low_pct": 100 * value / (gw * rev["high"]),
                "rebate_high_pct": 100 * value / (gw * rev["low"]),
            }
        )
    return pd.DataFrame(rows)


def warrant_chart(df: pd.DataFrame) -> alt.LayerChart:
    order = df["case"].tolist()
    base = alt.Chart(df).encode(
        y=alt.Y(
            "case:N",
            sort=order,
            title=None,
            axis=alt.Axis(labelExpr=charts.wrap_labels_expr(order, charts.sized(60, 26))),
        ),
        tooltip=[
            charts.tip("case:N", "Case"),
            charts.tip("warrant_usd_bn:Q", "Warrant value (USD billion)", "$,.3~g"),
            charts.tip("rebate_pct:Q", "Warrant value (% of spend)", ".3~g"),
            charts.tip("rebate_low_pct:Q", "Error bar from (% of spend)", ".3~g"),
            charts.tip("rebate_high_pct:Q", "Error bar to (% of spend)", ".3~g"),
        ],
    )
    # The labels name the deal: one colour for all bars.
    bars = base.mark_bar(color=OTHER, opacity=0.8).encode(
        x=alt.X("rebate_pct:Q", title="Warrant value as % of spend", axis=alt.Axis(format=",.0f"))
    )
    err = base.mark_rule(color="black").encode(x="rebate_low_pct:Q", x2="rebate_high_pct:Q")
    return (bars + err).properties(width=charts.sized(400, 160), height=charts.sized(alt.Step(30), alt.Step(38)))


def _warrant_caption_detail() -> str:
    p = results()["priors"].set_index("parameter")
    sh, rev = p.loc["cerebras_warrant_shares_m"], p.loc["amd_revenue_usd_bn_per_gw"]
    a = april_values()
    return (
        f"Cerebras: {sh['low']:g}-{sh['high']:g}M shares (error bars: range of reported counts) against "
        f"${a['floor']:g}B or the ~${p.loc['cerebras_spend_threshold_usd_bn', 'central']:g}B spend reported for "
        f"the full stake. AMD: {p.loc['amd_warrant_shares_m', 'central']:g}M shares against "
        f"{p.loc['amd_contract_mw', 'central'] / 1000:g} GW at ${rev['low']:g}-{rev['high']:g}B of AMD revenue "
        "per GW (error bars)."
    )


def _cerebras_warrant_grades() -> str:
    """Grades of the Cerebras warrant priors as text ('graded C')."""
    p = results()["priors"]
    return _graded(p.loc[p["parameter"].str.startswith("cerebras_"), "grade"])


def _warrant_title() -> str:
    df = warrant_data()
    first = df.iloc[0]
    return (
        f"At the IPO price OpenAI's Cerebras warrant is worth about ${first['warrant_usd_bn']:.1f}B, "
        f"{first['rebate_pct']:.0f}% of a ${april_values()['floor']:g}B spend"
    )


_register(
    "warrant",
    warrant_data,
    warrant_chart,
    title=_warrant_title(),
    caption=(
        "Intrinsic value of the warrants (shares x (price - exercise price)) as a share of the purchases they "
        "reward: an effective rebate, assuming full vesting. " + _warrant_caption_detail()
    ),
    alt="Horizontal bars of warrant value as a share of spend: the Cerebras warrant returns a large share "
    "of the spend at the IPO price and more at the first-day close; the AMD warrant returns a similar share at "
    "announcement prices and about the whole spend at its final price hurdle.",
    units="percent of spend",
    datasets=("cost_priors",),
    source=f"Source: cost_priors (AMD Exhibit 4.1; S-1 coverage, {_cerebras_warrant_grades()}); analysis: this report",
)


# --- 7. tokens --------------------------------------------------------------------------------------------------


# The API models compared, as cost_priors names their blended prices and price_history their list prices.
_API_MODELS = {
    "api_gpt5_usd_per_mtok": "GPT-5",
    "api_gpt5_mini_usd_per_mtok": "GPT-5 mini",
    "api_gpt5_nano_usd_per_mtok": "GPT-5 nano",
}


@cache
def api_prices() -> pd.DataFrame:
    """OpenAI's API list prices (input, output, 3:1 blend) of the models the priors compare with, from
    price_history's list-price rows; the blend must agree with the priors' (same source, rounded there)."""
    ph = load("price_history")
    rows = ph[(ph["source_kind"] == "api_list_prices") & ph["model"].isin(_API_MODELS.values())]
    rows = rows.sort_values("effective_date").drop_duplicates("model", keep="last").set_index("model")
    priors = results()["priors"].set_index("parameter")
    out = []
    for key, model in _API_MODELS.items():
        if model not in rows.index:
            raise ValueError(f"price_history has no API list price of {model}")
        row = rows.loc[model]
        blend = float(priors.loc[key, "central"])
        if not np.isclose(row["blended_3to1_usd_per_mtok"], blend, rtol=1e-3):
            raise ValueError(
                f"{model}: blended price {row['blended_3to1_usd_per_mtok']} in price_history, {blend} in priors"
            )
        out.append(
            {
                "key": key,
                "model": model,
                "input": float(row["input_usd_per_mtok"]),
                "output": float(row["output_usd_per_mtok"]),
                "blend": blend,
                "date": row["effective_date"],
            }
        )
    return pd.DataFrame(out).set_index("key")


def tokens_data() -> pd.DataFrame:
    """The deal's implied cost per million output tokens (estimate, interval) and the API's output list prices:
    per output token on both sides."""
    r = results()
    draws = r["draws"]
    rows = []
    a = april_values()
    for value, kind in ((a["floor"], "reported"), (a["total"], "reported"), (a["article"], "article")):
        stats = sc.interval(sc.usd_per_mtok(value, draws))
        rows.append({"label": f"${value:g}B deal, estimate", "kind": kind} | stats)
    for rec in api_prices().to_dict("records"):
        price = rec["output"]
        rows.append(
            {"label": f"{rec['model']} output list price", "kind": "api", "median": price, "low": price, "high": price}
        )
    return pd.DataFrame(rows)


def tokens_chart(df: pd.DataFrame) -> alt.LayerChart:
    kinds = {
        "reported": (OTHER, "Deal as reported elsewhere"),
        "article": (ARTICLE, "Deal as in the article"),
        "api": (MARKET, "OpenAI API output list price"),
    }
    title = charts.sized(
        f"USD per million output tokens (log scale; estimate: median and {LEVEL_TEXT})",
        ["USD per million output tokens (log scale)", f"estimate: median and {LEVEL_TEXT}"],
    )
    return interval_chart(df, kinds, title, "USD per million output tokens", 380, None)


def _tokens_title() -> str:
    td = tokens_data()
    deal = td[td["kind"] != "api"].set_index("label")
    a = april_values()
    floor, article = deal.loc[f"${a['floor']:g}B deal, estimate"], deal.loc[f"${a['article']:g}B deal, estimate"]
    flagship = api_prices().loc["api_gpt5_usd_per_mtok"]
    return (
        f"Estimate: at ${a['floor']:g}B OpenAI would pay about ${floor['median']:.2f} per million output tokens, at "
        f"the article's ${a['article']:g}B about ${article['median']:.1f}; {flagship['model']}'s output list price is "
        f"${flagship['output']:g}"
    )


_register(
    "tokens",
    tokens_data,
    tokens_chart,
    title=_tokens_title(),
    caption=(
        "Implied cost per million output tokens: yearly spend divided by the output tokens served from the "
        "delivered capacity (MW in service x output tokens/s per MW x utilisation). Throughput per MW is a proxy "
        "from GPU benchmarks (no Cerebras aggregate figure is public), so this is an estimate with a wide "
        "interval. It is compared with OpenAI's API list prices per output token; the API also charges for input "
        "tokens, so what OpenAI earns per output token is more than its output price."
    ),
    alt="Interval plot on a log scale comparing the implied cost per million output tokens of the deal versions "
    "with OpenAI's output list prices for GPT-5, GPT-5 mini and GPT-5 nano.",
    units="USD per million output tokens (log scale)",
    datasets=("cost_priors", "price_history"),
    source="Source: cost_priors (MLPerf via NVIDIA, SemiAnalysis, API prices), price_history (OpenAI list prices); "
    "analysis: this report (estimate)",
)


# --- numbers quoted in the chapter's text ------------------------------------------------------------------------


def _events_value(quantity: str, article: bool, event_id: str | None = None) -> float:
    ev = results()["events"]
    sel = ev[(ev["quantity"] == quantity) & (ev["is_article_claim"] == article)]
    if event_id:
        sel = sel[sel["event_id"] == event_id]
    return float(sel["value_low"].fillna(sel["value_high"]).median())


def chapter_numbers() -> dict[str, float | int | str]:
    """Every number the chapter's prose quotes, from the same results the figures use (so text and figures agree).

    Keys are glue names; USD values in the unit their name says (bn = billion, m = million).
    """
    r = results()
    deals, priors, draws = r["deals"], r["priors"].set_index("parameter"), r["draws"]
    out: dict[str, float | int | str] = {}
    cer = deals[deals["deal_id"].isin(dl.CEREBRAS_OPENAI)]
    out["n_cerebras_versions"] = len(cer)
    out["n_cerebras_article_versions"] = int(cer["is_article_claim"].sum())
    out["n_cerebras_grade_c"] = int((cer["grade"] == "C").sum())
    out["n_claim_rows"] = len(r["events"])
    out["jan_mw"] = float(priors.loc["contract_mw", "central"])
    out["term_years"] = float(priors.loc["contract_years", "central"])
    out["option_mw"] = float(cer["capacity_option_mw"].max())
    out["x_factor"] = float(r["ratios"]["ratio"].median())
    out["n_ratio_checks"] = len(r["ratios"])
    compared = r["events"][r["events"]["quantity"].isin(r["ratios"]["quantity"]) & ~r["events"]["is_article_claim"]]
    compared = compared[compared["event_id"].isin(r["ratios"]["event_id"])]
    out["n_ratio_other_rows"] = len(compared)
    out["n_ratio_other_grade_c"] = int((compared["grade"] == "C").sum())
    for key, (quantity, event) in {
        "jan": ("commitment_usd_bn", "E2-jan-agreement"),
        "apr": ("commitment_usd_bn", "E3-apr-expansion"),
        "loan": ("loan_usd_bn", None),
        "threshold": ("spend_threshold_usd_bn", None),
    }.items():
        out[f"{key}_others_usd_bn"] = _events_value(quantity, False, event)
        out[f"{key}_article_usd_bn"] = _events_value(quantity, True, event)
    out["warrant_shares_low_m"] = float(priors.loc["cerebras_warrant_shares_m", "low"])
    out["warrant_shares_high_m"] = float(priors.loc["cerebras_warrant_shares_m", "high"])
    out["loan_rate_pct"] = _events_value("loan_rate_pct", False)
    out["ipo_price_usd"] = float(priors.loc["cerebras_ipo_price_usd", "central"])
    out["first_close_usd"] = float(priors.loc["cerebras_first_close_usd", "central"])
    out["first_day_pct"] = _events_value("first_day_change_pct", False)
    out["rpo_usd_bn"] = _events_value("rpo_usd_bn", False)
    out["stake_ceiling_pct"] = _events_value("stake_ceiling_pct", False)

    od = r["openai"].set_index("deal_id")
    out["cer_usd_m_per_mw"] = float(od.loc["CER-03", "usd_m_per_mw"])
    out["cer_usd_bn_per_year"] = float(od.loc["CER-03", "usd_bn_per_year"])
    out["aws2_usd_m_per_mw"] = float(od.loc["OAI-AWS-02", "usd_m_per_mw"])
    out["orcl_usd_m_per_mw"] = float(od.loc["OAI-ORCL-02", "usd_m_per_mw"])
    out["orcl_usd_bn_per_year"] = float(od.loc["OAI-ORCL-02", "usd_bn_per_year"])
    out["n_openai_deals"] = len(od)
    out["n_openai_with_value"] = int(od["headline_usd_bn"].notna().sum())
    no_value = dl.undisclosed_value_deals(r["openai"])
    out["n_openai_no_value"] = len(no_value)
    out["openai_no_value_deals"] = dl.join_names(no_value["name"].tolist())
    cum = r["cumulative"].iloc[-1]
    for k in ("all", "confirmed", "confirmed_ab"):
        out[f"cum_usd_bn_{k}"] = float(cum[f"cum_usd_bn_{k}"])
        out[f"cum_gw_{k}"] = float(cum[f"cum_gw_{k}"])
    weak = dl.confirmed_on_weak_sources(r["cumulative"])
    out["cum_usd_bn_confirmed_weak"] = float(weak["add_usd_bn"].sum())
    out["confirmed_weak_deals"] = _weak_confirmed(with_publisher=True)
    cer_cum = r["cumulative"][r["cumulative"]["deal_id"].isin(dl.CEREBRAS_OPENAI)]
    out["cer_share_of_cum_pct"] = 100 * float(cer_cum["add_usd_bn"].sum()) / float(cum["cum_usd_bn_all"])
    out["cer_share_of_gw_pct"] = 100 * float(cer_cum["add_gw"].sum()) / float(cum["cum_gw_all"])

    out["altman_gw"] = float(deals.set_index("deal_id").loc["OAI-TOTAL", "capacity_gw"])
    out["level_pct"] = 100 * sc.INTERVAL_LEVEL
    out["n_draws"] = len(draws)
    out["seed"] = sc.SEED
    for rec in r["benchmarks"].to_dict("records"):
        for stat in ("median", "low", "high"):
            out[f"{rec['series']}_{stat}_usd_m"] = rec[stat]
    for rec in r["versions"].to_dict("records"):
        for stat in ("median", "low", "high"):
            out[f"{rec['series']}_{stat}_usd_m"] = rec[stat]
    art200 = sc.deal_usd_per_mw_year(april_values()["article"], draws)
    rep20 = sc.deal_usd_per_mw_year(april_values()["floor"], draws)
    out["art200_over_rental_median_x"] = float(np.median(art200 / sc.gpu_rental(draws)))
    out["art200_over_cerebras_median_x"] = float(np.median(art200 / sc.cerebras_build(draws)))
    out["p_art200_above_rental_pct"] = 100 * float(np.mean(art200 > sc.gpu_rental(draws)))
    out["p_art200_above_all_pct"] = 100 * float(
        np.mean(art200 > np.maximum.reduce([fn(draws) for _, fn in sc.COST_ROUTES.values()]))
    )
    out["p_rep20_below_cerebras_pct"] = 100 * float(np.mean(rep20 < sc.cerebras_build(draws)))
    out["p_rep20_above_gpu_build_pct"] = 100 * float(np.mean(rep20 > sc.gpu_build(draws)))
    t = r["tornado"]
    labels = r["priors"].set_index("parameter")["label"]
    out["tornado_top"] = str(labels[t["parameter"].iloc[0]])
    out["tornado_second"] = str(labels[t["parameter"].iloc[1]])
    out["tornado_top_swing_usd_m"] = float(t["swing"].iloc[0]) / 1e6
    out["cs3_price_usd_m"] = float(priors.loc["cs3_price_usd", "central"]) / 1e6
    out["cs3_kw"] = float(priors.loc["cs3_system_kw", "central"])

    w = warrant_data()
    out["warrant_ipo_usd_bn"] = float(w.iloc[0]["warrant_usd_bn"])
    out["rebate_ipo_20_pct"] = float(w.iloc[0]["rebate_pct"])
    out["rebate_ipo_30_pct"] = float(w.iloc[1]["rebate_pct"])
    out["warrant_close_usd_bn"] = float(w.iloc[2]["warrant_usd_bn"])
    out["rebate_close_20_pct"] = float(w.iloc[2]["rebate_pct"])
    amd = w[w["deal"] == "OpenAI-AMD"].reset_index(drop=True)
    out["amd_warrant_pre_usd_bn"] = float(amd.iloc[0]["warrant_usd_bn"])
    out["amd_rebate_pre_pct"] = float(amd.iloc[0]["rebate_pct"])
    out["amd_rebate_pre_low_pct"] = float(amd.iloc[0]["rebate_low_pct"])
    out["amd_rebate_pre_high_pct"] = float(amd.iloc[0]["rebate_high_pct"])
    out["amd_warrant_hurdle_usd_bn"] = float(amd.iloc[2]["warrant_usd_bn"])
    out["amd_rebate_hurdle_pct"] = float(amd.iloc[2]["rebate_pct"])
    out["amd_shares_m"] = float(priors.loc["amd_warrant_shares_m", "central"])
    out["amd_strike_usd"] = float(priors.loc["amd_warrant_strike_usd", "central"])
    out["amd_gw"] = float(priors.loc["amd_contract_mw", "central"]) / 1000
    out["amd_rev_low_usd_bn"] = float(priors.loc["amd_revenue_usd_bn_per_gw", "low"])
    out["amd_rev_high_usd_bn"] = float(priors.loc["amd_revenue_usd_bn_per_gw", "high"])
    out["amd_hurdle_usd"] = float(priors.loc["amd_final_hurdle_usd", "central"])
    out["cer_stake_pct"] = (
        100
        * float(priors.loc["cerebras_warrant_shares_m", "central"])
        / float(priors.loc["cerebras_fully_diluted_shares_m", "central"])
    )

    tokens = sc.interval(sc.tokens_per_year(draws) / 1e15)
    for stat in ("median", "low", "high"):
        out[f"tokens_quadrillion_{stat}"] = tokens[stat]
    td = tokens_data().set_index("label")
    a = april_values()
    for key, value in (("20", a["floor"]), ("30", a["total"]), ("200", a["article"])):
        row = td.loc[f"${value:g}B deal, estimate"]
        for stat in ("median", "low", "high"):
            out[f"usd_per_mtok_{key}_{stat}"] = float(row[stat])
    for key in ("api_gpt5_usd_per_mtok", "api_gpt5_mini_usd_per_mtok", "api_gpt5_nano_usd_per_mtok"):
        out[key] = float(priors.loc[key, "central"])
    out["tps_per_mw_low_m"] = float(priors.loc["tokens_per_s_per_mw", "low"]) / 1e6
    out["tps_per_mw_high_m"] = float(priors.loc["tokens_per_s_per_mw", "high"]) / 1e6
    out["n_priors"] = len(priors)
    out["n_priors_sampled"] = int(((priors["role"] == "mc_input") & (priors["distribution"] != "fixed")).sum())
    out["n_priors_grade_c"] = int((priors["grade"] == "C").sum())
    return {k: (v if isinstance(v, str) else (int(v) if isinstance(v, int) else float(v))) for k, v in out.items()}
