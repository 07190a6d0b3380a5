"""Curators `price_history` (list-price changes of LLMs) and `headline_rates` (other studies' decline rates).

price_history keeps every source version: one row per (model, date, source).
- api_list_prices rows (cost_declines/api_list_prices.csv): dates are free text, parsed by `parse_loose_date`
  ('2024-05-30 (paid tier GA)' -> day; '2025-03' -> month; '2025 (API; ...)' -> year, no date kept; the raw text
  stays in `date_text`). Price cells are parsed by `parse_money_cell`: CNY prices are kept in the native columns
  and left out of the USD columns (no exchange rate is guessed); a cell with two output prices
  ('0.6 (non-thinking) / 3.50 (thinking)') becomes two rows, one per variant. Output-only rows (the AI Index
  snapshot) have no input price and no blend.
- price_of_progress_monthly rows: the sheet's monthly input/output price columns (2024-04..2025-10), one row per
  model and month with a price; names cleaned as in `models`, exact duplicate variant rows dropped, zero
  prices treated as missing. The README warns some are back-filled (conflict 13): `caveat` says so.
headline_rates: one row per published figure as in cost_declines/headline_rates.csv; conflicting versions stay
separate rows, each tagged with the README conflict(s) it belongs to (`conflicts`).
Both: `source_url` is the page actually read (a copy or summary where only that was read, data/editorial/
page_copies.csv), `publisher` the site's publisher and `grade` the report's policy grade for it (data/editorial/
sites.csv), lowered where the compilation judged the row weaker (`grade_note` says so). Free-text notes become
short phrases of ours (data/editorial/note_phrases.yaml); the conflicts listed in cost_declines/NOTES.md are tagged
by the rules in data/editorial/price_conflicts.yaml and rate_conflicts.yaml.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.curate import curator
from analysis.curate.cleaning import (
    ACCESSED,
    blend_1to1,
    blend_3to1,
    editorial_records,
    graded_source,
    note_rules,
    paraphrase,
    parse_loose_date,
    parse_money_cell,
    parse_month_text,
    parse_price,
    require_each,
    slug,
    split_urls,
    strip_strings,
)
from analysis.curate.models import POP_PUBLISHED, POP_URL, canonical_name, creator_of, read_pop

COST_DIR = "cost_declines"
MONTH_COL = re.compile(r"^(\d{1,2})/1/(\d{4}) (input|output) price$")

POP_CAVEAT = (
    "conflict 13: monthly snapshot column; may be back-filled before the price applied (use for changes after mid-2024)"
)


def _price_conflict_matches(rule: dict, provider: str, model: str) -> bool:
    p, m = str(provider).lower(), str(model).lower()
    return bool(re.search(rule["provider_pattern"] or "", p) and re.search(rule["model_pattern"], m))


def price_conflict(provider: str, model: str) -> str:
    """The source conflict note (data/editorial/price_conflicts.yaml) that concerns this (provider, model), or ''."""
    notes = [r["note"] for r in editorial_records("price_conflicts") if _price_conflict_matches(r, provider, model)]
    return "; ".join(notes)


def check_price_conflicts(d: pd.DataFrame) -> None:
    """Every price conflict rule must tag at least one row: a rule that matches nothing is stale."""
    pairs = list(zip(d["provider"], d["model"], strict=True))
    require_each(
        "price_conflicts",
        editorial_records("price_conflicts"),
        "model_pattern",
        lambda r: any(_price_conflict_matches(r, p, m) for p, m in pairs),
        "matches no price_history row",
    )


def list_price_rows(sources_dir: Path) -> pd.DataFrame:
    """cost_declines/api_list_prices.csv as tidy rows (see the module docstring for the rules)."""
    raw = pd.read_csv(sources_dir / COST_DIR / "api_list_prices.csv", dtype=str)
    rules = note_rules("price_history", raw["notes"])
    rows = []
    for i, r in enumerate(raw.itertuples(index=False), start=1):
        when, precision = parse_loose_date(r.launch_or_change_date)
        url, url_rest = split_urls(r.source_url)
        url, publisher, grade, grade_note = graded_source(url, r.grade)
        inputs = parse_money_cell(r.input_usd_per_mtok)
        outputs = parse_money_cell(r.output_usd_per_mtok) or [("", np.nan, "USD")]
        inp = inputs[0] if inputs else ("", np.nan, "USD")
        for label, out_value, out_cur in outputs:
            currency = inp[2] if inputs else out_cur
            model = f"{r.model} [{label} output]" if label else r.model
            usd_in = inp[1] if currency == "USD" else np.nan
            usd_out = out_value if out_cur == "USD" else np.nan
            rows.append(
                {
                    "source_kind": "api_list_prices",
                    "source_row": i,
                    "provider": r.provider,
                    "model": model,
                    "effective_date": when,
                    "date_precision": precision,
                    "date_text": r.launch_or_change_date,
                    "currency": currency,
                    "input_price_native_per_mtok": inp[1],
                    "output_price_native_per_mtok": out_value,
                    "input_usd_per_mtok": usd_in,
                    "output_usd_per_mtok": usd_out,
                    "notes": paraphrase(r.notes, rules),
                    "source_detail": url_rest,
                    "source_url": url,
                    "publisher": publisher,
                    "published": when,
                    "grade": grade,
                    "grade_note": grade_note,
                    "caveat": "",
                }
            )
    return pd.DataFrame(rows)


def monthly_columns(columns: list[str]) -> list[tuple[pd.Timestamp, str, str]]:
    """[(month, 'input'|'output', column)] for the sheet's 'M/1/YYYY input price' columns."""
    out = []
    for c in columns:
        m = MONTH_COL.match(c)
        if m:
            out.append((pd.Timestamp(int(m[2]), int(m[1]), 1), m[3], c))
    return out


