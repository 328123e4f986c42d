"""``sphinx-claims``: the citation linter's command line (ruff's conventions).

Exit status: 0 clean (notices aside), 1 findings, 2 usage, configuration or I/O error (one
line, no traceback).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from sphinx_claims import __version__, rules
from sphinx_claims.lint import config, report

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        """Usage errors: one line and status 2, as argparse does, without the usage block."""
        self.exit(EXIT_ERROR, f"sphinx-claims: error: {message}\n")


def _codes(text: str) -> list[str]:
    return [code.strip() for code in text.split(",") if code.strip()]


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="sphinx-claims",
        description="Check that every claim in the handbook cites a source that exists.",
    )
    parser.add_argument("--version", action="version", version=f"sphinx-claims {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    check = commands.add_parser("check", help="lint MyST sources and BibTeX files")
    check.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                       help="files or folders (default: [tool.sphinx-claims] sources and bibfiles)")
    check.add_argument("--output-format", choices=report.FORMATS, default="concise")
    check.add_argument("--statistics", action="store_true", help="count findings per rule")
    check.add_argument("--exit-zero", action="store_true", help="exit 0 even with findings")
    check.add_argument("--add-noqa", action="store_true",
                       help="add a suppression comment for every finding (a first-run baseline)")
    check.add_argument("--select", type=_codes, help="rules or prefixes to enable (replaces)")
    check.add_argument("--extend-select", type=_codes, default=[], help="rules to add")
    check.add_argument("--ignore", type=_codes, default=[], help="rules or prefixes to disable")
    check.add_argument("--config", type=Path, help="pyproject.toml to read settings from")
    check.add_argument("--conf", type=Path,
                       help="Sphinx conf.py (or its folder) when it is not found by itself")
    check.add_argument("--show-settings", action="store_true",
                       help="print the settings discovered (conf.py, srcdir, bibfiles …) and exit")
    check.add_argument("--jobs", type=int, default=None, help="worker processes (default: cores)")
    check.add_argument("--output-file", "-o", type=Path, help="write the report to a file")
    check.add_argument("--no-cache", action="store_true",
                       help="parse every file (default: reuse scans of unchanged files)")

    rule = commands.add_parser("rule", help="explain one rule")
    rule.add_argument("code", help="rule code (CLM001) or name (claim-without-citation)")
    commands.add_parser("rules", help="list every rule")

    export = commands.add_parser("export", help="write claims.json from the sources")
    export.add_argument("--output", "-o", type=Path, default=Path("claims.json"),
                        help="where to write (- for standard output; default claims.json)")
    export.add_argument("--config", type=Path, help="pyproject.toml to read settings from")

    diff = commands.add_parser("diff", help="what changed between two claims registers")
    diff.add_argument("old", help="claims.json, or git:REV to export that revision's sources")
    diff.add_argument("new", help="claims.json, or git:REV")
    diff.add_argument("--format", choices=("concise", "json", "markdown"), default="concise")
    diff.add_argument("--changes", type=Path, default=None,
                      help="changes.toml whose reasons to show (default: none)")
    return parser


def explain(rule: rules.Rule) -> str:
    """The documentation of one rule, as ``sphinx-claims rule CODE`` prints it."""
    return (
        f"# {rule.code} ({rule.name})\n\n"
        f"Severity: {rule.severity}\n"
        f"Runs in: {rule.where}\n"
        f"Message: {rule.message}\n\n"
        f"## What it does\n{rule.what}\n\n"
        f"## Why is this bad?\n{rule.why}\n\n"
        f"## Example\n```markdown\n{rule.example}\n```\n"
    )


def listing() -> str:
    width = max(len(rule.name) for rule in rules.all_rules())
    return "".join(
        f"{rule.code}  {rule.severity:<7}  {rule.name:<{width}}  {rule.what}\n"
        for rule in rules.all_rules()
    )


def _find_rule(text: str) -> rules.Rule | None:
    return rules.RULES.get(text.upper()) or rules.by_name().get(text.lower())


def _write(text: str, output: Path | None) -> None:
    if output is None or str(output) == "-":
        sys.stdout.write(text)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as error:
        raise config.ConfigError(f"{output}: cannot write: {error.strerror}") from None


def _check(args: argparse.Namespace) -> int:
    from sphinx_claims.lint import runner

    cwd = Path.cwd()
    settings = config.load(
        cwd, config=args.config, conf=args.conf, select=args.select,
        extend_select=args.extend_select, ignore=args.ignore,
    )
    if args.show_settings:
        sys.stdout.write(config.describe(settings))
        return EXIT_CLEAN
    if not settings.bibfiles and not any(p.suffix == ".bib" for p in args.paths):
        print("sphinx-claims: warning: no bibliography found (no bibtex_bibfiles in conf.py or "
              "_config.yml, no bibfiles in [tool.sphinx-claims]): every cited key is unknown; "
              "run from the project or pass --conf", file=sys.stderr)
    result = runner.run(settings, cwd, args.paths, jobs=args.jobs, use_cache=not args.no_cache)
    findings = result.findings
    if args.add_noqa:
        from sphinx_claims.lint.baseline import add_noqa

        added = add_noqa(findings, cwd)
        print(f"Added {added.comments} suppression comment(s) to {added.files} file(s); "
              f"{added.skipped} finding(s) left to fix by hand.")
        return EXIT_CLEAN
    if args.statistics:
        text = report.statistics(findings, args.output_format)
    else:
        lines: dict[str, list[str]] = {}

        def source(path: str) -> list[str]:
            if path not in lines:
                try:
                    lines[path] = Path(path).read_text(encoding="utf-8").splitlines()
                except (OSError, UnicodeDecodeError):
                    lines[path] = []
            return lines[path]

        text = report.RENDERERS[args.output_format](findings, source=source)
    _write(text, args.output_file)
    for error in result.errors:
        print(f"sphinx-claims: error: {error}", file=sys.stderr)
    if result.errors:
        return EXIT_ERROR
    failed = report.failing(findings)
    return EXIT_FINDINGS if failed and not args.exit_zero else EXIT_CLEAN


def _export(args: argparse.Namespace) -> int:
    from sphinx_claims.lint import export

    cwd = Path.cwd()
    settings = config.load(cwd, config=args.config)
    text, errors = export.export(settings)
    for error in errors:
        print(f"sphinx-claims: error: {error}", file=sys.stderr)
    _write(text, args.output)
    return EXIT_ERROR if errors else EXIT_CLEAN


def _diff(args: argparse.Namespace) -> int:
    from sphinx_claims.editions import classify, history, records, render

    cwd = Path.cwd()
    try:
        old, new = records.read(args.old, cwd), records.read(args.new, cwd)
        declared = history.read_declarations(args.changes) if args.changes else None
    except history.EditionError as error:
        print(f"sphinx-claims: error: {error}", file=sys.stderr)
        return EXIT_ERROR
    sys.stdout.write(render.FORMATS[args.format](classify.diff(old, new, declared)))
    return EXIT_CLEAN


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "check":
            return _check(args)
        if args.command == "rule":
            rule = _find_rule(args.code)
            if rule is None:
                print(f"sphinx-claims: error: unknown rule '{args.code}'", file=sys.stderr)
                return EXIT_ERROR
            sys.stdout.write(explain(rule))
            return EXIT_CLEAN
        if args.command == "rules":
            sys.stdout.write(listing())
            return EXIT_CLEAN
        if args.command == "export":
            return _export(args)
        if args.command == "diff":
            return _diff(args)
        parser.print_help(sys.stderr)
        return EXIT_ERROR
    except config.ConfigError as error:
        print(f"sphinx-claims: error: {error}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # never a traceback for the user; say what broke
        print(f"sphinx-claims: internal error: {type(error).__name__}: {error}", file=sys.stderr)
        return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
