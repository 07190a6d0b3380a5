"""Statistical trend fits: log-linear growth/decline rates, price frontiers, changes in rate, growth-model checks.

Conventions used throughout (see the "Statistical methods" section of chapters/appendix_methods.md):

- A trend is an ordinary least squares (OLS) regression of log10(value) on time measured in days. The slope (log10
  per day) times ``DAYS_PER_YEAR = 365`` is the change per year in orders of magnitude; ``10 ** (slope * 365)`` is the
  multiplicative factor per year (0.1 = falls ten-fold a year, 2.0 = doubles every year).
- Intervals on the factor come from the t-interval of the slope, mapped through ``10 ** (365 * .)``. Optionally the
  slope's standard error is heteroskedasticity- and autocorrelation-consistent (Newey-West HAC, statsmodels
  ``cov_type="HAC"``); every fit reports which standard error it used in ``se_kind``.
- The price frontier and the per-threshold decline table follow Epoch AI's data insight "LLM inference prices have
  fallen rapidly but unequally across tasks" (Cottier et al., March 2025,
  https://epoch.ai/data-insights/llm-inference-price-trends; code: github.com/epoch-research/llm-benchmark-efficiency).

Inputs are validated: fewer than three points, non-positive values, NaNs or unparseable dates raise ``ValueError``
with a message naming the problem. Unsorted input is sorted by date (stable sort) before fitting.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from scipy import optimize
from scipy import stats as sps
from statsmodels.regression.linear_model import OLS

DAYS_PER_YEAR = 365.0  # a fixed 365-day year: 1 year = 365 days of release-date difference (documented choice)
LOG10_2 = math.log10(2.0)
DEFAULT_CI = 0.90
DEFAULT_BOOT_SEED = 20261126
DEFAULT_MULTIPLE_CHOICE = ("mmlu", "gpqa_diamond")
DEFAULT_UNBOUNDED = ("arena_elo",)
# Epoch skips thresholds of multiple-choice benchmarks below this score (percent): near chance (25% for 4 options),
# a "threshold" says little about capability.
MULTIPLE_CHOICE_FLOOR = 30.0

__all__ = [
    "DAYS_PER_YEAR",
    "LogLinearFit",
    "SlopeChange",
    "GrowthModelComparison",
    "BootstrapCI",
    "fit_log_linear",
    "price_frontier",
    "threshold_models",
    "decline_table",
    "slope_change_test",
    "compare_growth_models",
    "bootstrap_factor_ci",
    "implied_factor_per_year",
]


# --------------------------------------------------------------------------------------------------------------
# Input checking
# --------------------------------------------------------------------------------------------------------------


def _to_datetime(dates: Any, what: str = "dates") -> pd.Series:
    """Parse datetime-like input into a datetime64 Series; raise ValueError naming unparseable or missing entries."""
    s = pd.Series(dates).reset_index(drop=True)
    try:
        parsed = pd.to_datetime(s, errors="raise")
    except (ValueError, TypeError, OverflowError) as exc:
        raise ValueError(f"{what}: could not parse as dates ({exc})") from exc
    if parsed.isna().any():
        bad = [int(i) for i in np.flatnonzero(parsed.isna().to_numpy())]
        raise ValueError(f"{what}: missing (NaT/NaN) date at position(s) {bad}")
    return parsed


def _clean_xy(dates: Any, values: Any, min_points: int = 3) -> tuple[pd.Series, np.ndarray]:
    """Validate and sort (stable, by date) a date/value pair. Returns (dates, values) as sorted arrays."""
    d = _to_datetime(dates)
    v = pd.to_numeric(pd.Series(values).reset_index(drop=True), errors="coerce").to_numpy(dtype=float)
    if len(d) != len(v):
        raise ValueError(f"dates and values differ in length ({len(d)} vs {len(v)})")
    if np.isnan(v).any():
        bad = [int(i) for i in np.flatnonzero(np.isnan(v))]
        raise ValueError(f"values: NaN or non-numeric value at position(s) {bad}")
    if not np.isfinite(v).all():
        raise ValueError("values: infinite value")
    if (v <= 0).any():
        bad = [int(i) for i in np.flatnonzero(v <= 0)]
        raise ValueError(f"values: non-positive value at position(s) {bad}; a log-linear fit needs values > 0")
    if len(v) < min_points:
        raise ValueError(f"need at least {min_points} points for this fit, got {len(v)}")
    order = np.argsort(d.to_numpy(), kind="stable")
    d = d.iloc[order].reset_index(drop=True)
    v = v[order]
    if d.nunique() < 2:
        raise ValueError("all dates are identical: the time trend is not identified")
    return d, v


def _days_since(dates: pd.Series, origin: pd.Timestamp) -> np.ndarray:
    """Time in (possibly fractional) days since `origin`."""
    return ((dates - origin) / pd.Timedelta(days=1)).to_numpy(dtype=float)


def _check_ci(ci: float) -> float:
    if not 0.0 < float(ci) < 1.0:
        raise ValueError(f"ci must be a coverage level strictly between 0 and 1, got {ci!r}")
    return float(ci)


def _per_year_to_doubling(rate_log10_per_year: float) -> float:
    """Years to double for a log10-per-year growth rate; inf when the series never doubles (rate <= 0)."""
    return LOG10_2 / rate_log10_per_year if rate_log10_per_year > 0 else math.inf


# --------------------------------------------------------------------------------------------------------------
# Log-linear fit
# --------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LogLinearFit:
    """Result of `fit_log_linear`: log10(value) = intercept + slope * days_since_origin + error.

    Attributes are in these units: ``slope_log10_per_day`` (log10 units per day), ``intercept_log10`` (log10 of the
    value at ``origin``), ``origin`` (the earliest date), ``n`` (points), ``r_squared``, ``se_kind`` ("OLS" or
    "HAC(maxlags=k)"), ``ci`` (default coverage for the interval properties).
    """

    slope_log10_per_day: float
    intercept_log10: float
    se_slope: float
    df_resid: float
    n: int
    r_squared: float
    se_kind: str
    origin: pd.Timestamp
    ci: float
    start_date: pd.Timestamp
    end_date: pd.Timestamp
    result: Any = field(repr=False, compare=False)

    # -- rates -----------------------------------------------------------------------------------------------
    @property
    def slope_log10_per_year(self) -> float:
        """Orders of magnitude per (365-day) year."""
        return self.slope_log10_per_day * DAYS_PER_YEAR

    @property
    def factor_per_year(self) -> float:
        """Multiplicative change per year: 0.1 = falls 10x a year, 2.0 = doubles every year."""
        return float(10.0**self.slope_log10_per_year)

    @property
    def decline_factor_per_year(self) -> float:
        """How many times smaller the value gets each year (1 / factor_per_year): 10 = ten times cheaper a year."""
        return 1.0 / self.factor_per_year

    def slope_ci(self, ci: float | None = None) -> tuple[float, float]:
        """t-interval of the slope in log10 per year: slope +- t_{(1+ci)/2, n-2} * se (se per ``se_kind``)."""
        ci = _check_ci(self.ci if ci is None else ci)
        t = float(sps.t.ppf(0.5 + ci / 2.0, self.df_resid))
        half = t * self.se_slope * DAYS_PER_YEAR
        return (self.slope_log10_per_year - half, self.slope_log10_per_year + half)

    def factor_per_year_ci(self, ci: float | None = None) -> tuple[float, float]:
        """(low, high) interval of the yearly factor, from the slope's t-interval."""
        lo, hi = self.slope_ci(ci)
        return (float(10.0**lo), float(10.0**hi))

    def decline_factor_ci(self, ci: float | None = None) -> tuple[float, float]:
        """(low, high) interval of the yearly decline factor 1 / factor_per_year."""
        lo, hi = self.factor_per_year_ci(ci)
        return (1.0 / hi, 1.0 / lo)

    # -- doubling / halving --------------------------------------------------------------------------------------
    @property
    def doubling_time_years(self) -> float:
        """Years for the value to double; inf if the fitted trend is flat or falling (it never doubles)."""
        return _per_year_to_doubling(self.slope_log10_per_year)

    @property
    def halving_time_years(self) -> float:
        """Years for the value to halve; inf if the fitted trend is flat or rising (it never halves)."""
        return _per_year_to_doubling(-self.slope_log10_per_year)

    def doubling_time_ci(self, ci: float | None = None) -> tuple[float, float]:
        """(short, long) interval of the doubling time in years.

        Mapped from the slope interval (lo, hi) as (log10 2 / hi, log10 2 / lo). Where the interval reaches zero or
        negative growth the long end is inf (doubling is not bounded); if the whole interval is <= 0 both ends are inf.
        """
        lo, hi = self.slope_ci(ci)
        return (_per_year_to_doubling(hi), _per_year_to_doubling(lo))

    def halving_time_ci(self, ci: float | None = None) -> tuple[float, float]:
        """(short, long) interval of the halving time in years; inf ends as in `doubling_time_ci`."""
        lo, hi = self.slope_ci(ci)
        return (_per_year_to_doubling(-lo), _per_year_to_doubling(-hi))

    # -- prediction ----------------------------------------------------------------------------------------------
    def predict(self, dates: Any, ci: float | None = None) -> pd.DataFrame:
        """Fitted trend at `dates`, in original units (not log10).

        Columns: ``date``, ``fit`` (10 ** fitted mean log10), ``conf_low``/``conf_high`` (interval of the mean
        trend), ``pred_low``/``pred_high`` (prediction band for a new observation, which adds the residual
        variance). Both intervals are t-based at coverage `ci` on the log10 scale, then exponentiated. Dates outside
        the fitted range are extrapolations.
        """
        ci = _check_ci(self.ci if ci is None else ci)
        d = _to_datetime(dates)
        x = _days_since(d, self.origin)
        exog = np.column_stack([np.ones_like(x), x])
        frame = self.result.get_prediction(exog).summary_frame(alpha=1.0 - ci)
        out = pd.DataFrame(
            {
                "date": d.to_numpy(),
                "fit": 10.0 ** frame["mean"].to_numpy(),
                "conf_low": 10.0 ** frame["mean_ci_lower"].to_numpy(),
                "conf_high": 10.0 ** frame["mean_ci_upper"].to_numpy(),
                "pred_low": 10.0 ** frame["obs_ci_lower"].to_numpy(),
                "pred_high": 10.0 ** frame["obs_ci_upper"].to_numpy(),
            }
        )
        return out

    def summary(self) -> dict[str, Any]:
        """Plain-Python summary (for tables and glue): factor, its interval, n, r_squared, se_kind."""
        lo, hi = self.factor_per_year_ci()
        return {
            "n": int(self.n),
            "start_date": self.start_date,
            "end_date": self.end_date,
            "factor_per_year": self.factor_per_year,
            "factor_ci_low": lo,
            "factor_ci_high": hi,
            "ci": self.ci,
            "r_squared": self.r_squared,
            "se_kind": self.se_kind,
        }


