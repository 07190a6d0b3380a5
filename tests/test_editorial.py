"""Editorial tables (data/editorial): validated like curated data; errors name file, row, line, field and rule."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from analysis import editorial
from analysis.data import DataValidationError
from analysis.paths import ROOT

SCHEMA = {
    "schema": {
        "fields": [
            {"name": "key", "type": "string", "constraints": {"required": True, "unique": True}},
            {"name": "value", "type": "number"},
            {"name": "source_url", "type": "string"},
            {"name": "publisher", "type": "string"},
            {"name": "published", "type": "date"},
            {"name": "accessed", "type": "date"},
            {"name": "grade", "type": "string"},
        ],
        "primaryKey": "key",
    }
}
GOOD_ROW = "a,1.5,https://example.org/x,Example,2026-01-02,2026-11-26,B"


def _table(tmp_path: Path, text: str, suffix: str = ".csv") -> Path:
    (tmp_path / "schemas").mkdir(exist_ok=True)
    (tmp_path / "schemas" / "t.json").write_text(json.dumps(SCHEMA))
    (tmp_path / f"t{suffix}").write_text(text)
    editorial._load.cache_clear()
    return tmp_path


def _error(tmp_path: Path) -> DataValidationError:
    with pytest.raises(DataValidationError) as info:
        editorial.load("t", tmp_path)
    return info.value


def test_every_declared_table_loads_and_names_its_sources():
    assert editorial.names(), "no editorial tables declared"
    for name in editorial.names():
        frame = editorial.load(name)
        assert len(frame) > 0
        if editorial.descriptor(name).get("authored_by") == "report":
            continue  # the report's own definitions (numbers, release notes) cite no outside source
        for col in editorial.REQUIRED_PROVENANCE:
            assert frame[col].notna().all(), (name, col)


def test_csv_row_without_grade_names_file_row_line_and_field(tmp_path):
    header = "key,value,source_url,publisher,published,accessed,grade\n"
    err = _error(_table(tmp_path, header + GOOD_ROW + "\nb,2,https://example.org/y,Example,,2026-11-26,\n"))
    assert (err.file, err.row, err.column, err.rule) == (
        "data/editorial/t.csv",
        2,
        "grade",
        "required value is missing",
    )
    assert "line 3" in str(err)


def test_yaml_entry_without_source_names_its_line(tmp_path):
    text = "- key: a\n  value: 1\n  publisher: P\n  accessed: 2026-11-26\n  grade: A\n"
    err = _error(_table(tmp_path, text, ".yaml"))
    assert (err.row, err.column, err.rule) == (1, "source_url", "required value is missing")
    assert "line 1" in str(err)


def test_yaml_unknown_field_and_malformed_yaml_are_errors(tmp_path):
    text = "- key: a\n  vaule: 1\n  source_url: https://example.org/x\n  publisher: P\n"
    text += "  accessed: 2026-11-26\n  grade: A\n"
    assert _error(_table(tmp_path, text, ".yaml")).column == "vaule"
    err = _error(_table(tmp_path, "- key: [a\n", ".yaml"))
    assert "not valid YAML" in err.rule


def test_yaml_wrong_type_and_bad_grade_are_errors(tmp_path):
    base = "- key: a\n  source_url: https://example.org/x\n  publisher: P\n  accessed: 2026-11-26\n"
    err = _error(_table(tmp_path, base + "  value: lots\n  grade: A\n", ".yaml"))
    assert (err.column, err.value) == ("value", "lots")
    err = _error(_table(tmp_path, base + "  value: 1\n  grade: D\n", ".yaml"))
    assert (err.column, err.value) == ("grade", "D")


def test_duplicate_key_and_two_formats_are_errors(tmp_path):
    header = "key,value,source_url,publisher,published,accessed,grade\n"
    err = _error(_table(tmp_path, header + GOOD_ROW + "\n" + GOOD_ROW + "\n"))
    assert "duplicate primary key" in err.rule and "line 3" in str(err)
    (tmp_path / "t.yaml").write_text("[]\n")
    assert "keep one" in _error(tmp_path).rule


def test_editorial_tables_are_copied_not_shared_between_callers():
    name = editorial.names()[0]
    frame = editorial.load(name)
    frame.iloc[0, 0] = "changed"
    assert editorial.load(name).iloc[0, 0] != "changed"


def _literal_tables(path: Path, max_lines: int) -> list[str]:
    """Container literals (and non-docstring string literals) spanning more than `max_lines` lines."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    found = []
    for node in ast.walk(tree):
        is_text = isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
        if isinstance(node, (ast.Dict, ast.List, ast.Tuple, ast.Set)) or is_text:
            span = node.end_lineno - node.lineno + 1
            if span > max_lines:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno} ({span} lines)")
    return found


def test_no_module_holds_a_literal_data_table_over_25_lines():
    found = [hit for path in sorted((ROOT / "analysis").rglob("*.py")) for hit in _literal_tables(path, 25)]
    assert not found, "move these tables into data/editorial/: " + ", ".join(found)


def test_nothing_reads_outside_the_repository():
    needle = "../" + "shared"  # split so this file does not match itself
    hits = [
        str(p.relative_to(ROOT))
        for tree in ("analysis", "tests", "chapters", ".ci")
        for p in sorted((ROOT / tree).rglob("*"))
        if p.is_file() and p.suffix in (".py", ".ipynb", ".md", ".cfg", "") and needle in p.read_text(errors="ignore")
    ]
    hits += [f for f in ("Makefile", "README.md", "_config.yml") if needle in (ROOT / f).read_text()]
    assert not hits, hits
