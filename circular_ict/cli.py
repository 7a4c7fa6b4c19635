"""The ``circular-ict`` command line. It only wires arguments to the API and prints.

Exit codes: 0 success (valid), 1 invalid input (problems reported), 2 usage
error, 3 internal or I/O error. Heavy modules are imported inside the
commands, so ``circular-ict --version`` starts as fast as Python does.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any

from . import __version__

EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
FORMATS = ("text", "json", "github")
LEVELS_CHOICES = ("basic", "significant", "ambitious")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="circular-ict",
        description="Circular and climate-neutral ICT procurement: validate criteria files, browse the library.",
    )
    parser.add_argument("--version", action="version", version=f"circular-ict {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser(
        "validate",
        help="validate criteria, tenders, bids and the other circular_ict files",
        description="Validate YAML files and folders (every *.yaml/*.yml inside), and bid tables "
        "(.csv, .xlsx) named directly. Exit 0 when all are valid, 1 when a file has errors.",
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or folders")
    p.add_argument("--bundled", action="store_true", help="also validate the bundled criteria library")
    p.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    p.add_argument("-q", "--quiet", action="store_true", help="print errors only, no warnings")
    p.add_argument("--strict", action="store_true", help="treat warnings as errors (exit 1)")

    lst = sub.add_parser(
        "list",
        help="list bundled criteria, filtered",
        description="List the criteria of the bundled library. Filters combine (AND); "
        "repeat a filter or separate values by commas to allow several values (OR).",
    )
    lst.add_argument("--product-group", "-p", action="append", default=[], metavar="ID")
    lst.add_argument("--cpv", metavar="CODE", help="a tender CPV code, e.g. 30213100-6 (prefix rule)")
    lst.add_argument(
        "--level",
        "-l",
        action="append",
        default=[],
        choices=LEVELS_CHOICES,
        metavar="LEVEL",
        help="basic, significant or ambitious (exact level)",
    )
    lst.add_argument("--theme", "-t", action="append", default=[], metavar="THEME")
    lst.add_argument("--kind", "-k", action="append", default=[], metavar="KIND")
    lst.add_argument("--source", "-s", action="append", default=[], metavar="SET_ID")
    lst.add_argument("--lang", default="en", help="language of the titles (default: en)")
    lst.add_argument("--format", choices=("table", "json"), default="table")

    show = sub.add_parser("show", help="show one bundled criterion in full")
    show.add_argument("criterion_id", metavar="ID")
    show.add_argument("--format", choices=("text", "json", "yaml"), default="text")

    sc = sub.add_parser(
        "score",
        help="score the bids of a tender",
        description="Evaluate bids against a tender: requirements, award criteria, price or "
        "life-cycle cost, ranking, with an explanation for every bid.",
    )
    sc.add_argument("tender", metavar="TENDER", help="the tender file")
    sc.add_argument("bids", metavar="BIDS", help="a bid file, a folder of bid files, or a bid table (.csv, .xlsx)")
    sc.add_argument("--lot", help="the lot to evaluate (when the tender has several)")
    sc.add_argument("--format", choices=("table", "json", "md", "html", "xlsx"), default="table")
    sc.add_argument("-o", "--output", metavar="FILE", help="write to FILE (required for xlsx)")
    sc.add_argument("--lang", choices=("en", "nl"), default="en", help="language of explanations (default: en)")
    sc.add_argument("--explain", action="store_true", help="with table: add each bid's explanation")
    sc.add_argument("--robustness", action="store_true", help="with table: add rank-reversal and weight checks")

    s = sub.add_parser("schema", help="print the JSON Schema of a file format")
    s.add_argument(
        "--type",
        default="criteria-set",
        dest="doc_type",
        metavar="TYPE",
        help="the document type, e.g. criteria-set, tender, bid (default: criteria-set)",
    )
    return parser


def _cmd_validate(args: argparse.Namespace) -> int:
    from .diagnostics import FileReport, Report
    from .reporters import render
    from .validation import validate

    paths = list(args.paths)
    if args.bundled:
        from .catalogue import library_root

        paths.append(str(library_root()))
    if not paths:
        raise _UsageError("give at least one PATH, or --bundled")
    report = validate(*paths)
    if not report.files:
        raise _UsageError(f"no YAML files found in {', '.join(paths)}")
    strict_failure = args.strict and bool(report.warnings)  # decided before -q hides the warnings
    if args.quiet:
        report = Report.of(FileReport(f.file, tuple(f.errors), f.document_type) for f in report.files)
    sys.stdout.write(render(report, args.format))
    if not report.valid or strict_failure:
        return EXIT_INVALID
    return EXIT_OK


def _split(values: list[str]) -> list[str]:
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


def _cmd_list(args: argparse.Namespace) -> int:
    import json

    from .display import CRITERIA_HEADERS, criteria_rows, table
    from .select import CriteriaFilter, bundled
    from .serialize import to_data

    if args.cpv:
        from .catalogue import normalize_cpv

        try:
            normalize_cpv(args.cpv)
        except ValueError as exc:
            raise _UsageError(str(exc)) from None
    where = CriteriaFilter(
        product_groups=_split(args.product_group),
        cpv=args.cpv,
        levels=_split(args.level),
        themes=_split(args.theme),
        kinds=_split(args.kind),
        sources=_split(args.source),
    )
    items = bundled(where)
    if args.format == "json":
        payload = [{"set": set_id, **to_data(c)} for set_id, c in items]
        sys.stdout.write(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(table(CRITERIA_HEADERS, criteria_rows(items, args.lang)))
        sys.stdout.write(f"{len(items)} criteria\n")
    return EXIT_OK


def _cmd_show(args: argparse.Namespace) -> int:
    import json

    from .catalogue import find_criterion
    from .display import criterion_text
    from .serialize import to_data
    from .yamlio import dump_yaml

    try:
        set_id, crit = find_criterion(args.criterion_id)
    except KeyError as exc:
        raise _UsageError(exc.args[0]) from None
    if args.format == "json":
        sys.stdout.write(json.dumps({"set": set_id, **to_data(crit)}, indent=2, ensure_ascii=False) + "\n")
    elif args.format == "yaml":
        sys.stdout.write(dump_yaml(to_data(crit)))
    else:
        sys.stdout.write(criterion_text(set_id, crit))
    return EXIT_OK


def _cmd_score(args: argparse.Namespace) -> int:
    from .errors import DocumentError
    from .safeio import write_text_atomic
    from .scoring.api import score

    if args.format == "xlsx" and not args.output:
        raise _UsageError("--format xlsx needs --output FILE")
    try:
        ev = score(args.tender, args.bids, lot=args.lot)
    except DocumentError as exc:
        sys.stdout.write(exc.report.render("text"))
        return EXIT_INVALID
    if args.format == "xlsx":
        ev.to_excel(args.output, args.lang)
        print(f"wrote {args.output}", file=sys.stderr)
        return EXIT_OK
    if args.format == "json":
        text = ev.to_json()
    elif args.format == "md":
        text = ev.to_markdown(args.lang)
    elif args.format == "html":
        text = ev.to_html(args.lang) + "\n"
    else:
        text = ev.to_text(args.lang)
        if args.explain:
            text += "".join("\n" + ev.explain(b.bid_id, args.lang) + "\n" for b in ev.bids)
        if args.robustness:
            text += "\n" + _robustness_text(ev)
    if args.output:
        write_text_atomic(args.output, text)
        print(f"wrote {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return EXIT_OK


def _robustness_text(ev: Any) -> str:
    lines = ["rank reversal (remove one bid, re-evaluate):"]
    for r in ev.rank_reversals():
        swapped = ", ".join(f"{a}/{b}" for a, b in r["reversed"]) or "no change in the order of the others"
        lines.append(f"  without {r['removed']}: {swapped}; winner {r['winner_after']}")
    lines.append("weight sensitivity (others fixed):")
    for w in ev.weight_sensitivity():
        up = (
            "never"
            if w["increase_to_change"] is None
            else f"+{w['increase_to_change']:.2f} ({w['new_winner_if_increased']})"
        )
        down = (
            "never"
            if w["decrease_to_change"] is None
            else f"-{w['decrease_to_change']:.2f} ({w['new_winner_if_decreased']})"
        )
        lines.append(f"  {w['weight']} = {w['value']:g}: winner changes at {up} / {down}")
    return "\n".join(lines) + "\n"


def _cmd_schema(args: argparse.Namespace) -> int:
    import json

    from .schema import SCHEMA_IDS, json_schema

    if args.doc_type not in SCHEMA_IDS:
        raise _UsageError(f"unknown document type {args.doc_type!r}; choose from {', '.join(SCHEMA_IDS)}")
    sys.stdout.write(json.dumps(json_schema(args.doc_type), indent=2, ensure_ascii=False) + "\n")
    return EXIT_OK


class _UsageError(Exception):
    pass


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    commands = {
        "validate": _cmd_validate,
        "list": _cmd_list,
        "show": _cmd_show,
        "score": _cmd_score,
        "schema": _cmd_schema,
    }
    try:
        return commands[args.command](args)
    except _UsageError as exc:
        print(f"circular-ict {args.command}: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:
        from .errors import CircularIctError

        kind = "error" if isinstance(exc, (CircularIctError, OSError)) else "internal error"
        print(f"circular-ict {args.command}: {kind}: {exc}", file=sys.stderr)
        if kind == "internal error":
            print("please report this at the project's issue tracker, with the command and input", file=sys.stderr)
        return EXIT_INTERNAL


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())


if __name__ == "__main__":
    run()
