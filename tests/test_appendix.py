"""Appendix content and citations are generated from the package's metadata, never retyped."""

from __future__ import annotations

import yaml

from analysis import appendix, citation, data
from analysis.paths import ROOT


def test_report_citation_carries_version_and_date_from_citation_cff():
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    cite = citation.report_citation()
    for value in (cff["title"], str(cff["version"]), str(cff["date-released"])):
        assert value in cite["text"]
    assert cite["bibtex"].startswith("@techreport{") and f"version = {{{cff['version']}}}" in cite["bibtex"]


def test_item_citation_escapes_bibtex_and_points_at_the_anchor():
    cite = citation.item_citation("fig-x-y", "Prices fell 50% & more", "chapters/p.html#fig-x-y")
    assert r"50\% \& more" in cite["bibtex"]
    assert cite["text"].endswith("chapters/p.html#fig-x-y")
    assert "@misc{fig_x_y," in cite["bibtex"]


def test_dataset_section_counts_rows_and_links_the_csv():
    name = data.dataset_names()[0]
    frame = data.load(name)
    md = appendix.dataset_markdown(name)
    assert f"**Rows:** {len(frame)}" in md
    assert f"_static/data/{data.resource(name)['path']}" in md
    assert list(appendix.fields_table(name)["field"]) == [f.name for f in data.fields_of(data.resource(name))]


def test_published_data_copies_every_csv(tmp_path):
    from analysis.build import publish_data

    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "a.csv").write_text("x\n1\n")
    (tmp_path / "data" / "datapackage.json").write_text("{}")
    (tmp_path / "data" / "notes.txt").write_text("not published")
    publish_data(tmp_path)
    assert sorted(p.name for p in (tmp_path / "_static" / "data").iterdir()) == ["a.csv", "datapackage.json"]
