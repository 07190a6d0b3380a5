"""The registry of citable numbers: every number a page states, registered once with its definition.

A number is registered in an editorial table `data/editorial/numbers_<topic>.yaml` (what a person writes: the
permanent id, the page and glue key it is shown under, its unit, a one-line definition, the glue keys of its
interval, the datasets and the function that compute it). Its value is the one the page's notebook glued: read
from the committed outputs, which nbval proves are what today's code produces. So one quantity has one entry,
one definition and one value, and the Numbers appendix, `numbers.json` and the release snapshots all read it.

Rules (each breach raises `NumberRegistryError`, naming the id or key and the rule):
- an id is registered once, and a (page, key) pair belongs to one id;
- every number a page's prose shows (`{glue:text}`, `{glue:}`) is a registered number or a bound of one's interval;
- every registered key is glued by its page, and some page's prose shows it.
"""

from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from analysis.pages import page_title
from analysis.paths import ROOT

TOPICS = {
    "chapters/01_deal_terms": "deals",
    "chapters/02_inference_shift": "shift",
    "chapters/03_cost_declines": "costs",
    "chapters/04_inference_bill": "spend",
    "chapters/appendix_claims": "claims",
}
APPENDIX_PAGE = "chapters/appendix_numbers"
_GLUE_ROLE = re.compile(r"\{glue(?::text|:md|:any)?\}`(?:(?P<doc>[^`:]+\.(?:ipynb|md))::)?(?P<key>[^`:]+)(?::[^`]*)?`")


class NumberRegistryError(ValueError):
    """A registry rule is broken; `subject` is the number id or glue key, `rule` what is wrong."""

    def __init__(self, subject: str, rule: str) -> None:
        self.subject, self.rule = subject, rule
        super().__init__(f"number {subject!r}: {rule}")


@dataclass(frozen=True)
class Entry:
    id: str
    page: str
    key: str
    unit: str
    definition: str
    low_key: str | None
    high_key: str | None
    interval: str | None  # what the interval is, e.g. "90% confidence interval"
    datasets: tuple[str, ...]
    function: str

    @property
    def anchor(self) -> str:
        return f"num-{self.id}"


def slug(text: str) -> str:
    """A glue key or page topic as an id part: lowercase, runs of other characters as '-'."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def default_id(page: str, key: str) -> str:
    """The id a new entry gets: `<topic>-<key>` (ids are permanent once published, whatever the key becomes)."""
    topic = TOPICS.get(page, slug(page.rsplit("/", 1)[-1]))
    key_slug = slug(key)
    return key_slug if key_slug.startswith(topic + "-") else f"{topic}-{key_slug}"


def registry_tables(editorial_dir: Path | None = None) -> list[str]:
    from analysis import editorial

    return [n for n in editorial.names(*([editorial_dir] if editorial_dir else [])) if n.startswith("numbers_")]


def registry(editorial_dir: Path | None = None) -> dict[str, Entry]:
    """Every registered number by id, in table then file order."""
    from analysis import editorial

    entries: dict[str, Entry] = {}
    owner: dict[tuple[str, str], str] = {}
    for table in registry_tables(editorial_dir):
        for row in editorial.records(table, *([editorial_dir] if editorial_dir else [])):
            entry = Entry(
                id=row["id"],
                page=row["page"],
                key=row["key"],
                unit=row["unit"],
                definition=row["definition"],
                low_key=row.get("low_key"),
                high_key=row.get("high_key"),
                interval=row.get("interval"),
                datasets=tuple(d.strip() for d in (row.get("datasets") or "").split(",") if d.strip()),
                function=row["function"],
            )
            if entry.id in entries:
                raise NumberRegistryError(entry.id, f"registered twice (data/editorial/{table}.yaml and earlier)")
            if (entry.page, entry.key) in owner:
                raise NumberRegistryError(
                    entry.id, f"shows the same glue key {entry.key!r} as {owner[entry.page, entry.key]!r}"
                )
            if (entry.low_key is None) != (entry.high_key is None):
                raise NumberRegistryError(entry.id, "an interval needs both low_key and high_key")
            entries[entry.id] = entry
            owner[entry.page, entry.key] = entry.id
    return entries


def _record_value(output: dict[str, Any]) -> Any:
    text = output.get("data", {}).get("application/papermill.record/text/plain")
    if text is None:
        return None
    try:
        return ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return None  # a Markdown object or similar: not a number


def glue_records(page: str, root: Path = ROOT) -> dict[str, int | float]:
    """The numbers (int or float, not bool) a page's notebook glued, from its committed outputs."""
    path = root / f"{page}.ipynb"
    if not path.is_file():
        return {}
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    found: dict[str, int | float] = {}
    for cell in cells:
        for output in cell.get("outputs", []):
            name = output.get("metadata", {}).get("scrapbook", {}).get("name")
            value = _record_value(output) if name else None
            if isinstance(value, int | float) and not isinstance(value, bool):
                found[name] = value
    return found


