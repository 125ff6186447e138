"""One tool worksheet of the current group: loaded from the store, saved field by field on every change.

The store is the source of truth. Session state keeps the version this device last saw (its base);
a change is sent as the fields that differ from that base and merged onto the newest version, so
two devices of a group changing different fields never conflict. Widget keys carry a revision per
field: when another device changes a field, only that field's widget is redrawn, and nothing the
person is typing elsewhere on the page is disturbed.
"""

from __future__ import annotations

import copy
import functools
import json
from collections.abc import Callable
from datetime import datetime
from typing import Any

import streamlit as st
from pydantic import ValidationError

from kamcore.fields import describe
from kamcore.i18n import explain, t
from kamcore.merge import MISSING, Change, Conflict, diff
from kamcore.store import PORTFOLIO, FieldConflict, Worksheet
from kamcore.tools import TOOLS, Tool
from kamcore.workshop import WorkshopError, Workspace
from ui.text import plain

EDITOR_PREFIX = "ws."
DRAWN_KEY = "ws.drawn"  # the editors the page drew in its last full run: only those are followed
REVISION_KEY = "ws.revision"  # (group id, revision) the group was at when this run began


class WorksheetEditor:
    def __init__(self, workspace: Workspace, tool: Tool, method: Any, lang: str,
                 blank: Callable[[], dict[str, Any]], account_key: str = PORTFOLIO, drawn: bool = True):
        """`drawn`: the page shows this worksheet now, so it follows the group from here on."""
        self.workspace, self.tool, self.method, self.lang = workspace, tool, method, lang
        self.account_key = account_key
        self._key = f"{EDITOR_PREFIX}{tool.id}.{workspace.group.id}.{account_key}"
        if self._key not in st.session_state:
            st.session_state[self._key] = {"gen": 0, "problems": [], "conflicts": None, "revs": {}, "tables": {},
                                           "tool": tool.id, "account": account_key, "seen": None}
            self._state["blank"] = blank()
            self._take(self.workspace.worksheet(tool.id, account_key))
        if drawn:
            st.session_state.setdefault(DRAWN_KEY, set()).add(self._key)
            self.follow()

    # -- state ---------------------------------------------------------------------------------------

    @classmethod
    def reopen(cls, workspace: Workspace, key: str) -> WorksheetEditor:
        """The editor behind an existing session-state key (for following other devices' changes)."""
        state = st.session_state[key]
        return cls(workspace, TOOLS[state["tool"]], None, "", blank=dict, account_key=state["account"], drawn=False)

    @property
    def _state(self) -> dict[str, Any]:
        return st.session_state[self._key]

    @property
    def data(self) -> dict[str, Any]:
        return self._state["data"]

    @property
    def version(self) -> int:
        return self._state["version"]

    @property
    def disabled(self) -> bool:
        """Whether this page's inputs for the worksheet are off: the tool is locked or the workshop archived
        (the room bar says which, at the top; saving refuses on the server either way)."""
        return not self.workspace.writable(self.tool.id)

    @property
    def overrides_json(self) -> str:
        """The workshop's changes to this tool's method, as a cache key for figures built from it."""
        return json.dumps(self.workspace.workshop.overrides(self.tool.id), sort_keys=True)

    def key(self, *parts: object) -> str:
        """A widget key for the field named by `parts`; it changes when another device changes that field."""
        names = set(map(str, parts))
        revision = sum(n for signature, n in self._state["revs"].items() if set(signature) <= names)
        return ".".join([self._key, f"{self._state['gen']}r{revision}", *map(str, parts)])

    def field_key(self, kind: str, path: list[Any]) -> str:
        """A widget key for the field at `path`, with rows named by their key rather than their
        position, so another device's change to that field redraws just this widget."""
        return self.key(kind, *self._named(path))

    def _named(self, path: list[Any]) -> tuple[str, ...]:
        """`path` with list positions replaced by the keys of the rows they point at."""
        parts, node = [], self.data
        for step in path:
            node = _child(node, step)
            parts.append(_row_key(node) if isinstance(step, int) else str(step))
        return tuple(parts)

    def table_key(self, name: str) -> str:
        """A table editor's key; it changes when another device changes that table."""
        revision = self._state["tables"].get(name.split(".")[0], 0)
        return ".".join([self._key, f"{self._state['gen']}t{revision}", "table", name])

    def _take(self, saved: Worksheet | None) -> None:
        self._state["data"] = saved.data if saved else copy.deepcopy(self._state["blank"])
        self._state["version"] = saved.version if saved else 0
        self._state["saved_at"] = saved.updated_at if saved else None

    def _redraw(self, changes: list[Change]) -> None:
        """New keys for the widgets of fields that changed under this device's feet."""
        revs, tables = self._state["revs"], self._state["tables"]
        for change in changes:
            signature = tuple(map(str, change.path[1:] if len(change.path) > 1 else change.path))
            revs[signature] = revs.get(signature, 0) + 1
            tables[str(change.path[0])] = tables.get(str(change.path[0]), 0) + 1

    def follow(self, now: bool = False) -> bool:
        """Take what other devices saved since this one last looked, if the group's work moved since
        (or `now`, whatever the revision says). True if anything changed."""
        group, revision = st.session_state.get(REVISION_KEY, (None, None))
        if not now and (group != self.workspace.group.id or self._state["seen"] == revision):
            return False
        self._state["seen"] = revision
        saved = self.workspace.worksheet(self.tool.id, self.account_key)
        if saved is None or saved.version == self.version or self._state["conflicts"]:
            return False
        self._redraw(diff(self.data, saved.data))
        self._take(saved)
        return True

    # -- changes -------------------------------------------------------------------------------------

    def commit(self, data: dict[str, Any]) -> bool:
        """Validate `data` and save what differs from this device's base; on bad input or a conflict
        keep what is saved and say why."""
        try:
            intended = self.tool.validate(data, self.method).model_dump(mode="json")
        except ValidationError as error:
            self._state["problems"] = explain(error, self.lang)
            return False
        changes = diff(self.data, intended)
        if not changes:  # e.g. a blank row added to a table
            self._state["problems"] = []
            return True
        return self._send(changes, intended)

    def _send(self, changes: list[Change], intended: dict[str, Any], force: bool = False) -> bool:
        try:
            saved = self.workspace.save_changes(self.tool.id, changes, self._state["blank"], self.method,
                                                self.account_key, force)
        except FieldConflict as conflict:
            self._state["conflicts"] = {"changes": changes, "intended": intended, "fields": conflict.conflicts}
            return False
        except ValidationError as error:  # mine is valid alone, but not on top of what others saved
            self._state["problems"] = explain(error, self.lang)
            return False
        except WorkshopError as error:
            self._state["problems"] = [error.text(self.lang)]
            return False
        self._redraw(diff(intended, saved.data))  # what others saved meanwhile, merged in
        self._take(saved)
        self._state.update(problems=[], conflicts=None)
        return True

    def add_problems(self, problems: list[str]) -> None:
        self._state["problems"] = [*self._state["problems"], *problems]

    def settle(self) -> None:
        """Forget a refused background change: no message, and what is stored now is shown."""
        self._state["problems"] = []
        if self._state["conflicts"]:
            self.take_theirs()

    def keep_mine(self) -> None:
        pending = self._state["conflicts"]
        if pending:
            self._send(pending["changes"], pending["intended"], force=True)

    def take_theirs(self) -> None:
        pending = self._state["conflicts"]
        self._state["conflicts"] = None
        if pending:
            self._redraw([Change(c.path, c.mine, c.theirs) for c in pending["fields"]])
        self.follow(now=True)

    def replace(self, data: dict[str, Any]) -> bool:
        """Commit wholly new data (an example, a reset) and rebuild every widget from it."""
        done = self.commit(data)
        self.rebuild()
        return done

    def set_from_widget(self, path: list[Any], widget_key: str, **kwargs: Any) -> None:
        """on_change callback: put the widget's value at `path` in the data and commit."""
        self.set_value(path, st.session_state[widget_key], **kwargs)

    def set_member(self, path: list[Any], member: str, widget_key: str, **kwargs: Any) -> None:
        """on_change callback of a checkbox: add `member` to the list at `path`, or take it out."""
        current = self.data
        for step in path:
            current = current[step]
        others = [m for m in current if m != member]
        self.set_value(path, [*others, member] if st.session_state[widget_key] else others, **kwargs)

    def set_value(self, path: list[Any], value: Any, rebuild: bool = False) -> None:
        """Put `value` at `path` in the data and commit; `rebuild` redraws the widgets afterwards.
        Bad input redraws them from what is saved; a conflict leaves the person's value on screen."""
        data = copy.deepcopy(self.data)
        target = data
        for step in path[:-1]:
            target = target.setdefault(step, {}) if isinstance(target, dict) else target[step]
        target[path[-1]] = value
        self.commit_or_restore(data)
        if rebuild:
            self.rebuild()

    def commit_or_restore(self, data: dict[str, Any]) -> bool:
        """Commit; on bad input redraw the widgets from what is saved, but on a conflict leave the
        person's value on screen until they choose."""
        done = self.commit(data)
        if not done and not self._state["conflicts"]:
            self.rebuild()
        return done

    def rebuild(self) -> None:
        """Redraw every widget from the saved data."""
        self._state["gen"] += 1

    # -- panels: the part of a page a control redraws ----------------------------------------------------

    current_panel: str | None = None  # the panel being drawn: its controls' callbacks name it

    def panel(self, name: str, draw: Callable[..., None], *args: Any) -> None:
        """Draw `draw(*args)` as a panel: a fragment of its own, so a control in it whose change is saved as
        sent reruns the panel and the status line alone, not the page around them (`changed_in`)."""
        st.fragment(self._in_panel, key=f"{self._key}.panel.{name}")(name, draw, *args)

    def _in_panel(self, name: str, draw: Callable[..., None], *args: Any) -> None:
        self.current_panel = name
        try:
            draw(*args)
        finally:
            self.current_panel = None

    def bound(self, change: Callable[..., Any], *args: Any) -> dict[str, Any]:
        """A control's on_change and args, for a control that saves to this worksheet by `change(*args)`: in a
        panel, a change saved as sent reruns just the panel and the status line (every control in a panel
        saves this way, or the status line would not show what came of its change)."""
        return {"on_change": self.changed_in, "args": (self.current_panel, functools.partial(change, *args))}

    def changed_in(self, panel: str | None, change: Callable[[], Any]) -> None:
        """From a control's callback: make the change; then, for a control in a panel, rerun only the status
        line and that panel if the change was saved exactly as sent. Refused, in conflict, merged with another
        device's work or rebuilt, or shown beside the trainer's revealed model answer: the whole page is
        redrawn, since more than the panel shows it."""
        before = self._drawn_as()
        change()
        if panel is None:
            return  # the control's own fragment reruns, as Streamlit does by default
        alone = (self._drawn_as() == before and not self._state["problems"] and not self._state["conflicts"]
                 and not self.workspace.workshop.revealed(self.tool.id))
        st.rerun([f"{self._key}.status", f"{self._key}.panel.{panel}"] if alone else "app")

    def _drawn_as(self) -> tuple[Any, ...]:
        """What the widgets' keys are made of: unchanged, no widget outside a panel needs redrawing."""
        state = self._state
        return state["gen"], dict(state["revs"]), dict(state["tables"])

    def table_base(self, key: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The rows a table editor (by its key) started from (its edits are relative to them)."""
        bases = self._state.setdefault("bases", {})
        if key not in bases:
            bases.clear() if len(bases) > 20 else None
            bases[key] = rows
        return bases[key]

    # -- display -------------------------------------------------------------------------------------

    def status(self) -> None:
        """Problems with the last change, a conflict with its ways out, or when the work was saved; in a
        fragment of its own, so a change in a panel can redraw it without the page (see `panel`)."""
        st.fragment(self._status, key=f"{self._key}.status")()

    def _status(self) -> None:
        state = self._state
        for problem in state["problems"]:
            st.error(plain(problem), icon=":material/error:")
        if state["conflicts"]:
            self._conflict(state["conflicts"]["fields"])
        elif state["saved_at"] is not None:
            st.caption(t(self.lang, "worksheet.saved", version=self.version, time=_clock(state["saved_at"])))
        else:  # a caption either way, so the first save does not shift the page under the typist
            st.caption(t(self.lang, "worksheet.unsaved"))

    def _conflict(self, fields: list[Conflict], where: str = "top") -> None:
        """Which fields, both values, and the two ways out; shown at the top of the page and again
        beside the field itself, where a phone's screen is when the person made the change."""
        with st.container(border=True):
            st.warning(t(self.lang, "worksheet.conflict"), icon=":material/sync_problem:")
            for field in fields:
                st.markdown(t(self.lang, "worksheet.conflict_field", field=plain(self.describe(field.path)),
                              mine=plain(_shown(field.mine, self.lang)), theirs=plain(_shown(field.theirs, self.lang))))
            mine, theirs = st.columns(2)
            mine.button(t(self.lang, "worksheet.keep_mine"), key=self.key(where, "keep_mine"),
                        on_click=self._resolve, args=(self.keep_mine,), icon=":material/person:", width="stretch")
            theirs.button(t(self.lang, "worksheet.take_theirs"), key=self.key(where, "take_theirs"),
                          on_click=self._resolve, args=(self.take_theirs,), icon=":material/groups:",
                          width="stretch")

    @staticmethod
    def _resolve(choice: Callable[[], None]) -> None:
        """A conflict's way out, from its button: the whole page shows the outcome, not just the panel
        the button is drawn in."""
        choice()
        st.rerun()

    def conflict_beside(self, path: list[Any]) -> None:
        """The conflict panel under the widget of the field at `path`, if that field is in conflict."""
        pending = self._state["conflicts"]
        if not pending:
            return
        here = self._named(path)
        fields = [f for f in pending["fields"] if tuple(map(str, f.path)) == here]
        if fields:
            self._conflict(fields, where="beside." + ".".join(here))

    def describe(self, path: tuple[Any, ...]) -> str:
        return describe(self.data, path, self.lang)


def _child(node: Any, step: Any) -> Any:
    if isinstance(node, list) and isinstance(step, int) and step < len(node):
        return node[step]
    return node.get(step, {}) if isinstance(node, dict) else {}


def _row_key(row: Any) -> str:
    return str(row.get("key") or row.get("id")) if isinstance(row, dict) else ""


def _shown(value: Any, lang: str) -> str:
    if value is MISSING or value is None or value == "":
        return t(lang, "worksheet.empty_value")
    if isinstance(value, float) and value.is_integer():
        return f"{value:g}"
    return str(value)


def _clock(moment: datetime) -> str:
    return moment.astimezone().strftime("%H:%M:%S")


def follow_drawn(workspace: Workspace, revision: int, full_run: bool) -> bool:
    """Note the group's revision for this run and let the editors the page drew last follow it;
    a full run starts a new record of what it draws. True if any of them changed."""
    st.session_state[REVISION_KEY] = (workspace.group.id, revision)
    drawn = st.session_state.get(DRAWN_KEY, set())
    if full_run:
        st.session_state[DRAWN_KEY] = set()
        return False  # the page follows as it draws each editor
    moved = [WorksheetEditor.reopen(workspace, key).follow() for key in drawn if key in st.session_state]
    return any(moved)  # every editor follows: no short cut after the first that moved
