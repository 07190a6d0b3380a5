"""Tests of the token-volume and forecast curators (analysis/curate/tokens.py, analysis/curate/forecasts.py)."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pandas as pd
import pytest
from shift_fixtures import *  # noqa: F403  (the shared pytest fixtures weekly, volumes, forecasts)

from analysis.curate import forecasts, tokens, write_csv
from analysis.data import load
from analysis.paths import DATA_DIR, SOURCES_DIR

OR_DIR = SOURCES_DIR / "openrouter_weekly"


def test_sources_exist() -> None:
    """The curators' inputs must be present: a missing source tree is a failure, not a skip."""
    assert OR_DIR.is_dir() and any(OR_DIR.glob("*.json")), OR_DIR
    assert (SOURCES_DIR / "inference_shift" / "token_volumes.csv").is_file()


# --- pure functions -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("snapshot", "start", "end"),
    [
        (date(2026, 4, 6), date(2026, 3, 30), date(2026, 4, 5)),  # live Monday snapshot -> previous Mon-Sun
        (date(2026, 2, 8), date(2026, 2, 2), date(2026, 2, 8)),  # back-filled Sunday snapshot -> week ending it
        (date(2025, 11, 16), date(2025, 11, 10), date(2025, 11, 16)),
    ],
)
def test_week_window(snapshot: date, start: date, end: date) -> None:
    assert tokens.week_window(snapshot) == (start, end)
    assert start.weekday() == 0 and end.weekday() == 6


def test_backfill_flag_boundary() -> None:
    assert tokens.is_backfilled(date(2026, 2, 8))
    assert not tokens.is_backfilled(date(2026, 2, 16))
    assert tokens.is_backfilled(date(2025, 11, 16))


def test_clean_model_name() -> None:
    assert tokens.clean_model_name("xAI: Grok 4.1 Fast") == "Grok 4.1 Fast"
    assert tokens.clean_model_name("OpenAI: gpt-oss-120b (exacto)") == "gpt-oss-120b (exacto)"
    assert tokens.clean_model_name("Claude Opus 4.6") == "Claude Opus 4.6"


def test_country_mapping() -> None:
    assert tokens.creator_of("qwen/qwen3.6-plus-04-02:free")[2] == "China"
    assert tokens.creator_of("anthropic/claude-4.6-opus-20260205")[2] == "United States"
    assert tokens.creator_of("openrouter/hunter-alpha")[2] == "Unknown"
    with pytest.raises(KeyError, match="no country mapping"):
        tokens.creator_of("mistralai/mistral-large")
    # every mapping names where its country comes from
    assert all(src for _, _, src in tokens.CREATORS.values())


def test_every_scraped_creator_is_mapped() -> None:
    for path in OR_DIR.glob("*.json"):
        for m in json.loads(path.read_text())["models"]:
            tokens.creator_of(m["slug"])  # raises for an unmapped creator


def test_missing_breakdown_becomes_empty() -> None:
    model = dict(
        prompt_tokens=0,
        completion_tokens=0,
        reasoning_tokens=0,
        cached_tokens=0,
        request_count=0,
        estimated_revenue=0.0,
    )
    out = tokens._breakdown(model)
    assert out["prompt_tokens"] is None and out["request_count"] is None
    model.update(prompt_tokens=10, request_count=1)
    assert tokens._breakdown(model)["prompt_tokens"] == 10


def test_breakdown_complete_tolerance() -> None:
    row = {"prompt_tokens": 990, "completion_tokens": 5, "total_tokens": 1000}
    assert tokens.breakdown_complete(row)
    row["prompt_tokens"] = 960  # parts 965: 3.5% short of the total
    assert not tokens.breakdown_complete(row)
    assert not tokens.breakdown_complete({"prompt_tokens": None, "completion_tokens": None, "total_tokens": 1})


@pytest.mark.parametrize(
    ("value", "unit", "metric", "expected"),
    [
        (7, "billion tokens", "tokens_per_minute", 7e9 * 1440),
        (980, "trillion tokens", "tokens_per_month", 980e12 * 12 / 365.25),
        (25, "trillion tokens", "tokens_per_week", 25e12 / 7),
        (100, "trillion tokens", "tokens_per_quarter", 100e12 * 4 / 365.25),
        (8.6, "trillion tokens", "tokens_per_day", 8.6e12),
        (0.61, "share (0-1)", "share_of_top10_tokens", None),
        (63.3, "billion tokens", "tokens_per_minute_peak", None),
    ],
)
def test_tokens_per_day(value: float, unit: str, metric: str, expected: float | None) -> None:
    got = tokens.tokens_per_day(value, unit, metric)
    assert got == pytest.approx(expected) if expected is not None else got is None


