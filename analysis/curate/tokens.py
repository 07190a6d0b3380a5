"""Curators for token-volume data: OpenRouter's weekly top models, and other token-volume observations.

Sources (under data/raw):
- `openrouter_weekly/*.json`: weekly snapshots of openrouter.ai/rankings scraped by the public GitHub repository
  johnbean393/openrouter-inference-stats (commit 02966a2e). Top ~9-10 models per week only.
- `inference_shift/token_volumes.csv`: token volumes reported by companies and the press, one row per source
  version (see that folder's README for the conflicts).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pandas as pd

from analysis.curate import curator

ACCESSED = "2026-11-26"  # the report's data-as-of date, used where a source row records no access date
RANKINGS_URL = "https://openrouter.ai/rankings"
SCRAPE_REPO = "https://github.com/johnbean393/openrouter-inference-stats"
SCRAPE_COMMIT = "02966a2eb8a98972f942d1abe5a5d7a80fc479f9"
# The scraper's first commit (2026-02-09) back-filled the weeks up to this snapshot from the rankings chart; later
# snapshots were collected live by a weekly job (sources/openrouter_weekly/README.md).
LAST_BACKFILLED_SNAPSHOT = date(2026, 2, 8)
# Within this relative gap, prompt + completion tokens "add up" to the total (live totals are shown rounded to 3
# significant figures on the rankings page, which alone makes gaps of up to ~0.5%).
BREAKDOWN_TOLERANCE = 0.02

# Creator (the model slug's author part) -> (display name, headquarters country, where the country comes from).
# Epoch = the "Country" column of Epoch AI's Benchmarking Hub (sources/epoch_benchmarking_hub) for that organisation.
# Google DeepMind is listed there as UK + US; it is counted as US here because its parent, Alphabet, is US-based.
CREATORS: dict[str, tuple[str, str, str]] = {
    "anthropic": ("Anthropic", "United States", "Epoch AI Benchmarking Hub (Anthropic)"),
    "arcee-ai": ("Arcee AI", "United States", "Epoch AI Benchmarking Hub (Arcee AI)"),
    "deepseek": ("DeepSeek", "China", "Epoch AI Benchmarking Hub (DeepSeek)"),
    "google": ("Google", "United States", "Epoch AI Benchmarking Hub (Google; DeepMind listed UK+US, parent US)"),
    "minimax": ("MiniMax", "China", "Epoch AI Benchmarking Hub (MiniMax)"),
    "moonshotai": ("Moonshot AI", "China", "Epoch AI Benchmarking Hub (Moonshot)"),
    "nvidia": ("NVIDIA", "United States", "Epoch AI Benchmarking Hub (NVIDIA)"),
    "openai": ("OpenAI", "United States", "Epoch AI Benchmarking Hub (OpenAI)"),
    "qwen": ("Alibaba (Qwen)", "China", "Epoch AI Benchmarking Hub (Alibaba)"),
    "stepfun": ("StepFun", "China", "company headquarters, Shanghai (stepfun.com)"),
    "tencent": ("Tencent", "China", "company headquarters, Shenzhen (tencent.com)"),
    "x-ai": ("xAI", "United States", "Epoch AI Benchmarking Hub (xAI)"),
    "xiaomi": ("Xiaomi", "China", "company headquarters, Beijing (mi.com)"),
    "z-ai": ("Z.ai (Zhipu AI)", "China", "Epoch AI Benchmarking Hub (Z.ai (Zhipu AI))"),
    # OpenRouter's own slugs are anonymous "stealth" models whose maker was not disclosed at the time.
    "openrouter": ("Undisclosed (OpenRouter stealth model)", "Unknown", "maker not disclosed"),
}


def week_window(snapshot: date) -> tuple[date, date]:
    """The Monday-Sunday week a snapshot covers: the last Sunday on or before the snapshot date, and 6 days back.

    Live snapshots are taken on Mondays and cover the previous Monday-Sunday; back-filled snapshots are dated on
    the Sunday that ends their week. Both rules give one continuous run of weeks with no gap or overlap, which the
    models' reported week-over-week changes confirm (e.g. Kimi K2.5 +12% between the 2026-02-08 and 2026-02-16
    files).
    """
    week_end = snapshot - timedelta(days=(snapshot.weekday() + 1) % 7)
    return week_end - timedelta(days=6), week_end


def is_backfilled(snapshot: date) -> bool:
    """True for weeks the scraper reconstructed afterwards from the rankings chart (lower confidence)."""
    return snapshot <= LAST_BACKFILLED_SNAPSHOT


# Grades of OpenRouter's rankings figures (report policy: OpenRouter's own rankings data is primary, grade A).
# Weeks the scraper back-filled stay C: its README calls them reconstructed and lower confidence, and the same
# author deleted an earlier back-fill as inaccurate. Used for openrouter_weekly and for token_volumes rows taken
# from the same scrape, so both datasets grade a week alike.
SCRAPE_GRADE_NOTES = {
    "A": "OpenRouter's own weekly rankings figures, read from openrouter.ai/rankings by a scheduled weekly scrape",
    "C": "week reconstructed afterwards from the rankings chart by the scraper, not read live: lower confidence",
}


def scrape_grade(snapshot: date) -> str:
    """Grade of one week of OpenRouter rankings data scraped by johnbean393: A if read live, C if back-filled."""
    return "C" if is_backfilled(snapshot) else "A"


def clean_model_name(name: str) -> str:
    """Drop the 'Creator: ' prefix that back-filled weeks put in front of model names ('xAI: Grok 4.1 Fast')."""
    return re.sub(r"^[^:]{1,30}:\s+", "", name).strip()


def creator_of(slug: str) -> tuple[str, str, str, str]:
    """(creator slug, display name, country, source of the country) for a model slug like 'qwen/qwen3.6-plus'."""
    creator = slug.split("/", 1)[0]
    if creator not in CREATORS:
        raise KeyError(f"model {slug!r}: creator {creator!r} has no country mapping; add it to CREATORS")
    return (creator, *CREATORS[creator])


def _breakdown(model: dict) -> dict:
    """Token breakdown and requests; None where the source has no breakdown at all (every field zero)."""
    keys = ("prompt_tokens", "completion_tokens", "reasoning_tokens", "cached_tokens")
    missing = all(model[k] == 0 for k in keys) and model["request_count"] == 0
    out = {k: (None if missing else int(model[k])) for k in keys}
    out["request_count"] = None if missing else int(model["request_count"])
    out["scraper_revenue_estimate_usd"] = None if missing else float(model["estimated_revenue"])
    return out


def parse_snapshot(payload: dict, file_name: str) -> list[dict]:
    """One row per model in one weekly snapshot (the JSON of one `openrouter_weekly/*.json` file)."""
    snapshot = date.fromisoformat(payload["date"])
    week_start, week_end = week_window(snapshot)
    backfilled = is_backfilled(snapshot)
    rows = []
    for m in payload["models"]:
        creator, creator_name, country, country_source = creator_of(m["slug"])
        row = {
            "week_start": week_start.isoformat(),
            "week_end": week_end.isoformat(),
            "snapshot_date": snapshot.isoformat(),
            "rank": int(m["rank"]),
            "model": m["slug"],
            "model_name": clean_model_name(m["name"]),
            "creator": creator,
            "creator_name": creator_name,
            "creator_country": country,
            "country_source": country_source,
            "free_variant": m["slug"].endswith(":free"),
            "is_free_reported": bool(m["is_free"]),
            "total_tokens": int(m["total_tokens"]),
            **_breakdown(m),
            "change_reported_pct": float(m["percent_change"]),
            "prompt_usd_per_mtok": float(m["prompt_price"]) * 1e6,
            "completion_usd_per_mtok": float(m["completion_price"]) * 1e6,
            "reasoning_usd_per_mtok": float(m["reasoning_price"]) * 1e6,
            "cache_read_usd_per_mtok": float(m["cache_read_price"]) * 1e6,
            "backfilled": backfilled,
        }
        row["breakdown_complete"] = breakdown_complete(row)
        row.update(
            source_url=RANKINGS_URL,
            scrape_url=f"{SCRAPE_REPO}/blob/{SCRAPE_COMMIT}/data/{file_name}",
            publisher="OpenRouter",
            published=snapshot.isoformat(),
            accessed=ACCESSED,
            grade=scrape_grade(snapshot),
        )
        row["grade_note"] = SCRAPE_GRADE_NOTES[row["grade"]]
        rows.append(row)
    return rows


def breakdown_complete(row: dict) -> bool:
    """Prompt + completion tokens equal the total within BREAKDOWN_TOLERANCE (False when the breakdown is missing)."""
    if row["prompt_tokens"] is None:
        return False
    parts = row["prompt_tokens"] + row["completion_tokens"]
    return abs(parts - row["total_tokens"]) <= BREAKDOWN_TOLERANCE * row["total_tokens"]


def _round_prices(frame: pd.DataFrame) -> pd.DataFrame:
    # USD per token x 1e6 leaves float noise (0.30000000000000004); 9 significant digits is exact for list prices.
    for col in [c for c in frame.columns if c.endswith("usd_per_mtok")]:
        frame[col] = frame[col].map(lambda v: float(f"{v:.9g}"))
    return frame


@curator("openrouter_weekly")
def build_openrouter_weekly(sources_dir: Path) -> pd.DataFrame:
    """Tidy table of OpenRouter's weekly top models: one row per (week, model)."""
    rows = []
    for path in sorted((sources_dir / "openrouter_weekly").glob("*.json")):
        rows.extend(parse_snapshot(json.loads(path.read_text(encoding="utf-8")), path.name))
    frame = pd.DataFrame(rows)
    int_cols = ["prompt_tokens", "completion_tokens", "reasoning_tokens", "cached_tokens", "request_count"]
    frame[int_cols] = frame[int_cols].astype("Int64")
    frame = _round_prices(frame)
    return frame.sort_values(["week_start", "rank", "model"], kind="stable").reset_index(drop=True)


