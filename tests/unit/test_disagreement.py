"""Disagreement that means something: groups are compared only on the same account (a case account
loaded for every group, or accounts the trainer marks as the same), criterion by criterion, on every
score every tool asks for."""

import pytest

from kamcore.cases import cases, load_case
from kamcore.compare import disagreement, entries, same_account
from kamcore.methods import selection as sel
from kamcore.names import name_key
from kamcore.store import GroupWorksheet, workshop_worksheets
from kamcore.tools import TOOLS
from tests.declared import DECLARED, OWN


def selection_sheet(account: str, key: str, **attractiveness: float) -> dict:
    data = sel.example_input(sel.method())
    first = data["accounts"][0]
    return {**data, "accounts": [{**first, "key": key, "name": account,
                                  "attractiveness": {**first["attractiveness"], **attractiveness}}]}


def found_for(sheets: list[GroupWorksheet], tool_id: str = "selection"):
    return entries(sheets, tool_id, TOOLS[tool_id].method()).entries


def test_two_groups_scoring_different_accounts_never_flag():
    low = selection_sheet("Alpha Foods", "alpha", financial_security=1)
    high = selection_sheet("Beta Motors", "beta", financial_security=10)
    found = found_for([GroupWorksheet("A", "", low, None, 1), GroupWorksheet("B", "", high, None, 2)])
    assert disagreement(found, "selection", sel.method(), "en") == []


def test_three_groups_scoring_the_same_case_account_2_5_8_on_one_criterion_flag_it(workshops, workshop, store):
    case = cases()["precision_machinery"]
    for name, score in (("A", 2), ("B", 5), ("C", 8)):
        group = workshops.join(workshop.code, name)
        load_case(store, group.group.id, case, "zh" if name == "B" else "en", {i: t.method() for i, t in TOOLS.items()})
        data = group.worksheet("selection").data
        [account] = data["accounts"]
        account["attractiveness"]["influence"] = score
        group.save("selection", sel.SelectionInput.model_validate(data), group.worksheet("selection").version)
    found = found_for(workshop_worksheets(store, workshop.id, "selection"))
    flagged = [d for d in disagreement(found, "selection", sel.method(), "en") if d.flagged]
    assert len(flagged) == 1
    [d] = flagged
    assert d.criterion == "Account attractiveness: Influence"
    assert d.by_group == {"A": 2, "B": 5, "C": 8} and d.spread == 6


def test_a_spread_under_the_methods_setting_is_shown_but_not_flagged_and_the_setting_is_the_trainers():
    sheets = [GroupWorksheet(g, "", selection_sheet("ACME", "acme", influence=s), None, n)
              for n, (g, s) in enumerate((("A", 4), ("B", 6)), start=1)]
    found = found_for(sheets)
    [influence] = [d for d in disagreement(found, "selection", sel.method(), "en") if d.spread]
    assert influence.by_group == {"A": 4, "B": 6} and not influence.flagged
    strict = sel.method({"disagreement_spread": 2})
    assert [d.criterion for d in disagreement(found, "selection", strict, "en") if d.flagged] == [influence.criterion]


def test_accounts_the_trainer_marks_as_the_same_are_compared_and_names_are_read_alike():
    sheets = [GroupWorksheet("A", "", selection_sheet("ACME Corp", "a1", influence=1), None, 1),
              GroupWorksheet("B", "", selection_sheet("acme", "b7", influence=9), None, 2),
              GroupWorksheet("C", "", selection_sheet(" ＡＣＭＥ ", "c3", influence=5), None, 3)]
    found = found_for(sheets)
    apart = disagreement(found, "selection", sel.method(), "en")
    assert {tuple(d.by_group) for d in apart} == {("B", "C")}  # "acme" and "ＡＣＭＥ" read alike; "ACME Corp" not
    marked = disagreement(found, "selection", sel.method(), "en", same={"acme corp": "ACME"})
    [influence] = [d for d in marked if d.flagged]
    assert influence.by_group == {"A": 1, "B": 9, "C": 5}


def test_a_case_account_is_the_same_account_under_any_name_or_language_it_was_loaded_as():
    case = cases()["precision_machinery"]
    assert same_account(case.id, "whatever", {}) == same_account("own", case.account("zh"), {}) \
        == same_account("x", case.account("en"), {}) == f"case:{case.id}"
    assert same_account("own", "Another Customer", {}) != same_account(case.id, "", {})


def test_per_account_tools_compare_the_same_account_and_show_who_scored_what():
    m = TOOLS["partnership"].method()
    data = TOOLS["partnership"].example(m)
    other = {**data, "facilitators": {**data["facilitators"], "symmetry": 5}}
    low = {**data, "facilitators": {**data["facilitators"], "symmetry": 1}}
    sheets = [GroupWorksheet("A", "ACME", low, None, 1, "acme"), GroupWorksheet("B", "ACME", other, None, 2, "k2"),
              GroupWorksheet("C", "Zenith", other, None, 3, "zen")]
    [flag] = [d for d in disagreement(found_for(sheets, "partnership"), "partnership", m, "en") if d.flagged]
    assert flag.account == "ACME" and flag.by_group == {"A": 1, "B": 5} and "Symmetry" in flag.criterion


