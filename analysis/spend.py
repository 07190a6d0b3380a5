"""What the two forces add up to: volume, price and the inference bill (chapters/04_inference_bill).

Chapter 2 measures token volumes and chapter 3 prices; this module puts them together. Four parts:

1. Spend = volume x price, measured. OpenRouter's weekly top-model spend (`shift.estimated_spend`: tokens times list
   prices) is split into a volume effect (growth of total tokens, weighted by the spend of the models listed and paid
   in both weeks: not the growth of total tokens itself), a mix effect (which models the tokens go to) and a price
   effect (what a token of the same model costs) with the log-mean Divisia index, LMDI-I (Ang 2004, 2005), whose
   effects add up to the change exactly. Models entering or leaving the top list have a zero share on one side:
   their spend goes to the mix effect by the analytical limit of the LMDI terms (Ang & Liu 2007; Wood & Lenzen
   2006) and is reported apart ("entry/exit"), because it is partly an artefact of top-list coverage.
2. How demand answers price. The price elasticity of token demand from the same panel: OLS of log tokens on log
   list price with model and week fixed effects, standard errors clustered by model (Cameron & Miller 2015), with a
   seeded cluster bootstrap as a cross-check.
3. Where the bill goes, to 2030 (projections, not forecasts). A seeded Monte Carlo of yearly spend: the 2026 level
   times volume growth (chapter 2's fitted exponential of OpenRouter's top-model tokens over the live weeks, its rate
   decaying with a half-life towards a long-run rate; the rate is chapter 2's, not recomputed here), times the price
   path (a blend of chapter 3's frontier and fixed-capability fits), times the measured mix effect for as long as it
   persists. Assumptions a person chose are in data/editorial/spend_scenarios.yaml.
4. Back to the deal and the claims: the share of OpenAI's output-token demand that chapter 1's 750 MW estimate
   could serve in 2026-2028, inference's share of compute spending (against the article's 80% and 90%), and whether
   spending rises in proportion to requests on OpenRouter.

Units: USD (nominal, list prices) unless a name says otherwise; rates are natural-log rates per year inside the
Monte Carlo and multiplicative factors per year in outputs; tokens are tokens. Every interval is 90% (`CI`).
Figures: analysis/figs/spend.py.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd
from scipy import stats as sps
from statsmodels.regression.linear_model import OLS

from analysis import costs, editorial, shift, trends
from analysis import scenarios as sc

CI = 0.90
INNER_BAND = 0.50  # the inner band of the fan chart and of the quoted projections (quartiles)
SEED = 20260430  # fixed; any constant would do
N_DRAWS = sc.N_DRAWS  # the same number as chapter 1's draws, so its capacity draws pair one to one with ours
N_BOOT = 999
BASE_YEAR, END_YEAR = 2026, 2030
YEARS = tuple(range(BASE_YEAR, END_YEAR + 1))
DEAL_YEARS = (2026, 2027, 2028)
MID_YEAR = 2028  # the year the prose quotes between the base and the end
DAYS_PER_YEAR = trends.DAYS_PER_YEAR
LN10 = math.log(10.0)
ARTICLE_SPEND_SHARE = 0.90  # "over 90% of compute spending" (claim C11)
ARTICLE_COMPUTE_SHARE = 0.80  # "above 80%" later (claim C10)
CHAPTER = "chapters/04_inference_bill"
SCENARIOS = "spend_scenarios"  # the editorial table of assumptions
EFFECTS = ("volume", "mix_within", "mix_entry", "mix_exit", "price", "token_mix")


def grade_label(grade: str) -> str:
    """'grade A', 'grade B' or 'grade C, unconfirmed' (as everywhere in the report)."""
    return shift.grade_label(grade)


# ---------------------------------------------------------------------------------------------------------------
# 1. Spend = volume x price: LMDI-I decomposition


def log_mean(a: np.ndarray | float, b: np.ndarray | float) -> np.ndarray:
    """Logarithmic mean L(a, b) = (a - b) / (ln a - ln b), with L(a, a) = a and L(a, 0) = 0 (Ang 2004), elementwise.

    The weight of LMDI-I. For a != b it is computed exactly as written, so that L(a, b) * ln(a / b) = a - b holds to
    rounding: the decomposition then adds up exactly.
    """
    a, b = np.broadcast_arrays(np.asarray(a, dtype=float), np.asarray(b, dtype=float))
    out = np.zeros(a.shape)
    pos = (a > 0) & (b > 0)
    same = pos & (a == b)
    diff = pos & (a != b)
    out[same] = a[same]
    out[diff] = (a[diff] - b[diff]) / (np.log(a[diff]) - np.log(b[diff]))
    return out


def model_weeks(weekly: pd.DataFrame) -> pd.DataFrame:
    """One row per (week, model) of the top list: tokens, estimated list-price spend (USD, `shift.estimated_spend`),
    the realised price (spend / tokens; 0 for free models) and the list price at one fixed token mix
    (`fixed_mix_price`), both USD per million tokens."""
    s = shift.estimated_spend(weekly)
    out = s[["week_start", "model", "total_tokens", "spend_usd", "backfilled", "free_variant"]].copy()
    out["tokens"] = out.pop("total_tokens").astype(float)
    out["usd_per_mtok"] = out["spend_usd"] / out["tokens"] * 1e6
    listed = weekly[["week_start", "model"]].assign(list_usd_per_mtok=fixed_mix_price(weekly))
    out = out.merge(listed, on=["week_start", "model"], how="left", validate="one_to_one")
    return out.sort_values(["week_start", "model"]).reset_index(drop=True)


def lmdi_step(before: pd.DataFrame, after: pd.DataFrame) -> dict[str, float]:
    """Additive LMDI-I of the change in spend between two weeks, USD (Ang 2005, table 1, additive form).

    `before` and `after` hold one row per model with `tokens`, `spend_usd` and `list_usd_per_mtok`, indexed by
    model. Spend is S = sum_i Q s_i l_i r_i with Q the week's total tokens, s_i a model's share of them, l_i its
    list price at a fixed token mix and r_i = realised price / l_i (how its own input, cached-input and output
    tokens are composed). For a model paid in both weeks, with w_i = L(S_i1, S_i0):
      volume = sum w_i ln(Q1/Q0);  mix_within = sum w_i ln(s_i1/s_i0);  price = sum w_i ln(l_i1/l_i0);
      token_mix = sum w_i ln(r_i1/r_i0).
    Zero values take the analytical limits of these terms (Ang & Liu 2007; Wood & Lenzen 2006): a model entering
    the list has a zero share before, so its whole spend S_i1 is mix (`mix_entry`); one leaving gives -S_i0
    (`mix_exit`); a model switching between free and paid puts its whole change in `price`; a model free in both
    weeks contributes nothing. The effects sum to S1 - S0 exactly. `log_*` keys give the multiplicative form,
    ln D_k = effect_k / L(S1, S0), which sums to ln(S1 / S0) exactly.
    """
    models = before.index.union(after.index)
    q0 = before["tokens"].reindex(models, fill_value=0.0).to_numpy(dtype=float)
    q1 = after["tokens"].reindex(models, fill_value=0.0).to_numpy(dtype=float)
    s0 = before["spend_usd"].reindex(models, fill_value=0.0).to_numpy(dtype=float)
    s1 = after["spend_usd"].reindex(models, fill_value=0.0).to_numpy(dtype=float)
    big_q0, big_q1 = q0.sum(), q1.sum()
    both = (q0 > 0) & (q1 > 0)
    paid = both & (s0 > 0) & (s1 > 0)
    w = log_mean(s1[paid], s0[paid])
    ln_q = math.log(big_q1 / big_q0)
    ln_share = np.log(q1[paid] / q0[paid]) - ln_q
    ln_realised = np.log(s1[paid] / s0[paid]) - np.log(q1[paid] / q0[paid])
    l0 = before["list_usd_per_mtok"].reindex(models).to_numpy(dtype=float)[paid]
    l1 = after["list_usd_per_mtok"].reindex(models).to_numpy(dtype=float)[paid]
    ln_list = np.log(l1 / l0)
    switched = both & ((s0 > 0) != (s1 > 0))
    out = {
        "volume": float(np.sum(w) * ln_q),
        "mix_within": float(np.sum(w * ln_share)),
        "mix_entry": float(s1[q0 == 0].sum()),
        "mix_exit": float(-s0[q1 == 0].sum()),
        "price": float(np.sum(w * ln_list) + np.sum(s1[switched] - s0[switched])),
        "token_mix": float(np.sum(w * (ln_realised - ln_list))),
    }
    total0, total1 = float(s0.sum()), float(s1.sum())
    weight = float(log_mean(total1, total0))
    out |= {f"log_{k}": v / weight for k, v in list(out.items())}
    out |= {
        "spend_before": total0,
        "spend_after": total1,
        "tokens_before": float(big_q0),
        "tokens_after": float(big_q1),
        "n_entering": int((q0 == 0).sum()),
        "n_leaving": int((q1 == 0).sum()),
    }
    return out


def lmdi_chain(panel: pd.DataFrame) -> pd.DataFrame:
    """Chained LMDI-I over consecutive weeks of `panel` (rows of `model_weeks`): one row per week after the first,
    with the effects of the change from the week before (USD and log). Summed over the rows, each effect is the
    chained effect over the whole span, and the effects still add up to last spend - first spend exactly."""
    weeks = sorted(panel["week_start"].unique())
    frames = {wk: g.set_index("model") for wk, g in panel.groupby("week_start")}
    rows = []
    for prev, cur in zip(weeks[:-1], weeks[1:], strict=True):
        step = lmdi_step(frames[prev], frames[cur])
        rows.append({"week_start": pd.Timestamp(cur), "backfilled": bool(frames[cur]["backfilled"].iloc[0])} | step)
    return pd.DataFrame(rows)


def live_panel(panel: pd.DataFrame) -> pd.DataFrame:
    """The live weeks (not back-filled) of a `model_weeks` panel: 10 models a week, graded A."""
    return panel[~panel["backfilled"].astype(bool)].reset_index(drop=True)


def decomposition_summary(chain: pd.DataFrame) -> dict[str, float]:
    """Totals of a chained decomposition: each effect in USD and as a factor (exp of the summed log effect), the
    total change, and `mix` = within + entry + exit."""
    out = {"spend_first": float(chain["spend_before"].iloc[0]), "spend_last": float(chain["spend_after"].iloc[-1])}
    out["change"] = out["spend_last"] - out["spend_first"]
    for k in EFFECTS:
        out[k] = float(chain[k].sum())
        out[f"{k}_factor"] = math.exp(float(chain[f"log_{k}"].sum()))
    out["mix"] = out["mix_within"] + out["mix_entry"] + out["mix_exit"]
    out["mix_factor"] = out["mix_within_factor"] * out["mix_entry_factor"] * out["mix_exit_factor"]
    out["mix_entry_exit"] = out["mix_entry"] + out["mix_exit"]
    out["spend_factor"] = out["spend_last"] / out["spend_first"]
    out["n_steps"] = len(chain)
    out["n_entries"] = int(chain["n_entering"].sum())
    return out


def effect_indices(chain: pd.DataFrame) -> pd.DataFrame:
    """Cumulative indices (first week = 1) of spend and of its volume, mix (between models), price (list) and token-
    mix (within models) factors, one row per week: spend_index is the product of the four exactly (LMDI-I
    multiplicative form)."""
    first = chain["week_start"].iloc[0] - pd.Timedelta(days=7)
    log_mix = chain["log_mix_within"] + chain["log_mix_entry"] + chain["log_mix_exit"]
    logs = {
        "volume": chain["log_volume"],
        "mix": log_mix,
        "price": chain["log_price"],
        "token_mix": chain["log_token_mix"],
    }
    out = pd.DataFrame({"week_start": [first, *chain["week_start"]]})
    for k, series in logs.items():
        out[f"{k}_index"] = np.exp(np.concatenate([[0.0], np.cumsum(series.to_numpy())]))
    spend = np.concatenate([[chain["spend_before"].iloc[0]], chain["spend_after"].to_numpy()])
    out["spend_index"] = spend / spend[0]
    return out


def effect_fits(indices: pd.DataFrame) -> dict[str, trends.LogLinearFit]:
    """Log-linear trends (Newey-West HAC, `shift.WEEKLY_HAC_LAGS`) of each cumulative index over the weeks: the
    yearly factor of volume, mix, price, token mix and spend, with 90% intervals. Slopes add up to spend's."""
    mid = indices["week_start"] + pd.Timedelta(days=3)
    return {
        k: trends.fit_log_linear(mid, indices[f"{k}_index"], ci=CI, hac_lags=shift.WEEKLY_HAC_LAGS)
        for k in ("volume", "mix", "price", "token_mix", "spend")
    }


