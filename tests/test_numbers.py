"""The registry of numbers: its rules, the appendix and numbers.json, releases and the changelog."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from analysis import numbers, releases
from analysis.paths import ROOT

SCHEMA = json.loads((ROOT / "data/editorial/schemas/numbers_deals.json").read_text())


def _notebook(path: Path, glued: dict[str, object], prose: str) -> None:
    outputs = [
        {
            "output_type": "display_data",
            "data": {"application/papermill.record/text/plain": repr(v)},
            "metadata": {"scrapbook": {"name": k, "mime_prefix": "application/papermill.record/"}},
        }
        for k, v in glued.items()
    ]
    cells = [
        {"cell_type": "code", "source": "glue()", "metadata": {}, "outputs": outputs, "execution_count": 1},
        {"cell_type": "markdown", "source": prose, "metadata": {}},
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))


ENTRY = """- id: deals-mw
  page: chapters/01_deal_terms
  key: mw
  unit: MW
  definition: Capacity of the January agreement
  datasets: compute_deals
  function: analysis.figs.deals.chapter_numbers
- id: deals-rate
  page: chapters/01_deal_terms
  key: rate
  unit: times a year
  definition: Fitted growth
  low_key: rate_lo
  high_key: rate_hi
  interval: 90% confidence interval
  function: analysis.figs.deals.chapter_numbers
