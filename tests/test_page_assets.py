"""Each built page loads what it shows and no more, and nothing it loads holds up its first paint.

Build tests (`make book` first; INFERENCE_ERA_HTML points them at a site built elsewhere). The assets are chosen
per page by analysis/sphinx_assets.py; `make lighthouse` measures what this buys (analysis/lighthouse.py).
- a page without a chart references no Vega file; a chart page gets only the small loader, which fetches the
  vendored libraries on demand (so no page has a Vega <script>);
- formulas are MathML written at build time (analysis/sphinx_mathml.py): no page is left with LaTeX for MathJax;
- a page without LaTeX math loads no MathJax; one with it would get math-on-demand.js pointing at the vendored file;
- every page has a meta description and a favicon link that resolves; none references thebe or unpkg;
- no inline script declares a global with let/const/class that another inline script of the page declares (a
  SyntaxError that stops the second one), and no inline script appears twice;
- the only scripts in <head> that block rendering are the two small ones inline scripts need at once.
"""

from __future__ import annotations

import functools
import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from analysis.paths import HTML_DIR

SITE = Path(os.environ.get("INFERENCE_ERA_HTML", HTML_DIR))
CHART_CONTAINER = re.compile(r'<div id="(?:vega-fig|altair-viz)-[\w-]+"')
MATH = re.compile(r'class="[^"]*\bmath\b')
# Scripts allowed to block rendering (no defer/async): inline scripts read DOCUMENTATION_OPTIONS at once, and the
# charts' inline loaders call vegaEmbed while the page is parsed. Both are a few kB.
BLOCKING_OK = {"documentation_options.js", "vega-versions.js"}
BLOCKING_MAX_BYTES = 8_000
DECLARATION = re.compile(r"\b(let|const|class)\s+([A-Za-z_$][\w$]*)")


@pytest.fixture(scope="module")
def site() -> Path:
    if not (SITE / "index.html").is_file():
        pytest.fail(f"no built site at {SITE}: run `make book` (or set INFERENCE_ERA_HTML) before these tests")
    return SITE


def _pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "_static" not in p.relative_to(site).parts)


@functools.cache
def _read(path: Path) -> tuple[str, BeautifulSoup]:
    text = path.read_text(encoding="utf-8")
    return text, BeautifulSoup(text, "html.parser")


def _local(page: Path, url: str) -> Path:
    return (page.parent / urlsplit(url).path).resolve()


def _script_names(soup: BeautifulSoup) -> list[str]:
    return [urlsplit(tag["src"]).path for tag in soup.find_all("script", src=True)]


def _inline_scripts(soup: BeautifulSoup) -> list[str]:
    return [
        tag.string or ""
        for tag in soup.find_all("script", src=False)
        if tag.get("type") in (None, "", "text/javascript", "module")
    ]


def _top_level_declarations(js: str) -> list[str]:
    """Names declared with let/const/class outside any brace, bracket or parenthesis (strings, comments and
    template literals skipped): the script's own global lexical bindings."""
    out, depth, i, code = [], 0, 0, []
    while i < len(js):
        ch = js[i]
        if js.startswith("//", i):
            i = js.find("\n", i) if js.find("\n", i) >= 0 else len(js)
            continue
        if js.startswith("/*", i):
            end = js.find("*/", i + 2)
            i = len(js) if end < 0 else end + 2
            continue
        if ch in "'\"`":
            j = i + 1
            while j < len(js) and js[j] != ch:
                j += 2 if js[j] == "\\" else 1
            i = j + 1
            code.append(" ")
            continue
        if ch in "{([":
            depth += 1
        elif ch in "})]":
            depth = max(depth - 1, 0)
        code.append(ch if depth == 0 or ch in "{([" else " ")
        i += 1
    out += [name for _, name in DECLARATION.findall("".join(code))]
    return out


# ---- build ----------------------------------------------------------------------------------------------


@pytest.mark.build
def test_pages_without_a_chart_reference_no_vega_file(site):
    problems = []
    for page in _pages(site):
        text, soup = _read(page)
        name = page.relative_to(site).as_posix()
        scripts = _script_names(soup)
        vega = [s for s in scripts if "vega" in s.rsplit("/", 1)[-1]]
        if any("/vendor/vega" in s for s in scripts):
            problems.append(f"{name}: a Vega library as a <script> ({vega}); vega-versions.js fetches them on demand")
        if CHART_CONTAINER.search(text):
            if not any(s.endswith("/vega-versions.js") for s in scripts):
                problems.append(f"{name}: has a chart but not the chart loader vega-versions.js")
        elif vega or "vendor/vega" in text:
            problems.append(f"{name}: no chart, yet references {vega or 'vendor/vega'}")
    vendor = site / "_static" / "vendor"
    for lib in ("vega.min.js", "vega-lite.min.js", "vega-embed.min.js"):
        if not (vendor / lib).is_file():
            problems.append(f"the loader's library _static/vendor/{lib} is not in the site")
    assert not problems, "\n".join(problems)


