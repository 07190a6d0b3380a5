"""Curators `models` (LLM prices and benchmark scores) and `eval_tokens` (tokens per benchmark run).

`models` stacks three tables, named in `source_table`:
- epoch_aa, epoch_not_in_aa: Epoch AI's raw data behind "LLM inference prices have fallen rapidly but unequally
  across tasks" (Cottier et al., 2025-03-12), copied row for row: same models, "Release Date", blended price and
  scores, so the published analysis can be reproduced exactly (tests/test_curate_costs.py compares every row).
- price_of_progress: the models released in 2025 or later from Gundlach et al.'s "Price of Progress" table
  (Artificial Analysis snapshots, to about October 2025), cleaned by the rules below.

Price of Progress cleaning rules (each a tested function or step):
1. Header names: line breaks and repeated spaces collapsed (`clean_header`).
2. Prices: '$17.50 ' -> 17.5; a price of 0 means "not priced" (free previews) and becomes empty (`parse_price`).
   The blended price is the sheet's own (Artificial Analysis) figure, not recomputed; for a few rows it differs
   from the 3:1 blend of the listed input/output prices (rounding, provider medians; at most ~12%).
3. Scores: percent strings, fractions and bare percents all become percent 0-100 (`parse_score_pct`); the
   Intelligence Index drops spreadsheet percent formatting ('6900.00%' -> 69) (`parse_index`).
4. Release dates: M/D/YY -> ISO; a first-of-month date is recorded with precision 'month', because the sheet
   stores month-only dates as M/1/YY (`parse_us_date`, `date_precision_from_day`).
5. Variant rows made for the authors' token-cost bookkeeping ('(Option 2)', '(AIME)', '(AIME 2)', '(SWE)') are
   the same model: the suffix is removed and duplicates (same name, release month and blended price) collapse
   to one row: exact date first, then most scores, then file order; its missing scores are filled from the
   collapsed rows (`canonical_name`, `dedupe_variants`).
6. Rows without a model name, a release date or a positive blended price are dropped (nothing to plot), and so
   is one annotation row ('May be Maverick Lost Name', `EXCLUDED_NAMES`).
7. Where MMLU-Pro and LiveCodeBench hold the identical value (a column-copy error in the October-2025 rows),
   both are blanked rather than guessed (`blank_copied_scores`).
8. Only rows released on or after 2025-01-01 are added ("the 2025 models"); older models are Epoch's.
9. A 2025 row whose model matches an Epoch row (name key without parentheses, 'instruct'/'chat' and
   punctuation; `match_key`) at a blended price within 10% is the same observation and is dropped; at a
   different price it is kept as a new observation, with a note (`drop_epoch_duplicates`).
10. Reasoning: Epoch's list (o1, o1-mini, o1-preview, o3-mini, DeepSeek-R1) for Epoch rows; for 2025 rows the
   sheet's Reasoning flag, or a name rule (o1/o3/o4 family, GPT-5 family, 'Reasoning'/'Thinking' but not
   'Non-reasoning', R1, Magistral, QwQ) (`is_reasoning_name`).
11. Creator and open weights: the sheet's Creator/License where present, else name rules (`creator_of`,
   `open_weights_of`); country from the organisation's country in Epoch's Benchmarking Hub, else the sheet's
   'Chinese' flag (`creator_country_map`).
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.curate import curator
from analysis.curate.cleaning import (
    ACCESSED,
    clean_header,
    date_precision_from_day,
    parse_index,
    parse_price,
    parse_score_pct,
    parse_us_date,
    slug,
    strip_strings,
)

EPOCH_COMMIT = "34b923314338360d1b1bbed6ec30d9299e54fdae"
EPOCH_REPO = "https://github.com/epoch-research/llm-benchmark-efficiency"
EPOCH_FILES = {
    "epoch_aa": "aa_data_with_math5.csv",
    "epoch_not_in_aa": "epoch_ai_price_data_not_in_aa_with_benchmarks.csv",
}
EPOCH_PUBLISHED = "2025-03-12"
POP_COMMIT = "a6381e26b51c771ff73ecaffbb7dafbbbb411af5"
POP_URL = f"https://github.com/hansgundlach/Algorithmic_Progress_Inference/blob/{POP_COMMIT}/data/merged_with_training_compute.csv"
POP_PUBLISHED = "2026-04-27"  # date of the repository commit holding this table version
POP_MIN_RELEASE = pd.Timestamp("2025-01-01")
EPOCH_REASONING = frozenset({"o1", "o1-mini", "o1-preview", "o3-mini", "DeepSeek-R1"})
SAME_PRICE_TOLERANCE = 0.10  # relative: a 2025 row within 10% of an Epoch price is the same observation

# Epoch column -> our column (scores already percent 0-100; Arena is an Elo rating).
EPOCH_COLUMNS = {
    "Model Name": "model_name",
    "Release Date": "release_date",
    "USD per 1M Tokens": "usd_per_mtok_blended_3to1",
    "MMLU": "mmlu",
    "GPQA Diamond": "gpqa_diamond",
    "HumanEval": "humaneval",
    "MATH-500": "math_500",
    "LMSys Chatbot Arena ELO": "arena_elo",
    "MATH 5": "math_level_5",
}
POP_SCORES = {
    "MMLU-Pro (Reasoning & Knowledge)": "mmlu_pro",
    "GPQA Diamond (Scientific Reasoning)": "gpqa_diamond",
    "LiveCodeBench (Coding)": "livecodebench",
    "HumanEval (Coding)": "humaneval",
    "MATH-500 (Quantitative Reasoning)": "math_500",
    "AIME 2024 (Competition Math)": "aime",
}
SCORE_COLUMNS = (
    "mmlu",
    "gpqa_diamond",
    "math_500",
    "math_level_5",
    "humaneval",
    "arena_elo",
    "mmlu_pro",
    "aime",
    "livecodebench",
    "aa_intelligence_index",
)

# (name pattern, creator, organisation name in Epoch's Benchmarking Hub). First match wins.
CREATOR_RULES: tuple[tuple[str, str, str], ...] = (
    (r"^(gpt|o[134]\b|o[134]-|text-davinci|davinci|chatgpt)", "OpenAI", "OpenAI"),
    (r"^claude", "Anthropic", "Anthropic"),
    (r"^(gemini|gemma|palm)", "Google", "Google DeepMind"),
    (r"^(llama|meta-llama)", "Meta", "Meta AI"),
    (r"^(mistral|mixtral|ministral|codestral|magistral|pixtral|devstral|open-mi)", "Mistral AI", "Mistral AI"),
    (r"^phi", "Microsoft", "Microsoft"),
    (r"^deepseek", "DeepSeek", "DeepSeek"),
    (r"^(qwen|qwq)", "Alibaba", "Alibaba"),
    (r"^(command|cohere|aya)", "Cohere", "Cohere"),
    (r"^jamba", "AI21 Labs", "AI21 Labs"),
    (r"^reka", "Reka AI", "Reka AI"),
    (r"^grok", "xAI", "xAI"),
    (r"^kimi", "Moonshot AI", "Moonshot"),
    (r"^glm", "Z AI", "Z.ai (Zhipu AI)"),
    (r"^minimax", "MiniMax", "MiniMax"),
    (r"^(nova|amazon)", "Amazon", "Amazon"),
    (r"^yi-", "01.AI", "01.AI"),
    (r"^dbrx", "Databricks", "Databricks"),
    (r"^(sonar|r1 1776)", "Perplexity", "Perplexity"),
    (r"^(nemotron|llama-3\.\d-nemotron)", "NVIDIA", "NVIDIA"),
)
# The sheet's Creator spelling -> Hub organisation, where they differ.
HUB_ORG_ALIASES = {
    "Mistral": "Mistral AI",
    "Google": "Google DeepMind",
    "Meta": "Meta AI",
    "Z AI": "Z.ai (Zhipu AI)",
    "Moonshot AI": "Moonshot",
}
OPEN_PATTERNS = (
    r"^(llama|gemma|mistral[- ]7b|mistral[- ]nemo|mixtral|mistral-8x22|phi|deepseek|yi-|dbrx|jamba|command[- ]r)",
    r"^(qwen(?!.*(max|turbo|plus)))",
    r"^(mistral small 3|mistral-large-2-)",
    r"^(kimi|glm|minimax|gpt-oss|magistral small)",
)
CLOSED_PATTERNS = (
    r"^(gpt(?!-oss)|o[134]|claude|gemini|reka|grok|cohere command|mistral-large-2024|mistral-small-2024)",
    r"^qwen.*(max|turbo|plus)",
)


def match_key(name: str) -> str:
    """A loose key for "same model" across tables: no parentheses, no 'instruct'/'chat', letters+digits only."""
    s = re.sub(r"\([^)]*\)", " ", str(name).lower())
    s = re.sub(r"\b(instruct|chat|hf)\b", " ", s)
    return re.sub(r"[^a-z0-9]", "", s)


def canonical_name(name: str) -> str:
    """The model name without the sheet's bookkeeping suffixes '(Option N)', 'Option N', '(AIME[ N])', '(SWE)'."""
    s = re.sub(r"\((?:Option ?\d+|AIME(?: ?\d+)?|SWE)\)", " ", str(name))
    s = re.sub(r"\bOption ?\d+\b", " ", s)
    return re.sub(r"\s+", " ", s).strip()


