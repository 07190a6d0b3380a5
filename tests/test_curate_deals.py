"""Curation of the deal datasets: parsers, cleaning rules, and byte-stable regeneration."""

from __future__ import annotations

import hashlib
import importlib
import subprocess
import sys

import pandas as pd
import pytest

from analysis.curate import load_curators
from analysis.paths import DATA_DIR, ROOT, SOURCES_DIR

# Register every curator in the package's canonical order first: importing one curator module on its own would
# register it first and change the resource order that assemble_datapackage() gives in this process.
load_curators()
cd = importlib.import_module("analysis.curate.deals")
notes = importlib.import_module("analysis.curate.deals_notes")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("over $10B", (10.0, None, "over")),
        ("up to $1.4T", (None, 1400.0, "up to")),
        ("$350M", (0.35, 0.35, "exact")),
        ("~20 (>20)", (20.0, 20.0, "about")),
        (">200", (200.0, None, "over")),
        ("$17.4-19.4B", (17.4, 19.4, "range")),
        ("~1 at 6% interest", (1.0, 1.0, "about")),
        ("not stated", (None, None, "undisclosed")),
    ],
)
def test_parse_usd_bn(text, expected):
    assert cd.parse_usd_bn(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("over (reported; not in company statements)", "over"),
        ("over $20B; up to ~$30B total (reported, people familiar)", "over"),
        ("up to (letter of intent; investment, not purchase price)", "up to"),
        ("about $20B (Reuters/CNBC on S-1)", "about"),
        ("planned investment over 4 years", None),  # a span of time, not a floor
        ("over (planned investment over next three years)", "over"),
        ("incremental purchase commitment", None),
    ],
)
def test_basis_from_text(text, expected):
    assert cd.basis_from_text(text) == expected


def test_deal_value_rules():
    assert cd.deal_value(10, None, "over (reported)") == (10.0, None, "over")
    assert cd.deal_value(None, 100, "up to") == (None, 100.0, "up to")
    assert cd.deal_value(20, 30, "over $20B; up to ~$30B") == (20.0, 30.0, "range")
    assert cd.deal_value(38, None, "announced") == (38.0, 38.0, "exact")
    assert cd.deal_value(None, None, "undisclosed") == (None, None, "undisclosed")


@pytest.mark.parametrize(
    ("cell", "number", "option"),
    [
        ("750 (expandable to 2,000)", 750.0, 2000.0),
        ("~7000 (planned)", 7000.0, None),
        ("1000+", 1000.0, None),
        ("up to 1000", 1000.0, None),
        ("~5 (through Oct 2030)", 5.0, None),
        ("through 2028", None, None),
        ("multi-year", None, None),
        ("from 2027", None, None),
    ],
)
def test_leading_number_and_option(cell, number, option):
    assert cd.leading_number(cell) == number
    assert cd.capacity_option_mw(cell) == option


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("2026-04-17 (S-1; MRA signed Dec 2025 per most reports)", ("2026-04-17", "day")),
        ("2025-12 (loan) / 2026-01 (MRA)", ("2025-12-01", "month")),
        ("2023 (deal) / 2024-09-30 (S-1)", ("2023-01-01", "year")),
        ("2026-05 (inferred from URL)", ("2026-05-01", "month")),
        ("n/a", (None, None)),
    ],
)
def test_partial_date(cell, expected):
    assert cd.partial_date(cell) == expected


def test_split_row_id_and_purpose():
    assert cd.split_row_id("CER-01a") == ("CER-01", "a")
    assert cd.split_row_id("OAI-TOTAL") == ("OAI-TOTAL", "a")
    assert cd.purpose_class("training (Condor Galaxy supercomputers) / mixed") == "training"
    assert cd.purpose_class("n/a (financing)") == "financing"
    assert cd.purpose_class("mixed (training and inference)") == "mixed"


def test_claim_quantities_split_threshold_and_stake():
    rows = cd.claim_quantities("C06-a", "300 / 10%", "USD bn / % stake")
    assert [(r["quantity"], r["low"]) for r in rows] == [("spend_threshold_usd_bn", 300.0), ("stake_ceiling_pct", 10.0)]
    first = cd.claim_quantities("B01-e", "+68% (close $311.07)", "% vs offer")
    assert {r["quantity"]: r["low"] for r in first} == {"first_day_change_pct": 68.0, "first_day_close_usd": 311.07}


@pytest.fixture(scope="module")
def deals() -> pd.DataFrame:
    return cd.build_compute_deals(SOURCES_DIR)


def test_every_ledger_row_kept_with_its_version(deals):
    raw = pd.read_csv(SOURCES_DIR / "deals" / "compute_deals.csv", dtype=str)
    assert len(deals) == len(raw)
    assert sorted(deals["source_row_id"]) == sorted(raw["deal_id"])


