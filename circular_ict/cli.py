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
        description="Circular and climate-neutral ICT procurement: validate criteria, tenders and bids; browse, "
        "select and combine criteria; score bids; render and export tenders.",
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
    sc.add_argument(
        "--evaluated-on",
        metavar="DATE",
        help="the evaluation date (YYYY-MM-DD) for a tender without a date; never taken from the clock",
    )
    sc.add_argument(
        "--verify",
        metavar="SAVED",
        help="re-run the evaluation and check it against SAVED (a --format json output): the input hashes and "
        "the results byte for byte; exit 0 when identical, 1 with what differs",
    )

    s = sub.add_parser("schema", help="print the JSON Schema of a file format")
    s.add_argument(
        "--type",
        default="criteria-set",
        dest="doc_type",
        metavar="TYPE",
        help="the document type, e.g. criteria-set, tender, bid (default: criteria-set)",
    )
    _add_tender_commands(sub)
    _add_select_combine(sub)
    return parser


def _add_select_combine(sub: Any) -> None:
    sel = sub.add_parser(
        "select",
        help="make a criteria set from library sets, by product group, CPV code, level, theme and kind",
        description="Select criteria from criteria sets (bundled set ids or files; every bundled set when no --set "
        "is given) into a new, valid criteria set. Filters combine (AND); repeat a filter or separate values by "
        "commas to allow several values (OR). --level is cumulative: 'significant' includes the basic criteria, "
        "except those a stricter criterion on the same metric replaces. Writes the set to FILE (and the report "
        "to standard output), or prints the set (and the report to standard error).",
    )
    sel.add_argument("--set", action="append", default=[], dest="sets", metavar="ID_OR_FILE")
    sel.add_argument("--product-group", "-p", action="append", default=[], metavar="ID")
    sel.add_argument("--cpv", metavar="CODE", help="a tender CPV code, e.g. 30213100-6 (prefix rule)")
    sel.add_argument(
        "--level", "-l", choices=LEVELS_CHOICES, metavar="LEVEL", help="basic, significant or ambitious (cumulative)"
    )
    sel.add_argument("--theme", "-t", action="append", default=[], metavar="THEME")
    sel.add_argument("--kind", "-k", action="append", default=[], metavar="KIND")
    sel.add_argument("--criterion", action="append", default=[], metavar="ID", help="keep only these criteria")
    sel.add_argument("--exclude", action="append", default=[], metavar="ID", help="leave these criteria out")
    sel.add_argument("--set-id", default="selection", metavar="ID", help="the id of the new set (default: selection)")
    sel.add_argument("-o", "--output", metavar="FILE", help="write the new set to FILE")
    sel.add_argument("--report", choices=("text", "json"), default="text", help="report format (default: text)")

    com = sub.add_parser(
        "combine",
        help="merge criteria sets, deduplicating and resolving conflicts",
        description="Merge criteria sets (files or bundled set ids) into one valid set. Two criteria conflict "
        "when they constrain the same metric for a common product group with the same kind and different "
        "bounds; by default a conflict stops the merge (exit 1) with a report. Contradictions inside the "
        "result (a minimum above a maximum, a pointless award criterion) are reported.",
    )
    com.add_argument("sets", nargs="+", metavar="SET", help="criteria-set files or bundled set ids")
    com.add_argument(
        "--on-conflict",
        choices=("error", "strictest", "first", "last"),
        default="error",
        help="error (default), strictest, first or last",
    )
    com.add_argument("--set-id", default="combined", metavar="ID", help="the id of the new set (default: combined)")
    com.add_argument("-o", "--output", metavar="FILE", help="write the new set to FILE")
    com.add_argument("--report", choices=("text", "json"), default="text", help="report format (default: text)")
    com.add_argument("--strict", action="store_true", help="treat contradictions as errors (exit 1, nothing written)")


def _add_tender_commands(sub: Any) -> None:
    """The ``tender`` command group. Each sub-command sets ``tender_handler``; add new ones here."""
    tender = sub.add_parser(
        "tender",
        help="work with a tender file: check it, render it as tender text, export it as eForms or OCDS",
        description="Commands on a tender file. Run 'circular-ict tender COMMAND --help' for each.",
    )
    tsub = tender.add_subparsers(dest="tender_command", metavar="COMMAND", parser_class=_Parser, required=True)
    _add_tender_check(tsub)
    _add_tender_render(tsub)
    _add_tender_export(tsub)


def _add_tender_check(tsub: Any) -> None:
    c = tsub.add_parser(
        "check",
        help="check a tender file and print every problem",
        description="Validate a tender file with all checks: structure, references to the bundled library, "
        "parameters, weights, price and life-cycle-cost inputs. Exit 0 when valid, 1 when it has errors.",
    )
    c.add_argument("tender", metavar="TENDER", help="the tender file")
    c.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    c.add_argument("--strict", action="store_true", help="treat warnings as errors (exit 1)")
    c.set_defaults(tender_handler=_cmd_tender_check)


