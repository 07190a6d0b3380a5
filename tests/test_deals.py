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
    contract = priors.set_index("parameter")
    mw, years = contract.loc["contract_mw", "central"], contract.loc["contract_years", "central"]
    table = dl.cerebras_versions_display(deals, mw, years)
    raw = dl.cerebras_versions(deals, mw, years)
    assert len(table) == len(raw) == deals["deal_id"].isin(dl.CEREBRAS_OPENAI).sum()
    assert table["announced"].str.fullmatch(r"\d{4}-\d{2}-\d{2}").all()
    per_mw_year = table[f"USD m per MW-year at {mw:g} MW"]
    assert np.allclose(per_mw_year, raw["headline_usd_bn"] * 1000 / (mw * years), equal_nan=True)
    shown = dl.priors_display(priors)
    assert list(shown.columns)[-1] == "basis" and len(shown) == len(priors)
