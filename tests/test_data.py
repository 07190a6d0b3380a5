"""The data layer: every rule of the validator gives a specific error, and no corruption passes silently."""

from __future__ import annotations

import copy
import csv
import io
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis import data
from analysis.data import DataValidationError, validate_file

PROVENANCE = [
    {"name": "source_url", "type": "string", "constraints": {"required": True}},
    {"name": "publisher", "type": "string", "constraints": {"required": True}},
    {"name": "published", "type": "date", "constraints": {"required": True}},
    {"name": "accessed", "type": "date", "constraints": {"required": True}},
    {"name": "grade", "type": "string", "constraints": {"required": True, "enum": ["A", "B", "C"]}},
]
RESOURCE = {
    "name": "toy_prices",
    "path": "toy_prices.csv",
    "schema": {
        "fields": [
            {"name": "model", "type": "string", "constraints": {"required": True}},
            {
                "name": "release_date",
                "type": "date",
                "constraints": {"required": True, "minimum": "2020-01-01"},
            },
            {
                "name": "usd_per_mtok",
                "type": "number",
                "unit": "USD per million tokens",
                "constraints": {"required": True, "exclusiveMinimum": 0},
            },
            {"name": "capacity_mw", "type": "number", "unit": "MW", "constraints": {"minimum": 0}},
            {
                "name": "metric",
                "type": "string",
                "constraints": {"enum": ["tokens_per_week", "tokens_per_month"]},
            },
            {"name": "open_weights", "type": "boolean"},
            *PROVENANCE,
        ],
        "primaryKey": ["model", "release_date"],
    },
}
GOOD_ROWS = [
    [
        "gpt-x",
        "2024-05-13",
        "7.5",
        "",
        "tokens_per_week",
        "false",
        "https://example.org/a",
        "Ex",
        "2024-05-13",
        "2026-11-26",
        "A",
    ],
    [
        "mini-y",
        "2024-07-18",
        "0.26",
        "12.5",
        "tokens_per_month",
        "true",
        "https://example.org/b",
        "Ex",
        "2024-07-18",
        "2026-11-26",
        "B",
    ],
    [
        "mini-y",
        "2025-01-02",
        "0.2",
        "3",
        "",
        "",
        "https://example.org/c",
        "Ex",
        "2025-01-02",
        "2026-11-26",
        "C",
    ],
]
HEADER = [f["name"] for f in RESOURCE["schema"]["fields"]]


def write(tmp_path: Path, header: list[str], rows: list[list[str]]) -> Path:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows([header, *rows])
    path = tmp_path / "toy_prices.csv"
    path.write_text(buf.getvalue(), encoding="utf-8")
    return path


def check(tmp_path: Path, header=HEADER, rows=GOOD_ROWS, res=RESOURCE) -> list[dict]:
    return validate_file(res, write(tmp_path, header, rows), "toy_prices.csv")


def with_cell(row: int, column: str, value: str) -> list[list[str]]:
    rows = copy.deepcopy(GOOD_ROWS)
    rows[row - 1][HEADER.index(column)] = value
    return rows


def test_valid_table_parses_to_typed_values(tmp_path):
    rows = check(tmp_path)
    assert len(rows) == len(GOOD_ROWS)
    assert rows[0]["usd_per_mtok"] == float(GOOD_ROWS[0][2])
    assert rows[1]["open_weights"] is True
    assert rows[0]["capacity_mw"] is None


@pytest.mark.parametrize(
    ("row", "column", "value", "rule"),
    [
        (2, "usd_per_mtok", "abc", "type number"),
        (1, "usd_per_mtok", "-3", "must be > 0"),
        (3, "usd_per_mtok", "0", "must be > 0"),
        (1, "release_date", "2019-12-31", "must be >= 2020-01-01"),
        (2, "release_date", "2104-05-01", "plausible range"),
        (2, "release_date", "13/05/2024", "ISO date"),
        (1, "grade", "D", "must be one of"),
        (2, "source_url", "", "required value is missing"),
        (3, "source_url", "www.example.org/x", "http(s) URL"),
        (1, "metric", "tokens_per_fortnight", "must be one of"),
        (2, "open_weights", "maybe", "boolean"),
        (1, "model", " gpt-x", "whitespace"),
    ],
)
def test_bad_cell_names_file_row_column_value_rule(tmp_path, row, column, value, rule):
    with pytest.raises(DataValidationError) as err:
        check(tmp_path, rows=with_cell(row, column, value))
    e = err.value
    assert (e.file, e.row, e.column, e.value) == ("toy_prices.csv", row, column, value)
    assert rule in e.rule
    for part in ("toy_prices.csv", f"row {row}", column, repr(value), rule):
        assert part in str(e)


def test_missing_and_unknown_columns(tmp_path):
    drop = HEADER.index("publisher")
    with pytest.raises(DataValidationError, match="missing column") as err:
        check(tmp_path, [h for h in HEADER if h != "publisher"], [r[:drop] + r[drop + 1 :] for r in GOOD_ROWS])
    assert err.value.column == "publisher"
    with pytest.raises(DataValidationError, match="unknown column") as err:
        check(tmp_path, [*HEADER, "colour"], [[*r, "red"] for r in GOOD_ROWS])
    assert err.value.column == "colour"


def test_duplicate_primary_key(tmp_path):
    with pytest.raises(DataValidationError, match="duplicate primary key") as err:
        check(tmp_path, rows=[*GOOD_ROWS, GOOD_ROWS[1]])
    assert err.value.row == len(GOOD_ROWS) + 1
    assert "first at row 2" in err.value.rule