def _add_tender_export(tsub: Any) -> None:
    e = tsub.add_parser(
        "export",
        help="export a tender as eForms fields (JSON or UBL XML) or an OCDS release fragment",
        description="Write each lot's eForms fields (BT-06, BT-774, BT-805 and the award criteria BT-539, "
        "BT-734, BT-540, BT-541, BT-5421/5422/5423, BT-543) as JSON or as the UBL XML fragment of a contract "
        "notice, or the tender as an OCDS 1.1 release fragment (lots, award criteria breakdown, sustainability).",
    )
    e.add_argument("tender", metavar="TENDER", help="the tender file")
    e.add_argument("--format", choices=("eforms", "eforms-xml", "ocds"), default="eforms", help="default: eforms")
    e.add_argument("--lang", help="for ocds: the language of the texts (default: the tender's first language)")
    e.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of printing")
    e.set_defaults(tender_handler=_cmd_tender_export)


def _add_tender_render(tsub: Any) -> None:
    r = tsub.add_parser(
        "render",
        help="render a tender as tender text (Markdown, HTML or Word)",
        description="Write the tender's text: lots, selection criteria, technical specifications, award "
        "criteria with weights and formulas, contract clauses and sources, in English or Dutch.",
    )
    r.add_argument("tender", metavar="TENDER", help="the tender file")
    r.add_argument("--format", choices=("md", "html", "docx"), default="md", help="output format (default: md)")
    r.add_argument("--lang", choices=("en", "nl"), default="en", help="language of the text (default: en)")
    r.add_argument("-o", "--output", metavar="FILE", help="write to FILE (required for docx)")
    r.set_defaults(tender_handler=_cmd_tender_render)


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
    from .scoring.api import EvaluationDateError, score

    if args.format == "xlsx" and not args.output:
        raise _UsageError("--format xlsx needs --output FILE")
    evaluated_on = None
    if args.evaluated_on is not None:
        import datetime as dt

        try:
            evaluated_on = dt.date.fromisoformat(args.evaluated_on)
        except ValueError:
            raise _UsageError(f"--evaluated-on {args.evaluated_on!r} is not a date YYYY-MM-DD") from None
    if args.verify is not None:
        return _verify_score(args, evaluated_on)
    try:
        ev = score(args.tender, args.bids, lot=args.lot, evaluated_on=evaluated_on)
    except DocumentError as exc:
        sys.stdout.write(exc.report.render("text"))
        return EXIT_INVALID
    except EvaluationDateError as exc:
        raise _UsageError(str(exc)) from None
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


def _verify_score(args: argparse.Namespace, evaluated_on: Any) -> int:
    """``score --verify SAVED``: re-run with the saved lot and date, compare hashes and results."""
    from pathlib import Path

    from .audit import SavedEvaluationError, saved_arguments, verify
    from .errors import DocumentError
    from .scoring.api import EvaluationDateError, score

    saved_text = Path(args.verify).read_bytes().decode("utf-8", errors="replace")
    try:
        lot, saved_date = saved_arguments(saved_text)
    except SavedEvaluationError as exc:
        print(f"circular-ict score: {args.verify}: {exc}", file=sys.stderr)
        return EXIT_INVALID
    try:
        ev = score(args.tender, args.bids, lot=args.lot or lot, evaluated_on=evaluated_on or saved_date)
    except DocumentError as exc:
        sys.stdout.write(exc.report.render("text"))
        return EXIT_INVALID
    except EvaluationDateError as exc:
        raise _UsageError(str(exc)) from None
    result = verify(saved_text, ev)
    sys.stdout.write(result.to_text())
    return EXIT_OK if result.identical else EXIT_INVALID


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


def _cmd_tender(args: argparse.Namespace) -> int:
    handler: Any = args.tender_handler  # set by the sub-command (see _add_tender_commands)
    result: int = handler(args)
    return result


def _cmd_tender_render(args: argparse.Namespace) -> int:
    from .errors import DocumentError
    from .exports.tender_text import tender_document
    from .safeio import write_bytes_atomic, write_text_atomic
    from .validation import load_tender

    if args.format == "docx" and not args.output:
        raise _UsageError("--format docx needs --output FILE")
    try:
        tender = load_tender(args.tender)
    except DocumentError as exc:
        sys.stdout.write(exc.report.render("text"))
        return EXIT_INVALID
    if args.lang not in tender.languages:
        raise _UsageError(f"the tender has no texts in {args.lang!r}; its languages: {', '.join(tender.languages)}")
    document = tender_document(tender, args.lang)
    if args.format == "docx":
        from .exports.docx import document_docx

        write_bytes_atomic(args.output, document_docx(document))
    elif args.output:
        write_text_atomic(args.output, document.render(args.format))
    else:
        sys.stdout.write(document.render(args.format))
        return EXIT_OK
    print(f"wrote {args.output}", file=sys.stderr)
    return EXIT_OK


