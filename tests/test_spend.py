"""Chapter 4 (analysis.spend): the decomposition adds up, the elasticity estimator recovers a known elasticity, the
Monte Carlo is deterministic, the assumptions match their sources, and the figures register and build."""

from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd
import pytest

from analysis import drawing, figures, spend
from analysis.data import load

TOL = 1e-9


@pytest.fixture(scope="module")
def r() -> spend.Results:
    return spend.results()


def _week(rows: dict[str, tuple[float, float, float]]) -> pd.DataFrame:
    """A week of the decomposition: model -> (tokens, spend in USD, list price USD per Mtok)."""
    return pd.DataFrame(
        [{"model": m, "tokens": q, "spend_usd": s, "list_usd_per_mtok": p} for m, (q, s, p) in rows.items()]
    ).set_index("model")


def _assert_adds_up(step: dict[str, float]) -> None:
    change = step["spend_after"] - step["spend_before"]
    total = sum(step[k] for k in spend.EFFECTS)
    assert abs(total - change) <= TOL * max(1.0, step["spend_before"])
    log_total = sum(step[f"log_{k}"] for k in spend.EFFECTS)
    assert abs(log_total - math.log(step["spend_after"] / step["spend_before"])) <= TOL


# ---- 1. decomposition ------------------------------------------------------------------------------------


def test_log_mean_is_the_logarithmic_mean_with_its_limits():
    assert spend.log_mean(math.e, 1.0) == pytest.approx(math.e - 1)
    assert spend.log_mean(3.0, 3.0) == 3.0
    assert spend.log_mean(5.0, 0.0) == 0.0
    a, b = np.array([2.0, 7.0]), np.array([1.0, 7.0])
    assert np.allclose(spend.log_mean(a, b), [1 / math.log(2), 7.0])


def test_every_weekly_step_of_the_real_data_adds_up_exactly(r):
    for chain in (r.chain_live, r.chain_all):
        for step in chain.to_dict("records"):
            _assert_adds_up(step)
        total = sum(chain[k].sum() for k in spend.EFFECTS)
        change = chain["spend_after"].iloc[-1] - chain["spend_before"].iloc[0]
        assert abs(total - change) <= TOL * chain["spend_before"].iloc[0]
        log_total = sum(chain[f"log_{k}"].sum() for k in spend.EFFECTS)
        assert abs(log_total - math.log(chain["spend_after"].iloc[-1] / chain["spend_before"].iloc[0])) <= TOL


def test_entries_exits_and_free_models_take_the_analytical_limits():
    before = _week(
        {"a": (100.0, 50.0, 0.5), "b": (50.0, 40.0, 0.8), "free": (30.0, 0.0, 0.0), "old": (20.0, 10.0, 0.5)}
    )
    after = _week({"a": (150.0, 90.0, 0.6), "b": (40.0, 0.0, 0.8), "free": (60.0, 0.0, 0.0), "new": (25.0, 30.0, 1.2)})
    step = spend.lmdi_step(before, after)
    _assert_adds_up(step)
    assert step["mix_entry"] == 30.0 and step["mix_exit"] == -10.0
    assert step["n_entering"] == 1 and step["n_leaving"] == 1
    # b went from paid to free: its whole change is a price effect; a is the only model with LMDI weights
    w = spend.log_mean(90.0, 50.0)
    assert step["price"] == pytest.approx(float(w) * math.log(0.6 / 0.5) - 40.0, rel=1e-12)


def test_pure_volume_and_pure_price_changes_land_in_their_own_effect():
    base = _week({"a": (100.0, 50.0, 0.5), "b": (300.0, 30.0, 0.1)})
    doubled = _week({"a": (200.0, 100.0, 0.5), "b": (600.0, 60.0, 0.1)})
    step = spend.lmdi_step(base, doubled)
    assert step["volume"] == pytest.approx(80.0, rel=1e-12)
    assert max(abs(step[k]) for k in spend.EFFECTS if k != "volume") < 1e-12
    dearer = _week({"a": (100.0, 75.0, 0.75), "b": (300.0, 45.0, 0.15)})
    step = spend.lmdi_step(base, dearer)
    assert step["price"] == pytest.approx(40.0, rel=1e-12)
    assert max(abs(step[k]) for k in spend.EFFECTS if k != "price") < 1e-12


