"""Command line:

    python -m kamcore                                   list the tools
    python -m kamcore TOOL example|schema|evaluate FILE a tool's worked example, schema or result
    python -m kamcore export CODE --format xlsx|pptx|json -o FILE
    python -m kamcore export PERSONAL --token TOKEN ...  one personal workspace (TOKEN: the ?me= of its link)
    python -m kamcore import FILE [--token TOKEN]       restore a workshop backup or import a group's work
    python -m kamcore workshop unlock CODE              lift every PIN wait of a workshop (a locked-out trainer)
    python -m kamcore purge [--dry-run]                 delete (or list) archived workshops past KAM_RETENTION_DAYS
    python -m kamcore db upgrade|current                apply the schema migrations / show the store's revision
                                                        (KAM_DATABASE_URL's store; the app also upgrades on start)

Invalid input exits with status 2 and the problems on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from pydantic import ValidationError

from kamcore.i18n import LANGS, explain, t
from kamcore.tools import TOOLS

EXIT_INVALID = 2


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    words = [a for i, a in enumerate(argv) if not a.startswith("-") and (i == 0 or argv[i - 1] != "--lang")]
    if words[:2] == ["selection", "screen"]:
        rest = list(argv)
        rest.remove("selection")
        rest.remove("screen")
        return _screen(rest)
    if words[:2] == ["workshop", "unlock"]:
        return _unlock(argv)
    if words[:1] == ["db"]:
        return _db([a for a in argv if a != "db"])
    if words[:1] == ["purge"]:
        return _purge([a for a in argv if a != "purge"])
    if words[:1] in (["export"], ["import"]):
        command = words[0]
        rest = list(argv)
        rest.remove(command)
        return _files(command, rest)
    args = _parser().parse_args(argv)
    if args.tool is None:
        for tool in TOOLS.values():
            title = tool.method().title
            print(f"{tool.id:24} {title.en} · {title.zh}")
        return 0
    tool = TOOLS[args.tool]
    if args.action == "example":
        _print(tool.example(tool.method(), lang=args.lang))
    elif args.action == "schema":
        _print(tool.input_model.model_json_schema())
    else:
        return _evaluate(tool, args.file, args.lang)
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m kamcore", description="KAM workshop course tools")
    parser.add_argument("--lang", choices=LANGS, default="en", help="language of examples and error messages")
    parser.add_argument("tool", nargs="?", choices=sorted(TOOLS), help="tool id; omit to list the tools")
    parser.add_argument("action", nargs="?", choices=("example", "schema", "evaluate"), default="example")
    parser.add_argument("file", nargs="?", default="-", help="input JSON for evaluate; - reads stdin")
    return parser


def _evaluate(tool, path: str, lang: str) -> int:
    try:
        data = _read_json(path)
        result = tool.run(data)
    except ValidationError as error:
        for line in explain(error, lang):
            print(line, file=sys.stderr)
        return EXIT_INVALID
    except (OSError, ValueError) as error:
        print(t(lang, "cli.bad_file", path=path, detail=error), file=sys.stderr)
        return EXIT_INVALID
    _print(result.model_dump(mode="json"))
    return 0


def _files(command: str, argv: list[str]) -> int:
    """export / import, against the store KAM_DATABASE_URL (or the default data folder) points to."""
    from kamcore.export.archive import ArchiveError, read
    from kamcore.export.files import SUFFIX, import_file, workshop_file
    from kamcore.store import PERSONAL_CODE, Store
    from kamcore.workshop import WorkshopError, Workshops

    parser = argparse.ArgumentParser(prog=f"python -m kamcore {command}")
    parser.add_argument("--lang", choices=LANGS, default="en")
    if command == "export":
        parser.add_argument("code", help=f"workshop code ({PERSONAL_CODE} with --token for a personal workspace)")
        parser.add_argument("--format", choices=sorted(SUFFIX), required=True)
        parser.add_argument("-o", "--output", required=True)
    else:
        parser.add_argument("file")
    parser.add_argument("--token", help="a personal workspace's token (the ?me= part of its link), or the link")
    args = parser.parse_args(argv)
    store = Store()
    workshops = Workshops(store)
    try:
        if command == "export":
            workshop = workshops.live(args.code)
            if workshop.personal:
                from kamcore.export.files import group_file

                content = group_file(store, _personal(workshops, args.token), args.format, args.lang)
            else:
                content = workshop_file(store, workshop, args.format, args.lang)
            with open(args.output, "wb") as f:
                f.write(content)
            print(t(args.lang, "cli.exported", path=args.output, size=len(content)))
            return 0
        with open(args.file, "rb") as f:
            raw = f.read()
        into = _personal(workshops, args.token) if args.token else None
        if into is None and read(raw).kind == "group":  # a group's work goes into a new personal workspace
            into = workshops.new_personal()
        kind, outcome = import_file(store, raw, into)
        print(t(args.lang, f"cli.imported_{kind}", code=getattr(outcome, "code", ""), count=outcome))
        if kind == "group" and not args.token:
            print(t(args.lang, "access.cli_new_personal", token=into.group.token))
        return 0
    except ValidationError as error:
        for line in explain(error, args.lang):
            print(line, file=sys.stderr)
    except (ArchiveError, WorkshopError) as error:
        print(error.text(args.lang), file=sys.stderr)
    except OSError as error:
        print(t(args.lang, "cli.bad_file", path=getattr(args, "file", args.__dict__.get("output")), detail=error),
              file=sys.stderr)
    return EXIT_INVALID


def _unlock(argv: list[str]) -> int:
    """On the server only: whoever can run this can read the store anyway."""
    from kamcore.store import Store
    from kamcore.workshop import WorkshopError, Workshops

    parser = argparse.ArgumentParser(prog="python -m kamcore workshop unlock")
    parser.add_argument("--lang", choices=LANGS, default="en")
    parser.add_argument("words", nargs=2, metavar="workshop unlock")
    parser.add_argument("code", help="the workshop's join code")
    args = parser.parse_args(argv)
    try:
        workshop = Workshops(Store()).unlock(args.code)
    except WorkshopError as error:
        print(error.text(args.lang), file=sys.stderr)
        return EXIT_INVALID
    print(t(args.lang, "pin_fix.unlocked", code=workshop.code))
    return 0


def _db(argv: list[str]) -> int:
    """The store's schema: its revision, or every migration it lacks applied (kamcore/migrations)."""
    from kamcore import migrations
    from kamcore.paths import default_database_url
    from kamcore.store import make_engine

    parser = argparse.ArgumentParser(prog="python -m kamcore db")
    parser.add_argument("action", choices=("upgrade", "current"))
    args = parser.parse_args(argv)
    engine = make_engine(default_database_url())
    try:
        if args.action == "upgrade":
            migrations.upgrade(engine)
        revision = migrations.current(engine)
    finally:
        engine.dispose()
    head = migrations.head()
    print(f"{revision or 'none'} ({'head' if revision == head else f'the newest is {head}'})")
    return 0


