"""The inference shift: inference's share of AI compute, token-volume growth, OpenRouter's weekly top models.

Every function takes curated datasets (`analysis.data.load`) and returns tidy DataFrames or plain numbers; trend fits
go through `analysis.trends`. Chapter: chapters/02_inference_shift.ipynb. Figures: analysis/figs/shift.py.

OpenRouter caveat carried everywhere: `openrouter_weekly` holds the top ~9-10 models of each week only, so "shares"
are shares of top-model tokens and "spend" is spend on the top models, not all of OpenRouter.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis import trends

CI = 0.90
# Newey-West lags for weekly series: the usual rule of thumb floor(4 (n/100)^(2/9)) gives 2 for n = 13..26.
WEEKLY_HAC_LAGS = 2
ARTICLE_WEEK_START = pd.Timestamp("2026-03-30")  # "one week in early April": 30 Mar - 5 Apr 2026
ARTICLE_TOTAL_TOKENS = 27e12
ARTICLE_WOW_CHANGE = 0.189
ARTICLE_CHINESE_TOKENS = 12.96e12
ARTICLE_CONSECUTIVE_WEEKS = 5
PRICE_MIN_WEEKS = 4  # a model must be listed this many weeks for its list-price change to count
PRICE_UNCHANGED_TOLERANCE = 0.02  # a list price that moved by less than this fraction counts as unchanged
# An information-criterion difference under this many units is no preference either way (Burnham & Anderson).
PREFERENCE_UNITS = 2.0
CHAPTER = "chapters/02_inference_shift"
# Forecaster names that do not name an organisation (an anonymous post, an analyst known only through a relay).
UNNAMED_FORECASTERS = ("Unattributed", "Analyst")


def grade_label(grade: str) -> str:
    """'grade A', 'grade B', or 'grade C, unconfirmed': every mention of a C figure says it is unconfirmed."""
    return f"grade {grade}" + (", unconfirmed" if grade == "C" else "")


# ---------------------------------------------------------------------------------------------------------------
# Q1: inference's share of AI compute / spend


def share_points(forecasts: pd.DataFrame) -> pd.DataFrame:
    """One plottable share per row: the point value, or the floor for 'more than x' rows (marked by bound_type).

    Rows without a target year (one Fusion Fund view) cannot be placed on a time axis and are dropped here.
    """
    out = forecasts.copy()
    out["share"] = out["inference_share"].fillna(out["inference_share_low"])
    out = out[out["target_year"].notna()]
    cols = [
        "forecaster",
        "target_year",
        "measure",
        "scope",
        "share",
        "inference_share_low",
        "inference_share_high",
        "bound_type",
        "grade",
        "source_url",
    ]
    return out[cols].sort_values(["measure", "forecaster", "target_year"]).reset_index(drop=True)


def forecaster_organisation(name: str) -> str:
    """The organisation behind a forecaster name, without the relay in brackets ('Gartner (as relayed in a
    podcast)' -> 'Gartner'); '' when the name does not identify one (an unattributed post, an unnamed analyst)."""
    if name.startswith(UNNAMED_FORECASTERS):
        return ""
    return re.sub(r"\s*\(.*\)$", "", name).strip()


def count_forecasters(forecasts: pd.DataFrame) -> dict[str, int]:
    """Distinct named organisations among the forecasters, and the number of sources that name none."""
    orgs = forecasts["forecaster"].drop_duplicates().map(forecaster_organisation)
    return {"named": int(orgs[orgs != ""].nunique()), "unnamed": int((orgs == "").sum())}


@dataclass(frozen=True)
class Claim:
    """An article claim about inference's share, as a testable rule."""

    key: str
    text: str  # our paraphrase of the claim
    threshold: float  # share that a supporting row must reach
    strictly_above: bool  # "above 80%" needs > 0.80; "two-thirds" needs >= 0.667 (sources round 2/3 to 66.7%)
    measures: tuple[str, ...]
    year_min: int | None
    year_max: int | None


TWO_THIRDS_AS_ROUNDED = round(2 / 3, 3)  # 66.7%, as sources print two-thirds
ARTICLE_CLAIMS = (
    Claim(
        "two_thirds_2026",
        "inference reaches about two-thirds of compute in 2026",
        TWO_THIRDS_AS_ROUNDED,
        False,
        ("compute",),
        2026,
        2026,
    ),
    Claim("above_80_later", "inference exceeds 80% of compute later", 0.80, True, ("compute",), 2027, None),
    Claim(
        "above_90_spend", "over 90% of AI compute spend goes to inference", 0.90, True, ("spend", "capex"), None, None
    ),
)


def claim_support(forecasts: pd.DataFrame, claims: tuple[Claim, ...] = ARTICLE_CLAIMS) -> pd.DataFrame:
    """For each claim: rows that support it (by measure, year window and threshold), their grades, and the
    closest row that falls short (highest share of any measure within the year window)."""
    pts = forecasts.copy()
    pts["share"] = pts["inference_share"].fillna(pts["inference_share_low"])
    # "more than x" rows print as ">x"
    pts["shown"] = [
        ("> " if b == "lower_bound" else "") + f"{v:.0%}" for v, b in zip(pts["share"], pts["bound_type"], strict=True)
    ]
    rows = []
    for c in claims:
        in_years = pd.Series(True, index=pts.index)
        if c.year_min is not None:
            in_years &= pts["target_year"].fillna(0) >= c.year_min
        if c.year_max is not None:
            in_years &= pts["target_year"].fillna(9999) <= c.year_max
        reach = pts["share"] > c.threshold if c.strictly_above else pts["share"] >= c.threshold
        support = pts[in_years & pts["measure"].isin(c.measures) & reach]
        near = pts[in_years & ~pts.index.isin(support.index)].sort_values("share", ascending=False).head(1)
        rows.append(
            {
                "claim": c.key,
                "text": c.text,
                "n_supporting": len(support),
                "n_supporting_a": int((support["grade"] == "A").sum()),
                "supporting": "; ".join(
                    f"{r.forecaster} {r.target_year} ({r.shown}, {grade_label(r.grade)})" for r in support.itertuples()
                ),
                "best_grade": min(support["grade"]) if len(support) else "",
                "closest_short": "; ".join(
                    f"{r.forecaster} {r.target_year}: {r.shown} of {r.scope} ({grade_label(r.grade)})"
                    for r in near.itertuples()
                ),
            }
        )
    return pd.DataFrame(rows)


