"""Curate the claims ledger: the checkable claims of the 17 Apr 2026 article, the evidence on each, the verdicts.

What a person decided is read from data/editorial/ (this module only reads, checks and transforms):

- `claims.yaml`: the claims in our words, the article's values, whether a claim is about the future, and the
  reasons as templates filled with numbers computed from the evidence (`reason_fields`): no typed-in number.
- `claims_evidence.csv`: which source row bears on which claim, what part of it is read, whether it agrees with
  the article, the kind of evidence, the line (original report, filing or dataset) it relays, and our note. The
  number is read here from the source row; the row's page and grade are checked against it and the report.
- `claims_checks.yaml`: the checks the report computes itself (OpenRouter's leaderboard, the AI Index arithmetic,
  the unit economics of chapter 1, the warrant's stake), with our notes; numbers and sides are computed here.

Verdicts and strengths are not typed: `analysis.claims.judge` gives them from the evidence, by the rule stated
there, on the ledger page and in the methods appendix.

Source files (under data/raw): deals/claims_cerebras.csv (rows that ARE the article are never evidence; its claim
C06 "$300B total, up to 10%" is read as our C06, the dollar total, and C08, the stake ceiling),
deals/evidence_2026-12.csv (the second search, Dec 2026), deals/compute_deals.csv, inference_shift/compute_share.csv
and token_volumes.csv, and the cost chapter's curated `headline_rates`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd

from analysis import editorial
from analysis.curate import curator
from analysis.data import DataValidationError
from analysis.paths import EDITORIAL_DIR

ACCESSED = "2026-11-26"  # the report's data-as-of date; no source row records an access date
REPORT_DATA = "https://github.com/inference-era/inference-era/blob/main/data"  # the report's curated datasets
VERDICTS = ("supported", "partly supported", "contradicted", "not verifiable")
AGREES = ("yes", "partly", "no", "unclear")
PROVENANCE = ["source_url", "publisher", "published", "accessed", "grade"]
CLAIMS_TABLE, LINKS_TABLE, CHECKS_TABLE = "claims", "claims_evidence", "claims_checks"

CLAIM_COLUMNS = [
    "claim_id",
    "topic",
    "claim_type",
    "short",
    "claim",
    "value",
    "value_qualifier",
    "unit",
    "chapter",
    "verdict",
    "strength",
    "verdict_reason",
    "evidence_basis",
    "n_lines_for",
    "n_lines_against",
]
EDITED_CLAIM_COLUMNS = [
    "claim_id",
    "topic",
    "claim_type",
    "short",
    "claim",
    "value",
    "value_qualifier",
    "unit",
    "chapter",
    "verdict_reason",
]
EVIDENCE_COLUMNS = [
    "evidence_id",
    "claim_id",
    "source_value",
    "source_value_text",
    "unit",
    "agrees",
    "kind",
    "line",
    "note",
    "paraphrase",
    "origin",
    "source_ref",
    *PROVENANCE,
]


# ---- editorial tables -----------------------------------------------------------------------------------------


def _file(name: str) -> str:
    """The editorial table's file as errors name it ('data/editorial/claims.yaml')."""
    found = [p for p in (EDITORIAL_DIR / f"{name}.csv", EDITORIAL_DIR / f"{name}.yaml") if p.is_file()]
    return f"data/editorial/{found[0].name}" if found else f"data/editorial/{name}"


def _line(name: str, row: int) -> int:
    """The file line where row `row` (1 = first) of editorial table `name` starts."""
    path = EDITORIAL_DIR / _file(name).removeprefix("data/editorial/")
    if path.suffix == ".csv":
        return row + 1
    import yaml

    return yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader).value[row - 1].start_mark.line + 1


def _fail(name: str, row: int, column: str, value: object, rule: str) -> DataValidationError:
    return DataValidationError(_file(name), row, column, value, rule, _line(name, row))


def _records(name: str) -> list[dict[str, Any]]:
    """Editorial records with dates as ISO text ('' when empty) and missing values as None."""
    out = []
    for rec in editorial.records(name):
        out.append({k: (_iso(v) if k in ("published", "accessed") else v) for k, v in rec.items()})
    return out


def _iso(value: object) -> str:
    return "" if value is None or pd.isna(value) or value == "" else str(pd.Timestamp(value).date())


