"""data/raw is checked against its manifest: a missing, altered or unlisted file stops curation."""

from __future__ import annotations

import shutil

import pytest

from analysis import raw
from analysis.curate import curate_all
from analysis.paths import RAW_DIR


def test_committed_raw_files_match_the_manifest():
    assert raw.verify() == len(raw.data_files()) > 40


def test_every_source_folder_has_a_readme():
    folders = sorted({rel.split("/")[0] for rel in raw.data_files()})
    assert folders and all((RAW_DIR / f / "README.md").is_file() for f in folders), folders


@pytest.fixture
def raw_copy(tmp_path):
    target = tmp_path / "raw"
    shutil.copytree(RAW_DIR, target)
    return target


def test_an_altered_file_is_named(raw_copy):
    path = raw_copy / "deals" / "compute_deals.csv"
    path.write_bytes(path.read_bytes().replace(b"OpenAI", b"OpenA1", 1))
    with pytest.raises(raw.RawSourceError, match=r"deals/compute_deals.csv: altered"):
        raw.verify(raw_copy)


def test_a_missing_and_an_unlisted_file_are_named(raw_copy):
    (raw_copy / "deals" / "compute_deals.csv").unlink()
    with pytest.raises(raw.RawSourceError, match="compute_deals.csv: listed in the manifest but missing"):
        raw.verify(raw_copy)
    raw.write_manifest(raw_copy)
    (raw_copy / "deals" / "extra.csv").write_text("a\n1\n")
    with pytest.raises(raw.RawSourceError, match="deals/extra.csv: present but not in the manifest"):
        raw.verify(raw_copy)


def test_curation_stops_before_writing_when_a_raw_file_is_altered(raw_copy, monkeypatch):
    from analysis.curate import DATAPACKAGE

    before = DATAPACKAGE.read_bytes()
    (raw_copy / "deals" / "claims_cerebras.csv").write_text("tampered\n")
    with pytest.raises(raw.RawSourceError, match="claims_cerebras.csv: altered"):
        curate_all(raw_copy)
    assert DATAPACKAGE.read_bytes() == before
