"""Command line: `python -m analysis <command>`.

validate          validate every dataset against data/datapackage.json, one summary line per dataset
curate [NAME..]   regenerate data/*.csv from data/raw and data/editorial (deterministic)
raw verify|manifest  check data/raw against its manifest of SHA-256 sums, or record the current sums
figures export    write every registered figure to _static/figures (svg, png, csv, vl.json) + figures.json
build             build the book (clears stale execution caches first)
notebooks [NB..]  re-execute chapter notebooks in place
bench             time a clean build, a no-change make book and make test in a lone clone; page sizes; writes
                  _build/bench.json
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
    elif args.command == "bench":
        from analysis.bench import run_bench

        run_bench(lone_clone=not args.no_clone)
    return 0


if __name__ == "__main__":
    sys.exit(main())
