"""Curate the claims ledger: the checkable claims of the 17 Apr 2026 article, and the evidence on each.

What a person decided is read from data/editorial/ (this module only transforms):

- `claims.yaml`: the claims in our words, the article's values, our verdicts and reasons. Claim texts and reasons
  are templates filled with numbers computed from the evidence (`reason_fields`), so the prose carries no typed-in
  number.
- `claims_evidence.csv`: which source row bears on which claim, what part of it is read, whether it agrees with the
  article and our note. The number is read here from the source row; the row's provenance is checked against it.
- `claims_checks.yaml`: the checks the report computes itself (OpenRouter's leaderboard, the AI Index arithmetic),
  with our notes; the number and whether it agrees are computed here.

The verdict obeys one rule (tested in tests/test_claims.py): a verdict other than "not verifiable" must rest on
at least one A- or B-graded evidence row that takes a side (agrees yes, partly or no).

Source files (under data/raw): deals/claims_cerebras.csv (rows that ARE the article are never evidence; its claim
C06 "$300B total, up to 10%" is read as our C06, the dollar total, and C08, the stake ceiling), deals/compute_deals.csv,
inference_shift/compute_share.csv and token_volumes.csv, and the cost chapter's curated `headline_rates`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

from analysis import editorial
from analysis.curate import curator
from analysis.data import DataValidationError
from analysis.paths import EDITORIAL_DIR

ACCESSED = "2026-11-26"  # the report's data-as-of date; no source row records an access date
VERDICTS = ("supported", "partly supported", "contradicted", "not verifiable")
AGREES = ("yes", "partly", "no", "unclear")
PROVENANCE = ["source_url", "publisher", "published", "accessed", "grade"]
CLAIMS_TABLE, LINKS_TABLE, CHECKS_TABLE = "claims", "claims_evidence", "claims_checks"

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
    """The article's checkable claims (our words) with verdicts; provenance = the article (grade C).

    Claim texts and verdict reasons are filled from the article's values and from numbers computed on the
    evidence (`reason_fields`), so the ledger's prose carries no typed-in number.
    """
    entries = _records(CLAIMS_TABLE)
    source = article()
    for i, rec in enumerate(entries, start=1):
        for key in PROVENANCE:
            if (rec[key] or "") != source[key]:
                raise _fail(CLAIMS_TABLE, i, key, rec[key], f"a claim's provenance is the article's ({source[key]!r})")
    values = {r["claim_id"]: float(r["value"]) for r in entries if r["value"] is not None}
    fields = reason_fields(build_claim_evidence(sources_dir), values, _weekly(sources_dir), _models(sources_dir))
    rows = []
    for i, rec in enumerate(entries, start=1):
        row = {col: rec[col] for col in CLAIM_COLUMNS} | {k: rec[k] or "" for k in PROVENANCE}
        for col in ("claim", "verdict_reason"):
            row[col] = _fill(rec[col], values, fields, rec["claim_id"], i, col)
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


# ---- parsing source values ------------------------------------------------------------------------------------

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


READERS: dict[str, Callable[[Path, str, str], Read | None]] = {
    "deals/claims_cerebras.csv": _read_cerebras,
    "deals/compute_deals.csv": _read_deals,
    "inference_shift/compute_share.csv": _read_share,
    "inference_shift/token_volumes.csv": _read_tokens,
    "cost_declines/headline_rates.csv": _read_rates,
}


def _raw(sources_dir: Path, relpath: str) -> pd.DataFrame:
    return pd.read_csv(sources_dir / relpath, dtype=str, keep_default_na=False)


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
        got = READERS[file](sources_dir, key, link["reads"])
        if got is None:
            rule = f"no such row in {file} (or it cannot be read as {link['reads']!r})"
            raise _fail(LINKS_TABLE, i, "origin", link["origin"], rule)
        if got["url"] != link["source_url"]:
            rule = f"must be the source row's page ({got['url']!r})"
            raise _fail(LINKS_TABLE, i, "source_url", link["source_url"], rule)
        number = leading_number(got["text"])
        remark = clean_date(got["published"])[1]
        rows.append(
            {
                "claim_id": link["claim_id"],
                "source_value": None if number is None else round(number, 6),
                "source_value_text": got["text"],
                "unit": got["unit"],
                "agrees": link["agrees"],
                "note": "; ".join(p for p in ((link["note"] or "").strip(), remark) if p),
                "origin": link["origin"],
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


CHECKS: dict[str, Callable[[Path, str], Check]] = {
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
                "note": note,
                "origin": spec["origin"],
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
    computed = evidence["origin"].str.startswith("recomputed")
    aligned = evidence["source_url"].map(grades)
    return evidence.assign(grade=evidence["grade"].where(computed | aligned.isna(), aligned))


def _require_all_linked(sources_dir: Path, linked: list[dict]) -> None:
    """Every source row on an article claim must have an editorial link: evidence is never dropped silently."""
    raw = _raw(sources_dir, "deals/claims_cerebras.csv")
    on_claims = raw[raw["claim_id"].str.startswith("C") & (raw["source_url"] != article()["source_url"])]
    needed = {f"deals/claims_cerebras.csv#{key}" for key in on_claims["claim_id"]}
    missing = sorted(needed - {r["origin"] for r in linked})
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
