"""Curate the compute-deal datasets: `compute_deals`, `deal_events` and `cost_priors`.

Sources (all under data/raw):
- deals/compute_deals.csv: one row per deal per source version (values, bases, durations, capacities as free text);
- deals/claims_cerebras.csv: one row per (claim, source) for the article's Cerebras claims and background checks;
- cost_declines/hardware_specs.csv and epoch_hardware/hardware_prices.csv: accelerator prices, power, cloud rates.

Cleaning rules live in the small parsers below (tested in tests/test_curate_deals.py). Where sources disagree
every version keeps its own row; nothing is averaged or dropped here.

What a person decided lives in data/editorial/ (see `analysis.editorial`): whether each deal was confirmed
(deal_confirmation), values the parsers would misread (deal_value_overrides), our notes and claim wording
(deal_notes, deal_claim_notes, deal_claim_families; `deals_notes`). An editorial row naming a ledger row that does
not exist fails curation.

`cost_priors` mixes two kinds of rows: values looked up in the sources tree and values from public pages found
during research (filings, company docs, CBRE, Cushman & Wakefield, Uptime Institute, NVIDIA docs, EIA), recorded in
data/editorial/cost_priors_web.yaml with URL, publisher, date and grade. For the first kind,
data/editorial/cost_priors_sourced.yaml names the raw row and cell, how the number is read and the range set around
it; curation looks each value up at curation time, so a changed source fails loudly. Each prior is a range (low,
central, high), never a point, unless the quantity is a contract term.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path
from typing import NoReturn

import numpy as np
import pandas as pd

from analysis.curate import curator
from analysis.curate.cleaning import cell_text, editorial_records, parse_loose_date, require_each, to_iso
from analysis.curate.deals_notes import CLAIM_NOTES, DEAL_NOTES, check_keys, claim_text, note_for
from analysis.data import DataValidationError

ACCESSED = "2026-11-26"  # the report's "data as of" date; the deal sources record no access date
ARTICLE_HOST = "itiger.com"  # the article under examination (Tiger Brokers news, 17 Apr 2026)
VALUE_BASES = ("over", "up to", "about", "exact", "range", "undisclosed")
DEALS_LEDGER = "data/raw/deals/compute_deals.csv"
CLAIMS_LEDGER = "data/raw/deals/claims_cerebras.csv"

_NUM = r"\d[\d,]*(?:\.\d+)?"
_SCALE_TO_BN = {
    "t": 1000.0,
    "tn": 1000.0,
    "trillion": 1000.0,
    "b": 1.0,
    "bn": 1.0,
    "billion": 1.0,
    "m": 0.001,
    "mn": 0.001,
    "million": 0.001,
}


# --- small parsers -------------------------------------------------------------------------------------------


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def basis_from_text(text: str | None) -> str | None:
    """The value basis a phrase states: 'over', 'up to', 'about' or None when it says none of them.

    Order matters: 'over $20B; up to ~$30B' is a floor first ('over'); a lone '~' or 'about' is an estimate.
    """
    if text is None or (isinstance(text, float) and np.isnan(text)):
        return None
    # 'over 4 years' / 'over the next three years' is a span of time, not a floor on the value.
    low = re.sub(r"over (?:the )?(?:next )?(?:\w+ )?(?:years?|months?)\b", "", str(text).lower())
    hits = {
        "over": min((low.find(w) for w in ("over", "more than", "at least", ">") if w in low), default=-1),
        "up to": low.find("up to"),
        "about": min(
            (low.find(w) for w in ("about", "~", "approximately", "roughly", "around") if w in low), default=-1
        ),
    }
    found = {k: v for k, v in hits.items() if v >= 0}
    return min(found, key=found.get) if found else None


def parse_usd_bn(text: str) -> tuple[float | None, float | None, str]:
    """A money phrase ('over $10B', 'up to $1.4T', '$350M', '~20 (>20)', '$17.4-19.4B') as (low, high, basis).

    Values are in USD billion. 'over X' gives (X, None, 'over'); 'up to X' gives (None, X, 'up to'); 'about X' and
    a bare 'X' give (X, X, 'about'/'exact'); 'X-Y' gives (X, Y, 'range'). A phrase with no number is
    'undisclosed'. Bare numbers without a unit are taken as USD billion (the sources' column unit).
    """
    s = str(text).strip()
    m = re.search(rf"\$?({_NUM})\s*(?:-|–|to)\s*\$?({_NUM})\s*(tn|t|bn|b|mn|m|trillion|billion|million)?\b", s, re.I)
    if m and "up to" not in s.lower()[: m.start()]:
        scale = _SCALE_TO_BN[(m.group(3) or "b").lower()]
        return round(_number(m.group(1)) * scale, 9), round(_number(m.group(2)) * scale, 9), "range"
    m = re.search(rf"\$?({_NUM})\s*(tn|t|bn|b|mn|m|trillion|billion|million)?\b", s, re.I)
    if not m:
        return None, None, "undisclosed"
    value = round(_number(m.group(1)) * _SCALE_TO_BN[(m.group(2) or "b").lower()], 9)
    basis = basis_from_text(s[: m.start()] or s) or "exact"
    if basis == "over":
        return value, None, "over"
    if basis == "up to":
        return None, value, "up to"
    return value, value, basis


def deal_value(low: float | None, high: float | None, basis_text: str) -> tuple[float | None, float | None, str]:
    """Clean the ledger's (low, high, basis text) triple into (value_low, value_high, value_basis).

    Rules: no number -> 'undisclosed'; both bounds -> 'range'; only a high bound -> 'up to'; only a low bound ->
    the basis the text states ('over'/'up to'/'about'), else 'exact' (then high = low).
    """
    low = None if low is None or pd.isna(low) else float(low)
    high = None if high is None or pd.isna(high) else float(high)
    if low is None and high is None:
        return None, None, "undisclosed"
    if low is not None and high is not None:
        return low, high, "range"
    if low is None:
        return None, high, "up to"
    basis = basis_from_text(basis_text) or "exact"
    if basis == "over":
        return low, None, "over"
    if basis == "up to":
        return None, low, "up to"
    return low, low, basis


def leading_number(text: object) -> float | None:
    """The first number in a cell ('~5 (through Oct 2030)' -> 5.0, '750 (expandable to 2,000)' -> 750.0).

    Cells that start with words ('multi-year', 'through 2028', 'not disclosed', 'from 2027') give None: a number
    that appears only later in such a cell is a year or a condition, not the quantity.
    """
    if text is None or (isinstance(text, float) and np.isnan(text)):
        return None
    m = re.match(rf"^\s*(?:~|up to\s+|about\s+)?({_NUM})\+?(?:\s|$|\()", str(text), re.I)
    return _number(m.group(1)) if m else None


def capacity_option_mw(text: object) -> float | None:
    """An expansion option stated in a capacity cell ('750 (expandable to 2,000)' -> 2000.0), else None."""
    if text is None or (isinstance(text, float) and np.isnan(text)):
        return None
    m = re.search(rf"(?:expandable|option)\s+to\s+({_NUM})", str(text), re.I)
    return _number(m.group(1)) if m else None


def partial_date(text: object) -> tuple[str | None, str | None]:
    """The first date in a cell as (ISO date, precision): '2025-03' -> ('2025-03-01', 'month').

    Rules: the first YYYY-MM-DD, YYYY-MM or YYYY token wins (later ones are other events of the same row, kept in
    the raw text column); month and year precision fill day/month with 01. 'n/a' or no token gives (None, None).
    """
    if text is None or (isinstance(text, float) and np.isnan(text)):
        return None, None
    m = re.search(r"\b(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?\b", str(text))
    if not m:
        return None, None
    year, month, day = m.group(1), m.group(2), m.group(3)
    if day:
        return date(int(year), int(month), int(day)).isoformat(), "day"
    if month:
        return date(int(year), int(month), 1).isoformat(), "month"
    return date(int(year), 1, 1).isoformat(), "year"


def purpose_class(text: str) -> str:
    """Workload class from the ledger's purpose text: inference, training, mixed or financing (first word wins)."""
    low = str(text).lower()
    if "financing" in low:
        return "financing"
    for word in ("inference", "training", "mixed"):
        if low.startswith(word):
            return word
    return "mixed"


def split_row_id(row_id: str) -> tuple[str, str]:
    """'CER-01a' -> ('CER-01', 'a'); ids without a version letter are version 'a' ('OAI-TOTAL')."""
    m = re.fullmatch(r"(.*\d)([a-z])", row_id)
    return (m.group(1), m.group(2)) if m else (row_id, "a")


# --- compute_deals -------------------------------------------------------------------------------------------


def _confirmation(deal_ids: set[str]) -> dict[str, tuple[bool, str]]:
    """deal id -> (confirmed, why), from data/editorial/deal_confirmation.yaml; every deal needs exactly one row."""
    check_keys("deal_confirmation", "deal_id", deal_ids, DEALS_LEDGER)
    table = {
        r["deal_id"]: (bool(r["confirmed"]), r["confirmation_basis"]) for r in editorial_records("deal_confirmation")
    }
    missing = sorted(deal_ids - set(table))
    if missing:
        raise KeyError(f"deals without a confirmation judgement in data/editorial/deal_confirmation.yaml: {missing}")
    return table


def _value_overrides(deal_ids: set[str]) -> dict[str, tuple[float | None, float | None, str, str]]:
    """deal id -> (low, high, basis, reason) for ledger values the generic rules would misread (see the table)."""
    check_keys("deal_value_overrides", "deal_id", deal_ids, DEALS_LEDGER)
    return {
        r["deal_id"]: (r["value_low_usd_bn"], r["value_high_usd_bn"], r["value_basis"], r["reason"])
        for r in editorial_records("deal_value_overrides")
    }


def _text(cell: object) -> object:
    """A ledger text cell as written, or None when empty."""
    return cell if pd.notna(cell) else None


def _precision_note(text: object) -> str | None:
    s = str(text)
    if s in ("n/a", "nan", ""):
        return "no date shown"
    return "inferred from URL" if "inferred from URL" in s else None


def _value_columns(rec: dict, override: tuple | None) -> tuple[dict, str | None]:
    """The headline value of one ledger row (parsed, or the editorial override) and the override's reason."""
    low, high, basis = deal_value(rec["value_usd_bn_low"], rec["value_usd_bn_high"], rec["value_basis"])
    reason = None
    if override:
        low, high, basis, reason = override
    value = {"value_low_usd_bn": low, "value_high_usd_bn": high, "value_basis": basis}
    return {**value, "value_basis_text": _text(rec["value_basis"])}, reason


def _deal_note(rec: dict, override_reason: str | None) -> str | None:
    """Our note for a ledger row, with the reason for any value override appended as a curation note."""
    notes = note_for(DEAL_NOTES, rec["deal_id"], rec["notes"]) or ""
    if override_reason:
        notes = f"{notes} [curation: {override_reason}]".strip()
    return notes or None


def _term_columns(rec: dict) -> dict:
    """Duration, capacity, hardware, equity and purpose of one ledger row: parsed values beside the text."""
    cap_mw = leading_number(rec["capacity_mw"])
    return {
        "duration_years": leading_number(rec["duration_years"]),
        "duration_text": _text(rec["duration_years"]),
        "capacity_mw": cap_mw,
        "capacity_gw": None if cap_mw is None else cap_mw / 1000,
        "capacity_option_mw": capacity_option_mw(rec["capacity_mw"]),
        "capacity_text": _text(rec["capacity_mw"]),
        "hardware": _text(rec["hardware"]),
        "equity_component": _text(rec["equity_component"]),
        "purpose": purpose_class(rec["purpose"]),
        "purpose_text": rec["purpose"],
    }


def _source_columns(rec: dict) -> dict:
    published, pub_precision = partial_date(rec["published"])
    return {
        "source_url": rec["source_url"],
        "publisher": rec["publisher"],
        "published": published,
        "published_note": _precision_note(rec["published"]) if pub_precision != "day" else None,
        "accessed": ACCESSED,
        "grade": rec["grade"],
    }


def clean_deals(raw: pd.DataFrame) -> pd.DataFrame:
    """The tidy compute_deals table from the raw ledger (one row per deal per source version)."""
    deal_ids = {split_row_id(r)[0] for r in raw["deal_id"]}
    confirmation, overrides = _confirmation(deal_ids), _value_overrides(deal_ids)
    check_keys("deal_notes", "row_id", raw["deal_id"], DEALS_LEDGER)
    rows = []
    for rec in raw.to_dict("records"):
        deal_id, version_id = split_row_id(rec["deal_id"])
        announced, precision = partial_date(rec["announced"])
        confirmed, why = confirmation[deal_id]
        is_article = ARTICLE_HOST in str(rec["source_url"])
        value, override_reason = _value_columns(rec, overrides.get(deal_id))
        rows.append(
            {
                "deal_id": deal_id,
                "version_id": version_id,
                "source_row_id": rec["deal_id"],
                "announced": announced,
                "announced_precision": precision,
                "announced_text": str(rec["announced"]),
                "buyer": rec["buyer"],
                "seller": rec["seller"],
                **value,
                **_term_columns(rec),
                # The article under examination is never a confirmation, whatever the deal's judgement says.
                "confirmed": bool(confirmed) and not is_article,
                "confirmation_basis": "the article under examination (unsourced)" if is_article else why,
                "is_article_claim": is_article,
                "notes": _deal_note(rec, override_reason),
                **_source_columns(rec),
            }
        )
    return pd.DataFrame(rows).sort_values(["deal_id", "version_id"], kind="stable").reset_index(drop=True)


@curator("compute_deals")
def build_compute_deals(sources_dir: Path) -> pd.DataFrame:
    """compute_deals: the deal ledger, one row per deal per source version, values parsed and classed."""
    raw = pd.read_csv(sources_dir / "deals" / "compute_deals.csv", dtype=str, keep_default_na=False, na_values=[""])
    return clean_deals(raw)


# --- deal_events ---------------------------------------------------------------------------------------------

# The OpenAI-Cerebras relationship as dated events; each article claim (C..) or background check (B..) maps to one.
_EVENTS: dict[str, tuple[str, str, str]] = {
    # event_id: (date as most sources give it, precision, label)
    "E1-loan-warrant": ("2025-12-01", "month", "OpenAI lends Cerebras working capital; Cerebras grants a warrant"),
    "E2-jan-agreement": ("2026-01-14", "day", "Agreement for up to 750 MW over three years"),
    "E3-apr-expansion": ("2026-04-16", "day", "Expanded commitment reported (The Information, Reuters)"),
    "E4-s1-filing": ("2026-04-17", "day", "Cerebras files its S-1 publicly"),
    "E5-ipo-pricing": ("2026-05-13", "day", "IPO priced"),
    "E6-first-trade": ("2026-05-14", "day", "First day of trading (Nasdaq: CBRS)"),
}
_CLAIM_EVENT = {
    "C01": "E3-apr-expansion",
    "C02": "E1-loan-warrant",
    "C03": "E2-jan-agreement",
    "C04": "E2-jan-agreement",
    "C05": "E1-loan-warrant",
    "C06": "E3-apr-expansion",
    "C07": "E4-s1-filing",
}
_BACKGROUND_EVENT = {"B01-d": "E5-ipo-pricing", "B01-e": "E6-first-trade", "B02-f": "E4-s1-filing"}
# C02-a..c say only that warrants exist: they report the April story, not the December grant.
_EVENT_OVERRIDES = {"C02-a": "E3-apr-expansion", "C02-b": "E3-apr-expansion", "C02-c": "E3-apr-expansion"}


def claim_quantities(claim_id: str, value: str, unit: str) -> list[dict]:
    """Split one claim cell into tidy (quantity, low, high, basis, unit) rows.

    '300 / 10%' -> a spend threshold and a stake; '33' with unit 'million shares' -> warrant shares; '~1 at 6%
    interest' -> a loan of about 1; dates and words are kept as text with quantity 'date' or 'qualitative'.
    """
    family = claim_id[:3]
    text = str(value).strip()
    out: list[dict] = []
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}.*", text):
        return [{"quantity": "filing_date", "low": None, "high": None, "basis": "exact", "unit": "date"}]
    if family == "B01" and "close" in text:
        pct = re.search(rf"\+?({_NUM})%", text)
        close = re.search(rf"close \$({_NUM})", text)
        out.append(
            {
                "quantity": "first_day_change_pct",
                "low": _number(pct.group(1)),
                "high": _number(pct.group(1)),
                "basis": "exact",
                "unit": "percent",
            }
        )
        out.append(
            {
                "quantity": "first_day_close_usd",
                "low": _number(close.group(1)),
                "high": _number(close.group(1)),
                "basis": "exact",
                "unit": "USD per share",
            }
        )
        return out
    if family == "C06":
        parts = [p.strip() for p in text.split("/")]
        for part in parts:
            if part.endswith("%"):
                low, high, basis = parse_usd_bn(part.rstrip("%"))
                out.append(
                    {"quantity": "stake_ceiling_pct", "low": low, "high": high, "basis": basis, "unit": "percent"}
                )
            else:
                low, high, basis = parse_usd_bn(part)
                out.append(
                    {
                        "quantity": "spend_threshold_usd_bn",
                        "low": low,
                        "high": high,
                        "basis": basis,
                        "unit": "USD billion",
                    }
                )
        return out
    if not re.search(r"\d", text):
        return [{"quantity": "qualitative", "low": None, "high": None, "basis": "undisclosed", "unit": "n/a"}]
    low, high, basis = parse_usd_bn(text)
    pct = re.search(rf"(up to\s+)?({_NUM})%", text)
    if family == "C02" and pct:
        value = _number(pct.group(2))
        low, high, basis = (None, value, "up to") if pct.group(1) else (value, value, "exact")
        quantity, unit_out = "stake_ceiling_pct", "percent"
    elif family == "C02":
        quantity, unit_out = "warrant_shares_m", "million shares"
    elif family == "C03":
        quantity, unit_out = "capacity_mw", "MW"
    elif family == "C05":
        quantity, unit_out = "loan_usd_bn", "USD billion"
        rate = re.search(rf"({_NUM})% interest", text)
        if rate:  # '~1 at 6% interest': the loan and its interest rate are two quantities
            out.append(
                {
                    "quantity": "loan_rate_pct",
                    "low": _number(rate.group(1)),
                    "high": _number(rate.group(1)),
                    "basis": "exact",
                    "unit": "percent",
                }
            )
    elif family == "B01":
        quantity, unit_out = "ipo_price_usd", "USD per share"
    elif family == "B02":
        quantity, unit_out = "rpo_usd_bn", "USD billion"
    else:
        quantity, unit_out = "commitment_usd_bn", "USD billion"
    return [{"quantity": quantity, "low": low, "high": high, "basis": basis, "unit": unit_out}, *out]