def article() -> dict[str, str]:
    """Provenance of the article (data/editorial/article.yaml): every claim's provenance."""
    rec = _records("article")[0]
    return {k: rec[k] or "" for k in PROVENANCE}


def _fill(template: str, values: dict[str, float], fields: dict[str, Any], claim_id: str, row: int, column: str) -> str:
    """A template of claims.yaml filled; an unknown field is an error naming the row and the field."""
    try:
        return template.format(v=values.get(claim_id), **values, **fields)
    except (KeyError, ValueError, TypeError) as err:
        raise _fail(CLAIMS_TABLE, row, column, template, f"template field cannot be filled: {err}") from None


# ---- claims ---------------------------------------------------------------------------------------------------


@curator("claims")
def build_claims(sources_dir: Path) -> pd.DataFrame:
    """The article's checkable claims (our words) with verdicts and strengths; provenance = the article (grade C).

    Verdict, strength and basis follow from the evidence by `analysis.claims.judge`; claim texts and reasons are
    filled from the article's values and from numbers computed on the evidence (`reason_fields`).
    """
    from analysis import claims as checks

    entries = _records(CLAIMS_TABLE)
    source = article()
    for i, rec in enumerate(entries, start=1):
        for key in PROVENANCE:
            if (rec[key] or "") != source[key]:
                raise _fail(CLAIMS_TABLE, i, key, rec[key], f"a claim's provenance is the article's ({source[key]!r})")
    evidence = build_claim_evidence(sources_dir)
    values = {r["claim_id"]: float(r["value"]) for r in entries if r["value"] is not None}
    fields = reason_fields(evidence, values, _weekly(sources_dir), _models(sources_dir))
    rows = []
    for i, rec in enumerate(entries, start=1):
        j = checks.judge(evidence[evidence["claim_id"] == rec["claim_id"]], rec["claim_type"])
        row = {col: rec[col] for col in EDITED_CLAIM_COLUMNS} | {k: rec[k] or "" for k in PROVENANCE}
        row |= {
            "verdict": j.verdict,
            "strength": j.strength,
            "evidence_basis": j.basis,
            "n_lines_for": len(j.lines_for),
            "n_lines_against": len(j.lines_against),
        }
        for col in ("claim", "verdict_reason", "short"):
            row[col] = _fill(rec[col], values, fields, rec["claim_id"], i, col)
        if j.rests_on_inference and not re.search(r"our (inference|reading)", row["verdict_reason"]):
            rule = "the verdict rests on our inference: the reason must say so ('our inference' or 'our reading')"
            raise _fail(CLAIMS_TABLE, i, "verdict_reason", rec["verdict_reason"], rule)
        rows.append(row)
    frame = pd.DataFrame(rows, columns=[*CLAIM_COLUMNS, *PROVENANCE])
    return frame.sort_values("claim_id").reset_index(drop=True)


