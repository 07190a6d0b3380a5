"""The claims ledger: data rules, curation helpers and the recomputed checks behind the verdicts."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pandas as pd
import pytest

from analysis import claims as checks
from analysis import editorial
from analysis.curate import claims as cur
from analysis.data import DataValidationError, load, resource
from analysis.paths import SOURCES_DIR

FIXTURES = Path(__file__).parent / "fixtures"
VERDICTS = ["supported", "partly supported", "contradicted", "not verifiable"]


@pytest.fixture(scope="module")
def claims() -> pd.DataFrame:
    return load("claims")


@pytest.fixture(scope="module")
def evidence() -> pd.DataFrame:
    return load("claim_evidence")


# ---- the rules of the ledger ----------------------------------------------------------------------------------


def test_every_claim_has_a_verdict_from_the_fixed_scale(claims):
    assert claims["verdict"].notna().all()
    assert set(claims["verdict"]) <= set(VERDICTS)
    # The schema enforces the same scale, so a typo in a verdict fails at load time too.
    field = next(f for f in resource("claims")["schema"]["fields"] if f["name"] == "verdict")
    assert field["constraints"]["enum"] == VERDICTS


def test_judged_claims_rest_on_a_b_or_a_graded_row_that_takes_a_side(claims, evidence):
    assert checks.rule_breaches(claims, evidence) == []


def test_rule_breaches_catches_a_claim_backed_only_by_c_rows(claims, evidence):
    c01_only_c = evidence[evidence["claim_id"] == "C01"]["grade"].eq("C").all()
    assert c01_only_c
    forged = claims.assign(verdict=claims["verdict"].where(claims["claim_id"] != "C01", "contradicted"))
    assert checks.rule_breaches(forged, evidence) == ["C01"]
    # An A/B row that takes no side ("unclear") does not back a verdict either.
    c12 = evidence["claim_id"] == "C12"
    assert set(evidence.loc[c12 & evidence["grade"].isin(["A", "B"]), "agrees"]) == {"unclear"}
    forged = claims.assign(verdict=claims["verdict"].where(claims["claim_id"] != "C12", "supported"))
    assert checks.rule_breaches(forged, evidence) == ["C12"]


def test_every_evidence_row_points_to_a_claim_and_every_claim_has_evidence(claims, evidence):
    assert set(evidence["claim_id"]) <= set(claims["claim_id"])
    assert set(claims["claim_id"]) <= set(evidence["claim_id"])


def test_the_ledger_covers_the_article_claims_named_in_the_brief(claims):
    assert len(claims) >= 14
    by_value = {(round(v, 2), u.split()[0]) for v, u in zip(claims["value"].fillna(-1), claims["unit"], strict=True)}
    for needed in [
        (200, "USD"),
        (100, "USD"),
        (10, "USD"),
        (300, "USD"),
        (750, "MW"),
        (10, "percent"),
        (27, "trillion"),
        (18.9, "percent"),
        (12.96, "trillion"),
        (5, "consecutive"),
        (280, "fold"),
    ]:
        assert needed in by_value, needed


def test_the_article_is_never_evidence_for_itself(evidence):
    assert not (evidence["source_url"] == cur.article()["source_url"]).any()


def test_claims_carry_the_article_provenance(claims):
    assert (claims["source_url"] == cur.article()["source_url"]).all()
    assert (claims["grade"] == "C").all()
    assert (claims["published"] == pd.Timestamp("2026-04-17")).all()


# ---- curation helpers -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (">200", 200.0),
        ("~20 (>20)", 20.0),
        ("~1 at 6% interest", 1.0),
        ("750 (option to 2,000)", 750.0),
        ("up to 30", 30.0),
        ("minority stake via warrants", None),
        ("2026-04-17", None),
        ("2026-04-21 (x)", None),
        ("0.667", 0.667),
    ],
)
def test_leading_number(text, expected):
    assert cur.leading_number(text) == expected


def test_clean_date_keeps_only_full_iso_dates():
    assert cur.clean_date("2026-04-17") == ("2026-04-17", "")
    assert cur.clean_date("n/a") == ("", "page shows no date")
    assert cur.clean_date("2026-05 (inferred from URL)")[0] == ""


def test_source_c06_is_split_into_total_and_stake():
    # The source's C06 ("$X total / up to Y%") is read as our C06 (the dollars) and C08 (the stake).
    assert cur._part("30 / 10%", "first part") == "30" and cur._part("30 / 10%", "second part") == "10%"
    assert cur._part("USD bn / % stake", "second part") == "% stake"
    assert cur._part("10%", "second part") == "10%" and cur._part("30 / 10%", "value") == "30 / 10%"
    links = pd.DataFrame(editorial.records("claims_evidence"))
    split = links[links["origin"].str.contains("#C06-") & links["reads"].isin(["first part", "second part"])]
    assert set(split.groupby("origin")["claim_id"].agg(lambda c: tuple(sorted(c)))) == {("C06", "C08")}


def test_evidence_rows_keep_every_non_article_cerebras_row(evidence):
    raw = pd.read_csv(SOURCES_DIR / "deals" / "claims_cerebras.csv", dtype=str, keep_default_na=False)
    kept = raw[(raw["source_url"] != cur.article()["source_url"]) & raw["claim_id"].str.startswith("C")]
    split = kept["claim_id"].str.startswith("C06") & kept["value"].str.contains("/")
    from_file = evidence[evidence["origin"].str.startswith("deals/claims_cerebras.csv#C")]
    assert len(from_file) == len(kept) + int(split.sum())
    assert {o.split("#")[1] for o in from_file["origin"]} == set(kept["claim_id"])


# ---- recomputed checks ----------------------------------------------------------------------------------------


def _toy_weekly() -> pd.DataFrame:
    """Three weeks; China leads in the last two; in the last week ranks 1-2 are Chinese, rank 3 US, rank 4 China."""
    rows = []
    spec = {
        "2026-03-16": [("United States", 5), ("China", 4)],
        "2026-03-23": [("China", 6), ("United States", 5)],
        "2026-03-30": [("China", 7), ("China", 3), ("United States", 2), ("China", 1)],
    }
    for week, models in spec.items():
        for rank, (country, tn) in enumerate(models, start=1):
            rows.append(
                {
                    "week_start": week,
                    "rank": rank,
                    "creator_country": country,
                    "total_tokens": int(tn * checks.TRILLION),
                    "grade": "B",
                    "backfilled": False,
                }
            )
    return pd.DataFrame(rows)


def test_leading_run_stops_at_the_first_other_country():
    tokens, n = checks.leading_run_tokens(_toy_weekly(), "2026-03-30", "China")
    assert (tokens / checks.TRILLION, n) == (10.0, 2)


def test_streak_and_week_over_week_on_a_toy_table():
    table = checks.weekly_country_tokens(_toy_weekly())
    assert checks.lead_streak(table, "2026-03-30") == 2
    assert checks.lead_streak(table, "2026-03-16") == 0
    assert checks.week_over_week_pct(table, "2026-03-30") == pytest.approx(100 * (13 / 11 - 1))
    got = checks.openrouter_checks(_toy_weekly(), "2026-03-30")
    assert got["china_top_models_tn"] == pytest.approx(11.0)
    assert got["streak_start"] == pd.Timestamp("2026-03-23")


def test_a_missing_week_breaks_the_streak():
    weekly = _toy_weekly()
    weekly = weekly[weekly["week_start"] != "2026-03-23"]
    table = checks.weekly_country_tokens(weekly)
    assert checks.lead_streak(table, "2026-03-30") == 1


def test_openrouter_recomputation_matches_the_verdicts(claims):
    got = checks.openrouter_checks(load("openrouter_weekly"))
    verdict = claims.set_index("claim_id")["verdict"]
    value = claims.set_index("claim_id")["value"]
    # C14: the article's Chinese figure is reproduced by the top-ranked Chinese run, and is less than all
    # Chinese models in the top 10: so "partly supported", not "supported".
    assert checks.is_close(got["china_top_run_tn"], value["C14"])
    assert got["china_top_models_tn"] > got["china_top_run_tn"] * 1.02
    assert verdict["C14"] == "partly supported"
    # C15: the streak equals the article's count.
    assert got["china_lead_streak_weeks"] == value["C15"]
    assert verdict["C15"] == "supported"
    # C12: the top models alone serve less than the claimed platform total, so the data cannot refute it.
    assert got["top_models_tn"] < value["C12"]
    assert verdict["C12"] == "not verifiable"


def test_ai_index_recomputation_is_the_cost_chapter_s(evidence, claims):
    from analysis import costs

    models = load("models")
    got = checks.ai_index_check(evidence, models)
    h = costs.headline_280(models)
    # One definition everywhere: the ledger's fold, span and rates are chapter 3's.
    assert (got["fold"], got["months"], got["factor_per_year"]) == (h.fold, h.months_actual, h.factor_per_year_actual)
    assert got["stated_months"] == costs.AI_INDEX_STATED_MONTHS
    assert got["fold"] == pytest.approx(got["start_price"] / got["end_price"], rel=1e-9)
    value = claims.set_index("claim_id")["value"]
    assert got["stated_fold"] >= value["C16"] and got["fold"] >= value["C16"]
    assert got["months"] <= 12 * value["C17"]
    # The implied yearly factor compounds back to the fold over the span.
    assert got["factor_per_year"] ** (got["months"] / 12) == pytest.approx(got["fold"], rel=0.02)


def test_dollar_consensus_text_counts_the_rows_and_the_fraction():
    ev = pd.DataFrame(
        {
            "claim_id": ["X1"] * 3,
            "origin": ["f#X1-a", "f#X1-b", "f#B02-f"],
            "source_value": [20.0, 20.0, 24.6],
            "grade": ["C", "C", "C"],
        }
    )
    text = checks.dollar_consensus_text(ev, "X1", 200.0)
    assert text == "No A/B source; all 2 unconfirmed (grade C) reports give one tenth of it ($20B)"
    ev.loc[1, ["source_value", "grade"]] = [25.0, "B"]
    assert checks.dollar_consensus_text(ev, "X1", 200.0).startswith("1 A/B source; the 2 reports give $20B to $25B")


def test_grades_follow_the_curated_datasets_and_the_data_computed_from(evidence):
    grades = cur._curated_grades(SOURCES_DIR)
    sourced = evidence[~evidence["origin"].str.startswith("recomputed")]
    known = sourced["source_url"].isin(grades)
    assert (sourced.loc[known, "grade"] == sourced.loc[known, "source_url"].map(grades)).all()
    # Rows computed from OpenRouter's weekly data carry that dataset's grade and publisher.
    weekly = load("openrouter_weekly")
    got = checks.openrouter_checks(weekly)
    computed = evidence[evidence["origin"].str.startswith("recomputed: openrouter_weekly")]
    assert set(computed["grade"]) == {got["grade"]}
    assert set(computed["publisher"]) <= set(weekly["publisher"])
    assert cur.page_grades(pd.DataFrame({"source_url": ["u", "u"], "grade": ["A", "C"]})) == {"u": "C"}


def test_reasons_say_only_c_when_only_c(claims, evidence):
    for c in claims.itertuples():
        grades = set(evidence.loc[evidence["claim_id"] == c.claim_id, "grade"])
        if c.verdict_reason.startswith("Only C-graded") or "No A/B source" in c.verdict_reason:
            assert grades == {"C"}, c.claim_id


def test_ledger_prose_numbers_come_from_the_data(claims, evidence):
    # The reasons quote numbers computed from the evidence: check some against their recomputation.
    reason = claims.set_index("claim_id")["verdict_reason"]
    got = checks.openrouter_checks(load("openrouter_weekly"))
    assert f"{got['china_top_run_tn']:.2f}" in reason["C14"] and f"{got['top_models_tn']:.1f}" in reason["C12"]
    idx = checks.ai_index_check(evidence, load("models"))
    assert f"{idx['months']:.0f} months" in reason["C17"] and f"{idx['fold']:.0f}-fold" in reason["C16"]
    # Every claim text states the article's value as recorded in `value`.
    for c in claims.dropna(subset=["value"]).itertuples():
        assert f"{c.value:g}" in c.claim or f"{c.value:.0f}" in c.claim, c.claim_id


def test_every_compiler_note_has_our_paraphrase():
    raw = pd.read_csv(SOURCES_DIR / "deals" / "claims_cerebras.csv", dtype=str, keep_default_na=False)
    kept = raw[(raw["source_url"] != cur.article()["source_url"]) & raw["claim_id"].str.startswith("C")]
    with_notes = set(kept.loc[kept["notes"].str.strip() != "", "claim_id"])
    links = pd.DataFrame(editorial.records("claims_evidence"))
    ours = links[links["origin"].str.startswith("deals/claims_cerebras.csv#") & links["note"].notna()]
    assert with_notes <= {o.split("#")[1] for o in ours["origin"]}
    notes = load("claim_evidence")["note"].fillna("")
    raw_notes = {n.strip() for n in kept["notes"] if len(n.strip()) > 20}
    assert not any(n in note for n in raw_notes for note in notes)


def test_dollar_figures_of_the_article_are_ten_times_the_other_reports(claims, evidence):
    ratios = checks.dollar_ratios(checks.dollar_comparison(claims, evidence))
    assert set(ratios["claim_id"]) == {"C01", "C04", "C05", "C06"}
    assert ratios["ratio"].to_numpy() == pytest.approx(10.0)
    assert (ratios["n_reports"] >= 3).all()


def test_verdict_counts_cover_every_cell_and_sum_to_the_claims(claims):
    counts = checks.verdict_counts(claims)
    assert len(counts) == len(checks.TOPIC_ORDER) * len(checks.VERDICT_ORDER)
    assert counts["n_claims"].sum() == len(claims)


def test_weak_lean_labels():
    ev = pd.DataFrame(
        {
            "claim_id": ["X1", "X1", "X2", "X2", "X3", "X4", "X4", "X5"],
            "evidence_id": list("abcdefgh"),
            "agrees": ["no", "no", "yes", "no", "unclear", "partly", "yes", "yes"],
            "grade": ["C"] * 7 + ["A"],
        }
    )
    lean = checks.weak_lean(ev).set_index("claim_id")["c_lean"]
    # X5 has only an A row: the lean of weak sources is about C rows only.
    assert lean.to_dict() == {"X1": "contradicts", "X2": "mixed", "X3": "no side", "X4": "supports"}


def test_best_evidence_prefers_grade_then_a_side_then_recomputed_then_direct_rows(evidence):
    best = checks.best_evidence(evidence).set_index("claim_id")
    assert best.loc["C01", "origin"].endswith("#C01-b")  # not the background row brought in by us
    assert best.loc["C14", "origin"].startswith("recomputed")
    assert best.loc["C09", "grade"] == "A"
    c12 = evidence[evidence["claim_id"] == "C12"]
    top_grade = min(c12["grade"], key="ABC".index)
    assert top_grade != "C" and best.loc["C12", "grade"] == top_grade  # an A/B row taking no side beats C rows


def test_ledger_has_one_row_per_claim_with_best_evidence(claims, evidence):
    table = checks.ledger(claims, evidence)
    assert list(table["claim_id"]) == sorted(claims["claim_id"])
    c16 = table.set_index("claim_id").loc["C16"]
    assert "grade A" in c16["best_evidence"]


def _ngrams(text: str, n: int) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z0-9$%.]+", text.lower())
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def _article_fingerprint() -> set[str]:
    lines = (FIXTURES / "article_6gram_sha256.txt").read_text(encoding="utf-8").splitlines()
    return {line for line in lines if line and not line.startswith("#")}


def test_claims_and_reasons_are_our_words_not_the_article_s(claims):
    copied = _article_fingerprint()
    assert len(copied) > 500  # the fingerprint covers the whole article
    for text in list(claims["claim"]) + list(claims["verdict_reason"]):
        hashed = {hashlib.sha256(" ".join(g).encode()).hexdigest()[:16]: g for g in _ngrams(text, 6)}
        shared = [hashed[h] for h in set(hashed) & copied]
        assert not shared, (text, shared)


def test_dollar_figure_rows_have_one_article_value_per_claim():
    from analysis import figures

    fig = figures.get("fig-claims-dollars")
    df = fig.data()
    article = df[df["reported_by"] == "article"]
    assert article["claim_id"].is_unique
    assert set(article["claim_id"]) == set(df["claim_id"])
    assert (df["value_usd_bn"] > 0).all() and len(df) < 5000
    assert fig.page == "chapters/appendix_claims"
    verdicts = figures.get("fig-claims-verdicts").data()
    assert verdicts["n_claims"].sum() == len(load("claims"))


# ---- bad editorial input is an error naming file, row, field, value and rule ----------------------------------


def _with_edit(monkeypatch, table: str, row: int, **changes):
    """Make `cur._records(table)` return its rows with row `row` (1 = first) changed."""
    original = cur._records

    def records(name):
        recs = original(name)
        if name == table:
            recs[row - 1] = recs[row - 1] | changes
        return recs

    monkeypatch.setattr(cur, "_records", records)


@pytest.mark.parametrize(
    ("change", "column", "rule_part"),
    [
        ({"source_url": "https://example.org/elsewhere"}, "source_url", "source row's page"),
        ({"origin": "deals/claims_cerebras.csv#C99-z"}, "origin", "no such row"),
        ({"origin": "deals/unknown.csv#x"}, "origin", "names no source file"),
        ({"grade": "A"}, "grade", "grade the report gives this page"),
    ],
)
def test_a_bad_evidence_link_names_file_row_field_and_rule(monkeypatch, change, column, rule_part):
    _with_edit(monkeypatch, "claims_evidence", 3, **change)
    with pytest.raises(DataValidationError) as info:
        cur.build_claim_evidence(SOURCES_DIR)
    err = info.value
    assert (err.file, err.row, err.column) == ("data/editorial/claims_evidence.csv", 3, column)
    assert err.value == change[column] and rule_part in err.rule and "line 4" in str(err)


def test_a_link_to_the_article_itself_is_refused(monkeypatch):
    article_row = "deals/claims_cerebras.csv#C01-a"  # the article's own row in the compilation
    _with_edit(monkeypatch, "claims_evidence", 1, origin=article_row)
    with pytest.raises(DataValidationError) as info:
        cur.build_claim_evidence(SOURCES_DIR)
    assert info.value.column == "origin" and "article itself" in info.value.rule


def test_an_unknown_template_field_in_a_claim_names_its_yaml_line(monkeypatch):
    _with_edit(monkeypatch, "claims", 2, verdict_reason="Reports say {no_such_field}")
    with pytest.raises(DataValidationError) as info:
        cur.build_claims(SOURCES_DIR)
    err = info.value
    assert (err.file, err.row, err.column) == ("data/editorial/claims.yaml", 2, "verdict_reason")
    assert "no_such_field" in err.rule
    yaml_lines = (cur.EDITORIAL_DIR / "claims.yaml").read_text().splitlines()
    line = int(re.search(r"line (\d+)", str(err)).group(1))
    assert yaml_lines[line - 1].startswith("- claim_id: C02")


def test_a_check_whose_provenance_is_not_its_data_s_is_an_error(monkeypatch):
    _with_edit(monkeypatch, "claims_checks", 1, grade="C")
    with pytest.raises(DataValidationError) as info:
        cur.build_claim_evidence(SOURCES_DIR)
    assert (info.value.file, info.value.row, info.value.column) == ("data/editorial/claims_checks.yaml", 1, "grade")
