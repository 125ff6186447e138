"""All groups side by side, per tool: what the projector shows and what a revealed model answer shows.

Each tool's record says what one summary row holds (its key figures and verdict, in the reader's
language) and which scores a worksheet gives; this module finds the worksheets that compute, lays the
rows out, and finds where groups scoring the same account disagree."""

from __future__ import annotations

import statistics
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any, NamedTuple

from pydantic import BaseModel, ValidationError

from kamcore.cases import cases
from kamcore.i18n import t
from kamcore.names import distinct_name, name_key
from kamcore.personal import without_personal
from kamcore.store import GroupWorksheet
from kamcore.tool import Entry
from kamcore.tools import TOOLS

__all__ = ["Disagreement", "Entry", "Found", "disagreement", "entries", "marked_same", "same_account", "summary"]


class Found(NamedTuple):
    entries: list[Entry]
    broken: int  # worksheets that do not compute under this method (e.g. after an override)
    unscored: int  # worksheets with nothing scored yet: no verdict to show


def entries(worksheets: list[GroupWorksheet], tool_id: str, method: Any,
            run: Callable[[dict[str, Any]], BaseModel] | None = None) -> Found:
    """The scored part of each worksheet (drafts and unscored rows left out) with its result.
    `run` computes one worksheet (a caller may pass a cached one); by default the tool's own."""
    tool = TOOLS[tool_id]
    run = run or (lambda data: tool.run(data, method))
    good, bad, waiting = [], 0, 0
    for w in worksheets:
        try:
            data = tool.counted_data(w.data, method)
            if data is None:
                waiting += 1
                continue
            good.append(Entry(w.group, w.account, data, run(data), w.group_id, w.account_key))
        except ValidationError:
            bad += 1
    return Found(good, bad, waiting)


def for_the_room(worksheets: list[GroupWorksheet], tool_id: str) -> list[GroupWorksheet]:
    """What the projector may show of the groups' worksheets: never people's names."""
    return [replace(w, data=without_personal(tool_id, w.data)) for w in worksheets]


def summary(tool_id: str, found: list[Entry], method: Any, lang: str) -> list[dict[str, Any]]:
    """One row per worksheet: group, account (for tools kept per account), key figures and verdict."""
    tool = TOOLS[tool_id]
    per_account = tool.scope == "account"
    return [{t(lang, "compare.group"): e.group, **({t(lang, "compare.account"): e.account} if per_account else {}),
             **tool.summary(e, method, lang)} for e in found]


# ---- where groups scoring the same account disagree ------------------------------------------------

SameAccounts = Mapping[str, str]  # an account name's name_key → the name of the account the trainer says it is


@dataclass(frozen=True)
class Disagreement:
    account: str  # as the first group to score it names it
    criterion: str  # in the reader's language
    by_group: dict[str, float]  # group → the score it gave this criterion of this account
    spread: float  # highest score − lowest
    flagged: bool  # at least the method's disagreement_spread apart: ask the outliers to explain


def same_account(key: str, name: str, same: SameAccounts | None = None) -> str:
    """What tells one customer from another across groups: a case account by its case (whatever name or
    language a group loaded it under), else its name as the trainer maps it, read like names are compared."""
    library = cases()
    if key in library:
        return f"case:{key}"
    wanted = name_key((same or {}).get(name_key(name)) or name)
    case = next((c for c in library.values() if wanted in {name_key(c.account("zh")), name_key(c.account("en"))}),
                None)
    return f"case:{case.id}" if case else f"name:{wanted}"


def marked_same(names: list[str], marked: SameAccounts | None = None) -> dict[str, str]:
    """The setting that makes accounts the trainer picked one customer: each name, read like names are
    compared, maps to the customer one of them was marked as before, else to the first one picked."""
    if len(names) < 2:
        return {}
    earlier = [(marked or {}).get(name_key(n)) for n in names]
    return dict.fromkeys((name_key(n) for n in names), next((e for e in earlier if e), names[0]))


def disagreement(found: list[Entry], tool_id: str, method: Any, lang: str,
                 same: SameAccounts | None = None) -> list[Disagreement]:
    """Per account that two or more groups scored, and per criterion, every group's score and their spread;
    a spread of at least the method's `disagreement_spread` is flagged. Flagged first, widest first.
    A group that scored one account twice (two worksheets the trainer marked the same) counts its mean."""
    tool, labels = TOOLS[tool_id], _group_labels(found)
    scores: dict[tuple[str, str], dict[int, list[float]]] = {}
    names: dict[tuple[str, str], tuple[str, str]] = {}
    for e in found:
        for s in tool.criterion_scores(e, method, lang):
            at = (same_account(s.account_key, s.account, same), s.criterion)
            names.setdefault(at, (s.account, s.label))
            scores.setdefault(at, {}).setdefault(e.group_id, []).append(s.score)
    threshold = getattr(method, "disagreement_spread", 3)
    found_gaps = []
    for at, by_group in scores.items():
        if len(by_group) < 2:
            continue  # one group's view: nothing to disagree with
        given = {labels[g]: statistics.fmean(v) for g, v in by_group.items()}
        gap = max(given.values()) - min(given.values())
        found_gaps.append(Disagreement(*names[at], given, gap, gap >= threshold))
    return sorted(found_gaps, key=lambda d: (not d.flagged, -d.spread))


def _group_labels(found: list[Entry]) -> dict[int, str]:
    """Each group's name by its id; two groups whose names read alike (a store from before names were
    unique) are told apart rather than merged."""
    labels: dict[int, str] = {}
    for e in found:
        if e.group_id not in labels:
            labels[e.group_id] = distinct_name(e.group, {name_key(n) for n in labels.values()})
    return labels
