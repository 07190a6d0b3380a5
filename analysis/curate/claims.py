"""Curate the claims ledger: the checkable claims of the 17 Apr 2026 article, and the evidence on each.

`claims` is editorial: the claims are paraphrased here, in our words, and each carries our verdict and its reason.
The verdict obeys one rule (tested in tests/test_claims.py): a verdict other than "not verifiable" must rest on
at least one A- or B-graded evidence row that takes a side (agrees yes, partly or no). Reports graded C alone
leave a claim "not verifiable"; what they say is kept in `claim_evidence` and shown on the ledger page.

`claim_evidence` has one row per (claim, source row). It is built from:
- deals/claims_cerebras.csv (the article's Cerebras claims, one row per source version). Rows that ARE the
  article are dropped (a claim is not evidence for itself); its claim C06 ("$300B total, up to 10%") is split
  into our C06 (the dollar total) and C08 (the stake ceiling), because the two parts meet different fates.
- inference_shift/compute_share.csv and token_volumes.csv (inference share forecasts; OpenRouter volumes).
- cost_declines/headline_rates.csv (AI Index 2025 endpoints of the GPT-3.5-level price fall).
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from analysis.curate import curator

ACCESSED = "2026-11-26"  # the report's data-as-of date; no source row records an access date
ARTICLE = {
    "source_url": "https://www.itiger.com/hans/news/1165882494",
    "publisher": "Tiger Brokers news (itiger.com), Stock News",
    "published": "2026-04-17",
    "accessed": ACCESSED,
    "grade": "C",
}
DEALS, SHIFT, COSTS = "chapters/01_deal_terms", "chapters/02_inference_shift", "chapters/03_cost_declines"
VERDICTS = ("supported", "partly supported", "contradicted", "not verifiable")
AGREES = ("yes", "partly", "no", "unclear")

# (claim_id, topic, claim in our words, value, value_qualifier, unit, chapter, verdict, verdict_reason, basis)
# Values are the article's, as numbers; the qualifier says whether the article gave a floor, ceiling or estimate.
# Claim texts and reasons are templates: `{v}` is the claim's own value, `{C04}` another claim's value, and every
# other field is computed from the evidence by `reason_fields` (no number is typed into the prose).
_CLAIMS: list[tuple] = [
    (
        "C01",
        "deal",
        "OpenAI will spend more than ${v:g}B over three years on Cerebras-based servers",
        200,
        "over",
        "USD billion over 3 years",
        DEALS,
        "not verifiable",
        "{dollar_C01}",
        "sources",
    ),
    (
        "C02",
        "deal",
        "OpenAI gets warrants that could make it a small shareholder of Cerebras, more so as it spends more",
        None,
        "none",
        "qualitative",
        DEALS,
        "not verifiable",
        "{only_C02}, which agree; S-1 coverage puts the warrants at about {warrant_m:.0f}M shares",
        "sources",
    ),
    (
        "C03",
        "deal",
        "In January 2026 OpenAI contracted up to {v:g} MW of Cerebras capacity over three years",
        750,
        "up to",
        "MW over 3 years",
        DEALS,
        "not verifiable",
        "{only_C03}, which agree on {c03_mw:g} MW; no company release in the store",
        "sources",
    ),
    (
        "C04",
        "deal",
        "The January 2026 OpenAI-Cerebras agreement was worth more than ${v:g}B",
        100,
        "over",
        "USD billion",
        DEALS,
        "not verifiable",
        "{dollar_C04}; the company statements as quoted give no value",
        "sources",
    ),
    (
        "C05",
        "deal",
        "OpenAI will put about ${v:g}B toward building the data centres that run its workloads",
        10,
        "about",
        "USD billion",
        DEALS,
        "not verifiable",
        "{dollar_C05}, later described as a loan",
        "sources",
    ),
    (
        "C06",
        "deal",
        "OpenAI's total Cerebras spending over three years could reach ${v:g}B",
        300,
        "up to",
        "USD billion over 3 years",
        DEALS,
        "not verifiable",
        "{dollar_C06}, as the spending at which the stake reaches its ceiling",
        "sources",
    ),
    (
        "C07",
        "deal",
        "Cerebras could make the agreement public as soon as Friday 17 April 2026",
        None,
        "none",
        "date",
        DEALS,
        "not verifiable",
        "{only_C07}; most date a public S-1 filing to that Friday, one reports a later confidential filing",
        "sources",
    ),
    (
        "C08",
        "deal",
        "The warrants could reach up to {v:g}% of Cerebras",
        10,
        "up to",
        "percent of Cerebras equity",
        DEALS,
        "not verifiable",
        "{only_C08}; they agree on {stake_pct:g}% but reach it at about ${c06_other:g}B of spending, not ${C06:g}B",
        "sources",
    ),
    (
        "C09",
        "shift",
        "Inference will account for about {v:.0f}% of (incremental) AI compute in 2026",
        66.7,
        "about",
        "percent of AI compute",
        SHIFT,
        "partly supported",
        "{c09_who} (grade {c09_grade}) forecasts {c09_pct:.0f}% of all AI compute in 2026, not of incremental compute",
        "sources",
    ),
    (
        "C10",
        "shift",
        "Inference's share of AI compute will later exceed {v:g}%",
        80,
        "over",
        "percent of AI compute",
        SHIFT,
        "not verifiable",
        "No source forecasts more than {c10_max:g}%; the A/B forecasts stop at {c10_max_ab:g}%",
        "sources",
    ),
    (
        "C11",
        "shift",
        "More than {v:g}% of future AI compute spending will go to inference",
        90,
        "over",
        "percent of AI compute spend",
        SHIFT,
        "not verifiable",
        "No source found for {v:g}%; the nearest spend forecasts are {c11_nearest}",
        "sources",
    ),
    (
        "C12",
        "shift",
        "In one week of early April 2026, OpenRouter served {v:g} trillion tokens",
        27,
        "exactly",
        "trillion tokens per week",
        SHIFT,
        "not verifiable",
        "A platform total, which OpenRouter's top-model data cannot confirm or refute: the top models served "
        "{or_top_tn:.1f} trillion, a floor; no platform total for that week is in our sources",
        "recomputed",
    ),
    (
        "C13",
        "shift",
        "That week's volume was {v:g}% above the week before",
        18.9,
        "exactly",
        "percent week over week",
        SHIFT,
        "not verifiable",
        "Growth of a platform total that no source gives for either week; the top models' tokens rose "
        "{or_wow_pct:.1f}%, which need not match it",
        "recomputed",
    ),
    (
        "C14",
        "shift",
        "Chinese models served {v:g} trillion tokens on OpenRouter that week",
        12.96,
        "exactly",
        "trillion tokens per week",
        SHIFT,
        "partly supported",
        "Reproduced for the top-ranked models only: the {or_run_n} highest-ranked, all Chinese, sum to "
        "{or_run_tn:.2f} trillion; all Chinese models in the top 10 served {or_cn_tn:.2f} trillion",
        "recomputed",
    ),
    (
        "C15",
        "shift",
        "Chinese models out-used US models on OpenRouter for the {v:.0f}th week in a row",
        5,
        "exactly",
        "consecutive weeks",
        SHIFT,
        "supported",
        "Recomputed: Chinese models' top-10 tokens beat US models' in {or_streak} straight weeks (a leaderboard "
        "measure)",
        "recomputed",
    ),
    (
        "C16",
        "cost",
        "The price of GPT-3.5-level inference fell {v:g}-fold (Stanford AI Index 2025)",
        280,
        "over",
        "fold decline",
        COSTS,
        "supported",
        "The AI Index (grade {ai_grade} as read) states more than {ai_stated_fold:g}-fold; Epoch AI's prices "
        "for its endpoint models (grade {ai_epoch_grade}), ${ai_start:g} to ${ai_end:g} per million tokens, give "
        "{ai_fold:.0f}-fold",
        "recomputed",
    ),
    (
        "C17",
        "cost",
        "That {C16:g}-fold fall happened within {v:g} years",
        2,
        "up to",
        "years",
        COSTS,
        "supported",
        "The endpoint models' release dates are {ai_months:.0f} months apart; the AI Index itself says about "
        "{ai_stated_months:g} months; both are within {v:g} years",
        "recomputed",
    ),
    (
        "C18",
        "deal",
        "The capacity OpenAI buys from Cerebras is for inference",
        None,
        "none",
        "qualitative",
        DEALS,
        "not verifiable",
        "{only_C18}, which all describe the capacity as inference",
        "sources",
    ),
    (
        "C19",
        "deal",
        "The April commitment is larger than the January agreement",
        None,
        "none",
        "qualitative",
        DEALS,
        "not verifiable",
        "{only_C19}; they put the April commitment at {c19_ratio:g} times the January value, as does the article",
        "sources",
    ),
]
CLAIM_COLUMNS = [
    "claim_id",
    "topic",
    "claim",
    "value",
    "value_qualifier",
    "unit",
    "chapter",
    "verdict",
    "verdict_reason",
    "evidence_basis",
]
PROVENANCE = ["source_url", "publisher", "published", "accessed", "grade"]


@curator("claims")
def build_claims(sources_dir: Path) -> pd.DataFrame:
    """The article's checkable claims (our words) with verdicts; provenance = the article (grade C).

    Claim texts and verdict reasons are filled from the article's values and from numbers computed on the
    evidence (`reason_fields`), so the ledger's prose carries no typed-in number.
    """
    frame = pd.DataFrame(_CLAIMS, columns=CLAIM_COLUMNS)
    values = {c: v for c, v in zip(frame["claim_id"], frame["value"], strict=True) if pd.notna(v)}
    fields = reason_fields(build_claim_evidence(sources_dir), values, _weekly(sources_dir), _models(sources_dir))
    for col in ("claim", "verdict_reason"):
        pairs = zip(frame["claim_id"], frame[col], strict=True)
        frame[col] = [text.format(v=values.get(cid), **values, **fields) for cid, text in pairs]
    for key, value in ARTICLE.items():
        frame[key] = value
    return frame.sort_values("claim_id").reset_index(drop=True)


def _weekly(sources_dir: Path) -> pd.DataFrame:
    from analysis.curate import load_curators

    return load_curators()["openrouter_weekly"](sources_dir)


def _models(sources_dir: Path) -> pd.DataFrame:
    from analysis.curate import load_curators

    return load_curators()["models"](sources_dir)


def reason_fields(
    evidence: pd.DataFrame, values: dict[str, float], weekly: pd.DataFrame, models: pd.DataFrame
) -> dict[str, str | float | int]:
    """The numbers and phrases the verdict reasons quote, computed from the evidence and the report's data."""
    from analysis import claims as checks

    def values_of(claim_id: str, unit: str = "") -> pd.Series:
        rows = evidence[(evidence["claim_id"] == claim_id) & evidence["unit"].str.contains(unit, regex=False)]
        return rows["source_value"].dropna().astype(float)

    out: dict[str, str | float | int] = {}
    for claim_id in ("C01", "C04", "C05", "C06"):
        out[f"dollar_{claim_id}"] = checks.dollar_consensus_text(evidence, claim_id, values[claim_id])
    for claim_id in ("C02", "C03", "C07", "C08", "C18", "C19"):
        out[f"only_{claim_id}"] = checks.grade_phrase(evidence, claim_id)
    out["warrant_m"] = float(values_of("C02", "million shares").median())
    out["c03_mw"] = float(values_of("C03").median())
    out["stake_pct"] = float(values_of("C08").median())
    out["c06_other"] = float(values_of("C06").median())
    out["c19_ratio"] = float(values_of("C19").median() / checks.direct_rows(evidence, "C04")["source_value"].median())
    c09 = evidence[(evidence["claim_id"] == "C09") & evidence["origin"].str.contains("Deloitte")].iloc[0]
    out |= {"c09_who": "Deloitte", "c09_grade": c09["grade"], "c09_pct": float(c09["source_value"])}
    c10 = evidence[evidence["claim_id"] == "C10"]
    out["c10_max"] = float(c10["source_value"].max())
    out["c10_max_ab"] = float(c10.loc[c10["grade"].isin(["A", "B"]), "source_value"].max())
    c11 = evidence[evidence["claim_id"] == "C11"].sort_values("grade")
    out["c11_nearest"] = " and ".join(
        f"{t} (grade {g})" for t, g in zip(c11["source_value_text"], c11["grade"], strict=True)
    )
    got = checks.openrouter_checks(weekly)
    out |= {
        "or_top_tn": got["top_models_tn"],
        "or_wow_pct": got["top_models_wow_pct"],
        "or_run_n": got["china_top_run_n"],
        "or_run_tn": got["china_top_run_tn"],
        "or_cn_tn": got["china_top_models_tn"],
        "or_streak": got["china_lead_streak_weeks"],
    }
    idx = checks.ai_index_check(evidence, models)
    out |= {
        "ai_grade": idx["stated_grade"],
        "ai_epoch_grade": evidence.loc[evidence["origin"] == "recomputed: AI Index endpoints (fold)", "grade"].iloc[0],
        "ai_stated_fold": idx["stated_fold"],
        "ai_start": idx["model_start_price"],
        "ai_end": idx["model_end_price"],
        "ai_fold": idx["fold"],
        "ai_months": idx["months"],
        "ai_stated_months": idx["stated_months"],
    }
    return out


