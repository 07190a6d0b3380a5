"""Check the article's claims against the report's own data: recomputations, the verdict rule, ledger tables.

The article (Tiger Brokers news, 17 Apr 2026) makes three kinds of claim: deal terms (checked against the
reports recorded in `claim_evidence` and `compute_deals`, and against the unit economics of chapter 1), OpenRouter
token volumes (recomputed from `openrouter_weekly`, a scrape of OpenRouter's weekly top-model leaderboard) and the
AI Index's 280-fold price fall (recomputed from Epoch AI's prices of the endpoint models).

The verdict rule (`judge`) counts lines of evidence, not rows: rows relaying one original report, filing, dataset
or check share a `line`. It is stated in words below, above its code, and on the ledger page.

All functions are pure: they take DataFrames (as `analysis.data.load` returns them, or as the curators build them)
and return numbers or tidy frames. Token counts are in tokens unless a name says `_tn` (trillions).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
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

    One row per (claim, page, value): claim_id, claim, who ("article" or the publisher), grade, value_usd_bn,
    agrees, and the row's provenance: kind ("statement", or "inferred" when the figure bears on the claim only by our
    reading; "article" for the article's own rows), line and source_url. A page recorded by two source files counts
    once; the report's own checks are not reports.
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
            "kind": "article",
            "line": "article",
            "source_url": c.source_url,
        }
        for c in dollar.itertuples()
    ]
    ev = evidence[evidence["claim_id"].isin(dollar["claim_id"]) & evidence["source_value"].notna()]
    ev = ev[ev["unit"].str.contains("USD bn|USD billion", regex=True) & (ev["kind"] != "check")]
    ev = ev.drop_duplicates(["claim_id", "source_url", "source_value"])
    short = dict(zip(dollar["claim_id"], dollar["claim"], strict=True))
    rows += [
        {
            "claim_id": e.claim_id,
            "claim": short[e.claim_id],
            "who": e.publisher,
            "grade": e.grade,
            "value_usd_bn": float(e.source_value),
            "agrees": e.agrees,
            "kind": e.kind,
            "line": e.line,
            "source_url": e.source_url,
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


# ---- the verdict rule -----------------------------------------------------------------------------------------
#
# The rule, in words (the ledger page and the methods appendix say the same):
#
# 1. Lines of evidence, not rows. Evidence rows that relay the same original report, filing or dataset share a
#    `line` and count once, however many pages carry them. A line takes a side through its best-graded rows that
#    take one: "yes", "no", or "partly" when they say partly or disagree among themselves.
# 2. Firm lines. A line is firm when its best rows are graded A or B (a statement, or a recomputation from A/B
#    data), or when it is a consistency check the claim fails in at least 95% of the Monte Carlo draws (decisive
#    whatever the grades of its inputs, because it holds over their whole ranges). A side we infer from what a
#    source states ("inferred") is never firm. A line is primary when it is firm with grade A.
# 3. Verdict. No line takes a side: "not verifiable". Otherwise the side with more firm lines wins, then the side
#    with more lines; a tie is "partly supported" with weak evidence (the sources conflict). A winning side
#    against the claim: "contradicted". A winning side for it: "supported" if every deciding line (its firm lines,
#    or all its lines when none is firm) says yes, else "partly supported".
# 4. Strength. Weak if the losing side has a firm line. Otherwise strong if the winning side has a primary line,
#    or two or more lines of which one is firm; moderate if it has one firm line or two or more lines; else weak.
#    A claim about the future can be at most moderate: the evidence is other forecasts. "not verifiable": none.

VERDICTS = VERDICT_ORDER
STRENGTH_ORDER = ("strong", "moderate", "weak", "none")
KINDS = ("statement", "inferred", "recomputed", "check")
CLAIM_TYPES = ("fact", "forecast")
DECISIVE_SHARE_PCT = 95.0  # a check is decisive when the claim fails it in at least this share of draws (percent)


@dataclass(frozen=True)
class Line:
    """One line of evidence on a claim: the rows that relay one original report, filing, dataset or check."""

    key: str
    says: str  # "yes", "partly" or "no": what its best-graded side-taking rows say
    grade: str  # the best grade among its side-taking rows
    firm: bool
    primary: bool
    inferred: bool  # its side is our inference from what the sources state
    kinds: tuple[str, ...]
    evidence_ids: tuple[str, ...]  # its side-taking rows, best first
    n_pages: int

    @property
    def side(self) -> str:
        return "against" if self.says == "no" else "for"


@dataclass(frozen=True)
class Judgement:
    """A claim's verdict and strength, with the lines on each side and the lines that decided it."""

    verdict: str
    strength: str
    lines_for: tuple[Line, ...]
    lines_against: tuple[Line, ...]
    deciding: tuple[Line, ...]
    conflict: bool = False

    @property
    def rests_on_inference(self) -> bool:
        return any(line.inferred for line in self.deciding)

    @property
    def basis(self) -> str:
        """'recomputed' when a deciding line is the report's own recomputation or check, else 'sources'."""
        own = {"recomputed", "check"}
        return "recomputed" if any(own & set(line.kinds) for line in self.deciding) else "sources"


