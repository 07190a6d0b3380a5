"""Figures of the claims ledger (chapters/appendix_claims)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from analysis import charts
from analysis import claims as checks
from analysis.data import load
from analysis.figures import Figure, register

PAGE = "chapters/appendix_claims"
VERDICT_COLORS = {
    "supported": charts.OKABE_ITO["bluish_green"],
    "partly supported": charts.OKABE_ITO["sky_blue"],
    "contradicted": charts.OKABE_ITO["vermillion"],
    "not verifiable": "#9e9e9e",
}
GRADE_COLORS = {"A": charts.OKABE_ITO["blue"], "B": charts.OKABE_ITO["orange"], "C": charts.OKABE_ITO["vermillion"]}
TOPIC_LABELS = {"deal": "Cerebras deal", "shift": "Inference shift", "cost": "Cost decline"}
# Short row labels for the dollar claims (the full paraphrase is in the ledger table and the tooltip).
DOLLAR_LABELS = {
    "C01": "April commitment, 3 years",
    "C04": "January deal (750 MW)",
    "C05": "Data-centre funding",
    "C06": "Possible 3-year total",
}
DOLLAR_TICKS = [1, 3, 10, 30, 100, 300]


# ---- 1. verdicts by topic ------------------------------------------------------------------------------------


def verdicts_data() -> pd.DataFrame:
    """Number of claims per (topic, verdict); zero cells dropped (nothing to draw)."""
    counts = checks.verdict_counts(load("claims"))
    counts["topic_label"] = counts["topic"].map(TOPIC_LABELS)
    return counts[counts["n_claims"] > 0].reset_index(drop=True)


def verdicts_chart(df: pd.DataFrame) -> alt.Chart:
    return (
        alt.Chart(df)
        .mark_bar()
        .encode(
            y=alt.Y("topic_label:N", title=None, sort=[TOPIC_LABELS[t] for t in checks.TOPIC_ORDER]),
            x=alt.X("n_claims:Q", title="Number of claims", stack="zero", axis=alt.Axis(tickMinStep=1)),
            color=alt.Color(
                "verdict:N",
                title="Verdict",
                scale=alt.Scale(domain=list(VERDICT_COLORS), range=list(VERDICT_COLORS.values())),
            ),
            order=alt.Order("verdict_rank:Q"),
            tooltip=["topic_label:N", "verdict:N", "n_claims:Q"],
        )
        .transform_calculate(verdict_rank="indexof(" + str(list(checks.VERDICT_ORDER)) + ", datum.verdict)")
        # Narrower than the report width on a desktop: with the topic labels and the legend, the chart then fits
        # the text column (680 px) unscaled.
        .properties(height=140, width=charts.sized(440, charts.NARROW_PLOT_WIDTH_PX))
    )


def _verdicts_title() -> str:
    claims = load("claims")
    n = {v: int((claims["verdict"] == v).sum()) for v in checks.VERDICT_ORDER}
    n_ok = n["supported"] + n["partly supported"]
    unchecked = "none is" if n["not verifiable"] == 0 else f"{n['not verifiable']} cannot be"
    return (
        f"Of the article's {len(claims)} claims, {n['contradicted']} are contradicted and {n_ok} hold up at least in "
        f"part; {unchecked} checked either way"
    )


def _verdicts_alt() -> str:
    counts = checks.verdict_counts(load("claims"))
    parts = []
    for topic in checks.TOPIC_ORDER:
        rows = counts[(counts["topic"] == topic) & (counts["n_claims"] > 0)]
        parts.append(
            f"{TOPIC_LABELS[topic]}: " + ", ".join(f"{int(r.n_claims)} {r.verdict}" for r in rows.itertuples())
        )
    return (
        "Horizontal stacked bars for the Cerebras deal, inference shift and cost decline claims, coloured by "
        "verdict (grey: not verifiable). " + "; ".join(parts) + "."
    )


VERDICTS_FIGURE = {
    "id": "fig-claims-verdicts",
    "title": _verdicts_title(),
    "caption": (
        "Each bar counts the article's checkable claims in one part of the report, split by our verdict. Verdicts "
        "follow one rule: evidence counts by independent line (many pages relaying one report count once), a line "
        "graded A or B or a decisive consistency check outweighs weak ones, and 'not verifiable' means that no "
        "evidence takes a side. The ledger gives each verdict with the strength of its evidence."
    ),
    "alt": _verdicts_alt(),
    "units": "number of claims",
    "datasets": ("claims",),
    "source": "Source: claims of Tiger Brokers news (17 Apr 2026) checked by this report; verdicts in data/claims.csv",
    "data": verdicts_data,
    "chart": verdicts_chart,
}
register(Figure(page=PAGE, **VERDICTS_FIGURE))


# ---- 2. the article's dollar figures against other reports' ---------------------------------------------------


def dollars_data() -> pd.DataFrame:
    """Per dollar claim: the article's value and each distinct (value, grade) other reports give, with counts."""
    comp = checks.dollar_comparison(load("claims"), load("claim_evidence"))
    comp["reported_by"] = comp["who"].where(comp["who"] == "article", "other report")
    out = (
        comp.groupby(["claim_id", "claim", "reported_by", "grade", "value_usd_bn"], as_index=False)
        .agg(n_reports=("who", "size"))
        .sort_values(["claim_id", "reported_by", "value_usd_bn"], kind="stable")
    )
    out["claim_label"] = out["claim_id"] + ": " + out["claim_id"].map(DOLLAR_LABELS).fillna(out["claim"])
    return out.reset_index(drop=True)


