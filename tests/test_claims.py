"""The claims ledger: data rules, curation helpers and the recomputed checks behind the verdicts."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pandas as pd
import pytest

from analysis import claims as checks
from analysis import editorial
from analysis.curate import claims as cur
from analysis.data import DataValidationError, load, resource
from analysis.paths import ROOT, SOURCES_DIR

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


def test_recorded_verdicts_and_strengths_follow_the_rule(claims, evidence):
    assert checks.rule_breaches(claims, evidence) == []
    field = next(f for f in resource("claims")["schema"]["fields"] if f["name"] == "strength")
    assert field["constraints"]["enum"] == list(checks.STRENGTH_ORDER)
    # "none" is the strength of "not verifiable" and of nothing else.
    assert ((claims["strength"] == "none") == (claims["verdict"] == "not verifiable")).all()


def test_rule_breaches_catches_a_typed_verdict_or_strength(claims, evidence):
    forged = claims.assign(verdict=claims["verdict"].where(claims["claim_id"] != "C01", "supported"))
    assert checks.rule_breaches(forged, evidence) == ["C01"]
    forged = claims.assign(strength=claims["strength"].where(claims["claim_id"] != "C05", "strong"))
    assert checks.rule_breaches(forged, evidence) == ["C05"]


def test_not_verifiable_only_where_no_evidence_takes_a_side(claims, evidence):
    sided = set(evidence.loc[evidence["agrees"].isin(checks.INFORMATIVE), "claim_id"])
    unverifiable = set(claims.loc[claims["verdict"] == "not verifiable", "claim_id"])
    assert unverifiable == set(claims["claim_id"]) - sided
    assert len(unverifiable) < len(claims) / 4  # rare, as it should be once independent checks count


def test_lines_count_origins_not_pages(claims, evidence):
    judged = checks.judge_all(claims, evidence)
    c01 = judged["C01"]
    against = {line.key: line for line in c01.lines_against}
    # The many pages relaying The Information's April story are one line; so are the summaries of the filings.
    april = against["April 2026 press (The Information, via Reuters)"]
    rows_c01 = evidence[(evidence["claim_id"] == "C01") & (evidence["agrees"] == "no")]
    assert april.n_pages > 1 and len(against) < len(rows_c01)
    assert {line.key for line in judged["C14"].lines_for} == {"OpenRouter data"}  # press relays of the same data


def test_the_dollar_figures_are_contradicted_by_a_decisive_check_and_independent_reports(claims, evidence):
    verdict = claims.set_index("claim_id")
    judged = checks.judge_all(claims, evidence)
    for cid in ("C01", "C04", "C05", "C06"):
        assert verdict.loc[cid, "verdict"] == "contradicted"
        assert not judged[cid].lines_for
    for cid in ("C01", "C06"):  # at the article's figure the capacity costs more than building or renting it
        check = evidence[(evidence["claim_id"] == cid) & (evidence["kind"] == "check")]
        assert float(check["source_value"].iloc[0]) >= checks.DECISIVE_SHARE_PCT
        assert verdict.loc[cid, "strength"] == "strong"
    # The January figure is contradicted by reputable (B) reports, the first B-graded contradiction.
    jan = [line for line in judged["C04"].lines_against if line.firm and line.grade == "B"]
    assert jan and verdict.loc["C04", "strength"] == "strong"


def test_the_unit_economics_check_is_chapter_1_s_computation(evidence):
    import numpy as np

    from analysis import scenarios as sc

    draws = sc.sample(load("cost_priors"))
    dearest = np.maximum.reduce([fn(draws) for _, fn in sc.COST_ROUTES.values()])
    value = load("claims").set_index("claim_id")["value"]
    for cid in ("C01", "C04", "C06"):
        share = 100 * float(np.mean(sc.deal_usd_per_mw_year(value[cid], draws) > dearest))
        row = evidence[(evidence["claim_id"] == cid) & (evidence["kind"] == "check")].iloc[0]
        assert row["source_value"] == pytest.approx(share) and row["agrees"] == ("no" if share > 50 else "unclear")


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


def test_openrouter_recomputation_matches_the_verdicts(claims, evidence):
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
    # C12: the top models alone serve less than the claimed platform total: a floor that cannot refute it.
    assert got["top_models_tn"] < value["C12"]
    floor = evidence[(evidence["claim_id"] == "C12") & evidence["origin"].str.startswith("recomputed")]
    assert set(floor["agrees"]) == {"unclear"} and verdict["C12"] != "contradicted"
    # C13: nothing gives the platform's growth; the top models' growth takes no side.
    assert set(evidence.loc[evidence["claim_id"] == "C13", "agrees"]) == {"unclear"}
    assert verdict["C13"] == "not verifiable"


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


def test_dollar_reasons_quote_the_other_reports_median_and_ratio(claims, evidence):
    ratios = checks.dollar_ratios(checks.dollar_comparison(claims, evidence)).set_index("claim_id")
    reason = claims.set_index("claim_id")["verdict_reason"]
    for cid in ratios.index:
        assert f"${ratios.loc[cid, 'other_median_usd_bn']:g}B" in reason[cid]
        assert f"factor of {ratios.loc[cid, 'ratio']:g}" in reason[cid] and "our inference" in reason[cid]


def test_grades_follow_the_curated_datasets_and_the_data_computed_from(evidence):
    grades = cur._curated_grades(SOURCES_DIR)
    sourced = evidence[evidence["kind"].isin(["statement", "inferred"])]
    known = sourced["source_url"].isin(grades)
    assert (sourced.loc[known, "grade"] == sourced.loc[known, "source_url"].map(grades)).all()
    # One page, one grade, within the ledger too.
    assert (sourced.groupby("source_url")["grade"].nunique() == 1).all()
    # Rows computed from OpenRouter's weekly data carry that dataset's grade and publisher.
    weekly = load("openrouter_weekly")
    got = checks.openrouter_checks(weekly)
    computed = evidence[evidence["origin"].str.startswith("recomputed: openrouter_weekly")]
    assert set(computed["grade"]) == {got["grade"]}
    assert set(computed["publisher"]) <= set(weekly["publisher"])
    assert cur.page_grades(pd.DataFrame({"source_url": ["u", "u"], "grade": ["A", "C"]})) == {"u": "C"}


def test_the_december_2026_evidence_is_all_brought_in_and_regraded_by_the_one_policy(evidence):
    raw = pd.read_csv(SOURCES_DIR / "deals" / "evidence_2026-12.csv", dtype=str, keep_default_na=False)
    rows = evidence[evidence["origin"].str.startswith("deals/evidence_2026-12.csv#")]
    assert len(rows) == len(raw)
    assert set(rows["claim_id"]) == set(raw["claim_id"])
    # Notes in public repositories known only by a file id: C, the id kept, a real URL built to find them.
    by_id = rows[rows["source_ref"].fillna("").str.startswith("github-file-id:")]
    n_ids = int(raw["source_url"].str.startswith("github-file-id:").sum())
    assert len(by_id) == n_ids and set(by_id["grade"]) == {"C"}
    assert by_id["source_url"].str.startswith("https://github.com/").all()
    assert not evidence["source_url"].str.contains("github-file-id").any()
    # A verbatim copy of a primary page is B, like wire copy republished word for word (the AI Index copy is B).
    copies = rows[rows["publisher"].str.contains("verbatim copy")]
    assert len(copies) and set(copies["grade"]) == {"B"}
    assert set(raw.loc[raw["publisher"] == "OpenAI", "grade"]) == {"A"}  # the compiler's grade, lowered
    # Values written in 億 (hundred millions) are converted: the January deal in 億 gives the others' figure.
    yi = rows[rows["unit"].str.contains("億") & rows["unit"].str.startswith("USD billion")]
    others = evidence.loc[(evidence["claim_id"] == "C04") & (evidence["kind"] == "statement"), "source_value"]
    assert len(yi) and (yi["source_value"] == others.median()).all()


def test_reasons_say_so_when_a_verdict_rests_on_inference(claims, evidence):
    judged = checks.judge_all(claims, evidence)
    resting = [cid for cid, j in judged.items() if j.rests_on_inference]
    assert resting  # e.g. C12 and C19
    reason = claims.set_index("claim_id")["verdict_reason"]
    for cid in resting:
        assert re.search(r"our (inference|reading)", reason[cid]), cid


def test_reasons_give_evidence_not_verdict_words(claims):
    # The badge carries the verdict; a reason that named one could disagree with it.
    for c in claims.itertuples():
        for phrase in checks.VERDICT_ORDER:
            assert not re.search(rf"\b{phrase}\b", c.verdict_reason, re.IGNORECASE), (c.claim_id, phrase)


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


def test_every_claim_has_a_short_title_and_a_type(claims):
    assert claims["short"].str.len().between(5, 60).all() and claims["short"].is_unique
    assert set(claims["claim_type"]) <= set(checks.CLAIM_TYPES)
    forecasts = claims[claims["claim_type"] == "forecast"]
    assert (forecasts["strength"] != "strong").all() and set(forecasts["topic"]) == {"shift"}


def test_line_cards_show_grades_and_the_best_page_of_each_line(claims, evidence):
    judged = checks.judge_all(claims, evidence)
    c16 = claims.set_index("claim_id").loc[["C16"]].reset_index().iloc[0]
    card = checks.card_html(c16, evidence, judged["C16"])
    assert "best grade A" in card and "Stanford AI Index 2025" in card and 'class="claim-badge' in card
    c01 = claims[claims["claim_id"] == "C01"].iloc[0]
    card = checks.card_html(c01, evidence, judged["C01"])
    assert "Evidence against (3 independent lines)" in card and "our consistency check" in card


def test_ledger_has_one_row_per_claim_with_a_stable_anchor(claims, evidence):
    table = checks.ledger(claims, evidence)
    assert list(table["claim_id"]) == sorted(claims["claim_id"])
    assert list(table["anchor"]) == [f"claim-{c.lower()}" for c in sorted(claims["claim_id"])]
    c16 = table.set_index("claim_id").loc["C16"]
    assert "(A)" in c16["lines"]


def test_badges_say_the_verdict_in_words_not_only_in_colour():
    for verdict in checks.VERDICT_ORDER:
        strength = "none" if verdict == "not verifiable" else "moderate"
        html = checks.badge_html(verdict, strength)
        text = re.sub(r"<[^>]+>", "", html)
        assert verdict in text and (strength in text or strength == "none")
        assert 'aria-hidden="true"' in html  # the symbol is decoration; the words are read out


def _ngrams(text: str, n: int) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z0-9$%.]+", text.lower())
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def _article_fingerprint() -> set[str]:
    lines = (FIXTURES / "article_6gram_sha256.txt").read_text(encoding="utf-8").splitlines()
    return {line for line in lines if line and not line.startswith("#")}


def test_claims_and_reasons_are_our_words_not_the_article_s(claims, evidence):
    copied = _article_fingerprint()
    assert len(copied) > 500  # the fingerprint covers the whole article
    ours = list(claims["claim"]) + list(claims["verdict_reason"]) + list(claims["short"])
    ours += list(evidence["note"].dropna()) + list(evidence["paraphrase"].dropna())
    assert evidence["paraphrase"].notna().sum() > 0
    for text in ours:
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


# ---- the chapters, the front page and the ledger agree, and link to each claim's entry ----------------------

PAGES_STATING_VERDICTS = (
    "chapters/01_deal_terms.ipynb",
    "chapters/02_inference_shift.ipynb",
    "chapters/03_cost_declines.ipynb",
    "index.md",
)
_ROLE = re.compile(r"\{[a-z:]+\}`[^`]*`")
_CLAIM_REF = re.compile(r"\{ref\}`[^`<]*<claim-(c\d\d)>`")
_GLUED_VERDICT = re.compile(r"\{glue:text\}`(?:[^`:]+::)?(?:ledger-(C\d\d)|claims-(c\d\d))-verdict(?::s)?`")
_VERDICT_WORDS = re.compile(r"\b(partly supported|supported|contradicted|not verifiable)\b", re.IGNORECASE)
# A glued count followed by its verdict word ("{glue:text}`...claims-n-contradicted...` are contradicted") is a
# tally of claims, not a statement about one.
_TALLY = re.compile(
    r"\{glue:text\}`[^`]*claims-n-(?P<slug>[a-z-]+)[^`]*`\s+(?:are\s+)?(?P<word>[a-z ]+?)(?=[,;.]|\s+and\b)"
)


def _prose(relpath: str) -> str:
    """The Markdown a reader sees: a notebook's Markdown cells, or a Markdown file."""
    path = ROOT / relpath
    if path.suffix != ".ipynb":
        return path.read_text(encoding="utf-8")
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return "\n\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")


