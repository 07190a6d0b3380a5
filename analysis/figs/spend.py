"""Figures of chapter 4, "What the two forces add up to" (chapters/04_inference_bill). Logic lives in analysis.spend."""

from __future__ import annotations

from functools import cache

import altair as alt
import numpy as np
import pandas as pd

from analysis import charts, spend
from analysis.figures import Figure, register

PAGE = "chapters/04_inference_bill"
# Vermillion (RED) marks the article's claims only.
BLUE, GREEN, RED, PURPLE, SKY = (
    charts.OKABE_ITO[k] for k in ("blue", "bluish_green", "vermillion", "reddish_purple", "sky_blue")
)
GREY = "#9a9a9a"
PROJECTION = "projection"
GRADE_SHAPES = {"A": "circle", "B": "square", "C, unconfirmed": "triangle-up"}
CI_TEXT = f"{100 * spend.CI:.0f}%"
INNER_TEXT = f"{100 * spend.INNER_BAND:.0f}%"
OR_SOURCE = (
    "Source: OpenRouter rankings (openrouter.ai/rankings) via the johnbean393/openrouter-inference-stats scrape, top "
    "10 models of each live week (grade A); spend at list prices. Analysis: this report."
)
PROJECTION_SOURCE = (
    "Source: volume growth fitted to OpenRouter's top models (chapter 2); price paths fitted to Epoch AI's and "
    "providers' prices (chapter 3); assumptions in data/editorial/spend_scenarios.yaml (sourced, graded). "
    "Analysis: this report (seeded Monte Carlo; a projection, not a forecast)."
)


@cache
def numbers() -> dict:
    """The chapter's numbers (computed once per process)."""
    return spend.chapter_numbers()


def _musd(x: float) -> str:
    """USD million with sign: '+$2.1M', '-$0.6M'."""
    return f"{'+' if x >= 0 else '-'}${abs(x):.1f}M"


def _grade(g: str) -> str:
    return "C, unconfirmed" if g == "C" else g


def _usd_log_axis(title: str, values: list[float]) -> alt.Axis:
    """A log-scale USD axis with round tick values ('$10', '$1,000'); the title says it is a log scale."""
    return alt.Axis(title=charts.log_title(title), format="$,.0f", values=values)


def _opacity_by_grade() -> alt.Opacity:
    """Opacity by source grade without a legend of its own (the shape legend names the grades)."""
    return charts.grade_opacity().legend(None)


# ---------------------------------------------------------------------------------------------------------------
# 1. decomposition

EFFECT_LABELS = {
    "volume": "Volume effect (models paid in both weeks)",
    "mix_within": "Shift between listed models",
    "mix_entry": "Models entering the top 10",
    "mix_exit": "Models leaving the top 10",
    "price": "List prices of the same models",
    "token_mix": "Input/cached/output mix within models",
}


def decomposition_data() -> pd.DataFrame:
    """The chained LMDI effects over the live weeks, USD million a week, and the total change."""
    s = spend.decomposition_summary(spend.results().chain_live)
    rows = [
        {"effect": label, "kind": "mix" if key.startswith("mix") else key, "usd_m": s[key] / 1e6}
        for key, label in EFFECT_LABELS.items()
    ]
    rows.append({"effect": "Total change in weekly spend", "kind": "total", "usd_m": s["change"] / 1e6})
    out = pd.DataFrame(rows)
    out["order"] = range(len(out))
    return out


def decomposition_chart(df: pd.DataFrame) -> alt.LayerChart:
    kinds = {
        "volume": (BLUE, "volume"),
        "mix": (SKY, "mix (which models)"),
        "price": (GREEN, "price"),
        "token_mix": (GREY, "token mix"),
        "total": (charts.INK, "total"),
    }
    base = alt.Chart(df).encode(
        y=alt.Y("effect:N", sort=df["effect"].tolist(), title=None, axis=alt.Axis(labelLimit=260)),
    )
    bars = base.mark_bar(height=18).encode(
        x=alt.X("usd_m:Q", axis=charts.usd_axis("Change in spend per week, USD million (list prices)")),
        color=alt.Color(
            "kind:N",
            title=None,
            scale=alt.Scale(domain=list(kinds), range=[c for c, _ in kinds.values()]),
            legend=None,
        ),
        tooltip=["effect", alt.Tooltip("usd_m:Q", format="+.2f", title="USD million a week")],
    )
    # A label sits right of whichever end of the bar is larger, so a short negative bar never hides under its text.
    labels = (
        base.transform_calculate(label_x="max(datum.usd_m, 0)")
        .mark_text(align="left", dx=4, fontSize=10, color=charts.MUTED)
        .encode(x=alt.X("label_x:Q"), text=alt.Text("usd_m:Q", format="+.2f"))
    )
    zero = alt.Chart(pd.DataFrame({"x": [0.0]})).mark_rule(color=charts.MUTED).encode(x="x:Q")
    return (bars + labels + zero).properties(height=230, width=360)


