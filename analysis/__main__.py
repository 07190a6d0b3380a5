"""Command line: `python -m analysis <command>`.

validate          validate every dataset against data/datapackage.json, one summary line per dataset
curate [NAME..]   regenerate data/*.csv from data/raw and data/editorial (deterministic)
pdf               the whole report as one PDF (_build/pdf/, copied into the built site)
webfonts          write the WOFF2 subsets of the shipped font that the pages load (_static/webfonts)
numbers           regenerate the Numbers appendix, the changelog page and numbers.json from the registry
release VERSION [--date D] | release reconstruct COMMIT
                  set version and date and snapshot the numbers into releases/VERSION; or rebuild the snapshot
                  of a release made before the registry from what was committed at COMMIT
raw verify|manifest  check data/raw against its manifest of SHA-256 sums, or record the current sums
figures export    write every registered figure to _static/figures (svg, png, csv, vl.json) + figures.json
build             build the book (clears stale execution caches first)
notebooks [NB..]  re-execute chapter notebooks in place
bench             time a clean build, a no-change make book and make test in a lone clone; page sizes; writes
                  _build/bench.json
lighthouse [PAGE..]  Lighthouse (mobile) on every page of the built site against the page budgets; writes
                  _build/lighthouse.json, exits 1 on a missed budget
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("validate")
    curate = sub.add_parser("curate")
    curate.add_argument("names", nargs="*", help="datasets to regenerate (default: all)")
    sub.add_parser("numbers")
    sub.add_parser("pdf")
    sub.add_parser("webfonts")
    release = sub.add_parser("release")
    release.add_argument("version", help="MAJOR.MINOR.PATCH, or 'reconstruct'")
    release.add_argument("commit", nargs="?", help="with 'reconstruct': the commit that carried the release")
    release.add_argument("--date", help="release date YYYY-MM-DD (default: today)")
    release.add_argument("--data-as-of", help="the data-as-of date YYYY-MM-DD (default: unchanged)")
    raw = sub.add_parser("raw")
    raw.add_argument("action", choices=["verify", "manifest"])
    figures = sub.add_parser("figures")
    figures.add_argument("action", choices=["export"])
    figures.add_argument("--force", action="store_true", help="export even if nothing changed since the last export")
    sub.add_parser("build")
    notebooks = sub.add_parser("notebooks")
    notebooks.add_argument("paths", nargs="*", type=Path)
    bench = sub.add_parser("bench")
    bench.add_argument("--no-clone", action="store_true", help="skip `make test` in a lone clone (minutes)")
    lighthouse = sub.add_parser("lighthouse")
    lighthouse.add_argument("pages", nargs="*", help="pages relative to _build/html (default: every page in _toc.yml)")
    lighthouse.add_argument("--runs", type=int, default=1, help="runs per page; the median-performance run is kept")
    args = parser.parse_args(argv)

    if args.command == "validate":
        from analysis.data import DataValidationError, validate_package

        try:
            for line in validate_package():
                print(line)
        except DataValidationError as err:
            print(f"invalid: {err}", file=sys.stderr)
            return 1
    elif args.command == "curate":
        from analysis.curate import curate_all

        for line in curate_all(only=args.names or None):
            print(line)
    elif args.command == "pdf":
        from analysis.pdf import make_pdf

        for line in make_pdf():
            print(line)
    elif args.command == "webfonts":
        from analysis.webfonts import build as build_webfonts

        for path in build_webfonts():
            print(f"written: {path.relative_to(path.parents[2])} ({path.stat().st_size / 1000:.0f} KB)")
    elif args.command == "numbers":
        from analysis.numbers import write_outputs

        for line in write_outputs():
            print(line)
    elif args.command == "release":
        from analysis import releases

        if args.version == "reconstruct":
            print(f"written: {releases.reconstruct(args.commit)}")
        else:
            for line in releases.release(args.version, args.date, data_as_of=args.data_as_of):
                print(line)
    elif args.command == "raw":
        from analysis import raw as raw_sources

        if args.action == "manifest":
            print(f"written: {raw_sources.write_manifest()}")
        else:
            try:
                print(f"{raw_sources.verify()} raw files match data/raw/{raw_sources.MANIFEST_NAME}")
            except raw_sources.RawSourceError as err:
                print(f"invalid: {err}", file=sys.stderr)
                return 1
    elif args.command == "figures":
        if args.force:
            from analysis.figures import export_all

            lines = export_all()
        else:
            from analysis.build import export_figures_if_changed

            lines = export_figures_if_changed()
        for line in lines:
            print(line)
    elif args.command == "build":
        from analysis.build import build_book

        build_book()
    elif args.command == "notebooks":
        from analysis.notebooks import chapter_notebooks, execute_all

        for line in execute_all(args.paths or chapter_notebooks()):
            print(line, flush=True)
        from analysis.numbers import write_outputs  # the pages generated from the notebooks' numbers

        for line in write_outputs():
            print(line, flush=True)
    elif args.command == "bench":
        from analysis.bench import run_bench

        run_bench(lone_clone=not args.no_clone)
    elif args.command == "lighthouse":
        from analysis.lighthouse import main as run_lighthouse

        return run_lighthouse(args.pages or None, runs=args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
