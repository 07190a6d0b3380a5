"""Chapter 3 logic: the 280-fold headline, Epoch's published rates, hardware, cost per task, comparison table."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis import costs
from analysis.data import load

PUBLISHED = Path(__file__).parent / "fixtures" / "epoch_llm_price_decline_factors.csv"


@pytest.fixture(scope="module")
def data():
    names = ("models", "price_history", "headline_rates", "hardware", "gpu_prices", "eval_tokens")
    return {n: load(n) for n in names}


def _published_row(benchmark: str, threshold: float) -> pd.Series:
    pub = pd.read_csv(PUBLISHED)
    return pub[(pub["benchmark"] == benchmark) & (pub["threshold"] == threshold)].iloc[0]


def test_headline_reproduces_ai_index_endpoints(data):
    """Our endpoints and fold against the AI Index's own figures; the actual-span rate against Epoch's dates."""
    h = costs.headline_280(data["models"])
    hr = data["headline_rates"]
    at_level = hr[hr["scope"].str.startswith(costs.AI_INDEX_SCOPE)]
    value = at_level.set_index("metric")["value"]
    start, end = value["inference_price_usd_per_mtok_start"], value["inference_price_usd_per_mtok_end"]
    assert (h.start_price, h.end_price) == (start, end)
    assert h.fold >= value["price_decline_fold_total"]  # AI Index: "more than 280-fold"
    # Epoch's published results date the GPT-3.5-level frontier independently of our curation.
    row = _published_row(costs.AI_INDEX_SCORE, costs.AI_INDEX_THRESHOLD)
    days = (pd.Timestamp(row["end_date"]) - pd.Timestamp(row["start_date"])).days
    assert h.factor_per_year_actual == pytest.approx((start / end) ** (365 / days), rel=1e-6)
    # The stated span is the AI Index's "about 1.5 years": a faster rate than the real one, by construction.
    assert h.factor_per_year_stated == pytest.approx((start / end) ** (1 / 1.5), rel=1e-6)
    assert h.factor_per_year_stated > h.factor_per_year_actual > h.fit.decline_factor_per_year > 1
    # the chapter's wording: the actual-span rate is inside the fit's interval, the stated-span rate above it
    lo, hi = h.fit.decline_factor_ci()
    assert lo < h.factor_per_year_actual < hi < h.factor_per_year_stated
    assert h.frontier["usd_per_mtok_blended_3to1"].is_monotonic_decreasing


def test_scope_constant_matches_headline_rates(data):
    assert (data["headline_rates"]["scope"].str.startswith(costs.AI_INDEX_SCOPE)).sum() >= 3


def test_epoch_only_table_matches_published_results(data):
    """Our rerun on the curated Epoch rows equals Epoch's published per-threshold rates (same n, dates, CIs)."""
    ours = costs.decline_tables(data["models"])
    ours = ours[ours["data"].str.startswith("Epoch")]
    pub = pd.read_csv(PUBLISHED)
    merged = ours.merge(pub, on=["benchmark", "threshold"], how="outer", indicator=True, suffixes=("", "_pub"))
    assert (merged["_merge"] == "both").all(), merged[merged["_merge"] != "both"][["benchmark", "threshold"]]
    assert (merged["n"] == merged["sample_size"]).all()
    for ours_col, pub_col in (
        ("decline_factor_per_year", "decline_factor_per_year_pub"),
        ("decline_ci_low", "decline_ci_low_90"),
        ("decline_ci_high", "decline_ci_high_90"),
    ):
        assert np.allclose(merged[ours_col], merged[pub_col], rtol=1e-6), ours_col


def test_extended_table_adds_2025_points(data):
    d = costs.decline_tables(data["models"])
    ep, ext = d[d["data"].str.startswith("Epoch")], d[d["data"].str.startswith("with")]
    assert pd.to_datetime(ext["end_date"]).max() > pd.to_datetime(ep["end_date"]).max()
    assert len(ext) >= len(ep)
    # memoised: a second call returns an equal, independent copy
    again = costs.decline_tables(data["models"])
    pd.testing.assert_frame_equal(d, again)
    again.loc[0, "n"] = -1
    assert costs.decline_tables(data["models"]).loc[0, "n"] != -1


def test_rate_changes_have_points_on_both_sides(data):
    rc = costs.rate_changes(data["models"])
    assert len(rc) > 0
    assert (rc["n_before"] >= 2).all() and (rc["n_after"] >= 2).all()
    assert rc["p_value"].between(0, 1).all()


def test_median_rate_filters_short_fits():
    t = pd.DataFrame({"decline_factor_per_year": [10.0, 20.0, 1000.0], "span_years": [2.0, 1.5, 0.4]})
    assert costs.median_rate(t) == 20.0
    assert costs.median_rate(t, 1.0) == 15.0