# ---------------------------------------------------------------------------------------------------------------
# 2. How demand answers price: the elasticity of token demand


def pooled_token_mix(weekly: pd.DataFrame) -> tuple[float, float]:
    """(prompt share of tokens, cached share of prompt tokens) of all top models, pooled over the live weeks with a
    complete breakdown (`shift.composition_by_creator`)."""
    row = shift.composition_by_creator(weekly).set_index("creator").loc["All top models"]
    return float(row["prompt_share"]), float(row["cached_share_of_prompt"])


def fixed_mix_price(weekly: pd.DataFrame) -> pd.Series:
    """List price per million tokens of each row at one token mix for every model and week (the pooled mix of
    `pooled_token_mix`): p ((1 - c) P_in + c P_cache) + (1 - p) P_out, USD per million tokens.

    A fixed mix keeps the price a list price: a model's own shift towards cached input would otherwise lower its
    realised price mechanically, in the same weeks its volume grows.
    """
    p, c = pooled_token_mix(weekly)
    return (
        p * ((1 - c) * weekly["prompt_usd_per_mtok"] + c * weekly["cache_read_usd_per_mtok"])
        + (1 - p) * weekly["completion_usd_per_mtok"]
    )


def elasticity_panel(weekly: pd.DataFrame, live_only: bool = False) -> pd.DataFrame:
    """The regression sample: paid rows (not ':free', list price > 0) of models listed in at least two weeks, with
    log tokens, log fixed-mix list price, model and week. Free and zero-priced (stealth) models drop out: the log
    of a zero price is undefined."""
    w = weekly.assign(price=fixed_mix_price(weekly))
    w = w[~w["free_variant"].astype(bool) & (w["price"] > 0)]
    if live_only:
        w = w[~w["backfilled"].astype(bool)]
    counts = w.groupby("model")["week_start"].transform("size")
    w = w[counts >= 2]
    return pd.DataFrame(
        {
            "model": w["model"].astype(str).to_numpy(),
            "week": w["week_start"].dt.strftime("%Y-%m-%d").to_numpy(),
            "log_tokens": np.log(w["total_tokens"].astype(float)).to_numpy(),
            "log_price": np.log(w["price"].astype(float)).to_numpy(),
        }
    )


@dataclass(frozen=True)
class Elasticity:
    """A fitted elasticity: d log tokens / d log price, its 90% interval and what identified it."""

    spec: str
    estimate: float
    se: float
    ci_low: float
    ci_high: float
    n_obs: int
    n_models: int
    n_identifying: int  # models whose own price varies (what identifies the slope once model effects are in)
    df: int  # degrees of freedom of the t interval (clusters - 1)

    @property
    def elastic(self) -> str:
        """'elastic' if the whole interval is below -1, 'inelastic' if above -1, else 'cannot tell'."""
        if self.ci_high < -1:
            return "elastic"
        if self.ci_low > -1:
            return "inelastic"
        return "cannot tell"