# ---------------------------------------------------------------------------------------------------------------
# Q2: token-volume growth


def series_points(volumes: pd.DataFrame, series_id: str, segment: str | None = None) -> pd.DataFrame:
    """Observations of one token_volumes series as (date, tokens_per_day), dated at the period's midpoint."""
    rows = volumes[(volumes["series_id"] == series_id) & volumes["tokens_per_day"].notna()]
    if segment is not None:
        rows = rows[rows["segment"] == segment]
    out = rows.assign(date=rows["period_start"] + (rows["period_end"] - rows["period_start"]) / 2)
    cols = [
        "date",
        "tokens_per_day",
        "is_lower_bound",
        "conflict_group",
        "grade",
        "publisher",
        "period_start",
        "period_end",
    ]
    return out[cols].sort_values(["date", "publisher"]).reset_index(drop=True)


def drop_version(points: pd.DataFrame, conflict: str, keep_month: int) -> pd.DataFrame:
    """Keep one version of a conflicting observation (the one whose period starts in `keep_month`) for a fit;
    the other versions stay in the data and are fitted separately as a sensitivity check."""
    clash = points["conflict_group"].fillna("") == conflict
    keep = (~clash | (points["period_start"].dt.month == keep_month)).astype(bool)
    return points[keep].reset_index(drop=True)


def openrouter_top_weekly(weekly: pd.DataFrame) -> pd.DataFrame:
    """Sum of the top models' tokens per week, with the back-fill flag and number of models listed."""
    g = weekly.groupby("week_start", as_index=False).agg(
        week_end=("week_end", "first"),
        total_tokens=("total_tokens", "sum"),
        n_models=("model", "size"),
        backfilled=("backfilled", "first"),
        grade=("grade", "first"),
    )
    g["tokens_per_day"] = g["total_tokens"] / 7
    g["wow_change"] = g["total_tokens"].pct_change()
    g["seam"] = seam_weeks(g.set_index("week_start")["backfilled"]).to_numpy()
    return g


def seam_weeks(backfilled: pd.Series) -> pd.Series:
    """For a weekly back-fill flag indexed by week start: True for a live week that follows a back-filled one
    (the seam, where the number of models listed and the collection method change). A change from the week
    before across the seam measures the break, not demand, so the week-over-week samples leave it out."""
    flags = backfilled.sort_index().astype(bool)
    return (~flags & flags.shift(1, fill_value=False)).reindex(backfilled.index)


def _favoured(delta: float) -> str:
    """Which model an information-criterion difference (exponential minus logistic) favours."""
    return "logistic" if delta > 0 else "exponential"


def growth_shape(comparison: trends.GrowthModelComparison | None, n: int) -> tuple[str, str]:
    """(verdict, reason) on whether a series is slowing, from both AIC and the small-sample AICc.

    A model is preferred only when both criteria favour it by more than PREFERENCE_UNITS; with too few points for
    AICc (n <= 5 for the 4-parameter logistic), or when the criteria disagree or differ by less than that, the data
    cannot tell an exponential from a slowing (logistic) curve.
    """
    if comparison is None:
        return "not compared", f"{n} points: too few to fit a curve that levels off"
    d_aic = comparison.aic_exponential - comparison.aic_logistic
    d_aicc = comparison.aicc_exponential - comparison.aicc_logistic
    plain = f"plain AIC favours the {_favoured(d_aic)} by {abs(d_aic):.1f}"
    if not math.isfinite(comparison.aicc_logistic):
        return "cannot tell", f"{n} points are too few for the small-sample AICc; {plain}"
    small = f"AICc favours the {_favoured(d_aicc)} by {abs(d_aicc):.1f}"
    if min(abs(d_aic), abs(d_aicc)) > PREFERENCE_UNITS and (d_aic > 0) == (d_aicc > 0):
        verdict = "slowing (logistic)" if d_aic > 0 else "exponential"
        return verdict, f"{plain}; {small}"
    if (d_aic > 0) != (d_aicc > 0) and min(abs(d_aic), abs(d_aicc)) > PREFERENCE_UNITS:
        return "cannot tell", f"the criteria disagree: {plain}, {small}"
    return "no preference", f"{plain}; {small}; a preference needs more than {PREFERENCE_UNITS:.0f} units on both"


@dataclass(frozen=True)
class GrowthFit:
    """A fitted token-volume series: label, the trends fit, the growth-model comparison (None for n < 5), the
    grades of its points and how many of them are grade C (unconfirmed)."""

    label: str
    fit: trends.LogLinearFit
    comparison: trends.GrowthModelComparison | None
    grades: str
    n_grade_c: int

    @property
    def grade_text(self) -> str:
        """Grades of the points in words: 'all grade B', or '3 of 6 grade C, unconfirmed'."""
        if self.n_grade_c == 0:
            return f"all {grade_label(self.grades)}" if len(self.grades) == 1 else f"grades {', '.join(self.grades)}"
        return f"{self.n_grade_c} of {self.fit.n} {grade_label('C')}"

    @property
    def shape(self) -> tuple[str, str]:
        """(verdict, reason) from `growth_shape`."""
        return growth_shape(self.comparison, self.fit.n)

    def row(self) -> dict:
        """Summary for tables and glue: doubling time in months with its CI, yearly factor, AIC/AICc verdict."""
        lo, hi = self.fit.factor_per_year_ci(CI)
        d_lo, d_hi = self.fit.doubling_time_ci(CI)
        c = self.comparison
        return {
            "series": self.label,
            "n": self.fit.n,
            "start": self.fit.start_date.date().isoformat(),
            "end": self.fit.end_date.date().isoformat(),
            "factor_per_year": self.fit.factor_per_year,
            "factor_ci_low": lo,
            "factor_ci_high": hi,
            "doubling_months": 12 * self.fit.doubling_time_years,
            "doubling_months_low": 12 * d_lo,
            "doubling_months_high": 12 * d_hi if math.isfinite(d_hi) else math.inf,
            "se_kind": self.fit.se_kind,
            "r_squared": self.fit.r_squared,
            "aic_exponential": c.aic_exponential if c else math.nan,
            "aic_logistic": c.aic_logistic if c else math.nan,
            "aicc_exponential": c.aicc_exponential if c else math.nan,
            "aicc_logistic": c.aicc_logistic if c else math.nan,
            "shape": self.shape[0],
            "shape_reason": self.shape[1],
            "grades": self.grades,
            "n_grade_c": self.n_grade_c,
        }


