"""Cost declines: the logic behind chapters/03_cost_declines (price of a fixed capability, hardware, cost per task).

All rates use `analysis.trends` (OLS of log10 value on days, 365-day year, 90% t-intervals unless stated).
Factors are "times cheaper per year" (> 1 = falling) for prices and "times more per year" for price-performance.
Inputs are the curated datasets `models`, `price_history`, `headline_rates`, `hardware`, `gpu_prices`, `eval_tokens`.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis import editorial, trends

EPOCH_TABLES = ("epoch_aa", "epoch_not_in_aa")
BENCHMARKS = ("mmlu", "gpqa_diamond", "math_500", "math_level_5", "humaneval", "arena_elo")
BENCHMARK_LABELS = {
    "mmlu": "MMLU",
    "gpqa_diamond": "GPQA Diamond",
    "math_500": "MATH-500",
    "math_level_5": "MATH level 5",
    "humaneval": "HumanEval",
    "arena_elo": "Chatbot Arena Elo",
}
# The AI Index 2025 headline (ch. 1.3): GPT-3.5 level = MMLU >= 64.8, from GPT-3.5 (Nov 2022) to
# Gemini-1.5-Flash-8B (Oct 2024). Model names are Epoch's, whose data the AI Index figure uses.
AI_INDEX_SCORE, AI_INDEX_THRESHOLD = "mmlu", 64.8
AI_INDEX_SCOPE = f"MMLU>={AI_INDEX_THRESHOLD:g}"  # how headline_rates names that level
# GPT-4 Turbo level on GPQA Diamond: GPT-4 Turbo's score in Epoch's threshold table, also the AI Index's second
# example ("GPQA above 50%").
GPQA_LEVEL = ("gpqa_diamond", 50.0)
AI_INDEX_START_MODEL, AI_INDEX_END_MODEL = "GPT-3.5", "Gemini-1.5-Flash-8B"
AI_INDEX_STATED_MONTHS = 18  # the report's own description of the span ("~18 months")
PRESS_STATED_YEARS = 2  # press coverage of the same figure ("two years")
RATE_CHANGE_ALPHA = 0.10  # significance level reported for the change-in-slope tests
DAYS_PER_MONTH = 365.0 / 12


def epoch_only(models: pd.DataFrame) -> pd.DataFrame:
    """The rows of Epoch AI's published analysis (source_table epoch_aa / epoch_not_in_aa)."""
    return models[models["source_table"].isin(EPOCH_TABLES)].reset_index(drop=True)


# ---- 1. the 280-fold headline --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Headline:
    """The AI Index's 280-fold drop recomputed from the data."""

    frontier: pd.DataFrame  # successively cheapest models with MMLU >= 64.8 (Epoch rows)
    start_price: float
    end_price: float
    start_date: pd.Timestamp
    end_date: pd.Timestamp
    fold: float  # start_price / end_price
    months_actual: float  # calendar months between the two dates
    factor_per_year_actual: float  # times cheaper per year over the actual span
    factor_per_year_stated: float  # ... if the span were the stated 18 months
    fit: trends.LogLinearFit  # OLS over the whole frontier path


def headline_280(models: pd.DataFrame) -> Headline:
    """Recompute the AI Index 2025 '280-fold' figure: MMLU >= 64.8 frontier, GPT-3.5 -> Gemini-1.5-Flash-8B.

    The yearly rate is given two ways: over the calendar span between the endpoint dates and over the 18 months
    the report states; plus the OLS fit over every frontier point (the Epoch method), which uses all the data.
    """
    frontier = trends.price_frontier(epoch_only(models), score=AI_INDEX_SCORE, threshold=AI_INDEX_THRESHOLD)
    names = frontier["model_name"].tolist()
    start = frontier.iloc[names.index(AI_INDEX_START_MODEL)]
    end = frontier.iloc[names.index(AI_INDEX_END_MODEL)]
    p0, p1 = float(start["usd_per_mtok_blended_3to1"]), float(end["usd_per_mtok_blended_3to1"])
    d0, d1 = pd.Timestamp(start["release_date"]), pd.Timestamp(end["release_date"])
    months = (d1 - d0).days / DAYS_PER_MONTH
    fold = p0 / p1
    return Headline(
        frontier=frontier,
        start_price=p0,
        end_price=p1,
        start_date=d0,
        end_date=d1,
        fold=fold,
        months_actual=months,
        factor_per_year_actual=1.0 / trends.implied_factor_per_year(d0, p0, d1, p1),
        factor_per_year_stated=fold ** (12.0 / AI_INDEX_STATED_MONTHS),
        fit=trends.fit_log_linear(frontier["release_date"], frontier["usd_per_mtok_blended_3to1"]),
    )


def frontier_plot_rows(models: pd.DataFrame, score: str, threshold: float) -> pd.DataFrame:
    """Every Epoch model at or above `threshold` on `score`, flagged `on_frontier` if it set a new lowest price."""
    pool = epoch_only(models)
    pool = pool[pool[score] >= threshold]
    frontier = trends.price_frontier(pool, score=score, threshold=threshold)
    out = pool[["model_name", "release_date", "usd_per_mtok_blended_3to1", score, "reasoning"]].copy()
    out["on_frontier"] = out["model_name"].isin(frontier["model_name"]) & out["release_date"].isin(
        frontier["release_date"]
    )
    return out.rename(columns={score: "score"}).sort_values(["release_date", "model_name"]).reset_index(drop=True)


# ---- 2. decline by benchmark and threshold --------------------------------------------------------------------


_DECLINE_CACHE: dict[tuple, pd.DataFrame] = {}