def shown_keys(root: Path = ROOT) -> set[tuple[str, str]]:
    """(page, key) of every glue role in the prose of every page (Markdown cells and .md files)."""
    shown = set()
    pages = [*sorted((root / "chapters").glob("*.ipynb")), *sorted((root / "chapters").glob("*.md"))]
    pages += sorted(root.glob("*.md"))
    for path in pages:
        if path.suffix == ".ipynb":
            cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
            text = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
        else:
            text = path.read_text(encoding="utf-8")
        page = path.relative_to(root).with_suffix("").as_posix()
        for match in _GLUE_ROLE.finditer(text):
            doc = match["doc"]
            target = (
                (path.parent / doc).resolve().relative_to(root.resolve()).with_suffix("").as_posix() if doc else page
            )
            shown.add((target, match["key"].strip()))
    return shown


@cache
def _values_cached(root: Path, digest: str) -> tuple[dict, ...]:
    return tuple(_collect(root))


def _collect(root: Path) -> list[dict[str, Any]]:
    entries = registry(root / "data" / "editorial")
    records = {page: glue_records(page, root) for page in sorted({e.page for e in entries.values()} | set(TOPICS))}
    covered: set[tuple[str, str]] = set()
    rows = []
    for entry in entries.values():
        glued = records.get(entry.page, {})
        for key in (entry.key, entry.low_key, entry.high_key):
            if key is not None and key not in glued:
                raise NumberRegistryError(entry.id, f"its page {entry.page} glues no number under {key!r}")
            covered.add((entry.page, key))
        rows.append(
            {
                "entry": entry,
                "value": glued[entry.key],
                "low": glued.get(entry.low_key) if entry.low_key else None,
                "high": glued.get(entry.high_key) if entry.high_key else None,
            }
        )
    shown = shown_keys(root)
    for page, key in sorted(shown):
        if key in records.get(page, {}) and (page, key) not in covered:
            raise NumberRegistryError(key, f"shown as a number from {page} but has no registry entry (numbers_*.yaml)")
    for entry in entries.values():
        if (entry.page, entry.key) not in shown:
            raise NumberRegistryError(entry.id, f"registered but no page shows glue key {entry.key!r}")
    return rows


def values(root: Path = ROOT) -> list[dict[str, Any]]:
    """Every registered number with its value and interval, checked against every rule of the registry."""
    from analysis.build import tree_digest

    return list(_values_cached(root, tree_digest(root, ("chapters", "data/editorial", "index.md"))))


def format_value(value: float | int) -> str:
    """A number as the appendix prints it: integers with separators, other values to 3 significant digits."""
    if isinstance(value, int) or float(value).is_integer() and abs(value) < 1e15:
        return f"{int(value):,}"
    magnitude = abs(value)
    if magnitude >= 1000:
        return f"{value:,.0f}"
    return f"{value:.3g}"


