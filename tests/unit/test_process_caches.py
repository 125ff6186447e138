"""Several app processes serve one room (`dev.py serve`): what one process keeps in memory must never be
trusted for longer than the room's refresh, since another process may have written since. Every
process-wide cache is either short-lived, keyed by what it caches (a worksheet's data, a version read
from the database), or holds what never changes while the server runs (files, fonts, the engine)."""

import ast
import importlib
from pathlib import Path

from kamcore.store import REVISION_MAX_AGE

ROOT = Path(__file__).resolve().parents[2]
ROOM_REFRESH = 5  # seconds: the projector's refresh; participant pages follow every 3 s
# "module:function" → why it may live longer than the room's refresh
KEYED_OR_STATIC = {
    "ui.components:_evaluate": "keyed by the worksheet's data and the method's overrides: a pure function of them",
    "ui.components:_tool_figures": "keyed by the worksheet's data, overrides and language",
    "ui.join_slide:qr_image": "keyed by the join link",
    "ui.memory:freeze_after_first_run": "no data: runs the garbage collector once per page",
    "ui.session:_store": "the engine and its connection pool, not data",
    "ui.session:_workshop_at": "keyed by the workshop's revision as read from the database (session._current)",
    "ui.projector:_last_figures": "figures by the room's state, read afresh (ttl 2 s) on every refresh; a "
                                  "changed state is redrawn at most every FIGURE_SECONDS, as on one process",
    "kamcore.i18n:*": "the catalogs in data/i18n, files that do not change while the server runs",
    "kamcore.catalog:*": "the method files in data/methods",
    "kamcore.cases:*": "the case files in data/cases",
    "kamcore.methods.global_selection:*": "the method files in data/methods",
    "kamcore.export.design:*": "fonts and text measurements",
    "kamcore.migrations:_script": "the migration scripts in kamcore/migrations/versions",
}
CACHES = ("cache_data", "cache_resource", "cache", "lru_cache")


def _caches() -> list[tuple[str, str, float | None]]:
    """(module, function, ttl in seconds or None) of every cached function in ui/ and kamcore/."""
    found = []
    for path in sorted([*ROOT.glob("ui/**/*.py"), *ROOT.glob("kamcore/**/*.py")]):
        module = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.FunctionDef):
                continue
            for decorator in node.decorator_list:
                call = decorator if isinstance(decorator, ast.Call) else None
                name = ast.unparse(call.func if call else decorator).rsplit(".", 1)[-1]
                if name in CACHES:
                    ttl = next((k.value for k in (call.keywords if call else []) if k.arg == "ttl"), None)
                    seconds = None if ttl is None else eval(ast.unparse(ttl), vars(importlib.import_module(module)))
                    found.append((module, node.name, seconds))
    return found


def test_every_process_wide_cache_is_short_lived_or_keyed_by_what_it_holds():
    caches = _caches()
    assert ("ui.session", "_resolve", 2) in caches  # the audit sees the decorators it is about
    trusted_too_long = [f"{module}:{name} (ttl {ttl})" for module, name, ttl in caches
                        if (ttl is None or ttl > ROOM_REFRESH)
                        and f"{module}:{name}" not in KEYED_OR_STATIC and f"{module}:*" not in KEYED_OR_STATIC]
    assert not trusted_too_long, ("another process may have written since: give these a ttl of at most "
                                  f"{ROOM_REFRESH} s, key them by a version read from the database, or say in "
                                  f"KEYED_OR_STATIC why they may live longer: {trusted_too_long}")


def test_every_reason_given_is_for_a_cache_that_still_exists():
    caches = {f"{module}:{name}" for module, name, _ in _caches()} | {f"{module}:*" for module, _, _ in _caches()}
    assert set(KEYED_OR_STATIC) <= caches, sorted(set(KEYED_OR_STATIC) - caches)


def test_a_groups_revision_read_by_one_process_serves_its_devices_for_at_most_a_second():
    assert REVISION_MAX_AGE <= 1.0  # what another process wrote shows on this one's next follow refresh