def decline_tables(models: pd.DataFrame, benchmarks: tuple[str, ...] = BENCHMARKS) -> pd.DataFrame:
    """`trends.decline_table` on Epoch's rows alone and on all rows (Epoch + 2025 models), stacked.

    Column `data` says which: "Epoch AI (to Feb 2025)" or "with 2025 models". `span_years` flags short fits.
    Results are memoised on the content of the columns used (the chapter asks for the same table several times).
    """
    # Only the columns the fits read: the frontier search copies rows many times.
    slim = models[["model_name", "release_date", "usd_per_mtok_blended_3to1", "reasoning", "source_table", *benchmarks]]
    key = (int(pd.util.hash_pandas_object(slim, index=False).sum()), tuple(benchmarks))
    if key not in _DECLINE_CACHE:
        _DECLINE_CACHE[key] = _decline_tables(slim, benchmarks)
    return _DECLINE_CACHE[key].copy()


def _decline_tables(slim: pd.DataFrame, benchmarks: tuple[str, ...]) -> pd.DataFrame:
    parts = []
    for label, frame in (("Epoch AI (to Feb 2025)", epoch_only(slim)), ("with 2025 models", slim)):
        t = trends.decline_table(frame, benchmarks=list(benchmarks))
        t.insert(0, "data", label)
        parts.append(t)
    out = pd.concat(parts, ignore_index=True)
    out["benchmark_label"] = out["benchmark"].map(BENCHMARK_LABELS)
    out["span_years"] = (pd.to_datetime(out["end_date"]) - pd.to_datetime(out["start_date"])).dt.days / 365.0
    return out


def compare_with_published(ours: pd.DataFrame, published: pd.DataFrame) -> pd.DataFrame:
    """Join our Epoch-only decline table to Epoch's published results on (benchmark, threshold).

    `published` has Epoch's columns: bench, performance_range ('[64.8, 100]'), price_reduction_factor_per_year.
    """
    names = {v: k for k, v in BENCHMARK_LABELS.items()} | {
        "MATH 5": "math_level_5",
        "LMSys Chatbot Arena ELO": "arena_elo",
    }
    pub = published.assign(
        benchmark=published["bench"].map(names),
        threshold=published["performance_range"].map(lambda s: float(re.findall(r"[\d.]+", s)[0])),
    )
    return ours.merge(pub, on=["benchmark", "threshold"], how="outer", indicator=True)


def median_rate(table: pd.DataFrame, min_span_years: float = 0.0) -> float:
    """Median decline factor per year across the thresholds of `table` (fits spanning >= min_span_years)."""
    t = table[table["span_years"] >= min_span_years]
    return float(np.median(t["decline_factor_per_year"]))


@dataclass(frozen=True)
class RateChange:
    benchmark: str
    threshold: float
    threshold_model: str
    breakpoint: pd.Timestamp
    n_before: int
    n_after: int
    decline_before: float  # times cheaper per year before the breakpoint
    decline_after: float
    p_value: float


def rate_changes(models: pd.DataFrame, breakpoint: str = "2024-07-01", min_side: int = 2) -> pd.DataFrame:
    """For every threshold of the extended decline table, test whether the frontier's rate changes at `breakpoint`.

    Uses `trends.slope_change_test` (separate lines before/after, t-test of the slope difference) on the
    extended frontier path; thresholds with fewer than `min_side` frontier points on either side are skipped.
    """
    table = decline_tables(models)
    table = table[table["data"] == "with 2025 models"]
    models = models[["model_name", "release_date", "usd_per_mtok_blended_3to1", "reasoning", *BENCHMARKS]]
    pool = models[~models["reasoning"].astype(bool)]
    rows = []
    bp = pd.Timestamp(breakpoint)
    for r in table.itertuples(index=False):
        upper = math.inf if r.benchmark == "arena_elo" else 100.0
        f = trends.price_frontier(pool, score=r.benchmark, threshold=r.threshold, upper=upper)
        dates = pd.to_datetime(f["release_date"])
        if (dates < bp).sum() < min_side or (dates >= bp).sum() < min_side or len(f) < 5:
            continue
        sc = trends.slope_change_test(dates, f["usd_per_mtok_blended_3to1"], bp)
        rows.append(
            RateChange(
                benchmark=r.benchmark,
                threshold=r.threshold,
                threshold_model=r.threshold_model,
                breakpoint=bp,
                n_before=sc.n_before,
                n_after=sc.n_after,
                decline_before=1.0 / sc.factor_per_year_before,
                decline_after=1.0 / sc.factor_per_year_after,
                p_value=sc.p_value,
            ).__dict__
        )
    return pd.DataFrame(rows)


# ---- 3. the best model vs a fixed capability ------------------------------------------------------------------

# Top-tier API models by provider (the most capable generally available model of each launch), matched against
# price_history `model` names of the api_list_prices rows. A documented judgement: the providers' own naming of
# their top tier (GPT-4 class and o-series, Claude Opus / the newest Sonnet when it led, Gemini Pro).
FLAGSHIP_PATTERNS = {
    "OpenAI": (
        r"^(?:GPT-3 davinci \(175B\)|text-davinci-003|GPT-4 \(8K|GPT-4 Turbo|GPT-4o \(2024|o1$|GPT-4\.5|o3$"
        r"|GPT-5$)"
    ),
    "Anthropic": (
        r"^(?:Claude 2 /|Claude 3 Opus|Claude 3\.5 Sonnet$|Claude 3\.7 Sonnet|Claude Opus 4|Claude Sonnet 4\.5)"
    ),
    "Google": r"^(?:Gemini 1\.0 Pro|Gemini 1\.5 Pro \(<=128K prompt\)|Gemini 2\.5 Pro)",
}