def test_empty_file_and_header_only(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    with pytest.raises(DataValidationError, match="empty"):
        validate_file(RESOURCE, path, "empty.csv")
    with pytest.raises(DataValidationError, match="no data rows"):
        check(tmp_path, rows=[])


def test_non_utf8_bytes_name_the_row(tmp_path):
    path = write(tmp_path, HEADER, GOOD_ROWS)
    raw = path.read_bytes().replace(b"mini-y", b"mini-\xff", 1)
    path.write_bytes(raw)
    with pytest.raises(DataValidationError, match="not UTF-8") as err:
        validate_file(RESOURCE, path, "toy_prices.csv")
    assert err.value.row == 2


def test_unit_that_does_not_match_the_field(tmp_path):
    res = copy.deepcopy(RESOURCE)
    res["schema"]["fields"][3]["unit"] = "GW"  # capacity_mw declared in GW
    with pytest.raises(DataValidationError, match="must declare unit 'MW'") as err:
        check(tmp_path, res=res)
    assert (err.value.column, err.value.value) == ("capacity_mw", "GW")


def test_missing_provenance_column_in_schema(tmp_path):
    res = copy.deepcopy(RESOURCE)
    res["schema"]["fields"] = [f for f in res["schema"]["fields"] if f["name"] != "grade"]
    with pytest.raises(DataValidationError, match="provenance"):
        check(tmp_path, header=HEADER[:-1], rows=[r[:-1] for r in GOOD_ROWS], res=res)


def test_ragged_row(tmp_path):
    with pytest.raises(DataValidationError, match="cells") as err:
        check(tmp_path, rows=[*GOOD_ROWS[:2], GOOD_ROWS[2][:-2]])
    assert err.value.row == 3


# --- property-based: random corruptions of real and toy tables never pass -------------------------------------


def invalid_value_for(field: data.Field) -> str | None:
    """A value this field's schema must reject, or None when the field accepts any text."""
    if field.constraints.get("enum"):
        return "__not_in_enum__"
    by_type = {"number": "n/a", "integer": "1.5", "date": "2026-02-30", "boolean": "maybe", "year": "20x6"}
    if field.type in by_type:
        return by_type[field.type]
    if field.name == "source_url":
        return "not a url"
    if field.required:
        return ""
    return None


def corrupt(text: str, res: dict, draw) -> str:
    """Apply one randomly drawn corruption that the schema forbids."""
    rows = list(csv.reader(io.StringIO(text, newline="")))
    header, body = rows[0], rows[1:]
    fields = {f.name: f for f in data.fields_of(res)}
    kind = draw(st.sampled_from(["cell", "drop_column", "add_column", "duplicate_row", "empty", "bad_bytes"]))
    if kind == "empty":
        return ""
    if kind == "bad_bytes":
        return "\udcff"  # encoded below with surrogateescape into a lone 0xFF byte
    if kind == "drop_column":
        col = draw(st.integers(0, len(header) - 1))
        rows = [r[:col] + r[col + 1 :] for r in rows]
    elif kind == "add_column":
        rows = [[*header, "unexpected"], *[[*r, "x"] for r in body]]
    elif kind == "duplicate_row":
        pk = res["schema"].get("primaryKey")
        if not pk:
            return ""
        rows = [header, *body, body[draw(st.integers(0, len(body) - 1))]]
    else:
        candidates = [(i, c) for i, c in enumerate(header) if invalid_value_for(fields[c]) is not None]
        i, col = draw(st.sampled_from(candidates))
        r = draw(st.integers(0, len(body) - 1))
        body[r][i] = invalid_value_for(fields[col])
        rows = [header, *body]
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    return buf.getvalue()


def tables() -> list[tuple[dict, str]]:
    out = [(RESOURCE, io.StringIO())]
    csv.writer(out[0][1], lineterminator="\n").writerows([HEADER, *GOOD_ROWS])
    out = [(RESOURCE, out[0][1].getvalue())]
    if data.DATAPACKAGE.exists():
        for name in data.dataset_names():
            res = data.resource(name)
            out.append((res, (data.DATA_DIR / res["path"]).read_text(encoding="utf-8")))
    return out


@settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(st.data())
def test_no_corruption_passes_silently(tmp_path, draw):
    res, text = draw.draw(st.sampled_from(tables()))
    bad = corrupt(text, res, draw.draw)
    path = tmp_path / "corrupt.csv"
    path.write_bytes(bad.encode("utf-8", errors="surrogateescape"))
    with pytest.raises(DataValidationError):
        validate_file(res, path, "corrupt.csv")


# --- the real package -----------------------------------------------------------------------------------------


def test_datapackage_is_assembled_from_descriptors():
    from analysis.curate import assemble_datapackage

    assert data.DATAPACKAGE.read_text(encoding="utf-8") == assemble_datapackage()


@pytest.mark.parametrize("name", data.dataset_names())
def test_every_dataset_loads_with_schema_dtypes(name):
    frame = data.load(name)
    assert len(frame) > 0
    for field in data.fields_of(data.resource(name)):
        series = frame[field.name]
        if field.type == "date":
            assert pd.api.types.is_datetime64_any_dtype(series), field.name
        elif field.type == "number":
            assert series.dtype == "float64", field.name
    assert set(frame["grade"].dropna()) <= {"A", "B", "C"}


def test_frictionless_agrees_the_package_is_valid():
    from frictionless import Package

    report = Package(str(data.DATAPACKAGE)).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]