def fit_log_linear(dates: Any, values: Any, ci: float = DEFAULT_CI, hac_lags: int | None = None) -> LogLinearFit:
    """Fit log10(value) = a + b * t by OLS, with t the date in days since the earliest date.

    Parameters
    ----------
    dates: datetime-like sequence (Series, list of ISO strings, DatetimeIndex). Unsorted input is sorted (stable).
    values: positive numbers in any unit (e.g. USD per million tokens); the fit is on log10(value).
    ci: default coverage of the intervals reported by the result (0.90 = 90%).
    hac_lags: if given, the slope's standard error is Newey-West HAC with this many lags (statsmodels
        ``cov_type="HAC"``, ``maxlags=hac_lags``), and intervals use the t distribution with n - 2 degrees of
        freedom (``use_t=True``); the result's ``se_kind`` says "HAC(maxlags=k)". Otherwise the classical OLS
        standard error ("OLS").

    Returns
    -------
    LogLinearFit, whose ``factor_per_year = 10 ** (365 * b)``.

    Method: ordinary least squares on the log scale, i.e. exponential growth/decline with multiplicative
    (log-normal) errors, as in Epoch AI's trend analyses (Cottier et al. 2025).
    """
    ci = _check_ci(ci)
    d, v = _clean_xy(dates, values, min_points=3)
    origin = d.iloc[0]
    x = _days_since(d, origin)
    y = np.log10(v)
    exog = np.column_stack([np.ones_like(x), x])
    model = OLS(y, exog)
    if hac_lags is None:
        res = model.fit()
        se_kind = "OLS"
    else:
        if int(hac_lags) < 0:
            raise ValueError(f"hac_lags must be >= 0, got {hac_lags!r}")
        res = model.fit(cov_type="HAC", cov_kwds={"maxlags": int(hac_lags)}, use_t=True)
        se_kind = f"HAC(maxlags={int(hac_lags)})"
    return LogLinearFit(
        slope_log10_per_day=float(res.params[1]),
        intercept_log10=float(res.params[0]),
        se_slope=float(res.bse[1]),
        df_resid=float(res.df_resid),
        n=int(len(y)),
        r_squared=float(res.rsquared),
        se_kind=se_kind,
        origin=origin,
        ci=ci,
        start_date=d.iloc[0],
        end_date=d.iloc[-1],
        result=res,
    )


