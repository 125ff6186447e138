"""All groups side by side, per tool: what the projector shows and what a revealed model answer shows.

Each tool gets one summary row per worksheet (its key figures and verdict, in the reader's
language); the selection tool also gets every account on one matrix and the spread of scores per
criterion, with the criteria where groups disagree most flagged for the debrief."""

from __future__ import annotations

import statistics
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any, NamedTuple

from pydantic import BaseModel, ValidationError

from kamcore.i18n import t
from kamcore.methods import competition, partnership, purchasing_portfolio, selection, value_proposition
from kamcore.methods.common import Criterion, criterion_name
from kamcore.names import distinct_name, name_key
from kamcore.personal import without_personal
from kamcore.store import GroupWorksheet
from kamcore.tools import TOOLS


@dataclass(frozen=True)
class Entry:
    """One group's computed worksheet."""

    group: str
    account: str
    data: dict[str, Any]
    result: BaseModel
    group_id: int = 0


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
            good.append(Entry(w.group, w.account, data, run(data), w.group_id))
        except ValidationError:
            bad += 1
    return Found(good, bad, waiting)


def for_the_room(worksheets: list[GroupWorksheet], tool_id: str) -> list[GroupWorksheet]:
    """What the projector may show of the groups' worksheets: never people's names."""
    return [replace(w, data=without_personal(tool_id, w.data)) for w in worksheets]


def summary(tool_id: str, found: list[Entry], method: Any, lang: str) -> list[dict[str, Any]]:
    """One row per worksheet: group, account (for tools kept per account), key figures and verdict."""
    per_account = TOOLS[tool_id].scope == "account"
    return [{t(lang, "compare.group"): e.group, **({t(lang, "compare.account"): e.account} if per_account else {}),
             **SUMMARIES[tool_id](e, method, lang)} for e in found]


def _selection(e: Entry, m: selection.SelectionMethod, lang: str) -> dict[str, Any]:
    accounts = e.result.accounts
    return {t(lang, "compare.accounts"): len(accounts),
            t(lang, "selection.attractiveness"): " · ".join(f"{a.name} {a.attractiveness:.2f}" for a in accounts),
            t(lang, "selection.portfolio_matrix"): " · ".join(m.portfolio.category(a.portfolio).label(lang)
                                                             for a in accounts),
            t(lang, "selection.vulnerability_matrix"): " · ".join(
                m.vulnerability_matrix.category(a.vulnerability_quadrant).label(lang) for a in accounts)}


def _value_proposition(e: Entry, m: value_proposition.ValuePropositionMethod, lang: str) -> dict[str, Any]:
    r = e.result
    return {t(lang, "vp.score"): round(r.score), t(lang, "compare.balanced"): "✔" if r.balanced else "✘",
            t(lang, "vp.yearly_value"): round(r.yearly_economic_value),
            **{t(lang, f"vp.mix.{k}"): v for k, v in r.mix.items()}}


def _competition(e: Entry, m: competition.CompetitionMethod, lang: str) -> dict[str, Any]:
    r = e.result
    ours = next(s for s in r.suppliers if s.key == competition.US)
    count = lambda c: sum(b.classification == c for b in r.benefits)  # noqa: E731
    return {t(lang, "comp.our_rank"): r.our_rank, t(lang, "comp.weighted"): round(ours.score, 2),
            m.category("differential_advantage").label(lang): count("differential_advantage"),
            m.category("vulnerability").label(lang): count("vulnerability"),
            t(lang, "comp.priority"): sum(x.priority for x in r.threats)}


def _partnership(e: Entry, m: partnership.PartnershipMethod, lang: str) -> dict[str, Any]:
    r = e.result
    return {t(lang, "ps.drivers_us"): r.drivers_us, t(lang, "ps.drivers_customer"): r.drivers_customer,
            t(lang, "ps.facilitators"): r.facilitators, t(lang, "ps.verdict"): m.outcome(r.verdict).label(lang),
            t(lang, "compare.asymmetry"): "⚠" if r.asymmetry else ""}


def _purchasing(e: Entry, m: purchasing_portfolio.PurchasingMethod, lang: str) -> dict[str, Any]:
    r = e.result
    return {t(lang, "pp.customer_sees_ours"): " · ".join(f"{i.name}: {m.kraljic.category(i.quadrant).label(lang)}"
                                                          for i in r.items if i.ours),
            t(lang, "pp.we_see"): m.preferencing.category(r.our_view).label(lang),
            t(lang, "compare.clashes"): len(r.clashes)}


SUMMARIES: dict[str, Callable[[Entry, Any, str], dict[str, Any]]] = {
    "selection": _selection, "value_proposition": _value_proposition, "competition": _competition,
    "partnership": _partnership, "purchasing_portfolio": _purchasing,
}


# ---- selection: one matrix for the room, and where the groups disagree ---------------------------

@dataclass(frozen=True)
class Spread:
    criterion: str  # name in the reader's language
    by_group: dict[str, float]  # group → mean score it gave on this criterion
    spread: float  # highest group mean − lowest
    flagged: bool


def criterion_spread(found: list[Entry], m: selection.SelectionMethod, lang: str) -> list[Spread]:
    """Per attractiveness criterion, each group's mean score and the gap between the groups,
    widest first; a gap of at least the method's threshold is flagged for discussion."""
    scores: dict[str, dict[int, list[float]]] = {}
    names: dict[str, str] = {}
    labels = _group_labels(found)
    for e in found:
        for criterion in e.data["attractiveness_criteria"]:
            names.setdefault(criterion["id"], criterion_name(Criterion.model_validate(criterion),
                                                               m.attractiveness_criteria, lang))
            for account in e.data["accounts"]:
                scores.setdefault(criterion["id"], {}).setdefault(e.group_id, []).append(
                    account["attractiveness"][criterion["id"]])
    spreads = []
    for criterion_id, groups in scores.items():
        means = {labels[g]: statistics.fmean(v) for g, v in groups.items()}
        gap = max(means.values()) - min(means.values())
        spreads.append(Spread(names[criterion_id], means, gap, len(means) > 1 and gap >= m.disagreement_spread))
    return sorted(spreads, key=lambda s: -s.spread)


def _group_labels(found: list[Entry]) -> dict[int, str]:
    """Each group's name by its id; two groups whose names read alike (a store from before names were
    unique) are told apart rather than merged."""
    labels: dict[int, str] = {}
    for e in found:
        if e.group_id not in labels:
            labels[e.group_id] = distinct_name(e.group, {name_key(n) for n in labels.values()})
    return labels
