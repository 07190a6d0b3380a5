"""Short notes for the curated deal rows, in this report's own words.

The raw ledgers (deals/compute_deals.csv, deals/claims_cerebras.csv) carry free-text notes written by whoever
compiled them. Facts carry over, sentences do not: each note below restates the fact that matters for the row,
briefly. A raw row with a note but no entry here fails curation (see `note_for`), so a new ledger row cannot slip
through with its source wording.
"""

from __future__ import annotations

import pandas as pd

# compute_deals: key = raw ledger row id.
DEAL_NOTES: dict[str, str] = {
    "CER-01a": "Companies' release gave capacity (to 2028, in tranches) but no price; the WSJ supplied the value.",
    "CER-01b": "Summary of an April Reuters story restating the January terms; the Reuters page itself was not read.",
    "CER-01c": "Same January deal; adds negotiation dates (talks Aug 2025, term sheet Nov 2025) and G42's share.",
    "CER-01d": "Conflict: the article puts the January deal at >$100B, ten times every other version.",
    "CER-02a": "Reuters carried The Information's scoop without verifying it; adds ~$1B for data-centre build-out.",
    "CER-02b": "Links the ~10% stake ceiling to $30B of total spend; repeats the January terms.",
    "CER-02c": "Adds ~$1B towards data-centre construction.",
    "CER-02d": "Conflict: the article's $200B / $300B / $10B are ten times the $20B / $30B / $1B reported elsewhere.",
    "CER-03a": "Second-hand reading of the S-1 (revenue, RPO, 2 GW option, UAE customer share); SEC text not read.",
    "CER-03b": "Cites CNBC and Reuters for RPO, its recognition schedule and 2025 profit.",
    "CER-03c": "Orders the loan and the master agreement differently from other pages (date conflict).",
    "CER-03d": "Adds IPO terms and revenue growth from the filing.",
    "CER-04": "2024 S-1 via CNBC text on a mirror: G42 dominated H1 2024 revenue.",
    "CER-05": "AWS to host Cerebras systems, service from H2 2026.",
    "OAI-MSFT-01": "Part of OpenAI's recapitalisation; the Microsoft filing and blog were not read directly.",
    "OAI-ORCL-01": "OpenAI's July post: 4.5 GW more Stargate capacity with Oracle.",
    "OAI-ORCL-02": "WSJ sources; Oracle's RPO jump fits, but neither company confirmed the value.",
    "OAI-STG-01": "The January 2025 Stargate plan; OAI-STG-02 is its September update.",
    "OAI-STG-02": "September 2025 site update (OpenAI post quoted in wire text on a mirror).",
    "OAI-AWS-01": "Capacity due by end of 2026, with an option to grow from 2027.",
    "OAI-AWS-02": "Also makes AWS a third-party cloud distributor of an OpenAI product.",
    "OAI-CRWV-01": "From a subsequent-events note in CoreWeave's S-1.",
    "OAI-CRWV-02": "Wire text read on a third-party mirror.",
    "OAI-NVDA-01": "Letter of intent, not binding; later reported as never finalised.",
    "OAI-NVDA-02": "Nvidia's CEO said the earlier $100B figure had never been a commitment.",
    "OAI-AMD-01": "Only the first GW is a firm purchase commitment, per summaries of AMD's filing.",
    "OAI-AMD-02": "Summary of AMD's press release.",
    "OAI-AVGO-01": "Conflict: outlets disagree on whether OpenAI is Broadcom's $10B customer.",
    "OAI-GOOG-01": "Reuters exclusive citing unnamed sources.",
    "OAI-TOTAL": "Altman's aggregate (GW and USD) and his capex-per-GW estimate; not a single deal.",
    "ANT-GOOG-01": "More than a GW expected online in 2026.",
    "ANT-GOOG-02": "Capacity attributed to a Broadcom filing; Anthropic itself gave no GW figure.",
    "META-GOOG-01": "The Information reported it first.",
    "META-CRWV-01": "Other pages report a 2026 expansion of this contract.",
    "META-AMD-01": "Warrant structure mirrors OpenAI's AMD deal.",
    "MSFT-NBIS-01": "FT text read as republished.",
    "XAI-NVDA-01": "Reporting by Bloomberg and The Information; the chips are leased.",
}

