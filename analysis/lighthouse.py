"""`make lighthouse`: Lighthouse (mobile) on every page of the built site, against page budgets; exits 1 on a miss.

The tools are pinned in tools/lighthouse (package.json + package-lock.json: lighthouse 12.2.3, serve 14.2.4) and
installed there with `npm ci` when node_modules is missing or older than the lock file. `serve` serves _build/html
on a free 127.0.0.1 port with compression, as a real host does (clean URLs off, so every page is fetched at its
own address without a redirect); the server is stopped whatever happens. Lighthouse runs its default mobile
emulation (simulated slow 4G, 4x CPU slowdown) on the front page and every chapter and appendix (_toc.yml), with
the categories performance, accessibility, best practices and SEO. A table (page x four scores, transfer size,
console errors) is printed and the whole result written to _build/lighthouse.json.

Budgets: performance >= 90, accessibility 100, best practices 100, SEO >= 95, and no console error on any page.
`--runs N` audits each page N times and keeps the run with the median performance score (Lighthouse's own advice
for a noisy metric).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from analysis.paths import BUILD_DIR, HTML_DIR, ROOT

TOOLS_DIR = ROOT / "tools" / "lighthouse"
RESULT_PATH = BUILD_DIR / "lighthouse.json"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
BUDGETS = {"performance": 0.90, "accessibility": 1.0, "best-practices": 1.0, "seo": 0.95}
PINNED = {"lighthouse": "12.2.3", "serve": "14.2.4"}
# Metrics worth a column in the JSON (the simulated values Lighthouse scores).
METRICS = ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift")


class LighthouseError(RuntimeError):
    pass


def toc_pages(root: Path = ROOT) -> list[str]:
    """The front page and every chapter and appendix, as paths relative to the site root (`chapters/x.html`)."""
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]]

    def walk(entries: list[dict]) -> None:
        for entry in entries or []:
            if "file" in entry:
                files.append(entry["file"])
            walk(entry.get("sections", []))

    for part in toc.get("parts", []):
        walk(part.get("chapters", []))
    walk(toc.get("chapters", []))
    return [f"{Path(f).with_suffix('').as_posix()}.html" for f in files]


def ensure_tools(tools: Path = TOOLS_DIR) -> None:
    """`npm ci` in tools/lighthouse unless node_modules already holds exactly what package-lock.json pins."""
    if shutil.which("npm") is None:
        raise LighthouseError("npm not found: install Node.js 18+ (Debian: apt-get install nodejs npm)")
    hidden_lock = tools / "node_modules" / ".package-lock.json"
    lock = tools / "package-lock.json"
    if not hidden_lock.is_file() or hidden_lock.stat().st_mtime < lock.stat().st_mtime or not _pinned_installed(tools):
        print(f"installing the pinned tools: npm ci --prefix {tools.relative_to(ROOT)}", flush=True)
        subprocess.run(["npm", "ci", "--prefix", str(tools), "--no-audit", "--no-fund"], check=True, cwd=ROOT)
    if not _pinned_installed(tools):
        raise LighthouseError(f"tools/lighthouse does not hold {PINNED}: check package.json and package-lock.json")


def _pinned_installed(tools: Path) -> bool:
    for name, version in PINNED.items():
        manifest = tools / "node_modules" / name / "package.json"
        if not manifest.is_file() or json.loads(manifest.read_text())["version"] != version:
            return False
    return True


def _chrome() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if not found:
        raise LighthouseError("Chromium not found: Lighthouse needs it (Debian: apt-get install chromium)")
    return found


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _tool_env() -> dict[str, str]:
    # serve asks the registry for a newer version on start; nothing here should reach another host.
    return {**os.environ, "NO_UPDATE_CHECK": "1", "NODE_ENV": "production", "CI": "true"}


class Server:
    """`npx serve` on 127.0.0.1:<free port>, in its own process group, stopped (group and all) on exit."""

    def __init__(self, site: Path, config_dir: Path):
        self.site, self.config = site, config_dir / "serve.json"
        self.config.write_text(json.dumps({"cleanUrls": False}))
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen | None = None
        self.log = config_dir / "serve.log"

    def __enter__(self) -> Server:
        cmd = [
            "npx", "--no", "--", "serve", "--no-clipboard", "--no-request-logging", "--no-port-switching",
            "--config", str(self.config), "--listen", f"tcp://127.0.0.1:{self.port}", str(self.site),
        ]  # fmt: skip
        with self.log.open("w") as log:
            self.proc = subprocess.Popen(
                cmd, cwd=TOOLS_DIR, env=_tool_env(), stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise LighthouseError(f"serve exited ({self.proc.returncode}): {self.log.read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(f"{self.url}/index.html", timeout=2) as resp:
                    if resp.status == 200:
                        return self
            except OSError:
                time.sleep(0.2)
        self.__exit__(None, None, None)
        raise LighthouseError(f"serve did not answer on {self.url} within 30 s: {self.log.read_text()[-2000:]}")

    def __exit__(self, *exc) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        try:
            os.killpg(self.proc.pid, signal.SIGTERM)  # the group this Popen started: npx and the node it spawned
            self.proc.wait(timeout=10)
        except ProcessLookupError:
            pass
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)


@dataclass
class PageResult:
    page: str
    scores: dict[str, float]
    transfer_bytes: int
    console_errors: list[str]
    metrics: dict[str, float] = field(default_factory=dict)
    # Audits that cost points in a category (score < 1 and weight > 0), per category: what to fix.
    failing: dict[str, list[str]] = field(default_factory=dict)
    requests: list[dict] = field(default_factory=list)

    def misses(self) -> list[str]:
        out = [
            f"{cat} {_pct(self.scores.get(cat))} < {_pct(budget)}"
            for cat, budget in BUDGETS.items()
            if self.scores.get(cat) is None or self.scores[cat] < budget
        ]
        if self.console_errors:
            out.append(f"{len(self.console_errors)} console error(s)")
        return out


def _pct(score: float | None) -> str:
    return "n/a" if score is None else str(round(score * 100))


def parse_report(page: str, report: dict) -> PageResult:
    """The scores, transfer size, console errors and failing audits of one Lighthouse JSON report."""
    audits, categories = report["audits"], report["categories"]
    scores = {cat: categories[cat]["score"] for cat in CATEGORIES if cat in categories}
    errors = [
        f"{item.get('source', '')}: {item.get('description', '')}"
        + (f" ({item['sourceLocation']['url']})" if item.get("sourceLocation", {}).get("url") else "")
        for item in (audits.get("errors-in-console", {}).get("details") or {}).get("items", [])
    ]
    failing = {}
    for cat in CATEGORIES:
        refs = categories.get(cat, {}).get("auditRefs", [])
        costly = [audits[ref["id"]] for ref in refs if ref.get("weight", 0) > 0]
        lost = [a for a in costly if a.get("score") is not None and a["score"] < 1]
        bad = [f"{a['id']} ({a.get('displayValue') or a['score']})" for a in lost]
        if bad:
            failing[cat] = bad
    net = (audits.get("network-requests", {}).get("details") or {}).get("items", [])
    requests = [
        {"url": r.get("url", ""), "transfer_bytes": int(r.get("transferSize") or 0), "status": r.get("statusCode")}
        for r in net
    ]
    return PageResult(
        page=page,
        scores=scores,
        transfer_bytes=int(audits.get("total-byte-weight", {}).get("numericValue") or 0),
        console_errors=errors,
        metrics={m: round(audits[m]["numericValue"], 3) for m in METRICS if m in audits},
        failing=failing,
        requests=requests,
    )


def audit(url: str, out: Path) -> dict:
    """One Lighthouse mobile run on `url`; the JSON report."""
    cmd = [
        "npx", "--no", "--", "lighthouse", url, "--quiet", "--output=json", f"--output-path={out}",
        "--chrome-flags=--headless --no-sandbox", f"--only-categories={','.join(CATEGORIES)}",
    ]  # fmt: skip
    done = subprocess.run(
        cmd, cwd=TOOLS_DIR, env={**_tool_env(), "CHROME_PATH": _chrome()}, capture_output=True, text=True
    )
    if done.returncode != 0 or not out.is_file():
        raise LighthouseError(f"lighthouse failed on {url} ({done.returncode}): {done.stderr[-2000:]}")
    report = json.loads(out.read_text())
    if report.get("runtimeError"):
        raise LighthouseError(f"lighthouse on {url}: {report['runtimeError']}")
    return report


def run(pages: list[str] | None = None, site: Path = HTML_DIR, runs: int = 1) -> list[PageResult]:
    """Audit `pages` (default: every page of _toc.yml) of the built `site`; write _build/lighthouse.json."""
    if not (site / "index.html").is_file():
        raise LighthouseError(f"no built site at {site}: run `make book` first")
    pages = pages or toc_pages()
    missing = [p for p in pages if not (site / p).is_file()]
    if missing:
        raise LighthouseError(f"pages not built: {missing}")
    ensure_tools()
    results = []
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as tmp, Server(site, Path(tmp)) as server:
        for page in pages:
            attempts = []
            for i in range(runs):
                report = audit(f"{server.url}/{page}", Path(tmp) / f"{page.replace('/', '_')}.{i}.json")
                attempts.append(parse_report(page, report))
            perf = [a.scores.get("performance") or 0 for a in attempts]
            median = statistics.median_low(perf)
            results.append(attempts[perf.index(median)])
            print(_row(results[-1]), flush=True)
    write(results, runs)
    return results


HEADER = f"{'page':<34} {'perf':>4} {'a11y':>4} {'bp':>4} {'seo':>4} {'KB':>7} {'errors':>6}"


def _row(r: PageResult) -> str:
    s = r.scores
    cells = [_pct(s.get(c)) for c in CATEGORIES]
    return (
        f"{r.page:<34} {cells[0]:>4} {cells[1]:>4} {cells[2]:>4} {cells[3]:>4} "
        f"{r.transfer_bytes / 1024:>7.0f} {len(r.console_errors):>6}"
    )


def table(results: list[PageResult]) -> str:
    lines = [HEADER, "-" * len(HEADER), *(_row(r) for r in results)]
    return "\n".join(lines)


def write(results: list[PageResult], runs: int, path: Path = RESULT_PATH) -> None:
    path.parent.mkdir(exist_ok=True)
    doc = {
        "tools": PINNED,
        "emulation": "Lighthouse default mobile (simulated throttling), pages served compressed by serve",
        "runs_per_page": runs,
        "budgets": BUDGETS,
        "pages": [r.__dict__ | {"misses": r.misses()} for r in results],
        "ok": all(not r.misses() for r in results),
    }
    path.write_text(json.dumps(doc, indent=2) + "\n")


def main(pages: list[str] | None = None, runs: int = 1) -> int:
    try:
        print(HEADER, flush=True)
        results = run(pages, runs=runs)
    except LighthouseError as err:
        print(f"lighthouse: {err}", flush=True)
        return 2
    print("\n" + table(results))
    print(f"\nwritten: {RESULT_PATH.relative_to(ROOT)}")
    missed = [(r, r.misses()) for r in results if r.misses()]
    for r, misses in missed:
        print(f"BUDGET MISSED {r.page}: {'; '.join(misses)}")
        for cat, audits in r.failing.items():
            print(f"    {cat}: {', '.join(audits)}")
        for err in r.console_errors:
            print(f"    console: {err}")
    if not missed:
        budgets = ", ".join(f"{c} >= {_pct(b)}" for c, b in BUDGETS.items())
        print(f"every page within budget ({budgets}; no console error)")
    return 1 if missed else 0
