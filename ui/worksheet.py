"""One tool worksheet of the current group: loaded from the store, saved on every change.

The store is the source of truth; session state only keeps the last saved copy, its version and a
generation number that is part of every widget key, so loading other data resets the widgets.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

import streamlit as st
from pydantic import ValidationError

from kamcore.i18n import explain, t
from kamcore.store import PORTFOLIO, Account, VersionConflict
from kamcore.tools import Tool
from kamcore.workshop import WorkshopError, Workspace
from ui.text import plain


class WorksheetEditor:
    def __init__(self, workspace: Workspace, tool: Tool, method: Any, lang: str,
                 blank: Callable[[], dict[str, Any]], account_key: str = PORTFOLIO):
        self.workspace, self.tool, self.method, self.lang = workspace, tool, method, lang
        self.account_key = account_key
        self._key = f"ws.{tool.id}.{workspace.group.id}.{account_key}"
        if self._key not in st.session_state:
            st.session_state[self._key] = {"gen": 0, "problems": [], "conflict": False}
            self._load(blank)

    # -- state ---------------------------------------------------------------------------------------

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
    def overrides_json(self) -> str:
        """The workshop's changes to this tool's method, as a cache key for figures built from it."""
        return json.dumps(self.workspace.workshop.overrides(self.tool.id), sort_keys=True)

    def key(self, *parts: object) -> str:
        """A widget key unique to this worksheet and its current generation."""
        return ".".join([self._key, str(self._state["gen"]), *map(str, parts)])

    def _load(self, blank: Callable[[], dict[str, Any]] | None = None) -> None:
        saved = self.workspace.worksheet(self.tool.id, self.account_key)
        self._state["data"] = saved.data if saved else blank()
        self._state["version"] = saved.version if saved else 0
        self._state["saved_at"] = saved.updated_at if saved else None
        self._state["gen"] += 1
        self._state["conflict"] = False

    # -- changes -------------------------------------------------------------------------------------

    def commit(self, data: dict[str, Any], accounts: Callable[[Any], list[Account]] = lambda _: []) -> bool:
        """Validate and save `data`; on bad input or a conflict keep what is saved and say why."""
        try:
            model = self.tool.validate(data, self.method)
        except ValidationError as error:
            self._state["problems"] = explain(error, self.lang)
            return False
        if model.model_dump(mode="json") == self.data:  # e.g. a blank row added to a table
            self._state["problems"] = []
            return True
        try:
            saved = self.workspace.save(self.tool.id, model, self.version, self.account_key, accounts(model))
        except VersionConflict:
            self._state["conflict"] = True
            return False
        except WorkshopError as error:
            self._state["problems"] = [t(self.lang, error.key, **error.values)]
            return False
        self._state.update(data=saved.data, version=saved.version, saved_at=saved.updated_at,
                           problems=[], conflict=False)
        return True

    def replace(self, data: dict[str, Any], **kwargs: Any) -> bool:
        """Commit wholly new data (an example, a reset) and rebuild every widget from it."""
        done = self.commit(data, **kwargs)
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

    def set_value(self, path: list[Any], value: Any, rebuild: bool = False, **kwargs: Any) -> None:
        """Put `value` at `path` in the data and commit; `rebuild` redraws the widgets afterwards."""
        data = copy.deepcopy(self.data)
        target = data
        for step in path[:-1]:
            target = target.setdefault(step, {}) if isinstance(target, dict) else target[step]
        target[path[-1]] = value
        if not self.commit(data, **kwargs) or rebuild:
            self.rebuild()  # on failure the widgets show the saved values again

    def reload(self) -> None:
        self._load()

    def rebuild(self) -> None:
        """Redraw every widget from the saved data."""
        self._state["gen"] += 1

    def table_base(self, name: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The rows a table editor started from in this generation (its edits are relative to them)."""
        bases = self._state.setdefault("tables", {})
        gen, base = bases.get(name, (None, None))
        if gen != self._state["gen"]:
            bases[name] = (self._state["gen"], rows)
            base = rows
        return base

    # -- display -------------------------------------------------------------------------------------

    def status(self) -> None:
        """Problems with the last change, a conflict with its way out, or when the work was saved."""
        state = self._state
        if self.workspace.workshop.locked(self.tool.id) and not self.workspace.trainer:
            st.info(t(self.lang, "workshop.locked"), icon=":material/lock:")
        for problem in state["problems"]:
            st.error(plain(problem), icon=":material/error:")
        if state["conflict"]:
            st.warning(t(self.lang, "worksheet.conflict"), icon=":material/sync_problem:")
            st.button(t(self.lang, "worksheet.load_newer"), key=self.key("reload"), on_click=self.reload)
        elif state["saved_at"] is not None:
            st.caption(t(self.lang, "worksheet.saved", version=self.version,
                         time=state["saved_at"].astimezone().strftime("%H:%M:%S")))
        else:  # a caption either way, so the first save does not shift the page under the typist
            st.caption(t(self.lang, "worksheet.unsaved"))
