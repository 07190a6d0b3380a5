"""Curation of the cost datasets: every cleaning rule, Epoch-row exactness, README conflicts, determinism."""

from __future__ import annotations

import math
from datetime import date

import numpy as np
import pandas as pd
import pytest

from analysis import data
from analysis.curate import write_csv
from analysis.curate.cleaning import (
    blend_1to1,
    blend_3to1,
    date_precision_from_day,
    parse_index,
    parse_loose_date,
    parse_money_cell,
    parse_month_text,
    parse_price,
    parse_score_pct,
    parse_us_date,
    slug,
    split_urls,
    strip_strings,
)
from analysis.curate.hardware import (
    build_gpu_prices,
    build_hardware,
    chip_key,
    first_number,
    spec_value,
    split_capacity_bandwidth,
    to_usd_2024,
)
from analysis.curate.models import (
    EPOCH_COLUMNS,
    EPOCH_FILES,
    EPOCH_REASONING,
    SAME_PRICE_TOLERANCE,
    blank_copied_scores,
    build_eval_tokens,
    build_models,
    canonical_name,
    creator_of,
    dedupe_variants,
    drop_epoch_duplicates,
    is_reasoning_name,
    match_key,
    open_weights_of,
)
from analysis.curate.prices import (
    build_headline_rates,
    build_price_history,
    ci_level,
    metric_unit,
    monthly_columns,
    parse_rate_value,
    price_conflict,
    rate_conflicts,
)
from analysis.paths import SOURCES_DIR

BUILDERS = {
    "models": build_models,
    "eval_tokens": build_eval_tokens,
    "price_history": build_price_history,
    "headline_rates": build_headline_rates,
    "hardware": build_hardware,
    "gpu_prices": build_gpu_prices,
}


# --- parsers ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "expected"),
    [("$17.50 ", 17.5), ("3.438", 3.438), ("1,415.13", 1415.13), ("$10", 10.0), ("$0.00", np.nan), ("", np.nan)],
)
def test_parse_price(cell, expected):
    got = parse_price(cell)
    assert (math.isnan(got) and math.isnan(expected)) or got == pytest.approx(expected)


def test_parse_price_missing_and_garbage():
    assert math.isnan(parse_price(np.nan))
    with pytest.raises(ValueError):
        parse_price("n/a")


@pytest.mark.parametrize(
    ("cell", "expected"),
    [("87.10%", 87.1), ("0.714", 71.4), ("57", 57.0), ("0%", 0.0), ("1", 100.0), ("0.963", 96.3), ("99%", 99.0)],
)
def test_parse_score_pct_normalises_percent_fraction_and_bare(cell, expected):
    assert parse_score_pct(cell) == pytest.approx(expected)


def test_parse_score_pct_rejects_out_of_range():
    with pytest.raises(ValueError):
        parse_score_pct("150%")
    assert math.isnan(parse_score_pct(np.nan))


@pytest.mark.parametrize(("cell", "expected"), [("6900.00%", 69.0), ("62.7", 62.7), ("57", 57.0), ("48.6%", 48.6)])
def test_parse_index_undoes_spreadsheet_percent_formatting(cell, expected):
    assert parse_index(cell) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("parse", "text", "expected"),
    [
        (parse_us_date, "8/7/25", date(2025, 8, 7)),
        (parse_us_date, "10/1/2024", date(2024, 10, 1)),
        (parse_us_date, np.nan, None),
        (parse_month_text, "2022-11", date(2022, 11, 1)),
        (parse_month_text, "2024", date(2024, 1, 1)),
        (parse_month_text, np.nan, None),
    ],
)
def test_date_parsers(parse, text, expected):
    assert parse(text) == expected


@pytest.mark.parametrize(("parse", "text"), [(parse_us_date, "2025-08-07"), (parse_month_text, "late 2024")])
def test_date_parsers_reject_other_formats(parse, text):
    with pytest.raises(ValueError):
        parse(text)