def claim_values() -> dict[str, float]:
    """The article's value of every quantitative claim, from claims.yaml."""
    return {r["claim_id"]: float(r["value"]) for r in _records(CLAIMS_TABLE) if r["value"] is not None}


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

    def rows(claim_id: str, **match: str) -> pd.DataFrame:
        """The claim's rows whose columns contain the given texts (e.g. unit="USD", line="Deloitte")."""
        sel = evidence[evidence["claim_id"] == claim_id]
        for column, text in match.items():
            sel = sel[sel[column].fillna("").str.contains(text, regex=False)]
        if sel.empty:  # a source changed under us: fail loudly rather than print a wrong reason
            raise LookupError(f"no evidence row for {claim_id} with {match}")
        return sel

    def number(claim_id: str, **match: str) -> float:
        return float(rows(claim_id, **match)["source_value"].dropna().astype(float).median())

    out: dict[str, str | float | int] = {}
    judged = {cid: checks.judge(evidence[evidence["claim_id"] == cid]) for cid in values}
    for cid in ("C01", "C04", "C05", "C06"):
        against = evidence[
            (evidence["claim_id"] == cid)
            & (evidence["agrees"] == "no")
            & (evidence["kind"] == "statement")
            & evidence["unit"].str.contains("USD bn|USD billion", regex=True)
        ]
        out[f"{cid}_other"] = float(against["source_value"].median())
        out[f"{cid}_ratio"] = values[cid] / out[f"{cid}_other"]
        out[f"{cid}_n_ab"] = int(against.loc[against["grade"].isin(["A", "B"]), "source_url"].nunique())
        out[f"{cid}_n_report_lines"] = sum("check" not in line.kinds for line in judged[cid].lines_against)
        mc = evidence[(evidence["claim_id"] == cid) & (evidence["kind"] == "check")]
        if len(mc):
            out[f"{cid}_mc_pct"] = float(mc["source_value"].iloc[0])
    out["warrant_m"] = number("C02", unit="million shares")
    out["c03_mw"] = number("C03", line="statements of 14 January")
    out["C03_company_grade"] = min(rows("C03", line="statements of 14 January")["grade"])
    out["C18_company_grade"] = min(rows("C18", line="statements of 14 January")["grade"])
    out["stake_pct"] = number("C08", unit="% stake")
    out["c08_recomputed"] = number("C08", kind="recomputed")
    deloitte = rows("C09", line="Deloitte", origin="compute_share.csv").iloc[0]
    out |= {"c09_grade": deloitte["grade"], "c09_pct": float(deloitte["source_value"])}
    out["gartner_2026"] = number("C09", line="Gartner")
    c10_ab = rows("C10", kind="statement").query("grade in ['A', 'B'] and agrees != 'unclear'")
    top = c10_ab.sort_values("source_value").iloc[-1]
    out |= {"c10_max_ab": float(top["source_value"]), "c10_ab_grade": top["grade"]}
    out["c10_max"] = float(rows("C10", kind="statement")["source_value"].max())  # forecasts, not our checks
    out["c11_max"] = float(rows("C11", kind="statement")["source_value"].max())
    out["c11_check"] = float(rows("C11", kind="check")["source_value"].max())  # chapter 4's projection
    out["gartner_2029_floor"] = number("C11", unit="iaas_spend, 2029")
    out["gartner_2029_capex"] = number("C11", unit="capex, 2029")
    out["jin10_tn"] = number("C12", kind="inferred")
    out["c19_ratio"] = number("C19", line="April 2026 press", unit="USD") / out["C04_other"]
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
        "ai_epoch_grade": rows("C16", origin="recomputed: AI Index endpoints (fold)")["grade"].iloc[0],
        "ai_stated_fold": idx["stated_fold"],
        "ai_start": idx["model_start_price"],
        "ai_end": idx["model_end_price"],
        "ai_fold": idx["fold"],
        "ai_months": idx["months"],
        "ai_stated_months": idx["stated_months"],
    }
    return out


# ---- parsing source values ------------------------------------------------------------------------------------

_NUMBER = re.compile(r"-?\d[\d,]*(?:\.\d+)?")


def leading_number(text: str) -> float | None:
    """The first number in a source's value text ('>20' -> 20, '~1 at 6%' -> 1, '750 (option to 2,000)' -> 750).

    Text in brackets is a comment, not the value ('about two-thirds (2026)' -> None). Dates (YYYY-MM-DD) and texts
    without digits give None: they are not quantities.
    """
    if re.fullmatch(r"\d{4}-\d{2}(-\d{2})?.*", text.strip()):
        return None
    match = _NUMBER.search(re.sub(r"\([^)]*\)", "", text))
    return float(match.group().replace(",", "")) if match else None


def clean_date(text: str) -> tuple[str, str]:
    """(ISO date or '', remark): keeps only full ISO dates; 'n/a', 'not shown' and partial dates go to the remark."""
    text = (text or "").strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return text, ""
    if text in ("", "n/a") or text.startswith("not shown"):
        return "", "page shows no date"
    partial = re.sub(r"\s*\((?:day )?not shown[^)]*\)", "", text)  # '2026-04 (not shown)' -> '2026-04'
    return "", f"date given only as {partial}"


def _part(text: str, reads: str) -> str:
    """The part of a 'USD / %' value or unit that a row `reads` ('first part', 'second part'); else the whole."""
    parts = [p.strip() for p in text.split("/")]
    if reads in ("first part", "second part") and len(parts) > 1:
        return parts[0] if reads == "first part" else parts[1]
    return text


# ---- evidence from source rows --------------------------------------------------------------------------------

