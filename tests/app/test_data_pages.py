"""The data pages in both languages: the home page's statement, a group's own deletion (asked once,
saying what goes), the names opt-in, and the console's retention date, "keep longer" and deletion."""

from datetime import UTC, datetime, timedelta

import pytest
from streamlit.testing.v1 import AppTest

from kamcore.store import Account, Store
from kamcore.workshop import WorkshopError, Workshops
from tests.app.conftest import APP, browser_group, open_page
from ui import session

SAID = {"zh": ("保存多久", "删除本小组的数据", "将删除小组", "命令行立即清理"),
        "en": ("For how long", "Delete our group's work", "This deletes the group", "python -m kamcore purge")}


@pytest.fixture
def workshops(database_url):
    return Workshops(Store(database_url))


@pytest.fixture
def workshop(workshops):
    created, _ = workshops.create("KAM Shanghai", "zh", "2468")
    return created


def home_of(workshops, workshop, name: str, lang: str) -> tuple[AppTest, object]:
    session._resolve.clear()
    group = workshops.join(workshop.code, name)
    group.add_account(Account("acct-1", "Polaris Heavy"))
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update({"w": workshop.code, "g": group.group.token, "lang": lang})
    at.run()
    assert not at.exception, at.exception
    return at, group


def text_of(at: AppTest) -> str:
    return " ".join(str(e.value) for e in [*at.markdown, *at.caption, *at.info, *at.warning, *at.success])


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_home_page_says_what_is_kept_where_how_long_and_how_to_delete(lang, monkeypatch):
    monkeypatch.setenv("KAM_RETENTION_DAYS", "45")
    at = open_page("app_pages/home.py", lang)
    said = text_of(at)
    assert SAID[lang][0] in said and "45" in said and SAID[lang][3] in said


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_group_is_asked_once_what_goes_and_then_its_work_is_deleted(lang, workshops, workshop):
    at, group = home_of(workshops, workshop, "Team Red", lang)
    at.button(key="data.delete_own").click().run()
    asked = text_of(at)
    assert SAID[lang][2] in asked and "Team Red" in asked and "1" in asked
    assert workshops.group_names(workshop)  # asking deleted nothing
    at.button(key="data.confirm").click().run()
    assert not at.exception, at.exception
    assert workshops.group_names(workshop) == []
    with pytest.raises(WorkshopError):
        workshops.workspace(workshop.code, group.group.token)
    assert at.success and "g" not in at.query_params


def test_a_group_that_cancels_keeps_its_work(workshops, workshop):
    at, _ = home_of(workshops, workshop, "Team Red", "en")
    at.button(key="data.delete_own").click().run()
    at.button(key="data.cancel").click().run()
    assert [name for _, name in workshops.group_names(workshop)] == ["Team Red"]


def test_a_personal_workspace_is_deleted_by_its_owner_who_gets_a_fresh_one(database_url):
    at = open_page("app_pages/home.py", "en")
    mine = browser_group(Store(database_url))
    at.button(key="data.delete_own").click().run()
    assert "This deletes your personal workspace" in text_of(at)
    at.button(key="data.confirm").click().run()
    assert not at.exception, at.exception
    with pytest.raises(WorkshopError):
        Workshops(Store(database_url)).personal(mine.token)
    assert at.query_params.get("me") not in (None, mine.token)


def test_the_names_opt_in_is_the_groups_and_off_until_it_says_so(workshops, workshop):
    at, group = home_of(workshops, workshop, "Team Red", "en")
    assert at.toggle(key="data.share_names").value is False and not group.shares_names()
    at.toggle(key="data.share_names").set_value(True).run()
    assert group.shares_names()


def console(workshop, lang: str) -> AppTest:
    at = open_page("app_pages/console.py", lang)
    at.session_state["trainer"] = workshop.code
    at.run()
    return at


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_console_shows_when_an_archived_workshop_goes_and_can_keep_it_longer(lang, workshops, workshop):
    workshops.set_archived(workshop, now=datetime.now(UTC) - timedelta(days=30))
    at = console(workshop, lang)
    due = (datetime.now(UTC) + timedelta(days=60)).date().isoformat()
    assert due in text_of(at)
    at.button(key="data.keep_longer").click().run()
    assert (datetime.now(UTC) + timedelta(days=90)).date().isoformat() in text_of(at)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_trainer_exports_then_deletes_the_workshop_after_one_question(lang, workshops, workshop):
    workshops.join(workshop.code, "Team Red")
    at = console(workshop, lang)
    at.button(key="data.delete_workshop").click().run()
    asked = text_of(at)
    assert "Team Red" in asked and workshop.code in asked
    assert workshops.live(workshop.code)
    at.button(key="data.confirm").click().run()
    assert not at.exception, at.exception
    with pytest.raises(WorkshopError):
        workshops.live(workshop.code)
    assert "trainer" not in at.session_state and at.success
