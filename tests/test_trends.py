"""Tests of analysis.trends: log-linear fits, frontiers, decline table, change-in-rate and growth-model checks.

No expected result is hard-coded: synthetic data have known parameters; statsmodels is refitted directly for
agreement; published figures (Epoch AI, AI Index) come from the source tree or a fixture CSV that names its source.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm
from scipy import stats as sps

from analysis.curate.models import EPOCH_COLUMNS, EPOCH_REASONING  # one mapping of Epoch's columns
from analysis.paths import SOURCES_DIR
from analysis.trends import (
    DAYS_PER_YEAR,
    bootstrap_factor_ci,
    compare_growth_models,
    decline_table,
    fit_log_linear,
    implied_factor_per_year,
    price_frontier,
    slope_change_test,
    threshold_models,
)

FIXTURES = Path(__file__).parent / "fixtures"
EPOCH_DIR = SOURCES_DIR / "epoch_llm_price_trends"
# Epoch's notebook renames this model before analysis; its published tables use the short name.
EPOCH_NAME_ALIASES = {"GPT-3 175B (davinci)": "GPT-3"}


def synthetic(n: int, factor_per_year: float, sigma: float, seed: int, start: str = "2021-01-01") -> pd.DataFrame:
    """Irregularly spaced dates with log10(value) = log10(50) + log10(factor) * years + N(0, sigma)."""
    rng = np.random.default_rng(seed)
    days = np.sort(rng.uniform(0, 3 * 365, n)).round()
    dates = pd.Timestamp(start) + pd.to_timedelta(days, unit="D")
    log10_values = math.log10(50.0) + math.log10(factor_per_year) * days / DAYS_PER_YEAR + rng.normal(0, sigma, n)
    return pd.DataFrame({"date": dates, "value": 10.0**log10_values})


def epoch_models() -> pd.DataFrame:
    """Epoch AI's two raw price tables, concatenated, with the report's column names and a reasoning flag."""
    frames = [
        pd.read_csv(EPOCH_DIR / "aa_data_with_math5.csv"),
        pd.read_csv(EPOCH_DIR / "epoch_ai_price_data_not_in_aa_with_benchmarks.csv"),
    ]
    models = pd.concat(frames, ignore_index=True).rename(columns=EPOCH_COLUMNS)
    models["release_date"] = pd.to_datetime(models["release_date"].str.strip(), format="%Y-%m-%d")
    models["reasoning"] = models["model_name"].isin(EPOCH_REASONING)
    return models


@pytest.fixture(scope="module")
def epoch_table() -> pd.DataFrame:
    return decline_table(epoch_models())


@pytest.fixture(scope="module")
def published() -> pd.DataFrame:
    return pd.read_csv(FIXTURES / "epoch_llm_price_decline_factors.csv")


def headline_rates() -> pd.DataFrame:
    return pd.read_csv(SOURCES_DIR / "cost_declines" / "headline_rates.csv")


# ---------------------------------------------------------------------------------------------- log-linear fit


@pytest.mark.parametrize("true_factor", [0.1, 0.5, 2.0, 30.0])
def test_recovers_known_factor(true_factor: float) -> None:
    df = synthetic(200, true_factor, sigma=0.02, seed=7)
    fit = fit_log_linear(df["date"], df["value"])
    assert fit.factor_per_year == pytest.approx(true_factor, rel=0.01)
    lo, hi = fit.factor_per_year_ci(0.90)
    assert lo < true_factor < hi
    assert fit.n == 200 and fit.se_kind == "OLS" and fit.r_squared > 0.9
    assert fit.decline_factor_per_year == pytest.approx(1 / fit.factor_per_year)


def test_ci_coverage_is_nominal() -> None:
    """Over 500 seeded simulations the 90% interval covers the true factor 90% +- 3 percentage points."""
    true_factor, covered, sims = 0.1, 0, 500
    for seed in range(sims):
        # n = 6 (4 degrees of freedom): a normal instead of t quantile would cover only ~80% and fail here.
        df = synthetic(6, true_factor, sigma=0.25, seed=1000 + seed)
        lo, hi = fit_log_linear(df["date"], df["value"]).factor_per_year_ci(0.90)
        covered += lo <= true_factor <= hi
    assert abs(covered / sims - 0.90) <= 0.03


def test_agrees_with_direct_statsmodels_ols() -> None:
    df = synthetic(25, 0.2, sigma=0.3, seed=3)
    fit = fit_log_linear(df["date"], df["value"], ci=0.90)
    x = sm.add_constant(df["date"].map(pd.Timestamp.toordinal).to_numpy(dtype=float))
    res = sm.OLS(np.log10(df["value"].to_numpy()), x).fit()
    slope_lo, slope_hi = res.conf_int(alpha=0.10)[1]
    assert fit.slope_log10_per_day == pytest.approx(res.params[1], rel=1e-9)
    assert fit.factor_per_year == pytest.approx(10 ** (365 * res.params[1]), rel=1e-9)
    assert fit.factor_per_year_ci(0.90) == pytest.approx((10 ** (365 * slope_lo), 10 ** (365 * slope_hi)), rel=1e-9)
    assert fit.r_squared == pytest.approx(res.rsquared, rel=1e-9)
    # The intercept is stored at the first date; shifting it to ordinal day 0 must give statsmodels' intercept.
    shifted = fit.intercept_log10 - fit.slope_log10_per_day * fit.origin.toordinal()
    assert shifted == pytest.approx(res.params[0], rel=1e-9)


def test_unsorted_input_gives_same_fit() -> None:
    df = synthetic(30, 0.3, sigma=0.2, seed=11)
    shuffled = df.sample(frac=1.0, random_state=5)
    a = fit_log_linear(df["date"], df["value"])
    b = fit_log_linear(shuffled["date"], shuffled["value"])
    assert b.slope_log10_per_day == pytest.approx(a.slope_log10_per_day, rel=1e-12)
    assert b.factor_per_year_ci() == pytest.approx(a.factor_per_year_ci(), rel=1e-12)
    assert (b.start_date, b.end_date) == (a.start_date, a.end_date)


def test_accepts_iso_strings_and_lists() -> None:
    df = synthetic(10, 0.5, sigma=0.1, seed=2)
    a = fit_log_linear(df["date"], df["value"])
    b = fit_log_linear(list(df["date"].dt.strftime("%Y-%m-%d")), list(df["value"]))
    assert b.factor_per_year == pytest.approx(a.factor_per_year, rel=1e-12)


@pytest.mark.parametrize(
    ("dates", "values", "message"),
    [
        (["2024-01-01", "2024-06-01"], [1.0, 2.0], "at least 3"),
        (["2024-01-01", "2024-06-01", "2025-01-01"], [1.0, 0.0, 2.0], "non-positive"),
        (["2024-01-01", "2024-06-01", "2025-01-01"], [1.0, -3.0, 2.0], "non-positive"),
        (["2024-01-01", "2024-06-01", "2025-01-01"], [1.0, float("nan"), 2.0], "NaN"),
        (["2024-01-01", None, "2025-01-01"], [1.0, 2.0, 3.0], "missing"),
        (["2024-01-01", "not a date", "2025-01-01"], [1.0, 2.0, 3.0], "could not parse"),
        (["2024-01-01", "2024-06-01", "2025-01-01"], [1.0, 2.0], "differ in length"),
        (["2024-01-01", "2024-01-01", "2024-01-01"], [1.0, 2.0, 3.0], "identical"),
    ],
)
def test_bad_input_raises_clear_error(dates: list, values: list, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        fit_log_linear(dates, values)


def test_hac_changes_se_and_is_reported() -> None:
    # Positively autocorrelated errors (AR(1), rho 0.8): the classical SE is too small; Newey-West is larger.
    rng = np.random.default_rng(0)
    n = 200
    e = np.zeros(n)
    for i in range(1, n):
        e[i] = 0.8 * e[i - 1] + rng.normal(0, 0.1)
    dates = pd.Series(pd.date_range("2020-01-01", periods=n, freq="7D"))
    values = 10 ** (1 - 0.001 * np.arange(n) * 7 + e)
    ols = fit_log_linear(dates, values)
    hac = fit_log_linear(dates, values, hac_lags=10)
    assert ols.se_kind == "OLS" and hac.se_kind == "HAC(maxlags=10)"
    assert hac.slope_log10_per_day == pytest.approx(ols.slope_log10_per_day, rel=1e-12)
    assert hac.se_slope > 1.5 * ols.se_slope
    assert hac.factor_per_year_ci(0.9) != pytest.approx(ols.factor_per_year_ci(0.9), rel=1e-3)
    x = sm.add_constant(((dates - dates[0]).dt.days).to_numpy(dtype=float))
    direct = sm.OLS(np.log10(values), x).fit(cov_type="HAC", cov_kwds={"maxlags": 10}, use_t=True)
    assert hac.se_slope == pytest.approx(direct.bse[1], rel=1e-9)


def test_doubling_and_halving_times() -> None:
    rising = synthetic(40, 2.0, sigma=0.01, seed=8)
    fit = fit_log_linear(rising["date"], rising["value"])
    assert fit.doubling_time_years == pytest.approx(math.log10(2) / fit.slope_log10_per_year)
    assert fit.doubling_time_years == pytest.approx(1.0, rel=0.02)
    short, long = fit.doubling_time_ci(0.9)
    assert short < fit.doubling_time_years < long < math.inf
    assert fit.halving_time_years == math.inf and fit.halving_time_ci() == (math.inf, math.inf)
    falling = synthetic(40, 0.25, sigma=0.01, seed=8)
    assert fit_log_linear(falling["date"], falling["value"]).halving_time_years == pytest.approx(0.5, rel=0.02)


def test_doubling_ci_open_when_interval_spans_zero_growth() -> None:
    flat = synthetic(6, 1.05, sigma=0.5, seed=21)
    fit = fit_log_linear(flat["date"], flat["value"])
    lo, hi = fit.slope_ci(0.9)
    assert lo < 0 < hi  # noisy, nearly flat: interval spans zero growth
    short, long = fit.doubling_time_ci(0.9)
    assert long == math.inf and math.isfinite(short) and short > 0
    assert fit.halving_time_ci(0.9)[1] == math.inf


def test_predict_returns_bands_in_original_units() -> None:
    df = synthetic(20, 0.3, sigma=0.15, seed=9)
    fit = fit_log_linear(df["date"], df["value"])
    pred = fit.predict(df["date"], ci=0.9)
    assert list(pred.columns) == ["date", "fit", "conf_low", "conf_high", "pred_low", "pred_high"]
    np.testing.assert_allclose(pred["fit"], 10**fit.result.fittedvalues, rtol=1e-10)
    assert (pred["pred_low"] < pred["conf_low"]).all() and (pred["conf_low"] < pred["fit"]).all()
    assert (pred["fit"] < pred["conf_high"]).all() and (pred["conf_high"] < pred["pred_high"]).all()
    # Prediction band half-width on log10 scale = t * sqrt(se_mean^2 + s^2).
    t = sps.t.ppf(0.95, fit.df_resid)
    frame = fit.result.get_prediction(fit.result.model.exog).summary_frame(alpha=0.1)
    half = t * np.sqrt(frame["mean_se"] ** 2 + fit.result.scale)
    np.testing.assert_allclose(np.log10(pred["pred_high"]) - np.log10(pred["fit"]), half, rtol=1e-9)


def test_implied_factor_per_year() -> None:
    assert implied_factor_per_year("2020-01-01", 100.0, "2020-12-31", 10.0) == pytest.approx(0.1)
    assert implied_factor_per_year("2020-01-01", 1.0, "2022-01-01", 4.0) == pytest.approx(4.0 ** (365 / 731))
    with pytest.raises(ValueError, match="after"):
        implied_factor_per_year("2024-01-01", 1.0, "2023-01-01", 2.0)
    with pytest.raises(ValueError, match="positive"):
        implied_factor_per_year("2023-01-01", 0.0, "2024-01-01", 2.0)


# ---------------------------------------------------------------------------------------------- frontier


def frontier_table() -> pd.DataFrame:
    rows = [  # name, date, price, score
        ("a", "2023-01-01", 10.0, 70),
        ("b", "2023-03-01", 12.0, 80),  # not cheaper: dropped
        ("c", "2023-06-01", 5.0, 65),  # below threshold 68
        ("d1", "2023-09-01", 4.0, 75),  # same day as d2; d2 is cheaper: only d2 kept
        ("d2", "2023-09-01", 3.0, 71),
        ("e", "2024-01-01", 3.0, 90),  # equal price is not cheaper
        ("f", "2024-03-01", 1.0, 100),  # at the (exclusive) upper bound
        ("g", "2024-06-01", 2.0, 99),
        ("h", "2024-09-01", None, 95),  # no price
    ]
    return pd.DataFrame(rows, columns=["model_name", "release_date", "usd", "score"])


def test_price_frontier_rules() -> None:
    models = frontier_table()
    kept = price_frontier(models, score="score", threshold=68, upper=100.0, date="release_date", price="usd")
    assert kept["model_name"].tolist() == ["a", "d2", "g"]
    unbounded = price_frontier(models, score="score", threshold=68, upper=None, date="release_date", price="usd")
    assert unbounded["model_name"].tolist() == ["a", "d2", "f"]


def test_price_frontier_same_day_order_does_not_matter() -> None:
    models = frontier_table()
    swapped = models.iloc[[0, 1, 2, 4, 3, 5, 6, 7, 8]]
    for table in (models, swapped):
        kept = price_frontier(table, score="score", threshold=68, date="release_date", price="usd")
        assert kept["model_name"].tolist() == ["a", "d2", "g"]


def test_price_frontier_missing_column() -> None:
    with pytest.raises(ValueError, match="not in models"):
        price_frontier(frontier_table(), score="nope", date="release_date", price="usd")


def test_threshold_models_same_day_best_only() -> None:
    models = pd.DataFrame(
        {
            "model_name": ["x", "y_low", "y_high", "z_tie", "w"],
            "release_date": pd.to_datetime(["2023-01-01", "2023-02-01", "2023-02-01", "2023-03-01", "2023-04-01"]),
            "s": [50, 40, 60, 60, 70],
        }
    )
    tops = threshold_models(models, "s")
    # y_low was beaten on its own release day; z_tie only equals the record, so it was not a new top.
    assert tops["model_name"].tolist() == ["x", "y_high", "w"]


# ---------------------------------------------------------------------------------------------- decline table


def test_decline_table_reproduces_epoch(epoch_table: pd.DataFrame, published: pd.DataFrame) -> None:
    """Every per-threshold decline factor and 90% CI Epoch published is reproduced within 1%."""
    ours = epoch_table.assign(threshold_model=epoch_table["threshold_model"].replace(EPOCH_NAME_ALIASES))
    merged = published.merge(ours, on=["benchmark", "threshold"], how="outer", suffixes=("_pub", ""), indicator=True)
    assert (merged["_merge"] == "both").all(), merged.loc[merged["_merge"] != "both", ["benchmark", "threshold"]]
    assert (merged["threshold_model"] == merged["threshold_model_published"]).all()
    assert (merged["n"] == merged["sample_size"]).all()
    np.testing.assert_allclose(merged["decline_factor_per_year"], merged["decline_factor_per_year_pub"], rtol=0.01)
    np.testing.assert_allclose(merged["decline_ci_low"], merged["decline_ci_low_90"], rtol=0.01)
    np.testing.assert_allclose(merged["decline_ci_high"], merged["decline_ci_high_90"], rtol=0.01)
    np.testing.assert_allclose(merged["r_squared"].round(2), merged["r_squared_rounded"], atol=1e-9)


def test_decline_table_dates_match_epoch(epoch_table: pd.DataFrame, published: pd.DataFrame) -> None:
    merged = published.merge(epoch_table, on=["benchmark", "threshold"], suffixes=("_pub", ""))
    assert (merged["start_date"] == pd.to_datetime(merged["start_date_pub"])).all()
    assert (merged["end_date"] == pd.to_datetime(merged["end_date_pub"])).all()


def test_decline_table_headlines(epoch_table: pd.DataFrame) -> None:
    """Epoch's headline: 9x to 900x per year across thresholds; GPT-4 level on GPQA Diamond about 40x."""
    rates = headline_rates()
    epoch_range = rates.loc[rates["metric"] == "price_decline_factor_per_year_range", "value"].iloc[0]
    low, high = (float(x) for x in epoch_range.split(" to "))

    def one_sig_fig(x: float) -> float:
        return float(f"{x:.0e}")

    factors = epoch_table["decline_factor_per_year"]
    assert one_sig_fig(factors.min()) == low and one_sig_fig(factors.max()) == high
    gpqa_gpt4 = epoch_table.query("benchmark == 'gpqa_diamond' and threshold_model == 'GPT-4-0314'")
    assert one_sig_fig(gpqa_gpt4["decline_factor_per_year"].iloc[0]) == 40.0


