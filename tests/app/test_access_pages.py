"""Access (issue 12) through the real pages: a browser's own personal workspace, links that open
nothing, join keys, the trainer's model answers without a token in any URL, restoring with the PIN."""

import pytest
from streamlit.testing.v1 import AppTest

from kamcore.store import Account, Store
from kamcore.workshop import Workshops
from tests.app.conftest import APP, open_page
from ui import session


@pytest.fixture
def workshops(database_url):
    return Workshops(Store(database_url))


@pytest.fixture
def workshop(workshops):
    created, _ = workshops.create("KAM", "en", "2468")
    return created


def visit(lang: str = "en", page: str | None = None, **params) -> AppTest:
    session._resolve.clear()
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update({"lang": lang, **params})
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def page_text(at: AppTest) -> str:
    return " ".join(str(e.value) for kind in ("markdown", "caption", "code", "text", "error", "info", "success")
                    for e in getattr(at, kind))


def personal_token(at: AppTest) -> str:
    token = at.query_params["me"]
    return token[0] if isinstance(token, list) else token


@pytest.mark.parametrize("lang, bookmark", [("zh", "收藏这个链接"), ("en", "Bookmark this link")])
def test_a_new_browser_gets_its_own_personal_workspace_with_a_link_to_bookmark(lang, bookmark, workshops):
    first = open_page("app_pages/home.py", lang, fresh=True)
    first_token = personal_token(first)
    workshops.personal(first_token).add_account(Account("acct-1", "ACME"))
    second = open_page("app_pages/selection.py", lang, fresh=True)
    second_token = personal_token(second)
    assert first_token != second_token
    assert workshops.personal(second_token).accounts() == []
    assert "ACME" not in page_text(second)
    assert bookmark in page_text(first) and f"?me={first_token}" in page_text(first)


@pytest.mark.parametrize("lang, said", [("zh", "打不开"), ("en", "opens nothing")])
def test_a_mistyped_personal_link_says_so_and_offers_to_join_or_start_fresh(lang, said, workshops):
    someone = workshops.new_personal()
    someone.add_account(Account("acct-1", "Someone's ACME"))
    at = visit(lang, me="not-a-token")
    assert any(said in e.value for e in at.error)
    assert at.text_input(key="join.code") is not None
    assert "Someone's ACME" not in page_text(at) and not at.get("data_editor")
    at.button(key="access.start_fresh").click().run()
    mine = personal_token(at)
    assert mine != someone.group.token and workshops.personal(mine).accounts() == []


def test_a_removed_groups_link_says_so_and_never_falls_back_to_other_work(workshops, workshop):
    group = workshops.join(workshop.code, "North")
    workshops.remove_group(workshop, group.group.id)
    at = visit("en", "app_pages/selection.py", w=workshop.code, g=group.group.token)
    assert any("not valid" in e.value for e in at.error)
    assert at.button(key="access.start_fresh") is not None
    assert not at.get("data_editor") and not at.pills


def test_joining_an_existing_group_needs_its_key_and_the_group_sees_it_in_the_sidebar(workshops, workshop):
    north = workshops.join(workshop.code, "North")
    at = visit("en", w=workshop.code)
    at.selectbox(key="join.group").set_value("North").run()
    at.button(key="join.button").click().run()
    assert any("join key" in e.value for e in at.error)
    at.text_input(key="join.key").input("WRONG2")
    at.button(key="join.button").click().run()
    assert any("does not open this group" in e.value for e in at.error)
    at.text_input(key="join.key").input(north.group.join_key.lower())
    at.button(key="join.button").click().run()
    assert at.query_params["g"] in (north.group.token, [north.group.token])
    assert any(north.group.join_key in t.value for t in at.text)


def test_the_console_shows_each_groups_join_key_and_the_projector_does_not(workshops):
    workshop, token = workshops.create("KAM", "en", "2468")
    north = workshops.join(workshop.code, "North")
    console = open_page("app_pages/console.py", "en")
    console.session_state["trainer"] = workshop.code
    console.run()
    assert list(console.dataframe[0].value["Join key"]) == [north.group.join_key]
    projector = visit("en", "app_pages/projector.py", w=workshop.code, p=token)
    shown = page_text(projector) + " ".join(str(h.proto.body) for h in projector.get("html"))
    assert north.group.join_key not in shown


def test_the_model_answers_open_from_the_console_without_their_token_in_any_url(workshops, workshop):
    trainer = workshops.trainer_workspace(workshop)
    console = open_page("app_pages/console.py", "en")
    console.session_state["trainer"] = workshop.code
    console.run()
    console.selectbox(key="room.model_tool").set_value("selection")  # a tool whose page adds accounts
    console.button(key="console.model_answer").click().run()
    assert not console.exception
    assert trainer.group.token not in str(dict(console.query_params))
    assert any("model answer" in t.value for t in console.text)
    console.text_input(key="accounts.new_name").input("Model ACME")
    console.button(key="accounts.create").click().run()
    assert [a.name for a in trainer.accounts()] == ["Model ACME"]
    console.button(key="console.model_answer").click().run()  # AppTest reran the console script: open again
    console.button(key="room.back_to_console").click().run()  # the box at the top of the tool's page
    assert console.tabs


def test_a_leaked_model_answer_link_opens_nothing(workshops, workshop):
    trainer = workshops.trainer_workspace(workshop)
    at = visit("en", "app_pages/selection.py", w=workshop.code, g=trainer.group.token)
    assert any("not valid" in e.value for e in at.error) and not at.pills


def test_the_console_asks_for_the_backups_pin_next_to_its_restore_upload(workshop):
    """(The refusal itself: tests/unit/test_access.py; the upload in a browser: tests/e2e/test_access_browser.py.)"""
    console = open_page("app_pages/console.py", "en")
    console.session_state["trainer"] = workshop.code
    console.run()
    assert console.text_input(key="exports.restore.pin").label.startswith("Trainer PIN of the backed-up workshop")