def is_reasoning_name(name: str) -> bool:
    """Name rule for reasoning models (spend extra 'thinking' tokens), used where the sheet has no flag."""
    n = str(name).lower()
    if "non-reasoning" in n:
        return False
    patterns = (
        r"^o[134](\b|-)",
        r"^gpt-5",
        r"reasoning",
        r"thinking",
        r"\br1\b",
        r"magistral",
        r"qwq",
        r"reasoner",
    )
    return any(re.search(p, n) for p in patterns)


def creator_of(name: str) -> str | None:
    """The developer of a model, from name rules (CREATOR_RULES); None when no rule matches."""
    n = str(name).strip().lower()
    for pattern, creator, _ in CREATOR_RULES:
        if re.search(pattern, n):
            return creator
    return None


def open_weights_of(name: str) -> bool | None:
    """Whether the weights are published, from name rules; None when unknown."""
    n = str(name).strip().lower()
    if any(re.search(p, n) for p in OPEN_PATTERNS):
        return True
    if any(re.search(p, n) for p in CLOSED_PATTERNS):
        return False
    return None


def creator_country_map(hub_dir: Path) -> dict[str, str]:
    """Organisation -> country (most frequent) from Epoch's Benchmarking Hub files, single-organisation rows only."""
    frames = []
    for f in sorted(hub_dir.glob("*.csv")):
        d = pd.read_csv(f, usecols=lambda c: c in ("Organization", "Country"), dtype=str)
        frames.append(d)
    hub = pd.concat(frames).dropna()
    hub = hub[~hub["Organization"].str.contains(",")]
    counts = hub.groupby(["Organization", "Country"]).size().reset_index(name="n")
    counts = counts.sort_values(["Organization", "n", "Country"], ascending=[True, False, True])
    return dict(counts.drop_duplicates("Organization")[["Organization", "Country"]].itertuples(index=False))


