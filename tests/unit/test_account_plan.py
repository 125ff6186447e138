"""The account plan: assembled from the group's other tools for one account, changing with them, and
exported with what those tools hold at export time."""

import io
from importlib import import_module

import openpyxl

from kamcore.export.files import group_file
from kamcore.methods import account_plan as ap
from kamcore.reads import sources_of
from kamcore.store import PORTFOLIO, Account
from kamcore.tools import TOOLS
from kamcore.tools.account_plan import sections

SOURCES = ("selection", "value_proposition", "competition", "partnership", "buying_centre", "account_strategy")
M = ap.method()


def records(lang: str = "en", **changed) -> dict:
    """The course's examples of every source tool, for the selection example's first account."""
    found = {}
    for tool_id in SOURCES:
        module = import_module(f"kamcore.methods.{tool_id}")
        found[tool_id] = module.example_input(module.method(), lang=lang)
    found["account"] = {"key": found["selection"]["accounts"][0]["key"], "name": "Account A"}
    return found | changed


def plan(lang: str = "en", own: dict | None = None, **changed) -> ap.Plan:
    return ap.assemble(ap.PlanInput.model_validate({**(own or {}), "sources": records(lang, **changed)}), lang)


def test_the_plan_reads_every_section_from_the_tool_that_makes_it():
    p = plan()
    a = p.analysis
    assert (a.attractiveness, a.portfolio, a.partnership, a.our_rank, a.suppliers) == (7.4, "strategic", "type_2", 1, 3)
    assert a.advantages == ["Delivery"] and [(g.benefit, g.ours, g.theirs) for g in a.gaps] == [("Quality", 4, 5)]
    assert p.strategic.startswith("Become Account A's preferred supplier")
    assert [o.key for o in p.objectives] == ["o1", "o2", "o3"] and [a.key for a in p.actions] == ["a2", "a1"]
    assert p.value.q1 == ["Cut line downtime by 2 points"] and p.value.score == 100
    assert p.totals["contribution"] == 2_400_000 and (p.points, p.possible) == (8, 10)
    assert p.positioning.complete and p.positioning.origin["value"] == "value_proposition"
    assert a.contacts == ["Mr Wang", "Ms Li", "Ms Sun"]  # the buying centre's key people, most influential first
    assert p.positioning.slots["contacts"] == "Mr Wang, Ms Li, Ms Sun"
    assert p.positioning.origin["contacts"] == "buying_centre"
    assert p.filled == dict.fromkeys(ap.SECTIONS, True) and all(p.made.values())


def test_changing_a_source_changes_the_plan():
    before = plan()
    selection = records()["selection"]
    first = selection["accounts"][0]
    selection["accounts"][0] = first | {"attractiveness": dict.fromkeys(first["attractiveness"], 1)}
    after = plan(selection=selection)
    assert after.analysis.attractiveness < before.analysis.attractiveness
    value = records()["value_proposition"]
    value["q1"][0]["statement"] = "Half the scrap"
    assert plan(value_proposition=value).positioning.slots["value"] == "Half the scrap"


def test_a_plan_without_sources_is_empty_section_by_section_and_says_where_to_work():
    p = ap.assemble(ap.PlanInput.model_validate({"owner": "Li", "sources": {}}))
    assert p.filled == dict.fromkeys(ap.SECTIONS, False) and not any(p.made.values())
    drawn = sections(p, M, "en")
    assert [s.id for s in drawn] == list(ap.SECTIONS) and not any(s.lines for s in drawn)
    assert "account selection" in drawn[0].empty


def test_selection_scores_of_another_account_do_not_reach_this_accounts_plan():
    found = records()
    found["account"] = {"key": "someone-else", "name": "Other"}
    p = ap.assemble(ap.PlanInput.model_validate({"sources": found}))
    assert p.analysis.attractiveness is None and p.analysis.our_rank == 1


def test_without_a_buying_centre_the_contacts_the_group_named_in_the_ranking_fill_the_statement():
    found = records()
    del found["buying_centre"]
    p = ap.assemble(ap.PlanInput.model_validate({"sources": found}))
    assert p.analysis.contacts == [] and not p.made["buying_centre"]
    assert p.positioning.slots["contacts"] == "the plant and purchasing managers"
    assert p.positioning.origin["contacts"] == "competition"


def test_a_source_that_does_not_validate_is_left_out_not_fatal():
    p = plan(partnership={"drivers_us": {"asset_cost": 99}})
    assert p.analysis.partnership is None and not p.made["partnership"] and p.analysis.our_rank == 1