def implied_factor_per_year(start_date: Any, start_value: float, end_date: Any, end_value: float) -> float:
    """Constant yearly factor that takes `start_value` at `start_date` to `end_value` at `end_date`.

    ``(end_value / start_value) ** (365 / days_between)``: < 1 for a decline (e.g. 1/20 = twenty-fold cheaper a year).
    Two endpoints only: no uncertainty, sensitive to the choice of endpoints. Used to check quoted headline rates
    (e.g. the AI Index's 280-fold price drop).
    """
    start, end = _to_datetime([start_date, end_date], "start_date/end_date")
    days = (end - start) / pd.Timedelta(days=1)
    if days <= 0:
        raise ValueError(f"end_date must be after start_date (got {start.date()} -> {end.date()})")
    for name, value in (("start_value", start_value), ("end_value", end_value)):
        if not (isinstance(value, int | float | np.floating | np.integer) and math.isfinite(value) and value > 0):
            raise ValueError(f"{name} must be a positive finite number, got {value!r}")
    return float((end_value / start_value) ** (DAYS_PER_YEAR / days))


# --------------------------------------------------------------------------------------------------------------
# Price frontier and decline table (Epoch AI method)
# --------------------------------------------------------------------------------------------------------------


def _upper_bound(upper: float | None) -> float:
    return math.inf if upper is None else float(upper)


