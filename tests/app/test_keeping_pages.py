"""Lecture 3's pages for keeping the account: continuous attention, the review cadence and partnership
development, in both languages, from a blank worksheet to a verdict, and on the projector."""

from datetime import date, timedelta

import icalendar
import pytest
from streamlit.testing.v1 import app_test

from kamcore.methods import partnership as ps
from kamcore.tools import TOOLS
from tests.app.conftest import by_key_suffix, menu, open_page, open_tab, projector_on, shown, with_account
from ui import attention_checklist as attention_panels

ATTENTION, REVIEW, DEVELOPMENT = ("app_pages/attention_checklist.py", "app_pages/review_cadence.py",
                                  "app_pages/partnership_development.py")
TITLES = {"attention_checklist": {"zh": "持续关注与沟通交流清单", "en": "Continuous attention and communication"},
          "review_cadence": {"zh": "评审流程：企业与大客户的定期评审", "en": "Review cadence with the account"},
          "partnership_development": {"zh": "合作伙伴关系发展模型", "en": "Partnership development"}}
UNSCORED = {"zh": "尚未评分", "en": "Not scored yet"}
CALENDAR_TAB = {"zh": "评审日历", "en": "Calendar"}
HELD_TAB = {"zh": "评审记录", "en": "Reviews held"}
SCREEN_TAB = {"zh": "筛选与注意事项", "en": "Screening and cautions"}
PREREQUISITES_TAB = {"zh": "必备条件", "en": "Prerequisites"}


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page, tool", [(ATTENTION, "attention_checklist"), (REVIEW, "review_cadence"),
                                        (DEVELOPMENT, "partnership_development")])
def test_each_page_runs_in_each_language_with_its_name_in_the_lecture_3_navigation(page, tool, lang, database_url):
    with_account(database_url, "East Motors")
    at = open_page(page, lang)
    assert at.title[0].value == TITLES[tool][lang]
    assert TOOLS[tool].name(lang) in menu(at)
    assert at.selectbox(key="account").value == "acct-a"
    assert TOOLS[tool].nav.section == "maintain"


# ---- continuous attention -----------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_blank_attention_sheet_asks_when_each_practice_was_last_done(lang, database_url):
    with_account(database_url, "East Motors")
    at = open_page(ATTENTION, lang)
    assert UNSCORED[lang] in shown(at) and not at.metric
    assert len(at.get("data_editor")[0].value) == 12  # one row per practice of the course


@pytest.mark.parametrize("lang, flagged", [("zh", "需要关注"), ("en", "need attention now")])
def test_the_attention_example_flags_what_is_overdue_or_never_done(lang, flagged, database_url):
    store, group = with_account(database_url, "East Motors")
    at = open_page(ATTENTION, lang)
    at.button(key="attention_checklist.load_example").click().run()
    text = shown(at)
    assert flagged in text and any(flagged in w.value for w in at.warning)
    assert store.worksheet(group.id, "attention_checklist", "acct-a").version == 1
    table = at.get("data_editor")[0].value
    assert list(table["id"])[:2] == ["investment", "information"]


def test_a_saved_last_done_day_gives_the_next_due_day_in_the_table(database_url):
    store, group = with_account(database_url, "East Motors")
    tool, m = TOOLS["attention_checklist"], TOOLS["attention_checklist"].method()
    done = date.today() - timedelta(days=1)
    data = {"practices": {"daily_contact": {"owner": "Li", "last_done": done.isoformat()}}}
    store.save_worksheet(group.id, tool.id, tool.validate(data, m), 0, "acct-a")
    at = open_page(ATTENTION, "en")
    table = at.get("data_editor")[0].value
    assert table["next_due"][6] == (done + timedelta(days=7)).isoformat() and table["owner"][6] == "Li"
    assert "On track 1 / 12" in shown(at)


