"""The raw sources in `data/raw/`: upstream files exactly as obtained, checked against a manifest of SHA-256 sums.

A raw file that is missing, altered, or present but not listed stops curation with `RawSourceError`, which names
the file and the rule. Adding source material is deliberate: copy the files in, describe them in the source's
README, then `python -m analysis raw manifest` records their sums (and the diff shows what changed).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from analysis.paths import RAW_DIR

MANIFEST_NAME = "MANIFEST.sha256"
# Files that describe the raw data rather than being it: not checksummed, so a README can be corrected freely.
_DESCRIPTIVE = frozenset({"README.md", "NOTES.md", MANIFEST_NAME})


class RawSourceError(RuntimeError):
    """A raw source file breaks the manifest rule. Carries `file` and `rule`."""

    def __init__(self, file: str, rule: str) -> None:
        self.file, self.rule = file, rule
        super().__init__(f"data/raw/{file}: {rule}")


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def data_files(raw_dir: Path = RAW_DIR) -> list[str]:
    """Every raw data file, as a path relative to `raw_dir`, sorted (descriptive files excluded)."""
    files = (p for p in raw_dir.rglob("*") if p.is_file() and p.name not in _DESCRIPTIVE and p.name[0] != ".")
    return sorted(p.relative_to(raw_dir).as_posix() for p in files)


def manifest_text(raw_dir: Path = RAW_DIR) -> str:
    return "".join(f"{_sha256(raw_dir / rel)}  {rel}\n" for rel in data_files(raw_dir))


def write_manifest(raw_dir: Path = RAW_DIR) -> Path:
    """Record the current sums (written to a temporary file, then moved, so no half-written manifest is left)."""
    target = raw_dir / MANIFEST_NAME
    text = manifest_text(raw_dir)
    fd, tmp = tempfile.mkstemp(dir=raw_dir, prefix=".manifest-")
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(text)
    Path(tmp).replace(target)
    return target


def read_manifest(raw_dir: Path = RAW_DIR) -> dict[str, str]:
    path = raw_dir / MANIFEST_NAME
    if not path.is_file():
        raise RawSourceError(MANIFEST_NAME, "the manifest of raw files is missing (python -m analysis raw manifest)")
    sums: dict[str, str] = {}
    for line_no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        digest, sep, rel = line.partition("  ")
        if not sep or len(digest) != 64:
            raise RawSourceError(MANIFEST_NAME, f"line {line_no} is not '<sha256>  <path>': {line!r}")
        sums[rel] = digest
    return sums


def verify(raw_dir: Path = RAW_DIR) -> int:
    """Check every raw file against the manifest; return how many were checked. Raises on the first breach."""
    sums = read_manifest(raw_dir)
    for rel, digest in sums.items():
        path = raw_dir / rel
        if not path.is_file():
            raise RawSourceError(rel, "listed in the manifest but missing")
        actual = _sha256(path)
        if actual != digest:
            raise RawSourceError(rel, f"altered: sha256 {actual[:12]}… differs from the manifest's {digest[:12]}…")
    unlisted = sorted(set(data_files(raw_dir)) - set(sums))
    if unlisted:
        raise RawSourceError(
            unlisted[0], "present but not in the manifest (record it: python -m analysis raw manifest)"
        )
    return len(sums)