def pop_monthly_rows(sources_dir: Path) -> pd.DataFrame:
    """One row per model and month with a price in the Price of Progress monthly columns."""
    raw = read_pop(sources_dir)
    raw = raw[raw["Model"].notna()]
    cols = monthly_columns(list(raw.columns))
    months = sorted({m for m, _, _ in cols})
    by = {(m, kind): c for m, kind, c in cols}
    rows = []
    for r in raw.to_dict("records"):
        name = canonical_name(r["Model"].strip())
        provider = r["Creator"] if isinstance(r["Creator"], str) else creator_of(name)
        for m in months:
            inp = parse_price(r.get(by.get((m, "input"), ""), np.nan))
            out = parse_price(r.get(by.get((m, "output"), ""), np.nan))
            if np.isnan(inp) and np.isnan(out):
                continue
            rows.append(
                {
                    "source_kind": "price_of_progress_monthly",
                    "source_row": r["file_row"],
                    "provider": provider or "",
                    "model": name,
                    "effective_date": m.date(),
                    "date_precision": "month",
                    "date_text": f"{m.month}/1/{m.year} columns",
                    "currency": "USD",
                    "input_price_native_per_mtok": inp,
                    "output_price_native_per_mtok": out,
                    "input_usd_per_mtok": inp,
                    "output_usd_per_mtok": out,
                    "notes": "",
                    "source_detail": "monthly price columns",
                    "source_url": POP_URL,
                    "publisher": "Gundlach et al. (MIT FutureTech); data from Artificial Analysis",
                    "published": POP_PUBLISHED,
                    "grade": "B",
                    "grade_note": "",
                    "caveat": POP_CAVEAT,
                }
            )
    d = pd.DataFrame(rows)
    # Variant rows ('(Option 2)') repeat the same prices: keep the first sheet row per (model, month, prices).
    return d.drop_duplicates(["model", "effective_date", "input_usd_per_mtok", "output_usd_per_mtok"])


@curator("price_history")
def build_price_history(sources_dir: Path) -> pd.DataFrame:
    """List-price observations of LLMs over time from two sources, every version kept."""
    d = pd.concat([list_price_rows(sources_dir), pop_monthly_rows(sources_dir)], ignore_index=True)
    both = d["input_usd_per_mtok"].notna() & d["output_usd_per_mtok"].notna()
    d["blended_3to1_usd_per_mtok"] = np.where(
        both, blend_3to1(d["input_usd_per_mtok"], d["output_usd_per_mtok"]), np.nan
    )
    d["blended_1to1_usd_per_mtok"] = np.where(
        both, blend_1to1(d["input_usd_per_mtok"], d["output_usd_per_mtok"]), np.nan
    )
    check_price_conflicts(d)
    d["conflict"] = [price_conflict(p, m) for p, m in zip(d["provider"], d["model"], strict=True)]
    d["conflict"] = ["; ".join(x for x in (c, k) if x) for c, k in zip(d["conflict"], d["caveat"], strict=True)]
    for col in ("effective_date", "published"):
        d[col] = pd.to_datetime(d[col]).dt.strftime("%Y-%m-%d")
    d["accessed"] = ACCESSED
    d["row_id"] = [
        slug(f"{k}-{r}-{m}-{e if isinstance(e, str) else 'undated'}")
        for k, r, m, e in zip(d["source_kind"], d["source_row"], d["model"], d["effective_date"], strict=True)
    ]
    d = d.sort_values(["source_kind", "source_row", "model", "effective_date"], na_position="last")
    return strip_strings(d.reset_index(drop=True))


# --- headline rates -------------------------------------------------------------------------------------------


def _rate_conflict_matches(rule: dict, org: str, metric: str, scope: str) -> bool:
    return bool(
        re.search(rule["org_pattern"] or "", str(org))
        and re.search(rule["metric_pattern"], str(metric))
        and re.search(rule["scope_pattern"] or "", str(scope))
    )


