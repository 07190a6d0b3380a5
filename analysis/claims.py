"""Check the article's claims against the report's own data: recomputations, the verdict rule, ledger tables.

The article (Tiger Brokers news, 17 Apr 2026) makes three kinds of claim: deal terms (checked against the
reports recorded in `claim_evidence` and `compute_deals`), OpenRouter token volumes (recomputed from
`openrouter_weekly`, a scrape of OpenRouter's weekly top-model leaderboard) and the AI Index's 280-fold price fall
(recomputed from the report's published endpoints and, where available, from the `models` price frontier).

All functions are pure: they take DataFrames (as `analysis.data.load` returns them, or as the curators build them)
and return numbers or tidy frames. Token counts are in tokens unless a name says `_tn` (trillions).
"""

from __future__ import annotations

import math
import re
from typing import Any

import numpy as np
import pandas as pd

GRADE_RANK = {"A": 0, "B": 1, "C": 2}
INFORMATIVE = ("yes", "partly", "no")  # an evidence row that takes a side
VERDICT_ORDER = ("supported", "partly supported", "contradicted", "not verifiable")
TOPIC_ORDER = ("deal", "shift", "cost")
TRILLION = 1e12
# The week the article's OpenRouter figures describe ("one week in early April 2026"): its 12.96T matches the
# six top-ranked models of 30 Mar-5 Apr exactly (sources/inference_shift/README.md), so that is the week.
ARTICLE_WEEK = pd.Timestamp("2026-03-30")


# ---- OpenRouter ----------------------------------------------------------------------------------------------


def weekly_country_tokens(weekly: pd.DataFrame) -> pd.DataFrame:
    """Per leaderboard week: tokens of all listed models and of Chinese and US creators' models.

    Input: `openrouter_weekly` rows (week_start, total_tokens, creator_country, grade, backfilled).
    Output columns: week_start (datetime), top_models_tokens, china_tokens, us_tokens, n_models, grade (the weakest
    grade among the week's rows), backfilled. Tokens: tokens per week, summed over the listed (top ~10) models only.
    """
    frame = weekly.assign(
        week_start=pd.to_datetime(weekly["week_start"]),
        tokens=weekly["total_tokens"].astype("float64"),
        backfilled=weekly["backfilled"].astype(bool),
    )
    by_country = frame.pivot_table(
        index="week_start", columns="creator_country", values="tokens", aggfunc="sum", fill_value=0.0
    )
    out = pd.DataFrame(
        {
            "top_models_tokens": frame.groupby("week_start")["tokens"].sum(),
            "china_tokens": by_country.get("China", 0.0),
            "us_tokens": by_country.get("United States", 0.0),
            "n_models": frame.groupby("week_start")["tokens"].size(),
            "grade": frame.groupby("week_start")["grade"].agg(lambda g: max(g, key=GRADE_RANK.__getitem__)),
            "backfilled": frame.groupby("week_start")["backfilled"].any(),
        }
    )
    return out.reset_index().sort_values("week_start", kind="stable").reset_index(drop=True)


def leading_run_tokens(weekly: pd.DataFrame, week_start: Any, country: str) -> tuple[float, int]:
    """(tokens, n): tokens of the unbroken run of `country`'s models from rank 1 down, in week `week_start`.

    The article's "12.96T for Chinese models" is this run (ranks 1-6 were all Chinese that week); it is not the
    total of Chinese models in the top 10, still less all Chinese traffic.
    """
    week = weekly.loc[pd.to_datetime(weekly["week_start"]) == pd.Timestamp(week_start)].sort_values("rank")
    if week.empty:
        raise KeyError(f"no leaderboard rows for the week starting {pd.Timestamp(week_start).date()}")
    is_country = (week["creator_country"] == country).to_numpy()
    n = int(np.argmin(is_country)) if not is_country.all() else len(week)
    return float(week["total_tokens"].iloc[:n].astype("float64").sum()), n