def test_unit_label() -> None:
    assert tokens.unit_label("trillion tokens", "tokens_per_month") == "trillion tokens per month"
    assert tokens.unit_label("billion tokens", "tokens_per_minute_peak") == "billion tokens per minute (peak)"
    assert tokens.unit_label("share (0-1)", "share_of_tokens") == "fraction"


@pytest.mark.parametrize(
    ("notes", "value", "expected"),
    [
        ("More than 1T tokens every day (lower bound).", 1.0, True),
        (">1.3T/day average as of September 2024.", 1.3, True),
        ("Chinese models in the monthly top-10 >14.69T (over half)", 14.69, True),
        ('Version 2: "over 980T in July 2025"', 980.0, True),
        ("Estimate: 63T/day at end-2025 - higher than the company's own >50T.", 63.0, False),
        ("nearly 13T; top three US models just over 3T", 13.0, False),
        ("Up 127% over three weeks per the source", 5.16, False),
    ],
)
def test_is_lower_bound(notes: str, value: float, expected: bool) -> None:
    assert tokens.is_lower_bound(notes, value) is expected


def test_parse_partial_date() -> None:
    assert tokens.parse_partial_date("2025-10") == ("2025-10-01", "month")
    assert tokens.parse_partial_date("2026") == ("2026-01-01", "year")
    assert tokens.parse_partial_date("2025-12-04") == ("2025-12-04", "day")
    assert tokens.parse_partial_date("") == (None, None)


def test_bound_type_and_ids() -> None:
    assert forecasts.bound_type("0.5", "", "") == "point"
    assert forecasts.bound_type("", "0.65", "") == "lower_bound"
    assert forecasts.bound_type("0.35", "0.30", "0.40") == "range"
    with pytest.raises(ValueError):
        forecasts.bound_type("", "", "")
    assert forecasts.record_id("Deloitte (TMT Predictions 2026)", "m", "") == "deloitte-tmt-predictions-2026--m--na"


# --- curated data ---------------------------------------------------------------------------------------------


def test_weeks_are_continuous_and_flagged(weekly: pd.DataFrame) -> None:
    starts = sorted(weekly["week_start"].unique())
    assert all(b - a == timedelta(days=7) for a, b in zip(starts, starts[1:], strict=False))
    flagged = weekly.groupby("week_start")["backfilled"].agg(["min", "max"])
    assert (flagged["min"] == flagged["max"]).all()  # a week is back-filled as a whole
    last_backfilled = weekly.loc[weekly["backfilled"], "snapshot_date"].max()
    assert last_backfilled == pd.Timestamp(tokens.LAST_BACKFILLED_SNAPSHOT)
    assert (weekly.loc[weekly["backfilled"], "grade"] == "C").all()
    assert (weekly.loc[~weekly["backfilled"], "grade"] == "A").all()
    assert (weekly["grade_note"] == weekly["grade"].map(tokens.SCRAPE_GRADE_NOTES)).all()


def test_scrape_rows_graded_like_openrouter_weekly(weekly: pd.DataFrame, volumes: pd.DataFrame) -> None:
    """token_volumes rows taken from the same scrape carry the grade openrouter_weekly gives their snapshot."""
    scraped = volumes[volumes["source_url"].str.startswith(tokens.SCRAPE_REPO)]
    assert len(scraped) > 0
    by_snapshot = weekly.groupby("snapshot_date")["grade"].first()
    for r in scraped.itertuples():
        assert r.grade == by_snapshot[r.published], r.source_url


def test_notes_are_our_own_words(volumes: pd.DataFrame) -> None:
    """Curated notes are built from the row's flags, never copied from the raw compilation's notes."""
    raw = pd.read_csv(SOURCES_DIR / "inference_shift" / "token_volumes.csv", dtype=str, keep_default_na=False)
    assert not set(volumes["notes"]) & set(raw["notes"])
    derived = volumes[volumes["is_derived"].astype(bool)]
    assert derived["notes"].str.contains("computed by the source compilers").all()
    weak = volumes[(volumes["grade"] == "C") & ~volumes["source_url"].str.startswith(tokens.SCRAPE_REPO)]
    assert weak["notes"].str.contains("unconfirmed").all()
    for name, file in (("compute_share_forecasts", "compute_share"), ("inference_market", "inference_market")):
        frame = load(name)
        raw = pd.read_csv(SOURCES_DIR / "inference_shift" / f"{file}.csv", dtype=str, keep_default_na=False)
        assert not set(frame["notes"]) & set(raw["notes"]), name
        assert frame.loc[frame["grade"] == "C", "notes"].str.contains("unconfirmed").all(), name