def clean_events(claims: pd.DataFrame) -> pd.DataFrame:
    """deal_events from the claim ledger: one row per (claim source, quantity), each tied to a dated event."""
    check_keys("deal_claim_notes", "claim_id", claims["claim_id"], CLAIMS_LEDGER)
    check_keys("deal_claim_families", "family", {c[:3] for c in claims["claim_id"]}, CLAIMS_LEDGER)
    rows = []
    for rec in claims.to_dict("records"):
        cid = rec["claim_id"]
        event_id = _EVENT_OVERRIDES.get(cid) or _BACKGROUND_EVENT.get(cid) or _CLAIM_EVENT.get(cid[:3])
        if event_id is None:
            continue  # background checks that are not events of the relationship (revenue, concentration)
        canonical, precision, label = _EVENTS[event_id]
        published, pub_precision = partial_date(rec["published"])
        for q in claim_quantities(cid, rec["value"], rec["unit"]):
            event_date, event_precision = canonical, precision
            if q["quantity"] == "filing_date":
                event_date, event_precision = partial_date(rec["value"])
            rows.append(
                {
                    "event_id": event_id,
                    "claim_id": cid,
                    "quantity": q["quantity"],
                    "event_date": event_date,
                    "event_date_precision": event_precision,
                    "event_label": label,
                    "value_low": q["low"],
                    "value_high": q["high"],
                    "value_basis": q["basis"],
                    "unit": q["unit"],
                    "value_text": str(rec["value"]),
                    "claim": claim_text(cid, rec["claim"]),
                    "agrees_with_article": rec["agrees_with_article"],
                    "is_article_claim": ARTICLE_HOST in str(rec["source_url"]),
                    "notes": note_for(CLAIM_NOTES, cid, rec["notes"], "deal_claim_notes"),
                    "source_url": rec["source_url"],
                    "publisher": rec["publisher"],
                    "published": published,
                    "published_note": _precision_note(rec["published"]) if pub_precision != "day" else None,
                    "accessed": ACCESSED,
                    "grade": rec["grade"],
                }
            )
    frame = pd.DataFrame(rows)
    return frame.sort_values(["event_id", "claim_id", "quantity"], kind="stable").reset_index(drop=True)