def price_frontier(
    models: pd.DataFrame,
    score: str = "mmlu",
    threshold: float = 64.8,
    upper: float | None = 100.0,
    date: str = "release_date",
    price: str = "usd_per_mtok_blended_3to1",
) -> pd.DataFrame:
    """Models that set a new lowest price among those scoring in [threshold, upper) on `score`.

    Rules (after Cottier et al. 2025, Epoch AI):
    1. keep rows with a score in [threshold, upper) (``upper=None`` or inf: no upper bound, e.g. Arena Elo) and a
       known date and positive price;
    2. sort by date (stable, so ties keep the input order);
    3. walk in that order and keep a model only if it is strictly cheaper than every model kept before it;
    4. where two kept models share a release date, keep only the later one in that order (the cheaper one), so a
       same-day launch does not count as a price drop over time.

    Returns the kept rows (all input columns), sorted by date, with a fresh index. Units: as in `price`.
    """
    for col in (score, date, price):
        if col not in models.columns:
            raise ValueError(f"column {col!r} not in models (columns: {list(models.columns)})")
    if not math.isfinite(float(threshold)):
        raise ValueError(f"threshold must be a finite number, got {threshold!r}")
    hi = _upper_bound(upper)
    s = pd.to_numeric(models[score], errors="coerce")
    p = pd.to_numeric(models[price], errors="coerce")
    d = pd.to_datetime(models[date], errors="coerce")
    eligible = (s >= threshold) & (s < hi) & d.notna() & p.notna() & (p > 0)
    pool = models.loc[eligible.to_numpy()].copy()
    if pool.empty:
        return pool.reset_index(drop=True)
    pool_dates = pd.to_datetime(pool[date]).to_numpy()
    pool_prices = pd.to_numeric(pool[price]).to_numpy(dtype=float)
    order = np.argsort(pool_dates, kind="stable")
    kept: list[int] = []
    best = math.inf
    for i in order:
        if pool_prices[i] < best:
            best = pool_prices[i]
            # Same release date as the last kept model: the new, cheaper one replaces it.
            if kept and pool_dates[kept[-1]] == pool_dates[i]:
                kept.pop()
            kept.append(int(i))
    return pool.iloc[kept].reset_index(drop=True)


