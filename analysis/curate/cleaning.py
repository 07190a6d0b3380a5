"""Small, tested parsers for the messy cost-decline sources (prices, scores, dates, names, URLs).

Every rule here is a documented curation decision; tests/test_curate_costs.py checks each one. What a person
decided about the sources (each site's publisher and grade, pages read through a copy, our phrases for the sources'
notes) is read from data/editorial/; `require_each` makes an editorial row that refers to nothing an error.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date
from functools import cache

import numpy as np
import pandas as pd

from analysis import editorial
from analysis.data import DataValidationError
from analysis.paths import EDITORIAL_DIR

ACCESSED = "2026-11-26"  # the report's "data as of" date, used where a source row records no access date

_NUMBER = re.compile(r"-?\d[\d,]*\.?\d*(?:[eE][-+]?\d+)?")


def cell_text(cell: object) -> str:
    """A raw cell as stripped text; '' for an empty cell (None, NaN or blanks)."""
    if cell is None or (isinstance(cell, float) and np.isnan(cell)):
        return ""
    return str(cell).strip()


def slug(text: str) -> str:
    """Lowercase ASCII slug: runs of anything but letters and digits become one '-'."""
    text = str(text).lower().replace("+", " plus ")  # 'Command R+' must not collide with 'Command R'
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def clean_header(name: str) -> str:
    """Collapse the line breaks and repeated spaces inside spreadsheet header names."""
    return re.sub(r"\s+", " ", str(name)).strip()


def parse_price(cell: object) -> float:
    """A price cell ('$17.50 ', '3.438', '1,415.13', '') as USD; NaN when empty.

    Rule: strip '$', thousands separators and whitespace; a zero price means "not priced / free preview" in the
    Artificial Analysis snapshots (e.g. experimental Gemini models), so 0 becomes NaN, never a real price.
    """
    text = cell_text(cell).replace("$", "").replace(",", "").strip()
    if not text:
        return np.nan
    value = float(text)
    return np.nan if value == 0 else value


def parse_score_pct(cell: object) -> float:
    """A benchmark score as percent 0-100, whatever its spelling in the sheet.

    Rules: '87.10%' -> 87.1 (percent string); a bare number <= 1 is a fraction ('0.714' -> 71.4); a bare
    number in (1, 100] is already percent ('57' -> 57). Values outside 0-100 after conversion raise ValueError.
    """
    text = cell_text(cell)
    if not text:
        return np.nan
    if text.endswith("%"):
        value = float(text[:-1].replace(",", ""))
    else:
        value = float(text)
        if value <= 1:
            value *= 100
    if not 0 <= value <= 100:
        raise ValueError(f"score {cell!r} is not a percentage")
    return round(value, 6)


def parse_index(cell: object) -> float:
    """The Artificial Analysis Intelligence Index (a 0-100 index, not a percentage).

    The sheet shows some values with spreadsheet percent formatting ('6900.00%' for an index of 69): a percent
    string above 100 is divided by 100. Bare numbers are taken as they are ('62.7').
    """
    text = cell_text(cell)
    if not text:
        return np.nan
    if text.endswith("%"):
        value = float(text[:-1])
        if value > 100:
            value /= 100
    else:
        value = float(text)
    if not 0 <= value <= 100:
        raise ValueError(f"index {cell!r} outside 0-100")
    return round(value, 6)


def parse_us_date(cell: object) -> date | None:
    """'8/7/25' or '10/1/2024' (US month/day/year) as a date; None when empty. Two-digit years are 20YY."""
    text = cell_text(cell)
    if not text:
        return None
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})", text)
    if not m:
        raise ValueError(f"not a M/D/Y date: {cell!r}")
    month, day, year = int(m[1]), int(m[2]), int(m[3])
    return date(2000 + year if year < 100 else year, month, day)


def date_precision_from_day(d: date | None) -> str | None:
    """'month' for a first-of-month date (the sheet records month-only release dates as M/1/YY), else 'day'."""
    if d is None:
        return None
    return "month" if d.day == 1 else "day"


def parse_loose_date(text: object) -> tuple[date | None, str]:
    """A free-text date ('2024-05-30 (paid tier GA)', '2025-03', '2025-11 (approx.)', '2025 (API; ...)').

    Returns (date, precision): precision 'day' for YYYY-MM-DD, 'month' for YYYY-MM (date = the 1st),
    'year' for a lone YYYY (date = None: a year alone cannot place a price change), 'unknown' otherwise.
    The first date-like token wins; qualifiers such as '(approx.)' are kept by the caller in a text column.
    """
    s = cell_text(text)
    m = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})\b", s)
    if m:
        return date(int(m[1]), int(m[2]), int(m[3])), "day"
    m = re.match(r"\s*(\d{4})-(\d{2})\b", s)
    if m:
        return date(int(m[1]), int(m[2]), 1), "month"
    m = re.match(r"\s*(\d{4})\b(?![-/])", s)
    if m and not re.search(r"\d{4}\s*/\s*\d{4}", s):
        return None, "year"
    return None, "unknown"


def parse_month_text(text: object) -> date | None:
    """'2022-11' or '2024' period bounds as a date (first of month / first of January); None when empty."""
    s = cell_text(text)
    if not s:
        return None
    m = re.fullmatch(r"(\d{4})-(\d{2})(?:-(\d{2}))?", s)
    if m:
        return date(int(m[1]), int(m[2]), int(m[3] or 1))
    m = re.fullmatch(r"(\d{4})", s)
    if m:
        return date(int(m[1]), 1, 1)
    raise ValueError(f"not a period bound: {text!r}")


def split_urls(text: object) -> tuple[str, str]:
    """(first URL, everything else) from a cell such as 'https://a (data/x.csv); https://b'.

    The schema wants one http(s) URL per row; the remaining URLs and path remarks stay in a detail column.
    """
    s = "" if text is None else str(text).strip()
    urls = re.findall(r"https?://[^\s;,)]+", s)
    if not urls:
        raise ValueError(f"no URL in {text!r}")
    first = urls[0].rstrip(".")
    rest = s.replace(urls[0], "", 1).strip(" ;")
    return first, rest


def parse_money_cell(text: object) -> list[tuple[str, float, str]]:
    """A list-price cell as [(variant, value, currency)].

    '60' -> [('', 60.0, 'USD')]; '1 CNY' -> [('', 1.0, 'CNY')];
    '0.6 (non-thinking) / 3.50 (thinking)' -> [('non-thinking', 0.6, 'USD'), ('thinking', 3.5, 'USD')];
    empty -> [].
    """
    s = cell_text(text)
    if not s:
        return []
    out = []
    for part in s.split("/"):
        num = _NUMBER.search(part)
        if not num:
            raise ValueError(f"no number in price cell {text!r}")
        label = re.search(r"\(([^)]*)\)", part)
        currency = "CNY" if "CNY" in part.upper() else "USD"
        out.append((label[1].strip() if label else "", float(num[0].replace(",", "")), currency))
    return out


def blend_3to1(input_usd: float, output_usd: float) -> float:
    """The 3:1 input:output blended price (Artificial Analysis, Epoch AI, AI Index convention)."""
    return (3 * input_usd + output_usd) / 4


def blend_1to1(input_usd: float, output_usd: float) -> float:
    """The 1:1 average of input and output price (the a16z 'LLMflation' convention)."""
    return (input_usd + output_usd) / 2


def to_iso(d: object) -> str | None:
    """A date-like value as 'YYYY-MM-DD', or None."""
    if d is None or (isinstance(d, float) and np.isnan(d)) or d is pd.NaT:
        return None
    return pd.Timestamp(d).date().isoformat()


def strip_strings(frame: pd.DataFrame) -> pd.DataFrame:
    """Strip surrounding whitespace from every text cell (the schema rejects it; the sources have some)."""
    frame = frame.copy()
    for col in frame.columns:
        if frame[col].dtype == object or pd.api.types.is_string_dtype(frame[col]):
            frame[col] = frame[col].map(lambda v: v.strip() if isinstance(v, str) else v)
    return frame


# ---- editorial tables: what a person entered, checked against what it refers to ------------------------------


def editorial_file(name: str) -> str:
    """Editorial table `name` as errors name it, e.g. 'data/editorial/sites.csv'."""
    found = [p for p in (EDITORIAL_DIR / f"{name}.csv", EDITORIAL_DIR / f"{name}.yaml") if p.is_file()]
    return f"data/editorial/{found[0].name}" if found else f"data/editorial/{name}"


@cache
def editorial_records(name: str) -> tuple[dict, ...]:
    """Editorial table `name` as records, read once per process (rule tables are consulted once per curated row)."""
    return tuple(editorial.records(name))


def _entry_line(name: str, row: int) -> int:
    """The file line where row `row` (1 = first) of editorial table `name` starts, for error messages."""
    path = EDITORIAL_DIR / editorial_file(name).removeprefix("data/editorial/")
    if path.suffix == ".csv":
        return row + 1
    import yaml

    return yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader).value[row - 1].start_mark.line + 1


def require_each(name: str, records: Iterable[dict], column: str, ok: Callable[[dict], bool], rule: str) -> None:
    """Fail on the first editorial row for which `ok` is false, naming the file, row, key and `rule`.

    An editorial row that refers to nothing (a note for a ledger row that is gone, a rule that matches no row) is
    stale: an error, never silently ignored.
    """
    for i, rec in enumerate(records, start=1):
        if not ok(rec):
            raise DataValidationError(editorial_file(name), i, column, rec[column], rule, _entry_line(name, i))


def require_keys(name: str, records: Iterable[dict], column: str, known: set[str], where: str) -> None:
    """Every editorial row's `column` must name a row of `where` (whose keys are `known`)."""
    require_each(name, records, column, lambda r: r[column] in known, f"names a row that {where} does not have")