def country_of(creator: str | None, countries: dict[str, str]) -> str | None:
    if not creator:
        return None
    hub_org = HUB_ORG_ALIASES.get(creator, creator)
    return countries.get(hub_org)


def read_epoch(sources_dir: Path, table: str) -> pd.DataFrame:
    """One of Epoch's two raw price tables, as published (strings stripped, numbers as floats)."""
    path = sources_dir / "epoch_llm_price_trends" / EPOCH_FILES[table]
    return pd.read_csv(path)


def epoch_rows(sources_dir: Path, countries: dict[str, str]) -> pd.DataFrame:
    """Epoch's rows in our columns, unchanged values, plus derived creator/country/reasoning and provenance."""
    frames = []
    for table, fname in EPOCH_FILES.items():
        raw = read_epoch(sources_dir, table)
        d = raw[list(EPOCH_COLUMNS)].rename(columns=EPOCH_COLUMNS)
        d["source_table"] = table
        d["model_name_raw"] = d["model_name"]
        d["source_url"] = f"{EPOCH_REPO}/blob/{EPOCH_COMMIT}/data/{fname}"
        frames.append(d)
    d = pd.concat(frames, ignore_index=True)
    d["release_date_precision"] = "day"
    d["reasoning"] = d["model_name"].isin(EPOCH_REASONING)
    d["creator"] = d["model_name"].map(creator_of)
    d["creator_country"] = d["creator"].map(lambda c: country_of(c, countries))
    d["creator_country_source"] = np.where(d["creator_country"].notna(), "Epoch AI Benchmarking Hub", None)
    d["open_weights"] = d["model_name"].map(open_weights_of)
    d["score_source"] = np.where(
        d["source_table"] == "epoch_aa",
        "Artificial Analysis via Epoch AI (aa_data_with_math5.csv); MATH level 5 from Epoch AI",
        "Epoch AI (epoch_ai_price_data_not_in_aa_with_benchmarks.csv)",
    )
    d["price_basis"] = "blended 3:1 as published by Epoch AI"
    d["curation_note"] = "copied unchanged from Epoch AI's raw data"
    d["publisher"] = "Epoch AI"
    d["published"] = EPOCH_PUBLISHED
    d["grade"] = "A"
    return d


