"""Performance monitoring and strategic control: the course's worked example (¥4.2m of a ¥10m plan at
mid-year is 84 %, red: implementation first, then the strategic assumptions), each band on both sides
of its cut-off, the four controls and which to act on first, and the workbook's live formulas."""

import copy

import pytest
from pydantic import ValidationError

from kamcore.export.files import group_file
from kamcore.methods import performance_monitoring as pm
from kamcore.store import Account
from kamcore.tools import TOOLS
from tests.workbook import recalculated

M = pm.method()


def kpi(plan=10_000_000, actual=4_200_000, pro_rata=True, key="k1", name="Revenue"):
    return {"key": key, "name": name, "kind": "output", "plan": plan, "actual": actual, "pro_rata": pro_rata}


def sheet(kpis=None, actions=(), assumptions=(), process=None, elapsed=6, period=12):
    return {"period_months": period, "elapsed_months": elapsed, "kpis": kpis if kpis is not None else [kpi()],
            "actions": list(actions), "assumptions": list(assumptions), "process": process or {}}


def run(data, m=M):
    return pm.evaluate(pm.MonitoringInput.model_validate(data, context={"method": m}), m)


def action(due, done, key="a1"):
    return {"key": key, "action": f"action {key}", "owner": "Li", "due_month": due, "done": done}


def assumption(status, key="s1"):
    return {"key": key, "assumption": f"assumption {key}", "status": status}


def all_met(except_=()):
    return {i.id: i.id not in except_ for i in M.process_items}


def test_the_courses_example_4_2_million_of_a_10_million_plan_at_mid_year_is_84_percent_and_red():
    r = run(sheet())
    (revenue,) = r.kpis
    assert revenue.pro_rata_plan == 5_000_000 and revenue.attainment == pytest.approx(84) and revenue.band == "red"
    assert r.control("performance").status == "red"
    assert r.act_first == ["implementation", "strategic", "process"]  # nothing else recorded: review in that order


def test_the_shipped_example_puts_the_late_action_first_then_the_assumption_at_risk_then_the_process():
    r = run(pm.example_input(M))
    assert [c.status for c in r.controls] == ["red", "red", "amber", "amber"]
    assert r.control("implementation").value == pytest.approx(80)  # (100 + 60) ÷ 2 actions due by month 6
    assert r.act_first == ["implementation", "strategic", "process"]


@pytest.mark.parametrize("actual, band", [(4_750_000, "green"), (4_749_999, "amber"), (4_250_000, "amber"),
                                          (4_249_999, "red"), (5_000_000, "green"), (0, "red")])
def test_attainment_is_banded_at_95_and_85_percent_a_value_on_a_cut_off_in_the_upper_band(actual, band):
    assert run(sheet([kpi(actual=actual)])).kpis[0].band == band


def test_a_level_kpi_is_held_to_its_whole_plan_not_pro_rata():
    (share,) = run(sheet([kpi(plan=30, actual=27, pro_rata=False)])).kpis
    assert share.pro_rata_plan == 30 and share.attainment == pytest.approx(90) and share.band == "amber"


def test_performance_is_its_worst_kpi():
    r = run(sheet([kpi(actual=5_000_000), kpi(key="k2", actual=4_300_000)]))
    assert r.control("performance").status == "amber" and r.control("performance").value == pytest.approx(86)


def test_at_the_start_of_the_period_a_pro_rata_plan_of_zero_is_on_track():
    (revenue,) = run(sheet(elapsed=0)).kpis
    assert revenue.attainment is None and revenue.band == "green"


@pytest.mark.parametrize("done, band", [(95, "green"), (94.9, "amber"), (85, "amber"), (84.9, "red")])
def test_implementation_is_the_mean_completion_of_the_actions_due_banded_like_attainment(done, band):
    r = run(sheet(actions=[action(3, done), action(9, 0, key="a2")]))
    assert r.control("implementation").status == band
    assert [a.behind for a in r.actions] == [done < 100, False]  # the second is not due yet


def test_actions_none_of_them_due_yet_are_on_track_and_no_actions_at_all_are_not_recorded():
    assert run(sheet(actions=[action(9, 0)])).control("implementation").status == "green"
    assert run(sheet()).control("implementation").status is None


@pytest.mark.parametrize("statuses, band", [(["valid"], "green"), (["valid", "at_risk"], "amber"),
                                            (["at_risk", "invalid"], "red")])