# ---- evidence -------------------------------------------------------------------------------------------------

_NUMBER = re.compile(r"-?\d[\d,]*(?:\.\d+)?")


def leading_number(text: str) -> float | None:
    """The first number in a source's value text ('>20' -> 20, '~1 at 6%' -> 1, '750 (option to 2,000)' -> 750).

    Dates (YYYY-MM-DD) and texts without digits give None: they are not quantities.
    """
    if re.fullmatch(r"\d{4}-\d{2}(-\d{2})?.*", text.strip()):
        return None
    match = _NUMBER.search(text)
    return float(match.group().replace(",", "")) if match else None


def clean_date(text: str) -> tuple[str, str]:
    """(ISO date or '', remark): keeps only full ISO dates; 'n/a' and month-only dates go to the remark."""
    text = (text or "").strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return text, ""
    if text in ("", "n/a"):
        return "", "page shows no date"
    return "", f"date given only as {text}"


# Our short notes on the source rows of deals/claims_cerebras.csv, by source row id. The compiler's own notes are
# not carried over (facts carry over, sentences do not); a test checks that every row with a note has one here.
_CEREBRAS_NOTES = {
    "C01-b": "Same anonymous sourcing as the article, a tenth of its figure",
    "C01-c": "Credits The Information with the first report",
    "C01-d": "Summary of a Reuters story that did not itself confirm the original report",
    "C01-e": "Calls the new commitment about twice the January agreement",
    "C01-f": "Reads the master agreement in the S-1 as this contract, with an option for more capacity",
    "C01-g": "Coverage after the IPO filing; also cites the contracted backlog",
    "C01-h": "A corrected version of the story, citing the S-1",
    "C02-c": "Attributes the warrant to a statement by Cerebras itself",
    "C02-d": "Ties the warrant to a loan from OpenAI, not only to its purchases",
    "C02-e": "Ties the warrant to a working-capital loan, with a near-zero exercise price; share counts vary by report",
    "C02-f": "Warrants granted alongside a loan from OpenAI",
    "C03-b": "Quotes an OpenAI statement; capacity phased into OpenAI's inference",
    "C03-d": "Cites the January Cerebras release",
    "C03-e": "Its S-1 reading adds an option to expand the capacity",
    "C04-b": "Credits the Wall Street Journal with the figure",
    "C04-c": "Summary of Reuters restating the January value",
    "C04-g": "The companies' statements, as quoted, give the capacity but no dollar value",
    "C05-e": "Describes the money as a deposit that OpenAI carries as an asset",
    "C05-f": "Reads the S-1: a loan for the data centres OpenAI will rent",
    "C06-b": "Same stake ceiling, reached at a tenth of the article's spending",
    "C06-c": "Same stake ceiling, reached at a tenth of the article's spending",
    "C06-e": "Gives the ceiling without a spending threshold",
    "C07-b": "Ties the disclosure to the IPO paperwork",
    "C07-c": "Reports the public S-1 filing on the Friday named",
    "C07-d": "Cites the Cerebras release on the filing",
    "C07-e": "Alone in reporting a later, confidential filing; weak page",
}