def _purge(argv: list[str]) -> int:
    """Archived workshops whose retention period is over: listed, and deleted unless --dry-run."""
    from kamcore.paths import retention_days
    from kamcore.retention import purge
    from kamcore.store import Store

    parser = argparse.ArgumentParser(prog="python -m kamcore purge")
    parser.add_argument("--lang", choices=LANGS, default="en")
    parser.add_argument("--dry-run", action="store_true", help="list what would be deleted, delete nothing")
    args = parser.parse_args(argv)
    try:
        days = retention_days()
    except ValueError as error:
        print(error, file=sys.stderr)
        return EXIT_INVALID
    found = purge(Store(), days=days, dry_run=args.dry_run)
    for workshop in found:
        print(f"{workshop.code}\t{workshop.archived_at:%Y-%m-%d}\t{workshop.title}")
    print(t(args.lang, "data.purge_dry_run" if args.dry_run else "data.purged", count=len(found), days=days),
          file=sys.stderr)
    return 0


def _personal(workshops, token: str | None):
    """The personal workspace a token (or a link carrying ?me=) opens; WorkshopError without one."""
    from urllib.parse import parse_qs, urlsplit

    from kamcore.workshop import WorkshopError

    if token and "me=" in token:
        token = (parse_qs(urlsplit(token).query).get("me") or [""])[0]
    if not token:
        raise WorkshopError("access.cli_token_needed")
    return workshops.personal(token)


def _screen(argv: list[str]) -> int:
    """Score a whole customer base with the selection tool's default criteria and weights."""
    from kamcore.methods import selection as sel
    from kamcore.screening import (
        DELIMITER_NAMES,
        MappingError,
        guess_mapping,
        read_upload,
        screen,
        to_csv_bytes,
        to_xlsx_bytes,
    )

    parser = argparse.ArgumentParser(prog="python -m kamcore selection screen")
    parser.add_argument("--lang", choices=LANGS, default="en")
    parser.add_argument("file", help="customers as CSV or Excel")
    parser.add_argument("-o", "--output", help="ranked .csv or .xlsx; default: CSV on standard output")
    parser.add_argument("--name", help="the column with the account name")
    parser.add_argument("--map", action="append", default=[], metavar="CRITERION=COLUMN",
                        help="which column holds a criterion (columns named like a criterion map by themselves)")
    parser.add_argument("--strength", help="a column with business strength (0–10)")
    parser.add_argument("--vulnerability", help="a column with vulnerability (1–5)")
    args = parser.parse_args(argv)
    m = sel.method()
    criteria = [{"id": c.id, "weight": c.weight} for c in m.attractiveness_criteria]
    try:
        upload = read_upload(args.file, args.file)
        frame = upload.frame
        if upload.encoding:
            print(t(args.lang, "files_fix.read_as", encoding=upload.encoding,
                    delimiter=t(args.lang, f"files_fix.delimiter.{DELIMITER_NAMES[upload.delimiter]}")),
                  file=sys.stderr)
        mapping = guess_mapping(list(frame.columns), m)
        mapping.criteria.update(dict(pair.split("=", 1) for pair in args.map))
        mapping.name = args.name or mapping.name
        mapping.strength = args.strength or mapping.strength
        mapping.vulnerability = args.vulnerability or mapping.vulnerability
        result = screen(frame, mapping, criteria, m, args.lang)
    except MappingError as error:
        print(error.text(args.lang), file=sys.stderr)
        return EXIT_INVALID
    except (OSError, ValueError) as error:
        print(t(args.lang, "cli.bad_file", path=args.file, detail=error), file=sys.stderr)
        return EXIT_INVALID
    for line, reason in result.problems:
        print(t(args.lang, "screen.line", line=line, reason=reason), file=sys.stderr)
    content = (to_xlsx_bytes(result.table) if (args.output or "").lower().endswith(".xlsx")
               else to_csv_bytes(result.table))
    if args.output:
        with open(args.output, "wb") as f:
            f.write(content)
    else:
        sys.stdout.buffer.write(content)
    print(t(args.lang, "screen.scored", count=len(result.table)), file=sys.stderr)
    return 0 if len(result.table) else EXIT_INVALID


def _read_json(path: str) -> Any:
    if path == "-":
        return json.loads(sys.stdin.read())
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def _print(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    sys.exit(main())