def flagship_prices(price_history: pd.DataFrame) -> pd.DataFrame:
    """Launch list prices of each provider's top-tier model (FLAGSHIP_PATTERNS), 3:1 blend, dated rows only."""
    d = price_history[
        (price_history["source_kind"] == "api_list_prices")
        & price_history["effective_date"].notna()
        & price_history["blended_3to1_usd_per_mtok"].notna()
    ]
    keep = []
    for provider, pattern in FLAGSHIP_PATTERNS.items():
        part = d[(d["provider"] == provider) & d["model"].str.contains(pattern, regex=True)]
        keep.append(part.assign(provider_group=provider))
    out = pd.concat(keep, ignore_index=True)
    cols = ["provider_group", "model", "effective_date", "blended_3to1_usd_per_mtok", "grade", "source_url"]
    return out[cols].sort_values(["effective_date", "provider_group"]).reset_index(drop=True)


def sota_at_release(models: pd.DataFrame, score: str = "gpqa_diamond") -> pd.DataFrame:
    """Models that set a new best `score` when released (reasoning models included) and their price."""
    tops = trends.threshold_models(models, score)
    return tops[["model_name", "release_date", score, "usd_per_mtok_blended_3to1", "reasoning", "source_table"]]


# ---- 4. hardware ------------------------------------------------------------------------------------------------


def gpu_price_performance(
    gpu_prices: pd.DataFrame, hardware: pd.DataFrame, price_type: str = "purchase"
) -> pd.DataFrame:
    """Peak 16-bit FLOP/s per 2024 dollar (purchase) or per 2024 dollar-hour (cloud), one row per price observation.

    Joins Epoch's price observations to Epoch's chip specs on `chip_key` (the same database, so names agree).
    Purchase: FLOP/s per USD. Cloud: FLOP per USD = FLOP/s x 3600 / (USD per chip-hour).
    """
    specs = hardware[hardware["source_kind"] == "epoch_chip_dataset"][
        ["chip_key", "peak_16bit_flop_per_s", "release_date"]
    ]
    specs = specs.dropna(subset=["peak_16bit_flop_per_s"]).drop_duplicates("chip_key")
    p = gpu_prices[gpu_prices["price_type"] == price_type].merge(specs, on="chip_key", how="inner")
    if price_type == "purchase":
        p["flop_per_usd"] = p["peak_16bit_flop_per_s"] / p["price_usd_2024"]
    else:
        p["flop_per_usd"] = p["peak_16bit_flop_per_s"] * 3600 / p["price_usd_2024"]
    cols = ["hardware_model", "price_date", "price_type", "price_usd_2024", "peak_16bit_flop_per_s", "flop_per_usd"]
    return p[cols].sort_values(["price_date", "hardware_model"]).reset_index(drop=True)


def chip_hour_prices(gpu_prices: pd.DataFrame, chip_key: str = "h100sxm580gb") -> pd.DataFrame:
    """Cloud on-demand USD per chip-hour observations of one chip (default H100 SXM5 80GB), nominal and 2024 USD."""
    p = gpu_prices[(gpu_prices["chip_key"] == chip_key) & (gpu_prices["price_type"] == "cloud_on_demand")]
    return p[["hardware_model", "vendor", "price_date", "price_usd", "price_usd_2024"]].sort_values("price_date")


def parse_decomposition(text: str) -> tuple[float, float, float, float]:
    """'5.315 = 1.155 x 1.7 x 2.707' -> (total, competition, hardware, algorithmic) as in Gundlach et al.'s notebook."""
    nums = [float(x) for x in re.findall(r"\d+(?:\.\d+)?", str(text))]
    if len(nums) != 4:
        raise ValueError(f"expected 'total = a x b x c', got {text!r}")
    return nums[0], nums[1], nums[2], nums[3]


def log_share(part: float, total: float) -> float:
    """Share of a multiplicative total explained by one factor, on the log scale: log(part) / log(total)."""
    if total <= 1 or part <= 0:
        raise ValueError(f"need total > 1 and part > 0, got {part}, {total}")
    return math.log(part) / math.log(total)


def factor_from_pct_cheaper(pct_per_year: float) -> float:
    """Price-performance factor per year of hardware that gets `pct_per_year` % cheaper a year: 1 / (1 - p/100)."""
    if not 0 <= pct_per_year < 100:
        raise ValueError(f"percent cheaper per year must be in [0, 100), got {pct_per_year}")
    return 1.0 / (1.0 - pct_per_year / 100.0)


def factor_from_doubling(years: float) -> float:
    """Factor per year of a quantity that doubles every `years` years: 2 ** (1 / years)."""
    if years <= 0:
        raise ValueError(f"doubling time must be positive, got {years}")
    return 2.0 ** (1.0 / years)


def published_hardware_rates(headline_rates: pd.DataFrame) -> pd.DataFrame:
    """Epoch AI's published hardware price-performance rates as factors per year, with their intervals.

    Rows: the 'X% cheaper a year' estimate (-> 1 / (1 - X/100)) and each FLOP/s-per-dollar doubling time
    (-> 2 ** (1 / years); a doubling-time interval maps to a factor interval with its ends swapped). CIs are as
    published (95% for the doubling times). Grades and scopes come from `headline_rates`.
    """
    hr = headline_rates[headline_rates["source_org"].eq("Epoch AI")]
    pct = hr[hr["metric"] == "hardware_cost_decline_pct_per_year"]
    dbl = hr[hr["metric"] == "flops_per_dollar_doubling_time_years"]
    rows = [
        {
            "estimate": "cheaper_per_year",
            "scope": r.scope,
            "published_value": r.value,
            "factor_per_year": factor_from_pct_cheaper(r.value),
            "factor_ci_low": np.nan,
            "factor_ci_high": np.nan,
            "ci_level_pct": np.nan,
            "grade": r.grade,
        }
        for r in pct.itertuples(index=False)
    ]
    rows += [
        {
            "estimate": "doubling_time",
            "scope": r.scope,
            "published_value": r.value,
            "factor_per_year": factor_from_doubling(r.value),
            "factor_ci_low": factor_from_doubling(r.ci_high) if pd.notna(r.ci_high) else np.nan,
            "factor_ci_high": factor_from_doubling(r.ci_low) if pd.notna(r.ci_low) else np.nan,
            "ci_level_pct": r.ci_level_pct,
            "grade": r.grade,
        }
        for r in dbl.itertuples(index=False)
    ]
    return pd.DataFrame(rows)