def _decomposition_title(n: dict) -> str:
    price, mix = n["dec-price-direction"], n["dec-mix-direction"]
    return (
        f"Volume, not cheaper tokens, moved the top models' bill: weekly spend rose ${n['dec-change-musd']:.1f}M "
        f"over {n['dec-n-weeks']:.0f} live weeks; the volume effect added {_musd(n['dec-volume-musd'])}, the shift "
        "between "
        f"models ({mix}) {_musd(n['dec-mix-musd'])}, and list prices {price} ({_musd(n['dec-price-musd'])})"
    )


# ---------------------------------------------------------------------------------------------------------------
# 2. elasticity


def elasticity_data() -> pd.DataFrame:
    r = spend.results()
    labels = {
        "fe": "Within models, model + week effects (all weeks)",
        "fe_live": "Within models, model + week effects (live weeks)",
        "cross": "Between models, week effects only",
    }
    rows = [
        {
            "estimate": labels[k],
            "kind": "this report",
            "value": e.estimate,
            "low": e.ci_low,
            "high": e.ci_high,
            "grade": "A",
        }
        for k, e in r.elasticities.items()
    ]
    b = r.bootstrap
    rows.append(
        {
            "estimate": "Within models, cluster bootstrap",
            "kind": "this report",
            "value": b["median"],
            "low": b["low"],
            "high": b["high"],
            "grade": "A",
        }
    )
    pub = r.assumptions.set_index("parameter").loc["published_demand_elasticity"]
    rows.append(
        {
            "estimate": "NBER working paper, across providers (relay, unconfirmed)",
            "kind": "published",
            "value": float(pub["central"]),
            "low": np.nan,
            "high": np.nan,
            "grade": str(pub["grade"]),
        }
    )
    return pd.DataFrame(rows)


def elasticity_chart(df: pd.DataFrame) -> alt.LayerChart:
    base = alt.Chart(df).encode(
        y=alt.Y("estimate:N", sort=df["estimate"].tolist(), title=None, axis=alt.Axis(labelLimit=320))
    )
    colour = alt.Color(
        "kind:N", title=None, scale=alt.Scale(domain=["this report", "published"], range=[BLUE, charts.INK])
    )
    x = alt.X(
        "value:Q",
        title=f"Price elasticity of token demand (point and {CI_TEXT} interval)",
        scale=alt.Scale(domain=[-2, 1.5]),
        axis=alt.Axis(values=charts.sized([-2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5], [-2, -1, 0, 1])),
    )
    bars = base.mark_rule(strokeWidth=3).encode(x=alt.X("low:Q"), x2="high:Q", color=colour)
    dots = base.mark_point(filled=True, size=80).encode(
        x=x,
        color=colour,
        shape=alt.Shape(
            "kind:N", title=None, scale=alt.Scale(domain=["this report", "published"], range=["circle", "diamond"])
        ),
        opacity=_opacity_by_grade(),
        tooltip=[
            "estimate",
            alt.Tooltip("value:Q", format="+.2f"),
            alt.Tooltip("low:Q", format="+.2f"),
            alt.Tooltip("high:Q", format="+.2f"),
            "grade",
        ],
    )
    refs = pd.DataFrame({"x": [-1.0, 0.0], "label": ["-1: cheaper tokens raise spend to the left", "0"]})
    rules = alt.Chart(refs).mark_rule(strokeDash=[4, 3], color=charts.MUTED).encode(x="x:Q")
    text = (
        alt.Chart(refs.iloc[:1])
        .mark_text(align="right", baseline="bottom", dx=-3, y=-4, fontSize=10, color=charts.MUTED)
        .encode(x="x:Q", text="label:N")
    )
    # 270 px on a desktop leaves room for the long estimate labels within the 680 px column.
    return (rules + text + bars + dots).properties(height=200, width=charts.sized(270, 380))


def _elasticity_title(n: dict) -> str:
    return (
        f"Demand for the top models did not answer price: within-model elasticity {n['el-fe']:+.2f} "
        f"({CI_TEXT} CI {n['el-fe-lo']:+.2f} to {n['el-fe-hi']:+.2f}), its interval above the -1 a Jevons effect "
        "needs; "
        f"identified by only the {n['el-fe-ident']:.0f} models whose list price changed at all while listed"
    )


# ---------------------------------------------------------------------------------------------------------------
# 3. fan chart with the market sizes