def read_pop(sources_dir: Path) -> pd.DataFrame:
    """The Price of Progress sheet as strings, with cleaned header names."""
    raw = pd.read_csv(sources_dir / "price_of_progress" / "merged_with_training_compute.csv", dtype=str)
    raw.columns = [clean_header(c) for c in raw.columns]
    raw["file_row"] = np.arange(1, len(raw) + 1)  # 1 = first data row, for provenance notes
    return raw


# Sheet rows that are annotations rather than models (rule 6).
EXCLUDED_NAMES = {"May be Maverick Lost Name": "placeholder name in the sheet (an unnamed Llama 4 Maverick listing)"}


def parse_pop(raw: pd.DataFrame) -> pd.DataFrame:
    """Typed Price of Progress rows (rules 2-4), one per sheet row with a model name."""
    raw = raw[raw["Model"].notna() & raw["Model"].str.strip().ne("")]
    raw = raw[~raw["Model"].str.strip().isin(list(EXCLUDED_NAMES))]
    d = pd.DataFrame({"model_name_raw": raw["Model"].str.strip(), "file_row": raw["file_row"]})
    d["model_name"] = d["model_name_raw"].map(canonical_name)
    d["creator_sheet"] = raw["Creator"].str.strip()
    d["license"] = raw["License"].str.strip()
    d["release_date"] = raw["Release Date"].map(parse_us_date)
    d["release_date_precision"] = d["release_date"].map(date_precision_from_day)
    d["usd_per_mtok_input"] = raw["Input Price USD/1M Tokens"].map(parse_price)
    d["usd_per_mtok_output"] = raw["Output Price USD/1M Tokens"].map(parse_price)
    d["usd_per_mtok_blended_3to1"] = raw["Blended USD/1M Tokens"].map(parse_price)
    for col, out in POP_SCORES.items():
        d[out] = raw[col].map(parse_score_pct)
    d["aa_intelligence_index"] = raw["Artificial Analysis Intelligence Index"].map(parse_index)
    d["arena_elo"] = pd.to_numeric(raw["Chatbot Arena"], errors="raise")
    d["reasoning_flag"] = raw["Reasoning_TF"].str.strip().str.lower().map({"true": True, "false": False})
    d["chinese_flag"] = raw["Chinese"].str.strip().str.lower().map({"true": True, "false": False})
    return d.reset_index(drop=True)


def blank_copied_scores(d: pd.DataFrame) -> pd.DataFrame:
    """Rule 7: identical MMLU-Pro and LiveCodeBench values are a column copy; blank both, note it."""
    d = d.copy()
    copied = d["mmlu_pro"].notna() & d["mmlu_pro"].eq(d["livecodebench"])
    d.loc[copied, ["mmlu_pro", "livecodebench"]] = np.nan
    d["copied_scores_blanked"] = copied
    return d