# ---- 5. cost per task --------------------------------------------------------------------------------------------

# Epoch evaluation model ids -> the price_history (api_list_prices) row that priced them at the time. Only models
# with a dated input and output list price are mapped; the rest stay out of the cost-per-task comparison.
EVAL_PRICE_MODELS = {
    "gpt-4-0613": "GPT-4 (8K context)",
    "gpt-4-1106-preview": "GPT-4 Turbo (gpt-4-1106-preview)",
    "gpt-3.5-turbo-1106": "gpt-3.5-turbo-1106",
    "gpt-3.5-turbo-0125": "gpt-3.5-turbo-0125",
    "gpt-4o-2024-05-13": "GPT-4o (2024-05-13)",
    "gpt-4o-2024-08-06": "GPT-4o (2024-08-06)",
    "gpt-4o-mini-2024-07-18": "GPT-4o mini",
    "o1-preview-2024-09-12": "o1-preview",
    "o1-2024-12-17": "o1",
    "o3-mini-2025-01-31": "o3-mini",
    "gpt-4.5-preview-2025-02-27": "GPT-4.5 (preview)",
    "claude-3-opus-20240229": "Claude 3 Opus",
    "claude-3-sonnet-20240229": "Claude 3 Sonnet",
    "claude-3-haiku-20240307": "Claude 3 Haiku",
    "claude-3-5-sonnet-20240620": "Claude 3.5 Sonnet",
    "claude-3-7-sonnet-20250219": "Claude 3.7 Sonnet",
    "gemini-1.0-pro-001": "Gemini 1.0 Pro",
    "gemini-1.5-flash-8b-001": "Gemini 1.5 Flash-8B",
    "gemini-2.0-flash-001": "Gemini 2.0 Flash (GA)",
    "DeepSeek-V3": "DeepSeek-V3 (deepseek-chat, standard)",
    "DeepSeek-R1": "DeepSeek-R1 (deepseek-reasoner)",
}


def cost_per_task(eval_tokens: pd.DataFrame, price_history: pd.DataFrame, task: str = "GPQA Diamond") -> pd.DataFrame:
    """Cost of answering one question of `task`, from Epoch's token counts and the model's list prices.

    cost_per_question_usd = (input tokens x input price + output tokens x output price) / 1e6 / samples. Also the
    3:1 blended price, to compare "price per token" with "cost per task". Reasoning models spend many output tokens.
    """
    prices = price_history[price_history["source_kind"] == "api_list_prices"].drop_duplicates("model")
    prices = prices.set_index("model")
    e = eval_tokens[(eval_tokens["task"] == task) & eval_tokens["model_id"].isin(EVAL_PRICE_MODELS)].copy()
    e["price_model"] = e["model_id"].map(EVAL_PRICE_MODELS)
    missing = set(e["price_model"]) - set(prices.index)
    if missing:
        raise KeyError(f"price_history lacks {sorted(missing)}")
    e["input_usd_per_mtok"] = e["price_model"].map(prices["input_usd_per_mtok"])
    e["output_usd_per_mtok"] = e["price_model"].map(prices["output_usd_per_mtok"])
    e["blended_3to1_usd_per_mtok"] = e["price_model"].map(prices["blended_3to1_usd_per_mtok"])
    e["price_date"] = e["price_model"].map(prices["effective_date"])
    e["cost_per_question_usd"] = (
        e["input_tokens_per_sample"] * e["input_usd_per_mtok"]
        + e["output_tokens_per_sample"] * e["output_usd_per_mtok"]
    ) / 1e6
    cols = [
        "model_version",
        "reasoning",
        "price_date",
        "input_tokens_per_sample",
        "output_tokens_per_sample",
        "blended_3to1_usd_per_mtok",
        "cost_per_question_usd",
    ]
    return e[cols].sort_values(["price_date", "model_version"]).reset_index(drop=True)


# ---- 6. comparison with other studies -----------------------------------------------------------------------------


def blend_sensitivity(price_history: pd.DataFrame, start_model: str, end_model: str) -> dict[str, float]:
    """Fold decline between two list-price rows under the 3:1 (AI Index/Epoch) and 1:1 (a16z) blends."""
    p = price_history[price_history["source_kind"] == "api_list_prices"].drop_duplicates("model").set_index("model")
    a, b = p.loc[start_model], p.loc[end_model]
    return {
        "fold_3to1": float(a["blended_3to1_usd_per_mtok"] / b["blended_3to1_usd_per_mtok"]),
        "fold_1to1": float(a["blended_1to1_usd_per_mtok"] / b["blended_1to1_usd_per_mtok"]),
    }


def _fmt_ci(value: float, lo: float, hi: float) -> str:
    return f"{value:.3g}x ({lo:.3g} to {hi:.3g})"


def _rate_row(hr: pd.DataFrame, org: str, metric: str, scope_start: str = "") -> pd.Series:
    rows = hr[hr["source_org"].str.contains(org, regex=False) & (hr["metric"] == metric)]
    if scope_start:
        rows = rows[rows["scope"].str.startswith(scope_start)]
    if rows.empty:
        raise KeyError(f"no headline row for {org!r} / {metric!r} / {scope_start!r}")
    return rows.iloc[0]