# ---- publisher and grade of the page actually read -------------------------------------------------------------


@cache
def read_via() -> dict[str, str]:
    """Cited address -> the copy actually read (data/editorial/page_copies.csv): the copy is the row's source_url."""
    return {r["cited_url"]: r["source_url"] for r in editorial_records("page_copies")}


@cache
def sites() -> dict[str, tuple[str, str]]:
    """Site (host + path prefix, without 'www.') -> (publisher, policy grade), from data/editorial/sites.csv.

    The policy (A primary party, B established outlet or research organisation, C blog, wiki, aggregator, mirror,
    summary, forum or unknown site) is stated in that table's descriptor.
    """
    return {r["site"]: (r["publisher"], r["grade"]) for r in editorial_records("sites")}


def page_read(url: str) -> str:
    """The URL of the page actually read for a cited `url` (a copy where `read_via()` records one)."""
    return read_via().get(url.rstrip("/"), url)


def site_of(url: str) -> tuple[str, str]:
    """(publisher, policy grade) of the page at `url`, from `sites()`; KeyError for a site not yet graded."""
    where = re.sub(r"^https?://(www\.)?", "", str(url))
    known = sites()
    # A bare host matches itself and its paths; a prefix with a path matches any continuation (versions: 'v2').
    matches = [p for p in known if where.startswith(p + "/") or where == p or ("/" in p and where.startswith(p))]
    if not matches:
        raise KeyError(f"no publisher/grade rule for {url!r}: add the site to data/editorial/sites.csv")
    return known[max(matches, key=len)]