@curator("deal_events")
def build_deal_events(sources_dir: Path) -> pd.DataFrame:
    """deal_events: the OpenAI-Cerebras timeline, each reported value per source version with its grade."""
    claims = pd.read_csv(
        sources_dir / "deals" / "claims_cerebras.csv", dtype=str, keep_default_na=False, na_values=[""]
    )
    return clean_events(claims)


# --- cost_priors ---------------------------------------------------------------------------------------------

_PRIOR_FIELDS = (
    "parameter",
    "label",
    "group",
    "unit",
    "low",
    "central",
    "high",
    "distribution",
    "role",
    "basis",
    "source_url",
    "publisher",
    "published",
    "accessed",
    "grade",
)


def _web_priors() -> list[dict]:
    """Priors from public pages read during research (data/editorial/cost_priors_web.yaml), as cost_priors rows."""
    dates = {"published": to_iso, "accessed": to_iso}
    return [{f: dates.get(f, lambda v: v)(r[f]) for f in _PRIOR_FIELDS} for r in editorial_records("cost_priors_web")]


# Priors read from data/raw. What to read, how, and the range set around it are entries of
# data/editorial/cost_priors_sourced.yaml (the vocabulary is in its schema); the code only looks up, applies, checks.
SOURCED_PRIORS = "cost_priors_sourced"
_LOOKUPS = {  # lookup kind -> (raw file under data/raw, raw key column -> the entry field naming it)
    "hardware_specs": ("cost_declines/hardware_specs.csv", {"chip_or_system": "lookup_row", "metric": "lookup_metric"}),
    "hardware_prices": ("epoch_hardware/hardware_prices.csv", {}),  # by Hardware model and Price date: see _select
    "deals": ("deals/compute_deals.csv", {"deal_id": "lookup_row"}),
    "claims": ("deals/claims_cerebras.csv", {"claim_id": "lookup_row"}),
    "api_list_prices": ("cost_declines/api_list_prices.csv", {"model": "lookup_row"}),
}
_EXTRACTS = {  # extract kind -> the range rules it can feed
    **dict.fromkeys(("number", "number_in", "percent_in"), ("fixed", "scaled", "low_is_value")),
    **dict.fromkeys(("kw_range", "quantiles", "versions"), ("extracted",)),
    "none": ("stated",),
}
_RANGES = ("fixed", "scaled", "low_is_value", "stated", "extracted")
_KIND_COLUMNS = ("lookup", "extract", "range")
_KIND_FIELDS = {  # lookup, extract or range kind -> the optional entry fields it needs (unneeded ones stay empty)
    "hardware_specs": ("lookup_metric",),
    "hardware_prices": ("lookup_since",),
    "kw_range": ("reference_system",),
    "versions": ("also_rows",),
    "scaled": ("low_factor", "high_factor"),
    "low_is_value": ("central", "high"),
    "stated": ("low", "central", "high"),
}
_ENTRY_CHECKS = (  # (column, ok(entry), rule), after lookup and extract kinds are known
    ("range", lambda r: r["range"] in _EXTRACTS[r["extract"]], "not a range rule this extract kind can feed"),
    ("distribution", lambda r: (r["distribution"] == "fixed") == (r["range"] == "fixed"), "fixed iff range fixed"),
    (
        "extract",
        lambda r: r["extract"] not in ("number_in", "percent_in") or bool(r["text_before"] or r["text_after"]),
        "number_in and percent_in need text_before or text_after",
    ),
    (
        "lookup_column",
        lambda r: (r["lookup_column"] is None) == (r["extract"] == "none" and r["contains"] is None),
        "set exactly when the entry reads the row (an extract other than none, or contains)",
    ),
    (
        "published",
        lambda r: sum(r[f] is not None for f in ("published", "date_column", "stand_in_date")) <= 1,
        "give at most one of published, date_column and stand_in_date",
    ),
    (
        "date_note",
        lambda r: (r["date_note"] is None) == (r["date_column"] is None and r["stand_in_date"] is None),
        "set exactly when the date shown comes from date_column or stand_in_date",
    ),
)
# The web prior allin_capex_usd_per_mw takes its low (>$40B per GW) from this ledger note; cost_priors_web.yaml
# names no raw row, so the check stays here.
_CAPEX_NOTE = ("OAI-TOTAL", ">$40B capex per GW")