def _comparison_figures(hr: pd.DataFrame, models: pd.DataFrame) -> dict[str, dict[str, str]]:
    """study id -> the figures of its comparison row (grade, headline as published, per-year reading), from data.

    Published values come from `headline_rates` (grades shown); ours are recomputed from `models`.
    """
    h = headline_280(models)
    d = decline_tables(models)
    ep = d[d["data"].str.startswith("Epoch")]
    ext = d[d["data"].str.startswith("with")]
    gpqa = ext[(ext["benchmark"] == GPQA_LEVEL[0]) & (ext["threshold"] == GPQA_LEVEL[1])].iloc[0]
    fold = _rate_row(hr, "AI Index", "price_decline_fold_total", AI_INDEX_SCOPE)
    epoch = _rate_row(hr, "Epoch AI", "price_decline_factor_per_year_range")
    a16z = _rate_row(hr, "a16z", "price_decline_factor_per_year")
    a16z_fold = _rate_row(hr, "a16z", "price_decline_fold_total", "MMLU>=42")
    g_range = _rate_row(hr, "Gundlach", "price_decline_factor_per_year_range")
    g_gpqa = _rate_row(hr, "Gundlach et al.", "price_decline_factor_per_year", "GPQA-Diamond; Pareto, all")
    figures: dict[str, dict[str, str]] = {}
    figures["ai_index"] = {
        "grade": fold["grade"],
        "headline": f"more than {fold['value']:.0f}-fold fall at GPT-3.5 level (MMLU >= {AI_INDEX_THRESHOLD:g})",
        "per_year": f"{h.factor_per_year_stated:.0f}x if {AI_INDEX_STATED_MONTHS} months (as stated); "
        f"{h.factor_per_year_actual:.0f}x over the {h.months_actual:.0f} months between the dates",
    }
    figures["epoch"] = {
        "grade": epoch["grade"],
        "headline": f"{epoch['value_low']:.0f}x to {epoch['value_high']:.0f}x per year, by task and level",
        "per_year": f"our rerun: {ep['decline_factor_per_year'].min():.1f}x to "
        f"{ep['decline_factor_per_year'].max():.0f}x over {len(ep)} thresholds",
    }
    figures["a16z"] = {
        "grade": a16z["grade"],
        "headline": f"about {a16z['value']:.0f}x per year ({a16z_fold['value']:.0f}x at "
        f"{a16z_fold['scope'].split(';')[0]}, {a16z_fold['period_start']:%Y-%m} to {a16z_fold['period_end']:%Y-%m})",
        "per_year": f"{a16z['value']:.0f}x",
    }
    figures["gundlach"] = {
        "grade": g_gpqa["grade"],
        "headline": f"{g_range['value_low']:.0f}x to {g_range['value_high']:.0f}x per year at the frontier",
        "per_year": "GPQA Pareto: " + _fmt_ci(g_gpqa["value"], g_gpqa["ci_low"], g_gpqa["ci_high"]) + " (90%)",
    }
    figures["this_report"] = {
        "grade": "A/B",  # Epoch's own data (A) plus the Price of Progress table (B)
        "headline": f"GPT-3.5 level: {h.fit.decline_factor_per_year:.0f}x per year "
        f"(OLS over {h.fit.n} frontier models)",
        "per_year": f"MMLU >= {AI_INDEX_THRESHOLD:g}: "
        + _fmt_ci(h.fit.decline_factor_per_year, *h.fit.decline_factor_ci())
        + f"; GPQA >= {GPQA_LEVEL[1]:g} with 2025 models: "
        + _fmt_ci(gpqa["decline_factor_per_year"], gpqa["decline_ci_low"], gpqa["decline_ci_high"]),
    }
    return figures


def comparison_table(headline_rates: pd.DataFrame, models: pd.DataFrame) -> pd.DataFrame:
    """The four published headline rates next to ours, with method, price blend and period.

    Figures come from data (`_comparison_figures`); how each study measures and why it differs from ours is our
    editorial text, in data/editorial/study_comparison.yaml (rows in that file's order).
    """
    figures = _comparison_figures(headline_rates, models)
    studies = editorial.records("study_comparison")
    if {s["study_id"] for s in studies} != set(figures):
        raise KeyError(f"data/editorial/study_comparison.yaml must have one row per study: {sorted(figures)}")
    rows = [
        {
            "study": s["study"],
            **figures[s["study_id"]],
            "method": s["method"],
            "blend": s["blend"],
            "why_it_differs": (s["why_it_differs"] or "").format(stated_months=AI_INDEX_STATED_MONTHS),
        }
        for s in studies
    ]
    return pd.DataFrame(rows).rename(columns=COMPARISON_LABELS)


COMPARISON_LABELS = {
    "study": "Study",
    "grade": "Grade",
    "headline": "Headline as published",
    "per_year": "Per year (90% interval where given)",
    "method": "Method",
    "blend": "Price blend",
    "why_it_differs": "Why it differs from ours",
}