# What a reader returns for one editorial link: the value text, the unit, the page's URL, the page's published
# text as the source gives it (for the date remark), and a scale for the number (100 turns a share into percent).
Read = dict[str, Any]


def _read_cerebras(sources_dir: Path, key: str, reads: str) -> Read | None:
    raw = _raw(sources_dir, "deals/claims_cerebras.csv")
    hit = raw[raw["claim_id"] == key]
    if hit.empty:
        return None
    rec = hit.iloc[0]
    return {
        "text": _part(rec["value"], reads),
        "unit": _part(rec["unit"], reads),
        "url": rec["source_url"],
        "published": rec["published"],
    }


_DEAL_READS = {"purpose": ("purpose", "purpose"), "lower bound": ("value_usd_bn_low", "USD billion (lower bound)")}


def _read_deals(sources_dir: Path, key: str, reads: str) -> Read | None:
    raw = _raw(sources_dir, "deals/compute_deals.csv")
    hit = raw[raw["deal_id"] == key]
    if hit.empty or reads not in _DEAL_READS:
        return None
    rec = hit.iloc[0]
    column, unit = _DEAL_READS[reads]
    return {"text": rec[column], "unit": unit, "url": rec["source_url"], "published": rec["published"]}


def _read_share(sources_dir: Path, key: str, reads: str) -> Read | None:
    """compute_share.csv row `org/year/metric` (org: the source_org's start); shares become percents."""
    org, year, metric = key.split("/")
    year = "" if year == "no year" else year
    raw = _raw(sources_dir, "inference_shift/compute_share.csv")
    hit = raw[raw["source_org"].str.startswith(org) & (raw["year"] == year) & (raw["metric"] == metric)]
    if hit.empty:
        return None
    rec = hit.iloc[0]
    value = rec["value"] or rec["low"]
    # A lower bound ("more than 65%") keeps its ">".
    text = ("" if rec["value"] else ">") + f"{round(100 * float(value), 1):g}%"
    unit = f"percent ({metric}, {year or 'no year given'})"
    return {"text": text, "unit": unit, "url": rec["source_url"], "published": rec["published"]}


def _read_tokens(sources_dir: Path, key: str, reads: str) -> Read | None:
    """token_volumes.csv row `series/metric/period_start/segment/publisher` (publisher: its start)."""
    series, metric, start, segment, publisher = key.split("/")
    raw = _raw(sources_dir, "inference_shift/token_volumes.csv")
    hit = raw[
        (raw["series_id"] == series)
        & (raw["metric"] == metric)
        & (raw["period_start"] == start)
        & (raw["segment"] == segment)
        & raw["publisher"].str.startswith(publisher)
    ]
    if hit.empty:
        return None
    rec = hit.iloc[0]
    unit = f"{rec['unit']} ({metric}, {rec['period_start']}..{rec['period_end']}, {segment})"
    return {"text": rec["value"], "unit": unit, "url": rec["source_url"], "published": rec["published"]}


def _read_rates(sources_dir: Path, key: str, reads: str) -> Read | None:
    """The cost chapter's curated `headline_rates` row `metric/scope` (scope: its start)."""
    metric, scope = key.split("/", 1)
    rates = _headline_rates(sources_dir)
    hit = rates[(rates["metric"] == metric) & rates["scope"].str.startswith(scope)]
    if hit.empty:
        return None
    row = hit.iloc[0]
    rec = {k: "" if pd.isna(v) else str(v) for k, v in row.items()}
    if reads == "period":  # a claim about the span reads the endpoint months rather than the fold
        text, unit = f"{rec['period_start'][:7]}..{rec['period_end'][:7]}", "period"
    else:
        text, unit = rec["value_text"] or rec["value"], metric
    return {"text": text, "unit": unit, "url": rec["source_url"], "published": _iso(row["published"])}


HUNDRED_MILLION_USD = "100 million USD"  # the unit 億美元 (10^8 USD): a tenth of a USD billion