def test_date_precision_from_day():
    assert date_precision_from_day(date(2025, 2, 1)) == "month"
    assert date_precision_from_day(date(2025, 2, 5)) == "day"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-05-30 (paid tier GA)", (date(2024, 5, 30), "day")),
        ("2025-03", (date(2025, 3, 1), "month")),
        ("2025-11 (approx.)", (date(2025, 11, 1), "month")),
        ("2025 (API; day not captured)", (None, "year")),
        ("late 2025/2026 (not captured)", (None, "unknown")),
        ("2022/2024", (None, "unknown")),
    ],
)
def test_parse_loose_date(text, expected):
    assert parse_loose_date(text) == expected


def test_parse_money_cell_variants_and_currency():
    assert parse_money_cell("60") == [("", 60.0, "USD")]
    assert parse_money_cell("1 CNY") == [("", 1.0, "CNY")]
    assert parse_money_cell("0.6 (non-thinking) / 3.50 (thinking)") == [
        ("non-thinking", 0.6, "USD"),
        ("thinking", 3.5, "USD"),
    ]
    assert parse_money_cell(np.nan) == []


def test_split_urls_keeps_first_url_and_the_rest():
    url, rest = split_urls("https://github.com/a/b (data/x.csv); https://c.example/d")
    assert url == "https://github.com/a/b"
    assert "https://c.example/d" in rest and "data/x.csv" in rest
    with pytest.raises(ValueError):
        split_urls("no url here")


def test_blends():
    assert blend_3to1(1.25, 10) == pytest.approx(3.4375)
    assert blend_1to1(1.25, 10) == pytest.approx(5.625)


def test_slug_keeps_plus_apart():
    assert slug("Command R+") != slug("Command R")
    assert slug("GPT-4o (May '24)") == "gpt-4o-may-24"


def test_strip_strings():
    out = strip_strings(pd.DataFrame({"a": [" x ", None], "b": [1.0, 2.0]}))
    assert out["a"].tolist()[0] == "x" and out["b"].tolist() == [1.0, 2.0]


# --- names, reasoning, creators ---------------------------------------------------------------------------------


def test_canonical_name_removes_bookkeeping_suffixes():
    assert canonical_name("Claude 4.1 Opus (Option 3)") == "Claude 4.1 Opus"
    assert canonical_name("Claude 3.7 Sonnet Thinking (Option 4) (AIME)") == "Claude 3.7 Sonnet Thinking"
    assert canonical_name("Claude 4.5 Sonnet (Reasoning) Option 2") == "Claude 4.5 Sonnet (Reasoning)"
    assert canonical_name("o3-mini (medium) (Option2) (SWE)") == "o3-mini (medium)"
    assert canonical_name("GPT-5 (high)") == "GPT-5 (high)"


def test_match_key_links_names_across_tables():
    assert match_key("Llama 3.1 8B") == match_key("Llama-3.1-Instruct-8B")
    assert match_key("DeepSeek R1") == match_key("DeepSeek-R1")
    assert match_key("o3-mini (high)") == match_key("o3-mini")
    assert match_key("DeepSeek R1 0528 (May '25)") != match_key("DeepSeek-R1")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("o3", True),
        ("o4-mini (high)", True),
        ("GPT-5 nano (minimal)", True),
        ("Claude 4.5 Sonnet (Reasoning)", True),
        ("Claude 4.5 Sonnet (Non-reasoning)", False),
        ("Claude 3.7 Sonnet Thinking", True),
        ("DeepSeek R1 Distill Qwen 14B", True),
        ("QwQ-32B", True),
        ("GPT-4.1", False),
        ("Llama 4 Maverick", False),
    ],
)
def test_is_reasoning_name(name, expected):
    assert is_reasoning_name(name) is expected


def test_creator_and_open_weights_rules():
    assert creator_of("Claude-3-Haiku") == "Anthropic"
    assert creator_of("o1-mini") == "OpenAI"
    assert creator_of("Gemma-2-9B") == "Google"
    assert creator_of("Unknown Model") is None
    assert open_weights_of("Llama-3.1-Instruct-8B") is True
    assert open_weights_of("GPT-4o-mini") is False
    assert open_weights_of("Qwen3 Max") is False
    assert open_weights_of("Mystery") is None