def test_each_line_of_the_plan_names_the_tool_it_came_from_in_the_readers_language():
    drawn = {s.id: s for s in sections(plan("zh"), M, "zh")}
    analysis = {x.label: (x.value, x.source) for x in drawn["analysis"].lines}
    assert analysis["竞争排名"] == ("3家中第1", "competition")
    assert analysis["合作伙伴关系类型"][1] == "partnership" and analysis["吸引力"][1] == "selection"
    statement = drawn["positioning"].lines[-1]
    assert statement.label == "定位陈述" and statement.value.startswith("对于Account A的")


def test_the_plan_counts_once_it_holds_its_own_fields_or_any_source():
    assert ap.counted(ap.PlanInput()) is None
    assert ap.counted(ap.PlanInput(owner="Li")) is not None
    assert ap.counted(ap.PlanInput.model_validate({"sources": {"competition": records()["competition"]}})) is not None


def test_sources_of_reads_a_group_scoped_tool_from_its_portfolio_worksheet():
    saved = {("selection", PORTFOLIO): {"accounts": []}, ("competition", "acct-a"): {"x": 1}}
    found = sources_of(TOOLS["account_plan"], "acct-a", "A", lambda tool, key: saved.get((tool, key)))
    assert found == {"account": {"key": "acct-a", "name": "A"}, "selection": {"accounts": []},
                     "competition": {"x": 1}}


def test_the_exported_plan_shows_what_the_other_tools_hold_at_export_time(workshops):
    workshop, _ = workshops.create("KAM", "en", "2468")
    north = workshops.join(workshop.code, "North")
    north.add_account(Account("acct-a", "Account A"))
    for tool_id in ("competition", "account_plan"):
        tool = TOOLS[tool_id]
        m = tool.method()
        north.save(tool_id, tool.validate(tool.example(m), m), 0, "acct-a")

    def plan_sheet() -> list:
        book = openpyxl.load_workbook(io.BytesIO(group_file(workshops.store, north, "xlsx", "en")))
        sheet = next(book[n] for n in book.sheetnames if n.startswith("Account plan"))
        return [c for row in sheet.iter_rows(values_only=True) for c in row if c is not None]

    assert "1 of 3" in plan_sheet()
    competition = TOOLS["competition"]
    data = north.worksheet("competition", "acct-a").data
    data["ratings"]["us"] = dict.fromkeys(data["ratings"]["us"], 1)
    north.save("competition", competition.validate(data), north.worksheet("competition", "acct-a").version, "acct-a")
    assert "3 of 3" in plan_sheet()


STRICTER = {"bands": [{"id": "key_account", "min": 8}]}  # the trainer's slides: a key account from 8


def test_a_source_is_read_under_the_method_the_workshop_adjusted_it_to():
    assert plan().analysis.band == "key_account"  # 7.4 under the course's bands
    adjusted = ap.assemble(ap.PlanInput.model_validate({"sources": records() | {"adjusted": {"selection": STRICTER}}}))
    assert (adjusted.analysis.attractiveness, adjusted.analysis.band) == (7.4, "watch_list")


def test_sources_of_hands_in_the_adjustments_of_the_tools_it_reads_and_no_others():
    found = sources_of(TOOLS["account_plan"], "acct-a", "Account A", lambda tool, key: None,
                       {"selection": STRICTER, "purchasing_portfolio": {"x_cut": 3}})
    assert found["adjusted"] == {"selection": STRICTER}
    assert "adjusted" not in sources_of(TOOLS["account_plan"], "acct-a", "Account A", lambda tool, key: None, {})


def test_the_exported_plan_reads_its_sources_under_the_workshops_adjusted_methods(workshops):
    workshop, _ = workshops.create("KAM", "en", "2468")
    north = workshops.join(workshop.code, "North")
    north.add_account(Account("acct-a", "Account A"))
    for tool_id, key in (("selection", PORTFOLIO), ("account_plan", "acct-a")):
        tool = TOOLS[tool_id]
        data = tool.example(tool.method())
        if tool_id == "selection":  # the example's first account is the group's Account A
            data["accounts"][0] |= {"key": "acct-a", "name": "Account A"}
        north.save(tool_id, tool.validate(data, tool.method()), 0, key)

    def band() -> str:
        book = openpyxl.load_workbook(io.BytesIO(group_file(workshops.store, north, "xlsx", "en")))
        sheet = next(book[n] for n in book.sheetnames if n.startswith("Account plan"))
        return next(c for row in sheet.iter_rows(values_only=True) for c in row if isinstance(c, str) and "7.40" in c)

    assert band() == "7.40 · Key account"
    workshops.set_overrides(workshops.live(workshop.code), "selection", STRICTER)
    north = workshops.workspace(workshop.code, north.group.token)  # the group's view of the adjusted workshop
    assert band() == "7.40 · Watch list"
