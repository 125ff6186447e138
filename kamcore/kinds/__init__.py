"""Declared tool kinds: a method file with `kind: assessment`, `matrix`, `checklist` or `log` is a
whole tool (page, computation, projector, workbook sheet, slide, archive) without Python of its own."""

from __future__ import annotations

from pathlib import Path

from kamcore.kinds import assessment, checklist, log, matrix
from kamcore.kinds.base import KIND_NAMES, Kind, build, read
from kamcore.tool import Tool

KINDS: dict[str, Kind] = {"assessment": assessment.KIND, "matrix": matrix.KIND, "checklist": checklist.KIND,
                          "log": log.KIND}
assert set(KINDS) == set(KIND_NAMES)


def is_declared(path: Path) -> bool:
    """Whether a method file declares a tool of a known kind (the five tools' own files do not)."""
    return read(path).get("kind") in KINDS


def declare(path: Path) -> Tool:
    """The tool a method file declares; ValidationError when the file does not fit its kind."""
    raw = read(path)
    if raw.get("kind") not in KINDS:
        raise ValueError(f"{path.name}: `kind` is one of {', '.join(KINDS)}")
    return build(raw, KINDS[raw["kind"]])