def test_flagship_rule_picks_top_tier_models(data):
    f = costs.flagship_prices(data["price_history"])
    assert {"OpenAI", "Anthropic", "Google"} == set(f["provider_group"])
    assert f["model"].str.contains(r"\b(?:mini|nano|Haiku|Flash)\b", regex=True).sum() == 0
    assert f["effective_date"].is_monotonic_increasing


def test_gpu_price_performance_units(data):
    g = costs.gpu_price_performance(data["gpu_prices"], data["hardware"], "purchase")
    assert np.allclose(g["flop_per_usd"], g["peak_16bit_flop_per_s"] / g["price_usd_2024"])
    c = costs.gpu_price_performance(data["gpu_prices"], data["hardware"], "cloud_on_demand")
    assert np.allclose(c["flop_per_usd"], c["peak_16bit_flop_per_s"] * 3600 / c["price_usd_2024"])
    # an H100 at ~1e15 FLOP/s and ~$30k buys tens of GFLOP/s per dollar (AI Index: 22 GFLOP/s per $)
    h100 = g[g["hardware_model"] == "NVIDIA H100 SXM5 80GB"]["flop_per_usd"]
    assert 1e10 < h100.median() < 1e11


def test_decomposition_helpers():
    assert costs.parse_decomposition("5.315 = 1.155 x 1.7 x 2.707") == (5.315, 1.155, 1.7, 2.707)
    with pytest.raises(ValueError):
        costs.parse_decomposition("9 to 900")
    assert costs.log_share(10.0, 100.0) == pytest.approx(0.5)
    shares = [costs.log_share(f, 5.315) for f in (1.155, 1.7, 2.707)]
    assert sum(shares) == pytest.approx(1.0, abs=1e-3)  # the published product is consistent
    with pytest.raises(ValueError):
        costs.log_share(2.0, 1.0)


def test_cost_per_task_formula(data):
    t = costs.cost_per_task(data["eval_tokens"], data["price_history"])
    # one row per evaluated model version (effort variants of o1/o3-mini/Claude 3.7 are separate rows)
    assert t["model_version"].is_unique and t["model_version"].str.len().gt(0).all()
    assert len(t) >= 20
    row = t[t["model_version"] == "gpt-4o-2024-08-06"].iloc[0]
    # GPT-4o (Aug 2024): $2.50 input, $10 output per million tokens
    expected = (row["input_tokens_per_sample"] * 2.5 + row["output_tokens_per_sample"] * 10) / 1e6
    assert row["cost_per_question_usd"] == pytest.approx(expected)
    reasoning = t[t["reasoning"].astype(bool)]["output_tokens_per_sample"].median()
    plain = t[~t["reasoning"].astype(bool)]["output_tokens_per_sample"].median()
    assert reasoning > 5 * plain


def test_cost_per_task_mapping_resolves(data):
    names = set(data["price_history"]["model"])
    assert set(costs.EVAL_PRICE_MODELS.values()) <= names
    ids = set(data["eval_tokens"]["model_id"])
    assert set(costs.EVAL_PRICE_MODELS) <= ids


def test_blend_sensitivity(data):
    b = costs.blend_sensitivity(data["price_history"], 'text-davinci-003 ("GPT-3.5")', "Gemini 1.5 Flash-8B")
    # Flash-8B: $0.0375 in / $0.15 out; GPT-3.5: $20 flat
    assert b["fold_3to1"] == pytest.approx(20 / ((3 * 0.0375 + 0.15) / 4))
    assert b["fold_1to1"] == pytest.approx(20 / ((0.0375 + 0.15) / 2))


def test_chapter_numbers_are_plain_python_and_consistent(data):
    n = costs.chapter_numbers(*data.values())
    assert all(isinstance(v, int | float | str) and not isinstance(v, np.generic) for v in n.values())
    assert all(math.isfinite(v) for v in n.values() if isinstance(v, float))
    assert n["ols-lo"] < n["ols-rate"] < n["ols-hi"]
    assert n["gpu-lo"] < n["gpu-rate"] < n["gpu-hi"]
    assert 0 < n["hw-share"] < 1
    assert n["hw-share"] == pytest.approx(math.log(n["gpu-rate"]) / math.log(n["ols-rate"]))
    assert n["epoch-min"] >= n["epoch-published-low"] and n["epoch-max"] <= n["epoch-published-high"]