def test_decline_table_shape_and_order(epoch_table: pd.DataFrame) -> None:
    assert list(epoch_table.columns) == [
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
    assert (epoch_table["n"] >= 4).all()
    assert (epoch_table["decline_ci_low"] < epoch_table["decline_factor_per_year"]).all()
    assert (epoch_table["decline_factor_per_year"] < epoch_table["decline_ci_high"]).all()
    # Deterministic: same call on shuffled rows gives the identical table.
    shuffled = epoch_models().sample(frac=1.0, random_state=1)
    pd.testing.assert_frame_equal(decline_table(shuffled), epoch_table)


def test_decline_table_reasoning_switch() -> None:
    models = epoch_models()
    with_reasoning = decline_table(models, include_reasoning=True)
    without = decline_table(models)
    assert not with_reasoning.equals(without)
    flagged = set(models.loc[models["reasoning"], "model_name"])
    assert not set(without["threshold_model"]) & flagged
    with pytest.raises(ValueError, match="reasoning column"):
        decline_table(models.drop(columns="reasoning"))


def test_decline_table_multiple_choice_floor_and_bounds() -> None:
    # A multiple-choice benchmark whose first top scorer sits below 30% must not give a threshold.
    dates = pd.date_range("2022-01-01", periods=8, freq="60D")
    models = pd.DataFrame(
        {
            "model_name": [f"m{i}" for i in range(8)],
            "release_date": dates,
            "usd_per_mtok_blended_3to1": [20.0, 10.0, 5.0, 2.5, 1.2, 0.6, 0.3, 0.15],
            "mc": [25.0, 26, 26, 27, 28, 29, 29.5, 29.9],
            "elo": [1000.0, 1001, 1001, 1001, 1002, 1003, 1003, 1004],
            "reasoning": False,
        }
    )
    kwargs = {"benchmarks": ["mc"], "multiple_choice": ["mc"]}
    assert decline_table(models, **kwargs).empty
    assert not decline_table(models, benchmarks=["mc"], multiple_choice=[]).empty
    table = decline_table(models, benchmarks=["elo"], unbounded=["elo"])
    assert table["threshold"].iloc[0] == 1000.0 and table["n"].iloc[0] == 8
    # Elo scores above 100 would all be excluded with the default bounded range.
    assert decline_table(models, benchmarks=["elo"], unbounded=[]).empty


# ---------------------------------------------------------------------------------------------- AI Index check


def test_ai_index_280_fold_endpoints() -> None:
    """AI Index 2025: GPT-3.5-level price fell >280-fold, $20 (GPT-3.5, 2022-11) to $0.07 (Gemini-1.5-Flash-8B)."""
    models = epoch_models().set_index("model_name")
    start, end = models.loc["GPT-3.5"], models.loc["Gemini-1.5-Flash-8B"]
    assert end["mmlu"] >= start["mmlu"]  # the end model is at least GPT-3.5 level on MMLU
    ratio = start["usd_per_mtok_blended_3to1"] / end["usd_per_mtok_blended_3to1"]
    rates = headline_rates()
    published = float(rates.loc[rates["metric"] == "price_decline_fold_total", "value"].iloc[0])
    assert published <= ratio < 1.05 * published  # "more than 280-fold"
    factor = implied_factor_per_year(
        start["release_date"], start["usd_per_mtok_blended_3to1"], end["release_date"], end["usd_per_mtok_blended_3to1"]
    )
    days = (end["release_date"] - start["release_date"]).days
    assert 1 / factor == pytest.approx(ratio ** (365 / days), rel=1e-12)


# ---------------------------------------------------------------------------------------------- change in rate


def broken_series(seed: int, factor_before: float, factor_after: float) -> tuple[pd.Series, np.ndarray, str]:
    rng = np.random.default_rng(seed)
    dates = pd.Series(pd.date_range("2020-01-01", periods=48, freq="30D"))
    years = ((dates - dates[0]).dt.days / DAYS_PER_YEAR).to_numpy()
    brk_year = years[24]
    log10_y = np.where(
        years < brk_year,
        math.log10(factor_before) * years,
        math.log10(factor_before) * brk_year + math.log10(factor_after) * (years - brk_year),
    )
    return dates, 10 ** (2 + log10_y + rng.normal(0, 0.05, len(years))), str(dates[24].date())


def test_slope_change_detects_change() -> None:
    dates, values, brk = broken_series(5, 0.1, 0.8)
    for continuous in (False, True):
        res = slope_change_test(dates, values, brk, continuous=continuous)
        assert res.factor_per_year_before == pytest.approx(0.1, rel=0.1)
        assert res.factor_per_year_after == pytest.approx(0.8, rel=0.1)
        assert res.p_value < 1e-6 and res.n_before == 24 and res.n_after == 24


def test_slope_change_agrees_with_formula_fit() -> None:
    dates, values, brk = broken_series(6, 0.3, 0.3)
    res = slope_change_test(dates, values, brk)
    t = ((dates - pd.Timestamp(brk)).dt.days).to_numpy(dtype=float)
    after = (t >= 0).astype(float)
    direct = sm.OLS(np.log10(values), np.column_stack([np.ones_like(t), t, after, after * t])).fit()
    assert res.p_value == pytest.approx(direct.pvalues[3], rel=1e-9)
    assert res.factor_per_year_after == pytest.approx(10 ** (365 * (direct.params[1] + direct.params[3])), rel=1e-9)


def test_slope_change_needs_points_on_both_sides() -> None:
    dates, values, _ = broken_series(5, 0.1, 0.8)
    with pytest.raises(ValueError, match="on each side"):
        slope_change_test(dates, values, dates.iloc[-1])


# ---------------------------------------------------------------------------------------------- growth models


def test_growth_models_prefer_logistic_for_saturating_data() -> None:
    rng = np.random.default_rng(12)
    dates = pd.Series(pd.date_range("2019-01-01", periods=30, freq="45D"))
    t = (dates - dates[0]).dt.days.to_numpy(dtype=float)
    values = 1000 / (1 + np.exp(-0.01 * (t - 600))) * 10 ** rng.normal(0, 0.03, len(t))
    res = compare_growth_models(dates, values)
    assert res.preferred == "logistic" and not res.exponential_extrapolation_supported
    assert res.delta_aic == pytest.approx(res.aic_exponential - res.aic_logistic)
    assert 10 ** res.logistic_params["log10_level"] == pytest.approx(1000, rel=0.1)
    # A decline that levels off at a floor is the mirror case.
    falling = compare_growth_models(dates, 1e5 / values)
    assert falling.preferred == "logistic" and falling.logistic_params["direction"] == -1.0


def test_growth_models_keep_exponential_for_exponential_data() -> None:
    df = synthetic(30, 3.0, sigma=0.05, seed=13)
    res = compare_growth_models(df["date"], df["value"])
    assert res.exponential_extrapolation_supported
    # The exponential is nested in the logistic as K -> inf, so the logistic can at best tie on fit and pays 2 AIC.
    assert res.aic_logistic > res.aic_exponential - 2.0
    with pytest.raises(ValueError, match="at least 5"):
        compare_growth_models(df["date"][:4], df["value"][:4])


# ---------------------------------------------------------------------------------------------- bootstrap


def test_bootstrap_is_deterministic_and_close_to_t_interval() -> None:
    df = synthetic(40, 0.2, sigma=0.2, seed=14)
    a = bootstrap_factor_ci(df["date"], df["value"], seed=1)
    b = bootstrap_factor_ci(df["date"], df["value"], seed=1)
    assert (a.low, a.high) == (b.low, b.high) and a.n_valid == 2000
    low, high = a
    fit = fit_log_linear(df["date"], df["value"])
    t_low, t_high = fit.factor_per_year_ci(0.9)
    assert low < fit.factor_per_year < high
    # With normal errors and n = 40 both intervals should agree within ~25% on the log scale.
    assert math.log(high / low) == pytest.approx(math.log(t_high / t_low), rel=0.25)
    assert bootstrap_factor_ci(df["date"], df["value"], seed=2).low != a.low


def test_decline_table_rejects_string_reasoning_flags() -> None:
    models = epoch_models()
    models["reasoning"] = models["reasoning"].map({True: "true", False: "false"})
    with pytest.raises(ValueError, match="must be boolean"):
        decline_table(models)
    models["reasoning"] = models["reasoning"].map({"true": True, "false": None}).astype(object)
    assert len(decline_table(models)) == len(decline_table(epoch_models()))