def threshold_models(models: pd.DataFrame, score: str, date: str = "release_date") -> pd.DataFrame:
    """Models that were the top scorer on `score` when released (the candidate thresholds).

    A model qualifies if its score is the highest among models released on its date (first in input order on a
    tie) and strictly higher than every score released before that date. This matches Epoch AI's running
    "top-1 model up to each release date". Returns the qualifying rows sorted by date (stable).
    """
    s = pd.to_numeric(models[score], errors="coerce")
    d = pd.to_datetime(models[date], errors="coerce")
    pool = models.loc[(s.notna() & d.notna()).to_numpy()].copy()
    if pool.empty:
        return pool.reset_index(drop=True)
    sc = pd.to_numeric(pool[score]).to_numpy(dtype=float)
    dt = pd.to_datetime(pool[date]).to_numpy()
    order = np.argsort(dt, kind="stable")
    picked: list[int] = []
    running_max = -math.inf
    i = 0
    while i < len(order):
        j = i
        while j < len(order) and dt[order[j]] == dt[order[i]]:
            j += 1
        same_day = order[i:j]
        top = same_day[int(np.argmax(sc[same_day]))]  # argmax returns the first of equal maxima
        if sc[top] > running_max:
            picked.append(int(top))
            running_max = sc[top]
        i = j
    return pool.iloc[picked].reset_index(drop=True)


DECLINE_COLUMNS = [
    "benchmark",
    "threshold_model",
    "threshold",
    "n",
    "start_date",
    "end_date",
    "decline_factor_per_year",
    "decline_ci_low",
    "decline_ci_high",
    "r_squared",
]