def row_is_firm(kind: str, grade: str, source_value: float | None) -> bool:
    """Rule 2 for one row: a decisive check, or an A/B statement or recomputation (never an inferred side)."""
    if kind == "check":
        return source_value is not None and not pd.isna(source_value) and float(source_value) >= DECISIVE_SHARE_PCT
    return kind in ("statement", "recomputed") and grade in ("A", "B")


def lines_of(rows: pd.DataFrame) -> list[Line]:
    """The lines of evidence among one claim's rows (columns evidence_id, agrees, kind, line, grade, source_value,
    source_url), ordered by line key. Rows that take no side ("unclear") belong to no line."""
    sided = rows[rows["agrees"].isin(INFORMATIVE)]
    out = []
    for key, group in sided.groupby("line", sort=True):
        # Best grade first; among equals, a row that states its side before one whose side we infer.
        ranked = group.assign(_g=group["grade"].map(GRADE_RANK), _i=(group["kind"] == "inferred").astype(int))
        ranked = ranked.sort_values(["_g", "_i", "evidence_id"], kind="stable")
        best = ranked[ranked["_g"] == ranked["_g"].min()]
        said = set(best["agrees"])
        says = said.pop() if len(said) == 1 and said <= {"yes", "no"} else "partly"
        best_rows = list(best.itertuples())
        firm = [row_is_firm(r.kind, r.grade, r.source_value) for r in best_rows]
        out.append(
            Line(
                key=str(key),
                says=says,
                grade=str(best["grade"].iloc[0]),
                firm=any(firm),
                primary=any(f and r.grade == "A" and r.kind != "check" for f, r in zip(firm, best_rows, strict=True)),
                inferred=bool((best["kind"] == "inferred").all()),
                kinds=tuple(sorted(set(best["kind"]))),
                evidence_ids=tuple(ranked["evidence_id"]),
                n_pages=int(group["source_url"].nunique()),
            )
        )
    return out


def _strength(win: list[Line], lose: list[Line]) -> str:
    """Rule 4 (before the cap on forecasts)."""
    if any(line.firm for line in lose):
        return "weak"
    firm = any(line.firm for line in win)
    if any(line.primary for line in win) or (len(win) >= 2 and firm):
        return "strong"
    if firm or len(win) >= 2:
        return "moderate"
    return "weak"


