"""Versioned releases of the report and the changelog of its numbers.

`python -m analysis release VERSION [--date YYYY-MM-DD]` sets the version and date where they are written
(CITATION.cff, pyproject.toml, the book's substitutions and footer in _config.yml) and snapshots the registry of
numbers into `releases/<VERSION>/numbers.json`. The changelog compares consecutive snapshots (and today's values
with the latest one): a number *moved* when it differs by more than `RELATIVE_TOLERANCE`; every moved, new or
removed number needs an entry in `data/editorial/release_notes.yaml` saying why (new data, a method change, a
regrading, ...), for the release that moved it, or for `next` while it is not yet released.

Release 0.1.0 predates the registry: its snapshot was reconstructed from the glue records in the notebooks'
committed outputs at the commit that carried it (`reconstruct`).
"""

from __future__ import annotations

import fnmatch
import json
import re
import subprocess
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from analysis.paths import ROOT

RELEASES_DIR = ROOT / "releases"
NEXT = "next"  # release-note entries for changes not yet released
# Values are rounded to six significant digits (analysis.precision): a smaller relative change is not a move.
RELATIVE_TOLERANCE = 1e-5


class ReleaseError(ValueError):
    """A release rule is broken (a version that goes backwards, a moved number without a note, ...)."""


@dataclass(frozen=True)
class Change:
    id: str
    kind: str  # "moved", "new", "removed"
    old: float | None
    new: float | None
    outside_old_interval: bool | None


def parse_version(text: str) -> tuple[int, int, int]:
    match = re.fullmatch(r"(\d+)\.(\d+)\.(\d+)", text)
    if not match:
        raise ReleaseError(f"version {text!r}: must look like MAJOR.MINOR.PATCH (e.g. 0.2.0)")
    return tuple(int(g) for g in match.groups())  # type: ignore[return-value]


def released(releases_dir: Path = RELEASES_DIR) -> list[str]:
    """Released versions, oldest first."""
    versions = (
        [p.name for p in releases_dir.glob("*") if (p / "numbers.json").is_file()] if releases_dir.is_dir() else []
    )
    return sorted(versions, key=parse_version)


def snapshot_of(version: str, releases_dir: Path = RELEASES_DIR) -> dict[str, Any]:
    return json.loads((releases_dir / version / "numbers.json").read_text(encoding="utf-8"))


def current_snapshot(version: str, released_on: str, root: Path = ROOT) -> dict[str, Any]:
    """Today's registered numbers in snapshot form."""
    from analysis.citation import book_substitutions
    from analysis.numbers import values

    numbers = {
        row["entry"].id: {"value": row["value"], "low": row["low"], "high": row["high"], "unit": row["entry"].unit}
        for row in values(root)
    }
    as_of = str(book_substitutions(root / "_config.yml")["data_as_of"])
    return {"version": version, "date": released_on, "data_as_of": as_of, "numbers": dict(sorted(numbers.items()))}