def fit_growth(
    label: str, dates: pd.Series, values: pd.Series, grades: pd.Series, hac_lags: int | None = None
) -> GrowthFit:
    """Log-linear fit (90% CI; HAC for weekly data) plus, with >= 5 points, the exponential-vs-logistic check."""
    fit = trends.fit_log_linear(dates, values, ci=CI, hac_lags=hac_lags)
    comparison = trends.compare_growth_models(dates, values) if len(values) >= 5 else None
    return GrowthFit(label, fit, comparison, "".join(sorted(set(grades))), int((pd.Series(grades) == "C").sum()))


def growth_fits(volumes: pd.DataFrame, weekly: pd.DataFrame) -> dict[str, GrowthFit]:
    """The chapter's growth fits, keyed by a short id.

    - google: Google's monthly tokens across products (980T dated June, THE DECODER); google_july: same with the
      July dating (sensitivity to the conflict).
    - doubao: ByteDance Doubao daily tokens (company figure for end-2025, not the 63T estimate).
    - openrouter_top_all / openrouter_top_live: weekly sum of OpenRouter's top models, all 26 weeks / live weeks
      only, Newey-West HAC standard errors.
    - google_api: Google's direct-API tokens per minute (four quarterly points, no model comparison).
    """
    out: dict[str, GrowthFit] = {}
    google = series_points(volumes, "GOOG_monthly")
    for key, month in (("google", 6), ("google_july", 7)):
        pts = drop_version(google, "google-980t-month-dating", month)
        label = "Google, monthly tokens (all products)" + (" - 980T dated July" if month == 7 else "")
        out[key] = fit_growth(label, pts["date"], pts["tokens_per_day"], pts["grade"])
    doubao = drop_version(series_points(volumes, "BYTE_doubao"), "doubao-daily-end-2025", 12)
    doubao = doubao[doubao["period_start"] != pd.Timestamp("2025-12-31")]
    out["doubao"] = fit_growth(
        "ByteDance Doubao, daily tokens", doubao["date"], doubao["tokens_per_day"], doubao["grade"]
    )
    api = series_points(volumes, "GOOG_api")
    out["google_api"] = fit_growth("Google, API tokens per minute", api["date"], api["tokens_per_day"], api["grade"])
    top = openrouter_top_weekly(weekly)
    mid = top["week_start"] + pd.Timedelta(days=3)
    for key, weeks, what in (
        ("openrouter_top_all", top, f"all {len(top)} weeks"),
        ("openrouter_top_live", live(top), "live weeks only"),
    ):
        out[key] = fit_growth(
            f"OpenRouter top models, weekly ({what})",
            mid[weeks.index],
            weeks["tokens_per_day"],
            weeks["grade"],
            WEEKLY_HAC_LAGS,
        )
    return out


def shape_summary(fits: dict[str, GrowthFit], keys: tuple[str, ...]) -> dict[str, str | int]:
    """Counts of the compared fits among `keys` by shape verdict, and a title phrase derived from them."""
    shapes = [fits[k].shape[0] for k in keys if fits[k].comparison is not None]
    slowing = sum(v.startswith("slowing") for v in shapes)
    steady = sum(v == "exponential" for v in shapes)
    if slowing:
        phrase = f"{slowing} of {len(shapes)} compared series show growth slowing"
        sentence = f"{slowing} of the {len(shapes)} series compared show growth slowing on both criteria"
    elif steady == len(shapes):
        phrase = "with no sign of slowing in any compared series"
        sentence = "every series compared favours steady exponential growth on both criteria"
    else:
        phrase = "but the series are too short to tell steady growth from slowing"
        unclear = len(shapes) - steady
        share = f"all {unclear}" if unclear == len(shapes) else f"{unclear} of the {len(shapes)}"
        sentence = f"in {share} series compared the data cannot tell an exponential from a slowing curve"
    return {
        "n-compared": len(shapes),
        "n-slowing": slowing,
        "n-exponential": steady,
        "phrase": phrase,
        "sentence": sentence,
    }


# The fits the chapter's headline range of doubling times is taken from (one per source series).
HEADLINE_FITS = ("google", "doubao", "google_api", "openrouter_top_live")


def growth_table(fits: dict[str, GrowthFit]) -> pd.DataFrame:
    """One row per fit (see GrowthFit.row), in the order of `fits`."""
    return pd.DataFrame([dict(key=k, **f.row()) for k, f in fits.items()])


def extrapolation_check(fit: trends.LogLinearFit, months_ahead: float) -> dict[str, float]:
    """How wide the 90% prediction band gets `months_ahead` past the last point: (high / low) ratio and the
    horizon as a fraction of the observed span. A fit spanning a year says little about the year after."""
    span_days = (fit.end_date - fit.start_date).days
    when = fit.end_date + pd.Timedelta(days=30.4375 * months_ahead)
    pred = fit.predict([when], ci=CI).iloc[0]
    return {
        "horizon_over_span": 30.4375 * months_ahead / span_days,
        "band_ratio": float(pred["pred_high"] / pred["pred_low"]),
        "fit": float(pred["fit"]),
        "pred_low": float(pred["pred_low"]),
        "pred_high": float(pred["pred_high"]),
    }


# ---------------------------------------------------------------------------------------------------------------
# Q3: week-over-week changes


def model_wow_changes(weekly: pd.DataFrame) -> pd.DataFrame:
    """Week-over-week change of each model that is in the top list in two consecutive weeks (computed from tokens,
    not the page's rounded percentage). A model entering or leaving the list has no change here."""
    w = weekly[["week_start", "model", "total_tokens", "backfilled"]].sort_values(["model", "week_start"])
    prev = w.groupby("model")[["week_start", "total_tokens"]].shift(1)
    consecutive = (w["week_start"] - prev["week_start"]) == pd.Timedelta(days=7)
    out = w[consecutive].assign(wow_change=w["total_tokens"] / prev["total_tokens"] - 1)
    seam = seam_weeks(weekly.groupby("week_start")["backfilled"].first())
    out["seam"] = out["week_start"].map(seam).astype(bool)
    return out.sort_values(["week_start", "model"]).reset_index(drop=True)