# --- deduplication rules ----------------------------------------------------------------------------------------


def _pop_frame(rows):
    base = {"mmlu_pro": np.nan, "gpqa_diamond": np.nan, "aime": np.nan, "livecodebench": np.nan}
    return pd.DataFrame([{**base, **r} for r in rows])


def test_dedupe_prefers_exact_date_and_fills_scores_from_variants():
    d = _pop_frame(
        [
            {
                "model_name": "o3",
                "release_date": date(2025, 4, 1),
                "release_date_precision": "month",
                "usd_per_mtok_blended_3to1": 17.5,
                "file_row": 4,
                "aime": 90.0,
                "gpqa_diamond": 83.0,
            },
            {
                "model_name": "o3",
                "release_date": date(2025, 4, 16),
                "release_date_precision": "day",
                "usd_per_mtok_blended_3to1": 17.5,
                "file_row": 207,
                "gpqa_diamond": 82.7,
            },
            {
                "model_name": "o3",
                "release_date": date(2025, 6, 10),
                "release_date_precision": "day",
                "usd_per_mtok_blended_3to1": 3.5,
                "file_row": 300,
            },
        ]
    )
    out = dedupe_variants(d)
    assert len(out) == 2
    kept = out[out["usd_per_mtok_blended_3to1"] == 17.5].iloc[0]
    assert kept["release_date"] == date(2025, 4, 16)  # exact date wins
    assert kept["gpqa_diamond"] == 82.7 and kept["aime"] == 90.0  # own score kept, missing one filled
    assert kept["n_variants"] == 2


def test_drop_epoch_duplicates_uses_price_tolerance():
    epoch = pd.DataFrame(
        {"model_name": ["Gemini 2.0 Flash", "Mistral Small 3"], "usd_per_mtok_blended_3to1": [0.175, 0.475]}
    )
    pop = pd.DataFrame(
        {
            "model_name": ["Gemini 2.0 Flash", "Mistral Small 3", "GPT-4.1"],
            "usd_per_mtok_blended_3to1": [0.17, 0.15, 3.5],
        }
    )
    out = drop_epoch_duplicates(pop, epoch)
    assert out["model_name"].tolist() == ["Mistral Small 3", "GPT-4.1"]
    assert out["epoch_note"].tolist() == ["also in Epoch data at a different price", ""]


def test_blank_copied_scores():
    d = _pop_frame([{"mmlu_pro": 71.4, "livecodebench": 71.4}, {"mmlu_pro": 80.0, "livecodebench": 40.0}])
    out = blank_copied_scores(d)
    assert out["mmlu_pro"].isna().tolist() == [True, False]
    assert out["copied_scores_blanked"].tolist() == [True, False]


# --- the curated models table -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def models():
    return build_models(SOURCES_DIR)


@pytest.mark.parametrize("table", sorted(EPOCH_FILES))
def test_every_epoch_row_is_reproduced_exactly(models, table):
    """Same models, dates, prices and scores as Epoch's raw CSVs: the published analysis reruns on our data."""
    raw = pd.read_csv(SOURCES_DIR / "epoch_llm_price_trends" / EPOCH_FILES[table])
    ours = models[models["source_table"] == table]
    assert len(ours) == len(raw)
    ours = ours.set_index(["model_name_raw", "release_date"])
    for _, r in raw.iterrows():
        row = ours.loc[(r["Model Name"].strip(), r["Release Date"])]
        for src, col in EPOCH_COLUMNS.items():
            if col in ("model_name", "release_date"):
                continue
            a, b = r[src], row[col]
            assert (pd.isna(a) and pd.isna(b)) or float(a) == float(b), (r["Model Name"], src, a, b)


def test_epoch_reasoning_flags_are_epochs_list(models):
    epoch = models[models["source_table"].str.startswith("epoch")]
    flagged = set(epoch.loc[epoch["reasoning"] == "true", "model_name"])
    assert flagged == set(EPOCH_REASONING)