METRIC_LABELS = {
    "ai_inference_chip_market": "inference chip market",
    "ai_optimized_iaas_inference_spend": "cloud IaaS spend on inference",
    "consumer_ai_inference_chip_capex": "consumer-AI inference chip capex",
    "gpu_as_a_service_market": "GPU-as-a-service market",
    "inference_optimized_chip_market": "inference-optimised chips",
    "ai_data_center_spend_annual": "AI data-centre spend (all AI)",
    "ai_data_center_value": "AI data-centre value (all AI)",
    "high_end_ai_chip_spend": "high-end AI chips (all AI)",
}
# The projection is blue; published measures are coloured by family (tooltips name each one).
METRIC_FAMILIES = {
    "ai_inference_chip_market": "inference chips",
    "consumer_ai_inference_chip_capex": "inference chips",
    "inference_optimized_chip_market": "inference chips",
    "ai_optimized_iaas_inference_spend": "cloud and GPU rental",
    "gpu_as_a_service_market": "cloud and GPU rental",
    "ai_data_center_spend_annual": "all AI, not inference alone",
    "ai_data_center_value": "all AI, not inference alone",
    "high_end_ai_chip_spend": "all AI, not inference alone",
}
FAMILY_COLOURS = {"inference chips": PURPLE, "cloud and GPU rental": GREEN, "all AI, not inference alone": GREY}


def _band_rows(frame: pd.DataFrame, scale: float = 1.0) -> pd.DataFrame:
    out = frame.copy()
    for col in ("low", "q25", "median", "q75", "high"):
        out[col] = out[col] * scale
    return out


def fan_data() -> pd.DataFrame:
    """Fan quantiles per year (USD billion) and the published market points, in one long table (`layer`)."""
    r = spend.results()
    band = _band_rows(spend.fan(r.draws, r.inputs)).assign(layer=PROJECTION)
    pts = spend.market_points(r.market)
    pts = pd.DataFrame(
        {
            "layer": "published",
            "year": pts["year"].astype(int),
            "value": pts["value"],
            "series": pts["forecaster"] + ": " + pts["metric"].map(METRIC_LABELS),
            "metric": pts["metric"].map(METRIC_LABELS),
            "family": pts["metric"].map(METRIC_FAMILIES),
            "bound": np.where(pts["bound_type"] == "lower_bound", "floor ('more than')", "value"),
            "kind": pts["kind"],
            "grade": pts["grade"],
            "grade_label": pts["grade"].map(_grade),
        }
    )
    return pd.concat([band, pts], ignore_index=True)


def fan_chart(df: pd.DataFrame) -> alt.LayerChart:
    band = df[df["layer"] == PROJECTION]
    pts = df[df["layer"] == "published"]
    x = alt.X("year:Q", title=None, axis=alt.Axis(format="d", tickMinStep=1), scale=alt.Scale(domain=[2023, 2034]))
    y_axis = _usd_log_axis("USD billion a year", [1, 10, 100, 1000, 10000])
    y_scale = charts.log_scale(domain=[1, 30000])
    outer = (
        alt.Chart(band)
        .mark_area(color=BLUE, opacity=0.18)
        .encode(x=x, y=alt.Y("low:Q", axis=y_axis, scale=y_scale), y2="high:Q")
    )
    inner = alt.Chart(band).mark_area(color=BLUE, opacity=0.35).encode(x=x, y="q25:Q", y2="q75:Q")
    median = (
        alt.Chart(band)
        .mark_line(color=BLUE, strokeWidth=2.5)
        .encode(
            x=x,
            y="median:Q",
            tooltip=[
                alt.Tooltip("year:Q", format="d"),
                alt.Tooltip("median:Q", format="$,.0f", title="median, USD bn"),
                alt.Tooltip("low:Q", format="$,.1f", title=f"{CI_TEXT} low"),
                alt.Tooltip("high:Q", format="$,.0f", title=f"{CI_TEXT} high"),
            ],
        )
    )
    label_text = f"{PROJECTION}: median, {INNER_TEXT} and {CI_TEXT} bands"
    label_mark = {"fontSize": 11, "color": BLUE, "fontWeight": 700}
    if charts.narrow():  # no room right of the bands: the label goes in the empty top-left corner
        label = alt.Chart(band.head(1)).mark_text(align="left", baseline="top", x=4, y=4, **label_mark)
        label = label.encode(text=alt.value(label_text))
    else:
        label = alt.Chart(band.tail(1)).mark_text(align="left", dx=6, **label_mark)
        label = label.encode(x=x, y="median:Q", text=alt.value(label_text))
    colour = alt.Color(
        "family:N",
        title="Published measure",
        scale=alt.Scale(domain=list(FAMILY_COLOURS), range=list(FAMILY_COLOURS.values())),
        legend=alt.Legend(orient="bottom", columns=1),
    )
    lines = (
        alt.Chart(pts)
        .mark_line(strokeWidth=1, strokeDash=[2, 2])
        .encode(x=x, y="value:Q", color=colour, detail="series:N")
    )
    dots = (
        alt.Chart(pts)
        .mark_point(filled=True, size=70)
        .encode(
            x=x,
            y="value:Q",
            color=colour,
            shape=alt.Shape(
                "grade_label:N",
                title="Source grade",
                scale=alt.Scale(domain=list(GRADE_SHAPES), range=list(GRADE_SHAPES.values())),
                legend=alt.Legend(orient="bottom"),
            ),
            opacity=_opacity_by_grade(),
            tooltip=[
                "series",
                alt.Tooltip("year:Q", format="d"),
                alt.Tooltip("value:Q", format="$,.1f"),
                "bound",
                "kind",
                "grade_label",
            ],
        )
    )
    return (outer + inner + median + label + lines + dots).properties(height=380)