_Fail = Callable[[str, str], NoReturn]  # (entry field, rule) -> raises, naming file, entry and line


def _first_url(cell: str) -> str:
    return re.split(r"[;\s]", str(cell).strip())[0]


def rental_quantiles(rows: pd.DataFrame, column: str) -> tuple[float, float, float, int]:
    """10th percentile, median and 90th percentile (4 decimals) of the numbers in `column`, and their count."""
    quotes = pd.to_numeric(rows[column], errors="coerce").dropna().to_numpy()
    if not len(quotes):
        raise ValueError(f"no numbers in {column!r}")
    q10, q50, q90 = np.quantile(quotes, [0.1, 0.5, 0.9])
    return round(float(q10), 4), round(float(q50), 4), round(float(q90), 4), len(quotes)


def h100_rental_quantiles(prices: pd.DataFrame, since: str = "2024-01-01") -> tuple[float, float, float, int]:
    """`rental_quantiles` of H100 SXM on-demand USD per GPU-hour quotes since `since` in Epoch's price observations.

    Curation takes the model, date and column from the h100_usd_per_gpu_hour entry of cost_priors_sourced.yaml.
    """
    sel = prices[prices["Hardware model"].str.contains("H100 SXM", na=False) & (prices["Price date"] >= since)]
    return rental_quantiles(sel, "Price per chip-hour (on-demand)")