def _json(data: dict[str, Any]) -> str:
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def changes(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    """What moved, appeared or disappeared between two snapshots, by id."""
    out = []
    for number_id in sorted(set(old["numbers"]) | set(new["numbers"])):
        before, after = old["numbers"].get(number_id), new["numbers"].get(number_id)
        if before is None:
            out.append(Change(number_id, "new", None, after["value"], None))
        elif after is None:
            out.append(Change(number_id, "removed", before["value"], None, None))
        else:
            a, b = float(before["value"]), float(after["value"])
            if abs(b - a) > RELATIVE_TOLERANCE * max(abs(a), abs(b), 1e-300):
                lo, hi = before.get("low"), before.get("high")
                outside = None if lo is None or hi is None else not (min(lo, hi) <= b <= max(lo, hi))
                out.append(Change(number_id, "moved", a, b, outside))
    return out


def notes(root: Path = ROOT) -> list[dict[str, Any]]:
    from analysis import editorial

    return editorial.records("release_notes", root / "data" / "editorial")


def note_for(change: Change, release: str, release_notes: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The first release note of `release` whose id patterns match the changed number and whose kind fits the
    change: "new number" explains only new numbers, "removed number" only removed ones, any other kind a move."""
    fits = {"new": ("new number",), "removed": ("removed number",)}
    for note in release_notes:
        if note["release"] != release:
            continue
        if note["kind"] in ("new number", "removed number") and note["kind"] not in fits.get(change.kind, ()):
            continue
        if change.kind in fits and note["kind"] not in fits[change.kind]:
            continue
        patterns = [p for p in re.split(r"[\s,]+", note["ids"]) if p]
        if any(fnmatch.fnmatchcase(change.id, p) for p in patterns):
            return note
    return None


def unexplained(old: dict[str, Any], new: dict[str, Any], release: str, release_notes: list[dict]) -> list[Change]:
    return [c for c in changes(old, new) if note_for(c, release, release_notes) is None]


def check_notes(root: Path = ROOT, releases_dir: Path = RELEASES_DIR) -> None:
    """Every moved, new or removed number, between releases and since the latest one, has a release note."""
    versions = released(releases_dir)
    release_notes = notes(root)
    pairs = [
        (snapshot_of(a, releases_dir), snapshot_of(b, releases_dir), b)
        for a, b in zip(versions, versions[1:], strict=False)
    ]
    if versions:
        pairs.append((snapshot_of(versions[-1], releases_dir), current_snapshot(NEXT, "", root), NEXT))
    for old, new, release in pairs:
        missing = unexplained(old, new, release, release_notes)
        if missing:
            listed = ", ".join(f"{c.id} ({c.kind})" for c in missing[:12])
            raise ReleaseError(
                f"{len(missing)} number(s) changed for release {release!r} without a release note "
                f"(data/editorial/release_notes.yaml): {listed}"
            )


def _replace_line(path: Path, pattern: str, replacement: str) -> None:
    text = path.read_text(encoding="utf-8")
    new, count = re.subn(pattern, replacement, text, count=1, flags=re.MULTILINE)
    if count != 1:
        raise ReleaseError(f"{path.name}: no line matches {pattern!r}")
    path.write_text(new, encoding="utf-8")


def set_version(version: str, released_on: str, root: Path = ROOT) -> list[str]:
    """Write the version and release date wherever they are stated (each file names them once)."""
    _replace_line(root / "CITATION.cff", r"^version: .*$", f'version: "{version}"')
    _replace_line(root / "CITATION.cff", r"^date-released: .*$", f'date-released: "{released_on}"')
    _replace_line(root / "pyproject.toml", r"^version = .*$", f'version = "{version}"')
    _replace_line(root / "_config.yml", r"^(\s+)version: .*$", rf'\g<1>version: "{version}"')
    _replace_line(root / "_config.yml", r"^(\s+)released: .*$", rf'\g<1>released: "{released_on}"')
    return ["CITATION.cff", "pyproject.toml", "_config.yml"]


def set_data_as_of(as_of: str, root: Path = ROOT) -> None:
    """Write the data-as-of date where it is stated: the book's substitutions (every citation reads it there) and
    the site's footer."""
    date.fromisoformat(as_of)
    _replace_line(root / "_config.yml", r"^(\s+)data_as_of: .*$", rf'\g<1>data_as_of: "{as_of}"')
    _replace_line(root / "_config.yml", r"Data as of \d{4}-\d{2}-\d{2}\.", f"Data as of {as_of}.")


def release(
    version: str,
    released_on: str | None = None,
    root: Path = ROOT,
    releases_dir: Path = RELEASES_DIR,
    data_as_of: str | None = None,
) -> list[str]:
    """Set the version and date (and the data-as-of date, if given), then snapshot the registry into
    releases/<version>/numbers.json."""
    released_on = released_on or date.today().isoformat()
    versions = released(releases_dir)
    if versions and parse_version(version) <= parse_version(versions[-1]):
        raise ReleaseError(f"version {version}: must come after the latest release {versions[-1]}")
    date.fromisoformat(released_on)
    files = set_version(version, released_on, root)
    if data_as_of:
        set_data_as_of(data_as_of, root)
    target = releases_dir / version / "numbers.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(_json(current_snapshot(version, released_on, root)), encoding="utf-8")
    return [f"version {version} ({released_on}) written to {', '.join(files)}", f"snapshot: {target.relative_to(root)}"]


def _at_commit(commit: str, path: str, root: Path) -> str | None:
    shown = subprocess.run(["git", "show", f"{commit}:{path}"], cwd=root, capture_output=True, text=True, check=False)
    return shown.stdout if shown.returncode == 0 else None


def reconstruct(commit: str, root: Path = ROOT, releases_dir: Path = RELEASES_DIR) -> Path:
    """Snapshot a release made before the registry, from what was committed at `commit`: its version and date
    (CITATION.cff), its data-as-of date (analysis/citation.py) and its numbers (the notebooks' glue records).

    Numbers are matched to today's registry by (page, glue key), so each gets the id it has now.
    """
    import yaml

    from analysis.numbers import TOPICS, glue_records, registry

    cff = yaml.safe_load(_at_commit(commit, "CITATION.cff", root) or "{}")
    as_of = re.search(r'^DATA_AS_OF = "([^"]+)"', _at_commit(commit, "analysis/citation.py", root) or "", re.M)
    if not cff.get("version") or not as_of:
        raise ReleaseError(f"commit {commit}: no version in CITATION.cff or no DATA_AS_OF in analysis/citation.py")
    scratch = root / "_build" / "reconstruct" / commit
    records = {}
    for page in TOPICS:
        text = _at_commit(commit, f"{page}.ipynb", root)
        if text is not None:
            (scratch / page).parent.mkdir(parents=True, exist_ok=True)
            (scratch / f"{page}.ipynb").write_text(text, encoding="utf-8")
            records[page] = glue_records(page, scratch)
    numbers = {}
    for entry in registry().values():
        glued = records.get(entry.page, {})
        if entry.key in glued:
            numbers[entry.id] = {
                "value": glued[entry.key],
                "low": glued.get(entry.low_key) if entry.low_key else None,
                "high": glued.get(entry.high_key) if entry.high_key else None,
                "unit": entry.unit,
            }
    snapshot = {
        "version": str(cff["version"]),
        "date": str(cff["date-released"]),
        "data_as_of": as_of.group(1),
        "reconstructed_from_commit": commit,
        "numbers": dict(sorted(numbers.items())),
    }
    target = releases_dir / snapshot["version"] / "numbers.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(_json(snapshot), encoding="utf-8")
    return target


def _fmt(value: float | None) -> str:
    from analysis.numbers import format_value

    return "—" if value is None else format_value(value)


def changelog_markdown(root: Path = ROOT, releases_dir: Path = RELEASES_DIR) -> str:
    """The changelog page: per release, newest first, every number that moved, appeared or disappeared, and why."""
    from html import escape

    from analysis.numbers import registry

    entries = registry()
    versions = released(releases_dir)
    release_notes = notes(root)
    out = [
        "# Changelog",
        "",
        "What changed in each release of the report, number by number. A number *moved* when its value changed; "
        "the table says whether the new value lies outside the old value's interval, and why it changed. Every "
        "number links to its entry in the [Numbers appendix](appendix_numbers.md). Snapshots of every release "
        "are kept in the repository (`releases/<version>/numbers.json`).",
        "",
    ]
    for older, newer in reversed(list(zip(versions, versions[1:], strict=False))):
        old, new = snapshot_of(older, releases_dir), snapshot_of(newer, releases_dir)
        found = changes(old, new)
        counts = {kind: sum(c.kind == kind for c in found) for kind in ("moved", "new", "removed")}
        out += [
            f"## Release {newer} ({new['date']}, data as of {new['data_as_of']})",
            "",
            f"Compared with release {older}: {counts['moved']} numbers moved, {counts['new']} are new and "
            f"{counts['removed']} were removed.",
            "",
        ]
        changed = [c for c in found if c.kind != "new"]
        if changed:
            out += ["| number | definition | old | new | outside the old interval | why |", "|---|---|---|---|---|---|"]
            for c in changed:
                note = note_for(c, newer, release_notes) or {}
                definition = entries[c.id].definition if c.id in entries else "(no longer registered)"
                link = f"{{ref}}`{c.id} <num-{c.id}>`" if c.id in entries else f"`{c.id}`"
                outside = {None: "—", True: "yes", False: "no"}[c.outside_old_interval]
                why = f"{note.get('kind', '?')}: {note.get('reason', '')}".rstrip(": ")
                out.append(
                    f"| {link} | {escape(definition)} | {_fmt(c.old)} | {_fmt(c.new)} | {outside} | {escape(why)} |"
                )
            out.append("")
        new_ones = [c for c in found if c.kind == "new"]
        if new_ones:
            by_reason: dict[str, list[str]] = {}
            for c in new_ones:
                by_reason.setdefault((note_for(c, newer, release_notes) or {}).get("reason", ""), []).append(c.id)
            for reason, ids in by_reason.items():
                links = ", ".join(f"{{ref}}`{i} <num-{i}>`" for i in ids)
                out += [
                    f"**New ({len(ids)}).** {escape(reason)}",
                    "",
                    "<details><summary>List</summary>",
                    "",
                    links,
                    "",
                    "</details>",
                    "",
                ]
    first = versions[0] if versions else None
    if first:
        snap = snapshot_of(first, releases_dir)
        origin = snap.get("reconstructed_from_commit")
        how = f", reconstructed from the notebooks' outputs at commit `{origin[:12]}`" if origin else ""
        out += [
            f"## Release {first} ({snap['date']}, data as of {snap['data_as_of']})",
            "",
            f"The first release: {len(snap['numbers'])} of today's registered numbers were already stated{how}.",
            "",
        ]
    return "\n".join(out).rstrip() + "\n"