def _fan_title(n: dict) -> str:
    return (
        f"Projection: from an assumed {n['base-year']:.0f} level of about ${n['fan-2026-median']:.0f}B (the "
        f"assumption's median) the median bill reaches ${n['fan-2030-median']:.0f}B in {n['end-year']:.0f}, but the "
        f"{CI_TEXT} band spans "
        f"${n['fan-2030-low']:.0f}B to ${n['fan-2030-high']:,.0f}B; published market figures measure other totals"
    )


# ---------------------------------------------------------------------------------------------------------------
# 3b. what drives the spread


def tornado_data() -> pd.DataFrame:
    r = spend.results()
    t = spend.tornado(r.draws, r.inputs)
    return t[["input", "spend_at_low_input", "spend_at_high_input", "central_spend", "swing_log10"]]


def tornado_chart(df: pd.DataFrame) -> alt.LayerChart:
    long = df.melt(
        id_vars=["input", "central_spend", "swing_log10"],
        value_vars=["spend_at_low_input", "spend_at_high_input"],
        var_name="end",
        value_name="spend",
    )
    long["end"] = long["end"].map(
        {"spend_at_low_input": "input at its 5th percentile", "spend_at_high_input": "input at its 95th percentile"}
    )
    y = alt.Y("input:N", sort=df["input"].tolist(), title=None, axis=alt.Axis(labelLimit=300))
    x = alt.X(
        "spend:Q",
        scale=charts.log_scale(),
        axis=_usd_log_axis(
            f"Spend in {spend.END_YEAR}, USD billion (projection)", [10, 30, 100, 300, 1000, 3000, 10000]
        ),
    )
    bars = (
        alt.Chart(long)
        .mark_bar(height=14)
        .encode(
            y=y,
            x=x,
            x2=alt.X2("central_spend:Q"),
            color=alt.Color(
                "end:N",
                title=None,
                scale=alt.Scale(range=[SKY, BLUE]),
                legend=alt.Legend(orient="bottom"),
            ),
            tooltip=["input", "end", alt.Tooltip("spend:Q", format="$,.0f")],
        )
    )
    centre = alt.Chart(df.head(1)).mark_rule(color=charts.INK, strokeDash=[3, 3]).encode(x="central_spend:Q")
    return (bars + centre).properties(height=260, width=380)


def _tornado_title(n: dict) -> str:
    return (
        f"Which price buyers pay drives the {n['end-year']:.0f} bill most: the {n['tornado-top']} alone moves it by "
        f"{n['tornado-top-swing']:.1f} orders of magnitude; the price terms carry {n['var-price-pct']:.0f}% of the "
        f"variance, volume {n['var-volume-pct']:.0f}%"
    )


# ---------------------------------------------------------------------------------------------------------------
# 4. inference's share of compute spending


def share_data() -> pd.DataFrame:
    r = spend.results()
    rows = [{"year": y} | spend.quantiles(spend.inference_share(r.draws, r.inputs, y)) for y in spend.YEARS]
    return pd.DataFrame(rows)