def citation(entry: Entry, value: float | int) -> dict[str, str]:
    from analysis.citation import item_citation

    title = f"{entry.definition.rstrip('.')}: {format_value(value)} {entry.unit}"
    return item_citation(entry.id, title, f"{APPENDIX_PAGE}.html#{entry.anchor}", kind="Number")


def manifest(root: Path = ROOT) -> dict[str, Any]:
    """The content of `numbers.json`: the report's version and every number with its metadata and citation."""
    from analysis.citation import DATA_AS_OF, report_meta

    meta = report_meta()
    numbers = []
    for row in values(root):
        e: Entry = row["entry"]
        cite = citation(e, row["value"])
        numbers.append(
            {
                "id": e.id,
                "value": row["value"],
                "low": row["low"],
                "high": row["high"],
                "interval": e.interval,
                "unit": e.unit,
                "definition": e.definition,
                "page": e.page,
                "glue_key": e.key,
                "url_path": f"{APPENDIX_PAGE}.html#{e.anchor}",
                "datasets": list(e.datasets),
                "function": e.function,
                "citation": cite["text"],
                "bibtex": cite["bibtex"],
            }
        )
    return {
        "report": {"title": meta.title, "version": meta.version, "url": meta.url, "data_as_of": DATA_AS_OF},
        "numbers": numbers,
    }


def manifest_json(root: Path = ROOT) -> str:
    return json.dumps(manifest(root), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def appendix_markdown(root: Path = ROOT) -> str:
    """The Numbers appendix: every registered number with its anchor, value, interval, unit, definition, citation."""
    from analysis.citation import cite_block_html

    rows = values(root)
    out = [
        "# Numbers",
        "",
        "Every number the report states, registered once: its permanent id, value, interval where it has one, "
        "unit and definition, the page that states it, and a citation with the report's version and data-as-of "
        "date. A number in the text links here. The same registry is published as "
        '<a href="../_static/figures/numbers.json"><code>numbers.json</code></a>; the [changelog](changelog.md) '
        "lists the numbers that moved between releases. This page is generated from the registry "
        "(`data/editorial/numbers_*.yaml`) and the notebooks' outputs (`python -m analysis numbers`).",
        "",
    ]
    for page in [p for p in TOPICS if any(r["entry"].page == p for r in rows)]:
        out += [f"## {page_title(page, root)}", ""]
        for row in (r for r in rows if r["entry"].page == page):
            e: Entry = row["entry"]
            interval = ""
            if row["low"] is not None:
                interval = f" ({e.interval or 'interval'}: {format_value(row['low'])} to {format_value(row['high'])})"
            link = f"{'../' if not page.startswith('chapters/') else ''}{page.removeprefix('chapters/')}.ipynb"
            out += [
                f"({e.anchor})=",
                f"**{e.id}** · **{format_value(row['value'])}** {e.unit}{interval}. {e.definition} "
                f"[On its page]({link}).",
                "",
                cite_block_html(citation(e, row["value"]), "Cite this number", "number-cite"),
                "",
            ]
    return "\n".join(out).rstrip() + "\n"


def write_outputs(root: Path = ROOT) -> list[str]:
    """Regenerate the Numbers appendix and `_static/figures/numbers.json` (written only when they change)."""
    lines = []
    from analysis.releases import changelog_markdown

    targets = {
        root / f"{APPENDIX_PAGE}.md": appendix_markdown(root),
        root / "chapters" / "changelog.md": changelog_markdown(root),
        root / "_static" / "figures" / "numbers.json": manifest_json(root),
    }
    for path, text in targets.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            staged = path.with_name(path.name + ".new")
            staged.write_text(text, encoding="utf-8")
            staged.replace(path)
            lines.append(f"written {path.relative_to(root)}")
    return lines or ["numbers appendix, changelog and numbers.json unchanged"]
