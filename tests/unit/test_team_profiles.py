import copy
from datetime import date

import pytest
from pydantic import ValidationError

from kamcore.methods import team_profiles as tp
from kamcore.methods import training_plan as plan

M = tp.method()
PM = plan.method()


def run(data, m=M):
    return tp.evaluate(tp.ProfilesInput.model_validate(data, context={"method": m}), m)


def example():
    return copy.deepcopy(tp.example_input(M))


def test_the_profiles_carry_the_courses_dimensions_for_each_of_the_three_roles():
    names = {r.id: [d.name("zh") for d in r.dimensions] for r in M.roles}
    assert names["kam"][:3] == ["管理技能", "跨越界限建立关系的技能", "领导力和建立关系的技能"]
    assert names["regional_sales"] == ["高度", "专业", "才能"]
    assert names["sales_support"] == ["高度", "专业", "效率"]


def test_a_gap_is_the_shortfall_below_the_roles_target_per_person():
    wang = run(example()).people[0]  # 3, 2, 4, 3 against 4, 4, 4, 4
    assert wang.gaps == {"management": 1, "boundary_spanning": 2, "business_acumen": 1}
    assert wang.gap_total == 4 and wang.at_target == 1


def test_a_roles_means_and_mean_gaps_are_over_the_people_rated_in_it():
    sales = next(r for r in run(example()).roles if r.role == "regional_sales")  # height 2 and 3 against 3
    assert sales.people == 2 and sales.average["height"] == 2.5 and sales.gaps["height"] == 0.5
    assert sales.gaps["talent"] == 0


def test_the_largest_gaps_come_first():
    assert run(example()).biggest[0] == ("p1", "boundary_spanning", 2)


def test_a_person_without_every_dimension_rated_is_not_counted_yet():
    data = example()
    del data["people"][0]["scores"]["leadership"]
    result = run(data)
    assert "p1" not in [p.key for p in result.people] and result.unrated == ["p1"]


def test_a_person_without_a_role_keeps_their_ratings_as_a_draft():
    data = {"people": [{"key": "x", "name": "Xu", "scores": {"height": 3}}]}
    model = tp.ProfilesInput.model_validate(data, context={"method": M})
    assert model.people[0].scores == {"height": 3} and model.people[0].missing() == ["role"]
    assert tp.counted(model, M) is None


def test_a_role_the_method_does_not_have_is_refused():
    with pytest.raises(ValidationError):
        run({"people": [{"key": "x", "name": "Xu", "role": "ceo"}]})


def test_the_2_1_1_plan_adds_one_step_per_phase_for_each_unplanned_gap_with_due_dates_from_the_start():
    profiles = run(example())
    empty = plan.PlanInput.model_validate({"rows": []}, context={"method": PM})
    gaps = plan.unplanned(profiles, M, empty)
    assert len(gaps) == 6 and ("Wang Lei", "kam", "boundary_spanning") in gaps
    rows = plan.rows_for_gaps(gaps, M, PM, date(2026, 12, 1), "en")
    assert len(rows) == 18 and [r["phase"] for r in rows[:3]] == ["learn", "apply", "review"]
    assert [r["due"] for r in rows[:3]] == ["2026-12-15", "2027-01-30", "2027-03-01"]
    assert rows[0]["action"] == "Learn: Management skills (the course plus two study units)"
    assert rows[2]["evidence"].startswith("The coach")
    planned = plan.PlanInput.model_validate({"rows": rows}, context={"method": PM})
    assert plan.unplanned(profiles, M, planned) == []


def test_a_gap_is_closed_once_its_last_step_is_done_and_a_step_past_due_not_done_is_overdue():
    data = copy.deepcopy(plan.example_input(PM))
    model = plan.PlanInput.model_validate(data, context={"method": PM})
    result = plan.evaluate(model, PM, today=date(2027, 2, 1))
    assert (result.total, result.done, result.gaps, result.closed) == (4, 1, 2, 0)
    assert result.overdue == ["a2", "a4"] and result.by_phase == {"learn": 2, "apply": 1, "review": 1}
    data["rows"][2]["status"] = "done"
    model = plan.PlanInput.model_validate(data, context={"method": PM})
    assert plan.evaluate(model, PM, today=date(2027, 2, 1)).closed == 1


def test_a_step_without_its_due_date_is_a_draft_and_not_counted():
    data = {"rows": [{"key": "s", "person": "Li", "phase": "learn", "action": "Read"}]}
    model = plan.PlanInput.model_validate(data, context={"method": PM})
    assert model.rows[0].missing() == ["due"] and plan.counted(model, PM) is None
    assert plan.evaluate(model, PM).drafts == 1


def test_a_phase_the_method_does_not_have_is_refused():
    with pytest.raises(ValidationError):
        plan.PlanInput.model_validate({"rows": [{"key": "s", "phase": "forever"}]}, context={"method": PM})


def test_a_trainers_reading_of_2_1_1_changes_the_phases_durations():
    quicker = plan.method({"phases": [{"id": "apply", "days": 30}]})
    rows = plan.rows_for_gaps([("Li", "regional_sales", "height")], M, quicker, date(2026, 12, 1), "zh")
    assert rows[1]["due"] == "2026-12-31" and rows[0]["action"] == "学习：高度（课程 + 自学两个单元）"