def decline_table(
    models: pd.DataFrame,
    benchmarks: Sequence[str] = ("mmlu", "gpqa_diamond", "math_500", "math_level_5", "humaneval", "arena_elo"),
    date: str = "release_date",
    price: str = "usd_per_mtok_blended_3to1",
    min_points: int = 4,
    include_reasoning: bool = False,
    reasoning_col: str = "reasoning",
    name_col: str = "model_name",
    multiple_choice: Iterable[str] = DEFAULT_MULTIPLE_CHOICE,
    unbounded: Iterable[str] = DEFAULT_UNBOUNDED,
    upper: float = 100.0,
    ci: float = DEFAULT_CI,
    multiple_choice_floor: float = MULTIPLE_CHOICE_FLOOR,
) -> pd.DataFrame:
    """Yearly price-decline factor at each capability threshold, per benchmark (Epoch AI method).

    For each benchmark in `benchmarks` (column names of `models`):
    - drop reasoning models (``models[reasoning_col]`` true) unless `include_reasoning`; drop rows without a
      positive price or a date;
    - thresholds = scores of `threshold_models` (top scorer at release); for benchmarks in `multiple_choice`,
      thresholds below `multiple_choice_floor` (percent) are skipped as too close to chance;
    - models count if their score is in [threshold, upper), with no upper bound for benchmarks in `unbounded`;
    - `price_frontier` picks the successively cheapest models; with at least `min_points` of them, fit
      `fit_log_linear` (OLS of log10 price on days; 365-day year).

    Returns one row per fitted threshold with columns ``DECLINE_COLUMNS``: ``decline_factor_per_year`` is how many
    times cheaper per year (10 = ten times cheaper a year); ``decline_ci_low``/``decline_ci_high`` is its t-based
    interval at `ci` (default 90%). Rows are ordered by the order of `benchmarks`, then threshold date.
    """
    if min_points < 3:
        raise ValueError(f"min_points must be >= 3 (a fit with fewer points has no interval), got {min_points}")
    mc, unb = set(multiple_choice), set(unbounded)
    missing = [c for c in (*benchmarks, date, price, name_col) if c not in models.columns]
    if missing:
        raise ValueError(f"columns not in models: {missing}")
    pool = models
    if not include_reasoning:
        if reasoning_col not in models.columns:
            raise ValueError(
                f"reasoning column {reasoning_col!r} not in models; pass include_reasoning=True to keep all models"
            )
        flags = models[reasoning_col]
        all_bools = flags.dropna().map(lambda x: isinstance(x, bool | np.bool_)).all()
        if not (pd.api.types.is_bool_dtype(flags) or (flags.dtype == object and all_bools)):
            # A string column ("false") would silently cast to True: insist on real booleans.
            raise ValueError(f"reasoning column {reasoning_col!r} must be boolean, got dtype {flags.dtype}")
        is_reasoning = flags.fillna(False).astype(bool).to_numpy()
        pool = models.loc[~is_reasoning]
    p = pd.to_numeric(pool[price], errors="coerce")
    pool = pool.loc[(p.notna() & (p > 0) & pd.to_datetime(pool[date], errors="coerce").notna()).to_numpy()]

    rows: list[dict[str, Any]] = []
    for bench in benchmarks:
        tops = threshold_models(pool, bench, date=date)
        hi = math.inf if bench in unb else float(upper)
        for _, top in tops.iterrows():
            thr = float(top[bench])
            if bench in mc and thr < multiple_choice_floor:
                continue
            frontier = price_frontier(pool, score=bench, threshold=thr, upper=hi, date=date, price=price)
            if len(frontier) < min_points:
                continue
            fit = fit_log_linear(frontier[date], frontier[price], ci=ci)
            lo, high = fit.decline_factor_ci(ci)
            rows.append(
                {
                    "benchmark": bench,
                    "threshold_model": str(top[name_col]),
                    "threshold": thr,
                    "n": fit.n,
                    "start_date": fit.start_date,
                    "end_date": fit.end_date,
                    "decline_factor_per_year": fit.decline_factor_per_year,
                    "decline_ci_low": lo,
                    "decline_ci_high": high,
                    "r_squared": fit.r_squared,
                }
            )
    out = pd.DataFrame(rows, columns=DECLINE_COLUMNS)
    return out.astype({"n": "int64", "threshold": float})


# --------------------------------------------------------------------------------------------------------------
# Change in rate, growth-model comparison, bootstrap
# --------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SlopeChange:
    """Result of `slope_change_test`: yearly factors before/after a breakpoint and the p-value of the change."""

    breakpoint: pd.Timestamp
    factor_per_year_before: float
    factor_per_year_after: float
    p_value: float
    n_before: int
    n_after: int
    continuous: bool
    se_kind: str
    result: Any = field(repr=False, compare=False)


def slope_change_test(
    dates: Any, values: Any, breakpoint: Any, continuous: bool = False, hac_lags: int | None = None
) -> SlopeChange:
    """Test whether the log-linear rate changes at `breakpoint` (a date).

    Model (t in days since the breakpoint, D = 1 if date >= breakpoint else 0):
    - ``continuous=False`` (default): log10 y = a + b t + c D + d (D t): separate lines before and after
      (interaction term);
    - ``continuous=True``: log10 y = a + b t + d max(t, 0): a segmented ("hinge") line joined at the breakpoint.
    The slope before is b, after is b + d; the p-value is the two-sided t-test of d = 0 (OLS, or Newey-West HAC
    with `hac_lags`). Factors per year are ``10 ** (365 * slope)``. Needs >= 2 points on each side and >= 5 in all.
    """
    d, v = _clean_xy(dates, values, min_points=5)
    bp = _to_datetime([breakpoint], "breakpoint").iloc[0]
    t = _days_since(d, bp)
    after = (t >= 0).astype(float)
    n_after = int(after.sum())
    n_before = len(t) - n_after
    if n_before < 2 or n_after < 2:
        raise ValueError(
            f"breakpoint {bp.date()} leaves {n_before} point(s) before and {n_after} after; need >= 2 on each side"
        )
    if continuous:
        exog = np.column_stack([np.ones_like(t), t, np.maximum(t, 0.0)])
        k_change = 2
    else:
        exog = np.column_stack([np.ones_like(t), t, after, after * t])
        k_change = 3
    model = OLS(np.log10(v), exog)
    if hac_lags is None:
        res, se_kind = model.fit(), "OLS"
    else:
        res = model.fit(cov_type="HAC", cov_kwds={"maxlags": int(hac_lags)}, use_t=True)
        se_kind = f"HAC(maxlags={int(hac_lags)})"
    b, dd = float(res.params[1]), float(res.params[k_change])
    return SlopeChange(
        breakpoint=bp,
        factor_per_year_before=float(10.0 ** (b * DAYS_PER_YEAR)),
        factor_per_year_after=float(10.0 ** ((b + dd) * DAYS_PER_YEAR)),
        p_value=float(res.pvalues[k_change]),
        n_before=n_before,
        n_after=n_after,
        continuous=continuous,
        se_kind=se_kind,
        result=res,
    )