def test_forecast_note() -> None:
    note = forecasts.forecast_note("inference's share of all AI compute", "2026", "lower_bound", True, "C")
    assert note.startswith("a floor ('more than') of inference's share of all AI compute, for 2026")
    assert "computed by the source compilers" in note and "unconfirmed" in note
    assert forecasts.forecast_note("x", "", "point", False, "A") == "a point estimate of x, with no target year"


def test_prices_are_per_million_tokens(weekly: pd.DataFrame) -> None:
    opus = weekly[weekly["model"] == "anthropic/claude-4.6-opus-20260205"]
    assert set(opus["prompt_usd_per_mtok"]) == {5.0} and set(opus["completion_usd_per_mtok"]) == {25.0}


def test_cross_check_top10_sums_match_scrape_rows(weekly: pd.DataFrame, volumes: pd.DataFrame) -> None:
    """The inference_shift compiler's top-10 sums (trillion tokens, 3 decimals) match our per-model rows."""
    scrape = volumes[(volumes["series_id"] == "OR_top10_scrape") & (volumes["segment"] == "top10_all")]
    sums = weekly.groupby("week_start")["total_tokens"].sum() / 1e12
    for _, r in scrape.iterrows():
        assert sums[r["period_start"]] == pytest.approx(r["value"], abs=0.0015)


def test_reproduces_article_chinese_figure(weekly: pd.DataFrame) -> None:
    """Ranks 1-6 of the week 30 Mar-5 Apr 2026 are all Chinese and sum to 12.96T (the article's figure)."""
    week = weekly[weekly["week_start"] == "2026-03-30"].sort_values("rank")
    top6 = week.head(6)
    assert (top6["creator_country"] == "China").all()
    assert top6["total_tokens"].sum() / 1e12 == pytest.approx(12.96, abs=0.005)


def test_conflicting_versions_are_all_kept(volumes: pd.DataFrame) -> None:
    groups = volumes.loc[volumes["conflict_group"].fillna("") != "", "conflict_group"].value_counts()
    assert set(tokens.CONFLICTS) == set(groups.index)
    assert (groups >= 2).all()
    google = volumes[volumes["conflict_group"] == "google-980t-month-dating"]
    assert sorted(google["period_start"].dt.month) == [6, 7]


def test_share_rows_have_no_daily_rate(volumes: pd.DataFrame) -> None:
    shares = volumes[volumes["unit"] == "fraction"]
    assert len(shares) > 0 and shares["tokens_per_day"].isna().all()
    assert (shares["value"] <= 1).all()


def test_compute_share_measures_kept_distinct() -> None:
    frame = load("compute_share_forecasts")
    assert set(forecasts.MEASURES) == set(frame["metric"])
    gartner = frame[frame["forecaster"] == "Gartner"]
    assert set(gartner["measure"]) == {"spend"}
    lower = frame[frame["bound_type"] == "lower_bound"]
    assert lower["inference_share"].isna().all() and lower["inference_share_low"].notna().all()


@pytest.mark.parametrize(
    ("name", "build"),
    [
        ("openrouter_weekly", tokens.build_openrouter_weekly),
        ("token_volumes", tokens.build_token_volumes),
        ("compute_share_forecasts", forecasts.build_compute_share),
        ("inference_market", forecasts.build_inference_market),
    ],
)
def test_curation_is_deterministic_and_committed(name: str, build, tmp_path) -> None:
    """Two rebuilds give the same bytes, and those bytes are the committed CSV."""
    from analysis.data import resource

    columns = [f["name"] for f in resource(name)["schema"]["fields"]]
    outputs = []
    for i in range(2):
        path = tmp_path / f"{name}-{i}.csv"
        write_csv(build(SOURCES_DIR)[columns], path)
        outputs.append(path.read_bytes())
    assert outputs[0] == outputs[1]
    assert outputs[0] == (DATA_DIR / f"{name}.csv").read_bytes()