def _read_dec2026(sources_dir: Path, key: str, reads: str, claim_id: str = "") -> Read | None:
    """deals/evidence_2026-12.csv row of `claim_id` at page `key` (a URL, or 'github-file-id:<n>' for a note in a
    public repository, which the file identifies only by the search tool's id)."""
    raw = _raw(sources_dir, "deals/evidence_2026-12.csv")
    on_page = raw["source_url"].eq(key) | raw["source_url"].str.startswith(key + " ")
    hit = raw[(raw["claim_id"] == claim_id) & on_page]
    if hit.empty:
        return None
    rec = hit.iloc[0]
    unit, number = rec["source_value_unit"], leading_number(rec["source_value"])
    if re.search(r"\bdate\b|time window", unit):
        number = None  # a date or a span written in words: not a quantity
    elif number is not None and unit.startswith(HUNDRED_MILLION_USD):  # 億 read as what it is: 10^8
        number, unit = number / 10, "USD billion (converted from 億, hundred millions of USD)"
    url = rec["source_url"].split(" ")[0]
    return {
        "text": rec["source_value"],
        "unit": unit,
        "url": url,
        "published": rec["published"],
        "number": number,
        "paraphrase": rec["paraphrase"],
    }


READERS: dict[str, Callable[..., Read | None]] = {
    "deals/claims_cerebras.csv": _read_cerebras,
    "deals/evidence_2026-12.csv": _read_dec2026,
    "deals/compute_deals.csv": _read_deals,
    "inference_shift/compute_share.csv": _read_share,
    "inference_shift/token_volumes.csv": _read_tokens,
    "cost_declines/headline_rates.csv": _read_rates,
}


def _raw(sources_dir: Path, relpath: str) -> pd.DataFrame:
    """The raw file as text cells (a copy: callers may change it). Every evidence link reads a row of one of a
    few files, so each file is parsed once per version on disk (its path, size and modification time)."""
    path = sources_dir / relpath
    stat = path.stat()
    return _parsed_raw(path, stat.st_size, stat.st_mtime_ns).copy()


@cache
def _parsed_raw(path: Path, size: int, mtime_ns: int) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def _headline_rates(sources_dir: Path) -> pd.DataFrame:
    from analysis.curate import load_curators

    return load_curators()["headline_rates"](sources_dir)


def _linked_rows(sources_dir: Path) -> list[dict]:
    """One evidence row per editorial link: the value read from its source row, our judgement and provenance."""
    rows = []
    for i, link in enumerate(_records(LINKS_TABLE), start=1):
        file, _, key = link["origin"].partition("#")
        if file not in READERS:
            rule = f"names no source file this module reads ({', '.join(READERS)})"
            raise _fail(LINKS_TABLE, i, "origin", link["origin"], rule)
        if file == "deals/claims_cerebras.csv" and _is_article(sources_dir, key):
            rule = "is the article itself: a claim is not its own evidence"
            raise _fail(LINKS_TABLE, i, "origin", link["origin"], rule)
        if file == "deals/evidence_2026-12.csv":
            got = _read_dec2026(sources_dir, key, link["reads"], link["claim_id"])
        else:
            got = READERS[file](sources_dir, key, link["reads"])
        if got is None:
            rule = f"no such row in {file} (or it cannot be read as {link['reads']!r})"
            raise _fail(LINKS_TABLE, i, "origin", link["origin"], rule)
        ref = link["source_ref"] or ""
        if got["url"].startswith("github-file-id:"):
            # A note the source file names only by a file id: the id is kept in source_ref, the URL is ours.
            if ref != got["url"]:
                rule = f"a page the source names by file id needs that id here ({got['url']!r})"
                raise _fail(LINKS_TABLE, i, "source_ref", link["source_ref"], rule)
            if ref and link["grade"] != "C":
                rule = "a note in a public repository that quotes the filings is graded C"
                raise _fail(LINKS_TABLE, i, "grade", link["grade"], rule)
        elif got["url"] != link["source_url"]:
            rule = f"must be the source row's page ({got['url']!r})"
            raise _fail(LINKS_TABLE, i, "source_url", link["source_url"], rule)
        number = got["number"] if "number" in got else leading_number(got["text"])
        remark = clean_date(got["published"])[1]
        rows.append(
            {
                "claim_id": link["claim_id"],
                "source_value": None if number is None else round(number, 6),
                "source_value_text": got["text"],
                "unit": got["unit"],
                "agrees": link["agrees"],
                "kind": link["kind"],
                "line": link["line"],
                "note": "; ".join(p for p in ((link["note"] or "").strip(), remark) if p),
                "paraphrase": got.get("paraphrase", ""),
                "origin": link["origin"],
                "source_ref": ref,
                **{k: link[k] or "" for k in PROVENANCE},
                "_row": i,
            }
        )
    return rows