def _cmd_tender_check(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .diagnostics import Report
    from .reporters import render
    from .validation import load_document

    _model, report = load_document(Path(args.tender), expect="tender")
    sys.stdout.write(render(Report.of([report]), args.format))
    if not report.valid or (args.strict and report.warnings):
        return EXIT_INVALID
    return EXIT_OK


def _cmd_tender_export(args: argparse.Namespace) -> int:
    import json

    from .errors import DocumentError
    from .exports.eforms import ExportError, eforms_json, eforms_xml
    from .exports.ocds import ocds_release_fragment
    from .safeio import write_text_atomic
    from .validation import load_tender

    try:
        tender = load_tender(args.tender)
    except DocumentError as exc:
        sys.stdout.write(exc.report.render("text"))
        return EXIT_INVALID
    if args.lang is not None and (args.format != "ocds" or args.lang not in tender.languages):
        raise _UsageError(
            "--lang is for --format ocds, and must be one of the tender's languages: " + ", ".join(tender.languages)
        )
    try:
        if args.format == "eforms-xml":
            text = eforms_xml(tender)
        elif args.format == "ocds":
            text = json.dumps(ocds_release_fragment(tender, lang=args.lang), indent=2, ensure_ascii=False) + "\n"
        else:
            text = json.dumps(eforms_json(tender), indent=2, ensure_ascii=False) + "\n"
    except ExportError as exc:
        print(f"circular-ict tender export: error: {exc}", file=sys.stderr)
        return EXIT_INVALID
    if args.output:
        write_text_atomic(args.output, text)
        print(f"wrote {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return EXIT_OK


def _criteria_sets(names: Sequence[str]) -> list[Any]:
    """Criteria sets named on the command line: a file (a path, or a name ending in .yaml/.yml), else a bundled id.

    Raises :class:`~circular_ict.errors.DocumentError` for an invalid file, and a usage error for an unknown id.
    """
    from pathlib import Path

    from .catalogue import load_bundled_set
    from .validation import load_criteria_set

    found = []
    for name in names:
        if name.endswith((".yaml", ".yml")) or Path(name).is_file() or "/" in name:
            found.append(load_criteria_set(name))
            continue
        try:
            found.append(load_bundled_set(name))
        except KeyError as exc:
            raise _UsageError(f"{exc.args[0]} (give a file ending in .yaml, or a bundled set id)") from None
    return found


def _write_set(model: Any, output: str | None, report: str) -> None:
    """The new set to ``output`` (the report to standard output), or the set to standard output (the report to
    standard error)."""
    from .safeio import write_text_atomic
    from .serialize import dumps

    if output:
        write_text_atomic(output, dumps(model))
        sys.stdout.write(report)
        print(f"wrote {output}", file=sys.stderr)
    else:
        sys.stdout.write(dumps(model))
        sys.stderr.write(report)


def _cmd_select(args: argparse.Namespace) -> int:
    from .errors import CircularIctError, DocumentError
    from .select import select

    try:
        sets = _criteria_sets(args.sets) if args.sets else None
        result = select(
            sets,
            product_groups=_split(args.product_group),
            cpv=args.cpv,
            level=args.level,
            themes=_split(args.theme),
            kinds=_split(args.kind),
            ids=_split(args.criterion),
            exclude=_split(args.exclude),
            set_id=args.set_id,
        )
    except DocumentError as exc:
        sys.stdout.write(exc.report.render("text"))
        return EXIT_INVALID
    except ValueError as exc:
        raise _UsageError(str(exc)) from None
    except CircularIctError as exc:
        print(f"circular-ict select: {exc}", file=sys.stderr)
        return EXIT_INVALID
    _write_set(result.criteria_set, args.output, result.to_json() if args.report == "json" else result.to_text())
    return EXIT_OK


def _cmd_combine(args: argparse.Namespace) -> int:
    from .combine import CombineConflictError, combine
    from .errors import CircularIctError, DocumentError

    try:
        result = combine(*_criteria_sets(args.sets), on_conflict=args.on_conflict, set_id=args.set_id)
    except DocumentError as exc:
        sys.stdout.write(exc.report.render("text"))
        return EXIT_INVALID
    except CombineConflictError as exc:
        sys.stdout.write(exc.result.to_json() if args.report == "json" else exc.result.to_text())
        return EXIT_INVALID
    except CircularIctError as exc:
        print(f"circular-ict combine: {exc}", file=sys.stderr)
        return EXIT_INVALID
    report = result.to_json() if args.report == "json" else result.to_text()
    if args.strict and result.contradictions:
        sys.stdout.write(report)
        print("circular-ict combine: contradictions found (--strict); nothing written", file=sys.stderr)
        return EXIT_INVALID
    assert result.criteria_set is not None
    _write_set(result.criteria_set, args.output, report)
    return EXIT_OK


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
        "tender": _cmd_tender,
        "select": _cmd_select,
        "combine": _cmd_combine,
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