def _cerebras_rows(sources_dir: Path) -> list[dict]:
    """Evidence rows from deals/claims_cerebras.csv, mapped to our claim ids."""
    raw = pd.read_csv(sources_dir / "deals" / "claims_cerebras.csv", dtype=str, keep_default_na=False)
    rows = []
    for rec in raw.to_dict("records"):
        if rec["source_url"] == ARTICLE["source_url"] or rec["claim_id"].startswith("B"):
            continue  # the article itself; background rows are handled in _background_rows
        source_claim = rec["claim_id"].split("-")[0]
        for claim_id, value_text, agrees in _map_cerebras(source_claim, rec):
            unit = _split_unit(rec["unit"], claim_id) if source_claim == "C06" else rec["unit"]
            rows.append(
                _evidence(
                    claim_id,
                    value_text,
                    unit,
                    agrees,
                    _CEREBRAS_NOTES.get(rec["claim_id"], ""),
                    rec,
                    f"deals/claims_cerebras.csv#{rec['claim_id']}",
                )
            )
    return rows


def _map_cerebras(source_claim: str, rec: dict) -> list[tuple[str, str, str]]:
    """(our claim id, value text, agrees) for one source row; splits the source's C06 into C06 and C08."""
    value, agrees = rec["value"], rec["agrees_with_article"]
    if source_claim != "C06":
        return [(source_claim, value, agrees)]
    parts = [p.strip() for p in value.split("/")]
    if len(parts) == 1:  # only the stake ceiling is given
        return [("C08", parts[0], "yes")]
    return [("C06", parts[0], "no" if leading_number(parts[0]) != 300 else "yes"), ("C08", parts[1], "yes")]