def lead_streak(table: pd.DataFrame, week_start: Any, leader: str = "china_tokens", other: str = "us_tokens") -> int:
    """Consecutive weeks, ending with `week_start` (inclusive), in which `leader` > `other` in `table`.

    `table` is `weekly_country_tokens` output; weeks must be contiguous (a missing week breaks the run).
    """
    rows = table.sort_values("week_start").reset_index(drop=True)
    end = pd.Timestamp(week_start)
    idx = rows.index[rows["week_start"] == end]
    if len(idx) == 0:
        raise KeyError(f"no week starting {end.date()}")
    streak, expected = 0, end
    for i in range(int(idx[0]), -1, -1):
        row = rows.loc[i]
        if row["week_start"] != expected or not row[leader] > row[other]:
            break
        streak += 1
        expected -= pd.Timedelta(days=7)
    return streak


def week_over_week_pct(table: pd.DataFrame, week_start: Any, column: str = "top_models_tokens") -> float:
    """Percent change of `column` from the week before `week_start` to that week."""
    rows = table.set_index("week_start")[column]
    this, prev = pd.Timestamp(week_start), pd.Timestamp(week_start) - pd.Timedelta(days=7)
    if this not in rows.index or prev not in rows.index:
        raise KeyError(f"need weeks {prev.date()} and {this.date()}")
    return float(100.0 * (rows[this] / rows[prev] - 1.0))


def openrouter_checks(weekly: pd.DataFrame, week_start: Any = ARTICLE_WEEK) -> dict[str, Any]:
    """The recomputed OpenRouter numbers behind claims C12-C15, for the article's week.

    Keys: week_start, week_end, top_models_tn, top_models_wow_pct, china_top_run_tn, china_top_run_n,
    china_top_models_tn, us_top_models_tn, china_lead_streak_weeks, streak_start, grade (weakest grade used).
    """
    table = weekly_country_tokens(weekly)
    week = pd.Timestamp(week_start)
    row = table.set_index("week_start").loc[week]
    run_tokens, run_n = leading_run_tokens(weekly, week, "China")
    streak = lead_streak(table, week)
    used = table[(table["week_start"] > week - pd.Timedelta(days=7 * (streak + 1))) & (table["week_start"] <= week)]
    return {
        "week_start": week,
        "week_end": week + pd.Timedelta(days=6),
        "top_models_tn": float(row["top_models_tokens"]) / TRILLION,
        "top_models_wow_pct": week_over_week_pct(table, week),
        "china_top_run_tn": run_tokens / TRILLION,
        "china_top_run_n": run_n,
        "china_top_models_tn": float(row["china_tokens"]) / TRILLION,
        "us_top_models_tn": float(row["us_tokens"]) / TRILLION,
        "china_lead_streak_weeks": streak,
        "streak_start": week - pd.Timedelta(days=7 * (streak - 1)),
        "grade": max(used["grade"], key=GRADE_RANK.__getitem__),
    }


# ---- 280-fold price fall ---------------------------------------------------------------------------------------


def ai_index_check(evidence: pd.DataFrame, models: pd.DataFrame) -> dict[str, Any]:
    """The AI Index 2025 GPT-3.5-level fall: what the report states, and our reproduction as chapter 3 makes it.

    Stated (from claim C16's grade-A `headline_rates` rows): the fold (`stated_fold`, a floor), the endpoint prices
    (USD per million tokens) and the span it describes (`analysis.costs.AI_INDEX_STATED_MONTHS`). Reproduced
    (`analysis.costs.headline_280`, Epoch AI's data): the endpoint models' prices, `fold` (start / end price),
    `months` between the endpoint
    models' release dates, and the constant yearly factors over that span and over the stated one.
    """
    from analysis import costs

    rows = evidence[evidence["claim_id"] == "C16"]

    def stated(metric: str) -> pd.Series:
        return rows[rows["origin"].str.contains(f"#{metric}/")].iloc[0]

    h = costs.headline_280(models)
    return {
        "stated_fold": float(stated("price_decline_fold_total")["source_value"]),
        "stated_grade": str(stated("price_decline_fold_total")["grade"]),
        "stated_months": float(costs.AI_INDEX_STATED_MONTHS),
        "start_price": float(stated("inference_price_usd_per_mtok_start")["source_value"]),
        "end_price": float(stated("inference_price_usd_per_mtok_end")["source_value"]),
        "model_start_price": float(h.start_price),
        "model_end_price": float(h.end_price),
        "fold": float(h.fold),
        "months": float(h.months_actual),
        "factor_per_year": float(h.factor_per_year_actual),
        "factor_per_year_stated": float(h.factor_per_year_stated),
        "start_model": costs.AI_INDEX_START_MODEL,
        "end_model": costs.AI_INDEX_END_MODEL,
        "start_date": h.start_date,
        "end_date": h.end_date,
    }