def test_the_tables_rows_keep_what_was_typed_and_a_cadence_only_where_it_differs_from_the_default():
    m = TOOLS["attention_checklist"].method()
    rows = [{"id": "daily_contact", "owner": "Li", "last_done": date(2026, 11, 2), "cadence": "weekly"},
            {"id": "complaints", "owner": "", "last_done": None, "cadence": "monthly"},
            {"id": "opportunities", "owner": None, "last_done": None, "cadence": "monthly"}]
    assert attention_panels.entries(rows, m) == {
        "daily_contact": {"owner": "Li", "last_done": "2026-11-02", "cadence": None},
        "complaints": {"owner": "", "last_done": None, "cadence": "monthly"}}


# ---- review cadence ------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_review_calendar_waits_for_its_start_day(lang, database_url):
    with_account(database_url, "East Motors")
    at = open_page(REVIEW, lang)
    assert UNSCORED[lang] in shown(at) and not at.get("download_button")


@pytest.mark.parametrize("lang, words", [("zh", ("已开评审 3 / 7", "业务关系年度评审", "2027-06-01")),
                                         ("en", ("Reviews held 3 / 7", "Annual business review", "2027-06-01"))])
def test_the_review_example_lays_out_the_years_calendar_and_offers_its_ics(lang, words, database_url):
    with_account(database_url, "East Motors")
    at = open_page(REVIEW, lang)
    at.button(key="review_cadence.load_example").click().run()
    at = open_tab(at, "review_cadence.tab", CALENDAR_TAB[lang])
    table = at.dataframe[0].value
    text = shown(at) + " " + table.to_string()
    assert all(w in text for w in words), text
    assert at.get("download_button")


def test_the_downloaded_ics_parses_and_holds_the_calendars_days(database_url, monkeypatch):
    stores = []

    class Kept(app_test.MemoryMediaFileStorage):  # the file the download button serves, kept to read back
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            stores.append(self)

    monkeypatch.setattr(app_test, "MemoryMediaFileStorage", Kept)
    with_account(database_url, "East Motors")
    at = open_page(REVIEW, "en")
    at.button(key="review_cadence.load_example").click().run()
    at = open_tab(at, "review_cadence.tab", CALENDAR_TAB["en"])
    button = at.get("download_button")[0].proto
    assert button.label == "Download the calendar (.ics)"
    served = stores[-1].get_file(button.url.rsplit("/", 1)[-1])
    assert served.mimetype == "text/calendar" and served.filename == "reviews-acct-a.ics"
    events = list(icalendar.Calendar.from_ical(served.content).walk("VEVENT"))
    assert [e.decoded("dtstart") for e in events] == [date(2026, 7, 1), date(2026, 8, 1), date(2026, 10, 1),
                                                      date(2027, 1, 1), date(2027, 2, 1), date(2027, 4, 1),
                                                      date(2027, 6, 1)]
    assert str(events[0]["summary"]) == "Business-relationship review · East Motors"


def test_choosing_the_start_day_saves_it_and_the_calendar_appears(database_url):
    store, group = with_account(database_url, "East Motors")
    at = open_page(REVIEW, "en")
    by_key_suffix(at.date_input, ".start").set_value(date(2027, 1, 4)).run()
    assert store.worksheet(group.id, "review_cadence", "acct-a").data["start"] == "2027-01-04"
    at = open_tab(at, "review_cadence.tab", CALENDAR_TAB["en"])
    assert "2027-01-04" in at.dataframe[0].value.to_string()


def test_a_held_review_recorded_without_its_date_is_listed_as_a_draft(database_url):
    store, group = with_account(database_url, "East Motors")
    tool, m = TOOLS["review_cadence"], TOOLS["review_cadence"].method()
    data = {"start": "2026-07-01", "held": [{"key": "h1", "review": "business", "outcome": "续约谈判"}]}
    store.save_worksheet(group.id, tool.id, tool.validate(data, m), 0, "acct-a")
    at = open_tab(open_page(REVIEW, "zh"), "review_cadence.tab", HELD_TAB["zh"])
    assert at.get("data_editor")[0].value["outcome"].tolist() == ["续约谈判"]
    assert any("续约谈判" in w.value and "日期" in w.value for w in at.warning), [w.value for w in at.warning]


# ---- partnership development ---------------------------------------------------------------------------