def test_indices_multiply_to_spend_and_fitted_slopes_add(r):
    idx = r.indices
    product = idx["volume_index"] * idx["mix_index"] * idx["price_index"] * idx["token_mix_index"]
    assert np.allclose(product, idx["spend_index"], rtol=1e-9)
    slopes = {k: f.slope_log10_per_day for k, f in r.fits.items()}
    assert sum(v for k, v in slopes.items() if k != "spend") == pytest.approx(slopes["spend"], rel=1e-9)


# ---- 2. elasticity -----------------------------------------------------------------------------------------


def simulated_panel(elasticity: float, seed: int = 7, n_models: int = 40, n_weeks: int = 20) -> pd.DataFrame:
    """Log tokens = model effect + week effect + elasticity x log price + noise; prices drift within models."""
    rng = np.random.default_rng(seed)
    rows = []
    model_effect = rng.normal(0, 1.5, n_models)
    week_effect = np.cumsum(rng.normal(0.05, 0.1, n_weeks))
    for m in range(n_models):
        log_price = rng.normal(0, 1) + np.cumsum(rng.normal(0, 0.15, n_weeks))
        for w in range(n_weeks):
            y = model_effect[m] + week_effect[w] + elasticity * log_price[w] + rng.normal(0, 0.2)
            rows.append({"model": f"m{m}", "week": f"w{w:02d}", "log_tokens": y, "log_price": log_price[w]})
    return pd.DataFrame(rows)


@pytest.mark.parametrize("true", [-1.4, -0.5])
def test_fixed_effects_estimator_recovers_a_known_elasticity_within_its_interval(true):
    panel = simulated_panel(true)
    fit = spend.fit_elasticity(panel)
    assert fit.ci_low < true < fit.ci_high
    assert abs(fit.estimate - true) < 0.1
    boot = spend.bootstrap_elasticity(panel, n_boot=199, seed=11)
    assert boot["low"] < true < boot["high"]


def test_two_way_projection_gives_the_dummy_regression_slope(r):
    panel = spend.elasticity_panel(r.weekly)
    slope = spend.fe_slope(
        panel["log_tokens"].to_numpy(),
        panel["log_price"].to_numpy(),
        pd.factorize(panel["model"])[0],
        pd.factorize(panel["week"])[0],
    )
    assert slope == pytest.approx(r.elasticities["fe"].estimate, abs=1e-8)


def test_elasticity_sample_has_positive_prices_and_no_free_models(r):
    panel = spend.elasticity_panel(r.weekly)
    assert np.isfinite(panel["log_price"]).all()
    assert not panel["model"].str.endswith(":free").any()
    assert (panel.groupby("model").size() >= 2).all()


# ---- 3. Monte Carlo --------------------------------------------------------------------------------------


def test_monte_carlo_is_deterministic_for_a_seed(r):
    a = spend.sample(r.assumptions, r.inputs, n=2000, seed=123)
    b = spend.sample(r.assumptions, r.inputs, n=2000, seed=123)
    pd.testing.assert_frame_equal(a, b)
    pd.testing.assert_frame_equal(spend.fan(a, r.inputs), spend.fan(b, r.inputs))
    c = spend.sample(r.assumptions, r.inputs, n=2000, seed=124)
    assert not a.equals(c)
    again = spend.sample(r.assumptions, r.inputs)
    pd.testing.assert_frame_equal(again, r.draws)


def test_draws_do_not_depend_on_the_row_order_of_the_assumptions(r):
    shuffled = r.assumptions.iloc[::-1].reset_index(drop=True)
    pd.testing.assert_frame_equal(spend.sample(shuffled, r.inputs, n=500), spend.sample(r.assumptions, r.inputs, n=500))