def _is_article(sources_dir: Path, key: str) -> bool:
    raw = _raw(sources_dir, "deals/claims_cerebras.csv")
    return bool((raw.loc[raw["claim_id"] == key, "source_url"] == article()["source_url"]).any())


# ---- evidence the report computes -----------------------------------------------------------------------------

# A check returns (value, value text or '', agrees, note fields, provenance of the data it is computed from).
Check = tuple[float, str, str, dict[str, str], dict[str, str]]


def _openrouter(sources_dir: Path) -> tuple[dict[str, Any], dict[str, str]]:
    """The OpenRouter recomputation and the provenance of its data: the article week's page and publisher, and the
    weakest grade of the weeks used."""
    from analysis import claims as checks

    weekly = _weekly(sources_dir)
    got = checks.openrouter_checks(weekly)
    rec = weekly.loc[pd.to_datetime(weekly["week_start"]) == got["week_start"]].iloc[0]
    provenance = {
        "source_url": rec["source_url"],
        "publisher": rec["publisher"],
        "published": _iso(rec["published"]),
        "accessed": ACCESSED,
        "grade": got["grade"],
    }
    return got, provenance


def _check_openrouter(sources_dir: Path, claim_id: str, which: str) -> Check:
    from analysis import claims as checks

    got, provenance = _openrouter(sources_dir)
    claimed = claim_values()[claim_id]
    span = f"{got['week_start'].date()}..{got['week_end'].date()}"
    fields = {"span": span, "streak_start": str(got["streak_start"].date())}
    if which == "top_total":  # a floor under the platform total: it can only refute a claim below it
        value, agrees = got["top_models_tn"], "no" if got["top_models_tn"] > claimed else "unclear"
    elif which == "top_growth":  # growth of another total: it bears on the claim either way only by assumption
        value, agrees = got["top_models_wow_pct"], "unclear"
    elif which == "china_run":
        value = got["china_top_run_tn"]
        agrees = "yes" if checks.is_close(value, claimed) else "no"
    elif which == "china_all":  # more than the run: the article's label overstates what its figure covers
        value = got["china_top_models_tn"]
        agrees = "partly" if value > got["china_top_run_tn"] else "yes"
    else:  # streak
        value = float(got["china_lead_streak_weeks"])
        agrees = "yes" if value == claimed else "no"
    return value, "", agrees, fields, provenance


def _ai_index(sources_dir: Path) -> tuple[dict[str, Any], dict[str, str]]:
    """The AI Index endpoints as chapter 3 reproduces them (`analysis.costs.headline_280`, Epoch AI's data), with
    the provenance of the endpoint models' rows (the weaker grade of the two)."""
    from analysis import claims as checks

    stated = pd.DataFrame([r for r in _linked_rows(sources_dir) if r["claim_id"] == "C16"])
    models = _models(sources_dir)
    got = checks.ai_index_check(stated, models)
    ends = models[models["model_name"].isin([got["start_model"], got["end_model"]])]
    end_model = ends[ends["model_name"] == got["end_model"]].iloc[0]
    provenance = {
        "source_url": end_model["source_url"],
        "publisher": end_model["publisher"],
        "published": _iso(end_model["published"]),
        "accessed": ACCESSED,
        "grade": max(ends["grade"], key=GRADE_ORDER.index),
    }
    return got, provenance


def _check_ai_index(sources_dir: Path, claim_id: str, which: str) -> Check:
    got, provenance = _ai_index(sources_dir)
    claimed = claim_values()[claim_id]
    if which == "fold":
        return got["fold"], "", "yes" if got["fold"] >= claimed else "no", {}, provenance
    months = got["months"]
    return months / 12, f"{months:.1f} months", "yes" if months <= 12 * claimed else "no", {}, provenance


def _priors(sources_dir: Path) -> pd.DataFrame:
    from analysis.curate import load_curators

    return load_curators()["cost_priors"](sources_dir)