def rate_conflicts(org: str, metric: str, scope: str) -> str:
    """The source conflict notes (data/editorial/rate_conflicts.yaml) that concern one headline row, '; '-joined."""
    rules = editorial_records("rate_conflicts")
    notes = [r["note"] for r in rules if _rate_conflict_matches(r, org, metric, scope)]
    return "; ".join(dict.fromkeys(notes))


def check_rate_conflicts(raw: pd.DataFrame) -> None:
    """Every headline conflict rule must tag at least one row: a rule that matches nothing is stale."""
    rows = list(zip(raw["source_org"], raw["metric"], raw["scope"], strict=True))
    require_each(
        "rate_conflicts",
        editorial_records("rate_conflicts"),
        "metric_pattern",
        lambda r: any(_rate_conflict_matches(r, *row) for row in rows),
        "matches no headline_rates row",
    )


def parse_rate_value(text: object) -> tuple[float, float, float]:
    """(value, low, high) from a value cell: '12.24' -> (12.24, nan, nan); '9 to 900' -> (nan, 9, 900);
    '5.315 = 1.155 x 1.7 x 2.707' -> (5.315, nan, nan) (the product's total; the factors stay in value_text)."""
    s = str(text).strip()
    m = re.fullmatch(r"([\d.]+)\s+to\s+([\d.]+)", s)
    if m:
        return np.nan, float(m[1]), float(m[2])
    m = re.match(r"([\d.]+)(\s*=|$)", s)
    if m:
        return float(m[1]), np.nan, np.nan
    raise ValueError(f"unparsed rate value {text!r}")


def metric_unit(metric: str) -> str:
    """The unit of a headline metric, from its name."""
    rules = (
        (r"factor_per_year", "factor per year"),
        (r"pct_per_year", "percent per year"),
        (r"pct_total", "percent (total)"),
        (r"doubling_time_years", "years"),
        (r"usd_per_mtok", "USD per million tokens"),
        (r"fold_total", "factor (total)"),
        (r"_usd$", "USD"),
        (r"speedup_factor", "factor"),
        (r"decomposition", "factor per year (product)"),
    )
    for pattern, unit in rules:
        if re.search(pattern, metric):
            return unit
    raise ValueError(f"no unit rule for metric {metric!r}")


def ci_level(notes: object) -> float:
    """The confidence level (percent) stated in the notes ('95% CI', '90% CI'); NaN when not stated."""
    m = re.search(r"(\d{2})% CI", str(notes))
    return float(m[1]) if m else np.nan


@curator("headline_rates")
def build_headline_rates(sources_dir: Path) -> pd.DataFrame:
    """Other studies' headline decline rates, one row per published figure and version."""
    raw = pd.read_csv(sources_dir / COST_DIR / "headline_rates.csv", dtype=str)
    d = pd.DataFrame({"source_org": raw["source_org"], "publication": raw["publication"]})
    d["source_row"] = np.arange(1, len(raw) + 1)
    d["metric"], d["scope"] = raw["metric"], raw["scope"]
    d["value_text"] = raw["value"]
    parsed = raw["value"].map(parse_rate_value)
    d["value"] = [p[0] for p in parsed]
    d["value_low"] = [p[1] for p in parsed]
    d["value_high"] = [p[2] for p in parsed]
    d["unit"] = raw["metric"].map(metric_unit)
    d["ci_low"] = pd.to_numeric(raw["ci_low"])
    d["ci_high"] = pd.to_numeric(raw["ci_high"])
    d["ci_level_pct"] = raw["notes"].map(ci_level)
    d["period_start"] = raw["period_start"].map(parse_month_text)
    d["period_end"] = raw["period_end"].map(parse_month_text)
    rules = note_rules("headline_rates", raw["notes"])
    d["method_notes"] = raw["notes"].map(lambda t: paraphrase(t, rules))
    check_rate_conflicts(raw)
    d["conflicts"] = [
        rate_conflicts(o, m, s) for o, m, s in zip(raw["source_org"], raw["metric"], raw["scope"], strict=True)
    ]
    graded = [graded_source(split_urls(u)[0], g) for u, g in zip(raw["source_url"], raw["grade"], strict=True)]
    d["source_url"] = [g[0] for g in graded]
    d["publisher"] = [g[1] for g in graded]
    d["published"] = raw["published"].map(parse_month_text)
    d["published_precision"] = raw["published"].map(
        lambda s: "" if pd.isna(s) else ("day" if re.fullmatch(r"\d{4}-\d{2}-\d{2}", s) else "month")
    )
    d["accessed"] = ACCESSED
    d["grade"] = [g[2] for g in graded]
    d["grade_note"] = [g[3] for g in graded]
    for col in ("period_start", "period_end", "published"):
        d[col] = pd.to_datetime(d[col]).dt.strftime("%Y-%m-%d")
    d["row_id"] = [
        slug(f"{i:02d}-{o[:24]}-{m}") for i, o, m in zip(d["source_row"], d["source_org"], d["metric"], strict=True)
    ]
    return strip_strings(d.sort_values("source_row").reset_index(drop=True))