def judge(rows: pd.DataFrame, claim_type: str = "fact") -> Judgement:
    """The verdict and strength of one claim from its evidence rows, by the rule above."""
    lines = lines_of(rows)
    pro = [line for line in lines if line.side == "for"]
    con = [line for line in lines if line.side == "against"]
    if not lines:
        return Judgement("not verifiable", "none", (), (), ())
    weight_pro = (sum(line.firm for line in pro), len(pro))
    weight_con = (sum(line.firm for line in con), len(con))
    if weight_pro == weight_con:  # evidence of the same weight on both sides: the sources conflict
        return Judgement("partly supported", "weak", tuple(pro), tuple(con), tuple(pro + con), conflict=True)
    win, lose = (pro, con) if weight_pro > weight_con else (con, pro)
    deciding = [line for line in win if line.firm] or win
    if win is con:
        verdict = "contradicted"
    else:
        verdict = "supported" if all(line.says == "yes" for line in deciding) else "partly supported"
    strength = _strength(win, lose)
    if claim_type == "forecast" and strength == "strong":
        strength = "moderate"
    return Judgement(verdict, strength, tuple(pro), tuple(con), tuple(deciding))


def judge_all(claims: pd.DataFrame, evidence: pd.DataFrame) -> dict[str, Judgement]:
    """Claim id -> Judgement, for every claim (a claim without evidence is not verifiable)."""
    types = dict(zip(claims["claim_id"], claims["claim_type"], strict=True))
    return {cid: judge(evidence[evidence["claim_id"] == cid], types[cid]) for cid in claims["claim_id"]}


def rule_breaches(claims: pd.DataFrame, evidence: pd.DataFrame) -> list[str]:
    """Claim ids whose recorded verdict or strength is not what the rule gives on the recorded evidence."""
    judged = judge_all(claims, evidence)
    return sorted(
        c.claim_id
        for c in claims.itertuples()
        if (c.verdict, c.strength) != (judged[c.claim_id].verdict, judged[c.claim_id].strength)
    )


def verdict_counts(claims: pd.DataFrame) -> pd.DataFrame:
    """Number of claims per (topic, verdict), every combination present (zeros kept), in the fixed orders."""
    grid = pd.MultiIndex.from_product([TOPIC_ORDER, VERDICT_ORDER], names=["topic", "verdict"])
    counts = claims.groupby(["topic", "verdict"]).size().reindex(grid, fill_value=0)
    return counts.rename("n_claims").reset_index()


def is_close(a: float, b: float, rel: float = 0.005) -> bool:
    """True when a and b agree within `rel` (relative): used to say a recomputed number matches a quoted one."""
    return math.isclose(a, b, rel_tol=rel)


# ---- the ledger page -------------------------------------------------------------------------------------------

CHAPTER_TITLES = {
    "chapters/01_deal_terms": "Deal terms",
    "chapters/02_inference_shift": "Inference shift",
    "chapters/03_cost_declines": "Cost declines",
}
# Symbols beside the verdict words (decorative: the words carry the meaning, for screen readers too).
VERDICT_SYMBOLS = {"supported": "✓", "partly supported": "◐", "contradicted": "✗", "not verifiable": "?"}
KIND_WORDS = {
    "statement": "reports",
    "inferred": "our reading of reports",
    "recomputed": "our recomputation",
    "check": "our consistency check",
}


def anchor(claim_id: str) -> str:
    """The claim's stable anchor on the ledger page ('C01' -> 'claim-c01')."""
    return f"claim-{claim_id.lower()}"


def article_value(c: Any) -> str:
    """The article's value in words ('over 200 USD billion over 3 years'), '' for a qualitative claim."""
    if pd.isna(c.value):
        return ""
    return f"{c.value_qualifier} {c.value:g} {c.unit}".replace("exactly ", "")


def badge_html(verdict: str, strength: str) -> str:
    """The verdict as a styled span whose text says verdict and strength (colour only repeats it)."""
    import html

    slug = verdict.replace(" ", "-")
    label = verdict if strength == "none" else f"{verdict} · {strength} evidence"
    return (
        f'<span class="claim-badge claim-badge-{slug} claim-strength-{strength}">'
        f'<span class="claim-badge-symbol" aria-hidden="true">{VERDICT_SYMBOLS[verdict]}</span> '
        f"{html.escape(label)}</span>"
    )