def _fail(entries: tuple[dict, ...], rec: dict, column: str, rule: str) -> NoReturn:
    """Raise the loader's error for entry `rec` of cost_priors_sourced: file, row, line, column, value and `rule`."""
    require_each(SOURCED_PRIORS, entries, column, lambda r: r is not rec, f"prior {rec['parameter']}: {rule}")
    raise AssertionError("unreachable: rec is one of entries")


def _check_entries(entries: tuple[dict, ...]) -> None:
    """Kinds known and compatible; each optional field set exactly when one of the entry's kinds uses it."""
    for column, known in (("lookup", _LOOKUPS), ("extract", _EXTRACTS), ("range", _RANGES)):
        rule = f"unknown {column} kind (known: {', '.join(known)})"
        require_each(SOURCED_PRIORS, entries, column, lambda r, c=column, k=known: r[c] in k, rule)
    for column, ok, rule in _ENTRY_CHECKS:
        require_each(SOURCED_PRIORS, entries, column, ok, rule)
    for field in sorted({f for fields in _KIND_FIELDS.values() for f in fields}):
        users = ", ".join(kind for kind, fields in _KIND_FIELDS.items() if field in fields)
        require_each(
            SOURCED_PRIORS,
            entries,
            field,
            lambda r, f=field: (r[f] is not None) == any(f in _KIND_FIELDS.get(r[k], ()) for k in _KIND_COLUMNS),
            f"set exactly when the entry's lookup, extract or range kind is one that uses it ({users})",
        )