def test_strategic_control_is_its_worst_assumption(statuses, band):
    r = run(sheet(assumptions=[assumption(s, key=f"s{n}") for n, s in enumerate(statuses)]))
    assert r.control("strategic").status == band


@pytest.mark.parametrize("unmet, band", [((), "green"), (("reviews",), "amber"), (("reviews", "on_time"), "amber"),
                                         (("reviews", "on_time", "participation"), "red")])
def test_the_process_checklist_is_green_only_when_all_is_met_and_red_below_60_percent(unmet, band):
    # 6 items: 5 met = 83 %, 4 met = 67 % (amber from 60 %), 3 met = 50 %
    assert run(sheet(process=all_met(unmet))).control("process").status == band


def test_on_track_performance_with_everything_recorded_on_track_acts_on_nothing():
    r = run(sheet([kpi(actual=5_000_000)], [action(3, 100)], [assumption("valid")], all_met()))
    assert r.act_first == []


def test_on_track_performance_still_flags_an_invalid_assumption_but_not_what_is_unrecorded():
    r = run(sheet([kpi(actual=5_000_000)], assumptions=[assumption("invalid")]))
    assert r.act_first == ["strategic"]


def test_short_performance_acts_on_the_worst_control_first_the_review_order_breaking_ties():
    r = run(sheet(actions=[action(3, 90)], assumptions=[assumption("invalid")], process=all_met(("reviews",))))
    assert r.act_first == ["strategic", "implementation", "process"]  # red before amber


def test_short_performance_with_the_other_three_on_track_points_at_the_objectives_themselves():
    r = run(sheet(actions=[action(3, 100)], assumptions=[assumption("valid")], process=all_met()))
    assert r.act_first == ["performance"]


def test_without_kpis_nothing_is_counted_and_the_first_thing_to_do_is_set_them():
    inp = pm.MonitoringInput.model_validate(sheet(kpis=[]), context={"method": M})
    assert pm.counted(inp, M) is None and pm.evaluate(inp, M).act_first == ["performance"]


def test_a_kpi_missing_its_actual_is_a_draft_left_out():
    r = run(sheet([kpi(), {**kpi(key="k2", name="Visits"), "actual": None}]))
    assert [k.key for k in r.kpis] == ["k1"] and r.drafts == 1


@pytest.mark.parametrize("data", [sheet(elapsed=13), sheet(actions=[action(37, 0)]),
                                  sheet(assumptions=[assumption("unknown")]), sheet([kpi(), kpi()])])
def test_impossible_input_is_refused(data):
    with pytest.raises(ValidationError):
        pm.MonitoringInput.model_validate(data, context={"method": M})


def test_the_bands_are_method_data_a_trainer_can_move():
    m = pm.method({"bands": [{"id": "green", "min": 90, "side": ">=", "label": {"zh": "好", "en": "ok"},
                              "advice": {"zh": "好", "en": "ok"}},
                             {"id": "amber", "min": 80, "side": ">=", "label": {"zh": "中", "en": "mid"},
                              "advice": {"zh": "中", "en": "mid"}},
                             {"id": "red", "label": {"zh": "差", "en": "bad"}, "advice": {"zh": "差", "en": "bad"}}]})
    assert run(sheet(), m).kpis[0].band == "amber"


def test_table_rows_from_the_page_get_keys_and_defaults_and_empty_rows_are_dropped():
    data = pm.from_table(pm.blank_input(M), "actions", [{"action": " Visit ", "due_month": 3.0, "done": float("nan")},
                                                       {"action": None, "owner": None, "due_month": None}])
    (row,) = data["actions"]
    assert row["action"] == "Visit" and row["done"] == 0 and row["owner"] == "" and row["key"]


@pytest.mark.parametrize("data", [pm.example_input(M), sheet(elapsed=0),
                                  sheet([kpi(), kpi(key="k2", plan=30, actual=31, pro_rata=False)],
                                        [action(3, 100), action(5, 40, key="a2")], process=all_met(("reviews",)))])
def test_the_sheets_pro_rata_plans_attainments_bands_and_flags_recalculate_to_kamcores(data, workshops, tmp_path):
    workshop, _ = workshops.create("KAM", "en", "2468")
    north = workshops.join(workshop.code, "North")
    north.add_account(Account("acct-a", "Acme"))
    north.save("performance_monitoring", TOOLS["performance_monitoring"].validate(copy.deepcopy(data), M), 0, "acct-a")
    path = tmp_path / "north.xlsx"
    path.write_bytes(group_file(workshops.store, north, "xlsx", "en"))
    checked, wrong = recalculated(path)
    r = run(data)
    assert not wrong
    summary_rows = (r.control("implementation").value is not None) * 2 + (r.control("process").value is not None)
    assert checked == 3 * len(r.kpis) + 2 * len(r.actions) + summary_rows