def _check_unit_economics(sources_dir: Path, claim_id: str) -> Check:
    """Chapter 1's consistency check: in what share of the Monte Carlo draws the article's dollar figure, spread over
    the contracted capacity and term, exceeds every estimate of what that capacity costs to build or to rent
    (`analysis.scenarios`, the same seeded draws as the chapter). The provenance is the `cost_priors` dataset,
    graded by its weakest input."""
    import numpy as np

    from analysis import scenarios as sc

    priors = _priors(sources_dir)
    draws = sc.sample(priors)
    dearest = np.maximum.reduce([fn(draws) for _, fn in sc.COST_ROUTES.values()])
    share = 100.0 * float(np.mean(sc.deal_usd_per_mw_year(claim_values()[claim_id], draws) > dearest))
    inputs = priors[priors["role"] == "mc_input"]
    provenance = {
        "source_url": f"{REPORT_DATA}/cost_priors.csv",
        "publisher": "The inference era (this report): cost_priors and the Monte Carlo of chapter 1",
        "published": "",
        "accessed": ACCESSED,
        "grade": max(inputs["grade"], key=GRADE_ORDER.index),
    }
    # The claim fails the check in `share`% of draws: it takes a side against the claim when that is most draws.
    agrees = "no" if share > 50 else "unclear"
    fields = {"n_draws": f"{len(draws):,}", "routes": str(len(sc.COST_ROUTES))}
    return share, f"{share:.1f}% of draws", agrees, fields, provenance


def _check_inference_share(sources_dir: Path, claim_id: str) -> Check:
    """Chapter 4's consistency check, a projection: in what share of its seeded Monte Carlo draws inference's share
    of compute spending in its last year stays at or below the article's share (`analysis.spend`, the same draws
    and the same datasets as the chapter, read as curated). The provenance is the chapter's table of assumptions,
    graded by the weakest of the data and assumptions the share rests on (`analysis.spend.share_grade`)."""
    import numpy as np

    from analysis import spend

    r = spend.results()
    share = spend.inference_share(r.draws, r.inputs, spend.END_YEAR)
    threshold = claim_values()[claim_id] / 100.0
    fails = 100.0 * float(np.mean(share <= threshold))
    provenance = {
        "source_url": f"{REPORT_DATA}/editorial/spend_scenarios.yaml",
        "publisher": "The inference era (this report): spend_scenarios and the Monte Carlo of chapter 4",
        "published": "",
        "accessed": ACCESSED,
        "grade": spend.share_grade(r),
    }
    # As for the unit economics: the check takes a side against the claim when the claim fails in most draws.
    agrees = "no" if fails > 50 else "unclear"
    fields = {
        "n_draws": f"{len(r.draws):,}",
        "year": str(spend.END_YEAR),
        "threshold": f"{threshold:.0%}",
        "exceeds": f"{100.0 - fails:.0f}%",
    }
    return fails, f"{fails:.1f}% of draws", agrees, fields, provenance


def _check_warrant_stake(sources_dir: Path, claim_id: str) -> Check:
    """The warrant's share count over the fully diluted share count (central priors, as chapter 1 computes it)."""
    priors = _priors(sources_dir).set_index("parameter")
    used = priors.loc[["cerebras_warrant_shares_m", "cerebras_fully_diluted_shares_m"]]
    stake = 100.0 * float(used["central"].iloc[0]) / float(used["central"].iloc[1])
    first = used.iloc[0]
    provenance = {
        "source_url": first["source_url"],
        "publisher": first["publisher"],
        "published": _iso(first["published"]),
        "accessed": ACCESSED,
        "grade": max(used["grade"], key=GRADE_ORDER.index),
    }
    # "Up to 10%": a stake within a tenth of the claimed ceiling agrees with it.
    agrees = "yes" if math.isclose(stake, claim_values()[claim_id], rel_tol=0.1) else "partly"
    return stake, "", agrees, {}, provenance


CHECKS: dict[str, Callable[[Path, str], Check]] = {
    "unit_economics": _check_unit_economics,
    "warrant_stake": _check_warrant_stake,
    "inference_share": _check_inference_share,
    "openrouter_top_total": lambda d, c: _check_openrouter(d, c, "top_total"),
    "openrouter_top_growth": lambda d, c: _check_openrouter(d, c, "top_growth"),
    "openrouter_china_run": lambda d, c: _check_openrouter(d, c, "china_run"),
    "openrouter_china_all": lambda d, c: _check_openrouter(d, c, "china_all"),
    "openrouter_streak": lambda d, c: _check_openrouter(d, c, "streak"),
    "ai_index_fold": lambda d, c: _check_ai_index(d, c, "fold"),
    "ai_index_span": lambda d, c: _check_ai_index(d, c, "span"),
}