def ordinal(x: float) -> str:
    """Rounded number with its English ordinal suffix: 72.0 -> '72nd', 11 -> '11th', 83 -> '83rd'."""
    n = int(round(x))
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def percentile_of(value: float, sample: pd.Series) -> float:
    """Share of `sample` at or below `value` (empirical CDF, 0-1), ties counted at half weight."""
    s = sample.dropna().to_numpy(dtype=float)
    return float((np.sum(s < value) + 0.5 * np.sum(s == value)) / len(s))


def wow_summary(changes: pd.Series, value: float = ARTICLE_WOW_CHANGE) -> dict[str, float]:
    """Where `value` sits among week-over-week changes: percentile, median, 10th/90th percentiles, n."""
    s = changes.dropna()
    q10, q50, q90 = np.quantile(s, [0.10, 0.50, 0.90])
    return {
        "n": int(len(s)),
        "percentile": percentile_of(value, s),
        "median": float(q50),
        "p10": float(q10),
        "p90": float(q90),
        "sd_log": float(np.std(np.log1p(s), ddof=1)),
    }


# ---------------------------------------------------------------------------------------------------------------
# Q4: Chinese vs US models


def country_weekly(weekly: pd.DataFrame) -> pd.DataFrame:
    """Tokens and share of top-model tokens by creator country and week (every country present every week)."""
    g = weekly.groupby(["week_start", "creator_country"], as_index=False)["total_tokens"].sum()
    full = pd.MultiIndex.from_product(
        [sorted(weekly["week_start"].unique()), sorted(weekly["creator_country"].unique())],
        names=["week_start", "creator_country"],
    )
    g = g.set_index(["week_start", "creator_country"]).reindex(full, fill_value=0).reset_index()
    g["share"] = g["total_tokens"] / g.groupby("week_start")["total_tokens"].transform("sum")
    flags = weekly.groupby("week_start")["backfilled"].first()
    g["backfilled"] = g["week_start"].map(flags).astype(bool)
    return g


def china_lead_streak(country: pd.DataFrame, through: pd.Timestamp = ARTICLE_WEEK_START) -> int:
    """Consecutive weeks, ending with week `through`, in which Chinese models' top-model tokens exceed US ones."""
    wide = country.pivot(index="week_start", columns="creator_country", values="total_tokens").sort_index()
    ahead = (wide["China"] > wide["United States"]).loc[:through]
    streak = 0
    for lead in reversed(ahead.to_list()):
        if not lead:
            break
        streak += 1
    return streak


def article_week_check(weekly: pd.DataFrame) -> dict[str, float]:
    """The article's OpenRouter numbers against the top-model data for 30 Mar - 5 Apr 2026.

    - chinese_top_ranks: how many of the week's top ranks are held by Chinese models in a row from rank 1, and
      their token sum (the article's 12.96T);
    - top_total / top_wow: all listed models' tokens that week and change from the week before (vs 27T, +18.9%);
    - max_top_total: largest weekly top-model sum in the data (is 27T reachable at all?).
    """
    week = weekly[weekly["week_start"] == ARTICLE_WEEK_START].sort_values("rank")
    chinese = (week["creator_country"] == "China").to_numpy()
    run = int(np.argmin(chinese)) if not chinese.all() else len(chinese)
    top = openrouter_top_weekly(weekly).set_index("week_start")
    return {
        "chinese_top_ranks": run,
        "chinese_top_tokens": float(week["total_tokens"].iloc[:run].sum()),
        "chinese_all_tokens": float(week.loc[chinese, "total_tokens"].sum()),
        "top_total": float(top.loc[ARTICLE_WEEK_START, "total_tokens"]),
        "top_wow": float(top.loc[ARTICLE_WEEK_START, "wow_change"]),
        "max_top_total": float(top["total_tokens"].max()),
        "article_total_over_top": ARTICLE_TOTAL_TOKENS / float(top.loc[ARTICLE_WEEK_START, "total_tokens"]),
    }


# ---------------------------------------------------------------------------------------------------------------
# Q5: what the tokens consist of


def composition_by_creator(weekly: pd.DataFrame, live_only: bool = True) -> pd.DataFrame:
    """Token mix by creator, pooled over weeks with a complete breakdown (prompt + completion = total within 2%).

    prompt_share = prompt / (prompt + completion); reasoning_share_of_completion; cached_share_of_prompt;
    prompt_tokens_per_request and completion_tokens_per_request (average context read and output written per call).
    """
    rows = weekly[weekly["breakdown_complete"] & weekly["request_count"].gt(0)]
    if live_only:
        rows = rows[~rows["backfilled"]]
    cols = ["prompt_tokens", "completion_tokens", "reasoning_tokens", "cached_tokens", "request_count"]
    g = rows.groupby("creator_name")[cols].sum().astype(float)
    g.loc["All top models"] = g.sum()
    out = pd.DataFrame(
        {
            "tokens": g["prompt_tokens"] + g["completion_tokens"],
            "prompt_share": g["prompt_tokens"] / (g["prompt_tokens"] + g["completion_tokens"]),
            "reasoning_share_of_completion": g["reasoning_tokens"] / g["completion_tokens"],
            "cached_share_of_prompt": g["cached_tokens"] / g["prompt_tokens"],
            "prompt_tokens_per_request": g["prompt_tokens"] / g["request_count"],
            "completion_tokens_per_request": g["completion_tokens"] / g["request_count"],
            "n_model_weeks": rows.groupby("creator_name").size().reindex(g.index).fillna(len(rows)).astype(int),
        }
    )
    return out.rename_axis("creator").reset_index().sort_values("tokens", ascending=False).reset_index(drop=True)


# ---------------------------------------------------------------------------------------------------------------
# Q6: spend on the top models


def _mix_shares(weekly: pd.DataFrame) -> pd.DataFrame:
    """Per row: prompt share of tokens and cached share of prompt, from the row's own breakdown when complete,
    else carried from the same model's nearest week with a complete breakdown, else the median of all such rows."""
    w = weekly.sort_values(["model", "week_start"]).copy()
    ok = w["breakdown_complete"]
    parts = w["prompt_tokens"].astype(float) + w["completion_tokens"].astype(float)
    w["prompt_share"] = (w["prompt_tokens"].astype(float) / parts).where(ok)
    w["cached_share"] = (w["cached_tokens"].astype(float) / w["prompt_tokens"].astype(float)).where(ok)
    w["mix_imputed"] = ~ok
    for col in ("prompt_share", "cached_share"):
        filled = w.groupby("model")[col].transform(lambda s: s.ffill().bfill())
        w[col] = filled.fillna(w.loc[ok, col].median())
    return w.sort_index()