def _split_unit(unit: str, claim_id: str) -> str:
    """The part of a 'USD bn / % stake' unit that belongs to our C06 (the dollars) or C08 (the stake)."""
    parts = [p.strip() for p in unit.split("/")]
    if len(parts) == 1:
        return unit
    return parts[0] if claim_id == "C06" else parts[1]


def _evidence(
    claim_id: str, value_text: str, unit: str, agrees: str, note: str, rec: dict, origin: str, scale: float = 1.0
) -> dict:
    """One evidence row; `scale` converts the parsed number to the unit given (e.g. 100 for a share to percent)."""
    published, remark = clean_date(rec.get("published", ""))
    note = "; ".join(p for p in (note.strip(), remark) if p)
    number = leading_number(value_text)
    return {
        "claim_id": claim_id,
        "source_value": None if number is None else round(number * scale, 6),
        "source_value_text": value_text,
        "unit": unit,
        "agrees": agrees,
        "note": note,
        "origin": origin,
        "source_url": rec["source_url"],
        "publisher": rec["publisher"],
        "published": published,
        "accessed": ACCESSED,
        "grade": rec["grade"],
    }


# Extra rows from claims_cerebras.csv and compute_deals.csv that bear on a claim: (claim, key, agrees, our note).
_CEREBRAS_EXTRA = [
    ("C01", "B02-f", "no", "Our reading: a backlog of $24.6B, mostly OpenAI, fits a ~$20B contract, not $200B"),
]
_DEALS_EXTRA = [
    ("C18", "CER-02a", "yes", "Purpose recorded as inference"),
    ("C18", "CER-03a", "yes", "Purpose recorded as inference"),
    ("C19", "CER-02b", "yes", "Gives over $20B now against over $10B in January"),
    ("C19", "CER-02c", "yes", "Over $20B now; the January deal elsewhere given as over $10B"),
]