def test_comparison_table_lists_all_studies(data):
    t = costs.comparison_table(data["headline_rates"], data["models"])
    assert len(t) == 5
    assert t["Price blend"].str.contains("1:1").sum() == 1  # only a16z averages input and output
    assert "This report" in set(t["Study"])
    assert list(t.columns) == list(costs.COMPARISON_LABELS.values())


def test_decline_display_one_row_per_fit_one_fact_per_cell(data):
    d = costs.decline_tables(data["models"])
    long = costs.decline_display(d)
    assert len(long) == len(d)
    assert set(costs.DECLINE_FORMATS) <= set(long.columns)
    text = long.drop(columns=["Level set by", *costs.DECLINE_FORMATS, "Frontier models"])  # model names have brackets
    assert not text.apply(lambda s: s.astype(str).str.contains(r"n=|\(|e\+| to ")).any().any()


def test_decline_range_covers_every_fit_shown(data):
    d = costs.decline_tables(data["models"])
    r = costs.decline_range_numbers(d)
    assert r["shown-max"] == d["decline_factor_per_year"].max()
    assert r["shown-min"] == d["decline_factor_per_year"].min()
    assert r["long-max"] <= r["shown-max"] and r["shown-max-months"] < 12  # the top of the range is a short fit
    ext = d[d["data"] == "with 2025 models"]
    assert r["ext-n-changed"] <= len(ext) and r["ext-n-2025"] <= len(ext)
    assert r["shown-n"] == len(d) - (len(ext) - r["ext-n-changed"])


def test_hardware_table_lists_ours_and_the_published_rates(data):
    t = costs.hardware_rates_display(data["headline_rates"], data["gpu_prices"], data["hardware"])
    assert t["Estimate"].str.startswith("This report").sum() == 2
    assert (t["Growth per year (times)"] > 1).all()


def test_figures_register_on_their_page():
    """(tests/test_figures.py builds and validates every registered figure, in both layouts.)"""
    from analysis import figures

    figs = figures.topic_figures("costs")
    assert len(figs) >= 5
    assert {fig.page for fig in figs.values()} == {"chapters/03_cost_declines"}


def test_frontier_fit_equals_epochs_published_gpt35_row(data):
    """The chapter's GPT-3.5-level OLS rate is Epoch's published MMLU 64.8 result (rate, 90% CI, n, dates)."""
    h = costs.headline_280(data["models"])
    row = _published_row(costs.AI_INDEX_SCORE, costs.AI_INDEX_THRESHOLD)
    assert h.fit.n == row["sample_size"]
    assert h.fit.decline_factor_per_year == pytest.approx(row["decline_factor_per_year"], rel=1e-6)
    assert h.fit.decline_factor_ci() == pytest.approx((row["decline_ci_low_90"], row["decline_ci_high_90"]), rel=1e-6)
    assert h.frontier["release_date"].min() == pd.Timestamp(row["start_date"])
    assert h.frontier["release_date"].max() == pd.Timestamp(row["end_date"])


def test_rate_conversions():
    assert costs.factor_from_pct_cheaper(30) == pytest.approx(1 / 0.7)
    assert costs.factor_from_pct_cheaper(0) == 1.0
    assert costs.factor_from_doubling(1.0) == 2.0
    assert costs.factor_from_doubling(2.46) ** 2.46 == pytest.approx(2.0)
    with pytest.raises(ValueError):
        costs.factor_from_pct_cheaper(100)
    with pytest.raises(ValueError):
        costs.factor_from_doubling(0)


def test_published_hardware_rates_are_faster_than_our_fit(data):
    """The prose says our GPU price-performance rate is slower than Epoch's two headline estimates."""
    pub = costs.published_hardware_rates(data["headline_rates"])
    assert set(pub["estimate"]) == {"cheaper_per_year", "doubling_time"}
    dbl = pub[pub["estimate"] == "doubling_time"].dropna(subset=["factor_ci_low"])
    assert (dbl["factor_ci_low"] < dbl["factor_per_year"]).all() and (
        dbl["factor_per_year"] < dbl["factor_ci_high"]
    ).all()
    n = costs.chapter_numbers(*data.values())
    assert n["hw-headlines-above-ci"] == 2
    assert n["epoch-hw-factor"] > n["hobbhahn-factor"] > n["gpu-hi"] > n["gpu-rate"]
    assert n["g-hw-table"] == pytest.approx(costs.factor_from_pct_cheaper(n["epoch-hw-cheaper-pct"]))


def test_h100_sample_is_described(data):
    n = costs.chapter_numbers(*data.values())
    h100 = costs.chip_hour_prices(data["gpu_prices"])
    assert n["h100-n"] == len(h100) and n["h100-recent-n"] < n["h100-n"]
    assert n["h100-first"] <= f"{n['h100-recent-since']}-01-01" <= n["h100-last"]
