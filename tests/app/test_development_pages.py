"""Lecture 2's process tools in both languages: the development pipeline (its example's ¥2.1m, moving a
deal on with its exit checklist), the task timetable (two weekly reviews a week apart and what changed)
and the monitoring meeting (progress taken from the pipeline, actions carried over), and the projector
with each group's weighted pipeline side by side."""

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from kamcore.methods import pipeline as pl
from kamcore.store import PORTFOLIO, Account
from kamcore.tools import TOOLS
from tests.app.conftest import APP, by_key_suffix, menu, open_page, open_tab, shown, with_account

PAGES = {"pipeline": "app_pages/pipeline.py", "task_timetable": "app_pages/task_timetable.py",
         "monitoring_meeting": "app_pages/monitoring_meeting.py"}
TITLES = {"pipeline": {"zh": "大客户开发8个阶段 · CRM销售管道", "en": "Key-account development pipeline"},
          "task_timetable": {"zh": "整体任务时间表 · 每周回顾", "en": "Task timetable and weekly review"},
          "monitoring_meeting": {"zh": "管理层的过程监控 · 大客户开发周例会", "en": "Management monitoring meeting"}}
MOVE = {"zh": "推进商机", "en": "Move a deal"}
REVIEW = {"zh": "每周回顾", "en": "Weekly review"}


def save(store, group, tool_id, data, account="acct-a"):
    tool = TOOLS[tool_id]
    saved = store.worksheet(group.id, tool_id, account)
    store.save_worksheet(group.id, tool_id, tool.validate(data, tool.method()), saved.version if saved else 0, account)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("tool", list(PAGES))
def test_each_page_runs_in_each_language_with_its_name_in_the_navigation(tool, lang, database_url):
    with_account(database_url, "Global Motors")
    at = open_page(PAGES[tool], lang)
    assert at.title[0].value == TITLES[tool][lang]
    assert TOOLS[tool].name(lang) in menu(at)


@pytest.mark.parametrize("lang, words", [("zh", ("加权管道 2,100,000 元", "管道金额 8,000,000 元")),
                                         ("en", ("Weighted pipeline 2,100,000 CNY", "Pipeline value 8,000,000 CNY"))])
def test_the_pipeline_example_weighs_2_1m_and_flags_the_stale_framework_agreement(lang, words, database_url):
    store, group = with_account(database_url, "Global Motors")
    at = open_page(PAGES["pipeline"], lang)
    at.button(key="pipeline.load_example").click().run()
    text = shown(at)
    assert all(w in text for w in words), text
    assert any(("框架" if lang == "zh" else "framework") in w.value for w in at.warning)
    assert store.worksheet(group.id, "pipeline", "acct-a").version == 1


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_moving_a_deal_on_records_the_exit_criteria_ticked_and_raises_the_weighted_pipeline(lang, database_url):
    store, group = with_account(database_url, "Global Motors")
    at = open_page(PAGES["pipeline"], lang)
    at.button(key="pipeline.load_example").click().run()
    at = open_tab(at, "pipeline.tab", MOVE[lang])
    at.selectbox(key="pipeline.move.deal").set_value("o1").run()
    by_key_suffix(at.checkbox, ".exit.o1.needs.pain").check().run()
    by_key_suffix(at.button, ".move.o1").click().run()
    o1 = store.worksheet(group.id, "pipeline", "acct-a").data["opportunities"][0]
    assert o1["stage"] == "key_person"
    assert o1["history"][-1] == {"stage": "key_person", "date": dt.date.today().isoformat(), "met": ["pain"]}
    assert ("加权管道 2,400,000 元" if lang == "zh" else "Weighted pipeline 2,400,000 CNY") in shown(at)
    assert at.success and ("关键人私约" if lang == "zh" else "Private meeting") in at.success[0].value