def _background_rows(sources_dir: Path) -> list[dict]:
    claims = pd.read_csv(sources_dir / "deals" / "claims_cerebras.csv", dtype=str, keep_default_na=False)
    deals = pd.read_csv(sources_dir / "deals" / "compute_deals.csv", dtype=str, keep_default_na=False)
    rows = []
    for claim_id, key, agrees, note in _CEREBRAS_EXTRA:
        rec = claims.loc[claims["claim_id"] == key].iloc[0].to_dict()
        rows.append(
            _evidence(claim_id, rec["value"], rec["unit"], agrees, note, rec, f"deals/claims_cerebras.csv#{key}")
        )
    for claim_id, key, agrees, note in _DEALS_EXTRA:
        rec = deals.loc[deals["deal_id"] == key].iloc[0].to_dict()
        value = rec["purpose"] if claim_id == "C18" else rec["value_usd_bn_low"]
        unit = "purpose" if claim_id == "C18" else "USD billion (lower bound)"
        rows.append(_evidence(claim_id, value, unit, agrees, note, rec, f"deals/compute_deals.csv#{key}"))
    return rows


def _rows(table: str) -> list[tuple[str, ...]]:
    """A '|'-separated text table (one row a line) as tuples of stripped cells; an empty cell is ''."""
    return [tuple(cell.strip() for cell in line.split("|")) for line in table.strip().splitlines()]


# compute_share.csv rows: claim|source_org prefix|year|metric|agrees|our note
_SHARE_ROWS = _rows("""
C09|Deloitte|2026|inference_share_of_ai_compute|partly|Two-thirds of all AI compute, not of the added compute
C09|Gartner|2026|inference_share_of_ai_optimized_iaas_spend|partly|Inference passes training in AI cloud spend
C09|Fusion Fund|2026|inference_share_of_ai_compute|no|An investor puts it at half already
C10|Brookfield|2030|inference_share_of_ai_compute_demand|no|Its 2030 share stays below the article's
C10|Gartner|2029|inference_share_of_ai_optimized_iaas_spend|unclear|A floor for AI cloud spend: rules nothing out
C10|Unattributed|2030|inference_share_of_cloud_ai_semiconductor_spend|partly|Nearest figure found, unattributed
C10|Fusion Fund||inference_share_of_ai_compute|no|A long-run split below the article's share
C10|McKinsey|2030|inference_share_of_ai_compute|unclear|More than half by 2030: a floor only
C11|Gartner|2029|inference_share_of_ai_optimized_iaas_spend|unclear|A floor for AI cloud spend, far below the claim
C11|Unattributed|2030|inference_share_of_cloud_ai_semiconductor_spend|no|Cloud AI chip spend share, below the claim
""")