# ---- dollar figures --------------------------------------------------------------------------------------------


def dollar_comparison(claims: pd.DataFrame, evidence: pd.DataFrame) -> pd.DataFrame:
    """The article's dollar figures beside every other report's figure for the same claim (USD billion).

    One row per (claim, value): claim_id, claim, who ("article" or the publisher), grade, value_usd_bn, agrees.
    """
    dollar = claims[claims["unit"].str.startswith("USD billion")]
    rows = [
        {
            "claim_id": c.claim_id,
            "claim": c.claim,
            "who": "article",
            "grade": c.grade,
            "value_usd_bn": float(c.value),
            "agrees": "the claim",
        }
        for c in dollar.itertuples()
    ]
    ev = evidence[evidence["claim_id"].isin(dollar["claim_id"]) & evidence["source_value"].notna()]
    ev = ev[ev["unit"].str.contains("USD bn|USD billion", regex=True)]
    short = dict(zip(dollar["claim_id"], dollar["claim"], strict=True))
    rows += [
        {
            "claim_id": e.claim_id,
            "claim": short[e.claim_id],
            "who": e.publisher,
            "grade": e.grade,
            "value_usd_bn": float(e.source_value),
            "agrees": e.agrees,
        }
        for e in ev.itertuples()
    ]
    return pd.DataFrame(rows).sort_values(["claim_id", "who"], kind="stable").reset_index(drop=True)


def dollar_ratios(comparison: pd.DataFrame) -> pd.DataFrame:
    """Per dollar claim: article value, median of the other reports' values, their ratio and the report count."""
    other = comparison[comparison["who"] != "article"]
    article = comparison[comparison["who"] == "article"].set_index("claim_id")["value_usd_bn"]
    stats = other.groupby("claim_id")["value_usd_bn"].agg(other_median_usd_bn="median", n_reports="size")
    stats["article_usd_bn"] = article
    stats["ratio"] = stats["article_usd_bn"] / stats["other_median_usd_bn"]
    return stats.reset_index()[["claim_id", "article_usd_bn", "other_median_usd_bn", "ratio", "n_reports"]]


def deal_version_ratios(deals: pd.DataFrame) -> pd.DataFrame:
    """From `compute_deals`: per OpenAI-Cerebras deal, the article's value against the median of other versions.

    Uses the lower bound (`value_low_usd_bn`, what "over $X" gives) and, where given, the upper bound. Only deals
    with an article version (`is_article_claim`) are compared: the January (CER-01) and April (CER-02) deals.
    """
    cer = deals[deals["deal_id"].str.startswith("CER") & (deals["buyer"] == "OpenAI")]
    is_article = cer["is_article_claim"].astype(bool)
    rows = []
    for deal_id, versions in cer.groupby("deal_id"):
        article = versions[is_article.loc[versions.index]]
        others = versions[~is_article.loc[versions.index]]
        if article.empty or others.empty:
            continue
        row = {"deal_id": deal_id, "n_other_versions": len(others)}
        for bound in ("low", "high"):
            col = f"value_{bound}_usd_bn"
            a, o = article[col].max(), others[col].median()
            row[f"article_{bound}_usd_bn"], row[f"other_{bound}_usd_bn"] = a, o
            row[f"ratio_{bound}"] = a / o if pd.notna(a) and pd.notna(o) else float("nan")
        rows.append(row)
    return pd.DataFrame(rows)


def direct_rows(evidence: pd.DataFrame, claim_id: str) -> pd.DataFrame:
    """The rows the source compiler filed under this very claim (not background rows brought in by us)."""
    rows = evidence[evidence["claim_id"] == claim_id]
    return rows[rows["origin"].str.contains(f"#{claim_id}-", regex=False) & rows["source_value"].notna()]


FRACTION_WORDS = {2: "half", 10: "one tenth"}