def _kind_words(kinds: tuple[str, ...]) -> str:
    """What a line is made of, in words: 'reports', 'our recomputation', 'reports and our recomputation', ..."""
    shown = [k for k in kinds if not (k == "inferred" and "statement" in kinds)]
    return " and ".join(KIND_WORDS[k] for k in shown)


def _line_html(line: Line, evidence: pd.DataFrame) -> str:
    """'April 2026 press (...) (reports; 4 pages, best grade C): e.g. <a>TradeVAE</a>, >20 USD bn over 3 yrs'."""
    import html

    rows = evidence.set_index("evidence_id").loc[list(line.evidence_ids)]
    best = rows.iloc[0]
    if "check" in line.kinds:
        share = float(best["source_value"])
        what = str(best["unit"]).replace("percent of draws", "share of draws", 1)
        decisive = " (decisive)" if line.firm else ""
        return (
            f"<strong>{html.escape(line.key)}</strong> ({_kind_words(line.kinds)}): {html.escape(what)}: "
            f"{share:.0f}%{decisive}. {html.escape(str(best['note']))}"
        )
    pages = f"{line.n_pages} page{'s' if line.n_pages != 1 else ''}"
    link = f'<a href="{html.escape(best["source_url"], quote=True)}">{html.escape(best["publisher"])}</a>'
    return (
        f"<strong>{html.escape(line.key)}</strong> ({_kind_words(line.kinds)}; {pages}, best grade "
        f"{html.escape(line.grade)}): e.g. {link}, {html.escape(_value_text(best))}"
    )


def _value_text(row: pd.Series) -> str:
    """A source's value with its unit unless the text already says it ('>20 USD bn over 3 yrs')."""
    text = "" if pd.isna(row["source_value_text"]) else str(row["source_value_text"])
    unit = "" if pd.isna(row["unit"]) else str(row["unit"])
    if not text:
        return unit
    bare_number = not re.search(r"[A-Za-z%]", text)
    return f"{text} {unit}" if bare_number and unit not in ("qualitative", "") else text


def ledger(claims: pd.DataFrame, evidence: pd.DataFrame) -> pd.DataFrame:
    """One row per claim: ids, words, the article's value, verdict and strength, reason, and the lines of evidence
    on each side as text ('Against: ... | For: ...')."""
    judged = judge_all(claims, evidence)
    rows = []
    for c in claims.sort_values("claim_id").itertuples():
        j = judged[c.claim_id]
        sides = [("For", j.lines_for), ("Against", j.lines_against)]
        lines = " | ".join(
            f"{name}: " + "; ".join(f"{line.key} ({line.grade})" for line in side) for name, side in sides if side
        )
        rows.append(
            {
                "claim_id": c.claim_id,
                "anchor": anchor(c.claim_id),
                "topic": c.topic,
                "short": c.short,
                "claim": c.claim,
                "article_value": article_value(c),
                "verdict": c.verdict,
                "strength": c.strength,
                "reason": c.verdict_reason,
                "lines": lines or "none",
                "chapter": c.chapter,
            }
        )
    return pd.DataFrame(rows)