def _sentences(text: str) -> list[str]:
    """Paragraphs and list items, split into sentences (a period, then a capital, bracket or role)."""
    units = re.split(r"\n\s*\n|\n(?=\s*- )", text)
    return [s for unit in units for s in re.split(r"(?<=[.!?])\s+(?=[A-Z(*{])", unit)]


def _verdict_problems(text: str, verdict: dict[str, str]) -> list[str]:
    """Sentences that state a verdict in words for a claim they do not link, or one the ledger does not give, or
    that glue a claim's verdict without linking the claim's entry."""
    problems = []
    for sentence in _sentences(text):
        sentence = " ".join(sentence.split())
        refs = {m.group(1).upper() for m in _CLAIM_REF.finditer(sentence)}
        untallied = _TALLY.sub(lambda m: " " if m["word"].replace(" ", "-") == m["slug"] else m[0], sentence)
        typed = {m.group(1).lower() for m in _VERDICT_WORDS.finditer(_ROLE.sub(" ", untallied))}
        if typed and not refs:
            problems.append(f"a verdict word without a link to the claim's entry: {sentence!r}")
        problems += [
            f"{c}: {typed} but the ledger says {verdict[c]!r}" for c in refs if typed and typed != {verdict[c]}
        ]
        for match in _GLUED_VERDICT.finditer(sentence):
            claim_id = (match.group(1) or match.group(2)).upper()
            if claim_id not in refs:
                problems.append(f"the verdict of {claim_id} without a link to its entry: {sentence!r}")
    return problems