# what each tool scores, stated here independently of the tools, so a tool that stops comparing one of them fails
def _selection(d, m):
    lists = {"attractiveness": "attractiveness_criteria", "csf_us": "strength_factors",
             "csf_competitor": "strength_factors", "vulnerability": "vulnerability_factors"}
    return {f"{field}.{c['id']}" for a in d["accounts"] for field, dim in lists.items() for c in d[dim]
            if c["id"] in (a.get(field) or {})}


def _purchasing(d, m):
    return {f"{i['key']}.{side}.{f['id']}" for i in d["items"] for side, axis in (("profit", "profit_factors"),
                                                                                  ("risk", "risk_factors"))
            for f in d[axis]}


SCORED = {
    "diagnosis": lambda d, m: set(),  # each group rates its own company: profiles side by side, not one account
    "account_types": lambda d, m: set(),  # tags, not scores
    "congruence": lambda d, m: set(),  # each group scores its own company
    "selection": _selection,
    "global_selection": _selection,  # selection's scores, with the global criteria among attractiveness
    "competition": lambda d, m: {f"benefit.{s}.{b['id']}" for s in d["ratings"] for b in d["benefits"]},
    "partnership": lambda d, m: {f"{side}.{f.id}" for side, factors in (
        ("drivers_us", m.drivers), ("drivers_customer", m.drivers), ("facilitators", m.facilitators))
        for f in factors},
    "purchasing_portfolio": _purchasing,
    "value_proposition": lambda d, m: set(),  # statements and commitments, nothing scored
    "organisation_choice": lambda d, m: {f"{name_key(s['name'])}.{f.id}" for s in d["segments"] for f in m.factors},
    "team_profiles": lambda d, m: set(),  # ratings of each group's own people: nothing shared to compare
    "training_plan": lambda d, m: set(),  # dated steps, not scores
    "assessment": lambda d, m: set(m.criterion_ids()),
    "matrix": lambda d, m: set(m.criterion_ids()),
    "checklist": lambda d, m: set(),  # statuses, not scores
    "log": lambda d, m: set(),  # dated rows, not scores
    "global_programme": lambda d, m: set(),  # a plan: names, choices and dates, nothing scored
    "country_rollup": lambda d, m: set(),  # figures per country, not scores
    "lifetime_value": lambda d, m: set(),  # money and rates of one account, not scores
    "performance_monitoring": lambda d, m: set(),  # plans, actuals and statuses, not scores
    "account_strategy": lambda d, m: set(),  # objectives, plans and figures, nothing scored
    "account_plan": lambda d, m: set(),  # read from the other tools, nothing of its own scored
    "account_analysis": lambda d, m: set(),  # what the group found out; its two scores judge its own research
    "buying_centre": lambda d, m: set(),  # each group's own contacts and relationships
    "self_analysis": lambda d, m: set(),  # our own record with the account, not a shared judgement
    "value_strategy": lambda d, m: set(),  # questions and taps, not scores
    "bid_control": lambda d, m: set(),  # statuses and prices, not scores
    "negotiation_plan": lambda d, m: set(),  # prices and concessions, not scores
    "closing_strategy": lambda d, m: set(),  # a choice and a story, nothing scored
    "attention_checklist": lambda d, m: set(),  # owners and dates, not scores
    "review_cadence": lambda d, m: set(),  # a calendar and its records, not scores
    "partnership_development": lambda d, m: {p.id for p in m.prerequisites},  # the prerequisites' scores
    "pipeline": lambda d, m: set(),  # opportunities and their stages, not scores
    "task_timetable": lambda d, m: set(),  # dated tasks, not scores
    "monitoring_meeting": lambda d, m: set(),  # meetings and actions, not scores
}


@pytest.mark.parametrize("tool_id", OWN + DECLARED)
def test_every_scored_criterion_of_every_tool_is_compared(tool_id, declared):
    tool = TOOLS[tool_id]
    assert (tool.kind or tool_id) in SCORED, f"{tool_id}: say which of its numbers are scores groups give"
    m = tool.method()
    data = tool.example(m)
    sheets = [GroupWorksheet(g, "ACME", data, None, n, "acme") for n, g in enumerate(("A", "B"), start=1)]
    found = found_for(sheets, tool_id)
    expected = SCORED[tool.kind or tool_id](found[0].data, m)
    compared = disagreement(found, tool_id, m, "en")
    scores = tool.criterion_scores(found[0], m, "en")
    given = {s.criterion for s in scores}
    assert given == expected
    # one comparison per account and criterion scored (an example may score several accounts)
    assert len(compared) == len({(s.account_key, s.criterion) for s in scores}) and not any(d.flagged for d in compared)
    assert all(d.by_group.keys() == {"A", "B"} and d.criterion for d in compared)


def test_every_registered_tool_says_what_it_scores():
    assert {tool.kind or tool_id for tool_id, tool in TOOLS.items()} <= set(SCORED)