# ---- the account plan's objectives and actions, read, never typed twice ----------------------------------

def strategy_example():
    from kamcore.methods import account_strategy as strategy

    return copy.deepcopy(strategy.example_input(strategy.method()))


def linked(**typed):
    return {**sheet(kpis=[]), "period_start": "2027-01-01", "sources": {pm.PLAN: strategy_example()}, **typed}


def test_the_plans_objectives_are_kpis_held_to_their_target_once_their_actual_is_typed_here():
    r = run(linked(plan_actuals={"o1": 38}))
    (share,) = r.kpis  # the other objectives have no actual yet: drafts
    assert share.from_plan and share.name == "Raise share of wallet from 30% to 45%"
    assert share.plan == 45 and not share.pro_rata and share.attainment == pytest.approx(84.44, abs=0.01)
    assert share.band == "red" and r.drafts == 2


def test_a_revenue_objective_accrues_over_the_period_unless_the_group_says_it_does_not():
    data = strategy_example()
    data["objectives"][0]["metric"] = "revenue"
    r = run({**linked(plan_actuals={"o1": 20}), "sources": {pm.PLAN: data}})
    assert r.kpis[0].pro_rata and r.kpis[0].pro_rata_plan == pytest.approx(22.5)
    r = run({**linked(plan_actuals={"o1": 20}, plan_pro_rata={"o1": False}), "sources": {pm.PLAN: data}})
    assert not r.kpis[0].pro_rata and r.kpis[0].pro_rata_plan == 45


def test_the_plans_actions_are_due_in_the_month_their_end_date_falls_in_with_the_completion_typed_here():
    r = run(linked(plan_actuals={"o1": 45}, plan_done={"a1": 50}))
    pilot, reviews = sorted(r.actions, key=lambda a: a.due_month)
    assert (pilot.due_month, pilot.due, pilot.behind, pilot.owner) == (6, True, True, "Application engineer")
    assert (reviews.due_month, reviews.due) == (12, False)
    assert r.control("implementation").status == "red" and r.act_first == ["implementation"]


def test_without_the_periods_start_the_plans_actions_wait_as_drafts():
    r = run({**linked(plan_actuals={"o1": 45}), "period_start": None})
    assert r.actions == [] and r.control("implementation").status is None


def test_own_kpis_and_actions_join_the_plans_and_a_strategy_that_no_longer_validates_brings_none():
    r = run(linked(kpis=[kpi()], plan_actuals={"o1": 45}))
    assert [k.key for k in r.kpis] == ["o-o1", "k1"]
    broken = {**strategy_example(), "direction": "sideways"}
    assert [k.key for k in run({**linked(kpis=[kpi()]), "sources": {pm.PLAN: broken}}).kpis] == ["k1"]


def test_exports_read_the_accounts_strategy_along_and_its_rows_recalculate_in_the_sheet(workshops, tmp_path):
    from kamcore.methods import account_strategy as strategy

    workshop, _ = workshops.create("KAM", "en", "2468")
    north = workshops.join(workshop.code, "North")
    north.add_account(Account("acct-a", "Acme"))
    sm = strategy.method()
    north.save(strategy.TOOL_ID, TOOLS[strategy.TOOL_ID].validate(strategy_example(), sm), 0, "acct-a")
    mine = {k: v for k, v in linked(plan_actuals={"o1": 38, "o2": 19}, plan_done={"a1": 80}).items()
            if k != "sources"}
    north.save("performance_monitoring", TOOLS["performance_monitoring"].validate(mine, M), 0, "acct-a")
    assert "sources" not in north.worksheet("performance_monitoring", "acct-a").data or \
        not north.worksheet("performance_monitoring", "acct-a").data["sources"]
    path = tmp_path / "north.xlsx"
    path.write_bytes(group_file(workshops.store, north, "xlsx", "en"))
    checked, wrong = recalculated(path)
    assert not wrong and checked >= 3 * 2 + 2 * 2
    import openpyxl

    texts = {str(c.value) for s in openpyxl.load_workbook(path).worksheets for r in s.iter_rows() for c in r}
    assert "Raise share of wallet from 30% to 45%" in texts and "Pilot line at the new plants" in texts