# ---------------------------------------------------------------------------------------------------------------
# Other token-volume observations

# Unit scale words in the source's `unit` column -> tokens.
SCALE = {"trillion tokens": 1e12, "billion tokens": 1e9}
# Source metric -> (rate basis, days per basis period). Month = 365.25/12 days etc.: nominal lengths, because the
# period columns of the source often bracket when a figure was *reported*, not the exact measurement window.
RATE_BASIS: dict[str, tuple[str, float | None]] = {
    "tokens_per_minute": ("minute", 1 / 1440),
    "tokens_per_minute_peak": ("minute_peak", None),  # a peak minute is not a daily rate: no conversion
    "tokens_per_day": ("day", 1.0),
    "tokens_per_week": ("week", 7.0),
    "tokens_per_week_top10": ("week", 7.0),
    "tokens_per_month": ("month", 365.25 / 12),
    "tokens_per_quarter": ("quarter", 365.25 / 4),
    "tokens_per_half_year": ("half_year", 365.25 / 2),
    "tokens_per_year": ("year", 365.25),
    "tokens_per_year_runrate": ("year", 365.25),
    "tokens_per_year_forecast": ("year", 365.25),
}
# "just over 3T" describes another number in the same note, hence the look-behind.
LOWER_BOUND_RE = re.compile(r"lower bound|more than|(?<!just )\bover [\"$]?\d|(?:^|\")>\s?\d", re.IGNORECASE)