def chapter_numbers(
    models: pd.DataFrame,
    price_history: pd.DataFrame,
    headline_rates: pd.DataFrame,
    hardware: pd.DataFrame,
    gpu_prices: pd.DataFrame,
    eval_tokens: pd.DataFrame,
) -> dict[str, float | str]:
    """Every number the chapter's prose cites, keyed by glue name (floats and ints as Python types)."""
    n: dict[str, float | str] = {}
    h = headline_280(models)
    fold = _rate_row(headline_rates, "AI Index", "price_decline_fold_total", AI_INDEX_SCOPE)
    n |= {
        "aiindex-fold": float(fold["value"]),
        "fold": h.fold,
        "start-price": h.start_price,
        "end-price": h.end_price,
        "months-actual": h.months_actual,
        "months-calendar": float((h.end_date.year - h.start_date.year) * 12 + h.end_date.month - h.start_date.month),
        "months-stated": float(AI_INDEX_STATED_MONTHS),
        "rate-actual": h.factor_per_year_actual,
        "rate-stated": h.factor_per_year_stated,
        "rate-two-years": h.fold ** (1 / PRESS_STATED_YEARS),
        "press-years": PRESS_STATED_YEARS,
        "aiindex-threshold": AI_INDEX_THRESHOLD,
        "ci": 100 * trends.DEFAULT_CI,
        "ols-rate": h.fit.decline_factor_per_year,
        "ols-lo": h.fit.decline_factor_ci()[0],
        "ols-hi": h.fit.decline_factor_ci()[1],
        "ols-n": h.fit.n,
        "ols-r2": h.fit.r_squared,
    }
    bl = blend_sensitivity(price_history, 'text-davinci-003 ("GPT-3.5")', "Gemini 1.5 Flash-8B")
    n |= {"fold-list-3to1": bl["fold_3to1"], "fold-list-1to1": bl["fold_1to1"]}
    lp = price_history[price_history["model"] == "Gemini 1.5 Flash-8B"].iloc[0]
    n["flash8b-premium"] = float(lp["output_usd_per_mtok"] / lp["input_usd_per_mtok"])
    for key, metric in (
        ("aiindex-start", "inference_price_usd_per_mtok_start"),
        ("aiindex-end", "inference_price_usd_per_mtok_end"),
    ):
        n[key] = float(_rate_row(headline_rates, "AI Index", metric, AI_INDEX_SCOPE)["value"])
    d = decline_tables(models)
    ep, ext = d[d["data"].str.startswith("Epoch")], d[d["data"].str.startswith("with")]
    n |= decline_range_numbers(d)
    epoch = _rate_row(headline_rates, "Epoch AI", "price_decline_factor_per_year_range")
    n |= {
        "epoch-published-low": float(epoch["value_low"]),
        "epoch-published-high": float(epoch["value_high"]),
        "epoch-n": len(ep),
        "min-n": int(d["n"].min()),
        "gpqa-threshold": GPQA_LEVEL[1],
        "epoch-min": float(ep["decline_factor_per_year"].min()),
        "epoch-max": float(ep["decline_factor_per_year"].max()),
        "epoch-median": median_rate(ep),
        "ext-n": len(ext),
        "ext-median": median_rate(ext),
        "ext-median-1yr": median_rate(ext, 1.0),
        "epoch-median-1yr": median_rate(ep, 1.0),
        "n-2025": int((models["source_table"] == "price_of_progress").sum()),
        "n-2025-nonreasoning": int(
            ((models["source_table"] == "price_of_progress") & ~models["reasoning"].astype(bool)).sum()
        ),
    }
    for bench, thr, key in (
        (*GPQA_LEVEL, "gpqa50"),
        ("gpqa_diamond", 33.0, "gpqa33"),
        ("math_500", 44.0, "math44"),
    ):
        for label, t in (("epoch", ep), ("ext", ext)):
            row = t[(t["benchmark"] == bench) & (t["threshold"] == thr)].iloc[0]
            n |= {
                f"{key}-{label}": float(row["decline_factor_per_year"]),
                f"{key}-{label}-lo": float(row["decline_ci_low"]),
                f"{key}-{label}-hi": float(row["decline_ci_high"]),
                f"{key}-{label}-n": int(row["n"]),
                f"{key}-{label}-end": str(pd.Timestamp(row["end_date"]).date()),
            }
    rc = rate_changes(models)
    n |= {
        "rc-n": len(rc),
        "rc-slower": int((rc["decline_after"] < rc["decline_before"]).sum()),
        "rc-sig": int((rc["p_value"] < RATE_CHANGE_ALPHA).sum()),
        "rc-alpha": 100 * RATE_CHANGE_ALPHA,
        "rc-breakpoint": str(rc["breakpoint"].iloc[0].date()),
        "rc-min-p": float(rc["p_value"].min()),
    }
    flag = flagship_prices(price_history)
    ff = trends.fit_log_linear(flag["effective_date"], flag["blended_3to1_usd_per_mtok"])
    sota = sota_at_release(models)
    n |= {
        "flag-n": ff.n,
        "flag-decline": ff.decline_factor_per_year,
        "flag-decline-lo": ff.decline_factor_ci()[0],
        "flag-decline-hi": ff.decline_factor_ci()[1],
        "flag-min": float(flag["blended_3to1_usd_per_mtok"].min()),
        "flag-max": float(flag["blended_3to1_usd_per_mtok"].max()),
        "flag-median": float(flag["blended_3to1_usd_per_mtok"].median()),
        "sota-n": len(sota),
        "sota-first-price": float(sota["usd_per_mtok_blended_3to1"].iloc[0]),
        "sota-first-model": str(sota["model_name"].iloc[0]),
        "sota-median-price": float(sota["usd_per_mtok_blended_3to1"].median()),
    }
    g = gpu_price_performance(gpu_prices, hardware, "purchase")
    gf = trends.fit_log_linear(g["price_date"], g["flop_per_usd"])
    cl = gpu_price_performance(gpu_prices, hardware, "cloud_on_demand")
    cf = trends.fit_log_linear(cl["price_date"], cl["flop_per_usd"])
    h100 = chip_hour_prices(gpu_prices)
    hf = trends.fit_log_linear(h100["price_date"], h100["price_usd_2024"])
    n |= {
        "gpu-rate": gf.factor_per_year,
        "gpu-lo": gf.factor_per_year_ci()[0],
        "gpu-hi": gf.factor_per_year_ci()[1],
        "gpu-n": gf.n,
        "gpu-start": str(g["price_date"].min().year),
        "gpu-end": str(g["price_date"].max().year),
        "gpu-doubling": gf.doubling_time_years,
        "cloud-rate": cf.factor_per_year,
        "cloud-lo": cf.factor_per_year_ci()[0],
        "cloud-hi": cf.factor_per_year_ci()[1],
        "cloud-n": cf.n,
        "h100-n": hf.n,
        "h100-median": float(h100["price_usd_2024"].median()),
        "h100-change": hf.factor_per_year,
        "h100-change-lo": hf.factor_per_year_ci()[0],
        "h100-change-hi": hf.factor_per_year_ci()[1],
    }
    n |= _hardware_comparison(headline_rates, gf) | _h100_sample(h100)
    hw_share = log_share(gf.factor_per_year, h.fit.decline_factor_per_year)
    dec = headline_rates[
        (headline_rates["metric"] == "decomposition_total_competition_hardware_algorithmic")
        & headline_rates["scope"].str.startswith("GPQA")
    ]
    tot, comp, hwg, alg = parse_decomposition(dec["value_text"].iloc[0])
    n |= {
        "hw-share": hw_share,
        "rest-rate": h.fit.decline_factor_per_year / gf.factor_per_year,
        "g-total": tot,
        "g-competition": comp,
        "g-hardware": hwg,
        "g-algorithmic": alg,
        "g-hw-share": log_share(hwg, tot),
    }
    t = cost_per_task(eval_tokens, price_history)
    r, p = t[t["reasoning"].astype(bool)], t[~t["reasoning"].astype(bool)]
    o1 = t[t["model_version"] == "o1-2024-12-17_high"].iloc[0]
    g4o = t[t["model_version"] == "gpt-4o-2024-08-06"].iloc[0]
    n |= {
        "task-n": len(t),
        "task-n-models": int(t["model_version"].str.split("_").str[0].nunique()),  # effort settings are one model
        "task-out-reasoning": float(r["output_tokens_per_sample"].median()),
        "task-out-other": float(p["output_tokens_per_sample"].median()),
        "task-out-ratio": float(r["output_tokens_per_sample"].median() / p["output_tokens_per_sample"].median()),
        "o1-cost": float(o1["cost_per_question_usd"]),
        "g4o-cost": float(g4o["cost_per_question_usd"]),
        "o1-g4o-cost-ratio": float(o1["cost_per_question_usd"] / g4o["cost_per_question_usd"]),
        "o1-g4o-price-ratio": float(o1["blended_3to1_usd_per_mtok"] / g4o["blended_3to1_usd_per_mtok"]),
    }
    return {
        k: (int(v) if isinstance(v, int | np.integer) else float(v) if isinstance(v, float | np.floating) else v)
        for k, v in n.items()
    }