@dataclass(frozen=True)
class GrowthModelComparison:
    """Result of `compare_growth_models` (AIC on the log10 scale; lower is better)."""

    n: int
    aic_exponential: float
    aic_logistic: float
    aicc_exponential: float
    aicc_logistic: float
    preferred: str  # "exponential" or "logistic"
    delta_aic: float  # aic_exponential - aic_logistic (> 0 favours the logistic)
    logistic_params: dict[str, float]

    @property
    def exponential_extrapolation_supported(self) -> bool:
        """False when the logistic (saturating) model beats the exponential by more than 2 AIC units."""
        return not self.delta_aic > 2.0


def _gaussian_aic(rss: float, n: int, k_mean: int) -> tuple[float, float]:
    """AIC and AICc of a Gaussian least-squares fit with k_mean mean parameters (+1 for the error variance)."""
    k = k_mean + 1
    rss = max(rss, np.finfo(float).tiny)
    aic = n * math.log(rss / n) + n * (1.0 + math.log(2.0 * math.pi)) + 2.0 * k
    aicc = aic + (2.0 * k * (k + 1) / (n - k - 1) if n - k - 1 > 0 else math.inf)
    return aic, aicc


def _log10_logistic(t: np.ndarray, log10_cap: float, rate_per_day: float, t_mid: float) -> np.ndarray:
    """log10 of K / (1 + exp(-r (t - t_mid))), computed stably."""
    return log10_cap - np.logaddexp(0.0, -rate_per_day * (t - t_mid)) / math.log(10.0)