def estimated_spend(weekly: pd.DataFrame) -> pd.DataFrame:
    """Estimated list-price spend per model-week, USD: tokens x list prices.

    spend = T [p ((1 - c) P_in + c P_cache) + (1 - p) P_out] / 1e6, with T total tokens, p the prompt share, c the
    cached share of prompt tokens, P list prices in USD per million tokens (reasoning tokens are completion tokens
    and billed at the completion price). ':free' variants cost 0. An upper-bound-ish estimate: it ignores
    discounts, provider-specific prices and OpenRouter's own fees.
    """
    w = _mix_shares(weekly)
    p, c = w["prompt_share"], w["cached_share"]
    per_mtok = (
        p * ((1 - c) * w["prompt_usd_per_mtok"] + c * w["cache_read_usd_per_mtok"])
        + (1 - p) * w["completion_usd_per_mtok"]
    )
    w["spend_usd"] = np.where(w["free_variant"], 0.0, w["total_tokens"] * per_mtok / 1e6)
    w["output_spend_usd"] = np.where(
        w["free_variant"], 0.0, w["total_tokens"] * (1 - p) * w["completion_usd_per_mtok"] / 1e6
    )
    cols = [
        "week_start",
        "model",
        "creator_name",
        "creator_country",
        "total_tokens",
        "spend_usd",
        "output_spend_usd",
        "mix_imputed",
        "free_variant",
        "backfilled",
    ]
    return w[cols]


def output_shares(weekly: pd.DataFrame) -> dict[str, float]:
    """Output (completion) tokens as a share of tokens and of estimated list-price spend, over one sample: the live
    model-weeks whose breakdown adds up (the sample of `composition_by_creator`), so the two shares compare."""
    rows = weekly[weekly["breakdown_complete"] & weekly["request_count"].gt(0) & ~weekly["backfilled"].astype(bool)]
    spend = estimated_spend(weekly).loc[rows.index]
    prompt, completion = rows["prompt_tokens"].astype(float).sum(), rows["completion_tokens"].astype(float).sum()
    return {
        "tokens": completion / (prompt + completion),
        "spend": float(spend["output_spend_usd"].sum() / spend["spend_usd"].sum()),
        "n_model_weeks": len(rows),
    }


def weekly_spend(spend: pd.DataFrame) -> pd.DataFrame:
    """Weekly totals: tokens, spend (USD), average realised price (USD per million tokens), share of the week's
    spend that is imputed or on free models."""
    g = spend.groupby("week_start", as_index=False).agg(
        total_tokens=("total_tokens", "sum"),
        spend_usd=("spend_usd", "sum"),
        output_spend_usd=("output_spend_usd", "sum"),
        backfilled=("backfilled", "first"),
        imputed_models=("mix_imputed", "sum"),
    )
    free = spend[spend["free_variant"]].groupby("week_start")["total_tokens"].sum()
    g["free_token_share"] = g["week_start"].map(free).fillna(0) / g["total_tokens"]
    g["avg_usd_per_mtok"] = g["spend_usd"] / g["total_tokens"] * 1e6
    return g


def jevons_index(week_spend: pd.DataFrame) -> pd.DataFrame:
    """Volume, average price and spend as indices (first week = 1), long format for one chart."""
    base = week_spend.iloc[0]
    out = []
    for col, label in (
        ("total_tokens", "Tokens (volume)"),
        ("avg_usd_per_mtok", "Average price per token"),
        ("spend_usd", "Estimated spend"),
    ):
        out.append(
            pd.DataFrame(
                {
                    "week_start": week_spend["week_start"],
                    "series": label,
                    "index": week_spend[col] / base[col],
                    "backfilled": week_spend["backfilled"],
                }
            )
        )
    return pd.concat(out, ignore_index=True)


def same_model_price_change(weekly: pd.DataFrame) -> pd.DataFrame:
    """List-price change of each paid model between its first and last week in the data (ratio last / first),
    for models seen in at least PRICE_MIN_WEEKS weeks: separates price cuts from shifts in which models are used."""
    paid = weekly[~weekly["free_variant"]].sort_values("week_start")
    g = paid.groupby("model").agg(
        weeks=("week_start", "size"),
        prompt_first=("prompt_usd_per_mtok", "first"),
        prompt_last=("prompt_usd_per_mtok", "last"),
        completion_first=("completion_usd_per_mtok", "first"),
        completion_last=("completion_usd_per_mtok", "last"),
    )
    g = g[g["weeks"] >= PRICE_MIN_WEEKS]
    g["prompt_ratio"] = g["prompt_last"] / g["prompt_first"]
    g["completion_ratio"] = g["completion_last"] / g["completion_first"]
    return g.reset_index()