def _hardware_comparison(headline_rates: pd.DataFrame, gpu_fit: trends.LogLinearFit) -> dict[str, float]:
    """Our GPU price-performance rate next to Epoch's published ones (glue keys of the hardware section)."""
    pub = published_hardware_rates(headline_rates)
    cheaper = pub[pub["estimate"] == "cheaper_per_year"].iloc[0]
    dbl = pub[pub["estimate"] == "doubling_time"]
    all_gpus = dbl[dbl["scope"].str.startswith("all GPUs")].iloc[0]
    fp16 = dbl[dbl["scope"].str.contains("FP16")].iloc[0]
    ml = dbl[dbl["scope"].str.contains("commonly used in ML")].iloc[0]
    ci_hi = gpu_fit.factor_per_year_ci()[1]
    return {
        "epoch-hw-cheaper-pct": float(cheaper["published_value"]),
        "epoch-hw-factor": float(cheaper["factor_per_year"]),
        "g-hw-table": float(cheaper["factor_per_year"]),  # Gundlach et al.'s tables use Epoch's 30%/yr
        "hobbhahn-doubling": float(all_gpus["published_value"]),
        "hobbhahn-factor": float(all_gpus["factor_per_year"]),
        "hobbhahn-fp16-doubling": float(fp16["published_value"]),
        "hobbhahn-fp16-factor": float(fp16["factor_per_year"]),
        "hobbhahn-fp16-lo": float(fp16["factor_ci_low"]),
        "hobbhahn-fp16-hi": float(fp16["factor_ci_high"]),
        "hobbhahn-ci": float(fp16["ci_level_pct"]),
        "hobbhahn-ml-factor": float(ml["factor_per_year"]),
        "hobbhahn-ml-lo": float(ml["factor_ci_low"]),
        "hobbhahn-ml-hi": float(ml["factor_ci_high"]),
        "hw-headlines-above-ci": sum(int(bool(r["factor_per_year"] > ci_hi)) for r in (cheaper, all_gpus)),
    }


def _h100_sample(h100: pd.DataFrame, since: str = "2024-01-01") -> dict[str, float | str | int]:
    """Which H100 hourly prices the chapter's median uses: all on-demand observations, and those since `since`."""
    recent = h100[h100["price_date"] >= pd.Timestamp(since)]
    return {
        "h100-first": str(h100["price_date"].min().date()),
        "h100-last": str(h100["price_date"].max().date()),
        "h100-median-nominal": float(h100["price_usd"].median()),
        "h100-recent-since": since[:4],
        "h100-recent-n": len(recent),
        "h100-recent-median-nominal": float(recent["price_usd"].median()),
    }


def _times(value: float) -> str:
    """A factor per year as the tables show it: three significant digits, separators, no scientific notation."""
    from analysis.tables import readable_number

    return readable_number(value, 3)


DECLINE_FORMATS = {
    "Falls per year (times)": _times,
    "90% low": _times,
    "90% high": _times,
    "Years covered": ".1f",
}