def compare_growth_models(dates: Any, values: Any) -> GrowthModelComparison:
    """Exponential vs logistic (saturating) trend, compared by AIC on the log10 scale.

    - Exponential: log10 y = a + b t (OLS; 2 mean parameters).
    - Logistic: for a rising series y = K / (1 + exp(-r (t - t0))) with r > 0, which levels off at K; for a falling
      series the same curve is fitted to 1 / y, i.e. a decline that levels off at a floor 1 / K. Fitted by nonlinear
      least squares on the log10 scale (scipy ``curve_fit``, 3 mean parameters) from a deterministic grid of start
      values (K = 2, 10, 100, 1000 times the last observed level; r and t0 from the exponential fit); the best fit
      is kept. Both models assume Gaussian errors on the log10 scale, so their AICs are comparable.

    ``preferred`` is the model with the lower AIC. A logistic that wins by more than 2 AIC units means the data show
    the rate slowing, and an exponential extrapolation is not supported. Needs >= 5 points.
    """
    d, v = _clean_xy(dates, values, min_points=5)
    t = _days_since(d, d.iloc[0])
    y = np.log10(v)
    n = len(y)
    exp_fit = OLS(y, np.column_stack([np.ones_like(t), t])).fit()
    aic_e, aicc_e = _gaussian_aic(float(exp_fit.ssr), n, 2)

    sign = 1.0 if exp_fit.params[1] >= 0 else -1.0
    z = sign * y  # log10 of y (rising) or of 1/y (falling): fit a rising logistic to z
    slope = abs(float(exp_fit.params[1]))
    rate0 = max(slope * math.log(10.0), 1e-6)  # natural-log rate per day
    best: tuple[float, np.ndarray] | None = None
    for cap_mult in (2.0, 10.0, 100.0, 1000.0):
        log10_cap0 = float(z[-1] + math.log10(cap_mult))
        a0 = float(sign * exp_fit.params[0])
        t_mid0 = (log10_cap0 - a0) / slope if slope > 0 else float(t.mean())
        p0 = [log10_cap0, rate0, t_mid0]
        try:
            popt, _ = optimize.curve_fit(
                _log10_logistic,
                t,
                z,
                p0=p0,
                bounds=([-np.inf, 1e-9, -np.inf], [np.inf, np.inf, np.inf]),
                maxfev=20000,
            )
        except (RuntimeError, ValueError, optimize.OptimizeWarning):
            continue
        rss = float(np.sum((z - _log10_logistic(t, *popt)) ** 2))
        if best is None or rss < best[0] - 1e-12:
            best = (rss, popt)
    if best is None:
        aic_l = aicc_l = math.inf
        params: dict[str, float] = {}
    else:
        aic_l, aicc_l = _gaussian_aic(best[0], n, 3)
        log10_cap, rate, t_mid = (float(x) for x in best[1])
        params = {
            "direction": sign,
            "log10_level": sign * log10_cap,  # log10 of the plateau (rising) or floor (falling) in y's units
            "rate_per_year": rate * DAYS_PER_YEAR,
            "midpoint_date_days_since_start": t_mid,
        }
    preferred = "logistic" if aic_l < aic_e else "exponential"
    return GrowthModelComparison(
        n=n,
        aic_exponential=aic_e,
        aic_logistic=aic_l,
        aicc_exponential=aicc_e,
        aicc_logistic=aicc_l,
        preferred=preferred,
        delta_aic=aic_e - aic_l,
        logistic_params=params,
    )


@dataclass(frozen=True)
class BootstrapCI:
    """Percentile bootstrap interval of the yearly factor (unpacks as ``low, high``)."""

    low: float
    high: float
    ci: float
    n_boot: int
    n_valid: int
    seed: int

    def __iter__(self) -> Iterator[float]:
        return iter((self.low, self.high))


def bootstrap_factor_ci(
    dates: Any, values: Any, ci: float = DEFAULT_CI, n_boot: int = 2000, seed: int = DEFAULT_BOOT_SEED
) -> BootstrapCI:
    """Case-resampling (pairs) bootstrap percentile interval for ``factor_per_year`` of `fit_log_linear`.

    Resamples (date, value) pairs with replacement `n_boot` times with ``numpy.random.default_rng(seed)``, refits
    the OLS slope of log10(value) on days, and takes the (1 - ci)/2 and (1 + ci)/2 percentiles of
    ``10 ** (365 * slope)``. Resamples with a single distinct date (slope undefined) are dropped and counted out of
    ``n_valid``. Deterministic for a given seed. A cross-check of the t-interval for small n, where it relies on
    normal errors; with very few points the bootstrap itself is coarse (few distinct resamples).
    """
    ci = _check_ci(ci)
    if n_boot < 100:
        raise ValueError(f"n_boot must be >= 100 for a usable percentile interval, got {n_boot}")
    d, v = _clean_xy(dates, values, min_points=3)
    t = _days_since(d, d.iloc[0])
    y = np.log10(v)
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, len(t), size=(n_boot, len(t)))
    tb, yb = t[idx], y[idx]
    tc = tb - tb.mean(axis=1, keepdims=True)
    sxx = np.sum(tc * tc, axis=1)
    ok = sxx > 0
    slopes = np.sum(tc[ok] * (yb[ok] - yb[ok].mean(axis=1, keepdims=True)), axis=1) / sxx[ok]
    factors = 10.0 ** (slopes * DAYS_PER_YEAR)
    lo, hi = np.quantile(factors, [0.5 - ci / 2.0, 0.5 + ci / 2.0])
    return BootstrapCI(low=float(lo), high=float(hi), ci=ci, n_boot=int(n_boot), n_valid=int(ok.sum()), seed=int(seed))