# deal_events: key = raw claim row id. Rows whose raw note is empty need no entry.
CLAIM_NOTES: dict[str, str] = {
    "C01-a": "The article under examination; unnamed sources.",
    "C01-b": "Same story and sources; a tenth of the article's figure.",
    "C01-c": "Credits The Information as the original reporter.",
    "C01-d": "Reuters could not verify The Information's report; the Reuters page was not read.",
    "C01-e": "Calls it about twice the January deal.",
    "C01-f": "Reads the S-1's master agreement as ~$20B for 750 MW with a 2 GW option.",
    "C01-g": "Coverage after the filing.",
    "C01-h": "A corrected story giving the S-1 value as above ~$20B.",
    "C02-c": "Reports that Cerebras itself announced the warrant.",
    "C02-d": "Ties the warrant to the loan rather than to purchases alone.",
    "C02-e": "Gives the December 2025 loan and a near-zero strike; share count differs from other pages.",
    "C02-f": "Warrant shares given as security for the loan.",
    "C03-b": "Quotes OpenAI on phasing the capacity into its inference stack.",
    "C03-d": "Cerebras described it as its largest fast-inference deployment.",
    "C03-e": "S-1 framing adds an option to expand.",
    "C04-a": "The only source with this figure.",
    "C04-b": "Credits the WSJ with the original figure.",
    "C04-c": "Reuters' April story restated the January value.",
    "C04-g": "Statements as quoted name the capacity, not a price.",
    "C05-e": "Describes the money as a working-capital deposit that earns OpenAI interest.",
    "C05-f": "Reading of the S-1: the loan funds data centres OpenAI will rent.",
    "C06-b": "Stake ceiling agrees with the article; the spend threshold is a tenth of it.",
    "C06-c": "Same threshold and ceiling as C06-b.",
    "C06-e": "Gives the ceiling without a spend threshold.",
    "C07-b": "Ties the disclosure to the IPO filing.",
    "C07-c": "The filing did happen that Friday.",
    "C07-d": "Cites the company release (ticker and lead banks).",
    "C07-e": "Conflict, weak page: a confidential filing days later, against the public filing date elsewhere.",
    "B01-a": "The filing record itself.",
    "B01-b": "Wire text on a third-party site.",
    "B01-c": "Withdrawn shortly after a late-2025 private round.",
    "B01-d": "Priced above a range that had already been raised.",
    "B01-e": "Conflict: a headline gives a larger gain, probably intraday; the IPO proceeds also differ by page.",
    "B02-a": "From the 2024 S-1.",
    "B02-c": "Growth rate consistent across pages.",
    "B02-d": "Conflicts with B02-e on 2025 profit.",
    "B02-e": "Profit includes a one-off gain; pages disagree on GAAP vs non-GAAP (unresolved).",
    "B02-f": "A small share is due in 2026-2027; mostly OpenAI.",
    "B03-a": "G42 also stood behind a separate purchase commitment.",
    "B03-c": "An unverified note splits the share between two UAE customers.",
    "B03-d": "Conflict on who the two customers are; B03-c looks right.",
}

# deal_events `claim`: what each claim family says, in our words (background rows keep their topic label).
CLAIM_TEXT: dict[str, str] = {
    "C01": "Size of OpenAI's April 2026 Cerebras commitment (three years)",
    "C02": "Warrants giving OpenAI a minority stake that grows with spend",
    "C03": "Capacity of the January 2026 agreement",
    "C04": "Dollar value of the January 2026 agreement",
    "C05": "OpenAI money towards Cerebras data-centre construction",
    "C06": "Three-year spend that would bring the stake to its ceiling",
    "C07": "When Cerebras would disclose the deal (IPO filing)",
    "B01": "Background, Cerebras IPO history",
    "B02": "Background, Cerebras revenue and profit",
    "B03": "Background, Cerebras customer concentration",
}


def note_for(notes: dict[str, str], row_id: str, raw_note: object) -> str | None:
    """Our note for a raw row: None when the raw row has none; KeyError when a raw note has no paraphrase."""
    if raw_note is None or pd.isna(raw_note) or not str(raw_note).strip():
        return notes.get(row_id)
    if row_id not in notes:
        raise KeyError(f"no paraphrased note for ledger row {row_id!r}: add one to analysis/curate/deals_notes.py")
    return notes[row_id]


def claim_text(claim_id: str, raw_claim: str) -> str:
    """Our wording of a claim: the family's description, plus the topic of a background row."""
    family = claim_id[:3]
    base = CLAIM_TEXT[family]
    if family.startswith("B") and " - " in str(raw_claim):
        return f"{base}: {str(raw_claim).split(' - ', 1)[1]}"
    return base