def test_chapters_state_the_ledger_s_verdict_beside_a_link_to_the_claim(claims):
    verdict = claims.set_index("claim_id")["verdict"].to_dict()
    for page in PAGES_STATING_VERDICTS:
        assert _verdict_problems(_prose(page), verdict) == [], page


def test_the_verdict_check_catches_a_wrong_or_unlinked_verdict():
    verdict = {"C01": "contradicted", "C02": "supported"}
    assert _verdict_problems("The ledger rates it *contradicted* ({ref}`C01 <claim-c01>`).", verdict) == []
    assert _verdict_problems("The ledger rates it *supported* ({ref}`C01 <claim-c01>`).", verdict)
    assert _verdict_problems("The dollar claims are not verifiable for want of a source.", verdict)
    assert _verdict_problems("Ledger verdict: {glue:text}`ledger-C02-verdict`.", verdict)
    tally = "{glue:text}`claims-n-contradicted:.0f` are contradicted, {glue:text}`claims-n-supported:.0f` supported."
    assert _verdict_problems(tally, verdict) == []


def test_the_chapter_words_of_the_checker_match_the_ledger_for_the_dollar_figures(claims):
    # Chapter 1 concludes on the dollar figures and chapter 2 on "above 90% of spend": the words and the ledger agree.
    text = _prose("chapters/01_deal_terms.ipynb")
    verdict = claims.set_index("claim_id")["verdict"]
    stated = re.findall(r"rates the dollar claims \*([a-z ]+)\*", text)
    assert stated and set(stated) == {verdict[c] for c in ("C01", "C04", "C05", "C06")}
    assert "ledger-C11-verdict" in _prose("chapters/02_inference_shift.ipynb")
    from analysis import shift

    assert shift.ledger_numbers(claims)["ledger-C11-verdict"] == verdict["C11"]