# Groups of rows that disagree about the same quantity (README "Conflicts"); every version is kept as its own row.
# Each rule is a predicate on a curated row; the first that matches names the row's conflict group.
CONFLICTS: dict[str, Callable[[dict], bool]] = {
    # a16z >1T/day (>7T/week) vs Series B coverage ~5T/week vs a blog's ~7T/week, all for late 2025
    "openrouter-weekly-late-2025": lambda r: (
        r["series_id"] == "OR_total" and r["period_start"] in ("2025-11-24", "2025-11-01", "2025-11-15")
    ),
    # Google's 980T/month dated June 2025 by one outlet, July 2025 by others
    "google-980t-month-dating": lambda r: r["series_id"] == "GOOG_monthly" and r["value"] == 980.0,
    # Doubao end-2025: company >50T/day vs an institutional estimate of 63T/day
    "doubao-daily-end-2025": lambda r: (
        r["series_id"] == "BYTE_doubao" and r["period_start"] in ("2025-12-01", "2025-12-31")
    ),
    # US top-10 sum 9-15 Mar 2026: media 3.294T vs scrape 3.836T
    "openrouter-us-2026-03-09": lambda r: r["segment"] == "us_models" and r["period_start"] == "2026-03-09",
    # A press "4-10 May" Chinese figure equals the scrape's previous week; its +14.41% US growth is not reproducible
    "openrouter-cn-us-2026-05-04": lambda r: (
        r["segment"] in ("chinese_models", "us_models") and r["period_start"] == "2026-05-04"
    ),
    # "Chinese share" of OpenRouter under different definitions (open-source only, providers, top-10, platform)
    "openrouter-chinese-share-definitions": lambda r: (
        r["metric"].startswith("share") and r["segment"].startswith("chinese")
    ),
}


def unit_label(source_unit: str, metric: str) -> str:
    """Explicit unit of a value, e.g. ('trillion tokens', 'tokens_per_month') -> 'trillion tokens per month'."""
    if source_unit.startswith("share"):
        return "fraction"
    basis, _ = RATE_BASIS[metric]
    return f"{source_unit} per {basis.replace('_', ' ').replace('minute peak', 'minute (peak)')}"


