"""The editorial tables the curators read: consistent with the raw rows they refer to, and stale rows are errors."""

from __future__ import annotations

import importlib

import pandas as pd
import pytest

from analysis import editorial
from analysis.curate import load_curators
from analysis.curate.cleaning import note_rules, site_of
from analysis.data import DataValidationError
from analysis.paths import DATA_DIR, SOURCES_DIR

load_curators()  # register curators in canonical order before importing any one module (see test_curate_deals)
cd = importlib.import_module("analysis.curate.deals")
hardware = importlib.import_module("analysis.curate.hardware")
notes = importlib.import_module("analysis.curate.deals_notes")
prices = importlib.import_module("analysis.curate.prices")


def _raw(name: str) -> pd.DataFrame:
    return pd.read_csv(SOURCES_DIR / "deals" / name, dtype=str, keep_default_na=False, na_values=[""])


def test_web_priors_are_ordered_ranges_not_repeated_by_the_sourced_ones():
    web = editorial.load("cost_priors_web")
    assert (web["low"] <= web["central"]).all() and (web["central"] <= web["high"]).all()
    sourced = {row["parameter"] for row in cd._sourced_priors(SOURCES_DIR)}
    assert not sourced & set(web["parameter"])


@pytest.mark.parametrize(
    ("table", "key", "ledger", "raw_key"),
    [
        ("deal_notes", "row_id", "compute_deals.csv", "deal_id"),
        ("deal_claim_notes", "claim_id", "claims_cerebras.csv", "claim_id"),
    ],
)
def test_note_provenance_is_the_ledger_rows_own_source(table, key, ledger, raw_key):
    raw = _raw(ledger).set_index(raw_key)
    for rec in editorial.records(table):
        row = raw.loc[rec[key]]
        assert (rec["source_url"], rec["publisher"], rec["grade"]) == (
            row["source_url"],
            row["publisher"],
            row["grade"],
        )
        assert len(rec["note"]) <= 120, rec[key]


def test_every_deal_judgement_cites_one_of_the_deals_ledger_rows():
    raw = _raw("compute_deals.csv")
    urls = {
        deal: set(rows["source_url"]) for deal, rows in raw.groupby(raw["deal_id"].map(lambda r: cd.split_row_id(r)[0]))
    }
    for table in ("deal_confirmation", "deal_value_overrides"):
        for rec in editorial.records(table):
            assert rec["source_url"] in urls[rec["deal_id"]], (table, rec["deal_id"])


def test_a_note_for_a_ledger_row_that_is_gone_is_an_error():
    raw = _raw("compute_deals.csv")
    with pytest.raises(DataValidationError) as info:
        cd.clean_deals(raw[raw["deal_id"] != "CER-01a"])
    err = info.value
    assert (err.file, err.row, err.column, err.value) == ("data/editorial/deal_notes.yaml", 1, "row_id", "CER-01a")
    assert "does not have" in err.rule and "line 5" in str(err)


def test_a_judgement_for_a_deal_that_is_gone_is_an_error():
    raw = _raw("compute_deals.csv")
    with pytest.raises(DataValidationError) as info:
        cd.clean_deals(raw[~raw["deal_id"].str.startswith("OAI-CRWV-02")])
    assert (info.value.file, info.value.value) == ("data/editorial/deal_confirmation.yaml", "OAI-CRWV-02")


def test_a_claim_note_or_family_the_ledger_lacks_is_an_error():
    claims = _raw("claims_cerebras.csv")
    with pytest.raises(DataValidationError, match="deal_claim_notes.yaml"):
        cd.clean_events(claims[claims["claim_id"] != "C01-a"])
    families = {c[:3] for c in claims["claim_id"]} - {"B03"}
    with pytest.raises(DataValidationError, match="deal_claim_families.yaml.*B03"):
        notes.check_keys("deal_claim_families", "family", families, cd.CLAIMS_LEDGER)


def test_rules_that_match_nothing_are_errors():
    with pytest.raises(DataValidationError) as info:
        note_rules("price_history", ["a note no rule matches"])
    assert (info.value.file, info.value.column) == ("data/editorial/note_phrases.yaml", "pattern")
    with pytest.raises(DataValidationError, match="price_conflicts.yaml"):
        prices.check_price_conflicts(pd.DataFrame({"provider": ["OpenAI"], "model": ["GPT-4o"]}))
    with pytest.raises(DataValidationError, match="rate_conflicts.yaml"):
        prices.check_rate_conflicts(pd.DataFrame({"source_org": ["X"], "metric": ["y"], "scope": ["z"]}))
    with pytest.raises(DataValidationError, match="spec_conflicts.yaml"):
        hardware.check_spec_conflicts(["H100 SXM"])


@pytest.mark.parametrize(
    ("dataset", "source_kind"),
    [("price_history", "api_list_prices"), ("headline_rates", None), ("gpu_prices", None)],
)
def test_note_phrase_provenance_is_a_curated_row_of_its_dataset(dataset, source_kind):
    curated = pd.read_csv(DATA_DIR / f"{dataset}.csv", dtype=str)
    if source_kind:
        curated = curated[curated["source_kind"] == source_kind]
    urls = set(curated["source_url"])
    for rec in editorial.records("note_phrases"):
        if rec["dataset"] == dataset:
            assert rec["source_url"] in urls, rec["pattern"]