def test_every_chapter_links_to_the_entry_of_every_claim_it_examines(claims):
    for chapter, group in claims.groupby("chapter"):
        linked = {m.group(1).upper() for m in _CLAIM_REF.finditer(_prose(f"{chapter}.ipynb"))}
        assert set(group["claim_id"]) <= linked, (chapter, sorted(set(group["claim_id"]) - linked))
    every_link = {m.group(1).upper() for page in PAGES_STATING_VERDICTS for m in _CLAIM_REF.finditer(_prose(page))}
    assert every_link <= set(claims["claim_id"])


def test_the_ledger_has_a_stable_target_and_heading_for_every_claim(claims):
    text = _prose("chapters/appendix_claims.ipynb")
    for claim_id in claims["claim_id"]:
        key = claim_id.lower()
        assert re.search(rf"^\(claim-{key}\)=\n### {claim_id} · \{{glue:text\}}`claims-{key}-short`$", text, re.M), (
            claim_id
        )
        assert f"```{{glue}} claims-{key}-card" in text


def test_the_front_page_table_lists_every_claim_with_its_verdict_and_strength(claims):
    text = _prose("index.md")
    ledger = "chapters/appendix_claims.ipynb::claims-"
    for claim_id in claims["claim_id"]:
        key = claim_id.lower()
        row = (
            f"| {{ref}}`{claim_id} <claim-{key}>` | {{glue:text}}`{ledger}{key}-short:s` | "
            f"{{glue:text}}`{ledger}{key}-verdict:s` | {{glue:text}}`{ledger}{key}-strength:s` |"
        )
        assert row in text, claim_id