"""


@pytest.fixture
def book(tmp_path) -> Path:
    (tmp_path / "data/editorial/schemas").mkdir(parents=True)
    (tmp_path / "data/editorial/schemas/numbers_deals.json").write_text(json.dumps(SCHEMA))
    (tmp_path / "data/editorial/numbers_deals.yaml").write_text(ENTRY)
    glued = {"mw": 750.0, "rate": 7.2, "rate_lo": 3.0, "rate_hi": 17.0, "hidden": 1.5, "label": "text"}
    prose = "We have {glue:text}`mw:.0f` MW growing {glue:text}`rate:.1f` ({glue:text}`rate_lo:.1f`)."
    _notebook(tmp_path / "chapters/01_deal_terms.ipynb", glued, prose)
    return tmp_path


def _editorial_cache_clear():
    from analysis import editorial

    editorial._load.cache_clear()
    numbers._values_cached.cache_clear()


def _values(root: Path) -> list[dict]:
    _editorial_cache_clear()
    return numbers.values(root)


def test_values_come_from_the_glue_records_with_intervals(book):
    rows = {r["entry"].id: r for r in _values(book)}
    assert rows["deals-mw"]["value"] == 750.0 and rows["deals-mw"]["low"] is None
    assert (rows["deals-rate"]["low"], rows["deals-rate"]["high"]) == (3.0, 17.0)


def test_a_shown_number_without_an_entry_is_an_error(book):
    nb = book / "chapters/01_deal_terms.ipynb"
    nb.write_text(nb.read_text().replace("MW growing", "MW and {glue:text}`hidden:.1f` growing"))
    with pytest.raises(numbers.NumberRegistryError, match="'hidden'.*no registry entry"):
        _values(book)


def test_an_entry_no_page_shows_and_a_key_not_glued_are_errors(book):
    yaml_path = book / "data/editorial/numbers_deals.yaml"
    extra = ENTRY.split("- id: deals-rate")[0].replace("deals-mw", "deals-hidden").replace("key: mw", "key: hidden")
    yaml_path.write_text(ENTRY + extra)
    with pytest.raises(numbers.NumberRegistryError, match="deals-hidden.*no page shows"):
        _values(book)
    yaml_path.write_text(ENTRY.replace("key: mw", "key: gone"))
    with pytest.raises(numbers.NumberRegistryError, match="deals-mw.*glues no number under 'gone'"):
        _values(book)


def test_an_id_registered_twice_or_one_key_under_two_ids_is_an_error(book):
    yaml_path = book / "data/editorial/numbers_deals.yaml"
    (book / "data/editorial/schemas/numbers_more.json").write_text(json.dumps(SCHEMA))
    (book / "data/editorial/numbers_more.yaml").write_text(ENTRY.split("- id: deals-rate")[0])
    with pytest.raises(numbers.NumberRegistryError, match="deals-mw.*registered twice"):
        _values(book)
    (book / "data/editorial/numbers_more.yaml").write_text(ENTRY.split("- id: deals-rate")[0].replace("deals-mw", "x"))
    with pytest.raises(numbers.NumberRegistryError, match="'x'.*same glue key 'mw'"):
        _values(book)
    del yaml_path


def test_half_an_interval_is_an_error(book):
    (book / "data/editorial/numbers_deals.yaml").write_text(ENTRY.replace("  high_key: rate_hi\n", ""))
    with pytest.raises(numbers.NumberRegistryError, match="both low_key and high_key"):
        _values(book)


def test_cross_page_references_count_as_shown(book):
    (book / "index.md").write_text("See {glue:text}`chapters/01_deal_terms.ipynb::mw:.0f`.")
    assert ("chapters/01_deal_terms", "mw") in numbers.shown_keys(book)


def test_appendix_anchors_every_number_with_a_citation(book):
    _editorial_cache_clear()
    text = numbers.appendix_markdown(book)
    assert "(num-deals-mw)=" in text and "(num-deals-rate)=" in text
    assert "3 to 17" in text and "Cite this number" in text and "version" in text


def _snapshot(version: str, values: dict[str, float], low: float | None = None, high: float | None = None) -> dict:
    nums = {k: {"value": v, "low": low, "high": high, "unit": "u"} for k, v in values.items()}
    return {"version": version, "date": "2026-01-01", "data_as_of": "2026-01-01", "numbers": nums}


def test_changes_see_moves_new_and_removed_numbers_and_ignore_rounding():
    old = _snapshot("0.1.0", {"a": 10.0, "b": 1.0, "c": 5.0}, low=8.0, high=12.0)
    new = _snapshot("0.2.0", {"a": 13.0, "b": 1.0000001, "d": 2.0})
    found = {c.id: c for c in releases.changes(old, new)}
    assert set(found) == {"a", "c", "d"}
    assert found["a"].kind == "moved" and found["a"].outside_old_interval is True
    assert found["c"].kind == "removed" and found["d"].kind == "new"


def test_a_change_needs_a_release_note_matching_its_id():
    old, new = _snapshot("0.1.0", {"deals-a": 1.0}), _snapshot("0.2.0", {"deals-a": 2.0})
    notes = [{"release": "0.2.0", "ids": "shift-*", "kind": "new data", "reason": "r"}]
    assert [c.id for c in releases.unexplained(old, new, "0.2.0", notes)] == ["deals-a"]
    notes.append({"release": "0.2.0", "ids": "deals-*", "kind": "new data", "reason": "r"})
    assert releases.unexplained(old, new, "0.2.0", notes) == []


def test_versions_must_go_forward(tmp_path):
    (tmp_path / "0.2.0").mkdir()
    (tmp_path / "0.2.0" / "numbers.json").write_text("{}")
    with pytest.raises(releases.ReleaseError, match="must come after the latest release 0.2.0"):
        releases.release("0.1.9", "2026-12-02", root=tmp_path, releases_dir=tmp_path)
    with pytest.raises(releases.ReleaseError, match="MAJOR.MINOR.PATCH"):
        releases.parse_version("1.2")


def test_set_version_writes_every_place_that_states_it(tmp_path):
    for name in ("CITATION.cff", "pyproject.toml", "_config.yml"):
        shutil.copy(ROOT / name, tmp_path / name)
    releases.set_version("9.8.7", "2030-01-02", tmp_path)
    assert 'version: "9.8.7"' in (tmp_path / "CITATION.cff").read_text()
    assert 'date-released: "2030-01-02"' in (tmp_path / "CITATION.cff").read_text()
    assert 'version = "9.8.7"' in (tmp_path / "pyproject.toml").read_text()
    assert 'version: "9.8.7"' in (tmp_path / "_config.yml").read_text()


def test_data_as_of_is_written_where_it_is_stated(tmp_path):
    shutil.copy(ROOT / "_config.yml", tmp_path / "_config.yml")
    releases.set_data_as_of("2031-02-03", tmp_path)
    text = (tmp_path / "_config.yml").read_text()
    assert 'data_as_of: "2031-02-03"' in text and "Data as of 2031-02-03." in text
    from analysis.citation import book_substitutions

    assert book_substitutions(tmp_path / "_config.yml")["data_as_of"] == "2031-02-03"


def test_a_note_explains_only_its_kind_of_change():
    old, new = _snapshot("0.1.0", {"a": 1.0}), _snapshot("0.2.0", {"a": 2.0, "b": 3.0})
    notes = [{"release": "0.2.0", "ids": "*", "kind": "new number", "reason": "first stated"}]
    assert [c.id for c in releases.unexplained(old, new, "0.2.0", notes)] == ["a"]  # a moved: not a new number


def test_every_change_since_the_first_release_has_a_note():
    releases.check_notes()  # raises ReleaseError naming the numbers that changed without a note


def test_generated_pages_are_current():
    # The build regenerates them; a stale committed copy would show other values to a reader of the repository.
    assert (ROOT / "chapters/appendix_numbers.md").read_text() == numbers.appendix_markdown(), (
        "python -m analysis numbers"
    )
    assert (ROOT / "chapters/changelog.md").read_text() == releases.changelog_markdown(), "python -m analysis numbers"
