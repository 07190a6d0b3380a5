"""Deal normalisation and cumulative commitments, checked by recomputation on the curated data."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis import deals as dl
from analysis.data import load


@pytest.fixture(scope="module")
def deals() -> pd.DataFrame:
    return load("compute_deals")


def test_headline_prefers_floor_then_cap(deals):
    head = dl.headline_usd_bn(deals)
    over = deals["value_basis"] == "over"
    up_to = deals["value_basis"] == "up to"
    assert (head[over] == deals.loc[over, "value_low_usd_bn"]).all()
    assert (head[up_to] == deals.loc[up_to, "value_high_usd_bn"]).all()
    assert head[deals["value_basis"] == "undisclosed"].isna().all()


def test_normalise_by_hand():
    frame = pd.DataFrame(
        {"value_low_usd_bn": [20.0], "value_high_usd_bn": [np.nan], "duration_years": [3.0], "capacity_mw": [750.0]}
    )
    out = dl.normalise(frame).iloc[0]
    assert out["usd_bn_per_year"] == pytest.approx(20 / 3)
    assert out["usd_m_per_mw"] == pytest.approx(20_000 / 750)
    assert out["usd_m_per_mw_year"] == pytest.approx(20_000 / 750 / 3)


def test_consensus_ignores_article_and_keeps_majority(deals):
    chosen = dl.consensus_versions(deals).set_index("deal_id")
    assert chosen.loc["CER-01", "headline_usd_bn"] == 10  # three sources say >$10B, the article >$100B
    assert chosen.loc["CER-02", "headline_usd_bn"] == 20
    assert not chosen["is_article_claim"].loc[["CER-01", "CER-02"]].any()
    assert chosen.loc["CER-01", "n_versions"] == 4


def test_cumulative_totals_recomputed(deals):
    cum = dl.cumulative_commitments(deals)
    assert not set(cum["deal_id"]) & set(dl.CUMULATIVE_EXCLUDED)
    assert cum["cum_usd_bn_all"].iloc[-1] == pytest.approx(cum["add_usd_bn"].sum())
    # Cerebras: the April agreement adds only the difference to January's, and no second 750 MW.
    cer = cum.set_index("deal_id")
    assert cer.loc["CER-02", "add_usd_bn"] == pytest.approx(20 - 10)
    assert cer.loc["CER-02", "add_gw"] == 0
    assert cer.loc[["CER-01", "CER-02"], "add_gw"].sum() == pytest.approx(0.75)
    # Recompute the confirmed-only total directly.
    confirmed = cum[cum["confirmed"].astype(bool)]["add_usd_bn"].sum()
    assert cum["cum_usd_bn_confirmed"].iloc[-1] == pytest.approx(confirmed)
    assert cum["cum_usd_bn_confirmed"].iloc[-1] < cum["cum_usd_bn_all"].iloc[-1]  # Oracle's $300B unconfirmed
    assert cum["announced"].is_monotonic_increasing


def test_article_ratio_is_ten(deals):
    ratios = dl.article_ratio(load("deal_events"), ("commitment_usd_bn", "loan_usd_bn", "spend_threshold_usd_bn"))
    assert len(ratios) == 4
    assert np.allclose(ratios["ratio"], 10.0)


def test_cerebras_values_cover_every_version(deals):
    values = dl.cerebras_reported_values(deals)
    assert set(values.loc[values["is_article_claim"], "headline_usd_bn"]) == {100.0, 200.0, 300.0}
    assert set(values.loc[~values["is_article_claim"], "headline_usd_bn"]) == {10.0, 20.0, 30.0}


def test_confirmed_on_strong_sources_recomputed(deals):
    cum = dl.cumulative_commitments(deals)
    strong = cum["confirmed"].astype(bool) & cum["grade"].isin(["A", "B"])
    assert cum["cum_usd_bn_confirmed_ab"].iloc[-1] == pytest.approx(cum.loc[strong, "add_usd_bn"].sum())
    assert cum["cum_gw_confirmed_ab"].iloc[-1] == pytest.approx(cum.loc[strong, "add_gw"].sum())
    weak = dl.confirmed_on_weak_sources(cum)
    gap = cum["cum_usd_bn_confirmed"].iloc[-1] - cum["cum_usd_bn_confirmed_ab"].iloc[-1]
    assert weak["add_usd_bn"].sum() == pytest.approx(gap)
    assert (weak["grade"] == "C").all() and len(weak) > 0


def test_undisclosed_value_deals_match_openai_rows(deals):
    openai = dl.openai_deals(deals)
    names = dl.undisclosed_value_deals(openai)
    assert sorted(names["deal_id"]) == sorted(openai.loc[openai["headline_usd_bn"].isna(), "deal_id"])
    assert not names["name"].str.contains(r"\(Stargate\)").any()  # seller brackets dropped
    with_gw = names[names["capacity_gw"].notna()]
    assert all(f"({gw:g} GW)" in n for n, gw in zip(with_gw["name"], with_gw["capacity_gw"], strict=True))


def test_join_names():
    assert dl.join_names(["A"]) == "A"
    assert dl.join_names(["A", "B"]) == "A and B"
    assert dl.join_names(["A", "B", "C"]) == "A, B and C"


def test_display_tables(deals):
    priors = load("cost_priors")
    table = dl.cerebras_versions_display(deals)
    assert len(table) == deals["deal_id"].isin(dl.CEREBRAS_OPENAI).sum()
    # readable headers and values: no ids, codes or True/False; one fact a cell
    assert not table.columns.str.contains("_").any()
    assert set(table["Agreement"]) == set(dl.CEREBRAS_AGREEMENT_NAMES.values())
    assert set(table["The article?"]) == {"yes", "no"}
    assert table["Date given"].str.fullmatch(r"\d{1,2} [A-Z][a-z]{2} \d{4}").all()
    assert table["Value reported (USD billion)"].str.fullmatch(r"(over |about |up to )?[\d.,]+( to [\d.,]+)?").all()
    # the priors table is cut to what a reader needs; every input is still there
    shown = dl.priors_display(priors)
    assert len(shown) == len(priors)
    assert {"Input", "Unit", "Low", "Central", "High", "Source", "Grade"} <= set(shown.columns)
    assert not {"distribution", "role", "basis"} & set(shown.columns)
    assert "fraction" not in set(shown["Unit"])


def test_reported_value_text():
    assert dl.reported_value_text(10.0, float("nan"), "over") == "over 10"
    assert dl.reported_value_text(20.0, 30.0, "range") == "20 to 30"
    assert dl.reported_value_text(20.0, 20.0, "about") == "about 20"
    assert dl.reported_value_text(float("nan"), 5.0, "up to") == "up to 5"
    assert dl.reported_value_text(1.43, 1.43, "exact") == "1.43"
    assert dl.reported_value_text(float("nan"), float("nan"), "undisclosed") == ""


def test_priors_varied_leaves_out_priors_no_output_uses():
    priors = load("cost_priors")
    varied = dl.priors_varied(priors).set_index("parameter")
    # the warrant's share count is drawn but feeds no simulated output
    assert not varied.loc["cerebras_warrant_shares_m", "moves_output"]
    assert varied.loc["cs3_price_usd", "moves_output"] and varied.loc["ramp_share", "moves_output"]
    ranged = priors["low"] != priors["high"]
    drawn = priors[(priors["role"] == "mc_input") & (priors["distribution"] != "fixed") & ranged]
    assert len(varied) == len(drawn) > varied["moves_output"].sum()


def test_agreements_count_each_agreement_once(deals):
    openai = dl.openai_deals(deals)
    agreements = dl.openai_agreements(openai)
    ids = set(agreements["deal_id"])
    assert "CER-02" in ids and not {"CER-01", "CER-03"} & ids  # one Cerebras agreement
    assert "OAI-ORCL-02" in ids and "OAI-ORCL-01" not in ids  # one Oracle capacity
    assert "OAI-NVDA-01" not in ids  # a letter of intent, never finalised
    assert len(agreements) < len(openai)


def test_output_prices_compare_like_with_like():
    ph = load("price_history")
    out = dl.output_price_numbers(ph, {"usd_per_mtok_20_median": 1.0, "usd_per_mtok_200_median": 10.0})
    gpt5 = ph[(ph["source_kind"] == "api_list_prices") & (ph["model"] == "GPT-5")]
    assert out["output_price_gpt5_usd_per_mtok"] == float(gpt5["output_usd_per_mtok"].iloc[-1])
    assert out["output_price_gpt5_usd_per_mtok"] > float(gpt5["blended_3to1_usd_per_mtok"].iloc[-1])  # not a blend
    assert out["cost_200_over_gpt5_output_x"] == 10.0 / out["output_price_gpt5_usd_per_mtok"]