@pytest.mark.build
def test_pages_without_math_load_no_mathjax(site):
    problems = []
    for page in _pages(site):
        text, soup = _read(page)
        name = page.relative_to(site).as_posix()
        scripts = _script_names(soup)
        mathjax = [s for s in scripts if "mathjax" in s.lower() or s.endswith("/math-on-demand.js")]
        config = [js for js in _inline_scripts(soup) if "window.MathJax" in js]
        if not MATH.search(text):
            if mathjax or config:
                problems.append(f"{name}: no formula, yet loads {mathjax or 'a MathJax configuration'}")
            continue
        loaders = soup.find_all("script", src=re.compile(r"math-on-demand\.js"))
        if len(loaders) != 1 or not loaders[0].has_attr("defer"):
            problems.append(f"{name}: has formulas but not one deferred math-on-demand.js")
        elif not _local(page, loaders[0].get("data-mathjax", "")).is_file():
            problems.append(f"{name}: math-on-demand.js names a MathJax that is not there: {loaders[0]}")
        if any("mathjax/" in s for s in scripts):
            problems.append(f"{name}: MathJax itself as a <script> (math-on-demand.js fetches it)")
    assert not problems, "\n".join(problems)


@pytest.mark.build
def test_formulas_reach_the_pages_as_mathml(site):
    methods = (site / "chapters" / "appendix_methods.html").read_text(encoding="utf-8")
    assert methods.count("<math ") >= 10, "the methods appendix lost its formulas"
    left = [p.relative_to(site).as_posix() for p in _pages(site) if MATH.search(_read(p)[0])]
    assert not left, f"LaTeX math left for MathJax on {left}"


@pytest.mark.build
def test_every_page_has_a_description_and_a_favicon_that_resolves(site):
    problems = []
    for page in _pages(site):
        _, soup = _read(page)
        name = page.relative_to(site).as_posix()
        descriptions = soup.find_all("meta", attrs={"name": "description"})
        if len(descriptions) != 1 or len(descriptions[0].get("content", "").strip()) < 10:
            problems.append(f"{name}: {len(descriptions)} meta descriptions ({descriptions[:1]})")
        icons = [tag for tag in soup.find_all("link", href=True) if "icon" in (tag.get("rel") or [])]
        if not icons:
            problems.append(f"{name}: no <link rel=icon> (browsers then ask for /favicon.ico: a 404)")
        for tag in icons:
            if re.match(r"^(https?:)?//", tag["href"]) or not _local(page, tag["href"]).is_file():
                problems.append(f"{name}: favicon {tag['href']} does not resolve to a file of the site")
        if re.search(r"unpkg\.com|THEBE_JS_URL|sphinx-thebe", page.read_text(encoding="utf-8")):
            problems.append(f"{name}: references thebe (off) or unpkg")
    assert not problems, "\n".join(problems)


@pytest.mark.build
def test_no_inline_script_declares_a_global_twice(site):
    problems = []
    for page in _pages(site):
        _, soup = _read(page)
        name = page.relative_to(site).as_posix()
        inline = [js for js in _inline_scripts(soup) if js.strip()]
        seen: dict[str, int] = {}
        for index, js in enumerate(inline):
            for var in _top_level_declarations(js):
                if var in seen:
                    problems.append(f"{name}: `{var}` declared by inline scripts #{seen[var]} and #{index}")
                seen.setdefault(var, index)
        repeated = {js.strip()[:80] for js in inline if inline.count(js) > 1}
        problems += [f"{name}: inline script twice: {js!r}" for js in sorted(repeated)]
    assert not problems, "\n".join(problems)


@pytest.mark.build
def test_only_small_needed_scripts_block_the_first_paint(site):
    problems = []
    for page in _pages(site):
        _, soup = _read(page)
        name = page.relative_to(site).as_posix()
        for tag in soup.head.find_all("script", src=True):
            if tag.has_attr("defer") or tag.has_attr("async") or tag.get("type") == "module":
                continue
            file = urlsplit(tag["src"]).path.rsplit("/", 1)[-1]
            path = _local(page, tag["src"])
            if file not in BLOCKING_OK:
                problems.append(f"{name}: <script src={tag['src']}> blocks rendering (defer it or load it on demand)")
            elif path.is_file() and path.stat().st_size > BLOCKING_MAX_BYTES:
                problems.append(f"{name}: blocking {file} is {path.stat().st_size:,} bytes")
        if soup.find("script", src=re.compile(r"fontawesome\.js")):
            problems.append(f"{name}: loads the 1.4 MB Font Awesome script (icons.css draws the icons)")
    assert not problems, "\n".join(problems)


def test_top_level_declarations_ignore_nested_scopes_strings_and_comments():
    js = """const A = 1; let B = "const X = 2"; // let Y
    (function () { const inner = 3; let other; })(); /* const Z */ class C {}; var D = `let T`;"""
    assert _top_level_declarations(js) == ["A", "B", "C"]