def test_article_versions_are_ten_times_the_others(deals):
    """The x10 conflict is recorded, not resolved: both versions of each Cerebras deal are present."""
    for deal_id in ("CER-01", "CER-02"):
        rows = deals[deals["deal_id"] == deal_id]
        article = rows[rows["is_article_claim"]]["value_low_usd_bn"].iloc[0]
        others = set(rows[~rows["is_article_claim"]]["value_low_usd_bn"])
        assert others == {article / 10}
        assert not rows[rows["is_article_claim"]]["confirmed"].any()


def test_coreweave_tranches_add_up_to_stated_total(deals):
    first = deals.set_index("deal_id").loc["OAI-CRWV-01", "value_high_usd_bn"]
    addons = deals.set_index("deal_id").loc["OAI-CRWV-02", "value_high_usd_bn"]
    assert first + addons == pytest.approx(22.4)  # the total the ledger row states


def test_confirmed_rules(deals):
    by_row = deals.set_index("source_row_id")
    assert bool(by_row.loc["OAI-CRWV-01", "confirmed"])  # SEC filing
    assert not bool(by_row.loc["OAI-ORCL-02", "confirmed"])  # WSJ sources only
    assert deals["confirmation_basis"].str.len().min() > 5


def test_priors_ranges_and_lookups():
    priors = cd.build_priors(SOURCES_DIR).set_index("parameter")
    assert (priors["low"] <= priors["central"]).all() and (priors["central"] <= priors["high"]).all()
    fixed = priors[priors["distribution"] == "fixed"]
    assert (fixed["low"] == fixed["high"]).all()
    assert priors.loc["cs3_price_usd", "central"] == 2_000_000  # Epoch list price in hardware_specs.csv
    assert priors.loc["amd_warrant_shares_m", "central"] == 160
    shares = priors.loc["cerebras_warrant_shares_m"]
    assert (shares["low"], shares["high"]) == (33.0, 33.5)


def test_h100_quantiles_recomputed():
    prices = pd.read_csv(SOURCES_DIR / "epoch_hardware" / "hardware_prices.csv", dtype=str, encoding="utf-8-sig")
    q10, q50, q90, n = cd.h100_rental_quantiles(prices)
    sel = prices[prices["Hardware model"].str.contains("H100 SXM", na=False) & (prices["Price date"] >= "2024-01-01")]
    quotes = pd.to_numeric(sel["Price per chip-hour (on-demand)"], errors="coerce").dropna()
    assert n == len(quotes) and q50 == pytest.approx(quotes.median(), abs=1e-4)
    assert q10 < q50 < q90


def test_curation_is_byte_stable():
    names = ["compute_deals", "deal_events", "cost_priors"]
    files = [DATA_DIR / f"{n}.csv" for n in names] + [DATA_DIR / "datapackage.json"]

    def digest() -> list[str]:
        subprocess.run([sys.executable, "-m", "analysis", "curate", *names], cwd=ROOT, check=True, capture_output=True)
        return [hashlib.sha256(f.read_bytes()).hexdigest() for f in files]

    assert digest() == digest()


def test_loan_rate_is_its_own_quantity():
    rows = cd.claim_quantities("C05-f", "~1 at 6% interest", "USD bn loan")
    got = {r["quantity"]: (r["low"], r["basis"]) for r in rows}
    assert got == {"loan_usd_bn": (1.0, "about"), "loan_rate_pct": (6.0, "exact")}
    assert [r["quantity"] for r in cd.claim_quantities("C05-b", "~1", "USD bn")] == ["loan_usd_bn"]


def test_notes_are_paraphrased(deals):
    """No curated note repeats its raw ledger note; a raw note without a paraphrase fails loudly."""
    raw = pd.read_csv(SOURCES_DIR / "deals" / "compute_deals.csv", dtype=str).set_index("deal_id")["notes"]
    curated = deals.set_index("source_row_id")["notes"]
    for row_id, note in curated.dropna().items():
        assert note != raw[row_id]
        assert len(note) <= 120
    assert curated[raw.isna()].isna().all()
    claims = pd.read_csv(SOURCES_DIR / "deals" / "claims_cerebras.csv", dtype=str).set_index("claim_id")
    events = cd.build_deal_events(SOURCES_DIR)
    for rec in events.to_dict("records"):
        assert rec["claim"] != claims.loc[rec["claim_id"], "claim"] or rec["claim_id"].startswith("B")
        assert pd.isna(rec["notes"]) or rec["notes"] != claims.loc[rec["claim_id"], "notes"]
    with pytest.raises(KeyError, match="data/editorial/deal_notes.yaml"):
        notes.note_for({}, "X-01", "a raw note")
    assert notes.note_for({}, "X-01", None) is None
    with pytest.raises(KeyError, match="data/editorial/deal_claim_families.yaml"):
        notes.claim_text("C99-a", "a claim family nobody worded")


def test_amd_hurdle_read_from_the_filing_row():
    priors = cd.build_priors(SOURCES_DIR).set_index("parameter")
    hurdle = priors.loc["amd_final_hurdle_usd"]
    assert hurdle["grade"] == "A" and "ir.amd.com" in hurdle["source_url"]
    assert priors.loc["amd_warrant_strike_usd", "central"] == pytest.approx(0.01)