def _select(rec: dict, table: pd.DataFrame, key: str | None = None) -> pd.DataFrame:
    """The raw rows entry `rec` names (by `key` instead of its lookup_row: one of its also_rows)."""
    rec = {**rec, "lookup_row": key or rec["lookup_row"]}
    if rec["lookup"] == "hardware_prices":
        model = table["Hardware model"].str.contains(rec["lookup_row"], regex=False, na=False)
        return table[model & (table["Price date"] >= to_iso(rec["lookup_since"]))]
    keys = _LOOKUPS[rec["lookup"]][1]
    return table[pd.concat([table[col] == rec[field] for col, field in keys.items()], axis=1).all(axis=1)]


def _rows(fail: _Fail, rec: dict, table: pd.DataFrame) -> pd.DataFrame:
    """The rows entry `rec` reads: they exist (exactly one, unless hardware_prices) and hold the columns it names."""
    where = f"data/raw/{_LOOKUPS[rec['lookup']][0]}"
    metric = f" with metric {rec['lookup_metric']!r}" if rec["lookup_metric"] else ""
    keys = [("lookup_row", rec["lookup_row"]), *(("also_rows", k) for k in (rec["also_rows"] or "").split())]
    many = rec["lookup"] == "hardware_prices"  # every observation of the model since lookup_since
    for column, key in keys:
        found = len(_select(rec, table, key))
        if found == 0 or (found > 1 and not many):
            fail(column, f"{key!r}{metric} names {found} rows of {where}, not {'at least' if many else 'exactly'} one")
    for column in ("lookup_column", "date_column"):
        if rec[column] is not None and rec[column] not in table.columns:
            fail(column, f"{where} has no such column")
    return _select(rec, table)