# token_volumes.csv rows: claim|series|metric|period_start|segment|publisher prefix|agrees|our note
_TOKEN_ROWS = _rows("""
C12|OR_top10_scrape|tokens_per_week_top10|2026-03-30|top10_all|johnbean393|unclear|Top models only: a floor
C12|OR_total|tokens_per_week|2026-04-27|all|NetEase|unclear|Platform total weeks later, derived by a compiler
C12|OR_total|tokens_per_week|2026-05-04|all|NetEase|unclear|Platform total in May: the same order of size
C12|OR_total|tokens_per_week|2026-05-01|all|Tech Startups|unclear|OpenRouter's own May figure, relayed
C13|OR_top10_scrape|tokens_per_week_top10|2026-03-23|top10_all|johnbean393|unclear|Top models, week before
C13|OR_top10_scrape|tokens_per_week_top10|2026-03-30|top10_all|johnbean393|unclear|Top models, the week
C14|OR_cnus_media|tokens_per_week|2026-03-30|chinese_models_top6|johnbean393|yes|The top-ranked run, all Chinese
C14|OR_cnus_media|tokens_per_week|2026-03-30|chinese_models_top6|DailyAlpha|yes|Rounded, for the top-ranked run
C14|OR_top10_scrape|tokens_per_week_top10|2026-03-30|chinese_models|johnbean393|partly|All Chinese top models
C15|OR_cnus_media|tokens_per_week|2026-03-09|chinese_models|IT Home|yes|Its count of weeks leads to the fifth
C15|OR_cnus_media|tokens_per_week|2026-03-30|chinese_models_top6|DailyAlpha|partly|A streak of the top ranks
C15|OR_top10_scrape|tokens_per_week_top10|2026-02-23|us_models|johnbean393|yes|US models led: the run began after
C15|OR_cnus_media|tokens_per_week|2026-02-09|chinese_models|Economic Daily|unclear|An earlier run, since broken
""")

# headline_rates.csv rows as (claim, metric, scope prefix, agrees, our note)
_RATE_ROWS = [
    ("C16", "price_decline_fold_total", "MMLU>=64.8", "yes", "The stated fall at GPT-3.5 level, given as a floor"),
    ("C16", "inference_price_usd_per_mtok_start", "MMLU>=64.8", "yes", "Start price, Nov 2022"),
    ("C16", "inference_price_usd_per_mtok_end", "MMLU>=64.8", "yes", "End price, Oct 2024 (Gemini-1.5-Flash-8B)"),
    (
        "C17",
        "price_decline_fold_total",
        "MMLU>=64.8",
        "yes",
        "The endpoint months; the report's own text gives a shorter span than they do",
    ),
]


def _first(frame: pd.DataFrame, mask: pd.Series, what: str) -> dict:
    hits = frame.loc[mask]
    if hits.empty:  # a source file changed under us: fail loudly rather than drop evidence
        raise LookupError(f"no source row for {what}")
    return hits.iloc[0].to_dict()


def _shift_rows(sources_dir: Path) -> list[dict]:
    share = pd.read_csv(sources_dir / "inference_shift" / "compute_share.csv", dtype=str, keep_default_na=False)
    tokens = pd.read_csv(sources_dir / "inference_shift" / "token_volumes.csv", dtype=str, keep_default_na=False)
    rows = []
    for claim_id, org, year, metric, agrees, note in _SHARE_ROWS:
        mask = share["source_org"].str.startswith(org) & (share["year"] == year) & (share["metric"] == metric)
        rec = _first(share, mask, f"{org} {year} {metric}")
        value = rec["value"] or rec["low"]
        # Shares become percents; a lower bound ("more than 65%") keeps its ">".
        text = ("" if rec["value"] else ">") + f"{round(100 * float(value), 1):g}%"
        unit = f"percent ({metric}, {year or 'no year given'})"
        rows.append(
            _evidence(
                claim_id,
                text,
                unit,
                agrees,
                note,
                rec,
                f"inference_shift/compute_share.csv#{org}/{year or 'no year'}/{metric}",
            )
        )
    for claim_id, series, metric, start, segment, publisher, agrees, note in _TOKEN_ROWS:
        mask = (
            (tokens["series_id"] == series)
            & (tokens["metric"] == metric)
            & (tokens["period_start"] == start)
            & (tokens["segment"] == segment)
            & tokens["publisher"].str.startswith(publisher)
        )
        rec = _first(tokens, mask, f"{series} {start} {segment} {publisher}")
        unit = f"{rec['unit']} ({metric}, {rec['period_start']}..{rec['period_end']}, {segment})"
        rows.append(
            _evidence(
                claim_id,
                rec["value"],
                unit,
                agrees,
                note,
                rec,
                f"inference_shift/token_volumes.csv#{series}/{start}/{segment}/{publisher}",
            )
        )
    return rows