def _design(panel: pd.DataFrame, model_fe: bool, week_fe: bool) -> np.ndarray:
    cols = [panel["log_price"].to_numpy(dtype=float)]
    fixed = []
    if model_fe:
        fixed.append(pd.get_dummies(panel["model"], dtype=float).to_numpy())
    if week_fe:
        weeks = pd.get_dummies(panel["week"], dtype=float).to_numpy()
        fixed.append(weeks[:, 1:] if model_fe else weeks)
    if not fixed:
        fixed.append(np.ones((len(panel), 1)))
    return np.column_stack(cols + fixed)


def fit_elasticity(panel: pd.DataFrame, model_fe: bool = True, week_fe: bool = True, ci: float = CI) -> Elasticity:
    """OLS of log tokens on log price with model and/or week fixed effects (dummies), cluster-robust standard errors
    by model (statsmodels `cov_type="cluster"`, with its small-sample correction), and a t interval with
    clusters - 1 degrees of freedom (Cameron & Miller 2015). With model effects only within-model price changes
    identify the slope; without them, price differences between models do."""
    x = _design(panel, model_fe, week_fe)
    groups = pd.factorize(panel["model"])[0]
    res = OLS(panel["log_tokens"].to_numpy(dtype=float), x).fit(cov_type="cluster", cov_kwds={"groups": groups})
    est, se = float(res.params[0]), float(res.bse[0])
    n_models = int(panel["model"].nunique())
    t = float(sps.t.ppf(0.5 + ci / 2, n_models - 1))
    varies = panel.groupby("model")["log_price"].agg(lambda s: s.max() - s.min() > 1e-9)
    spec = ("model and week fixed effects" if model_fe else "week fixed effects") if week_fe else "model effects"
    return Elasticity(spec, est, se, est - t * se, est + t * se, len(panel), n_models, int(varies.sum()), n_models - 1)