def _check_row(fail: _Fail, rec: dict, row: pd.Series) -> None:
    """Where the raw row has them, its source URL, grade and publication date are the entry's; `contains` holds."""
    if "source_url" in row and _first_url(row["source_url"]) != rec["source_url"]:
        fail("source_url", f"lookup_row cites {_first_url(row['source_url'])}")
    if "grade" in row and row["grade"] != rec["grade"]:
        fail("grade", f"lookup_row is graded {row['grade']}")
    if "published" in row and to_iso(parse_loose_date(cell_text(row["published"]))[0]) != to_iso(rec["published"]):
        fail("published", f"lookup_row's published is {cell_text(row['published'])!r}")
    if rec["contains"] is not None and rec["contains"] not in cell_text(row[rec["lookup_column"]]):
        fail("contains", f"lookup_row's {rec['lookup_column']} does not contain this text")


def _number_in(cell: str, before: str, after: str) -> float:
    found = re.search(rf"{re.escape(before)}\s*({_NUM})\s*{re.escape(after)}", cell)
    if found is None:
        raise ValueError(f"no number between {before!r} and {after!r}")
    return _number(found.group(1))


def _kw_range(cell: str, reference: str) -> list[float]:
    """Low and high: the last 'N-M kW' range in `cell`; central: the '~N kW' it gives for `reference`."""
    ranges = re.findall(r"(\d+)(?:-(\d+))? kW", cell)
    central = re.search(rf"{re.escape(reference)} ~(\d+) kW", cell)
    if not ranges or central is None:
        raise ValueError(f"no 'N-M kW' range, or no '{reference} ~N kW'")
    kw = [float(x) for x in ranges[-1] if x]
    return [min(kw), float(central.group(1)), max(kw)]


def _versions(rec: dict, table: pd.DataFrame) -> tuple[list[float], dict]:
    """Low, median and high of the distinct values in lookup_row, its also_rows and lookup_row's '(N.NM)' notes."""
    keys = [rec["lookup_row"], *rec["also_rows"].split()]
    found = [float(_select(rec, table, key).iloc[0][rec["lookup_column"]]) for key in keys]
    found += [float(x) for x in re.findall(r"\((\d+\.\d+)M\)", cell_text(_select(rec, table).iloc[0]["notes"]))]
    versions = sorted(set(found))
    listed = ", ".join(f"{v:g}M" for v in versions)  # million shares, as the claims rows write them
    return [min(versions), float(np.median(versions)), max(versions)], {"versions": listed}


def _extract(rec: dict, rows: pd.DataFrame, table: pd.DataFrame) -> tuple[list[float], dict]:
    """The numbers entry `rec` reads (none, one, or low, central, high) and the extras its basis may cite."""
    kind, column = rec["extract"], rec["lookup_column"]
    if kind == "none":
        return [], {}
    if kind == "quantiles":
        *quantiles, n = rental_quantiles(rows, column)
        return quantiles, {"n": n}
    if kind == "versions":
        return _versions(rec, table)
    cell = cell_text(rows.iloc[0][column])
    if kind == "kw_range":
        return _kw_range(cell, rec["reference_system"]), {}
    if kind == "number":
        return [float(cell)], {}
    value = _number_in(cell, rec["text_before"] or "", rec["text_after"] or "")
    return [value / 100 if kind == "percent_in" else value], {}