def test_price_of_progress_rows_are_2025_and_not_epoch_duplicates(models):
    pop = models[models["source_table"] == "price_of_progress"]
    assert len(pop) > 50
    assert (pd.to_datetime(pop["release_date"]) >= "2025-01-01").all()
    epoch = models[models["source_table"] != "price_of_progress"]
    known = epoch.groupby(epoch["model_name"].map(match_key))["usd_per_mtok_blended_3to1"].apply(list).to_dict()
    for name, price in zip(pop["model_name"], pop["usd_per_mtok_blended_3to1"], strict=True):
        assert not any(abs(price - p) <= SAME_PRICE_TOLERANCE * p for p in known.get(match_key(name), []))
    # one row per model, month and price after variant collapsing
    key = pop["model_name"] + pop["release_date"].str[:7] + pop["usd_per_mtok_blended_3to1"].astype(str)
    assert key.is_unique


def test_scores_are_percent_and_prices_consistent(models):
    pop = models[models["source_table"] == "price_of_progress"]
    for col in ("gpqa_diamond", "mmlu_pro", "aime", "math_500", "livecodebench"):
        s = pop[col].dropna()
        assert s.between(0, 100).all() and s.max() > 1  # no fractions left
    both = pop.dropna(subset=["usd_per_mtok_input", "usd_per_mtok_output"])
    blend = (3 * both["usd_per_mtok_input"] + both["usd_per_mtok_output"]) / 4
    # The sheet's blended column (kept as published) is the 3:1 blend of its list prices for nearly every row;
    # a few differ (two-decimal rounding of cent prices, provider medians), none by more than 15% + half a cent.
    gap = (both["usd_per_mtok_blended_3to1"] - blend).abs()
    assert (gap <= 0.03 * blend).mean() >= 0.9
    assert (gap <= 0.15 * blend + 0.005).all()


def test_eval_tokens_per_sample():
    d = build_eval_tokens(SOURCES_DIR)
    assert (d["input_tokens"] + d["output_tokens"] == d["total_tokens"]).all()
    assert np.allclose(d["tokens_per_sample"] * d["total_samples"], d["total_tokens"])
    assert d.loc[d["model_version"].eq("claude-3-7-sonnet-20250219_16K"), "reasoning"].eq("true").all()
    assert d.loc[d["model_version"].eq("gpt-4o-2024-08-06"), "reasoning"].eq("false").all()


# --- prices and headline rates ----------------------------------------------------------------------------------


def test_monthly_columns_are_found():
    cols = monthly_columns(["4/1/2024 input price", "4/1/2024 output price", "10/1/2025 output price", "Model"])
    assert [(m.strftime("%Y-%m"), k) for m, k, _ in cols] == [
        ("2024-04", "input"),
        ("2024-04", "output"),
        ("2025-10", "output"),
    ]


def test_parse_rate_value_and_units():
    assert parse_rate_value("12.24") == (12.24, *(2 * (np.nan,))) or math.isnan(parse_rate_value("12.24")[1])
    v, lo, hi = parse_rate_value("9 to 900")
    assert math.isnan(v) and (lo, hi) == (9.0, 900.0)
    assert parse_rate_value("5.315 = 1.155 x 1.7 x 2.707")[0] == 5.315
    assert metric_unit("price_decline_factor_per_year") == "factor per year"
    assert metric_unit("flops_per_dollar_doubling_time_years") == "years"
    assert ci_level("90% CI; n=57") == 90.0 and math.isnan(ci_level("no interval"))
    with pytest.raises(ValueError):
        metric_unit("mystery_metric")


def test_conflict_tagging_rules():
    assert "conflict 1" in rate_conflicts("Stanford HAI (AI Index)", "price_decline_fold_total", "MMLU>=64.8")
    assert rate_conflicts("Stanford HAI (AI Index)", "price_decline_fold_total", "GPQA") == ""
    assert "conflict 10" in price_conflict("Anthropic", "Claude Haiku 4.5")
    assert price_conflict("OpenAI", "GPT-4o") == ""