def test_a_deal_in_the_last_stage_cannot_move_on(database_url):
    with_account(database_url, "Global Motors")
    at = open_page(PAGES["pipeline"], "en")
    at.button(key="pipeline.load_example").click().run()
    at = open_tab(at, "pipeline.tab", MOVE["en"])
    at.selectbox(key="pipeline.move.deal").set_value("o3").run()
    assert "This deal is in the last stage." in shown(at) and not [b for b in at.button if ".move." in b.key]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_two_weekly_reviews_a_week_apart_show_the_slip_and_the_new_task(lang, database_url):
    store, group = with_account(database_url, "Global Motors")
    first = dt.date(2026, 11, 2)
    save(store, group, "task_timetable", {"tasks": [
        {"key": "a", "deliverable": "Proposal", "owner": "Wang", "support": "", "start": "2026-11-01",
         "due": "2026-11-10", "status": "doing"}], "reviews": []})
    at = open_tab(open_page(PAGES["task_timetable"], lang), "timetable.tab", REVIEW[lang])
    by_key_suffix(at.date_input, ".review.date").set_value(first).run()
    by_key_suffix(at.text_area, ".review.notes").input("week one").run()
    by_key_suffix(at.button, ".review.save").click().run()
    data = store.worksheet(group.id, "task_timetable", "acct-a").data
    assert [(r["date"], r["notes"]) for r in data["reviews"]] == [("2026-11-02", "week one")]
    data["tasks"][0]["due"] = "2026-11-13"
    data["tasks"].append({"key": "b", "deliverable": "Quotation", "owner": "Li", "support": "", "start": "2026-11-05",
                          "due": "2026-11-20", "status": "planned"})
    save(store, group, "task_timetable", data)
    at = open_tab(open_page(PAGES["task_timetable"], lang), "timetable.tab", REVIEW[lang])
    by_key_suffix(at.date_input, ".review.date").set_value(first + dt.timedelta(days=7)).run()
    by_key_suffix(at.button, ".review.save").click().run()
    text = shown(at)
    slipped = "Proposal（延期 3 天）" if lang == "zh" else "Proposal (+3 days)"
    assert slipped in text and ("新增" if lang == "zh" else "New") in text and "Quotation" in text
    assert len(store.worksheet(group.id, "task_timetable", "acct-a").data["reviews"]) == 2


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_deliverable_named_as_an_activity_gets_the_noun_hint(lang, database_url):
    store, group = with_account(database_url, "Global Motors")
    save(store, group, "task_timetable", {"tasks": [
        {"key": "a", "deliverable": "写方案" if lang == "zh" else "Write the proposal", "owner": "Wang",
         "support": "", "start": "2026-11-01", "due": "2026-11-10", "status": "doing"}], "reviews": []})
    at = open_page(PAGES["task_timetable"], lang)
    assert any(("用名词定义工作任务成果" if lang == "zh" else "as a noun") in i.value for i in at.info)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_meeting_takes_each_accounts_progress_from_its_pipeline(lang, database_url):
    store, group = with_account(database_url, "Global Motors")
    save(store, group, "pipeline", pl.example_input(pl.method(), lang=lang))
    at = open_page(PAGES["monitoring_meeting"], lang)
    assert ("还没有会议" if lang == "zh" else "No meeting yet") in shown(at)
    by_key_suffix(at.button, ".new.hold").click().run()
    meeting = store.worksheet(group.id, "monitoring_meeting", PORTFOLIO).data["meetings"][0]
    assert meeting["progress"] == [{"account_key": "acct-a", "account": "Global Motors", "stage": "intent",
                                    "weighted": pytest.approx(2_100_000), "deals": 3}]
    frame = at.dataframe[0].value
    assert list(frame.iloc[0])[:3] == ["Global Motors", "8. 意向达成" if lang == "zh" else "8. Intent agreed",
                                       "2,100,000 元" if lang == "zh" else "2,100,000 CNY"]


def test_the_meeting_example_carries_its_open_action_and_offers_the_minutes(database_url):
    store, group = with_account(database_url, "Global Motors")
    m = TOOLS["monitoring_meeting"].method()
    save(store, group, "monitoring_meeting", TOOLS["monitoring_meeting"].example(m, lang="en"), PORTFOLIO)
    at = open_page(PAGES["monitoring_meeting"], "en")
    assert at.selectbox(key="meeting.chosen").value == "m2"
    text = shown(at)
    assert "Open actions from earlier meetings" in text and "Final technical proposal" in text
    at = open_tab(at, "meeting.tab", "Minutes")
    assert at.get("download_button") and "+900,000 CNY" in shown(at)


def test_the_projector_shows_each_groups_weighted_pipeline_side_by_side(workshops):
    workshop, token = workshops.create("KAM", "en", "2468")
    record, m = TOOLS["pipeline"], TOOLS["pipeline"].method()
    for name, value in (("North", 2_000_000), ("South", 4_000_000)):
        group = workshops.join(workshop.code, name)
        group.add_account(Account("acct-a", f"{name} Corp"))
        data = record.example(m)
        data["opportunities"][0]["value"] = value
        group.save("pipeline", record.validate(data, m), 0, "acct-a")
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update({"w": workshop.code, "p": token, "lang": "en"})
    at.run()
    at.switch_page("app_pages/projector.py").run()
    at.session_state["projector.tool"] = "pipeline"
    at.run()
    assert not at.exception
    figure = at.get("plotly_chart")[0].proto.spec
    assert "North" in figure and "South" in figure and "Weighted pipeline" in figure
    tables = " ".join(str(h.proto.body) for h in at.get("html"))
    assert "National spare-parts framework" in tables  # the stale deal, listed under the figure