def test_conflict_notes_reach_the_curated_rows_they_cite():
    checks = [
        ("price_conflicts", "price_history", "conflict"),
        ("rate_conflicts", "headline_rates", "conflicts"),
        ("spec_conflicts", "hardware", "conflict"),
    ]
    for table, dataset, column in checks:
        curated = pd.read_csv(DATA_DIR / f"{dataset}.csv", dtype=str).fillna("")
        for rec in editorial.records(table):
            tagged = curated[curated[column].str.contains(rec["note"], regex=False)]
            assert rec["source_url"] in set(tagged["source_url"]), (table, rec["note"])


def test_sites_and_page_copies_agree():
    for rec in editorial.records("sites"):
        assert rec["source_url"] == f"https://{rec['site']}"
        assert site_of(rec["source_url"]) == (rec["publisher"], rec["grade"])
    for rec in editorial.records("page_copies"):
        assert site_of(rec["source_url"]) == (rec["publisher"], rec["grade"]), rec["cited_url"]


def test_study_comparison_cites_the_headline_rows_it_describes():
    cited = set(pd.read_csv(DATA_DIR / "headline_rates.csv", dtype=str)["source_url"])
    for rec in editorial.records("study_comparison"):
        assert rec["study_id"] == "this_report" or rec["source_url"] in cited, rec["study_id"]


_SOURCED_KEYS = {  # lookup kind -> (raw file, key columns named by lookup_row [and lookup_metric])
    "hardware_specs": ("cost_declines/hardware_specs.csv", ["chip_or_system", "metric"]),
    "deals": ("deals/compute_deals.csv", ["deal_id"]),
    "claims": ("deals/claims_cerebras.csv", ["claim_id"]),
    "api_list_prices": ("cost_declines/api_list_prices.csv", ["model"]),
}


def test_every_sourced_prior_names_a_raw_row_that_exists_and_sets_an_ordered_range():
    for rec in editorial.records("cost_priors_sourced"):
        if rec["lookup"] == "hardware_prices":
            raw = pd.read_csv(SOURCES_DIR / "epoch_hardware" / "hardware_prices.csv", dtype=str, encoding="utf-8-sig")
            assert raw["Hardware model"].str.contains(rec["lookup_row"], regex=False, na=False).any()
        else:
            path, keys = _SOURCED_KEYS[rec["lookup"]]
            raw = pd.read_csv(SOURCES_DIR / path, dtype=str, encoding="utf-8-sig")
            for key in [rec["lookup_row"], *(rec["also_rows"] or "").split()]:
                wanted = [key, rec["lookup_metric"]][: len(keys)]
                assert (raw[keys] == wanted).all(axis=1).sum() == 1, (rec["parameter"], key)
        if rec["range"] == "stated":
            assert rec["low"] <= rec["central"] <= rec["high"], rec["parameter"]
        if rec["range"] == "scaled":
            assert rec["low_factor"] <= 1 <= rec["high_factor"], rec["parameter"]
        if rec["range"] == "low_is_value":
            assert rec["central"] <= rec["high"], rec["parameter"]
    for row in cd._sourced_priors(SOURCES_DIR):
        assert row["low"] <= row["central"] <= row["high"], row["parameter"]


def _with_first_prior_changed(monkeypatch, **changes):
    entries = list(editorial.records("cost_priors_sourced"))
    entries[0] = {**entries[0], **changes}
    monkeypatch.setattr(cd, "editorial_records", lambda name: tuple(entries))


@pytest.mark.parametrize(
    ("changes", "column", "rule"),
    [
        ({"lookup": "spreadsheet"}, "lookup", "unknown lookup kind"),
        (
            {"lookup_row": "CS-4 system"},
            "lookup_row",
            "names 0 rows of data/raw/cost_declines/hardware_specs.csv, not exactly one",
        ),
        ({"high_factor": 0.9}, "range", "low <= central <= high broken"),
        ({"grade": "A"}, "grade", "lookup_row is graded C"),
        ({"range": "stated"}, "range", "not a range rule this extract kind can feed"),
    ],
)
def test_a_broken_sourced_prior_names_file_entry_and_rule(monkeypatch, changes, column, rule):
    _with_first_prior_changed(monkeypatch, **changes)
    with pytest.raises(DataValidationError) as info:
        cd._sourced_priors(SOURCES_DIR)
    err = info.value
    assert (err.file, err.row, err.column) == ("data/editorial/cost_priors_sourced.yaml", 1, column)
    assert rule in err.rule and "row 1 (line " in str(err)  # the entry for cs3_price_usd, with its line


def test_the_loader_rejects_an_unknown_lookup_kind(tmp_path):
    (tmp_path / "schemas").mkdir()
    schema = editorial.SCHEMAS_DIR / "cost_priors_sourced.json"
    (tmp_path / "schemas" / schema.name).write_text(schema.read_text(encoding="utf-8"), encoding="utf-8")
    text = (DATA_DIR / "editorial" / "cost_priors_sourced.yaml").read_text(encoding="utf-8")
    (tmp_path / "cost_priors_sourced.yaml").write_text(text.replace("lookup: claims", "lookup: ledger", 1))
    with pytest.raises(DataValidationError) as info:
        editorial.load("cost_priors_sourced", tmp_path)
    assert (info.value.column, info.value.value) == ("lookup", "ledger")