def test_the_article_is_named_and_linked_where_it_is_first_mentioned():
    url = cur.article()["source_url"]
    for page in ("index.md", "chapters/appendix_claims.ipynb"):
        text = _prose(page)
        first = next(p for p in re.split(r"\n\s*\n", text) if "article" in p)
        assert f"]({url})" in first and "article-title" in first, page


def test_the_ledger_glues_each_claim_s_words_verdict_and_strength(claims, evidence):
    numbers = checks.page_numbers(claims, evidence, load("openrouter_weekly"), load("compute_deals"), load("models"))
    for c in claims.itertuples():
        key = c.claim_id.lower()
        assert (numbers[f"{key}-short"], numbers[f"{key}-verdict"], numbers[f"{key}-strength"]) == (
            c.short,
            c.verdict,
            c.strength,
        )
    assert numbers["n-claims"] == len(claims)
    assert sum(numbers[f"n-{v.replace(' ', '-')}"] for v in checks.VERDICT_ORDER) == len(claims)
    assert sum(numbers[f"n-{s}"] for s in checks.STRENGTH_ORDER) == len(claims)


# ---- the ledger's numbers: one quantity, one id; counts that say what they count --------------------------------


@pytest.fixture(scope="module")
def page(claims, evidence) -> dict:
    return checks.page_numbers(claims, evidence, load("openrouter_weekly"), load("compute_deals"), load("models"))


# Quantities another chapter states: the ledger pastes the chapter's key and glues no copy of its own.
CHAPTER_KEYS = {
    "03_cost_declines.ipynb": (
        "costs-aiindex-fold",
        "costs-aiindex-start",
        "costs-aiindex-end",
        "costs-months-stated",
        "costs-fold",
        "costs-rate-stated",
        "costs-months-actual",
        "costs-rate-actual",
    ),
    "02_inference_shift.ipynb": (
        "article-chinese-ranks",
        "article-chinese-top-t",
        "article-chinese-t",
        "article-chinese-all-t",
        "china-streak",
        "article-top-total-t",
        "article-total-t",
        "article-total-over-top",
        "article-top-wow-pct",
        "article-wow-pct",
        "deloitte-2026-pct",
        "article-80-pct",
        "article-90-pct",
    ),
    "01_deal_terms.ipynb": ("jan_article_usd_bn", "apr_article_usd_bn"),
}
DUPLICATES_REMOVED = (
    "aiindex-stated-fold",
    "aiindex-stated-months",
    "aiindex-fold",
    "aiindex-months",
    "aiindex-factor-per-year",
    "aiindex-factor-per-year-stated",
    "aiindex-start-price",
    "aiindex-end-price",
    "or-top-models-tn",
    "or-top-models-wow-pct",
    "or-china-top-run-tn",
    "or-china-top-models-tn",
    "or-china-top-run-n",
    "or-streak-weeks",
    "or-top-share-of-claim-pct",
    "claim-weekly-tn",
    "claim-wow-pct",
    "claim-china-tn",
    "claim-share-2026-pct",
    "claim-share-later-pct",
    "claim-spend-share-pct",
    "deloitte-2026-pct",
    "deals-jan-article-usd-bn",
    "deals-apr-article-usd-bn",
)


def test_the_ledger_pastes_the_chapters_numbers_instead_of_its_own_copies(page):
    text = _prose("chapters/appendix_claims.ipynb")
    for doc, keys in CHAPTER_KEYS.items():
        for key in keys:
            assert f"{{glue:text}}`{doc}::{key}:" in text, (doc, key)
    for key in DUPLICATES_REMOVED:
        assert key not in page, key
        assert f"claims-{key}`" not in text and f"claims-{key}:" not in text, key