def grade_phrase(evidence: pd.DataFrame, claim_id: str) -> str:
    """'Only C-graded reports' or, if A/B rows exist, how many: the opening of a verdict reason."""
    n_ab = int(evidence.loc[evidence["claim_id"] == claim_id, "grade"].isin(["A", "B"]).sum())
    return "Only C-graded reports" if n_ab == 0 else f"{n_ab} A/B row{'s' if n_ab != 1 else ''} and C-graded reports"


def dollar_consensus_text(evidence: pd.DataFrame, claim_id: str, article_usd_bn: float) -> str:
    """What the other reports say about one of the article's dollar figures, in words computed from the rows.

    E.g. 'No A/B source; all 7 unconfirmed (grade C) reports give one tenth of it ($20B)'. Uses the rows filed
    under the claim (`direct_rows`); values in USD billion.
    """
    rows = direct_rows(evidence, claim_id)
    values = rows["source_value"].astype(float)
    n_ab = int(rows["grade"].isin(["A", "B"]).sum())
    who = "No A/B source; " if n_ab == 0 else f"{n_ab} A/B source{'s' if n_ab != 1 else ''}; "
    grades = "unconfirmed (grade C) " if n_ab == 0 else ""
    if values.nunique() != 1:
        return f"{who}the {len(rows)} {grades}reports give ${values.min():g}B to ${values.max():g}B"
    ratio = article_usd_bn / values.iloc[0]
    share = FRACTION_WORDS.get(round(ratio), f"1/{ratio:g}") if math.isclose(ratio, round(ratio)) else f"1/{ratio:.3g}"
    return f"{who}all {len(rows)} {grades}reports give {share} of it (${values.iloc[0]:g}B)"


# ---- the verdict rule and the ledger ---------------------------------------------------------------------------


def rule_breaches(claims: pd.DataFrame, evidence: pd.DataFrame) -> list[str]:
    """Claim ids whose verdict is not "not verifiable" yet have no A/B evidence row that takes a side."""
    strong = evidence[evidence["grade"].isin(["A", "B"]) & evidence["agrees"].isin(INFORMATIVE)]
    backed = set(strong["claim_id"])
    judged = claims[claims["verdict"] != "not verifiable"]
    return sorted(set(judged["claim_id"]) - backed)


def best_evidence(evidence: pd.DataFrame) -> pd.DataFrame:
    """Per claim, the single most useful evidence row.

    Order: best grade; a row that takes a side; a recomputed row; a row the source compiler filed under this very
    claim (rather than background brought in by us); then by id.
    """
    direct = [f"#{c}-" in o for c, o in zip(evidence["claim_id"], evidence["origin"], strict=True)]
    ranked = evidence.assign(
        _g=evidence["grade"].map(GRADE_RANK),
        _i=(~evidence["agrees"].isin(INFORMATIVE)).astype(int),
        _r=evidence["origin"].str.startswith("recomputed").map({True: 0, False: 1}),
        _d=[0 if d else 1 for d in direct],
    )
    ranked = ranked.sort_values(["claim_id", "_g", "_i", "_r", "_d", "evidence_id"], kind="stable")
    return ranked.groupby("claim_id").head(1).drop(columns=["_g", "_i", "_r", "_d"]).reset_index(drop=True)


def weak_lean(evidence: pd.DataFrame) -> pd.DataFrame:
    """Per claim, what the C-graded (unconfirmed) rows say: counts by `agrees` and a one-word lean.

    Lean: "supports" (no row disagrees; "partly" counts as support), "contradicts" (every side-taking row
    disagrees), "mixed", or "no side" (all rows unclear).
    """
    weak = evidence[evidence["grade"] == "C"]
    counts = weak.pivot_table(index="claim_id", columns="agrees", values="evidence_id", aggfunc="count", fill_value=0)
    counts = counts.reindex(columns=["yes", "partly", "no", "unclear"], fill_value=0)

    def lean(row: pd.Series) -> str:
        agree, disagree = row["yes"] + row["partly"], row["no"]
        if agree + disagree == 0:
            return "no side"
        if disagree == 0:
            return "supports"
        return "contradicts" if agree == 0 else "mixed"

    counts["c_lean"] = counts.apply(lean, axis=1)
    return counts.reset_index()