def _cost_rows(sources_dir: Path) -> list[dict]:
    """Evidence rows from the cost chapter's curated `headline_rates` (its page, publisher and grade)."""
    from analysis.curate import load_curators

    rates = load_curators()["headline_rates"](sources_dir)
    rows = []
    for claim_id, metric, scope, agrees, note in _RATE_ROWS:
        hit = _first(rates, (rates["metric"] == metric) & rates["scope"].str.startswith(scope), f"{metric} {scope}")
        rec = {k: "" if pd.isna(v) else str(v) for k, v in hit.items()}
        rec["published"] = _iso(hit["published"])
        # C17 is about the span, so its row gives the report's endpoint months rather than the fold.
        span = f"{rec['period_start'][:7]}..{rec['period_end'][:7]}"
        value, unit = (span, "period") if claim_id == "C17" else (rec["value_text"] or rec["value"], metric)
        rows.append(
            _evidence(claim_id, value, unit, agrees, note, rec, f"cost_declines/headline_rates.csv#{metric}/{scope}")
        )
    return rows


def _recomputed_rows(sources_dir: Path) -> list[dict]:
    """Evidence the report computes itself: OpenRouter checks (C12-C15) and the AI Index arithmetic (C16-C17).

    The OpenRouter rows use the `openrouter_weekly` curator on the same sources (so the numbers are those of the
    curated dataset) and take that dataset's provenance: its page, its publisher and the weakest grade of the
    weeks they use.
    """
    from analysis import claims as checks

    weekly = _weekly(sources_dir)
    got = checks.openrouter_checks(weekly)
    week = got["week_start"]
    rec = weekly.loc[pd.to_datetime(weekly["week_start"]) == week].iloc[0].to_dict()
    base = {
        "source_url": rec["source_url"],
        "publisher": rec["publisher"],
        "published": str(pd.Timestamp(rec["published"]).date()),
        "accessed": ACCESSED,
        "grade": got["grade"],
    }
    span = f"{week.date()}..{got['week_end'].date()}"
    run_matches = checks.is_close(got["china_top_run_tn"], _claim_value("C14"))
    items = [
        (
            "C12",
            got["top_models_tn"],
            "trillion tokens per week (top-10 models)",
            "unclear",
            f"Sum over the leaderboard's top models, {span}: a floor under the platform total, which is not published",
        ),
        (
            "C13",
            got["top_models_wow_pct"],
            "percent week over week (top-10 models)",
            "unclear",
            "Change in top-10 tokens, not in platform tokens; the two need not move together",
        ),
        (
            "C14",
            got["china_top_run_tn"],
            "trillion tokens per week (Chinese models ranked 1 down)",
            "yes" if run_matches else "no",
            "The top-ranked models down to the first non-Chinese one; their sum is the article's figure",
        ),
        (
            "C14",
            got["china_top_models_tn"],
            "trillion tokens per week (all Chinese models in the top 10)",
            "partly",
            "Counting every Chinese model in the top 10 gives more: the article's figure is not all Chinese traffic",
        ),
        (
            "C15",
            float(got["china_lead_streak_weeks"]),
            "consecutive weeks (top-10 tokens, China > US)",
            "yes" if got["china_lead_streak_weeks"] == _claim_value("C15") else "no",
            f"Run of weeks in which Chinese models' top-10 tokens beat US models', from {got['streak_start'].date()}",
        ),
    ]
    rows = [
        _computed_row(claim_id, value, unit, agrees, note, f"recomputed: openrouter_weekly ({unit})", base)
        for claim_id, value, unit, agrees, note in items
    ]
    return rows + _recomputed_ai_index(sources_dir)


def _claim_value(claim_id: str) -> float:
    return float(next(c[3] for c in _CLAIMS if c[0] == claim_id))


def _computed_row(
    claim_id: str, value: float, unit: str, agrees: str, note: str, origin: str, provenance: dict, text: str = ""
) -> dict:
    """One evidence row computed by this report; `provenance` is that of the data it is computed from."""
    return {
        "claim_id": claim_id,
        "source_value": round(value, 6),
        "source_value_text": text or f"{value:.4g}",
        "unit": unit,
        "agrees": agrees,
        "note": note,
        "origin": origin,
        **provenance,
    }