def live(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows of weeks collected live (not back-filled)."""
    return frame[~frame["backfilled"].astype(bool)]


def spend_fits(week_spend: pd.DataFrame) -> dict[str, trends.LogLinearFit]:
    """Log-linear trends (HAC) over the live weeks of top-model tokens, estimated spend and average price."""
    w = live(week_spend)
    mid = w["week_start"] + pd.Timedelta(days=3)
    return {
        col: trends.fit_log_linear(mid, w[col], ci=CI, hac_lags=WEEKLY_HAC_LAGS)
        for col in ("total_tokens", "spend_usd", "avg_usd_per_mtok")
    }


# ---------------------------------------------------------------------------------------------------------------
# Numbers for the chapter's prose


def _fit_numbers(prefix: str, fit: trends.LogLinearFit) -> dict[str, float]:
    lo, hi = fit.factor_per_year_ci(CI)
    d_lo, d_hi = fit.doubling_time_ci(CI)
    return {
        f"{prefix}-factor": fit.factor_per_year,
        f"{prefix}-factor-lo": lo,
        f"{prefix}-factor-hi": hi,
        f"{prefix}-doubling-months": 12 * fit.doubling_time_years,
        f"{prefix}-doubling-months-lo": 12 * d_lo,
        f"{prefix}-doubling-months-hi": 12 * d_hi,
        f"{prefix}-n": fit.n,
        f"{prefix}-r2": fit.r_squared,
    }


def chapter_numbers(forecasts: pd.DataFrame, volumes: pd.DataFrame, weekly: pd.DataFrame) -> dict[str, float | str]:
    """Every number the chapter's prose quotes, keyed by glue name (floats, ints and short strings)."""
    out: dict[str, float | str] = {"ci-pct": 100 * CI}
    # the article's figures, quoted in the prose next to what the data say
    claims = {c.key: c for c in ARTICLE_CLAIMS}
    out["article-two-thirds-pct"] = 100 * 2 / 3
    out["article-80-pct"] = 100 * claims["above_80_later"].threshold
    out["article-90-pct"] = 100 * claims["above_90_spend"].threshold
    out["claim-two-thirds-threshold-pct"] = 100 * claims["two_thirds_2026"].threshold
    out["article-total-t"] = ARTICLE_TOTAL_TOKENS / 1e12
    out["article-chinese-t"] = ARTICLE_CHINESE_TOKENS / 1e12
    out["article-streak"] = ARTICLE_CONSECUTIVE_WEEKS
    per_week = weekly.groupby("week_start").agg(n=("model", "size"), backfilled=("backfilled", "first"))
    out["n-models-live"] = int(per_week.loc[~per_week["backfilled"].astype(bool), "n"].max())
    out["n-models-backfilled"] = int(per_week.loc[per_week["backfilled"].astype(bool), "n"].max())
    # Q1
    support = claim_support(forecasts).set_index("claim")
    for key in support.index:
        out[f"claim-{key}-n"] = int(support.loc[key, "n_supporting"])
        out[f"claim-{key}-closest"] = str(support.loc[key, "closest_short"])
        out[f"claim-{key}-n-a"] = int(support.loc[key, "n_supporting_a"])
    deloitte = forecasts[forecasts["forecaster"].str.startswith("Deloitte") & (forecasts["target_year"] == 2026)]
    out["deloitte-2026-pct"] = 100 * float(deloitte["inference_share"].iloc[0])
    pts = share_points(forecasts)
    out["share-max-pct"] = 100 * float(pts["share"].max())
    for org, year, metric in (
        ("Deloitte", 2023, "compute"),
        ("Deloitte", 2025, "compute"),
        ("Barclays", 2026, "compute"),
        ("Brookfield", 2030, "compute"),
        ("Gartner", 2029, "spend"),
    ):
        row = pts[pts["forecaster"].str.startswith(org)]
        row = row[(row["target_year"] == year) & (row["measure"] == metric)]
        out[f"{org.lower()}-{year}-pct"] = 100 * float(row["share"].iloc[0])
    counts = count_forecasters(forecasts)
    out["n-forecaster-orgs"] = counts["named"]
    out["n-forecaster-unnamed"] = counts["unnamed"]
    # Q2
    fits = growth_fits(volumes, weekly)
    for key, gf in fits.items():
        out.update(_fit_numbers(f"fit-{key}", gf.fit))
        out[f"fit-{key}-n-c"] = gf.n_grade_c
        out[f"fit-{key}-grade-text"] = gf.grade_text
        out[f"fit-{key}-shape"], out[f"fit-{key}-shape-why"] = gf.shape
    summary = shape_summary(fits, HEADLINE_FITS)
    out["fit-shape-phrase"] = summary.pop("phrase")
    out["fit-shape-sentence"] = summary.pop("sentence")
    out.update({f"fit-{k}": v for k, v in summary.items()})
    out.update(api_point_numbers(series_points(volumes, "GOOG_api")))
    headline = [fits[k].fit.doubling_time_years for k in HEADLINE_FITS]
    out["fit-doubling-min"] = 12 * min(headline)
    out["fit-doubling-max"] = 12 * max(headline)
    ext = extrapolation_check(fits["google"].fit, 12)
    out["google-ext-band-ratio"] = ext["band_ratio"]
    out["google-ext-horizon-span-pct"] = 100 * ext["horizon_over_span"]
    google_980 = volumes[volumes["conflict_group"].fillna("") == "google-980t-month-dating"]
    out["google-disputed-t"] = float(google_980["value"].iloc[0])
    plat = reported_platform_weeks(volumes)
    out["or-platform-list"] = "; ".join(plat["shown"])
    out["or-platform-n"] = len(plat)
    out["or-platform-min-t"] = float(plat["value"].min())
    out["or-platform-max-t"] = float(plat["value"].max())
    out["or-platform-grades"] = "".join(sorted(set(plat["grade"])))
    out["or-platform-grade-label"] = " or ".join(grade_label(g) for g in sorted(set(plat["grade"])))
    top = openrouter_top_weekly(weekly)
    out["n-weeks"] = len(top)
    out["n-live-weeks"] = int((~top["backfilled"]).sum())
    out["boundary-jump-pct"] = 100 * float(
        top.loc[top["backfilled"].diff().fillna(False).astype(bool), "wow_change"].iloc[0]
    )
    # Q3
    model_changes = model_wow_changes(weekly)
    off_seam = top[~top["seam"]]
    out["wow-seam-weeks"] = int(top["seam"].sum())
    for name, sample in (
        ("model", model_changes.loc[~model_changes["seam"], "wow_change"]),
        ("top", off_seam["wow_change"]),
        ("top-live", live(off_seam)["wow_change"]),
    ):
        s = wow_summary(sample)
        out[f"wow-{name}-n"] = s["n"]
        out[f"wow-{name}-pctile"] = 100 * s["percentile"]
        out[f"wow-{name}-pctile-ord"] = ordinal(100 * s["percentile"])
        out[f"wow-{name}-median-pct"] = 100 * s["median"]
        out[f"wow-{name}-p10-pct"] = 100 * s["p10"]
        out[f"wow-{name}-p90-pct"] = 100 * s["p90"]
    out["article-wow-pct"] = 100 * ARTICLE_WOW_CHANGE
    # Q4
    country = country_weekly(weekly)
    check = article_week_check(weekly)
    out["article-chinese-ranks"] = check["chinese_top_ranks"]
    out["article-chinese-top-t"] = check["chinese_top_tokens"] / 1e12
    out["article-chinese-all-t"] = check["chinese_all_tokens"] / 1e12
    out["article-top-total-t"] = check["top_total"] / 1e12
    out["article-top-wow-pct"] = 100 * check["top_wow"]
    out["max-top-total-t"] = check["max_top_total"] / 1e12
    out["article-total-over-top"] = check["article_total_over_top"]
    out["china-streak"] = china_lead_streak(country)
    out["article-streak-ord"] = ordinal(ARTICLE_CONSECUTIVE_WEEKS)
    cn = country[country["creator_country"] == "China"].set_index("week_start")["share"]
    out["cn-share-first-pct"] = 100 * float(cn.iloc[0])
    first_live = top.loc[~top["backfilled"].astype(bool), "week_start"].min()
    out["cn-share-first-live-pct"] = 100 * float(cn.loc[first_live])
    out["first-live-week"] = period_text(first_live, first_live + pd.Timedelta(days=6))
    out["cn-share-article-pct"] = 100 * float(cn.loc[ARTICLE_WEEK_START])
    out["cn-share-last-pct"] = 100 * float(cn.iloc[-1])
    out["cn-share-live-min-pct"] = 100 * float(cn[~country.groupby("week_start")["backfilled"].first()].min())
    # Q5
    mix = composition_by_creator(weekly).set_index("creator")
    overall = mix.loc["All top models"]
    out["mix-prompt-pct"] = 100 * overall["prompt_share"]
    out["mix-cached-pct"] = 100 * overall["cached_share_of_prompt"]
    out["mix-reasoning-pct"] = 100 * overall["reasoning_share_of_completion"]
    out["mix-prompt-per-request-k"] = overall["prompt_tokens_per_request"] / 1e3
    out["mix-completion-per-request"] = overall["completion_tokens_per_request"]
    out["mix-prompt-to-completion"] = overall["prompt_share"] / (1 - overall["prompt_share"])
    per_creator = mix.drop(index="All top models")
    out["mix-ctx-max-k"] = per_creator["prompt_tokens_per_request"].max() / 1e3
    out["mix-ctx-min-k"] = per_creator["prompt_tokens_per_request"].min() / 1e3
    # Q6
    spend = estimated_spend(weekly)
    ws = weekly_spend(spend)
    lw = live(ws)
    out["spend-last-musd"] = float(ws["spend_usd"].iloc[-1]) / 1e6
    out["spend-live-mean-musd"] = float(lw["spend_usd"].mean()) / 1e6
    live_spend = live(spend)
    us = live_spend["creator_country"] == "United States"
    out["spend-us-share-pct"] = 100 * float(live_spend.loc[us, "spend_usd"].sum() / live_spend["spend_usd"].sum())
    out["tokens-us-share-pct"] = 100 * float(
        live_spend.loc[us, "total_tokens"].sum() / live_spend["total_tokens"].sum()
    )
    shares = output_shares(weekly)
    out["mix-output-pct"] = 100 * shares["tokens"]
    out["spend-output-share-pct"] = 100 * shares["spend"]
    out["avg-price-live-min"] = float(lw["avg_usd_per_mtok"].min())
    out["avg-price-live-max"] = float(lw["avg_usd_per_mtok"].max())
    for key, fit in spend_fits(ws).items():
        out.update(_fit_numbers(f"spend-fit-{key.replace('_', '-')}", fit))
    prices = same_model_price_change(weekly)
    out["price-min-weeks"] = PRICE_MIN_WEEKS
    out["n-price-models"] = len(prices)
    out["n-price-unchanged"] = int(
        (
            (prices["prompt_ratio"].sub(1).abs() < PRICE_UNCHANGED_TOLERANCE)
            & (prices["completion_ratio"].sub(1).abs() < PRICE_UNCHANGED_TOLERANCE)
        ).sum()
    )
    out["price-unchanged-tol-pct"] = 100 * PRICE_UNCHANGED_TOLERANCE
    return out


def period_text(start: pd.Timestamp, end: pd.Timestamp) -> str:
    """'4 to 10 May 2026' (same month) or '27 Apr to 3 May 2026'."""
    first = f"{start.day}" if start.month == end.month else f"{start.day} {start:%b}"
    return f"{first} to {end.day} {end:%b %Y}"


def api_point_numbers(api: pd.DataFrame) -> dict[str, float | str]:
    """Google API points: how many cover a calendar quarter (earnings-call figures) and what the last one is
    (period and publisher), so the prose can say the series mixes quarterly figures with a keynote figure."""
    days = (api["period_end"] - api["period_start"]).dt.days
    last = api.iloc[-1]
    return {
        "google-api-n-quarter": int((days >= 80).sum()),
        "google-api-last-period": period_text(last["period_start"], last["period_end"]),
        "google-api-last-publisher": str(last["publisher"]),
        "google-api-last-grade": grade_label(str(last["grade"])),
    }


def reported_platform_weeks(volumes: pd.DataFrame, after: pd.Timestamp = ARTICLE_WEEK_START) -> pd.DataFrame:
    """OpenRouter platform-wide weekly totals reported by a source (not derived by the compilers) for periods
    starting after the article's week, smallest first, each with a short label: value, period, publisher, grade."""
    rows = volumes[
        (volumes["series_id"] == "OR_total")
        & (volumes["metric"] == "tokens_per_week")
        & ~volumes["is_derived"].astype(bool)
        & (volumes["period_start"] > after)
    ].sort_values(["value", "period_start"])
    shown = [
        f"{r.value:.1f} trillion ({period_text(r.period_start, r.period_end)}, {r.publisher}, {grade_label(r.grade)})"
        for r in rows.itertuples()
    ]
    return rows.assign(shown=shown).reset_index(drop=True)


def ledger_numbers(claims: pd.DataFrame, chapter: str = CHAPTER) -> dict[str, str]:
    """The claims ledger's verdict for each of this chapter's claims, keyed 'ledger-<claim_id>-verdict', so the
    chapter uses the ledger's words."""
    rows = claims[claims["chapter"] == chapter]
    return {f"ledger-{r.claim_id}-verdict": str(r.verdict) for r in rows.itertuples()}


def se_words(se_kind: str) -> str:
    """A fit's standard-error label in words: 'OLS' -> 'ordinary', 'HAC(maxlags=2)' -> 'Newey-West, 2 lags'."""
    lags = re.fullmatch(r"HAC\(maxlags=(\d+)\)", se_kind)
    if lags:
        return f"Newey-West, {lags.group(1)} lags"
    if se_kind == "OLS":
        return "ordinary"
    raise ValueError(f"unknown standard-error kind {se_kind!r}")


def _favours(delta: float) -> tuple[str, str]:
    """(model favoured, by how many units) for an information-criterion difference, exponential minus logistic;
    ('not computed', '') when the criterion is undefined (too few points) or not computed."""
    if not math.isfinite(delta):
        return "not computable (too few points)", ""
    return _favoured(delta), f"{abs(delta):.1f}"


def growth_table_display(fits: dict[str, GrowthFit]) -> pd.DataFrame:
    """The growth fits as a readable table, one fact per cell: period, points, doubling time and yearly factor
    with their 90% interval bounds in columns of their own, the standard errors in words, and which curve each
    information criterion favours and by how much (exponential against logistic), then the verdict. An interval
    bound that does not exist (the doubling time's upper bound when growth may be zero) is said in words."""
    t = growth_table(fits)
    ci = f"{CI:.0%}"
    rows = []
    for r in t.itertuples():
        d_aic = r.aic_exponential - r.aic_logistic if r.aic_exponential == r.aic_exponential else math.nan
        d_aicc = (
            r.aicc_exponential - r.aicc_logistic
            if math.isfinite(r.aicc_exponential) and math.isfinite(r.aicc_logistic)
            else math.nan
        )
        compared = fits[r.key].comparison is not None
        aic, aic_by = _favours(d_aic) if compared else ("not compared (under 5 points)", "")
        aicc, aicc_by = _favours(d_aicc) if compared else ("not compared (under 5 points)", "")
        rows.append(
            {
                "Series": r.series,
                "From": pd.Timestamp(r.start).strftime("%b %Y"),
                "To": pd.Timestamp(r.end).strftime("%b %Y"),
                "Points": int(r.n),
                "Doubling time (months)": f"{r.doubling_months:.1f}",
                f"Doubling, {ci} low": f"{r.doubling_months_low:.1f}",
                f"Doubling, {ci} high": f"{r.doubling_months_high:.1f}"
                if math.isfinite(r.doubling_months_high)
                else "no upper bound",
                "Growth per year (times)": f"{r.factor_per_year:,.1f}",
                f"Growth, {ci} low": f"{r.factor_ci_low:,.1f}",
                f"Growth, {ci} high": f"{r.factor_ci_high:,.1f}",
                "Standard errors": se_words(r.se_kind),
                "AIC favours": aic,
                "by (AIC units)": aic_by,
                "AICc favours": aicc,
                "by (AICc units)": aicc_by,
                "Slowing?": r.shape,
                "Grade C points": f"{r.n_grade_c} of {r.n}",
            }
        )
    return pd.DataFrame(rows)


# What each conflict group in token_volumes is about, and the segments its rows count, for a reader.
CONFLICT_NAMES = {
    "doubao-daily-end-2025": "Doubao's daily tokens at the end of 2025",
    "google-980t-month-dating": "Which month Google's 980 trillion tokens were counted in",
    "openrouter-chinese-share-definitions": "Chinese models' share of OpenRouter tokens",
    "openrouter-cn-us-2026-05-04": "Chinese and US models on OpenRouter, week of 4 May 2026",
    "openrouter-us-2026-03-09": "US models on OpenRouter, week of 9 March 2026",
    "openrouter-weekly-late-2025": "OpenRouter's total weekly tokens, late 2025",
}
SEGMENT_NAMES = {
    "doubao_llm": "Doubao models",
    "all_surfaces": "all Google products",
    "chinese_models": "Chinese models",
    "chinese_oss_models": "Chinese open-weight models",
    "us_models": "US models",
    "all": "all traffic",
}
# Units as a reader reads them; shares are shown in per cent.
_UNIT_TEXT = {
    "trillion tokens per day": "trillion tokens a day",
    "trillion tokens per week": "trillion tokens a week",
    "trillion tokens per month": "trillion tokens a month",
}


def _value_text(value: float, unit: str) -> str:
    if unit == "fraction":
        return f"{100 * value:.3g}% of tokens"
    if unit not in _UNIT_TEXT:
        raise KeyError(f"no reader's wording for the unit {unit!r}")
    return f"{value:,.4g} {_UNIT_TEXT[unit]}"


def conflicts_table(volumes: pd.DataFrame) -> pd.DataFrame:
    """Rows of token_volumes that belong to a conflict group, one line per source version, in words: what the
    conflict is about, the period (one date when a single day), what is counted, the value with its unit, the
    publisher and grade."""
    rows = volumes[volumes["conflict_group"].fillna("") != ""]
    unknown = (set(rows["conflict_group"]) - set(CONFLICT_NAMES)) | (set(rows["segment"]) - set(SEGMENT_NAMES))
    if unknown:
        raise KeyError(f"conflict groups or segments without a reader's name: {sorted(unknown)}")

    def period(a: pd.Timestamp, b: pd.Timestamp) -> str:
        if a == b:
            return f"{a.day} {a:%b %Y}"
        return period_text(a, b) if a.year == b.year else f"{a.day} {a:%b %Y} to {b.day} {b:%b %Y}"

    table = pd.DataFrame(
        {
            "Conflict": rows["conflict_group"].map(CONFLICT_NAMES),
            "_sort": rows["period_start"],
            "Period": [period(a, b) for a, b in zip(rows["period_start"], rows["period_end"], strict=True)],
            "What is counted": rows["segment"].map(SEGMENT_NAMES),
            "Value": [_value_text(v, u) for v, u in zip(rows["value"], rows["unit"], strict=True)],
            "Publisher": rows["publisher"],
            "Grade": rows["grade"],
        }
    )
    return table.sort_values(["Conflict", "_sort", "Publisher"]).drop(columns="_sort").reset_index(drop=True)


def claims_display(forecasts: pd.DataFrame) -> pd.DataFrame:
    """claim_support as a readable table."""
    t = claim_support(forecasts)
    return pd.DataFrame(
        {
            "Article claim (paraphrased)": t["text"],
            "Supporting estimates": t["supporting"].replace("", "none found"),
            "Closest estimate short of it": t["closest_short"],
        }
    )