def _computed_rows(sources_dir: Path) -> list[dict]:
    """One evidence row per entry of claims_checks.yaml: its number computed here, its note ours."""
    rows = []
    for i, spec in enumerate(_records(CHECKS_TABLE), start=1):
        if spec["check"] not in CHECKS:
            raise _fail(CHECKS_TABLE, i, "check", spec["check"], f"no such check (known: {', '.join(CHECKS)})")
        value, text, agrees, fields, provenance = CHECKS[spec["check"]](sources_dir, spec["claim_id"])
        for key in PROVENANCE:
            if (spec[key] or "") != provenance[key]:
                rule = f"must be the provenance of the data the check uses ({provenance[key]!r})"
                raise _fail(CHECKS_TABLE, i, key, spec[key], rule)
        try:
            note = spec["note"].format(**fields)
        except (KeyError, ValueError) as err:
            raise _fail(CHECKS_TABLE, i, "note", spec["note"], f"note field cannot be filled: {err}") from None
        rows.append(
            {
                "claim_id": spec["claim_id"],
                "source_value": round(value, 6),
                "source_value_text": text or f"{value:.4g}",
                "unit": spec["unit"],
                "agrees": agrees,
                "kind": spec["kind"],
                "line": spec["line"],
                "note": note,
                "paraphrase": "",
                "origin": spec["origin"],
                "source_ref": "",
                **provenance,
            }
        )
    return rows


# ---- grades ---------------------------------------------------------------------------------------------------

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
    keep the grade of the data they were computed from; pages no dataset grades keep the row's grade)."""
    computed = evidence["kind"].isin(["recomputed", "check"])
    aligned = evidence["source_url"].map(grades)
    return evidence.assign(grade=evidence["grade"].where(computed | aligned.isna(), aligned))


def _require_all_linked(sources_dir: Path, linked: list[dict]) -> None:
    """Every source row on an article claim must have an editorial link: evidence is never dropped silently.

    (Rows of deals/evidence_2026-12.csv are named `<claim>@<origin>`: one page there can bear on several claims.)"""
    raw = _raw(sources_dir, "deals/claims_cerebras.csv")
    on_claims = raw[raw["claim_id"].str.startswith("C") & (raw["source_url"] != article()["source_url"])]
    needed = {f"deals/claims_cerebras.csv#{key}" for key in on_claims["claim_id"]}
    dec = _raw(sources_dir, "deals/evidence_2026-12.csv")
    pages = zip(dec["claim_id"], dec["source_url"].str.split(" ").str[0], strict=True)
    needed |= {f"{claim_id}@deals/evidence_2026-12.csv#{page}" for claim_id, page in pages}
    have = {r["origin"] for r in linked} | {f"{r['claim_id']}@{r['origin']}" for r in linked}
    missing = sorted(needed - have)
    if missing:
        rule = "this source row bears on an article claim but has no row here: its evidence would be dropped"
        raise DataValidationError(_file(LINKS_TABLE), None, "origin", missing[0], rule)


@curator("claim_evidence")
def build_claim_evidence(sources_dir: Path) -> pd.DataFrame:
    """One row per (claim, source row): the value the source gives and whether it agrees with the article."""
    linked = _linked_rows(sources_dir)
    _require_all_linked(sources_dir, linked)
    frame = align_grades(pd.DataFrame(linked + _computed_rows(sources_dir)), _curated_grades(sources_dir))
    for rec, grade in zip(linked, frame["grade"], strict=False):
        if rec["grade"] != grade:  # one page, one grade: our judgement must match the report's grade of the page
            rule = f"must be the grade the report gives this page elsewhere ({grade!r})"
            raise _fail(LINKS_TABLE, rec["_row"], "grade", rec["grade"], rule)
    frame = frame.sort_values(["claim_id", "origin"], kind="stable")
    frame["evidence_id"] = frame["claim_id"] + "-" + (frame.groupby("claim_id").cumcount() + 1).map("{:02d}".format)
    return frame[EVIDENCE_COLUMNS].reset_index(drop=True)