def card_html(claim: Any, evidence: pd.DataFrame, judgement: Judgement) -> str:
    """The ledger entry of one claim: badge, claim in our words, the article's value, why, the evidence by line."""
    import html

    chapter = CHAPTER_TITLES.get(claim.chapter, claim.chapter)
    items = [
        ("Claim, in our words", html.escape(claim.claim)),
        ("The article's value", html.escape(article_value(claim) or "no number (a qualitative claim)")),
        ("Why", html.escape(claim.verdict_reason)),
    ]
    for name, side in (("Evidence against", judgement.lines_against), ("Evidence for", judgement.lines_for)):
        if side:
            entries = "".join(f"<li>{_line_html(line, evidence)}</li>" for line in side)
            items.append(
                (f"{name} ({len(side)} independent line{'s' if len(side) != 1 else ''})", f"<ul>{entries}</ul>")
            )
    unclear = evidence[(evidence["claim_id"] == claim.claim_id) & (evidence["agrees"] == "unclear")]
    if len(unclear):
        items.append(("Taking no side", f"{len(unclear)} row{'s' if len(unclear) != 1 else ''} (see claim_evidence)"))
    items.append(("Examined in", f'<a href="{claim.chapter.split("/")[-1]}.html">{html.escape(chapter)}</a>'))
    body = "".join(f"<dt>{term}</dt><dd>{text}</dd>" for term, text in items)
    return (
        f'<div class="claim-card"><p class="claim-verdict">Verdict: {badge_html(claim.verdict, claim.strength)}</p>'
        f"<dl>{body}</dl></div>"
    )


def overview_html(claims: pd.DataFrame) -> str:
    """The verdicts at a glance: id (linked to its entry), claim in few words, verdict and strength."""
    import html

    rows = "".join(
        f'<tr><td><a href="#{anchor(c.claim_id)}">{c.claim_id}</a></td><td>{html.escape(c.short)}</td>'
        f"<td>{badge_html(c.verdict, c.strength)}</td></tr>"
        for c in claims.sort_values("claim_id").itertuples()
    )
    head = "<tr><th>Id</th><th>Claim, in few words</th><th>Verdict and strength of evidence</th></tr>"
    return f'<table class="claims-overview"><thead>{head}</thead><tbody>{rows}</tbody></table>'


def strength_counts(claims: pd.DataFrame) -> dict[str, int]:
    return {s: int((claims["strength"] == s).sum()) for s in STRENGTH_ORDER}


# ---- phrases for the ledger's prose: say "all 12", "exactly 10" or "both contradicted" only when it is so ---------

YI_PER_BILLION = 10  # 億 is a hundred million: a figure in 億 read as billions becomes ten times larger


def count_phrase(n: int, total: int) -> str:
    """n of a whole of `total`, without the artefact "12 of the 12": 'both', 'all 12', 'none of the 12', '7 of the 12'
    ('the one' and 'none' for a whole of one)."""
    if total == 1:
        return "the one" if n == 1 else "none"
    if n == total:
        return "both" if total == 2 else f"all {total}"
    if n == 0:
        return "neither" if total == 2 else f"none of the {total}"
    return f"{n} of the {total}"


def ratio_phrase(lo: float, hi: float) -> str:
    """A factor over several items: 'exactly 10' only when the smallest and the largest agree, else 'between 9.5 and
    10.5' (three significant digits)."""
    return f"exactly {lo:g}" if lo == hi else f"between {lo:.3g} and {hi:.3g}"


def verdicts_phrase(claims: pd.DataFrame, claim_ids: list[str]) -> str:
    """The verdicts of claims named together in one sentence, each verdict said once: 'both contradicted' when they
    share it, else 'supported and partly supported respectively' (in the order of `claim_ids`)."""
    verdict = claims.set_index("claim_id")["verdict"]
    said = [str(verdict[c]) for c in claim_ids]
    if len(set(said)) == 1:
        return f"{count_phrase(len(said), len(said))} {said[0]}"
    return f"{', '.join(said[:-1])} and {said[-1]} respectively"


def match_phrase(ours: float, theirs: float, decimals: int) -> str:
    """How our figure stands to a quoted one at the precision both are shown: 'exactly', 'close to' (within
    `is_close`) or 'against'."""
    if round(ours, decimals) == round(theirs, decimals):
        return "exactly"
    return "close to" if is_close(ours, theirs) else "against"


