"""The verdict rule of the claims ledger (`analysis.claims.judge`), on constructed evidence.

Each case builds the evidence rows of one claim; the rule is stated in analysis/claims.py, on the ledger page and
in the methods appendix.
"""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import claims as checks

DEFAULTS = ("statement", None, None)  # kind, source_value, page


def rows(*specs: tuple) -> pd.DataFrame:
    """Evidence rows from (line, agrees, grade[, kind[, source_value[, page]]]) tuples; each row its own page
    unless a page is given."""
    out = []
    for i, spec in enumerate(specs, start=1):
        line, agrees, grade, *rest = spec
        kind, value, page = [*rest, *DEFAULTS[len(rest) :]]
        out.append(
            {
                "evidence_id": f"X-{i:02d}",
                "claim_id": "X",
                "line": line,
                "agrees": agrees,
                "grade": grade,
                "kind": kind,
                "source_value": value,
                "source_url": page or f"https://example.org/{i}",
            }
        )
    columns = ["evidence_id", "claim_id", "line", "agrees", "grade", "kind", "source_value", "source_url"]
    return pd.DataFrame(out, columns=columns)


def verdict(*specs: tuple, claim_type: str = "fact") -> tuple[str, str]:
    j = checks.judge(rows(*specs), claim_type)
    return j.verdict, j.strength


def test_no_side_taken_is_not_verifiable_and_nothing_else_is():
    assert verdict() == ("not verifiable", "none")
    assert verdict(("wire", "unclear", "A"), ("blog", "unclear", "C")) == ("not verifiable", "none")
    # One weak page that takes a side is evidence: the claim is judged, weakly.
    assert verdict(("blog", "no", "C")) == ("contradicted", "weak")


def test_many_pages_relaying_one_story_are_one_line():
    seven_copies = [("Reuters story", "no", "C") for _ in range(7)]
    j = checks.judge(rows(*seven_copies))
    assert (j.verdict, j.strength) == ("contradicted", "weak")
    assert len(j.lines_against) == 1 and j.lines_against[0].n_pages == 7
    # Two independent origins, even both weak, are more than one.
    assert verdict(*seven_copies, ("filing summary", "no", "C")) == ("contradicted", "moderate")


def test_pages_count_once_per_line_even_when_two_files_record_them():
    page = "https://example.org/p"
    same_page = rows(("wire", "no", "C", "statement", 20.0, page), ("wire", "no", "C", "statement", 20.0, page))
    assert checks.judge(same_page).lines_against[0].n_pages == 1


def test_a_primary_line_alone_is_strong_a_reputable_one_moderate():
    assert verdict(("company release", "yes", "A")) == ("supported", "strong")
    assert verdict(("newspaper", "yes", "B")) == ("supported", "moderate")
    assert verdict(("newspaper", "yes", "B"), ("blog", "yes", "C")) == ("supported", "strong")


def test_a_recomputation_counts_with_the_grade_of_its_data():
    assert verdict(("our recomputation", "yes", "A", "recomputed")) == ("supported", "strong")
    assert verdict(("our recomputation", "yes", "C", "recomputed")) == ("supported", "weak")


@pytest.mark.parametrize(
    ("share", "expected"),
    [
        (100.0, ("contradicted", "strong")),
        (checks.DECISIVE_SHARE_PCT, ("contradicted", "strong")),
        (checks.DECISIVE_SHARE_PCT - 0.1, ("contradicted", "moderate")),
        (60.0, ("contradicted", "moderate")),
    ],
)
def test_a_decisive_consistency_check_is_firm_whatever_its_inputs_grades(share, expected):
    # The check's inputs are graded C; it is decisive when the claim fails it in at least 95% of the draws.
    assert verdict(("unit economics", "no", "C", "check", share), ("press", "no", "C")) == expected


def test_a_check_alone_is_never_strong():
    assert verdict(("unit economics", "no", "C", "check", 100.0)) == ("contradicted", "moderate")
    assert verdict(("unit economics", "no", "C", "check", 70.0)) == ("contradicted", "weak")


def test_an_inferred_side_is_never_firm_and_the_judgement_says_it_rests_on_inference():
    j = checks.judge(rows(("S-1 notes", "partly", "B", "inferred")))
    assert (j.verdict, j.strength) == ("partly supported", "weak")
    assert j.rests_on_inference
    j = checks.judge(rows(("S-1 notes", "partly", "B", "inferred"), ("wire", "yes", "B")))
    assert j.verdict == "supported" and not j.rests_on_inference  # the firm wire decides; the inference does not


def test_firm_lines_outweigh_more_numerous_weak_ones():
    weak_for = [("blog 1", "yes", "C"), ("blog 2", "yes", "C"), ("blog 3", "yes", "C")]
    assert verdict(*weak_for, ("newspaper", "no", "B")) == ("contradicted", "moderate")
    # With a firm line on each side, the side with more lines wins, and the evidence is weak: it is contested.
    assert verdict(*weak_for, ("filing", "yes", "A"), ("newspaper", "no", "B")) == ("supported", "weak")


def test_equal_evidence_on_both_sides_is_a_conflict_not_a_verdict_either_way():
    j = checks.judge(rows(("blog 1", "yes", "C"), ("blog 2", "no", "C")))
    assert (j.verdict, j.strength, j.conflict) == ("partly supported", "weak", True)


def test_partly_on_a_deciding_line_makes_the_claim_partly_supported():
    assert verdict(("forecaster", "partly", "A"), ("blog", "yes", "C")) == ("partly supported", "strong")
    # Only the deciding (firm) lines set supported vs partly: a weak partly line does not.
    assert verdict(("filing", "yes", "A"), ("blog", "partly", "C")) == ("supported", "strong")


def test_pages_of_one_line_that_disagree_give_a_partly_line():
    j = checks.judge(rows(("wire", "yes", "C"), ("wire", "no", "C")))
    assert [line.says for line in j.lines_for] == ["partly"] and j.verdict == "partly supported"
    # A better-graded copy of the line speaks for it.
    j = checks.judge(rows(("wire", "yes", "B"), ("wire", "no", "C")))
    assert [(line.says, line.grade) for line in j.lines_for] == [("yes", "B")]


def test_a_forecast_is_at_most_moderate():
    evidence = (("Deloitte", "partly", "A"), ("Gartner", "partly", "B"))
    assert verdict(*evidence) == ("partly supported", "strong")
    assert verdict(*evidence, claim_type="forecast") == ("partly supported", "moderate")
    assert verdict(("blog", "no", "C"), claim_type="forecast") == ("contradicted", "weak")


def test_basis_names_the_report_s_own_work_when_it_decides():
    assert checks.judge(rows(("unit economics", "no", "C", "check", 100.0), ("press", "no", "C"))).basis == "recomputed"
    assert checks.judge(rows(("press", "no", "B"), ("unit economics", "no", "C", "check", 60.0))).basis == "sources"


def test_the_scales_are_fixed():
    assert checks.VERDICT_ORDER == ("supported", "partly supported", "contradicted", "not verifiable")
    assert checks.STRENGTH_ORDER == ("strong", "moderate", "weak", "none")