def verdict_counts(claims: pd.DataFrame) -> pd.DataFrame:
    """Number of claims per (topic, verdict), every combination present (zeros kept), in the fixed orders."""
    grid = pd.MultiIndex.from_product([TOPIC_ORDER, VERDICT_ORDER], names=["topic", "verdict"])
    counts = claims.groupby(["topic", "verdict"]).size().reindex(grid, fill_value=0)
    return counts.rename("n_claims").reset_index()


def ledger(claims: pd.DataFrame, evidence: pd.DataFrame) -> pd.DataFrame:
    """The ledger table: claim, article value, best evidence (value, grade, publisher), C-source lean, verdict."""
    best = best_evidence(evidence).set_index("claim_id")
    lean = weak_lean(evidence).set_index("claim_id")
    rows = []
    for c in claims.sort_values("claim_id").itertuples():
        b = best.loc[c.claim_id] if c.claim_id in best.index else None
        value = "" if pd.isna(c.value) else f"{c.value_qualifier} {c.value:g} {c.unit}".replace("exactly ", "")
        rows.append(
            {
                "claim_id": c.claim_id,
                "topic": c.topic,
                "claim": c.claim,
                "article_value": value,
                "best_evidence": "" if b is None else _evidence_text(b),
                "c_sources": _lean_text(lean, c.claim_id),
                "verdict": c.verdict,
                "reason": c.verdict_reason,
                "chapter": c.chapter,
            }
        )
    return pd.DataFrame(rows)


def _evidence_text(row: pd.Series) -> str:
    """'>20 USD bn over 3 yrs (TradeVAE, grade C)': the value with its unit unless the text already says it."""
    text = str(row["source_value_text"])
    bare_number = not re.search(r"[A-Za-z%]", text)
    value = f"{text} {row['unit']}" if bare_number and row["unit"] != "qualitative" else text
    return f"{value} ({row['publisher']}, grade {row['grade']})"


def _lean_text(lean: pd.DataFrame, claim_id: str) -> str:
    """'contradicts (8 of 8 disagree)', 'supports (5 rows)', ... or 'none' when no C-graded row exists."""
    if claim_id not in lean.index:
        return "none"
    r = lean.loc[claim_id]
    n = int(r["yes"] + r["partly"] + r["no"] + r["unclear"])
    if r["c_lean"] in ("contradicts", "mixed"):
        return f"{r['c_lean']} ({int(r['no'])} of {n} disagree)"
    return f"{r['c_lean']} ({n} row{'s' if n != 1 else ''})"


def is_close(a: float, b: float, rel: float = 0.005) -> bool:
    """True when a and b agree within `rel` (relative): used to say a recomputed number matches a quoted one."""
    return math.isclose(a, b, rel_tol=rel)


# ---- the ledger page -------------------------------------------------------------------------------------------

CHAPTER_TITLES = {
    "chapters/01_deal_terms": "Deal terms",
    "chapters/02_inference_shift": "Inference shift",
    "chapters/03_cost_declines": "Cost declines",
}


def ledger_html(table: pd.DataFrame) -> str:
    """The ledger as an HTML table (text escaped), with each chapter linked to its built page."""
    import html

    out = table.copy()
    for col in ("claim", "article_value", "best_evidence", "c_sources", "verdict", "reason"):
        out[col] = out[col].map(html.escape)
    out["chapter"] = out["chapter"].map(
        lambda doc: f'<a href="{doc.split("/")[-1]}.html">{html.escape(CHAPTER_TITLES.get(doc, doc))}</a>'
    )
    out["verdict"] = out["verdict"].map(lambda v: f'<span class="verdict">{v}</span>')
    out = out.drop(columns=["topic"]).rename(
        columns={
            "claim_id": "Id",
            "claim": "Claim (our words)",
            "article_value": "Article's value",
            "best_evidence": "Best evidence",
            "c_sources": "Weak (C) sources",
            "verdict": "Verdict",
            "reason": "Why",
            "chapter": "Examined in",
        }
    )
    table_html = out.to_html(index=False, escape=False, classes="claims-ledger", border=0)
    # A wide table: let it scroll sideways on narrow screens instead of squeezing the columns.
    return f'<div class="claims-ledger-wrap" style="overflow-x:auto;font-size:0.85em">{table_html}</div>'


