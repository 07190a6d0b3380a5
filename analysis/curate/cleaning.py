"""Small, tested parsers for the messy cost-decline sources (prices, scores, dates, names, URLs).

Every rule here is a documented curation decision; tests/test_curate_costs.py checks each one.
"""

from __future__ import annotations

import re
from datetime import date

import numpy as np
import pandas as pd

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


# ---- publisher and grade of the page actually read -------------------------------------------------------------

# Pages the compilation cites by their official address but read through a copy (its notes and README say so):
# the copy is the page actually read, so it is the row's source_url (graded as a copy).
READ_VIA = {
    "https://hai.stanford.edu/ai-index/2025-ai-index-report": (
        "https://github.com/shiva9198/module_1_rag/blob/HEAD/data/sample_doc.txt"
    ),
    "https://hai.stanford.edu/ai-index/2026-ai-index-report": (
        "https://github.com/tingwei161803/ai-index-report-2026/blob/"
        "b153da839bec740a68b878e0dc31b500394fd037/docs/data/research.js"
    ),
    "https://epoch.ai/blog/trends-in-gpu-price-performance": (
        "https://github.com/epoch-research/epoch-website/blob/HEAD/_blog/2022-06-27-trends-in-gpu-price-performance.md"
    ),
    # Only a third-party summary of this paper was read; the site was recorded, not the page.
    "https://epoch.ai/blog/trends-in-machine-learning-hardware": "https://longterm-wiki.vercel.app/",
}

# Publisher and policy grade by site (host + path prefix, without 'www.'); the longest matching prefix wins.
# Policy: A = the primary party's own publication (company docs and releases, official reports, Epoch AI's own
# datasets and insights); B = established outlet, research organisation, reputable analyst; C = blog, wiki,
# aggregator, partial mirror or summary of documents, forum, unknown or machine-written site; a verbatim full-text
# copy of a primary report, like wire copy republished word for word, is B. Simon Willison's blog and his
# llm-prices compilation are one blog-like source: C.
SITES: dict[str, tuple[str, str]] = {
    "62dac.conference-program.com": ("Design Automation Conference (DAC 62 programme)", "B"),
    "a16z.com": ("Andreessen Horowitz (a16z)", "B"),
    "aiwiki.ai": ("AI Wiki (aiwiki.ai)", "C"),
    "aiwiki.dev": ("aiwiki.dev (mirror of Anthropic's docs)", "C"),
    "api-docs.deepseek.com": ("DeepSeek", "A"),
    "arxiv.org/abs/2511.23455": ("Gundlach et al. (MIT FutureTech), arXiv preprint", "B"),
    "arxiv.org/html/2405.21015": ("Cottier et al. (Epoch AI), arXiv preprint", "A"),
    "autopilotr.com": ("Autopilotr", "C"),
    "awsdocs-neuron.readthedocs-hosted.com": ("Amazon Web Services (Neuron docs)", "A"),
    "bigbullcloud.com": ("BigBullCloud (blog)", "C"),
    "cerebras.ai": ("Cerebras", "A"),
    "community.openai.com": ("OpenAI Developer Community (forum)", "C"),
    "deptofthomas.micro.blog": ("Dept of Thomas (blog)", "C"),
    "docs.anthropic.com": ("Anthropic", "A"),
    "docs.cloud.google.com": ("Google Cloud", "A"),
    "en.gamegpu.com": ("GameGPU", "C"),
    "epoch.ai": ("Epoch AI", "A"),
    "filterhn.com": ("FilterHN (Hacker News reader)", "C"),
    "github.com/epoch-research": ("Epoch AI", "A"),
    "github.com/hansgundlach": ("Gundlach et al. (MIT FutureTech)", "B"),
    # A verbatim text copy of the official report, like wire copy republished word for word: B, not A.
    "github.com/shiva9198/module_1_rag": ("Stanford HAI, AI Index 2025 (verbatim text copy on GitHub)", "B"),
    "github.com/simonw": ("Simon Willison (llm-prices)", "C"),
    "github.com/tingwei161803/ai-index-report-2026": ("tingwei161803 (unofficial AI Index 2026 summary)", "C"),
    "glennklockwood.com": ("Glenn K. Lockwood (personal notes)", "C"),
    "hai.stanford.edu": ("Stanford HAI (AI Index)", "A"),
    "insidehpc.com": ("insideHPC", "B"),
    "jacar.es": ("Jacar (blog)", "C"),
    "laitimes.com": ("Laitimes (news digest)", "C"),
    "langfa.st": ("langfa.st", "C"),
    "longterm-wiki.vercel.app": ("LongtermWiki", "C"),
    "mattfife.com": ("Matt Fife (blog)", "C"),
    "modelpedia.dev": ("Modelpedia", "C"),
    "openai.com": ("OpenAI", "A"),
    "sambanova.ai": ("SambaNova", "A"),
    "simonwillison.net": ("Simon Willison (blog)", "C"),
    "techgethub.com": ("TechGetHub", "C"),
    "techpowerup.com": ("TechPowerUp", "B"),
    "theindiansubcontinent.com": ("The Indian Subcontinent (news site)", "C"),
    "tomshardware.com": ("Tom's Hardware", "B"),
    "aitechsuite.com": ("AI Tech Suite", "C"),
    "anandtech.com": ("AnandTech", "B"),
    "xmsumi.com": ("Xmsumi (news digest)", "C"),
}


def page_read(url: str) -> str:
    """The URL of the page actually read for a cited `url` (a copy where READ_VIA records one)."""
    return READ_VIA.get(url.rstrip("/"), url)


def site_of(url: str) -> tuple[str, str]:
    """(publisher, policy grade) of the page at `url`, from SITES; KeyError for a site not yet graded."""
    where = re.sub(r"^https?://(www\.)?", "", str(url))
    # A bare host matches itself and its paths; a prefix with a path matches any continuation (versions: 'v2').
    matches = [p for p in SITES if where.startswith(p + "/") or where == p or ("/" in p and where.startswith(p))]
    if not matches:
        raise KeyError(f"no publisher/grade rule for {url!r}: add the site to SITES")
    return SITES[max(matches, key=len)]


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


def paraphrase(text: object, rules: tuple[tuple[str, str], ...]) -> str:
    """Short notes in our words for a source's free-text note: the phrase of every rule whose regex matches.

    Facts carry over, sentences do not: rather than copy a source's note, the curator maps what it says onto
    short phrases of its own (case-insensitive regexes, in rule order, each phrase once).
    """
    s = cell_text(text)
    phrases = [phrase for pattern, phrase in rules if re.search(pattern, s, flags=re.IGNORECASE)]
    return "; ".join(dict.fromkeys(phrases))