def two_way_demean(v: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """`v` (a vector, or one column per variable) minus its projection on two sets of group dummies (codes `a`
    and `b`): the residuals of OLS on both sets. By Frisch-Waugh-Lovell, demean within `a`, then take out the
    least-squares fit on the `b` dummies demeaned within `a` (a problem with one column per `b` group, solved by
    SVD, which copes with the one column too many)."""
    v = np.asarray(v, dtype=float)
    na, nb = int(a.max()) + 1, int(b.max()) + 1
    ca = np.bincount(a, minlength=na)
    columns = v.reshape(len(v), -1)
    means = np.column_stack([np.bincount(a, col, na) for col in columns.T]) / ca[:, None]
    within = columns - means[a]
    share_b = np.bincount(a * nb + b, minlength=na * nb).reshape(na, nb) / ca[:, None]  # mean of each b dummy
    dummies_b = np.zeros((len(v), nb))
    dummies_b[np.arange(len(v)), b] = 1.0
    dummies_within = dummies_b - share_b[a]
    coef = np.linalg.lstsq(dummies_within, within, rcond=None)[0]
    return (within - dummies_within @ coef).reshape(v.shape)


def fe_slope(y: np.ndarray, x: np.ndarray, a: np.ndarray, b: np.ndarray) -> float:
    """Two-way fixed-effects slope of y on x (Frisch-Waugh-Lovell on demeaned data); nan when x has no variation
    left after the fixed effects (no model in the sample changes its price)."""
    rx, ry = two_way_demean(np.column_stack([x, y]), a, b).T
    sxx = float(rx @ rx)
    return float(rx @ ry) / sxx if sxx > 1e-12 * len(x) else math.nan


def bootstrap_elasticity(
    panel: pd.DataFrame, n_boot: int = N_BOOT, seed: int = SEED, ci: float = CI
) -> dict[str, float]:
    """Cluster (pairs) bootstrap of the two-way fixed-effects slope: resample models with replacement (each copy a
    cluster of its own), refit, take the percentile interval; `numpy.random.default_rng(seed)`, deterministic.
    Resamples in which no model's price varies leave the slope undefined and are counted out (`n_valid`)."""
    rng = np.random.default_rng(seed)
    models = np.array(sorted(panel["model"].unique()))
    rows_of = [np.flatnonzero(panel["model"].to_numpy() == m) for m in models]
    week = pd.factorize(panel["week"], sort=True)[0]
    y, x = panel["log_tokens"].to_numpy(dtype=float), panel["log_price"].to_numpy(dtype=float)
    slopes = []
    for _ in range(n_boot):
        pick = rng.integers(0, len(models), size=len(models))
        idx = np.concatenate([rows_of[j] for j in pick])
        copy = np.repeat(np.arange(len(pick)), [len(rows_of[j]) for j in pick])
        weeks = pd.factorize(week[idx], sort=True)[0]
        slopes.append(fe_slope(y[idx], x[idx], copy, weeks))
    s = np.array(slopes)
    ok = s[np.isfinite(s)]
    lo, hi = np.quantile(ok, [0.5 - ci / 2, 0.5 + ci / 2])
    return {"low": float(lo), "high": float(hi), "median": float(np.median(ok)), "n_valid": int(len(ok))}


# ---------------------------------------------------------------------------------------------------------------
# 3. Where the bill goes, to 2030: the seeded Monte Carlo (projections)


@dataclass(frozen=True)
class Rate:
    """A fitted yearly rate on the natural-log scale with its sampling distribution: rate + se * t(df)."""

    label: str
    log_rate: float  # ln(factor) per year
    se: float  # standard error of log_rate
    df: float
    n: int

    @classmethod
    def from_fit(cls, label: str, fit: trends.LogLinearFit) -> Rate:
        """From a `trends.fit_log_linear` result (slope in log10 per day, its standard error as fitted)."""
        k = LN10 * DAYS_PER_YEAR
        return cls(label, fit.slope_log10_per_day * k, fit.se_slope * k, fit.df_resid, fit.n)

    def draw(self, rng: np.random.Generator, n: int) -> np.ndarray:
        """n draws of the rate from its t distribution (the fit's uncertainty)."""
        return self.log_rate + self.se * rng.standard_t(self.df, size=n)

    def factor_ci(self, ci: float = CI) -> tuple[float, float]:
        t = float(sps.t.ppf(0.5 + ci / 2, self.df))
        return math.exp(self.log_rate - t * self.se), math.exp(self.log_rate + t * self.se)


def fit_center_year(fit: trends.LogLinearFit) -> float:
    """Decimal year of the mean fitted date: a log-linear slope is the average growth over the window, centred
    here, so a decaying growth rate starts from this date."""
    days = float(np.mean(fit.result.model.exog[:, 1]))
    return decimal_year(fit.origin + pd.Timedelta(days=days))


def decimal_year(ts: pd.Timestamp) -> float:
    """2025-07-02 -> 2025.5 (day of year / days in year)."""
    ts = pd.Timestamp(ts)
    start = pd.Timestamp(year=ts.year, month=1, day=1)
    return ts.year + (ts - start).days / (pd.Timestamp(year=ts.year + 1, month=1, day=1) - start).days


def log_volume(
    t: np.ndarray | float, g0: np.ndarray, floor: np.ndarray, halflife: np.ndarray, center: float
) -> np.ndarray:
    """ln of the volume index at decimal year t (0 at `center`) when the yearly log growth rate is g0 at `center`
    and its excess over the long-run rate `floor` halves every `halflife` years:
    floor x + (g0 - floor) h / ln 2 (1 - 2^(-x / h)), x = t - center.
    As h grows this tends to chapter 2's exponential g0 x; a short h flattens it (like the logistic fits) until
    volume grows at the long-run rate."""
    x = np.asarray(t, dtype=float) - center
    h = np.asarray(halflife, dtype=float)
    return floor * x + (g0 - floor) * h / math.log(2.0) * (-np.expm1(-x * math.log(2.0) / h))


def volume_growth(d: pd.DataFrame, inputs: Inputs, t0: float, t1: float) -> np.ndarray:
    """ln(volume at decimal year t1 / volume at t0), every draw."""
    g0 = d["volume_rate"].to_numpy()
    floor = np.log(d["volume_growth_floor_per_year"].to_numpy())
    h = d["volume_growth_halflife_years"].to_numpy()
    c = inputs.volume_center
    return log_volume(t1, g0, floor, h, c) - log_volume(t0, g0, floor, h, c)


def triangular_draws(row: pd.Series, rng: np.random.Generator, n: int) -> np.ndarray:
    """n draws of one assumption row: triangular(low, central, high), on the logs for log_triangular, or fixed."""
    low, mode, high = float(row["low"]), float(row["central"]), float(row["high"])
    if row["distribution"] == "fixed" or low == high:
        return np.full(n, mode)
    if row["distribution"] == "log_triangular":
        return np.exp(rng.triangular(math.log(low), math.log(mode), math.log(high), n))
    return rng.triangular(low, mode, high, n)


@dataclass(frozen=True)
class Inputs:
    """The fitted rates the projection rests on (natural-log rates per year) and when the volume fit is centred."""

    volume: Rate  # chapter 2: OpenRouter's top models over the live weeks, exponential fit
    frontier: Rate  # chapter 3: flagship launch prices (negative: a decline)
    fixed: Rate  # chapter 3: price of GPT-3.5-level capability (negative)
    mix: Rate  # part 1: OpenRouter's measured mix effect (live weeks)
    volume_center: float  # decimal year


def sample(assumptions: pd.DataFrame, inputs: Inputs, n: int = N_DRAWS, seed: int = SEED) -> pd.DataFrame:
    """n joint draws, independent, from `numpy.random.default_rng(seed)`: every mc_input assumption (in sorted name
    order, so the draws do not depend on row order), then the four fitted rates (volume, frontier, fixed, mix)."""
    rng = np.random.default_rng(seed)
    table = assumptions[assumptions["role"] == "mc_input"].set_index("parameter").sort_index()
    out = {name: triangular_draws(row, rng, n) for name, row in table.iterrows()}
    for name in ("volume", "frontier", "fixed", "mix"):
        out[f"{name}_rate"] = getattr(inputs, name).draw(rng, n)
    return pd.DataFrame(out)


def price_rate(d: pd.DataFrame) -> np.ndarray:
    """Yearly log change of the price paid per token: (1 - w) frontier + w fixed-capability."""
    w = d["fixed_capability_weight"].to_numpy()
    return (1 - w) * d["frontier_rate"].to_numpy() + w * d["fixed_rate"].to_numpy()


def log_components(d: pd.DataFrame, inputs: Inputs, year: int) -> dict[str, np.ndarray]:
    """ln(spend in `year` / spend in BASE_YEAR) split into its volume, price and mix terms, and the ln level, for
    every draw. Years are taken at mid-year. Mix keeps its measured pace for `mix_persistence_years`, then stops."""
    vol = volume_growth(d, inputs, BASE_YEAR + 0.5, year + 0.5)
    span = year - BASE_YEAR
    return {
        "level": np.log(d["inference_spend_2026_usd_bn"].to_numpy()),
        "volume": vol,
        "price": price_rate(d) * span,
        "mix": d["mix_rate"].to_numpy() * np.minimum(span, d["mix_persistence_years"].to_numpy()),
    }


def spend_usd_bn(d: pd.DataFrame, inputs: Inputs, year: int) -> np.ndarray:
    """Projected inference spend in `year`, USD billion, every draw."""
    return np.exp(sum(log_components(d, inputs, year).values()))


def quantiles(x: np.ndarray, ci: float = CI) -> dict[str, float]:
    """Median, the `INNER_BAND` band and the `ci` band of a sample."""
    tail, inner = (1 - ci) / 2, (1 - INNER_BAND) / 2
    q = np.quantile(np.asarray(x, dtype=float), [tail, inner, 0.5, 1 - inner, 1 - tail])
    return dict(zip(("low", "q25", "median", "q75", "high"), (float(v) for v in q), strict=True))


def fan(d: pd.DataFrame, inputs: Inputs) -> pd.DataFrame:
    """Quantiles of projected spend per year, USD billion (median, inner and `CI` bands)."""
    return pd.DataFrame([{"year": y} | quantiles(spend_usd_bn(d, inputs, y)) for y in YEARS])


def variance_shares(d: pd.DataFrame, inputs: Inputs, year: int = END_YEAR) -> dict[str, float]:
    """Share of the variance of ln(spend in `year`) due to each term (level, volume, price, mix): cov(term, total) /
    var(total). The shares sum to 1 exactly; the terms depend on disjoint, independent inputs."""
    parts = log_components(d, inputs, year)
    total = sum(parts.values())
    var = float(np.var(total))
    return {k: float(np.mean((v - v.mean()) * (total - total.mean())) / var) for k, v in parts.items()}


TORNADO_INPUTS = {
    "inference_spend_2026_usd_bn": "2026 level of inference spend",
    "volume_rate": "Token-volume growth now (chapter 2 fit)",
    "volume_growth_halflife_years": "Half-life of the excess volume growth",
    "volume_growth_floor_per_year": "Long-run volume growth",
    "fixed_capability_weight": "Weight of the fixed-capability price path",
    "frontier_rate": "Frontier price decline (chapter 3 fit)",
    "fixed_rate": "Fixed-capability price decline (chapter 3 fit)",
    "mix_rate": "Mix effect (OpenRouter, measured)",
    "mix_persistence_years": "Years the mix effect lasts",
}


def tornado(d: pd.DataFrame, inputs: Inputs, year: int = END_YEAR, ci: float = CI) -> pd.DataFrame:
    """One-at-a-time sensitivity of spend in `year` (USD billion): each input at the 5th and the 95th percentile of
    its draws, every other input at its median. One row per input, largest swing first."""
    med = d.median().to_frame().T
    central = float(spend_usd_bn(med, inputs, year)[0])
    tail = (1 - ci) / 2
    rows = []
    for name, label in TORNADO_INPUTS.items():
        lo_q, hi_q = np.quantile(d[name], [tail, 1 - tail])
        at = [float(spend_usd_bn(med.assign(**{name: v}), inputs, year)[0]) for v in (lo_q, hi_q)]
        rows.append(
            {
                "input": label,
                "parameter": name,
                "spend_at_low_input": at[0],
                "spend_at_high_input": at[1],
                "central_spend": central,
                "swing_log10": abs(math.log10(at[1] / at[0])),
            }
        )
    return pd.DataFrame(rows).sort_values("swing_log10", ascending=False).reset_index(drop=True)


def average_factors(d: pd.DataFrame, inputs: Inputs, year: int = END_YEAR) -> pd.DataFrame:
    """Per draw, the average yearly factors from BASE_YEAR to `year`: volume growth, price decline (times cheaper
    a year), mix shift and spend growth; what the interactive explorer's sliders set."""
    parts = log_components(d, inputs, year)
    span = year - BASE_YEAR
    return pd.DataFrame(
        {
            "volume": np.exp(parts["volume"] / span),
            "price_decline": np.exp(-parts["price"] / span),
            "mix": np.exp(parts["mix"] / span),
            "spend": np.exp((parts["volume"] + parts["price"] + parts["mix"]) / span),
        }
    )


def named_scenarios(assumptions: pd.DataFrame, inputs: Inputs) -> pd.DataFrame:
    """The four corner scenarios, everything else at its central value or point estimate: volume exponential
    (chapter 2's log-linear fit kept up, no slowing) or slowing (central half-life and floor), times buyers
    following the frontier price (w = 0) or a fixed capability (w = 1). Spend in END_YEAR, USD billion, and the
    average yearly factor."""
    a = assumptions.set_index("parameter")["central"]
    base = {name: np.array([float(a[name])]) for name in a.index}
    base |= {f"{k}_rate": np.array([getattr(inputs, k).log_rate]) for k in ("volume", "frontier", "fixed", "mix")}
    rows = []
    for vol_label, halflife in (("exponential", 1e9), ("slowing", float(a["volume_growth_halflife_years"]))):
        for price_label, w in (("frontier price", 0.0), ("fixed-capability price", 1.0)):
            d = pd.DataFrame(base | {"volume_growth_halflife_years": [halflife], "fixed_capability_weight": [w]})
            s = float(spend_usd_bn(d, inputs, END_YEAR)[0])
            rows.append(
                {
                    "volume": vol_label,
                    "price": price_label,
                    "spend_usd_bn": s,
                    "spend_factor_per_year": (s / float(a["inference_spend_2026_usd_bn"]))
                    ** (1 / (END_YEAR - BASE_YEAR)),
                }
            )
    return pd.DataFrame(rows)


def market_points(market: pd.DataFrame) -> pd.DataFrame:
    """Published market sizes and forecasts (`inference_market`) as plottable points: the value, or the floor of a
    'more than' row; with grade, metric and whether it is a forecast (a year after the forecast was made)."""
    m = market.copy()
    m["value"] = m["value_usd_bn"].fillna(m["low_usd_bn"])
    made = m["forecast_made"].str.extract(r"(\d{4})")[0].astype(int)
    m["kind"] = np.where(m["year"].astype(int) > made, "forecast", "estimate")
    cols = ["record_id", "forecaster", "year", "metric", "value", "bound_type", "kind", "grade", "publisher"]
    return m[cols].sort_values(["forecaster", "metric", "year"]).reset_index(drop=True)


def forecaster_growth(market: pd.DataFrame) -> pd.DataFrame:
    """The yearly growth each forecaster implies: (last value / first value) ^ (1 / years) for every forecaster and
    metric with two or more years (floors taken at their value, so a growth to a floor is itself a floor)."""
    pts = market_points(market)
    rows = []
    for (who, metric), g in pts.groupby(["forecaster", "metric"]):
        g = g.sort_values("year")
        if len(g) < 2:
            continue
        first, last = g.iloc[0], g.iloc[-1]
        years = int(last["year"]) - int(first["year"])
        rows.append(
            {
                "forecaster": who,
                "metric": metric,
                "from_year": int(first["year"]),
                "to_year": int(last["year"]),
                "factor_per_year": (float(last["value"]) / float(first["value"])) ** (1 / years),
                "is_floor": bool((g["bound_type"] == "lower_bound").any()),
                "grade": min(g["grade"]),
            }
        )
    return pd.DataFrame(rows).sort_values("factor_per_year").reset_index(drop=True)


# ---------------------------------------------------------------------------------------------------------------
# 4. Back to the deal and the claims


def inference_share(d: pd.DataFrame, inputs: Inputs, year: int) -> np.ndarray:
    """Inference's share of compute spending in `year`, every draw: I / (I + T), with training spend T growing at
    `training_spend_growth_per_year` from the 2026 ratio set by `inference_share_2026`. Assumes inference compute
    spend grows like the token bill (constant margins)."""
    share0 = d["inference_share_2026"].to_numpy()
    parts = log_components(d, inputs, year)
    growth_i = parts["volume"] + parts["price"] + parts["mix"]
    growth_t = np.log(d["training_spend_growth_per_year"].to_numpy()) * (year - BASE_YEAR)
    ratio = (1 - share0) / share0 * np.exp(growth_t - growth_i)
    return 1.0 / (1.0 + ratio)


# The assumptions inference's projected share of compute spending rests on (the 2026 level cancels out of it).
SHARE_ASSUMPTIONS = (
    "volume_growth_halflife_years",
    "volume_growth_floor_per_year",
    "fixed_capability_weight",
    "mix_persistence_years",
    "training_spend_growth_per_year",
    "inference_share_2026",
)


def share_grade(r: Results) -> str:
    """The weakest grade among what `inference_share` rests on: the live OpenRouter weeks (the volume fit of chapter
    2 and the mix fit), the price points of chapter 3's two fits (flagship launch prices, the GPT-3.5-level frontier)
    and the assumptions in `SHARE_ASSUMPTIONS`. The grade of the claims ledger's check on the article's 80% and 90%."""
    from analysis.data import load

    grades = [
        *r.weekly.loc[~r.weekly["backfilled"].astype(bool), "grade"],
        *costs.flagship_prices(load("price_history"))["grade"],
        *costs.headline_280(load("models")).frontier["grade"],
        *r.assumptions.set_index("parameter").loc[list(SHARE_ASSUMPTIONS), "grade"],
    ]
    return max((str(g) for g in grades), key="ABC".index)


def openai_api_tokens_per_day(volumes: pd.DataFrame) -> tuple[float, pd.Timestamp, str, str]:
    """OpenAI's API tokens per day (a16z, October 2025, `token_volumes` series OPENAI_api): value, mid-period date,
    publisher, grade. The best-graded row is used (the per-minute relay is grade C)."""
    rows = volumes[(volumes["series_id"] == "OPENAI_api") & volumes["tokens_per_day"].notna()]
    row = rows.sort_values(["grade", "period_start"]).iloc[0]
    mid = row["period_start"] + (row["period_end"] - row["period_start"]) / 2
    return float(row["tokens_per_day"]), pd.Timestamp(mid), str(row["publisher"]), str(row["grade"])


def openai_output_tokens_per_day(d: pd.DataFrame, api_tokens_per_day: float) -> np.ndarray:
    """OpenAI's output tokens per day in late 2025, every draw: (API tokens + ChatGPT prompts x tokens per prompt)
    x output share. ChatGPT's July 2025 prompt count is treated as late 2025's (a floor)."""
    total = api_tokens_per_day + d["chatgpt_prompts_per_day"].to_numpy() * d["chatgpt_tokens_per_prompt"].to_numpy()
    return total * d["openai_output_share"].to_numpy()


def deal_share(
    d: pd.DataFrame, inputs: Inputs, capacity_tokens_per_year: np.ndarray, api: tuple[float, pd.Timestamp], year: int
) -> np.ndarray:
    """Share of OpenAI's output-token demand in `year` that the 750 MW could serve, every draw: chapter 1's output
    tokens a year from the delivered capacity / OpenAI's output tokens a year, its late-2025 level grown with the
    projected volume path from the date of the API figure to mid-`year`."""
    growth = volume_growth(d, inputs, decimal_year(api[1]), year + 0.5)
    demand = openai_output_tokens_per_day(d, api[0]) * 365.0 * np.exp(growth)
    return np.asarray(capacity_tokens_per_year, dtype=float) / demand


def requests_panel(weekly: pd.DataFrame) -> pd.DataFrame:
    """Live weeks' totals over the models that report requests: requests, tokens and list-price spend (USD)."""
    s = shift.estimated_spend(weekly).merge(
        weekly[["week_start", "model", "request_count"]], on=["week_start", "model"]
    )
    s = s[~s["backfilled"].astype(bool) & s["request_count"].fillna(0).gt(0)]
    g = s.groupby("week_start", as_index=False).agg(
        requests=("request_count", "sum"), tokens=("total_tokens", "sum"), spend_usd=("spend_usd", "sum")
    )
    g["requests"] = g["requests"].astype(float)
    g["tokens"] = g["tokens"].astype(float)
    return g


def spend_request_elasticity(panel: pd.DataFrame, ci: float = CI) -> dict[str, float]:
    """Slope of log weekly spend on log weekly requests (OLS, Newey-West HAC with `shift.WEEKLY_HAC_LAGS` lags, t
    interval): 1 means spending rises in proportion to use ("costs rise linearly with users")."""
    x = np.log(panel["requests"].to_numpy())
    y = np.log(panel["spend_usd"].to_numpy())
    res = OLS(y, np.column_stack([np.ones_like(x), x])).fit(
        cov_type="HAC", cov_kwds={"maxlags": shift.WEEKLY_HAC_LAGS}, use_t=True
    )
    lo, hi = res.conf_int(alpha=1 - ci)[1]
    return {"slope": float(res.params[1]), "low": float(lo), "high": float(hi), "n": int(len(x))}


# ---------------------------------------------------------------------------------------------------------------
# Everything the chapter and its figures need, computed once per process


@dataclass(frozen=True)
class Results:
    weekly: pd.DataFrame
    panel: pd.DataFrame
    chain_live: pd.DataFrame
    chain_all: pd.DataFrame
    indices: pd.DataFrame
    fits: dict
    elasticities: dict
    bootstrap: dict
    assumptions: pd.DataFrame
    inputs: Inputs
    draws: pd.DataFrame
    capacity_tokens: np.ndarray
    api: tuple
    market: pd.DataFrame
    growth: dict  # chapter 2's growth fits (shift.growth_fits)


@cache
def results() -> Results:
    """Load the datasets, run every computation of the chapter once (deterministic: fixed seeds)."""
    from analysis.data import load

    weekly, volumes = load("openrouter_weekly"), load("token_volumes")
    panel = model_weeks(weekly)
    chain_live = lmdi_chain(live_panel(panel))
    indices = effect_indices(chain_live)
    fits = effect_fits(indices)
    growth = shift.growth_fits(volumes, weekly)
    h = costs.headline_280(load("models"))
    flag = costs.flagship_prices(load("price_history"))
    frontier = trends.fit_log_linear(flag["effective_date"], flag["blended_3to1_usd_per_mtok"], ci=CI)
    inputs = Inputs(
        volume=Rate.from_fit("OpenRouter top models, live weeks, exponential fit", growth["openrouter_top_live"].fit),
        frontier=Rate.from_fit("flagship launch prices", frontier),
        fixed=Rate.from_fit("GPT-3.5-level price (MMLU >= 64.8)", h.fit),
        mix=Rate.from_fit("OpenRouter mix effect, live weeks", fits["mix"]),
        volume_center=fit_center_year(growth["openrouter_top_live"].fit),
    )
    assumptions = editorial.load(SCENARIOS)
    el_panel = elasticity_panel(weekly)
    elasticities = {
        "fe": fit_elasticity(el_panel),
        "fe_live": fit_elasticity(elasticity_panel(weekly, live_only=True)),
        "cross": fit_elasticity(el_panel, model_fe=False),
    }
    api = openai_api_tokens_per_day(volumes)
    return Results(
        weekly=weekly,
        panel=panel,
        chain_live=chain_live,
        chain_all=lmdi_chain(panel),
        indices=indices,
        fits=fits,
        elasticities=elasticities,
        bootstrap=bootstrap_elasticity(el_panel),
        assumptions=assumptions,
        inputs=inputs,
        draws=sample(assumptions, inputs),
        capacity_tokens=np.asarray(sc.tokens_per_year(sc.sample(load("cost_priors")))),
        api=api,
        market=load("inference_market"),
        growth=growth,
    )


# ---------------------------------------------------------------------------------------------------------------
# Numbers for the chapter's prose and display tables


def _factor_keys(prefix: str, fit: trends.LogLinearFit) -> dict[str, float]:
    lo, hi = fit.factor_per_year_ci(CI)
    return {f"{prefix}": fit.factor_per_year, f"{prefix}-lo": lo, f"{prefix}-hi": hi}


def _decline_keys(prefix: str, rate: Rate) -> dict[str, float]:
    """A falling rate as 'times cheaper a year' with its interval (low end = slowest decline)."""
    lo, hi = rate.factor_ci()
    return {prefix: math.exp(-rate.log_rate), f"{prefix}-lo": 1 / hi, f"{prefix}-hi": 1 / lo}


def _q_keys(prefix: str, x: np.ndarray, scale: float = 1.0) -> dict[str, float]:
    q = quantiles(np.asarray(x) * scale)
    return {prefix: q["median"], f"{prefix}-lo": q["low"], f"{prefix}-hi": q["high"]}


def signed_musd(usd: float) -> str:
    """A signed amount in words for the prose: '+$2.13 million', '-$0.99 million' (input in USD)."""
    return f"{'+' if usd >= 0 else '-'}${abs(usd) / 1e6:.2f} million"


def day_text(ts: pd.Timestamp) -> str:
    """'9 Feb 2026'."""
    return f"{ts.day} {ts:%b %Y}"


def dominant_force(summary: dict[str, float]) -> str:
    """Which effect moved spend most, in words, from a `decomposition_summary`."""
    parts = {
        "the volume effect": summary["volume"],
        "the shift between models": summary["mix"],
        "list-price changes": summary["price"],
        "the changing composition of each model's tokens": summary["token_mix"],
    }
    return max(parts, key=lambda k: abs(parts[k]))


def elasticity_verdict(e: Elasticity) -> str:
    """A plain reading of an elasticity interval against -1 (the Jevons threshold for spend)."""
    return {
        "elastic": "elastic (the whole interval is below -1: cheaper tokens would raise spend)",
        "inelastic": "not elastic (the whole interval is above -1: cheaper tokens would not raise spend)",
        "cannot tell": "undetermined (the interval straddles -1)",
    }[e.elastic]


def linear_verdict(fit: dict[str, float]) -> str:
    """How spend grew with requests, in words, from the spend-on-requests slope and its interval."""
    if fit["high"] < 1:
        return "less than in proportion (the whole interval is below one)"
    if fit["low"] > 1:
        return "more than in proportion (the whole interval is above one)"
    return "not distinguishably from in proportion (the interval includes one)"


def faster_forecasters(growth: pd.DataFrame, median_factor: float) -> str:
    """The published forecasts whose implied yearly growth is at least `median_factor`, in words:
    "Gartner (2025-2026, 2.24x a year, grade B); ..."; floors say "more than"."""
    fast = growth[growth["factor_per_year"] >= median_factor]
    if fast.empty:
        return "none"
    return "; ".join(
        f"{r.forecaster} ({r.from_year}-{r.to_year}, {'more than ' if r.is_floor else ''}{r.factor_per_year:.2f}x a "
        f"year, {grade_label(r.grade)})"
        for r in fast.itertuples()
    )


def required_outgrowth(share0: float, target: float, years: int) -> float:
    """How much faster (a factor per year) inference spend must grow than training spend for inference's share to
    go from `share0` to `target` in `years`: ((target / (1 - target)) / (share0 / (1 - share0))) ^ (1 / years)."""
    return ((target / (1 - target)) / (share0 / (1 - share0))) ** (1 / years)


def _assumption(table: pd.DataFrame, name: str) -> pd.Series:
    return table.set_index("parameter").loc[name]


def chapter_numbers() -> dict[str, float | int | str]:
    """Every number the chapter's prose quotes, keyed by glue name; computed from `results()` (so text and figures
    agree). USD amounts in the unit their key says (musd = USD million, bn = USD billion)."""
    from analysis.data import load

    r = results()
    out: dict[str, float | int | str] = {
        "ci-pct": 100 * CI,
        "inner-band-pct": 100 * INNER_BAND,
        "seed": SEED,
        "n-draws": N_DRAWS,
        "n-boot": N_BOOT,
        "base-year": BASE_YEAR,
        "end-year": END_YEAR,
        "horizon-years": END_YEAR - BASE_YEAR,
    }
    # 1. decomposition
    s = decomposition_summary(r.chain_live)
    out |= {
        "dec-n-weeks": s["n_steps"] + 1,
        "dec-first-week": day_text(r.chain_live["week_start"].iloc[0] - pd.Timedelta(days=7)),
        "dec-last-week": day_text(r.chain_live["week_start"].iloc[-1]),
        "dec-n-entries": s["n_entries"],
        "dec-dominant": dominant_force(s),
        "dec-volume-share-pct": 100 * s["volume"] / s["change"],
        "dec-residual-usd": abs(sum(s[k] for k in EFFECTS) - s["change"]),
        "dec-turnover-ratio": (s["mix_entry"] - s["mix_exit"]) / s["change"],
        "dec-mix-direction": "towards cheaper models" if s["mix"] < 0 else "towards dearer models",
        "dec-price-direction": "rose" if s["price"] > 0 else "fell",
    }
    for k in ("spend_first", "spend_last", "change", "volume", "mix", "mix_within", "mix_entry", "mix_exit"):
        out[f"dec-{k.replace('_', '-')}-musd"] = s[k] / 1e6
    for k in ("change", "volume", "mix", "mix_within", "mix_entry", "mix_exit", "mix_entry_exit", "price", "token_mix"):
        out[f"dec-{k.replace('_', '-')}-text"] = signed_musd(s[k])
    out |= {
        "dec-entry-exit-musd": s["mix_entry_exit"] / 1e6,
        "dec-price-musd": s["price"] / 1e6,
        "dec-token-mix-musd": s["token_mix"] / 1e6,
    }
    for k in ("volume", "mix", "price", "token_mix", "spend"):
        out[f"dec-{k.replace('_', '-')}-factor"] = s[f"{k}_factor"]
    s_all = decomposition_summary(r.chain_all)
    for k in ("volume", "mix", "price", "token_mix", "spend"):
        out[f"decall-{k.replace('_', '-')}-factor"] = s_all[f"{k}_factor"]
    out["decall-n-weeks"] = s_all["n_steps"] + 1
    first, last = r.chain_live["week_start"].iloc[0] - pd.Timedelta(days=7), r.chain_live["week_start"].iloc[-1]
    frames = {wk: g.set_index("model") for wk, g in r.panel.groupby("week_start")}
    direct = lmdi_step(frames[first], frames[last])
    out |= {
        "direct-n-entering": direct["n_entering"],
        "direct-n-leaving": direct["n_leaving"],
        "direct-volume-musd": direct["volume"] / 1e6,
        "direct-entry-musd": direct["mix_entry"] / 1e6,
        "direct-exit-musd": direct["mix_exit"] / 1e6,
        "direct-entry-text": signed_musd(direct["mix_entry"]),
        "direct-exit-text": signed_musd(direct["mix_exit"]),
        "direct-volume-text": signed_musd(direct["volume"]),
        "n-models-live": int(frames[last].shape[0]),
        "n-models-backfilled": int(r.panel[r.panel["backfilled"]].groupby("week_start").size().max()),
    }
    for k, fit in r.fits.items():
        out |= _factor_keys(f"rate-{k.replace('_', '-')}", fit)
    out["rate-n"] = r.fits["spend"].n
    # 2. elasticity
    for key, e in r.elasticities.items():
        p = f"el-{key.replace('_', '-')}"
        out |= {
            p: e.estimate,
            f"{p}-lo": e.ci_low,
            f"{p}-hi": e.ci_high,
            f"{p}-n": e.n_obs,
            f"{p}-models": e.n_models,
            f"{p}-ident": e.n_identifying,
            f"{p}-verdict": elasticity_verdict(e),
        }
    out |= {f"el-boot-{k.replace('_', '-')}": v for k, v in r.bootstrap.items()}
    pub = _assumption(r.assumptions, "published_demand_elasticity")
    fe = r.elasticities["fe"]
    out |= {
        "el-published": float(pub["central"]),
        "el-published-grade": grade_label(str(pub["grade"])),
        "el-published-inside": "inside" if fe.ci_low <= float(pub["central"]) <= fe.ci_high else "outside",
    }
    # 3. projection inputs. The volume rate is chapter 2's fit of OpenRouter's top-model tokens (the prose shows it
    # with a cross-page reference to chapter 2's number) and the mix rate is the measured `rate-mix` above: neither
    # gets a second key here, so each quantity has one value in the report.
    inp = r.inputs
    out |= _decline_keys("in-frontier", inp.frontier) | _decline_keys("in-fixed", inp.fixed)
    out |= {"in-frontier-n": inp.frontier.n, "in-fixed-n": inp.fixed.n}
    google = r.growth["google"]
    out |= _factor_keys("google-factor", google.fit)
    pts = shift.series_points(load("token_volumes"), "GOOG_monthly")
    out["google-last-yoy"] = float(pts["tokens_per_day"].iloc[-1] / pts["tokens_per_day"].iloc[1])
    out["google-first-yoy"] = float(pts["tokens_per_day"].iloc[1] / pts["tokens_per_day"].iloc[0])
    out["google-logistic-ceiling-t"] = 10 ** google.comparison.logistic_params["log10_level"] / 1e12
    out["google-last-t"] = float(pts["tokens_per_day"].iloc[-1]) / 1e12
    for name, short in (
        ("inference_spend_2026_usd_bn", "level"),
        ("volume_growth_halflife_years", "halflife"),
        ("volume_growth_floor_per_year", "floor"),
        ("fixed_capability_weight", "weight"),
        ("mix_persistence_years", "mixyears"),
        ("training_spend_growth_per_year", "train"),
        ("inference_share_2026", "share"),
        ("chatgpt_tokens_per_prompt", "tpp"),
        ("openai_output_share", "outshare"),
    ):
        row = _assumption(r.assumptions, name)
        for stat in ("low", "central", "high"):
            out[f"pri-{short}-{stat}"] = float(row[stat])
        out[f"pri-{short}-grade"] = grade_label(str(row["grade"]))
    out["pri-level-ratio"] = out["pri-level-high"] / out["pri-level-low"]
    # 3. projection outputs
    d = r.draws
    f = fan(d, inp).set_index("year")
    for y in (BASE_YEAR, 2028, END_YEAR):
        for stat in ("median", "low", "high", "q25", "q75"):
            out[f"fan-{y}-{stat}"] = float(f.loc[y, stat])
    out["fan-band-ratio"] = float(f.loc[END_YEAR, "high"] / f.loc[END_YEAR, "low"])
    out["mid-year"] = MID_YEAR
    s26, s30 = spend_usd_bn(d, inp, BASE_YEAR), spend_usd_bn(d, inp, END_YEAR)
    out["p-falls-pct"] = 100 * float(np.mean(s30 < s26))
    out["fan-verdict"] = "raise the bill in most draws" if out["p-falls-pct"] < 50 else "lower the bill in most draws"
    out["p-tenfold-pct"] = 100 * float(np.mean(s30 > 10 * s26))
    avg = average_factors(d, inp)
    for col in avg.columns:
        out |= _q_keys(f"avg-{col.replace('_', '-')}", avg[col].to_numpy())
    for k, v in variance_shares(d, inp).items():
        out[f"var-{k}-pct"] = 100 * v
    t = tornado(d, inp)
    out |= {
        "tornado-top": str(t["input"].iloc[0]).lower(),
        "tornado-second": str(t["input"].iloc[1]).lower(),
        "tornado-top-swing": float(t["swing_log10"].iloc[0]),
        "tornado-central-bn": float(t["central_spend"].iloc[0]),
    }
    for rec in named_scenarios(r.assumptions, inp).to_dict("records"):
        key = f"sc-{rec['volume'][:4]}-{rec['price'].split()[0].split('-')[0]}"
        out[f"{key}-factor"] = rec["spend_factor_per_year"]
        out[f"{key}-bn"] = rec["spend_usd_bn"]
    fg = forecaster_growth(r.market)
    point = fg[~fg["is_floor"]]
    out |= {
        "fc-n": len(fg),
        "fc-min": float(point["factor_per_year"].min()),
        "fc-max": float(point["factor_per_year"].max()),
        "fc-long-max": float(point.loc[point["to_year"] >= END_YEAR, "factor_per_year"].max()),
        "fc-long-min": float(point.loc[point["to_year"] >= END_YEAR, "factor_per_year"].min()),
        "fc-long-n": int((point["to_year"] >= END_YEAR).sum()),
        "fc-floor": float(fg.loc[fg["is_floor"], "factor_per_year"].max()),
        "fc-p-below-long-max-pct": 100
        * float(np.mean(avg["spend"] < point.loc[point["to_year"] >= END_YEAR, "factor_per_year"].max())),
        "fc-faster": faster_forecasters(fg, float(np.median(avg["spend"]))),
        "n-market-rows": len(r.market),
        "n-market-c": int((r.market["grade"] == "C").sum()),
    }
    # 4. share of compute spending
    sh30 = inference_share(d, inp, END_YEAR)
    share0 = float(_assumption(r.assumptions, "inference_share_2026")["central"])
    train = float(_assumption(r.assumptions, "training_spend_growth_per_year")["central"])
    out |= _q_keys("share-2030-pct", sh30, 100) | _q_keys("share-2028-pct", inference_share(d, inp, 2028), 100)
    out |= {
        "p-share90-pct": 100 * float(np.mean(sh30 > ARTICLE_SPEND_SHARE)),
        "p-share80-pct": 100 * float(np.mean(sh30 > ARTICLE_COMPUTE_SHARE)),
        "article-90-pct": 100 * ARTICLE_SPEND_SHARE,
        "article-80-pct": 100 * ARTICLE_COMPUTE_SHARE,
        "outgrow-90": required_outgrowth(share0, ARTICLE_SPEND_SHARE, END_YEAR - BASE_YEAR),
        "outgrow-80": required_outgrowth(share0, ARTICLE_COMPUTE_SHARE, END_YEAR - BASE_YEAR),
    }
    out["needed-90-growth"] = out["outgrow-90"] * train
    out["p-spend-growth-above-needed-pct"] = 100 * float(np.mean(avg["spend"] > out["needed-90-growth"]))
    # 4. OpenAI and the 750 MW
    api_tpd, api_date, api_pub, api_grade = r.api
    out |= {
        "oai-api-t": api_tpd / 1e12,
        "oai-api-date": f"{api_date:%B %Y}",
        "oai-api-publisher": api_pub,
        "oai-api-grade": grade_label(api_grade),
        "oai-prompts-b": float(_assumption(r.assumptions, "chatgpt_prompts_per_day")["central"]) / 1e9,
        "oai-prompts-grade": grade_label(str(_assumption(r.assumptions, "chatgpt_prompts_per_day")["grade"])),
    }
    out |= _q_keys("oai-out-t", openai_output_tokens_per_day(d, api_tpd), 1e-12)
    out |= _q_keys("cap-q", r.capacity_tokens, 1e-15)
    out["cap-q-per-day-t"] = float(np.median(r.capacity_tokens)) / 365 / 1e12
    for i, y in enumerate(DEAL_YEARS, start=1):
        out[f"deal-y{i}"] = y
        share = deal_share(d, inp, r.capacity_tokens, r.api, y)
        out |= _q_keys(f"deal-{y}-pct", share, 100)
        out[f"p-deal-{y}-half-pct"] = 100 * float(np.mean(share > 0.5))
    azure = _assumption(r.assumptions, "openai_azure_inference_2025_usd_bn")
    cost_draws = sc.sample(load("cost_priors"))
    annual = float(azure["central"]) * 4 / 3
    out |= {
        "oai-azure-bn": float(azure["central"]),
        "oai-azure-annual-bn": annual,
        "oai-azure-grade": grade_label(str(azure["grade"])),
        "rental-musd-per-mw": float(np.median(sc.gpu_rental(cost_draws))) / 1e6,
        "oai-fleet-mw": annual * 1e9 / float(np.median(sc.gpu_rental(cost_draws))),
        "deal-mw": float(load("cost_priors").set_index("parameter").loc["contract_mw", "central"]),
    }
    # 4. costs and users
    rp = requests_panel(r.weekly)
    lin = spend_request_elasticity(rp)
    out |= {
        "req-slope": lin["slope"],
        "req-lo": lin["low"],
        "req-hi": lin["high"],
        "req-n": lin["n"],
        "req-verdict": linear_verdict(lin),
    }
    mid = rp["week_start"] + pd.Timedelta(days=3)
    out |= _factor_keys("req-spend-per-req", trends.fit_log_linear(mid, rp["spend_usd"] / rp["requests"], ci=CI))
    out |= _factor_keys("req-tokens-per-req", trends.fit_log_linear(mid, rp["tokens"] / rp["requests"], ci=CI))
    claims = load("claims").set_index("claim_id")
    for cid in ("C09", "C10", "C11"):
        out[f"ledger-{cid}-verdict"] = str(claims.loc[cid, "verdict"])
    return {
        k: (v if isinstance(v, str) else int(v) if isinstance(v, int | np.integer) else float(v))
        for k, v in out.items()
    }


def assumptions_display(assumptions: pd.DataFrame) -> pd.DataFrame:
    """The scenario assumptions as a readable table: range, distribution, basis, source and grade (`source_url`
    is the link of each row's source, for `tables.html_table(..., links={"Source": "source_url"})`)."""
    a = assumptions.copy()
    rng = [
        f"{r.central:,.4g}" if r.distribution == "fixed" else f"{r.low:,.4g} / {r.central:,.4g} / {r.high:,.4g}"
        for r in a.itertuples()
    ]
    return pd.DataFrame(
        {
            "Assumption": a["label"],
            "Unit": a["unit"],
            "Low / central / high": rng,
            "Use": [
                ("sampled, " + d.replace("_", "-")) if role == "mc_input" else "quoted for comparison"
                for d, role in zip(a["distribution"], a["role"], strict=True)
            ],
            "Why": a["basis"],
            "Source": a["publisher"],
            "Grade": [grade_label(g) for g in a["grade"]],
            "source_url": a["source_url"],
        }
    )


def elasticity_display(r: Results) -> pd.DataFrame:
    """The elasticity estimates side by side: specification, what identifies it, estimate and 90% interval."""
    rows = []
    what = {
        "fe": "price changes within a model, all weeks",
        "fe_live": "price changes within a model, live weeks",
        "cross": "price differences between models",
    }
    for key, e in r.elasticities.items():
        rows.append(
            {
                "Specification": e.spec,
                "Identified by": what[key],
                "Estimate (90% CI)": f"{e.estimate:+.2f} ({e.ci_low:+.2f} to {e.ci_high:+.2f})",
                "Rows / models / models whose price changes": f"{e.n_obs} / {e.n_models} / {e.n_identifying}",
            }
        )
    b = r.bootstrap
    rows.append(
        {
            "Specification": "model and week fixed effects, cluster bootstrap",
            "Identified by": "price changes within a model, all weeks",
            "Estimate (90% CI)": f"{b['median']:+.2f} ({b['low']:+.2f} to {b['high']:+.2f})",
            "Rows / models / models whose price changes": f"{b['n_valid']} valid resamples of {N_BOOT}",
        }
    )
    return pd.DataFrame(rows)


def scenarios_display(r: Results) -> pd.DataFrame:
    """The four corner scenarios (projections) as a readable table."""
    t = named_scenarios(r.assumptions, r.inputs)
    return pd.DataFrame(
        {
            "Token volume": t["volume"],
            "Price buyers pay": t["price"],
            f"Spend in {END_YEAR}, USD billion (projection)": [f"{v:,.3g}" for v in t["spend_usd_bn"]],
            f"Average factor a year, {BASE_YEAR}-{END_YEAR}": [f"{v:.2f}x" for v in t["spend_factor_per_year"]],
        }
    )