def dedupe_variants(d: pd.DataFrame) -> pd.DataFrame:
    """Rule 5: one row per (canonical name, release month, blended price).

    The kept row is the one with an exact (day) release date, then the most scores, then the first in file order;
    scores it lacks are filled from the collapsed rows in that same order (they describe the same model).
    """
    d = d.copy()
    scores = [c for c in SCORE_COLUMNS if c in d]
    d["n_scores"] = d[scores].notna().sum(axis=1)
    d["release_month"] = pd.to_datetime(d["release_date"]).dt.strftime("%Y-%m")
    d["is_month_only"] = d["release_date_precision"].eq("month")
    key = ["model_name", "release_month", "usd_per_mtok_blended_3to1"]
    d = d.sort_values(["is_month_only", "n_scores", "file_row"], ascending=[True, False, True])
    d["n_variants"] = d.groupby(key, dropna=False)["file_row"].transform("size")
    filled = d.groupby(key, dropna=False, sort=False)[scores].transform("first")  # first non-null per column
    d[scores] = filled
    d = d.drop_duplicates(key).sort_values("file_row")
    return d.drop(columns=["n_scores", "release_month", "is_month_only"]).reset_index(drop=True)


def drop_epoch_duplicates(pop: pd.DataFrame, epoch: pd.DataFrame) -> pd.DataFrame:
    """Rule 9: drop 2025 rows that repeat an Epoch observation (same model key, price within 10%)."""
    prices = epoch.groupby(epoch["model_name"].map(match_key))["usd_per_mtok_blended_3to1"].apply(list).to_dict()
    keep, notes = [], []
    for name, price in zip(pop["model_name"], pop["usd_per_mtok_blended_3to1"], strict=True):
        known = prices.get(match_key(name), [])
        same = any(abs(price - p) <= SAME_PRICE_TOLERANCE * p for p in known)
        keep.append(not same)
        notes.append("also in Epoch data at a different price" if known and not same else "")
    out = pop[keep].copy()
    out["epoch_note"] = [n for n, k in zip(notes, keep, strict=True) if k]
    return out


def pop_rows(sources_dir: Path, epoch: pd.DataFrame, countries: dict[str, str]) -> pd.DataFrame:
    """The 2025 Price of Progress models in our columns (rules 1-11)."""
    d = parse_pop(read_pop(sources_dir))
    d = d[d["release_date"].notna() & d["usd_per_mtok_blended_3to1"].notna()]
    d = blank_copied_scores(d)
    d = dedupe_variants(d)
    d = d[pd.to_datetime(d["release_date"]) >= POP_MIN_RELEASE]
    d = drop_epoch_duplicates(d, epoch)
    d["source_table"] = "price_of_progress"
    d["reasoning"] = d["reasoning_flag"].fillna(False).astype(bool) | d["model_name"].map(is_reasoning_name)
    sheet_creator = d["creator_sheet"].where(d["creator_sheet"].notna(), None)
    d["creator"] = [c if pd.notna(c) else creator_of(n) for c, n in zip(sheet_creator, d["model_name"], strict=True)]
    hub_country = d["creator"].map(lambda c: country_of(c, countries))
    flag_country = d["chinese_flag"].map({True: "China"})
    d["creator_country"] = hub_country.fillna(flag_country)
    d["creator_country_source"] = np.where(
        hub_country.notna(),
        "Epoch AI Benchmarking Hub",
        np.where(flag_country.notna(), "Price of Progress 'Chinese' flag", None),
    )
    lic = d["license"].str.lower().map({"open": True, "proprietary": False})
    d["open_weights"] = [
        bool(v) if pd.notna(v) else open_weights_of(n) for v, n in zip(lic, d["model_name"], strict=True)
    ]
    d["score_source"] = "Artificial Analysis via Gundlach et al. (Price of Progress table)"
    d["price_basis"] = "blended 3:1 from Artificial Analysis; input and output list prices"
    notes = []
    for row in d.itertuples():
        parts = [f"sheet row {row.file_row}"]
        if row.n_variants > 1:
            parts.append(f"{row.n_variants} variant rows collapsed")
        if row.copied_scores_blanked:
            parts.append("MMLU-Pro and LiveCodeBench blanked (identical values: column copy)")
        if row.release_date_precision == "month":
            parts.append("release month only")
        if row.epoch_note:
            parts.append(row.epoch_note)
        notes.append("; ".join(parts))
    d["curation_note"] = notes
    d["source_url"] = POP_URL
    d["publisher"] = "Gundlach et al. (MIT FutureTech); data from Artificial Analysis"
    d["published"] = POP_PUBLISHED
    d["grade"] = "B"
    return d


