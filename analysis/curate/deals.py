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

`cost_priors` mixes two kinds of rows: values looked up in the sources tree (checked at curation time, so a
changed source fails loudly) and values from public pages found during research (filings, company docs, CBRE,
Cushman & Wakefield, Uptime Institute, NVIDIA docs, EIA), recorded in data/editorial/cost_priors_web.yaml with URL,
publisher, date and grade. Each prior is a range (low, central, high), never a point, unless the quantity is a
contract term.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.curate import curator
from analysis.curate.cleaning import editorial_records, to_iso
from analysis.curate.deals_notes import CLAIM_NOTES, DEAL_NOTES, check_keys, claim_text, note_for

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


def _row(
    parameter, label, group, unit, low, central, high, distribution, role, basis, url, publisher, published, grade
) -> dict:
    return dict(
        zip(
            _PRIOR_FIELDS,
            (
                parameter,
                label,
                group,
                unit,
                float(low),
                float(central),
                float(high),
                distribution,
                role,
                basis,
                url,
                publisher,
                published,
                ACCESSED,
                grade,
            ),
            strict=True,
        )
    )


def _fixed(
    parameter, label, group, unit, value, role, basis, url, publisher, published, grade, distribution="fixed"
) -> dict:
    """A prior that is a single stated value (a contract term or a quoted price): low = central = high."""
    v = float(value)
    return _row(parameter, label, group, unit, v, v, v, distribution, role, basis, url, publisher, published, grade)


def _spec_value(specs: pd.DataFrame, chip: str, metric: str) -> pd.Series:
    hit = specs[(specs["chip_or_system"] == chip) & (specs["metric"] == metric)]
    if len(hit) != 1:
        raise ValueError(f"hardware_specs.csv: expected one row for {chip!r}/{metric!r}, found {len(hit)}")
    return hit.iloc[0]


def _scaled_spec_prior(
    spec: pd.Series, names: tuple[str, str, str, str], factors: tuple[float, float], basis: str, publisher: str
) -> dict:
    """A triangular prior centred on a spec-sheet value, its ends the value times `factors` (low, high).

    `names` is (parameter, label, group, unit); source URL and grade come from the spec row; the Epoch datasets
    these rows come from were published on 2025-06-20.
    """
    value = float(spec["value"])
    low, high = factors
    return _row(
        *names,
        low * value,
        value,
        high * value,
        "triangular",
        "mc_input",
        basis,
        _first_url(spec["source_url"]),
        publisher,
        "2025-06-20",
        spec["grade"],
    )


def _first_url(cell: str) -> str:
    return re.split(r"[;\s]", str(cell).strip())[0]


def h100_rental_quantiles(prices: pd.DataFrame, since: str = "2024-01-01") -> tuple[float, float, float, int]:
    """10th percentile, median and 90th percentile of H100 SXM on-demand USD per GPU-hour quotes since `since`.

    Source: Epoch AI hardware price observations (neoclouds and hyperscalers mixed); n quotes returned too.
    """
    sel = prices[prices["Hardware model"].str.contains("H100 SXM", na=False) & (prices["Price date"] >= since)]
    quotes = pd.to_numeric(sel["Price per chip-hour (on-demand)"], errors="coerce").dropna().to_numpy()
    q10, q50, q90 = np.quantile(quotes, [0.1, 0.5, 0.9])
    return round(float(q10), 4), round(float(q50), 4), round(float(q90), 4), len(quotes)


