"""`make pdf`: the whole report as one PDF, printed by headless Chromium from a single-page HTML build.

Sphinx's `singlehtml` builder puts every page of the book in one document, with working internal links and the
same figure and table numbers as the site; the charts are drawn by the same vendored Vega (as SVG, so they stay
vector in the PDF). We add a title page (version, dates, how to cite) and print styles, serve the page on
127.0.0.1 (ES modules do not load from file://), and let Chromium print it. No LaTeX toolchain is needed.
The PDF is written to `_build/pdf/` and copied into the site (`_build/html/_static/`), so the site links to it.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import subprocess
import sys
import threading
from html import escape
from pathlib import Path

from analysis.paths import BUILD_DIR, HTML_DIR, ROOT

SINGLE_DIR = BUILD_DIR / "singlehtml"
PDF_NAME = "the-inference-era.pdf"
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")
# Print layout: no navigation, no download/cite widgets, each chapter on a new page, charts kept whole.
PRINT_CSS = """
@page { size: A4; margin: 16mm 14mm; }
@media print {
  .bd-header, .bd-sidebar-primary, .bd-sidebar-secondary, .bd-footer, .bd-footer-content, .header-article,
  .prev-next-area, .figure-downloads, .figure-cite, .number-cite, .headerlink, .toc-entry, #pst-back-to-top,
  .bd-header-announcement, .search-button-field, .theme-switch-button { display: none !important; }
  .bd-main .bd-content .bd-article-container { max-width: none !important; }
  .bd-page-width { max-width: none !important; }
  section[id^="document-chapters"] { break-before: page; }
  .vega-embed, figure, table { break-inside: avoid; }
  a { color: inherit; }
  .pdf-cover { break-after: page; }
}
.pdf-cover { padding-top: 30vh; }
.pdf-cover h1 { font-size: 2.4em; margin-bottom: 0.2em; }
.pdf-cover .pdf-meta { margin-top: 2em; }
.pdf-cover pre { white-space: pre-wrap; font-size: 0.8em; }
"""


def cover_html() -> str:
    """The title page: title, version, release and data-as-of dates, licence, and how to cite the report."""
    from analysis.citation import DATA_AS_OF, report_citation, report_meta

    meta, cite = report_meta(), report_citation()
    return (
        '<section class="pdf-cover">'
        f"<h1>{escape(meta.title)}</h1>"
        f"<p>{escape(meta.authors)}</p>"
        '<div class="pdf-meta">'
        f"<p>Version {escape(meta.version)}, released {escape(meta.date_released)}; data as of {DATA_AS_OF}.</p>"
        f'<p>Online edition: <a href="{escape(meta.url)}">{escape(meta.url)}</a>. Text, figures and data '
        f"{escape(meta.licence)}; code MIT.</p>"
        f"<p><strong>How to cite.</strong> {escape(cite['text'])}</p>"
        f"<pre>{escape(cite['bibtex'])}</pre>"
        "</div></section>"
    )


def prepare_page(html: str) -> str:
    """Insert the print styles and the title page into the single-page build's HTML."""
    if "<body" not in html or "</head>" not in html:
        raise ValueError("the single-page build has no <head> or <body>: cannot add the title page")
    html = html.replace("</head>", f"<style>{PRINT_CSS}</style></head>", 1)
    body_end = html.index(">", html.index("<body")) + 1
    return html[:body_end] + cover_html() + html[body_end:]


def build_single_page(root: Path = ROOT) -> Path:
    """Run the single-page build (notebook results come from the book's execution cache) and prepare it."""
    cmd = [str(Path(sys.executable).with_name("jupyter-book")), "build", str(root), "--builder", "singlehtml"]
    subprocess.run([*cmd, "-W", "-n", "--keep-going"], check=True, cwd=root, stdout=subprocess.DEVNULL)
    page = SINGLE_DIR / "index.html"
    page.write_text(prepare_page(page.read_text(encoding="utf-8")), encoding="utf-8")
    return page


def _chromium() -> str:
    for name in CHROMIUM_NAMES:
        if found := shutil.which(name):
            return found
    raise FileNotFoundError("make pdf needs Chromium: install it (Debian: apt-get install chromium)")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def print_pdf(page_dir: Path, out: Path, budget_ms: int = 30000) -> Path:
    """Serve `page_dir` on 127.0.0.1 and print its index.html with headless Chromium (every other host blocked)."""
    handler = functools.partial(_QuietHandler, directory=str(page_dir))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    out.parent.mkdir(parents=True, exist_ok=True)
    staged = out.with_suffix(".pdf.new")
    try:
        flags = [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
            f"--virtual-time-budget={budget_ms}",
            "--run-all-compositor-stages-before-draw",
            "--no-pdf-header-footer",
            f"--print-to-pdf={staged}",
        ]
        url = f"http://127.0.0.1:{httpd.server_address[1]}/index.html"
        subprocess.run([_chromium(), *flags, url], check=True, capture_output=True, timeout=300)
    finally:
        httpd.shutdown()
        httpd.server_close()
    if not staged.is_file() or staged.stat().st_size == 0:
        raise RuntimeError(f"Chromium wrote no PDF for {page_dir}")
    staged.replace(out)
    return out


def make_pdf(root: Path = ROOT) -> list[str]:
    page = build_single_page(root)
    out = print_pdf(page.parent, BUILD_DIR / "pdf" / PDF_NAME)
    lines = [f"written {out.relative_to(root)} ({out.stat().st_size / 1e6:.1f} MB)"]
    if HTML_DIR.is_dir():
        published = HTML_DIR / "_static" / PDF_NAME
        shutil.copy2(out, published)
        lines.append(f"published {published.relative_to(root)}")
    return lines