def share_chart(df: pd.DataFrame) -> alt.LayerChart:
    x = alt.X("year:Q", title=None, axis=alt.Axis(format="d", tickMinStep=1))
    y = alt.Y("low:Q", axis=charts.pct_axis("Inference's share of compute spending"), scale=alt.Scale(domain=[0, 1]))
    outer = alt.Chart(df).mark_area(color=BLUE, opacity=0.18).encode(x=x, y=y, y2="high:Q")
    inner = alt.Chart(df).mark_area(color=BLUE, opacity=0.35).encode(x=x, y="q25:Q", y2="q75:Q")
    median = (
        alt.Chart(df)
        .mark_line(color=BLUE, strokeWidth=2.5)
        .encode(
            x=x,
            y="median:Q",
            tooltip=[
                alt.Tooltip("year:Q", format="d"),
                alt.Tooltip("median:Q", format=".0%"),
                alt.Tooltip("low:Q", format=".0%"),
                alt.Tooltip("high:Q", format=".0%"),
            ],
        )
    )
    claims = pd.DataFrame(
        {
            "share": [spend.ARTICLE_COMPUTE_SHARE, spend.ARTICLE_SPEND_SHARE],
            "label": [
                f"article: above {spend.ARTICLE_COMPUTE_SHARE:.0%} later",
                f"article: over {spend.ARTICLE_SPEND_SHARE:.0%} of spending",
            ],
        }
    )
    rules = alt.Chart(claims).mark_rule(strokeDash=[4, 3], color=RED).encode(y="share:Q")
    text = (
        alt.Chart(claims)
        .mark_text(align="left", baseline="bottom", x=4, dy=-2, fontSize=10, color=RED)
        .encode(y="share:Q", text="label:N")
    )
    return (outer + inner + median + rules + text).properties(height=300)


def _share_title(n: dict) -> str:
    return (
        f"Projection: inference's share of compute spending passes {n['article-90-pct']:.0f}% by "
        f"{n['end-year']:.0f} in only {n['p-share90-pct']:.0f}% of draws; the median goes from "
        f"{100 * n['pri-share-central']:.0f}% to {n['share-2030-pct']:.0f}% as training spend keeps growing"
    )


# ---------------------------------------------------------------------------------------------------------------
# 4b. the 750 MW and OpenAI's demand


def deal_data() -> pd.DataFrame:
    r = spend.results()
    rows = []
    for y in spend.DEAL_YEARS:
        q = spend.quantiles(spend.deal_share(r.draws, r.inputs, r.capacity_tokens, r.api, y))
        rows.append({"year": str(y)} | q)
    return pd.DataFrame(rows)


def deal_chart(df: pd.DataFrame) -> alt.LayerChart:
    y = alt.Y("year:N", title=None, sort=df["year"].tolist())
    x_axis = alt.Axis(
        title=f"Share of OpenAI's output tokens: median, {INNER_TEXT} and {CI_TEXT} intervals (log scale)",
        format=".0%",
        values=[0.01, 0.03, 0.1, 0.3, 1, 3],
    )
    x = alt.X("low:Q", axis=x_axis, scale=alt.Scale(type="log", domain=[0.005, 8]))
    outer = alt.Chart(df).mark_rule(strokeWidth=2, color=BLUE, opacity=0.5).encode(y=y, x=x, x2="high:Q")
    inner = alt.Chart(df).mark_rule(strokeWidth=7, color=BLUE, opacity=0.8).encode(y=y, x="q25:Q", x2="q75:Q")
    dots = (
        alt.Chart(df)
        .mark_point(filled=True, size=90, color=charts.INK)
        .encode(
            y=y,
            x="median:Q",
            tooltip=[
                "year",
                alt.Tooltip("median:Q", format=".0%"),
                alt.Tooltip("low:Q", format=".0%"),
                alt.Tooltip("high:Q", format=".0%"),
            ],
        )
    )
    full = pd.DataFrame({"x": [1.0], "label": ["all of OpenAI's demand"]})
    rule = alt.Chart(full).mark_rule(strokeDash=[4, 3], color=charts.INK).encode(x="x:Q")
    text = (
        alt.Chart(full)
        .mark_text(align="left", dx=4, y=4, baseline="top", fontSize=10, color=charts.INK)
        .encode(x="x:Q", text="label:N")
    )
    return (outer + inner + dots + rule + text).properties(height=170, width=400)


def _deal_title(n: dict) -> str:
    return (
        f"Estimate: the {n['deal-mw']:.0f} MW would equal about {n['deal-2026-pct']:.0f}% of OpenAI's output tokens "
        f"in {n['deal-y1']:.0f} but {n['deal-2028-pct']:.0f}% in {n['deal-y3']:.0f} as demand grows (medians; "
        f"{CI_TEXT} intervals span more than an order of magnitude)"
    )


# ---------------------------------------------------------------------------------------------------------------
# 5. the scenario explorer (interactive)

EXPLORER_STEP = 0.25