def _sourced_priors(sources_dir: Path) -> list[dict]:
    """Priors whose values are read from the sources tree (a changed source changes them, or fails)."""
    specs = pd.read_csv(sources_dir / "cost_declines" / "hardware_specs.csv", dtype=str)
    prices = pd.read_csv(sources_dir / "epoch_hardware" / "hardware_prices.csv", dtype=str, encoding="utf-8-sig")
    deals = pd.read_csv(sources_dir / "deals" / "compute_deals.csv", dtype=str).set_index("deal_id")
    claims = pd.read_csv(sources_dir / "deals" / "claims_cerebras.csv", dtype=str).set_index("claim_id")
    rows = []

    rows.append(
        _scaled_spec_prior(
            _spec_value(specs, "CS-3 system", "list_price"),
            ("cs3_price_usd", "Cerebras CS-3 system price", "cerebras_system", "USD per system"),
            (0.75, 1.5),
            "central: Epoch dataset list price (Cerebras publishes none); range -25%/+50% for negotiated "
            "volume prices vs a full system with its servers (assumption)",
            "Epoch AI (chip dataset)",
        )
    )
    cs3_power = _spec_value(specs, "CS-3 system", "power")
    kw = [float(x) for x in re.findall(r"(\d+)(?:-(\d+))? kW", cs3_power["value"])[-1] if x]
    cs1_kw = float(re.search(r"CS-1 ~(\d+) kW", cs3_power["value"]).group(1))
    rows.append(
        _row(
            "cs3_system_kw",
            "Cerebras CS-3 system power draw",
            "cerebras_system",
            "kW",
            min(kw),
            cs1_kw,
            max(kw),
            "triangular",
            "mc_input",
            "no official CS-3 figure: users cite 15-23 kW; Cerebras says the CS-3 draws as much as the "
            "CS-2; CS-1 peak ~20 kW (AnandTech)",
            _first_url(cs3_power["source_url"]),
            "AnandTech / Tom's Hardware / HN users",
            "2024-03-13",
            cs3_power["grade"],
        )
    )
    rows.append(
        _scaled_spec_prior(
            _spec_value(specs, "DGX B200 (per-GPU purchase price)", "purchase_price"),
            ("b200_price_usd_per_gpu", "NVIDIA B200 price per GPU (DGX B200 / 8)", "gpu_system", "USD per GPU"),
            (0.8, 1.2),
            "central: Epoch price database, DGX B200 converted from EUR, Dec 2024; +/-20% for "
            "discounts and system extras (assumption)",
            "Epoch AI (hardware prices)",
        )
    )
    q10, q50, q90, n = h100_rental_quantiles(prices)
    rows.append(
        _row(
            "h100_usd_per_gpu_hour",
            "H100 SXM cloud rental, on demand",
            "gpu_system",
            "USD per GPU-hour",
            q10,
            q50,
            q90,
            "triangular",
            "mc_input",
            f"10th percentile, median and 90th percentile of {n} on-demand quotes since 2024 in Epoch's "
            "price database (neoclouds and hyperscalers)",
            "https://github.com/epoch-research/training-cost-trends",
            "Epoch AI (hardware prices)",
            "2025-06-20",
            "A",  # Epoch's own dataset (the report's grading policy)
        )
    )
    dgx = _spec_value(specs, "DGX B200 (8x B200), Llama 4 Maverick", "tokens_per_second_per_user")
    server_tps = float(re.search(r"([\d,]+) TPS/server", dgx["notes"]).group(1).replace(",", ""))
    rows.append(
        _fixed(
            "dgx_b200_tokens_per_s",
            "DGX B200 peak throughput, Llama 4 Maverick",
            "throughput",
            "tokens per second per server",
            server_tps,
            "reference",
            "maximum-throughput setting measured by Artificial Analysis (a 17B-active MoE model); an "
            "upper reference for tokens per MW",
            dgx["source_url"],
            "insideHPC",
            "2025-05-01",
            dgx["grade"],
        )
    )

    loan = claims.loc["C05-f"]
    rate = float(re.search(r"(\d+)% interest", loan["value"]).group(1)) / 100
    rows.append(
        _row(
            "cost_of_capital",
            "Cost of capital (annual)",
            "finance",
            "fraction",
            rate,
            0.09,
            0.12,
            "triangular",
            "mc_input",
            f"low: the {rate:.0%} rate on OpenAI's loan to Cerebras (as reported from the S-1); central/high: "
            "9-12% for a growth-stage hardware vendor (assumption)",
            loan["source_url"],
            "SuperML",
            "2026-05-01",
            loan["grade"],
        )
    )
    cer = deals.loc["CER-01a"]
    cer_src = (cer["source_url"], "whatthefuture.ai", "2026-01-14", cer["grade"])
    rows.append(
        _fixed(
            "contract_mw",
            "Capacity in the January 2026 agreement",
            "contract",
            "MW",
            float(cer["capacity_mw"]),
            "mc_input",
            "750 MW in the company statements of 14 Jan 2026 (as quoted)",
            *cer_src,
        )
    )
    rows.append(
        _fixed(
            "contract_years",
            "Contract term",
            "contract",
            "years",
            float(cer["duration_years"]),
            "mc_input",
            "three years, capacity phased in through 2028",
            *cer_src,
        )
    )
    rows.append(
        _row(
            "ramp_share",
            "Average share of the 750 MW in service over the term",
            "contract",
            "fraction",
            0.45,
            0.6,
            0.9,
            "triangular",
            "mc_input",
            "capacity comes online in tranches through 2028: a linear ramp from zero gives ~0.5, a "
            "front-loaded one ~0.9 (assumption on a reported schedule)",
            *cer_src,
        )
    )
    altman = deals.loc["OAI-TOTAL"]
    assert ">$40B capex per GW" in altman["notes"], "OAI-TOTAL notes no longer state the $40B per GW figure"

    shares = [float(claims.loc[c, "value"]) for c in ("C02-d", "C02-e", "C02-f")]
    shares += [float(x) for x in re.findall(r"\((\d+\.\d+)M\)", claims.loc["C02-e", "notes"])]
    versions = sorted(set(shares))
    warrant_src = (claims.loc["C02-e", "source_url"], "Frontier News", "2026-04-17", "C")
    rows.append(
        _row(
            "cerebras_warrant_shares_m",
            "Shares under OpenAI's Cerebras warrant",
            "warrant",
            "million shares",
            min(versions),
            float(np.median(versions)),
            max(versions),
            "triangular",
            "mc_input",
            f"versions reported: {', '.join(f'{v:g}M' for v in versions)} (S-1 coverage)",
            *warrant_src,
        )
    )
    rows.append(
        _row(
            "cerebras_warrant_strike_usd",
            "Warrant exercise price",
            "warrant",
            "USD per share",
            0.0,
            0.005,
            0.01,
            "triangular",
            "mc_input",
            "'a fraction of a penny' per the S-1 as reported",
            *warrant_src,
        )
    )
    ipo = claims.loc["B01-d"]
    rows.append(
        _fixed(
            "cerebras_ipo_price_usd",
            "Cerebras IPO price",
            "warrant",
            "USD per share",
            float(ipo["value"]),
            "reference",
            "priced 13 May 2026 (CNBC, as cited)",
            ipo["source_url"],
            "Fazen Markets (citing CNBC)",
            "2026-05-13",
            ipo["grade"],
        )
    )
    first = claims.loc["B01-e"]
    close = float(re.search(r"close \$([\d.]+)", first["value"]).group(1))
    rows.append(
        _fixed(
            "cerebras_first_close_usd",
            "Cerebras first-day closing price",
            "warrant",
            "USD per share",
            close,
            "reference",
            "close on 14 May 2026, +68% on the offer price (one headline says +89%, likely intraday)",
            first["source_url"],
            "Virtue Signal",
            "2026-05-14",
            first["grade"],
        )
    )
    threshold = float(re.match(r"(\d+)", claims.loc["C06-b", "value"]).group(1))
    rows.append(
        _fixed(
            "cerebras_spend_threshold_usd_bn",
            "Spend at which the stake reaches ~10%",
            "warrant",
            "USD billion",
            threshold,
            "reference",
            "reported: up to ~10% of Cerebras if OpenAI's spend reaches ~$30B (the article says $300B)",
            claims.loc["C06-b", "source_url"],
            "World Today Journal",
            "2026-04-17",
            "C",
        )
    )

    amd = deals.loc["OAI-AMD-01"]
    amd_src = (amd["source_url"], "AMD (SEC Exhibit 4.1)", "2025-10-06", amd["grade"])
    hurdle = float(re.search(r"share price up to \$(\d+)", amd["equity_component"]).group(1))
    amd_shares = float(re.search(r"(\d+)M AMD shares", amd["equity_component"]).group(1))
    strike = float(re.search(r"at \$([\d.]+)", amd["equity_component"]).group(1))
    rows.append(
        _fixed(
            "amd_warrant_shares_m",
            "Shares under OpenAI's AMD warrant",
            "warrant",
            "million shares",
            amd_shares,
            "reference",
            f"exercise price ${strike:g}; vests by GW deployed (1 GW to 6 GW) and AMD share-price milestones",
            *amd_src,
        )
    )
    rows.append(
        _fixed(
            "amd_contract_mw",
            "Capacity in the AMD agreement",
            "warrant",
            "MW",
            float(amd["capacity_mw"]),
            "reference",
            "6 GW of AMD Instinct GPUs over several years, first 1 GW in H2 2026",
            *amd_src,
        )
    )
    rows.append(
        _fixed(
            "amd_warrant_strike_usd",
            "Exercise price of OpenAI's AMD warrant",
            "warrant",
            "USD per share",
            strike,
            "reference",
            "a nominal exercise price: the warrant is worth nearly the full share price once vested",
            *amd_src,
        )
    )
    rows.append(
        _fixed(
            "amd_final_hurdle_usd",
            "AMD share price for the final warrant tranche",
            "warrant",
            "USD per share",
            hurdle,
            "reference",
            "the last tranche vests only once AMD's stock reaches this price",
            *amd_src,
        )
    )
    meta_amd = deals.loc["META-AMD-01"]
    assert "double-digit billions per GW" in meta_amd["value_basis"]
    rows.append(
        _row(
            "amd_revenue_usd_bn_per_gw",
            "AMD revenue per GW deployed",
            "warrant",
            "USD billion per GW",
            10.0,
            15.0,
            20.0,
            "triangular",
            "reference",
            "AMD CFO: 'significant double-digit billions' per GW (Meta deal, same structure); range is "
            "our reading of that phrase",
            meta_amd["source_url"],
            "Evertiq",
            "2026-02-25",
            meta_amd["grade"],
        )
    )

    api = pd.read_csv(sources_dir / "cost_declines" / "api_list_prices.csv", dtype=str)
    for model in ("GPT-5", "GPT-5 mini", "GPT-5 nano"):
        hit = api[(api["provider"] == "OpenAI") & (api["model"] == model)].iloc[0]
        blended = float(re.search(r"3:1 = \$([\d.]+)/M", hit["blended_note"]).group(1))
        rows.append(
            _fixed(
                f"api_{model.lower().replace('-', '').replace(' ', '_')}_usd_per_mtok",
                f"{model} list price, 3:1 input:output blend",
                "api_price",
                "USD per million tokens",
                blended,
                "reference",
                f"${hit['input_usd_per_mtok']} input / ${hit['output_usd_per_mtok']} output per million "
                "tokens, blended 3:1 (AI Index / Epoch convention)",
                _first_url(hit["source_url"]),
                hit["publisher"],
                hit["launch_or_change_date"],
                hit["grade"],
            )
        )
    return rows


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