def page_numbers(
    claims: pd.DataFrame, evidence: pd.DataFrame, weekly: pd.DataFrame, deals: pd.DataFrame, models: pd.DataFrame
) -> dict[str, float | int | str]:
    """Every number and phrase the ledger page (and the front page and the methods) pastes, keyed by glue name (no
    `claims-`). Numbers another chapter already states (the AI Index endpoints, the OpenRouter week, the article's
    values, Deloitte's 2026 share) are not here: the ledger's prose pastes the chapter's own glue key. Phrases
    (`count_phrase`, `ratio_phrase`, `verdicts_phrase`, `match_phrase`) say "all", "exactly" or "both" only when the
    numbers make it so.
    """
    out: dict[str, float | int | str] = {}
    judged = judge_all(claims, evidence)
    out["n-claims"] = len(claims)
    for v in VERDICT_ORDER:
        out[f"n-{v.replace(' ', '-')}"] = int((claims["verdict"] == v).sum())
    for s, n in strength_counts(claims).items():
        out[f"n-{s}"] = n
    out["n-evidence"] = len(evidence)
    ab = evidence[evidence["grade"].isin(["A", "B"])]
    reports_ab = ab[ab["kind"].isin(["statement", "inferred"])]
    out["n-evidence-ab"] = len(ab)
    out["n-evidence-ab-reports"] = len(reports_ab)  # rows relaying what a page states (or our reading of it)
    out["n-evidence-ab-pages"] = int(reports_ab["source_url"].nunique())
    out["n-evidence-ab-own"] = len(ab) - len(reports_ab)  # our recomputations and checks, graded after their data
    lines = [line for j in judged.values() for line in (*j.lines_for, *j.lines_against)]
    out["n-lines"] = len(lines)  # counted once per claim a line bears on
    out["n-lines-distinct"] = len({line.key for line in lines})
    out["n-inferred"] = sum(j.rests_on_inference for j in judged.values())
    out["decisive-pct"] = DECISIVE_SHARE_PCT
    for c in claims.itertuples():
        key = c.claim_id.lower()
        out[f"{key}-short"], out[f"{key}-verdict"], out[f"{key}-strength"] = c.short, c.verdict, c.strength
    for pair in (["C10", "C11"], ["C16", "C17"]):
        out["-".join(pair).lower() + "-verdicts"] = verdicts_phrase(claims, pair)

    # The dollar figures: one verdict for all of them, and the strengths in words.
    dollar = claims[claims["unit"].str.startswith("USD billion")].sort_values("claim_id")
    verdicts = sorted(set(dollar["verdict"]))
    out["dollar-n"] = len(dollar)
    out["dollar-verdict"] = verdicts[0] if len(verdicts) == 1 else "mixed"
    by_strength = dollar.groupby("strength")["claim_id"].size().reindex(list(STRENGTH_ORDER)).dropna()
    parts = [f"{s} for {int(n)}" for s, n in by_strength.items()]
    first = f"{by_strength.index[0]} for all of them" if len(parts) == 1 else f"{parts[0]} of them"
    out["dollar-strength-text"] = " and ".join([first, *parts[1:]])
    checks = evidence[(evidence["kind"] == "check") & evidence["claim_id"].isin(dollar["claim_id"])]
    out["dollar-check-min-pct"] = float(checks["source_value"].min())
    out["dollar-check-max-pct"] = float(checks["source_value"].max())
    share_by_claim = checks.groupby("claim_id")["source_value"].max()  # a claim's check is decisive if any row is
    out["dollar-n-checks"] = len(share_by_claim)  # claims checked, not check rows
    out["dollar-n-decisive"] = int((share_by_claim >= DECISIVE_SHARE_PCT).sum())

    # Reported figures: what other pages state for the deal values. A figure whose bearing on a deal value is only
    # our reading ("inferred", e.g. a backlog that fits the smaller figure) is not a report of that value.
    comparison = dollar_comparison(claims, evidence)
    reported = comparison[comparison["kind"].isin(["article", "statement"])]
    ratios = dollar_ratios(reported)
    others = reported[reported["who"] != "article"]
    lo, hi = float(ratios["ratio"].min()), float(ratios["ratio"].max())
    out["dollar-ratio-min"], out["dollar-ratio-max"] = lo, hi
    out["dollar-ratio-text"] = ratio_phrase(lo, hi)
    yi = lo == hi == YI_PER_BILLION
    out["dollar-yi-text"] = (
        "which gives exactly the article's figures, every one of them"
        if yi
        else f"but the article's figures are {ratio_phrase(lo, hi)} times the other reports', so that reading "
        "does not give all of them"
    )
    out["dollar-n-reports"] = len(others)  # one per claim, page and value
    out["dollar-n-report-pages"] = int(others["source_url"].nunique())
    out["dollar-n-ab"] = int(others.loc[others["grade"].isin(["A", "B"]), "source_url"].nunique())
    against = [line for cid in ratios["claim_id"] for line in judged[cid].lines_against]
    reports = {line.key for line in against if "check" not in line.kinds}
    out["dollar-n-lines"] = len(reports)  # lines of reports against the dollar figures (the report's check apart)
    # The compute-deals ledger (one row per version of a deal), a dataset apart from the reported events chapter 1
    # takes its medians from: the medians of the versions other than the article's, and the article's value over it.
    versions = deal_version_ratios(deals).set_index("deal_id")
    for deal, key in (("CER-01", "jan"), ("CER-02", "apr")):
        out[f"deals-{key}-other-usd-bn"] = float(versions.loc[deal, "other_low_usd_bn"])
        out[f"deals-{key}-ratio"] = float(versions.loc[deal, "ratio_low"])

    got = openrouter_checks(weekly)
    out["or-week-start"] = got["week_start"].strftime("%d %b %Y").lstrip("0")
    out["or-week-end"] = got["week_end"].strftime("%d %b %Y").lstrip("0")
    out["or-streak-start"] = got["streak_start"].strftime("%d %b").lstrip("0")
    out["or-us-top-models-tn"] = float(got["us_top_models_tn"])
    out["or-grade"] = str(got["grade"])
    value = claims.set_index("claim_id")["value"]
    out["or-china-match"] = match_phrase(float(got["china_top_run_tn"]), float(value["C14"]), 2)

    # Stated forecasts only: our projection checks (chapter 4) are evidence too, but not "a forecast we hold".
    is_forecast = evidence["claim_id"].isin(["C10", "C11"]) & (evidence["kind"] == "statement")
    forecasts = evidence[is_forecast & evidence["source_value"].notna()]
    c10, c11 = (forecasts[forecasts["claim_id"] == cid] for cid in ("C10", "C11"))
    out["c10-max-pct"] = float(c10["source_value"].max())
    out["c10-max-ab-pct"] = float(c10.loc[c10["grade"].isin(["A", "B"]), "source_value"].max())
    out["c11-max-pct"] = float(c11["source_value"].max())
    top = c11[c11["source_value"] == c11["source_value"].max()]
    out["c11-max-grade"] = min(top["grade"], key=GRADE_RANK.__getitem__)  # the best grade among the highest

    idx = ai_index_check(evidence, models)
    out["aiindex-start-date"] = idx["start_date"].strftime("%d %b %Y").lstrip("0")
    out["aiindex-end-date"] = idx["end_date"].strftime("%d %b %Y").lstrip("0")
    out["aiindex-start-model"], out["aiindex-end-model"] = idx["start_model"], idx["end_model"]
    out["aiindex-grade"] = idx["stated_grade"]
    return out


def cards_html(claims: pd.DataFrame, evidence: pd.DataFrame) -> dict[str, str]:
    """Every claim's ledger entry (`card_html`), keyed '<claim id, lower case>-card' for gluing."""
    judged = judge_all(claims, evidence)
    return {
        f"{c.claim_id.lower()}-card": card_html(c, evidence, judged[c.claim_id])
        for c in claims.sort_values("claim_id").itertuples()
    }