def _range(rec: dict, found: list[float]) -> tuple[float, float, float]:
    """(low, central, high) by the entry's range rule, from the numbers found and those the entry states."""
    rule = rec["range"]
    if rule == "stated":
        return float(rec["low"]), float(rec["central"]), float(rec["high"])
    if rule == "extracted":
        low, central, high = found
        return low, central, high
    (value,) = found
    if rule == "scaled":
        return rec["low_factor"] * value, value, rec["high_factor"] * value
    if rule == "low_is_value":
        return value, float(rec["central"]), float(rec["high"])
    return value, value, value


def _shown_date(fail: _Fail, rec: dict, row: pd.Series) -> str | None:
    """The date cost_priors shows as published: the entry's, the raw row's date_column, or the entry's stand-in."""
    if rec["date_column"] is None:
        return to_iso(rec["published"]) or to_iso(rec["stand_in_date"])
    found, _ = parse_loose_date(cell_text(row[rec["date_column"]]))
    if found is None:
        fail("date_column", f"lookup_row's {rec['date_column']} holds no date")
    return found.isoformat()


def _looked_up(fail: _Fail, rec: dict, tables: dict[str, pd.DataFrame]) -> tuple:
    """(low, central, high), basis extras, the raw row and the date shown for entry `rec`, each step checked."""
    table = tables[rec["lookup"]]
    rows = _rows(fail, rec, table)
    _check_row(fail, rec, rows.iloc[0])
    try:
        found, extras = _extract(rec, rows, table)
    except ValueError as err:
        fail("extract", f"{err} in lookup_row's {rec['lookup_column']}")
    low, central, high = _range(rec, found)
    if not low <= central <= high:
        fail("range", f"gives low {low:g}, central {central:g}, high {high:g}: low <= central <= high broken")
    return (low, central, high), extras, rows.iloc[0], _shown_date(fail, rec, rows.iloc[0])


def _prior_row(fail: _Fail, rec: dict, looked_up: tuple, centrals: dict[str, float]) -> dict:
    """A cost_priors row: the entry's columns, the numbers looked up, the basis filled in and the date shown."""
    (low, central, high), extras, row, shown = looked_up
    fields = {"low": low, "central": central, "high": high, "row": row.to_dict(), "prior": centrals, **extras}
    try:
        basis = rec["basis"].format(**fields)
    except (KeyError, IndexError, ValueError) as err:
        fail("basis", f"cites {err}, which neither this entry's lookup nor another sourced prior gives")
    looked = {"low": low, "central": central, "high": high, "basis": basis, "published": shown}
    merged = {**rec, **looked, "accessed": to_iso(rec["accessed"])}
    return {f: merged[f] for f in _PRIOR_FIELDS}


def _check_capex_note(deals: pd.DataFrame) -> None:
    row_id, phrase = _CAPEX_NOTE
    if not any(phrase in cell_text(n) for n in deals.loc[deals["deal_id"] == row_id, "notes"]):
        rule = f"notes no longer state {phrase!r}, the low of allin_capex_usd_per_mw (data/editorial/cost_priors_web)"
        raise DataValidationError(DEALS_LEDGER, None, "notes", row_id, rule)


def _sourced_priors(sources_dir: Path) -> list[dict]:
    """Priors whose values are read from the sources tree, as data/editorial/cost_priors_sourced.yaml directs."""
    tables = {k: pd.read_csv(sources_dir / p, dtype=str, encoding="utf-8-sig") for k, (p, _) in _LOOKUPS.items()}
    _check_capex_note(tables["deals"])
    entries = editorial_records(SOURCED_PRIORS)
    _check_entries(entries)
    fails = [partial(_fail, entries, rec) for rec in entries]
    looked_up = [_looked_up(fail, rec, tables) for fail, rec in zip(fails, entries, strict=True)]
    centrals = {rec["parameter"]: numbers[1] for rec, (numbers, *_) in zip(entries, looked_up, strict=True)}
    return [_prior_row(*args, centrals) for args in zip(fails, entries, looked_up, strict=True)]


def build_priors(sources_dir: Path) -> pd.DataFrame:
    """Every prior of the unit-economics model, one row per parameter, sorted by group then parameter."""
    rows = _sourced_priors(sources_dir) + _web_priors()
    frame = pd.DataFrame(rows, columns=list(_PRIOR_FIELDS))
    repeated = frame.loc[frame["parameter"].duplicated(), "parameter"].tolist()
    if repeated:
        raise ValueError(f"priors defined twice (sources tree and data/editorial/cost_priors_web.yaml): {repeated}")
    bad = frame[~((frame["low"] <= frame["central"]) & (frame["central"] <= frame["high"]))]
    if len(bad):
        raise ValueError(f"priors with low <= central <= high broken: {bad['parameter'].tolist()}")
    return frame.sort_values(["group", "parameter"], kind="stable").reset_index(drop=True)


@curator("cost_priors")
def build_cost_priors(sources_dir: Path) -> pd.DataFrame:
    """cost_priors: ranges (low, central, high) with distribution, source and grade for the deal Monte Carlo."""
    return build_priors(sources_dir)
