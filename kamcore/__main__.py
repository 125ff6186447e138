"""Command line: python -m kamcore [TOOL example|schema|evaluate FILE].

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
    args = _parser().parse_args(argv)
    if args.tool is None:
        for tool in TOOLS.values():
            title = tool.method().title
            print(f"{tool.id:24} {title.en} · {title.zh}")
        return 0
    tool = TOOLS[args.tool]
    if args.action == "example":
        _print(tool.example(tool.method()))
    elif args.action == "schema":
        _print(tool.input_model.model_json_schema())
    else:
        return _evaluate(tool, args.file, args.lang)
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m kamcore", description="KAM workshop course tools")
    parser.add_argument("--lang", choices=LANGS, default="en", help="language of error messages")
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


def _read_json(path: str) -> Any:
    if path == "-":
        return json.loads(sys.stdin.read())
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def _print(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    sys.exit(main())