def page_numbers(
    claims: pd.DataFrame, evidence: pd.DataFrame, weekly: pd.DataFrame, deals: pd.DataFrame, models: pd.DataFrame
) -> dict[str, float | int | str]:
    """Every number the ledger page pastes into its prose, keyed by glue name (without the `claims-` prefix)."""
    out: dict[str, float | int | str] = {}
    verdicts = claims["verdict"].value_counts()
    out["n-claims"] = len(claims)
    for v in VERDICT_ORDER:
        out[f"n-{v.replace(' ', '-')}"] = int(verdicts.get(v, 0))
    out["n-evidence"] = len(evidence)
    out["n-evidence-ab"] = int(evidence["grade"].isin(["A", "B"]).sum())

    ratios = dollar_ratios(dollar_comparison(claims, evidence))
    lo, hi = float(ratios["ratio"].min()), float(ratios["ratio"].max())
    out["dollar-ratio-min"], out["dollar-ratio-max"] = lo, hi
    out["dollar-ratio-text"] = f"exactly {lo:g}" if lo == hi else f"between {lo:.3g} and {hi:.3g}"
    out["dollar-n-reports"] = int(ratios["n_reports"].sum())
    dollar_ev = evidence[evidence["claim_id"].isin(ratios["claim_id"])]
    out["dollar-n-ab"] = int(dollar_ev["grade"].isin(["A", "B"]).sum())
    versions = deal_version_ratios(deals).set_index("deal_id")
    for deal, key in (("CER-01", "jan"), ("CER-02", "apr")):
        out[f"deals-{key}-article-usd-bn"] = float(versions.loc[deal, "article_low_usd_bn"])
        out[f"deals-{key}-other-usd-bn"] = float(versions.loc[deal, "other_low_usd_bn"])
        out[f"deals-{key}-ratio"] = float(versions.loc[deal, "ratio_low"])

    got = openrouter_checks(weekly)
    out["or-week-start"] = got["week_start"].strftime("%d %b %Y").lstrip("0")
    out["or-week-end"] = got["week_end"].strftime("%d %b %Y").lstrip("0")
    out["or-streak-start"] = got["streak_start"].strftime("%d %b").lstrip("0")
    for key in ("top_models_tn", "top_models_wow_pct", "china_top_run_tn", "china_top_models_tn", "us_top_models_tn"):
        out["or-" + key.replace("_", "-")] = float(got[key])
    out["or-china-top-run-n"] = int(got["china_top_run_n"])
    out["or-streak-weeks"] = int(got["china_lead_streak_weeks"])
    out["or-grade"] = str(got["grade"])
    value = claims.set_index("claim_id")["value"]
    out["claim-weekly-tn"], out["claim-wow-pct"] = float(value["C12"]), float(value["C13"])
    out["claim-china-tn"] = float(value["C14"])
    out["or-top-share-of-claim-pct"] = 100.0 * float(got["top_models_tn"]) / float(value["C12"])

    share = evidence[evidence["origin"].str.startswith("inference_shift/compute_share.csv")]
    deloitte = share[(share["claim_id"] == "C09") & share["origin"].str.contains("Deloitte")]
    out["deloitte-2026-pct"] = float(deloitte["source_value"].iloc[0])
    strong_c10 = share[(share["claim_id"] == "C10") & share["grade"].isin(["A", "B"])]
    out["c10-max-ab-pct"] = float(strong_c10["source_value"].max())
    out["claim-share-2026-pct"] = float(value["C09"])
    out["claim-share-later-pct"] = float(value["C10"])
    out["claim-spend-share-pct"] = float(value["C11"])

    idx = ai_index_check(evidence, models)
    for key in ("stated_fold", "stated_months", "fold", "months", "factor_per_year", "factor_per_year_stated"):
        out["aiindex-" + key.replace("_", "-")] = float(idx[key])
    for key in ("start_price", "end_price"):
        out["aiindex-" + key.replace("_", "-")] = float(idx[key])
    out["aiindex-start-date"] = idx["start_date"].strftime("%d %b %Y").lstrip("0")
    out["aiindex-end-date"] = idx["end_date"].strftime("%d %b %Y").lstrip("0")
    out["aiindex-start-model"], out["aiindex-end-model"] = idx["start_model"], idx["end_model"]
    out["aiindex-grade"] = idx["stated_grade"]
    return out