@curator("models")
def build_models(sources_dir: Path) -> pd.DataFrame:
    """LLM price observations with benchmark scores: Epoch AI's raw rows plus the 2025 Price of Progress rows."""
    countries = creator_country_map(sources_dir / "epoch_benchmarking_hub")
    epoch = epoch_rows(sources_dir, countries)
    pop = pop_rows(sources_dir, epoch, countries)
    d = pd.concat([epoch, pop], ignore_index=True)
    d["release_date"] = pd.to_datetime(d["release_date"]).dt.strftime("%Y-%m-%d")
    d["accessed"] = ACCESSED
    d["row_id"] = [
        slug(f"{t}-{n}-{r}") for t, n, r in zip(d["source_table"], d["model_name_raw"], d["release_date"], strict=True)
    ]
    for col in ("open_weights", "reasoning"):
        d[col] = d[col].map(lambda v: "" if v is None or pd.isna(v) else ("true" if v else "false"))
    for col in SCORE_COLUMNS + ("usd_per_mtok_input", "usd_per_mtok_output"):
        if col not in d:
            d[col] = np.nan
    order = {"epoch_aa": 0, "epoch_not_in_aa": 1, "price_of_progress": 2}
    d = d.sort_values(
        ["source_table", "release_date", "model_name_raw"],
        key=lambda s: s.map(order) if s.name == "source_table" else s,
    )
    return strip_strings(d.reset_index(drop=True))


EVAL_URL = f"{EPOCH_REPO}/blob/{EPOCH_COMMIT}/data/epoch_ai_eval_data.csv"


@curator("eval_tokens")
def build_eval_tokens(sources_dir: Path) -> pd.DataFrame:
    """Tokens used per benchmark run by model and task (Epoch AI's evaluation logs), with per-sample means.

    tokens_per_sample = total_tokens / total_samples, where total_samples = epochs x questions (each question is
    answered once per epoch). Model names are Epoch's API identifiers with an optional '_high'/'_medium'
    reasoning-effort suffix, which is split into `reasoning_effort`.
    """
    raw = pd.read_csv(sources_dir / "epoch_llm_price_trends" / "epoch_ai_eval_data.csv", dtype={"Model": str})
    d = pd.DataFrame({"model_version": raw["Model"].str.strip(), "task": raw["Task"].str.strip()})
    d["reasoning_effort"] = d["model_version"].str.extract(r"_(high|medium|low|\d+K)$", expand=False)
    d["model_id"] = d["model_version"].str.replace(r"_(high|medium|low|\d+K)$", "", regex=True)
    d["epochs"] = raw["epochs"].astype(int)
    d["total_samples"] = raw["total_samples"].astype(int)
    d["questions"] = d["total_samples"] // d["epochs"]
    for col in ("input_tokens", "output_tokens", "total_tokens"):
        d[col] = raw[col].astype(np.int64)
    d["tokens_per_sample"] = d["total_tokens"] / d["total_samples"]
    d["output_tokens_per_sample"] = d["output_tokens"] / d["total_samples"]
    d["input_tokens_per_sample"] = d["input_tokens"] / d["total_samples"]
    # Reasoning: an effort/thinking-budget suffix, or a reasoning model family by name.
    by_name = (
        d["model_id"].str.lower().str.contains(r"^(?:o1|o3|deepseek-r1|gemini-2\.0-flash-thinking|eurus)", regex=True)
    )
    d["reasoning"] = (by_name | d["reasoning_effort"].notna()).map({True: "true", False: "false"})
    d["row_id"] = [slug(f"{m}-{t}") for m, t in zip(d["model_version"], d["task"], strict=True)]
    d["source_url"] = EVAL_URL
    d["publisher"] = "Epoch AI"
    d["published"] = EPOCH_PUBLISHED
    d["accessed"] = ACCESSED
    d["grade"] = "A"
    return strip_strings(d.sort_values(["task", "model_version"]).reset_index(drop=True))