def decline_display(table: pd.DataFrame) -> pd.DataFrame:
    """The decline table for reading, one fact per cell: for each benchmark level (sorted by benchmark and
    threshold), one row per data version (Epoch AI's data alone, then with the 2025 models), with the yearly fall,
    its 90% interval bounds, the number of frontier models, the first and last month and the years covered.
    Formats for the float columns: `DECLINE_FORMATS`."""
    t = table.copy()
    order = {b: i for i, b in enumerate(BENCHMARK_LABELS.values())}
    data_order = {"Epoch AI (to Feb 2025)": 0, "with 2025 models": 1}
    t["_b"], t["_d"] = t["benchmark_label"].map(order), t["data"].map(data_order)
    t = t.sort_values(["_b", "threshold", "_d"]).reset_index(drop=True)
    return pd.DataFrame(
        {
            "Benchmark": t["benchmark_label"],
            "Level (score at least)": t["threshold"].map(lambda v: f"{v:g}"),
            "Level set by": t["threshold_model"],
            "Data": t["data"].map(
                {"Epoch AI (to Feb 2025)": "Epoch AI only, until Feb 2025", "with 2025 models": "with 2025 models"}
            ),
            "Falls per year (times)": t["decline_factor_per_year"].astype(float),
            "90% low": t["decline_ci_low"].astype(float),
            "90% high": t["decline_ci_high"].astype(float),
            "Frontier models": t["n"].astype(int),
            "From": pd.to_datetime(t["start_date"]).dt.strftime("%b %Y"),
            "To": pd.to_datetime(t["end_date"]).dt.strftime("%b %Y"),
            "Years covered": t["span_years"].astype(float),
        }
    )


def decline_range_numbers(table: pd.DataFrame, min_span_years: float = 1.0) -> dict[str, float | int | str]:
    """The range of yearly falls over every distinct fit the chapter shows (both data versions), the fit at its top (its
    models and months covered), the range and median over fits covering at least `min_span_years`, and how the
    2025 models change the table: extended fits that end in 2025, and fits that are new or whose rate changed."""
    # A fit the 2025 models leave unchanged appears in both data versions: count it once.
    t = table.drop_duplicates(["benchmark", "threshold", "decline_factor_per_year", "n"]).reset_index(drop=True)
    top = t.loc[t["decline_factor_per_year"].idxmax()]
    long = t[t["span_years"] >= min_span_years]
    ep, ext = table[table["data"].str.startswith("Epoch")], table[table["data"].str.startswith("with")]
    key = ["benchmark", "threshold"]
    merged = ext.merge(ep[[*key, "decline_factor_per_year", "n"]], on=key, how="left", suffixes=("", "_epoch"))
    changed = merged["n_epoch"].isna() | ~np.isclose(
        merged["decline_factor_per_year"], merged["decline_factor_per_year_epoch"].fillna(-1.0)
    )
    return {
        "shown-min": float(t["decline_factor_per_year"].min()),
        "shown-max": float(top["decline_factor_per_year"]),
        "shown-max-n": int(top["n"]),
        "shown-max-months": round(12 * float(top["span_years"])),
        "shown-max-level": f"{top['benchmark_label']} at a score of at least {top['threshold']:g}",
        "long-min": float(long["decline_factor_per_year"].min()),
        "long-max": float(long["decline_factor_per_year"].max()),
        "long-median": float(np.median(long["decline_factor_per_year"])),
        "long-n": len(long),
        "shown-n": len(t),
        "ext-n-2025": int((pd.to_datetime(ext["end_date"]).dt.year == 2025).sum()),
        "ext-n-changed": int(changed.sum()),
    }


def hardware_rates_display(
    headline_rates: pd.DataFrame, gpu_prices: pd.DataFrame, hardware: pd.DataFrame
) -> pd.DataFrame:
    """Hardware price-performance, ours against the published estimates, as factors per year (times more
    FLOP/s per dollar each year) with their intervals: the secondary numbers of the hardware section, in one
    table. Formats: `HARDWARE_FORMATS`."""
    g = gpu_price_performance(gpu_prices, hardware, "purchase")
    gf = trends.fit_log_linear(g["price_date"], g["flop_per_usd"])
    cl = gpu_price_performance(gpu_prices, hardware, "cloud_on_demand")
    cf = trends.fit_log_linear(cl["price_date"], cl["flop_per_usd"])
    pub = published_hardware_rates(headline_rates)
    dec = headline_rates[
        (headline_rates["metric"] == "decomposition_total_competition_hardware_algorithmic")
        & headline_rates["scope"].str.startswith("GPQA")
    ]
    g_hw = parse_decomposition(dec["value_text"].iloc[0])[2]
    ci = 100 * trends.DEFAULT_CI
    rows = [
        (
            "This report: purchase prices (2024 dollars)",
            f"OLS fit, {gf.n} prices",
            gf.factor_per_year,
            *gf.factor_per_year_ci(),
            ci,
        ),
        (
            "This report: on-demand cloud rental (2024 dollars)",
            f"OLS fit, {cf.n} prices",
            cf.factor_per_year,
            *cf.factor_per_year_ci(),
            ci,
        ),
    ]
    for r in pub.itertuples():
        if r.estimate == "cheaper_per_year":
            stated = f"{r.published_value:g}% cheaper a year"
        else:
            stated = f"doubling every {r.published_value:g} years"
        level = r.ci_level_pct if r.ci_level_pct == r.ci_level_pct else np.nan
        rows.append((f"Epoch AI: {r.scope}", stated, r.factor_per_year, r.factor_ci_low, r.factor_ci_high, level))
    rows.append(
        ("Gundlach et al.: hardware factor of their GPQA decomposition", "assumed", g_hw, np.nan, np.nan, np.nan)
    )
    out = pd.DataFrame(rows, columns=["Estimate", "Stated as", "Growth per year (times)", "low", "high", "level"])
    interval = [
        "" if lo != lo else f"{lo:.2f} to {hi:.2f} ({lvl:.0f}%)"
        for lo, hi, lvl in zip(out["low"], out["high"], out["level"], strict=True)
    ]
    return out.drop(columns=["low", "high", "level"]).assign(Interval=interval)


HARDWARE_FORMATS = {"Growth per year (times)": ".2f"}