def test_volume_path_nests_the_exponential_and_levels_off_to_its_floor():
    g0, floor = np.array([2.0]), np.array([math.log(2.0)])
    assert spend.log_volume(1.5, g0, floor, np.array([1e9]), 0.0)[0] == pytest.approx(3.0, rel=1e-6)
    near = spend.log_volume(10.0, g0, floor, np.array([0.01]), 0.0)[0]
    assert near == pytest.approx(10 * math.log(2.0) + (2.0 - math.log(2.0)) * 0.01 / math.log(2.0), rel=1e-9)


def test_spend_is_level_times_its_terms_and_variance_shares_sum_to_one(r):
    parts = spend.log_components(r.draws, r.inputs, spend.END_YEAR)
    assert np.allclose(np.exp(sum(parts.values())), spend.spend_usd_bn(r.draws, r.inputs, spend.END_YEAR))
    base = spend.log_components(r.draws, r.inputs, spend.BASE_YEAR)
    assert np.allclose(base["volume"], 0) and np.allclose(base["price"], 0) and np.allclose(base["mix"], 0)
    assert sum(spend.variance_shares(r.draws, r.inputs).values()) == pytest.approx(1.0, abs=1e-12)


def test_inference_share_starts_at_its_assumption_and_the_outgrowth_formula_holds(r):
    share0 = spend.inference_share(r.draws, r.inputs, spend.BASE_YEAR)
    assert np.allclose(share0, r.draws["inference_share_2026"])
    k = spend.required_outgrowth(0.6, 0.9, 4)
    odds = 0.6 / 0.4 * k**4
    assert odds / (1 + odds) == pytest.approx(0.9)


def test_tornado_holds_every_sampled_input_and_brackets_the_central_case(r):
    t = spend.tornado(r.draws, r.inputs)
    assert set(t["parameter"]) == set(spend.TORNADO_INPUTS)
    assert set(spend.TORNADO_INPUTS) <= set(r.draws.columns)
    swing = t[t["swing_log10"] > 1e-9]
    lo = swing[["spend_at_low_input", "spend_at_high_input"]].min(axis=1)
    hi = swing[["spend_at_low_input", "spend_at_high_input"]].max(axis=1)
    assert (lo <= swing["central_spend"]).all() and (swing["central_spend"] <= hi).all()


# ---- assumptions -----------------------------------------------------------------------------------------


def test_assumptions_are_ordered_sourced_and_all_sampled_rows_are_used(r):
    a = r.assumptions
    assert (a["low"] <= a["central"]).all() and (a["central"] <= a["high"]).all()
    assert a["source_url"].str.startswith("http").all()
    sampled = set(a.loc[a["role"] == "mc_input", "parameter"])
    assert sampled <= set(r.draws.columns)
    assert {"published_demand_elasticity", "openai_azure_inference_2025_usd_bn"} <= set(a["parameter"])


def test_the_level_range_is_the_sourced_figures_it_names():
    a = spend.editorial.load(spend.SCENARIOS).set_index("parameter").loc["inference_spend_2026_usd_bn"]
    market = load("inference_market").set_index("record_id")
    share = load("compute_share_forecasts").set_index("record_id")
    deloitte = float(share.loc["deloitte-tmt-predictions-2026--inference_share_of_ai_compute--2026", "inference_share"])
    gartner = float(market.loc["gartner--ai_optimized_iaas_inference_spend--2026", "value_usd_bn"])
    chips = float(market.loc["deloitte-tmt-predictions-2026--high_end_ai_chip_spend--2026", "low_usd_bn"])
    value = float(market.loc["deloitte-tmt-predictions-2026--ai_data_center_value--2026", "low_usd_bn"])
    assert a["low"] == gartner
    assert a["central"] == pytest.approx(deloitte * chips, abs=0.1)
    assert a["high"] == pytest.approx(deloitte * value, abs=0.1)


# ---- numbers and figures ---------------------------------------------------------------------------------