def explorer_central() -> dict[str, float]:
    """The report's central case for the explorer: the median 2026 level and the median of each average rate."""
    n = numbers()
    return {
        "level": round(n["fan-2026-median"], 1),
        "volume": round(n["avg-volume"], 2),
        "price": round(n["avg-price-decline"], 2),
        "mix": round(n["avg-mix"], 2),
    }


def explorer_data() -> pd.DataFrame:
    """Years (quarter steps) with the Monte Carlo bands and the central case's path, USD billion."""
    r = spend.results()
    c = explorer_central()
    years = np.arange(spend.BASE_YEAR, spend.END_YEAR + EXPLORER_STEP / 2, EXPLORER_STEP)
    f = spend.fan(r.draws, r.inputs).set_index("year")
    out = pd.DataFrame({"year": years})
    for col in ("low", "high"):
        out[col] = np.interp(years, f.index.to_numpy(dtype=float), np.log(f[col].to_numpy()))
        out[col] = np.exp(out[col])
    out["central"] = c["level"] * (c["volume"] * c["mix"] / c["price"]) ** (years - spend.BASE_YEAR)
    return out


def explorer_chart(df: pd.DataFrame) -> alt.LayerChart:
    c = explorer_central()
    n = numbers()
    level = alt.param(
        name="level_2026",
        value=c["level"],
        bind=alt.binding_select(
            options=[n["pri-level-low"], c["level"], n["pri-level-central"], n["pri-level-high"]],
            labels=[
                f"${n['pri-level-low']:.0f}B (cloud rental only)",
                f"${c['level']:.0f}B (central case)",
                f"${n['pri-level-central']:.0f}B (chips for inference)",
                f"${n['pri-level-high']:.0f}B (data-centre value share)",
            ],
            name=f"Spend in {spend.BASE_YEAR} ",
        ),
    )
    volume = alt.param(
        name="volume_growth",
        value=c["volume"],
        bind=alt.binding_range(min=1, max=10, step=0.05, name="Token volume, x per year "),
    )
    price = alt.param(
        name="price_decline",
        value=c["price"],
        bind=alt.binding_range(min=1, max=20, step=0.05, name="Price, x cheaper per year "),
    )
    mix = alt.param(
        name="mix_shift",
        value=c["mix"],
        bind=alt.binding_range(min=0.5, max=2, step=0.01, name="Mix shift, x per year "),
    )
    x = alt.X("year:Q", title=None, axis=alt.Axis(format="d", tickMinStep=1))
    y_scale = charts.log_scale(domain=[1, 100000])
    y_axis = _usd_log_axis("Inference spend, USD billion a year", [1, 10, 100, 1000, 10000, 100000])
    band = (
        alt.Chart(df)
        .mark_area(color=BLUE, opacity=0.15)
        .encode(x=x, y=alt.Y("low:Q", scale=y_scale, axis=y_axis), y2="high:Q")
    )
    central = alt.Chart(df).mark_line(color=BLUE, strokeDash=[5, 4], strokeWidth=2).encode(x=x, y="central:Q")
    path = (
        alt.Chart(df)
        .transform_calculate(
            spend=f"{level.name} * pow({volume.name} * {mix.name} / {price.name}, datum.year - {spend.BASE_YEAR})"
        )
        .mark_line(color=charts.INK, strokeWidth=3, clip=True)
        .encode(
            x=x,
            y="spend:Q",
            tooltip=[alt.Tooltip("year:Q", format=".2f"), alt.Tooltip("spend:Q", format="$,.0f", title="USD bn")],
        )
        .add_params(level, volume, price, mix)
    )
    notes = pd.DataFrame(
        {
            "year": [spend.END_YEAR, spend.END_YEAR],
            "value": [df["central"].iloc[-1], df["high"].iloc[-1]],
            "label": ["central case (dashed blue); your path (black)", f"{CI_TEXT} band of the Monte Carlo"],
        }
    )
    text = (
        alt.Chart(notes)
        .mark_text(align="right", dx=-4, dy=-8, fontSize=10, color=charts.MUTED)
        .encode(x="year:Q", y="value:Q", text="label:N")
    )
    return (band + central + path + text).properties(height=320)


def _explorer_title(n: dict) -> str:
    c = explorer_central()
    return (
        f"Steer the projection: at the central case ({c['volume']:.1f}x more tokens a year, prices "
        f"{c['price']:.1f}x cheaper, mix {c['mix']:.2f}x) the bill changes {n['avg-spend']:.2f}x a year; "
        "move the sliders to see what each force does"
    )


# ---------------------------------------------------------------------------------------------------------------
# Registration (titles and captions computed from the data)


