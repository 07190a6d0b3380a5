"""Our notes for the curated deal rows and our wording of the claims, read from data/editorial/.

The raw ledgers (deals/compute_deals.csv, deals/claims_cerebras.csv) carry free-text notes written by whoever
compiled them. Facts carry over, sentences do not: data/editorial/deal_notes.yaml and deal_claim_notes.yaml restate
the fact that matters for each row, briefly, and deal_claim_families.yaml words each claim family. A raw row with a
note but no entry there fails curation (`note_for`), so a new ledger row cannot slip through with its source
wording; an entry for a row the ledger does not have fails too (`check_keys`).
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from analysis.curate.cleaning import editorial_file, editorial_records, require_keys


def _by_key(name: str, key: str, value: str) -> dict[str, str]:
    return {r[key]: r[value] for r in editorial_records(name)}


# Loaded on import and kept under their old names, so code that imported the literal tables keeps working.
# compute_deals: raw ledger row id -> our note.
DEAL_NOTES: dict[str, str] = _by_key("deal_notes", "row_id", "note")
# deal_events: raw claim row id -> our note. Rows whose raw note is empty need no entry.
CLAIM_NOTES: dict[str, str] = _by_key("deal_claim_notes", "claim_id", "note")
# deal_events `claim`: what each claim family says, in our words (background rows keep their topic label).
CLAIM_TEXT: dict[str, str] = _by_key("deal_claim_families", "family", "claim")


def check_keys(name: str, key: str, raw_ids: Iterable[str], ledger: str) -> None:
    """Every row of editorial table `name` must name (by `key`) a row of the raw `ledger`: else it is stale."""
    require_keys(name, editorial_records(name), key, set(raw_ids), ledger)


def note_for(notes: dict[str, str], row_id: str, raw_note: object, table: str = "deal_notes") -> str | None:
    """Our note for a raw row: None when the raw row has none; KeyError when a raw note has no paraphrase."""
    if raw_note is None or pd.isna(raw_note) or not str(raw_note).strip():
        return notes.get(row_id)
    if row_id not in notes:
        raise KeyError(f"no paraphrased note for ledger row {row_id!r}: add one to {editorial_file(table)}")
    return notes[row_id]


def claim_text(claim_id: str, raw_claim: str) -> str:
    """Our wording of a claim: the family's description, plus the topic of a background row."""
    family = claim_id[:3]
    if family not in CLAIM_TEXT:
        raise KeyError(f"claim family {family!r} has no wording: add it to {editorial_file('deal_claim_families')}")
    base = CLAIM_TEXT[family]
    if family.startswith("B") and " - " in str(raw_claim):
        return f"{base}: {str(raw_claim).split(' - ', 1)[1]}"
    return base