def tokens_per_day(value: float, source_unit: str, metric: str) -> float | None:
    """The value as tokens per day (None for shares and peak rates); nominal period lengths, see RATE_BASIS."""
    if source_unit not in SCALE:
        return None
    _, days = RATE_BASIS[metric]
    if days is None:
        return None
    return value * SCALE[source_unit] / days


def is_lower_bound(notes: str, value: float | None = None) -> bool:
    """True when the source only gave a floor: the note says 'lower bound', 'more than', 'over 100', starts with
    '>1.3T', or puts '>' right before this row's value ('>14.69T')."""
    notes = notes or ""
    if LOWER_BOUND_RE.search(notes):
        return True
    return value is not None and re.search(rf">\s?{re.escape(f'{value:g}')}(?!\d)", notes) is not None


def parse_partial_date(text: str) -> tuple[str | None, str | None]:
    """('2025-10', ...) -> ('2025-10-01', 'month'); full dates keep 'day'; a year gives 'year'; else (None, None)."""
    text = (text or "").strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return text, "day"
    if re.fullmatch(r"\d{4}-\d{2}", text):
        return f"{text}-01", "month"
    if re.fullmatch(r"\d{4}", text):
        return f"{text}-01-01", "year"
    return None, None


def conflict_group(row: dict) -> str:
    """The id of the conflict (see CONFLICTS) a token-volume row belongs to, or '' if none."""
    return next((name for name, rule in CONFLICTS.items() if rule(row)), "")


def is_scrape_url(url: str) -> bool:
    """True for a page of the johnbean393 scrape of OpenRouter's rankings (graded like openrouter_weekly)."""
    return url.startswith(SCRAPE_REPO)


def volume_note(row: dict) -> str:
    """A short note in our own words on what kind of figure a curated token-volume row is (built from its flags,
    not copied from the source's note)."""
    parts = [
        "computed by the source compilers from other figures, not stated by the publisher" * row["is_derived"],
        "a floor: the source says 'more than'" * row["is_lower_bound"],
        "a forecast, not a measurement" * row["is_forecast"],
        "a share of tokens, not a volume" * (row["unit"] == "fraction"),
        "OpenRouter's top leaderboard models only" * ("top" in row["metric"] or "top" in row["segment"]),
        "one of several versions of a disputed figure (see conflict_group)" * bool(row["conflict_group"]),
        SCRAPE_GRADE_NOTES[row["grade"]] if is_scrape_url(row["source_url"]) else "",
        "unconfirmed (weak or indirect page)" * (row["grade"] == "C" and not is_scrape_url(row["source_url"])),
    ]
    return "; ".join(p for p in parts if p) or "as reported"


@curator("token_volumes")
def build_token_volumes(sources_dir: Path) -> pd.DataFrame:
    """Token-volume observations with an explicit unit and a tokens-per-day normalisation, one row per version."""
    raw = pd.read_csv(sources_dir / "inference_shift" / "token_volumes.csv", dtype=str, keep_default_na=False)
    rows = []
    for r in raw.to_dict("records"):
        value = float(r["value"])
        published, precision = parse_partial_date(r["published"])
        row = {
            "series_id": r["series_id"],
            "organisation": r["entity"],
            "metric": r["metric"],
            "segment": r["segment"],
            "period_start": r["period_start"],
            "period_end": r["period_end"],
            "value": value,
            "unit": unit_label(r["unit"], r["metric"]),
            "tokens_per_day": tokens_per_day(value, r["unit"], r["metric"]),
            "is_lower_bound": is_lower_bound(r["notes"], value),
            "is_derived": "DERIVED" in r["notes"],
            "is_forecast": r["metric"].endswith("_forecast"),
        }
        row["conflict_group"] = conflict_group(row)
        # rows from the rankings scrape take the scrape's grade for their snapshot (see scrape_grade)
        scraped = is_scrape_url(r["source_url"]) and published is not None
        row.update(
            notes="",  # filled below from the row's flags and grade
            source_url=r["source_url"],
            publisher=r["publisher"],
            published=published,
            published_precision=precision,
            accessed=ACCESSED,
            grade=scrape_grade(date.fromisoformat(published)) if scraped else r["grade"],
        )
        row["notes"] = volume_note(row)
        rows.append(row)
    frame = pd.DataFrame(rows)
    keys = ["series_id", "segment", "metric", "period_start", "period_end", "source_url"]
    return frame.sort_values(keys, kind="stable").reset_index(drop=True)