def test_all_13_readme_conflicts_are_recorded():
    """Each conflict of cost_declines/README.md is attached to at least one curated row (never resolved silently)."""
    texts = " ".join(
        pd.concat(
            [
                build_headline_rates(SOURCES_DIR)["conflicts"],
                build_price_history(SOURCES_DIR)["conflict"],
                build_hardware(SOURCES_DIR)["conflict"],
            ]
        ).fillna("")
    )
    for n in range(1, 14):
        assert f"conflict {n}:" in texts, n


def test_price_history_keeps_cny_out_of_usd_and_splits_variants():
    d = build_price_history(SOURCES_DIR)
    cny = d[d["currency"] == "CNY"]
    assert len(cny) >= 2 and cny["input_usd_per_mtok"].isna().all() and cny["input_price_native_per_mtok"].notna().all()
    flash = d[d["model"].str.startswith("Gemini 2.5 Flash (preview) [")]
    assert sorted(flash["output_usd_per_mtok"]) == [0.6, 3.5]
    both = d.dropna(subset=["input_usd_per_mtok", "output_usd_per_mtok"])
    assert np.allclose(
        both["blended_3to1_usd_per_mtok"], (3 * both["input_usd_per_mtok"] + both["output_usd_per_mtok"]) / 4
    )


# --- hardware ---------------------------------------------------------------------------------------------------


def test_hardware_unit_conversions():
    assert chip_key("NVIDIA H100 SXM5 80GB") == chip_key("H100 SXM5 80GB")
    assert first_number("7.37 (also reported 7.2)") == 7.37
    assert spec_value("peak_dense_bf16_fp16_tensor", "989.4", "TFLOPS") == pytest.approx(989.4e12)
    assert spec_value("peak_fp16", "125", "PFLOPS") == pytest.approx(125e15)
    assert spec_value("hbm_capacity", "96", "GiB") == pytest.approx(96 * 2**30 / 1e9)
    cap, bw = split_capacity_bandwidth("16 GB / 819 GB/s", "GB; GB/s")
    assert (cap, bw) == (16.0, pytest.approx(0.819))
    cap, bw = split_capacity_bandwidth("96 GiB / 2.9-3 TB/s", "GiB; TB/s")
    assert cap == pytest.approx(103.079, rel=1e-4) and bw == 2.9


def test_ppi_deflation():
    ppi = pd.Series([100.0, 110.0], index=pd.to_datetime(["2024-01-01", "2024-02-01"]))
    out = to_usd_2024(pd.Series([10.0, 10.0, 10.0]), pd.Series(["2024-01-15", "2024-02-03", "2025-06-01"]), ppi, 105.0)
    assert out.tolist() == pytest.approx([10.5, 10 * 105 / 110, 10 * 105 / 110])  # later months use the last PPI


def test_h100_specs_agree_across_sources():
    h = build_hardware(SOURCES_DIR)
    rows = h[h["chip_key"] == chip_key("H100 SXM5 80GB")].set_index("source_kind")
    assert set(rows.index) == {"epoch_chip_dataset", "cost_declines_specs"}
    a, b = (
        rows.loc["epoch_chip_dataset", "peak_16bit_flop_per_s"],
        rows.loc["cost_declines_specs", "peak_16bit_flop_per_s"],
    )
    assert a == pytest.approx(b, rel=0.01)


# --- determinism and validity -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_curation_is_deterministic_and_valid(name, tmp_path):
    cols = [f["name"] for f in data.resource(name)["schema"]["fields"]]
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    write_csv(BUILDERS[name](SOURCES_DIR)[cols], first)
    write_csv(BUILDERS[name](SOURCES_DIR)[cols], second)
    assert first.read_bytes() == second.read_bytes()
    rows = data.validate_table(name, first)
    assert len(rows) > 10
    assert all(r["source_url"].startswith("http") and r["grade"] in "ABC" for r in rows)


# ---- publisher, grade and notes ---------------------------------------------------------------------------------