def test_chapter_numbers_are_plain_finite_values():
    n = spend.chapter_numbers()
    assert all(isinstance(v, str | int | float) and not isinstance(v, bool) for v in n.values())
    assert all(math.isfinite(v) for v in n.values() if isinstance(v, float))
    assert n["dec-residual-usd"] < 1e-6


def test_the_projection_starts_from_chapter_2s_token_fit_and_the_measured_mix_rate(r):
    # One value per quantity: the volume rate is chapter 2's fit of total tokens (not the LMDI volume effect), the mix
    # rate is the measured mix trend, and neither is glued again under a second key.
    fit = r.growth["openrouter_top_live"].fit
    assert math.exp(r.inputs.volume.log_rate) == pytest.approx(fit.factor_per_year, rel=1e-9)
    assert math.exp(r.inputs.mix.log_rate) == pytest.approx(r.fits["mix"].factor_per_year, rel=1e-9)
    n = spend.chapter_numbers()
    assert not {"in-volume", "in-mix"} & set(n)
    assert n["rate-volume"] < fit.factor_per_year  # the volume effect leaves out entering, leaving and free models


def test_the_ledger_check_on_the_articles_shares_is_the_chapters_share_of_draws(tmp_path):
    from analysis.curate import claims as curate

    n = spend.chapter_numbers()
    for claim_id, key in (("C11", "p-share90-pct"), ("C10", "p-share80-pct")):
        fails, _, agrees, _, provenance = curate._check_inference_share(tmp_path, claim_id)
        assert fails == pytest.approx(100 - n[key], abs=1e-9)
        assert agrees == ("no" if fails > 50 else "unclear")
        assert provenance["grade"] == spend.share_grade(spend.results())


SPEND_FIGURES = sorted(f for f in figures.all_figures() if f.startswith("fig-spend-"))


def test_the_chapter_registers_at_least_five_figures():
    assert len(SPEND_FIGURES) >= 5
    assert all(figures.get(f).page == "chapters/04_inference_bill" for f in SPEND_FIGURES)


@pytest.mark.parametrize("fig_id", SPEND_FIGURES)
def test_figure_builds_and_renders_offline(fig_id):
    fig = figures.get(fig_id)
    figures.check(fig)
    df = fig.plotted()
    assert 0 < len(df) <= figures.MAX_ROWS
    spec = fig.spec()
    assert spec["description"] == fig.alt
    assert drawing.width_px(spec) > 0  # vl-convert draws it, with no network
    if "log scale" in fig.units:
        assert "(log scale)" in json.dumps(spec)


def _find(obj, key):
    """Every value under `key` anywhere in a nested spec."""
    if isinstance(obj, dict):
        for k, v in obj.items():
            if k == key:
                yield v
            yield from _find(v, key)
    elif isinstance(obj, list):
        for v in obj:
            yield from _find(v, key)


def test_explorer_binds_sliders_computes_in_the_browser_and_defaults_to_the_central_case():
    from analysis.figs import spend as figs

    spec = figures.get("fig-spend-explorer").spec()
    params = {p["name"]: p for group in _find(spec, "params") for p in group}
    assert {"level_2026", "volume_growth", "price_decline", "mix_shift"} <= set(params)
    assert all("bind" in params[name] for name in ("volume_growth", "price_decline", "mix_shift", "level_2026"))
    assert params["volume_growth"]["bind"]["input"] == "range"
    calcs = [t["calculate"] for group in _find(spec, "transform") for t in group if "calculate" in t]
    assert any("volume_growth" in c and "price_decline" in c and "mix_shift" in c for c in calcs)
    central = figs.explorer_central()
    assert params["volume_growth"]["value"] == central["volume"]
    assert params["price_decline"]["value"] == central["price"]
    assert params["mix_shift"]["value"] == central["mix"]
    assert params["level_2026"]["value"] == central["level"]
    data = figs.explorer_data()
    last = data.iloc[-1]
    expected = central["level"] * (central["volume"] * central["mix"] / central["price"]) ** (
        spend.END_YEAR - spend.BASE_YEAR
    )
    assert last["central"] == pytest.approx(expected)
    assert "http" not in json.dumps(spec.get("data", {}))
