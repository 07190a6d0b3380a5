"""What a person entered, as data: claims, verdict reasons, priors, overrides and notes in `data/editorial/`.

Each editorial table is a CSV (`<name>.csv`) or a YAML list of mappings (`<name>.yaml`, for long text), declared by
a descriptor `data/editorial/schemas/<name>.json` (a Frictionless table schema, as for the curated datasets). Every
table carries the provenance columns, and an editorial row must name at least its source URL, publisher, access
date and grade: a judgement without a source is not data. (The one exception is a table whose descriptor says
`"authored_by": "report"`: the report's own definitions, such as those of its numbers, which cite no outside
source.) Loading validates every cell with the same rules as the curated datasets (`analysis.data`); any breach
raises `DataValidationError` naming the file, the row (with its line in the file), the field, the value and the
rule. Nothing is coerced or dropped.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.data import PROVENANCE_FIELDS, DataValidationError, frame_from_rows, validate_rows
from analysis.paths import EDITORIAL_DIR

SCHEMAS_DIR = EDITORIAL_DIR / "schemas"
# `published` may be empty (some pages show no date; the row's note says so); the rest may not.
REQUIRED_PROVENANCE = tuple(f for f in PROVENANCE_FIELDS if f != "published")


def names(editorial_dir: Path = EDITORIAL_DIR) -> list[str]:
    """Every declared editorial table, sorted."""
    return sorted(p.stem for p in (editorial_dir / "schemas").glob("*.json"))


def descriptor(name: str, editorial_dir: Path = EDITORIAL_DIR) -> dict[str, Any]:
    path = editorial_dir / "schemas" / f"{name}.json"
    if not path.is_file():
        known = ", ".join(names(editorial_dir)) or "none"
        raise KeyError(f"no editorial table {name!r} (no data/editorial/schemas/{name}.json); known: {known}")
    res = json.loads(path.read_text(encoding="utf-8"))
    res.setdefault("name", name)
    res["descriptor_file"] = f"data/editorial/schemas/{name}.json"  # named in schema errors
    return res


def _data_path(name: str, editorial_dir: Path) -> Path:
    found = [p for p in (editorial_dir / f"{name}.csv", editorial_dir / f"{name}.yaml") if p.is_file()]
    label = f"data/editorial/{name}.csv|.yaml"
    if not found:
        raise DataValidationError(label, None, None, None, "file not found (declared in schemas/ but absent)")
    if len(found) > 1:
        raise DataValidationError(label, None, None, None, "both a CSV and a YAML file: keep one")
    return found[0]


def _cell(value: Any) -> str:
    """A YAML scalar as the text a CSV cell would hold (so one validator checks both formats)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float, str)):
        return str(value)
    if isinstance(value, date):  # YAML reads 2026-04-17 as a date
        return value.isoformat()
    return json.dumps(value)  # a list or mapping: the validator then reports it as a wrong type


def _yaml_records(path: Path, label: str, columns: list[str]) -> tuple[list[str], list[list[str]], list[int]]:
    """Header, rows of cell texts and the line of each entry, from a YAML list of mappings."""
    import yaml

    text = path.read_text(encoding="utf-8")
    # One parse gives both the nodes (their line numbers) and the values; libyaml's parser when PyYAML has it
    # (about ten times faster than the pure-Python one; the same safe constructor builds the values).
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
    try:
        root = loader.get_single_node()
        entries = None if root is None else loader.construct_document(root)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        raise DataValidationError(label, None, None, None, f"not valid YAML{where}: {err}") from None
    finally:
        loader.dispose()
    if not isinstance(entries, list) or root is None:
        raise DataValidationError(label, None, None, None, "must be a YAML list of mappings (one per row)")
    rows, lines = [], []
    for i, (entry, node) in enumerate(zip(entries, root.value, strict=True), start=1):
        if not isinstance(entry, dict):
            raise DataValidationError(
                label, i, None, None, f"entry at line {node.start_mark.line + 1} is not a mapping"
            )
        unknown = sorted(set(entry) - set(columns))
        if unknown:
            raise DataValidationError(label, i, unknown[0], None, "unknown field (not declared in the schema)")
        rows.append([_cell(entry.get(col)) for col in columns])
        lines.append(node.start_mark.line + 1)
    return columns, rows, lines


def _csv_records(path: Path) -> tuple[list[str], list[list[str]], list[int]]:
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    if not rows:
        return [], [], []
    return rows[0], rows[1:], list(range(2, len(rows) + 1))


@cache
def _load(name: str, editorial_dir: Path) -> pd.DataFrame:
    res = descriptor(name, editorial_dir)
    fields = res["schema"]["fields"]
    for f in fields:
        if f["name"] in REQUIRED_PROVENANCE and res.get("authored_by") != "report":
            f.setdefault("constraints", {})["required"] = True
    path = _data_path(name, editorial_dir)
    label = f"data/editorial/{path.name}"
    columns = [f["name"] for f in fields]
    if path.suffix == ".yaml":
        header, rows, lines = _yaml_records(path, label, columns)
    else:
        header, rows, lines = _csv_records(path)
    parsed = validate_rows(res, header, rows, label, lines)
    return frame_from_rows(res, parsed)


def load(name: str, editorial_dir: Path = EDITORIAL_DIR) -> pd.DataFrame:
    """Editorial table `name`, validated, with the schema's dtypes (dates as datetime64). Returns a copy."""
    return _load(name, Path(editorial_dir)).copy()


def records(name: str, editorial_dir: Path = EDITORIAL_DIR) -> list[dict[str, Any]]:
    """The table as plain Python records (missing values as None), in file order: handy for text templates."""
    frame = load(name, editorial_dir).astype(object)
    return [{k: (None if pd.isna(v) else v) for k, v in row.items()} for row in frame.to_dict("records")]
