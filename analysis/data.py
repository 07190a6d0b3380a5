"""Load and validate the report's datasets.

Every dataset is a CSV in `data/` declared in `data/datapackage.json` (a Frictionless Data Package, assembled from
one descriptor per dataset in `data/resources/<name>.json`). The schema is the single source of truth: `load`
derives dtypes from it, and `validate_table` checks every cell against it.

Any breach raises `DataValidationError`, whose message names the file, the row (1 = first data row; the CSV line
is row + 1), the column, the offending value and the rule. Nothing is coerced or dropped silently.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.paths import DATA_DIR, DATAPACKAGE

PROVENANCE_FIELDS = ("source_url", "publisher", "published", "accessed", "grade")
GRADES = ("A", "B", "C")
URL_RE = re.compile(r"^https?://[^\s/$.?#][^\s]*\.[^\s]*$")
# Dates outside this window are typos (a 1025 for 2025), whatever the schema says.
PLAUSIBLE_DATES = (date(1950, 1, 1), date(2040, 12, 31))
# A field whose name ends so must declare this unit: catches a schema (or a long table) that mixes units up.
UNIT_BY_SUFFIX = {
    "_usd_bn": "USD billion",
    "_usd_per_hour": "USD per hour",
    "_usd_per_mw_year": "USD per MW-year",
    "usd_per_mtok": "USD per million tokens",
    "_usd": "USD",
    "_mw": "MW",
    "_gw": "GW",
    "_pct": "percent",
    "_share": "fraction",
    "_tokens": "tokens",
    "_years": "years",
    "_watts": "W",
}
TRUE_VALUES, FALSE_VALUES = ("true", "True", "TRUE", "1"), ("false", "False", "FALSE", "0")


class DataValidationError(ValueError):
    """A dataset breaks its schema. Carries `file`, `row`, `column`, `value`, `rule` for programmatic use."""

    def __init__(
        self, file: str, row: int | None, column: str | None, value: Any, rule: str, line: int | None = None
    ) -> None:
        self.file, self.row, self.column, self.value, self.rule = file, row, column, value, rule
        where = [file]
        if row is not None:
            where.append(f"row {row} (line {line if line is not None else row + 1})")
        if column is not None:
            where.append(f"column {column!r}")
        if value is not None:
            where.append(f"value {value!r}")
        super().__init__(", ".join(where) + f": {rule}")


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    unit: str | None
    constraints: dict[str, Any]

    @property
    def required(self) -> bool:
        return bool(self.constraints.get("required", False))


@cache
def datapackage() -> dict[str, Any]:
    """The parsed `data/datapackage.json`."""
    return json.loads(DATAPACKAGE.read_text(encoding="utf-8"))


def resource(name: str) -> dict[str, Any]:
    """The descriptor of dataset `name`; KeyError lists the known names."""
    for res in datapackage()["resources"]:
        if res["name"] == name:
            return res
    known = ", ".join(r["name"] for r in datapackage()["resources"])
    raise KeyError(f"unknown dataset {name!r}; datapackage.json declares: {known}")


def dataset_names() -> list[str]:
    return [r["name"] for r in datapackage()["resources"]]


def fields_of(res: dict[str, Any]) -> list[Field]:
    return [
        Field(f["name"], f.get("type", "string"), f.get("unit"), f.get("constraints", {}))
        for f in res["schema"]["fields"]
    ]


def _parse(value: str, field: Field) -> Any:
    """Parse one non-empty cell to its Python value, or raise ValueError naming the expected type."""
    kind = field.type
    if kind == "string":
        return value
    if kind == "number":
        out = float(value)
        if out != out or out in (float("inf"), float("-inf")):
            raise ValueError("a finite number")
        return out
    if kind == "integer":
        if not re.fullmatch(r"-?\d+", value):
            raise ValueError("an integer")
        return int(value)
    if kind == "boolean":
        if value in TRUE_VALUES:
            return True
        if value in FALSE_VALUES:
            return False
        raise ValueError("a boolean (true/false)")
    if kind == "date":
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise ValueError("an ISO date YYYY-MM-DD")
        return date.fromisoformat(value)
    if kind == "year":
        if not re.fullmatch(r"\d{4}", value):
            raise ValueError("a four-digit year")
        return int(value)
    raise ValueError(f"a supported type (schema says {kind!r})")


def _check_constraints(parsed: Any, raw: str, field: Field) -> str | None:
    """The rule a parsed value breaks, or None."""
    c = field.constraints
    bound = (lambda v: date.fromisoformat(v)) if field.type == "date" else (lambda v: v)
    if "enum" in c and raw not in [str(v) for v in c["enum"]]:
        return f"must be one of {c['enum']}"
    if "minimum" in c and parsed < bound(c["minimum"]):
        return f"must be >= {c['minimum']}"
    if "exclusiveMinimum" in c and parsed <= bound(c["exclusiveMinimum"]):
        return f"must be > {c['exclusiveMinimum']}"
    if "maximum" in c and parsed > bound(c["maximum"]):
        return f"must be <= {c['maximum']}"
    if "pattern" in c and not re.fullmatch(c["pattern"], raw):
        return f"must match the pattern {c['pattern']}"
    if field.type == "date" and not PLAUSIBLE_DATES[0] <= parsed <= PLAUSIBLE_DATES[1]:
        return f"date outside the plausible range {PLAUSIBLE_DATES[0]}..{PLAUSIBLE_DATES[1]}"
    if field.name == "source_url" and not URL_RE.match(raw):
        return "must be an http(s) URL"
    if field.name == "grade" and raw not in GRADES:
        return f"grade must be one of {list(GRADES)}"
    return None


def check_schema(res: dict[str, Any]) -> None:
    """Schema-level rules: provenance columns present, units consistent with field names."""
    file = res.get("descriptor_file", f"data/resources/{res['name']}.json")
    fields = fields_of(res)
    names = [f.name for f in fields]
    # The report's own definitions (e.g. of its numbers) have no outside source; everything else must name one.
    for needed in PROVENANCE_FIELDS if res.get("authored_by") != "report" else ():
        if needed not in names:
            raise DataValidationError(file, None, needed, None, "every dataset must carry this provenance column")
    for f in fields:
        for suffix, unit in UNIT_BY_SUFFIX.items():
            if f.name.endswith(suffix):
                if f.unit != unit:
                    raise DataValidationError(
                        file, None, f.name, f.unit, f"a field named '*{suffix}' must declare unit {unit!r}"
                    )
                break


def _read_text(path: Path, label: str) -> str:
    if not path.exists():
        raise DataValidationError(label, None, None, None, "file not found")
    raw = path.read_bytes()
    if not raw.strip():
        raise DataValidationError(label, None, None, None, "file is empty (a header row and data are required)")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise DataValidationError(
            label, line - 1, None, raw[err.start : err.start + 4], f"not UTF-8 (byte {err.start})"
        ) from None


def validate_table(name: str, path: Path | None = None) -> list[dict[str, Any]]:
    """Check dataset `name` (at `path`, default its declared file) cell by cell; return parsed rows."""
    res = resource(name)
    default = DATA_DIR / res["path"]
    path = path or default
    return validate_file(res, path, f"data/{res['path']}" if path == default else str(path))


def validate_file(res: dict[str, Any], path: Path, label: str) -> list[dict[str, Any]]:
    """Check the CSV at `path` against the resource descriptor `res`; `label` names the file in errors."""
    rows = list(csv.reader(io.StringIO(_read_text(path, label), newline="")))
    return validate_rows(res, rows[0], rows[1:], label)


def validate_rows(
    res: dict[str, Any], header: list[str], body: list[list[str]], label: str, lines: list[int] | None = None
) -> list[dict[str, Any]]:
    """Check rows of cell texts against `res`; `lines[i]` is the file line of row i+1 (default: CSV lines)."""
    check_schema(res)
    lines = lines or list(range(2, len(body) + 2))
    fields = fields_of(res)
    declared = [f.name for f in fields]
    for col in header:
        if col not in declared:
            raise DataValidationError(label, None, col, None, "unknown column (not declared in the schema)")
    for col in declared:
        if col not in header:
            raise DataValidationError(label, None, col, None, "missing column declared in the schema")
    if len(set(header)) != len(header):
        raise DataValidationError(label, None, None, None, "duplicate column names in the header")
    if not body:
        raise DataValidationError(label, None, None, None, "no data rows")
    by_name = {f.name: f for f in fields}
    parsed_rows: list[dict[str, Any]] = []
    for i, (cells, line) in enumerate(zip(body, lines, strict=True), start=1):
        if len(cells) != len(header):
            raise DataValidationError(
                label, i, None, None, f"has {len(cells)} cells, the header has {len(header)}", line
            )
        parsed: dict[str, Any] = {}
        for col, raw in zip(header, cells, strict=True):
            field = by_name[col]
            if raw == "":
                if field.required:
                    raise DataValidationError(label, i, col, raw, "required value is missing", line)
                parsed[col] = None
                continue
            if raw != raw.strip():
                raise DataValidationError(label, i, col, raw, "leading or trailing whitespace", line)
            try:
                value = _parse(raw, field)
            except ValueError as err:
                expected = str(err) if str(err).startswith("a") else f"a {field.type}"
                raise DataValidationError(label, i, col, raw, f"type {field.type}: expected {expected}", line) from None
            broken = _check_constraints(value, raw, field)
            if broken:
                raise DataValidationError(label, i, col, raw, broken, line)
            parsed[col] = value
        parsed_rows.append(parsed)
    _check_keys(res, label, parsed_rows, lines)
    return parsed_rows


def _check_keys(res: dict[str, Any], label: str, rows: list[dict[str, Any]], lines: list[int]) -> None:
    key = res["schema"].get("primaryKey")
    if not key:
        return
    key = [key] if isinstance(key, str) else key
    seen: dict[tuple, int] = {}
    for i, row in enumerate(rows, start=1):
        value = tuple(row[k] for k in key)
        if value in seen:
            raise DataValidationError(
                label,
                i,
                ",".join(key),
                "|".join(map(str, value)),
                f"duplicate primary key (first at row {seen[value]})",
                lines[i - 1],
            )
        seen[value] = i
    for f in fields_of(res):
        if f.constraints.get("unique"):
            values = [r[f.name] for r in rows if r[f.name] is not None]
            if len(values) != len(set(values)):
                dup = next(v for v in values if values.count(v) > 1)
                raise DataValidationError(label, None, f.name, dup, "values must be unique")


_DTYPES = {"string": "string", "number": "float64", "integer": "Int64", "boolean": "boolean", "year": "Int64"}


def load(name: str) -> pd.DataFrame:
    """Dataset `name` as a DataFrame with the schema's dtypes (dates as datetime64), validated first."""
    return frame_from_rows(resource(name), validate_table(name))


def frame_from_rows(res: dict[str, Any], rows: list[dict[str, Any]]) -> pd.DataFrame:
    """Validated rows as a DataFrame with the schema's dtypes (dates as datetime64)."""
    frame = pd.DataFrame.from_records(rows, columns=[f.name for f in fields_of(res)])
    for f in fields_of(res):
        if f.type == "date":
            frame[f.name] = pd.to_datetime(frame[f.name])
        else:
            frame[f.name] = frame[f.name].astype(_DTYPES[f.type])
    return frame


def validate_package() -> list[str]:
    """Validate every dataset; one summary line each: rows, distinct sources, rows per grade."""
    lines = []
    for name in dataset_names():
        frame = load(name)
        grades = frame["grade"].value_counts().reindex(list(GRADES), fill_value=0)
        grade_text = " ".join(f"{g}={int(n)}" for g, n in grades.items())
        lines.append(
            f"{name:<26} {len(frame):>6} rows  {frame['source_url'].nunique():>3} sources  grades {grade_text}"
        )
    return lines