def test_site_rules_follow_the_grading_policy():
    from analysis.curate.cleaning import site_of

    assert site_of("https://github.com/epoch-research/training-cost-trends/blob/x/data/a.csv") == ("Epoch AI", "A")
    assert site_of("https://epoch.ai/data/machine-learning-hardware") == ("Epoch AI", "A")
    assert site_of("https://www.aiwiki.dev/claude/docs/about-claude/pricing")[1] == "C"  # a mirror of docs
    assert site_of("https://docs.anthropic.com/en/docs/about-claude/pricing") == ("Anthropic", "A")
    # one blog-like source, one grade, whichever of its sites was read
    assert site_of("https://simonwillison.net/2025/Apr/14/gpt-4-1/")[1] == site_of("https://github.com/simonw/x")[1]
    assert site_of("https://a16z.com/llmflation-llm-inference-cost/")[1] == "B"  # analyst, not a party to prices
    assert site_of("https://arxiv.org/html/2405.21015v2")[0].startswith("Cottier")  # a versioned path prefix
    with pytest.raises(KeyError):
        site_of("https://unknown.example.org/page")


def test_graded_source_uses_the_page_read_and_the_weaker_grade():
    from analysis.curate.cleaning import graded_source, weakest_grade

    url, publisher, grade, note = graded_source("https://hai.stanford.edu/ai-index/2026-ai-index-report", "C")
    assert "tingwei161803" in url and grade == "C" and note == ""  # only the summary was read
    url, publisher, grade, note = graded_source("https://openai.com/blog/x", "B")
    assert (publisher, grade) == ("OpenAI", "B") and note  # the compilation's doubt is kept and explained
    assert graded_source("https://www.aiwiki.dev/claude/docs/about-claude/pricing", "A")[2] == "C"
    assert weakest_grade("A", "C", "B") == "C"


def test_paraphrase_maps_notes_to_our_phrases():
    from analysis.curate.cleaning import paraphrase

    rules = ((r"cache", "cached rate exists"), (r"verify", "unconfirmed"), (r"cache-hit", "cached rate exists"))
    assert paraphrase("Cache-hit input $0.07; verify", rules) == "cached rate exists; unconfirmed"
    assert paraphrase(np.nan, rules) == "" and paraphrase("nothing known", rules) == ""


def test_curated_notes_do_not_copy_source_notes():
    """Notes columns hold our phrases: no curated note equals the raw note it came from (facts, not sentences)."""
    raw = pd.read_csv(SOURCES_DIR / "cost_declines" / "api_list_prices.csv", dtype=str)["notes"].dropna()
    ph = build_price_history(SOURCES_DIR)
    assert not set(ph["notes"].dropna()) & set(raw)
    rates_raw = pd.read_csv(SOURCES_DIR / "cost_declines" / "headline_rates.csv", dtype=str)["notes"].dropna()
    assert not set(build_headline_rates(SOURCES_DIR)["method_notes"]) & set(rates_raw)


def test_gpu_price_notes_keep_identifiers_and_rewrite_prose():
    from analysis.curate.hardware import price_note

    assert price_note("p4d.24xlarge") == "instance p4d.24xlarge"
    assert price_note("instance NC6 v3") == "instance NC6 v3"
    assert price_note("DGX-1, 8 GPU, 128GB") == "priced as part of a multi-GPU system"
    assert price_note(np.nan) == ""


def test_no_compiled_publisher_and_same_site_same_grade():
    hw = build_hardware(SOURCES_DIR)
    assert not hw["publisher"].str.contains("compiled", case=False).any()
    ph = build_price_history(SOURCES_DIR)
    for frame in (hw, ph, build_headline_rates(SOURCES_DIR)):
        # a grade differs from its publisher's usual one only where the row says why
        usual = frame.groupby("publisher")["grade"].agg(lambda g: min(g))
        lower = frame["grade"] != frame["publisher"].map(usual)
        assert frame.loc[lower, "grade_note"].astype(str).str.len().gt(0).all()
    assert (build_gpu_prices(SOURCES_DIR)["grade"] == "A").all()  # Epoch AI's own dataset
