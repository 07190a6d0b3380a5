"""Curated data are reproducible: each curator, rerun on the raw sources, gives the committed CSV byte for byte."""

from __future__ import annotations

import subprocess
import sys

import pytest

from analysis import data
from analysis.curate import load_curators
from analysis.paths import ROOT, SOURCES_DIR


@pytest.mark.parametrize("name", sorted(load_curators()))
def test_committed_csv_is_what_curation_produces(name):
    assert SOURCES_DIR.is_dir(), f"raw sources not found at {SOURCES_DIR}"
    res = data.resource(name)
    columns = [f["name"] for f in res["schema"]["fields"]]
    frame = load_curators()[name](SOURCES_DIR)
    regenerated = frame[columns].to_csv(index=False, lineterminator="\n")
    committed = (data.DATA_DIR / res["path"]).read_text(encoding="utf-8")
    assert regenerated == committed, f"data/{res['path']} is stale: run `make curate`"


def test_every_declared_dataset_has_a_curator():
    assert set(data.dataset_names()) == set(load_curators())


def test_validate_command_prints_one_line_per_dataset():
    out = subprocess.run(
        [sys.executable, "-m", "analysis", "validate"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert [line.split()[0] for line in out] == data.dataset_names()
    for line, name in zip(out, data.dataset_names(), strict=True):
        assert f"{len(data.load(name))} rows" in " ".join(line.split())