def dollars_chart(df: pd.DataFrame) -> alt.Chart:
    # The axis spans the data with a factor of two of room on each side (log scale).
    domain = [float(df["value_usd_bn"].min()) / 2, float(df["value_usd_bn"].max()) * 2]
    grade_scale = alt.Scale(domain=list(GRADE_COLORS), range=list(GRADE_COLORS.values()))
    shape_scale = alt.Scale(domain=["article", "other report"], range=["diamond", "circle"])
    encoding = {
        "x": alt.X(
            "value_usd_bn:Q",
            scale=charts.log_scale(domain=domain),
            axis=charts.usd_axis("USD billion", log=True, values=DOLLAR_TICKS),
        ),
        "y": alt.Y("claim_label:N", title=None),
        "color": alt.Color("grade:N", title="Source grade", scale=grade_scale),
        "shape": alt.Shape("reported_by:N", title="Figure from", scale=shape_scale),
        "size": alt.Size("n_reports:Q", title="Reports", scale=alt.Scale(range=[60, 400]), legend=None),
        "tooltip": ["claim:N", "reported_by:N", "grade:N", "value_usd_bn:Q", "n_reports:Q"],
    }
    plot_px = charts.sized(390, charts.NARROW_PLOT_WIDTH_PX)  # the long claim labels and legends fit in 680 px
    return alt.Chart(df).mark_point(filled=True, opacity=0.85).encode(**encoding).properties(height=180, width=plot_px)


def _dollars_title() -> str:
    ratios = checks.dollar_ratios(checks.dollar_comparison(load("claims"), load("claim_evidence")))
    lo, hi = float(ratios["ratio"].min()), float(ratios["ratio"].max())
    span = f"{lo:g} times" if lo == hi else f"{lo:.3g} to {hi:.3g} times"
    return f"Each of the article's Cerebras dollar figures is {span} what other reports give"


def _dollars_caption() -> str:
    comp = checks.dollar_comparison(load("claims"), load("claim_evidence"))
    grades = sorted(set(comp.loc[comp["who"] != "article", "grade"]))
    graded = (
        f"Every other report in the store is grade {grades[0]}, so the pattern is unconfirmed by a primary source."
        if grades == ["C"]
        else f"The other reports' pages are graded {' and '.join(grades)}; none gives the article's figures."
    )
    return (
        "Diamonds are the article's figures; circles are the figures other reports give for the same claim "
        "(larger circles: more reports with that value), coloured by the source's grade. " + graded
    )


def _dollars_alt() -> str:
    ratios = checks.dollar_ratios(checks.dollar_comparison(load("claims"), load("claim_evidence")))
    labels = "; ".join(DOLLAR_LABELS.get(c, c) for c in ratios["claim_id"])
    lo, hi = float(ratios["ratio"].min()), float(ratios["ratio"].max())
    factor = f"{lo:g} times" if lo == hi else f"{lo:.3g} to {hi:.3g} times"
    return (
        f"Dot plot on a log dollar axis with {len(ratios)} rows: {labels}. In each row the article's diamond sits "
        f"at {factor} the median of the other reports' circles."
    )


DOLLARS_FIGURE = {
    "id": "fig-claims-dollars",
    "title": _dollars_title(),
    "caption": _dollars_caption(),
    "alt": _dollars_alt(),
    "units": "USD billion (log scale)",
    "datasets": ("claims", "claim_evidence"),
    "source": (
        "Source: Tiger Brokers news (17 Apr 2026); other reports as listed in data/claim_evidence.csv "
        "(deals/claims_cerebras.csv, deals/evidence_2026-12.csv); analysis: this report"
    ),
    "data": dollars_data,
    "chart": dollars_chart,
}
register(Figure(page=PAGE, **DOLLARS_FIGURE))
