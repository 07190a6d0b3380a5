"""Monte Carlo unit economics: formulas by hand, seeded determinism, sampling against the priors."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis import scenarios as sc
from analysis.data import load


@pytest.fixture(scope="module")
def priors() -> pd.DataFrame:
    return load("cost_priors")


@pytest.fixture(scope="module")
def draws(priors) -> pd.DataFrame:
    return sc.sample(priors, n=20_000)


def test_capital_recovery_factor():
    assert sc.capital_recovery_factor(0.1, 1) == pytest.approx(1.1)
    # annuity check: paying crf for n years repays 1 at rate r
    r, n = 0.09, 5
    crf = sc.capital_recovery_factor(r, n)
    assert sum(crf / (1 + r) ** t for t in range(1, n + 1)) == pytest.approx(1.0)


def test_cerebras_build_by_hand(priors):
    p = sc.central(priors)
    capex = p["cs3_price_usd"] / (p["cs3_system_kw"] / 1000)
    r, n = p["cost_of_capital"], p["hw_life_years"]
    expected = capex * r / (1 - (1 + r) ** -n) + p["colo_usd_per_kw_month"] * 12_000
    expected += 8760 * p["pue"] * p["power_price_usd_per_mwh"]
    assert sc.cerebras_build(p) == pytest.approx(expected, rel=1e-12)


def test_gpu_rental_by_hand(priors):
    p = sc.central(priors)
    expected = p["h100_usd_per_gpu_hour"] * 8760 * 8 / (p["dgx_h100_system_kw"] / 1000)
    assert sc.gpu_rental(p) == pytest.approx(expected)


def test_sampling_is_seeded_and_within_bounds(priors, draws):
    again = sc.sample(priors, n=20_000)
    pd.testing.assert_frame_equal(draws, again)
    table = sc.prior_table(priors)
    for name in draws.columns:
        assert draws[name].min() >= table.loc[name, "low"] - 1e-9
        assert draws[name].max() <= table.loc[name, "high"] + 1e-9
    assert not draws.equals(sc.sample(priors, n=20_000, seed=1))


def test_triangular_mean_matches_theory(priors, draws):
    row = sc.prior_table(priors).loc["cs3_price_usd"]
    theory = (row["low"] + row["central"] + row["high"]) / 3
    # standard error of the mean for 20k draws is ~0.2% of the mean here: 1% is a meaningful tolerance
    assert draws["cs3_price_usd"].mean() == pytest.approx(theory, rel=0.01)


def test_deal_usd_per_mw_year_and_interval(draws):
    full = {"contract_mw": 750.0, "contract_years": 3.0, "ramp_share": 1.0}
    assert sc.deal_usd_per_mw_year(20, full) == pytest.approx(20e9 / 2250)
    stats = sc.interval(sc.deal_usd_per_mw_year(20, draws))
    assert stats["low"] < stats["median"] < stats["high"]
    # ten times the value is ten times the price per MW-year, draw for draw
    ratio = sc.deal_usd_per_mw_year(200, draws) / sc.deal_usd_per_mw_year(20, draws)
    assert np.allclose(ratio, 10)


def test_tornado_swings_match_one_at_a_time(priors):
    t = sc.tornado(priors, sc.cerebras_build).set_index("parameter")
    p = sc.central(priors)
    low = sc.prior_table(priors).loc["cs3_price_usd", "low"]
    assert t.loc["cs3_price_usd", "output_at_low"] == pytest.approx(sc.cerebras_build(p | {"cs3_price_usd": low}))
    assert t["swing"].is_monotonic_decreasing
    assert "contract_mw" not in t.index  # fixed terms do not appear


def test_warrant_and_rebate():
    assert sc.warrant_value_usd_bn(33.5, 185.0, 0.0) == pytest.approx(33.5e6 * 185 / 1e9)
    assert sc.warrant_value_usd_bn(160, 0.005, 0.01) == 0.0  # out of the money is worth nothing
    assert sc.effective_rebate(6.0, 20.0) == pytest.approx(0.3)


def test_tokens_and_price_per_mtok_by_hand():
    p = {
        "contract_mw": 750.0,
        "ramp_share": 0.6,
        "tokens_per_s_per_mw": 6e5,
        "utilisation_share": 0.6,
        "contract_years": 3.0,
    }
    tokens = 750 * 0.6 * 6e5 * 0.6 * 365 * 24 * 3600
    assert sc.tokens_per_year(p) == pytest.approx(tokens)
    assert sc.usd_per_mtok(20, p) == pytest.approx(20e9 / 3 / (tokens / 1e6))