def _register() -> None:
    n = numbers()
    B, E = spend.BASE_YEAR, spend.END_YEAR  # noqa: N806
    market_years = spend.market_points(spend.results().market)["year"].astype(int)
    years = (int(market_years.min()), int(market_years.max()))
    register(
        Figure(
            id="fig-spend-decomposition",
            title=_decomposition_title(n),
            caption=(
                f"Change in the estimated weekly spend on OpenRouter's top models between the weeks of "
                f"{n['dec-first-week']} and {n['dec-last-week']} ({_musd(n['dec-change-musd'])} a week), split by a "
                "chained log-mean Divisia index (LMDI-I) into effects that add up exactly. Models entering and leaving "
                f"the top 10 ({n['dec-n-entries']:.0f} entries) move spend in and out of the list; their net "
                f"({_musd(n['dec-entry-exit-musd'])}) is part of the mix effect."
            ),
            alt=(
                "Horizontal bar chart of the effects on weekly spend, USD million: the volume effect is the largest "
                "positive "
                f"bar ({_musd(n['dec-volume-musd'])}); models entering and leaving the list give two large bars of "
                "opposite sign that nearly cancel; the shift between listed models is negative; list prices change "
                f"little ({_musd(n['dec-price-musd'])}); the total is {_musd(n['dec-change-musd'])}."
            ),
            units="USD million per week (list prices, nominal)",
            datasets=("openrouter_weekly",),
            source=OR_SOURCE,
            page=PAGE,
            data=decomposition_data,
            chart=decomposition_chart,
        )
    )
    register(
        Figure(
            id="fig-spend-elasticity",
            title=_elasticity_title(n),
            caption=(
                "Estimated price elasticity of token demand (d log tokens / d log list price) on OpenRouter's top "
                f"models: OLS with fixed effects, errors clustered by model, {CI_TEXT} intervals; a cluster bootstrap "
                f"({n['n-boot']:.0f} resamples, fixed seed) as a cross-check. The black diamond is a published "
                f"estimate read only through a relay ({n['el-published-grade']}; no interval given there)."
            ),
            alt=(
                "Dot-and-interval chart of elasticity estimates on a horizontal axis from -2 to 1.5 with a dashed "
                f"line at -1: this report's within-model estimates are near zero ({n['el-fe']:+.2f}) with intervals "
                f"that stay to the right of -1; the between-model estimate is near zero and narrow; the published "
                f"estimate sits at {n['el-published']:+.2f}."
            ),
            units="elasticity (percent change in tokens per percent change in price)",
            datasets=("openrouter_weekly",),
            source=OR_SOURCE.replace("Analysis:", "Published estimate: NBER working paper via aione.chat. Analysis:"),
            page=PAGE,
            data=elasticity_data,
            chart=elasticity_chart,
        )
    )
    register(
        Figure(
            id="fig-spend-fan",
            title=_fan_title(n),
            caption=(
                f"Projected worldwide spending on inference compute, {n['base-year']:.0f}-{n['end-year']:.0f} "
                f"(seeded Monte Carlo, {n['n-draws']:,.0f} draws): median line, {INNER_TEXT} and {CI_TEXT} bands. "
                "Points are published market sizes and forecasts from `inference_market`, joined by dotted lines per "
                "forecaster; they measure different things (chip markets, cloud rental, capex), so none is the same "
                f"quantity as the projection. Shapes and opacity give the source grade; {n['n-market-c']:.0f} of "
                f"{n['n-market-rows']:.0f} are grade C, unconfirmed. Log scale."
            ),
            alt=(
                f"Log-scale fan chart from {B} to {E} widening from tens to thousands of billions of dollars, with "
                f"published market points from {years[0]} to {years[1]} scattered mostly between ten and a few "
                f"hundred billion dollars; the projection's median reaches about ${n['fan-2030-median']:.0f} billion "
                f"in {E}."
            ),
            units="USD billion per year (nominal, log scale) against year",
            datasets=("inference_market", "openrouter_weekly", "token_volumes", "models", "price_history"),
            source=PROJECTION_SOURCE.replace("Analysis:", "Market sizes: inference_market (grades in data). Analysis:"),
            page=PAGE,
            data=fan_data,
            chart=fan_chart,
        )
    )
    register(
        Figure(
            id="fig-spend-tornado",
            title=_tornado_title(n),
            caption=(
                f"One input at a time set to the 5th or the 95th percentile of its draws, every other input at its "
                f"median; bars show projected spend in {n['end-year']:.0f} (log scale) against the all-median case "
                f"(dashed line, ${n['tornado-central-bn']:.0f}B). Variance shares are of log spend, each term's "
                "covariance with the total."
            ),
            alt=(
                f"Tornado chart with one bar pair per input on a log axis of {n['end-year']:.0f} spend; the weight "
                "of the fixed-capability price path, the frontier price decline and the current volume growth have "
                "the widest bars; the years the mix effect lasts barely matter."
            ),
            units=f"USD billion in {spend.END_YEAR} (projection, log scale)",
            datasets=("openrouter_weekly", "token_volumes", "models", "price_history"),
            source=PROJECTION_SOURCE,
            page=PAGE,
            data=tornado_data,
            chart=tornado_chart,
        )
    )
    register(
        Figure(
            id="fig-spend-share",
            title=_share_title(n),
            caption=(
                f"Projected share of inference in compute spending (inference / (inference + training)), median, "
                f"{INNER_TEXT} and {CI_TEXT} bands: inference spend from the Monte Carlo, training spend growing "
                f"{n['pri-train-low']:.1f}x to {n['pri-train-high']:.1f}x a year (Epoch AI's frontier-run cost trend) "
                f"from a {n['base-year']:.0f} share of {100 * n['pri-share-low']:.0f}% to "
                f"{100 * n['pri-share-high']:.0f}% (Gartner, Deloitte). Red lines: the article's claims."
            ),
            alt=(
                f"Fan chart of inference's share from {B} to {E} starting near {100 * n['pri-share-central']:.0f}% "
                f"and widening; the median falls to about {n['share-2030-pct']:.0f}% by {E} and the upper band "
                f"stays below the article's {n['article-90-pct']:.0f}% line."
            ),
            units="share of compute spending (0-100%)",
            datasets=("openrouter_weekly", "token_volumes", "models", "price_history", "compute_share_forecasts"),
            source=PROJECTION_SOURCE.replace("Analysis:", "Training trend: Epoch AI (Cottier et al. 2024). Analysis:"),
            page=PAGE,
            data=share_data,
            chart=share_chart,
        )
    )
    register(
        Figure(
            id="fig-spend-deal",
            title=_deal_title(n),
            caption=(
                f"Output tokens a year the {n['deal-mw']:.0f} MW could serve (chapter 1's estimate: delivered "
                "capacity x tokens per second per MW x utilisation, averaged over the term) divided by OpenAI's "
                "projected output tokens: "
                f"{n['oai-api-t']:.1f} trillion API tokens a day ({n['oai-api-publisher']}, {n['oai-api-date']}) plus "
                f"ChatGPT's {n['oai-prompts-b']:.1f} billion prompts a day times tokens per prompt, times an output "
                "share, grown with the projected volume path. Log scale."
            ),
            alt=(
                f"Interval chart with one row per year, {n['deal-y1']:.0f} to {n['deal-y3']:.0f}, on a log axis of "
                f"the share served: the median falls from about "
                f"{n['deal-2026-pct']:.0f}% to {n['deal-2028-pct']:.0f}%, with intervals over an order of magnitude "
                "wide; a dashed line marks all of OpenAI's demand."
            ),
            units="share of OpenAI's output-token demand (log scale)",
            datasets=("cost_priors", "token_volumes", "openrouter_weekly"),
            source=(
                "Source: capacity from cost_priors (chapter 1; throughput proxy grade C); OpenAI API tokens: a16z "
                "(grade B); ChatGPT prompts: OpenAI via Axios/BGR (grade B); assumptions in spend_scenarios.yaml. "
                "Analysis: this report (estimate)."
            ),
            page=PAGE,
            data=deal_data,
            chart=deal_chart,
        )
    )
    c = explorer_central()
    register(
        Figure(
            id="fig-spend-explorer",
            title=_explorer_title(n),
            caption=(
                f"Interactive: set the assumed {B} level (default: its median), the yearly growth of token volume, "
                "the yearly price decline and "
                "the yearly mix shift; the black line is spend = level x (volume x mix / price decline)^(years "
                f"since {B}), "
                "computed in the page. The dashed line is the report's central case (median of each rate in the "
                f"Monte Carlo: {c['volume']:.2f}x, {c['price']:.2f}x, {c['mix']:.2f}x) and the band the Monte "
                "Carlo's 90% range; the downloaded image shows the central case. A projection tool, not a forecast."
            ),
            alt=(
                f"Log-scale line chart of inference spend from {B} to {E} with a shaded band, a dashed central path "
                f"and a black path that follows four controls ({B} level, volume growth, price decline, mix shift); at "
                "the defaults the black and dashed paths coincide."
            ),
            units="USD billion per year (log scale) against year",
            datasets=("openrouter_weekly", "token_volumes", "models", "price_history"),
            source=PROJECTION_SOURCE,
            page=PAGE,
            data=explorer_data,
            chart=explorer_chart,
        )
    )


_register()