@pytest.mark.parametrize("lang, words", [("zh", ("客户目前所处的步骤", "筛选和选择")),
                                         ("en", ("The customer's current step", "Screen and select"))])
def test_the_development_example_shows_the_customer_at_the_screening_step(lang, words, database_url):
    with_account(database_url, "East Motors")
    at = open_page(DEVELOPMENT, lang)
    at.button(key="partnership_development.load_example").click().run()
    assert all(w in shown(at) for w in words), shown(at)


@pytest.mark.parametrize("lang, verdict", [("zh", "可以推进"), ("en", "Go ahead")])
def test_the_development_example_may_proceed_on_its_prerequisites(lang, verdict, database_url):
    with_account(database_url, "East Motors")
    at = open_page(DEVELOPMENT, lang)
    at.button(key="partnership_development.load_example").click().run()
    at = open_tab(at, "partnership_development.tab", PREREQUISITES_TAB[lang])
    assert verdict in shown(at)


def test_scoring_a_prerequisite_saves_it_and_the_rest_are_named_as_missing(database_url):
    store, group = with_account(database_url, "East Motors")
    at = open_tab(open_page(DEVELOPMENT, "en"), "partnership_development.tab", PREREQUISITES_TAB["en"])
    by_key_suffix(at.button_group, ".score.scores.quality").set_value(4).run()
    assert store.worksheet(group.id, "partnership_development", "acct-a").data["scores"] == {"quality": 4}
    first = next(c.value for c in at.caption if c.value.startswith("Score every prerequisite first"))
    assert "A shared desire to succeed" in first and "A deep concern for quality" not in first


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_screening_says_where_to_score_until_the_partnership_model_is_used(lang, database_url):
    with_account(database_url, "East Motors")
    at = open_tab(open_page(DEVELOPMENT, lang), "partnership_development.tab", SCREEN_TAB[lang])
    assert ("合作伙伴关系模型" if lang == "zh" else "partnership model") in " ".join(i.value for i in at.info)


@pytest.mark.parametrize("lang, words", [
    ("zh", ("II 型伙伴关系", ":material/warning: **供应商企业将注意力过多放在少数客户身上**",
            ":gray[大客户过多地倚重少数供应商]")),
    ("en", ("Type II", ":material/warning: **The supplier puts too much of its attention",
            ":gray[The key account leans too heavily on a few suppliers]"))])
def test_screening_shows_the_partnership_models_verdict_and_ticked_cautions_for_the_account(lang, words,
                                                                                           database_url):
    store, group = with_account(database_url, "East Motors")
    tool, pm = TOOLS[ps.TOOL_ID], ps.method()
    store.save_worksheet(group.id, ps.TOOL_ID, tool.validate(ps.example_input(pm, lang=lang), pm), 0, "acct-a")
    at = open_tab(open_page(DEVELOPMENT, lang), "partnership_development.tab", SCREEN_TAB[lang])
    text = shown(at)
    assert all(w in text for w in words), text


@pytest.mark.parametrize("tool, words", [
    ("attention_checklist", ("North Corp", "Overdue or never done")),
    ("review_cadence", ("South Corp", "Reviews held")),
    ("partnership_development", ("North Corp", "Go ahead"))])
def test_the_projector_shows_every_group_on_the_lecture_3_tools(tool, words, workshops):
    at = projector_on(workshops, tool)
    assert not at.exception
    tables = " ".join(str(h.proto.body) for h in at.get("html"))
    assert all(w in tables for w in words), tables[:2000]
    assert at.get("plotly_chart")


def test_the_evidence_beside_a_prerequisite_is_saved(database_url):
    store, group = with_account(database_url, "East Motors")
    at = open_tab(open_page(DEVELOPMENT, "zh"), "partnership_development.tab", PREREQUISITES_TAB["zh"])
    by_key_suffix(at.text_input, ".note.notes.formality").input("客户法务要求标准合同").run()
    assert store.worksheet(group.id, "partnership_development", "acct-a").data["notes"] == {
        "formality": "客户法务要求标准合同"}
