"""The PDF edition: a title page and print styles added to the single-page build; the printed file is complete."""

from __future__ import annotations

import re

import pytest

from analysis import pdf
from analysis.citation import report_meta
from analysis.paths import BUILD_DIR, HTML_DIR


def test_title_page_states_version_dates_and_how_to_cite():
    html = pdf.prepare_page("<html><head><title>x</title></head><body class='b'><main>text</main></body></html>")
    meta = report_meta()
    cover = html[html.index('<section class="pdf-cover">') : html.index("</section>")]
    assert meta.title in cover and f"Version {meta.version}" in cover and "How to cite" in cover
    assert html.index("<body") < html.index('<section class="pdf-cover">') < html.index("<main>")
    assert "@media print" in html[: html.index("</head>")]


def test_a_page_without_head_or_body_is_refused():
    with pytest.raises(ValueError, match="no <head> or <body>"):
        pdf.prepare_page("<p>fragment</p>")


@pytest.mark.build
def test_the_printed_pdf_has_every_chapter_and_is_published_with_the_site():
    printed = BUILD_DIR / "pdf" / pdf.PDF_NAME
    assert printed.is_file(), "run `make pdf` (make test does) before the build tests"
    data = printed.read_bytes()
    pages = len(re.findall(rb"/Type\s*/Page[^s]", data))
    assert pages >= 40, f"only {pages} pages"
    assert (HTML_DIR / "_static" / pdf.PDF_NAME).read_bytes() == data
