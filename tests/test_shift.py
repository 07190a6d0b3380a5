"""Tests of analysis/shift.py (chapter 2) and its figures. Numbers are recomputed, never hard-coded results."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from shift_fixtures import *  # noqa: F403  (the shared pytest fixtures weekly, volumes, forecasts)

from analysis import shift
from analysis.data import load


def _toy_forecasts() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "forecaster": ["A", "B", "C", "D"],
            "target_year": pd.array([2026, 2030, 2030, 2026], dtype="Int64"),
            "measure": ["compute", "compute", "spend", "spend"],
            "scope": ["x"] * 4,
            "inference_share": [0.667, np.nan, 0.95, 0.55],
            "inference_share_low": [np.nan, 0.85, np.nan, np.nan],
            "bound_type": ["point", "lower_bound", "point", "point"],
            "grade": ["A", "C", "B", "B"],
        }
    )


def test_claim_support_rules() -> None:
    t = shift.claim_support(_toy_forecasts()).set_index("claim")
    assert t.loc["two_thirds_2026", "n_supporting"] == 1  # A's 0.667 counts as two-thirds; D is spend, 0.55
    assert t.loc["two_thirds_2026", "n_supporting_a"] == 1
    assert t.loc["above_80_later", "n_supporting"] == 1  # B's floor of 85% in 2030
    assert "> 85%" in t.loc["above_80_later", "supporting"]
    assert t.loc["above_90_spend", "n_supporting"] == 1  # C: 95% of spend
    exactly = _toy_forecasts().assign(inference_share_low=[np.nan, 0.80, np.nan, np.nan])
    assert shift.claim_support(exactly).set_index("claim").loc["above_80_later", "n_supporting"] == 0  # not above


def test_article_claims_on_real_data(forecasts: pd.DataFrame) -> None:
    t = shift.claim_support(forecasts).set_index("claim")
    assert "Deloitte" in t.loc["two_thirds_2026", "supporting"]
    pts = shift.share_points(forecasts)
    # recount each claim's support independently of claim_support's code path
    later_compute = pts[(pts["measure"] == "compute") & (pts["target_year"] >= 2027)]
    assert t.loc["above_80_later", "n_supporting"] == int((later_compute["share"] > 0.80).sum())
    spend = pts[pts["measure"].isin(["spend", "capex"])]
    assert t.loc["above_90_spend", "n_supporting"] == int((spend["share"] > 0.90).sum())


def test_percentile_and_ordinal() -> None:
    sample = pd.Series([0.0, 0.1, 0.2, 0.3])
    assert shift.percentile_of(0.25, sample) == pytest.approx(0.75)
    assert shift.percentile_of(0.1, sample) == pytest.approx(0.375)  # tie counts half
    assert [shift.ordinal(x) for x in (1, 2, 3, 11, 12, 13, 22, 72.4, 83)] == [
        "1st", "2nd", "3rd", "11th", "12th", "13th", "22nd", "72nd", "83rd"
    ]  # fmt: skip


def test_model_wow_changes_need_consecutive_weeks() -> None:
    frame = pd.DataFrame(
        {
            "week_start": pd.to_datetime(["2026-01-05", "2026-01-12", "2026-01-26", "2026-01-05"]),
            "model": ["a", "a", "a", "b"],
            "total_tokens": [100, 150, 300, 50],
            "backfilled": [False] * 4,
        }
    )
    out = shift.model_wow_changes(frame)
    assert len(out) == 1  # a: 05 -> 12 only; 12 -> 26 skips a week; b has one week
    assert out["wow_change"].iloc[0] == pytest.approx(0.5)


def test_china_lead_streak_counts_back_from_week() -> None:
    weeks = pd.to_datetime(["2026-03-02", "2026-03-09", "2026-03-16", "2026-03-23"])
    rows = []
    for wk, cn, us in zip(weeks, [1, 5, 6, 7], [2, 4, 5, 8], strict=True):
        rows += [(wk, "China", cn), (wk, "United States", us)]
    country = pd.DataFrame(rows, columns=["week_start", "creator_country", "total_tokens"])
    assert shift.china_lead_streak(country, through=weeks[2]) == 2
    assert shift.china_lead_streak(country, through=weeks[3]) == 0


def test_article_week_reproduction(weekly: pd.DataFrame) -> None:
    check = shift.article_week_check(weekly)
    week = weekly[weekly["week_start"] == shift.ARTICLE_WEEK_START]
    assert check["chinese_top_tokens"] == pytest.approx(shift.ARTICLE_CHINESE_TOKENS, rel=1e-3)
    assert check["top_total"] == pytest.approx(week["total_tokens"].sum())
    assert check["max_top_total"] < shift.ARTICLE_TOTAL_TOKENS  # 27T is beyond any top-model week
    assert shift.china_lead_streak(shift.country_weekly(weekly)) == shift.ARTICLE_CONSECUTIVE_WEEKS


def test_country_shares_sum_to_one(weekly: pd.DataFrame) -> None:
    c = shift.country_weekly(weekly)
    sums = c.groupby("week_start")["share"].sum()
    assert np.allclose(sums, 1.0)
    assert len(c) == weekly["week_start"].nunique() * weekly["creator_country"].nunique()


def test_spend_formula_on_one_row() -> None:
    row = pd.DataFrame(
        {
            "week_start": pd.to_datetime(["2026-03-02"]),
            "model": ["x/y"],
            "creator_name": ["X"],
            "creator_country": ["China"],
            "total_tokens": [1_000_000_000],
            "prompt_tokens": pd.array([900_000_000], dtype="Int64"),
            "completion_tokens": pd.array([100_000_000], dtype="Int64"),
            "cached_tokens": pd.array([450_000_000], dtype="Int64"),
            "breakdown_complete": [True],
            "prompt_usd_per_mtok": [1.0],
            "completion_usd_per_mtok": [4.0],
            "cache_read_usd_per_mtok": [0.1],
            "free_variant": [False],
            "backfilled": [False],
        }
    )
    # 450 Mtok x $1 + 450 Mtok x $0.1 + 100 Mtok x $4 = 450 + 45 + 400
    spend = shift.estimated_spend(row)
    assert spend["spend_usd"].iloc[0] == pytest.approx(895.0)
    assert spend["output_spend_usd"].iloc[0] == pytest.approx(400.0)
    free = shift.estimated_spend(row.assign(free_variant=[True]))
    assert free["spend_usd"].iloc[0] == 0.0


def test_missing_breakdown_is_imputed_from_same_model(weekly: pd.DataFrame) -> None:
    spend = shift.estimated_spend(weekly)
    last = spend[spend["week_start"] == spend["week_start"].max()]
    assert last["mix_imputed"].all()  # the last week has no breakdown at all
    paid = last[~last["free_variant"]]
    assert (paid["spend_usd"] > 0).all()


def test_weekly_spend_and_jevons_index(weekly: pd.DataFrame) -> None:
    ws = shift.weekly_spend(shift.estimated_spend(weekly))
    assert np.allclose(ws["avg_usd_per_mtok"], ws["spend_usd"] / ws["total_tokens"] * 1e6)
    idx = shift.jevons_index(ws)
    first = idx[idx["week_start"] == ws["week_start"].min()]
    assert np.allclose(first["index"], 1.0)


def test_composition_shares_are_fractions(weekly: pd.DataFrame) -> None:
    mix = shift.composition_by_creator(weekly)
    for col in ("prompt_share", "reasoning_share_of_completion", "cached_share_of_prompt"):
        assert mix[col].between(0, 1).all()
    overall = mix[mix["creator"] == "All top models"].iloc[0]
    rows = weekly[weekly["breakdown_complete"] & ~weekly["backfilled"] & weekly["request_count"].gt(0)]
    prompt = rows["prompt_tokens"].astype(float).sum()
    assert overall["prompt_share"] == pytest.approx(prompt / (prompt + rows["completion_tokens"].astype(float).sum()))


def test_growth_fits_recover_a_known_rate() -> None:
    dates = pd.date_range("2025-01-01", periods=8, freq="60D")
    years = (dates - dates[0]).days / 365.0
    values = 1e12 * 4.0**years * np.exp(np.random.default_rng(0).normal(0, 0.01, len(dates)))
    gf = shift.fit_growth("toy", pd.Series(dates), pd.Series(values), pd.Series(["B"] * 6 + ["C"] * 2))
    row = gf.row()
    assert row["factor_per_year"] == pytest.approx(4.0, rel=0.05)
    assert row["doubling_months"] == pytest.approx(6.0, rel=0.05)
    assert row["doubling_months_low"] < row["doubling_months"] < row["doubling_months_high"]
    assert gf.comparison is not None
    assert gf.n_grade_c == 2 and gf.grade_text == "2 of 8 grade C, unconfirmed"
    # a clean exponential: both criteria favour it by more than the no-preference band
    assert gf.shape[0] == "exponential"


def test_growth_fits_on_data(volumes: pd.DataFrame, weekly: pd.DataFrame) -> None:
    fits = shift.growth_fits(volumes, weekly)
    table = shift.growth_table(fits).set_index("key")
    assert table.loc["openrouter_top_live", "se_kind"].startswith("HAC")
    assert table.loc["openrouter_top_live", "n"] == int((~weekly.groupby("week_start")["backfilled"].first()).sum())
    # the two datings of Google's disputed month give close, but not identical, rates
    g, j = table.loc["google", "factor_per_year"], table.loc["google_july", "factor_per_year"]
    assert g != j and abs(math.log(g / j)) < 0.2
    assert (table["factor_ci_low"] < table["factor_per_year"]).all()


def test_extrapolation_band_widens(volumes: pd.DataFrame, weekly: pd.DataFrame) -> None:
    fit = shift.growth_fits(volumes, weekly)["google"].fit
    near, far = shift.extrapolation_check(fit, 1), shift.extrapolation_check(fit, 24)
    assert far["band_ratio"] > near["band_ratio"] > 1


def test_chapter_numbers_are_plain(forecasts: pd.DataFrame, volumes: pd.DataFrame, weekly: pd.DataFrame) -> None:
    numbers = shift.chapter_numbers(forecasts, volumes, weekly)
    for key, value in numbers.items():
        assert isinstance(value, (int, float, str)), key
    assert numbers["article-chinese-top-t"] == pytest.approx(12.96, abs=0.005)
    assert 0 <= numbers["wow-top-pctile"] <= 100


def test_shift_figures_register_on_their_page() -> None:
    """(tests/test_figures.py builds and validates every registered figure, in both layouts.)"""
    from analysis import figures

    figs = figures.topic_figures("shift")
    assert len(figs) >= 5
    assert {fig.page for fig in figs.values()} == {"chapters/02_inference_shift"}


def _comparison(aic_e: float, aic_l: float, aicc_e: float, aicc_l: float, n: int = 6):
    from analysis import trends

    return trends.GrowthModelComparison(n, aic_e, aic_l, aicc_e, aicc_l, "", aic_e - aic_l, {})


@pytest.mark.parametrize(
    ("criteria", "verdict"),
    [
        ((10.0, 0.0, 10.0, 5.0), "slowing (logistic)"),  # both favour the logistic by > 2
        ((0.0, 10.0, 0.0, 10.0), "exponential"),
        ((5.0, -1.3, 17.1, 38.7), "cannot tell"),  # the criteria disagree (Doubao-like)
        ((6.3, -3.0, 30.3, math.inf), "cannot tell"),  # too few points for AICc (Google-like)
        ((-24.3, -24.6, -21.6, -19.7), "no preference"),  # AIC within 2 units
    ],
)
def test_growth_shape_uses_aic_and_aicc(criteria: tuple[float, ...], verdict: str) -> None:
    got, reason = shift.growth_shape(_comparison(*criteria), 6)
    assert got == verdict and reason
    assert shift.growth_shape(None, 4)[0] == "not compared"


def test_shape_words_follow_the_computed_comparison(volumes: pd.DataFrame, weekly: pd.DataFrame) -> None:
    fits = shift.growth_fits(volumes, weekly)
    summary = shift.shape_summary(fits, shift.HEADLINE_FITS)
    shapes = [fits[k].shape[0] for k in shift.HEADLINE_FITS if fits[k].comparison is not None]
    assert summary["n-compared"] == len(shapes)
    assert summary["n-slowing"] == sum(v.startswith("slowing") for v in shapes)
    if summary["n-slowing"] == 0:
        assert "slowing" not in summary["phrase"].split("from")[0] or "tell" in summary["phrase"]
    # the table shows both criteria and the verdict for every compared fit
    table = shift.growth_table_display(fits)
    compared = [f for f in fits.values() if f.comparison]
    assert table["AIC favours"].isin(["exponential", "logistic"]).sum() == len(compared)
    assert table["Slowing?"].tolist() == [f.shape[0] for f in fits.values()]
    # no raw codes or infinities in what a reader sees
    text = " ".join(table.astype(str).to_numpy().ravel())
    assert "inf" not in text.split() and "HAC(" not in text and " / " not in text


def test_forecaster_organisations() -> None:
    assert shift.forecaster_organisation("Gartner (as relayed in a podcast)") == "Gartner"
    assert shift.forecaster_organisation("Unattributed (Substack analysis)") == ""
    assert shift.forecaster_organisation("Analyst quoted by Network World/onmine") == ""
    toy = pd.DataFrame(
        {"forecaster": ["Gartner", "Gartner (as relayed in a podcast)", "IDC (China)", "Unattributed x"]}
    )
    assert shift.count_forecasters(toy) == {"named": 2, "unnamed": 1}


def test_grade_labels_and_periods() -> None:
    assert shift.grade_label("C") == "grade C, unconfirmed" and shift.grade_label("A") == "grade A"
    assert shift.period_text(pd.Timestamp("2026-05-04"), pd.Timestamp("2026-05-10")) == "4 to 10 May 2026"
    assert shift.period_text(pd.Timestamp("2026-04-27"), pd.Timestamp("2026-05-03")) == "27 Apr to 3 May 2026"


def test_reported_platform_weeks_exclude_derived(volumes: pd.DataFrame) -> None:
    plat = shift.reported_platform_weeks(volumes)
    candidates = volumes[
        (volumes["series_id"] == "OR_total")
        & (volumes["metric"] == "tokens_per_week")
        & (volumes["period_start"] > shift.ARTICLE_WEEK_START)
    ]
    assert len(plat) == int((~candidates["is_derived"].astype(bool)).sum()) > 0
    assert not plat["is_derived"].any()
    assert plat["value"].max() == candidates.loc[~candidates["is_derived"].astype(bool), "value"].max()
    assert all("grade" in text for text in plat["shown"])


def test_ledger_numbers_use_the_ledger() -> None:
    claims = load("claims")
    numbers = shift.ledger_numbers(claims)
    mine = claims[claims["chapter"] == shift.CHAPTER]
    assert len(numbers) == len(mine) > 0
    for r in mine.itertuples():
        assert numbers[f"ledger-{r.claim_id}-verdict"] == r.verdict


def test_ordinals_are_glued_as_strings(forecasts: pd.DataFrame, volumes: pd.DataFrame, weekly: pd.DataFrame) -> None:
    numbers = shift.chapter_numbers(forecasts, volumes, weekly)
    assert numbers["wow-top-pctile-ord"] == shift.ordinal(numbers["wow-top-pctile"])
    assert numbers["article-streak-ord"] == shift.ordinal(shift.ARTICLE_CONSECUTIVE_WEEKS)


def test_week_over_week_samples_leave_out_the_seam(
    forecasts: pd.DataFrame, volumes: pd.DataFrame, weekly: pd.DataFrame
) -> None:
    top = shift.openrouter_top_weekly(weekly)
    assert top["seam"].sum() == 1
    assert not top.loc[top["seam"], "backfilled"].iloc[0]
    n = shift.chapter_numbers(forecasts, volumes, weekly)
    n_live = int((~top["backfilled"].astype(bool)).sum())
    assert n["wow-top-live-n"] == n_live - 1  # 13 live weeks give 12 changes
    assert n["wow-top-n"] == len(top) - 2  # no change into the first week, none across the seam
    models = shift.model_wow_changes(weekly)
    assert n["wow-model-n"] == int((~models["seam"]).sum()) < len(models)


def test_output_shares_come_from_one_sample(weekly: pd.DataFrame) -> None:
    shares = shift.output_shares(weekly)
    mix = shift.composition_by_creator(weekly).set_index("creator").loc["All top models"]
    assert shares["tokens"] == pytest.approx(1 - mix["prompt_share"])
    assert 0 < shares["tokens"] < shares["spend"] < 1


def test_conflicts_table_is_in_words(volumes: pd.DataFrame) -> None:
    table = shift.conflicts_table(volumes)
    assert set(table["Conflict"]) <= set(shift.CONFLICT_NAMES.values())
    assert not table["What is counted"].str.contains("_").any()
    assert not table["Value"].str.contains("fraction").any() and table["Value"].str.contains("%").any()


def test_two_thirds_threshold_is_two_thirds_as_rounded() -> None:
    claim = {c.key: c for c in shift.ARTICLE_CLAIMS}["two_thirds_2026"]
    assert claim.threshold == pytest.approx(2 / 3, abs=0.0005) and not claim.strictly_above