def weakest_grade(*grades: str) -> str:
    """The weakest of A/B/C grades (a row is only as strong as its weakest input)."""
    return max(str(g).strip() for g in grades)


def graded_source(url: str, compiled_grade: str) -> tuple[str, str, str, str]:
    """(source_url, publisher, grade, grade_note) of a row the compilation cites at `url` with `compiled_grade`.

    The grade is the site's policy grade, lowered to the compilation's grade where it judged the row weaker (a
    figure not visible on the page, a split inferred from a blend); `grade_note` says when that happened.
    """
    read = page_read(url)
    publisher, policy = site_of(read)
    grade = weakest_grade(policy, compiled_grade)
    note = "" if grade == policy else f"below the publisher's usual {policy}: the figure is not fully confirmed there"
    return read, publisher, grade, note


def note_rules(dataset: str, notes: Iterable[object] | None = None) -> tuple[tuple[str, str], ...]:
    """(pattern, phrase) rules for `dataset`'s notes, in file order (data/editorial/note_phrases.yaml).

    Given the source's raw `notes`, every rule must match one of them: a rule that matches none is stale, and fails.
    """
    records = editorial_records("note_phrases")
    if notes is not None:
        texts = [cell_text(n) for n in notes]
        require_each(
            "note_phrases",
            records,
            "pattern",
            lambda r: r["dataset"] != dataset or any(re.search(r["pattern"], t, flags=re.IGNORECASE) for t in texts),
            f"matches no note of the {dataset} source",
        )
    return tuple((r["pattern"], r["phrase"]) for r in records if r["dataset"] == dataset)


def paraphrase(text: object, rules: tuple[tuple[str, str], ...]) -> str:
    """Short notes in our words for a source's free-text note: the phrase of every rule whose regex matches.

    Facts carry over, sentences do not: rather than copy a source's note, the curator maps what it says onto
    short phrases of its own (case-insensitive regexes, in rule order, each phrase once).
    """
    s = cell_text(text)
    phrases = [phrase for pattern, phrase in rules if re.search(pattern, s, flags=re.IGNORECASE)]
    return "; ".join(dict.fromkeys(phrases))