def test_ledger_counts_count_what_the_prose_says(claims, evidence, page):
    judged = checks.judge_all(claims, evidence)
    keys = [line.key for j in judged.values() for line in (*j.lines_for, *j.lines_against)]
    assert page["n-lines"] == len(keys) and page["n-lines-distinct"] == len(set(keys)) <= page["n-lines"]
    ab = evidence[evidence["grade"].isin(["A", "B"])]
    assert page["n-evidence-ab"] == page["n-evidence-ab-reports"] + page["n-evidence-ab-own"] == len(ab)
    own = ab[ab["kind"].isin(["recomputed", "check"])]
    assert page["n-evidence-ab-own"] == len(own)
    reports = ab[~ab.index.isin(own.index)]
    assert page["n-evidence-ab-pages"] == reports["source_url"].nunique() <= page["n-evidence-ab-reports"]
    # Dollar checks count claims, not check rows.
    dollar = set(claims.loc[claims["unit"].str.startswith("USD billion"), "claim_id"])
    rows = evidence[(evidence["kind"] == "check") & evidence["claim_id"].isin(dollar)]
    assert page["dollar-n-checks"] == rows["claim_id"].nunique()
    best = rows.groupby("claim_id")["source_value"].max()
    assert page["dollar-n-decisive"] == int((best >= checks.DECISIVE_SHARE_PCT).sum())
    # Reported figures are what pages state for a deal value: a row whose bearing is our reading is not one.
    comp = checks.dollar_comparison(claims, evidence)
    stated = comp[(comp["who"] != "article") & (comp["kind"] == "statement")]
    assert page["dollar-n-reports"] == len(stated) < int((comp["who"] != "article").sum())
    assert page["dollar-n-report-pages"] == stated["source_url"].nunique()
    # The highest forecast is computed, not the article's threshold.
    stated = (evidence["claim_id"] == "C10") & (evidence["kind"] == "statement")
    c10 = evidence.loc[stated, "source_value"].dropna()
    assert page["c10-max-pct"] == c10.max()


def test_phrases_say_all_exactly_or_both_only_when_it_is_so(claims):
    assert checks.count_phrase(12, 12) == "all 12" and checks.count_phrase(7, 12) == "7 of the 12"
    assert checks.count_phrase(2, 2) == "both" and checks.count_phrase(0, 12) == "none of the 12"
    assert checks.count_phrase(1, 1) == "the one"
    assert checks.ratio_phrase(10.0, 10.0) == "exactly 10"
    assert checks.ratio_phrase(9.5, 10.5) == "between 9.5 and 10.5"
    verdict = claims.set_index("claim_id")["verdict"]
    same = [c for c in verdict.index if verdict[c] == "contradicted"][:2]
    assert checks.verdicts_phrase(claims, same) == "both contradicted"
    mixed = [same[0], next(c for c in verdict.index if verdict[c] == "supported")]
    assert checks.verdicts_phrase(claims, mixed) == "contradicted and supported respectively"
    assert checks.match_phrase(12.96, 12.96, 2) == "exactly" and checks.match_phrase(12.0, 13.0, 2) == "against"


_GLUE = re.compile(r"\{glue(?::text)?\}`(?:(?P<doc>[^`:]+\.ipynb)::)?(?P<key>[^`:]+)(?::(?P<fmt>[^`]*))?`")


def _glued_values(relpath: str) -> dict:
    import ast

    cells = json.loads((ROOT / relpath).read_text(encoding="utf-8"))["cells"]
    out = {}
    for cell in cells:
        for output in cell.get("outputs", []):
            name = output.get("metadata", {}).get("scrapbook", {}).get("name")
            text = output.get("data", {}).get("application/papermill.record/text/plain")
            if name and text is not None:
                try:
                    out[name] = ast.literal_eval(text)
                except (ValueError, SyntaxError):
                    out[name] = text
    return out


def test_the_ledger_reads_without_template_artefacts():
    # The ledger's prose as a reader sees it (glue roles replaced by the committed values, the chapters' too).
    pages: dict[str, dict] = {}

    def value(m: re.Match) -> str:
        doc = f"chapters/{m['doc']}" if m["doc"] else "chapters/appendix_claims.ipynb"
        got = pages.setdefault(doc, _glued_values(doc))[m["key"]]
        return format(got, m["fmt"]) if m["fmt"] and not isinstance(got, str) else str(got)

    text = _GLUE.sub(value, _prose("chapters/appendix_claims.ipynb"))
    assert not re.search(r"\b(\d+) of the \1\b", text)
    verdicts = re.compile(r"partly supported|not verifiable|supported|contradicted")
    for sentence in _sentences(text):
        said = verdicts.findall(sentence)
        assert len(said) == len(set(said)), sentence