def _recomputed_ai_index(sources_dir: Path) -> list[dict]:
    """Fold and span of the AI Index 2025 GPT-3.5-level fall, as the cost chapter computes them.

    Both come from Epoch AI's price data for the two endpoint models (`analysis.costs.headline_280`), the data the
    AI Index figure itself uses, so both rows carry the provenance of those model rows (the weaker grade of the two).
    """
    from analysis import claims as checks

    cost = pd.DataFrame(_cost_rows(sources_dir))
    models = _models(sources_dir)
    got = checks.ai_index_check(cost, models)
    ends = models[models["model_name"].isin([got["start_model"], got["end_model"]])]
    end_model = ends[ends["model_name"] == got["end_model"]].iloc[0]
    provenance = {
        "source_url": end_model["source_url"],
        "publisher": end_model["publisher"],
        "published": _iso(end_model["published"]),
        "accessed": ACCESSED,
        "grade": max(ends["grade"], key=GRADE_ORDER.index),
    }
    return [
        _computed_row(
            "C16",
            got["fold"],
            "fold decline (start price / end price)",
            "yes" if got["fold"] >= _claim_value("C16") else "no",
            "Price of the start model over that of the end model, both 3:1 blends, in Epoch AI's data",
            "recomputed: AI Index endpoints (fold)",
            provenance,
        ),
        _computed_row(
            "C17",
            got["months"] / 12,
            "years between the endpoint models' release dates",
            "yes" if got["months"] <= 12 * _claim_value("C17") else "no",
            "Release dates of the two endpoint models in Epoch AI's data, as in the cost chapter",
            "recomputed: AI Index endpoints (span)",
            provenance,
            text=f"{got['months']:.1f} months",
        ),
    ]


def _iso(value: object) -> str:
    return "" if pd.isna(value) or value == "" else str(pd.Timestamp(value).date())


# The other chapters' datasets that grade the same pages; their grades win (one page, one grade in the report).
GRADED_DATASETS = ("compute_deals", "deal_events", "token_volumes", "compute_share_forecasts", "headline_rates")
GRADE_ORDER = "ABC"


def _curated_grades(sources_dir: Path) -> dict[str, str]:
    from analysis.curate import load_curators

    curators = load_curators()
    frames = [curators[name](sources_dir)[["source_url", "grade"]] for name in GRADED_DATASETS]
    return page_grades(pd.concat(frames, ignore_index=True))


def page_grades(rows: pd.DataFrame) -> dict[str, str]:
    """source_url -> grade; a page graded differently in two places gets the weaker grade (the cautious one)."""
    weakest = rows.astype({"grade": str}).groupby("source_url")["grade"].agg(lambda g: max(g, key=GRADE_ORDER.index))
    return weakest.to_dict()


def align_grades(evidence: pd.DataFrame, grades: dict[str, str]) -> pd.DataFrame:
    """Give each source row the grade its page has in the report's curated datasets (rows computed by this report
    keep the grade of the data they were computed from; pages no dataset grades keep the source's grade)."""
    computed = evidence["origin"].str.startswith("recomputed")
    aligned = evidence["source_url"].map(grades)
    return evidence.assign(grade=evidence["grade"].where(computed | aligned.isna(), aligned))


EVIDENCE_COLUMNS = [
    "evidence_id",
    "claim_id",
    "source_value",
    "source_value_text",
    "unit",
    "agrees",
    "note",
    "origin",
    *PROVENANCE,
]


@curator("claim_evidence")
def build_claim_evidence(sources_dir: Path) -> pd.DataFrame:
    """One row per (claim, source row): the value the source gives and whether it agrees with the article."""
    rows = _cerebras_rows(sources_dir) + _background_rows(sources_dir)
    rows += _shift_rows(sources_dir) + _cost_rows(sources_dir) + _recomputed_rows(sources_dir)
    frame = align_grades(pd.DataFrame(rows), _curated_grades(sources_dir))
    # Dedupe identical (claim, origin) pairs, e.g. the AI Index start/end rows listed twice in the source.
    frame = frame.drop_duplicates(["claim_id", "origin"]).sort_values(["claim_id", "origin"], kind="stable")
    frame["evidence_id"] = frame["claim_id"] + "-" + (frame.groupby("claim_id").cumcount() + 1).map("{:02d}".format)
    return frame[EVIDENCE_COLUMNS].reset_index(drop=True)
