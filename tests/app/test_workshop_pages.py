"""Trainer and participant flows through the real pages (AppTest), in Chinese and English."""

import pytest
from streamlit.testing.v1 import AppTest

from kamcore.methods import selection as sel
from kamcore.store import Account, Store
from kamcore.workshop import Workshops
from tests.app.conftest import APP, by_key_suffix, open_page
from ui import session

EXAMPLE = sel.SelectionInput.model_validate(sel.example_input(sel.method()))


@pytest.fixture
def workshops(database_url):
    return Workshops(Store(database_url))


@pytest.fixture
def workshop(workshops):
    created, _ = workshops.create("KAM Shanghai", "zh", "2468")
    return created


def as_group(workshops, workshop, name, page="app_pages/selection.py", lang="en") -> AppTest:
    """A participant arriving later than the 2-second cache of workshop settings."""
    session._resolve.clear()
    keys = {g.name: g.join_key for g in workshops.progress(workshop)}  # as its members read it off their screen
    group = workshops.join(workshop.code, name, keys.get(name))
    if not group.accounts():
        group.add_account(Account("acct-1", "ACME"))
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update({"w": workshop.code, "g": group.group.token, "lang": lang})
    at.run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


@pytest.mark.parametrize("lang, created", [("zh", "工作坊代码"), ("en", "Workshop code")])
def test_a_trainer_creates_a_workshop_and_lands_in_its_console(lang, created, workshops):
    at = open_page("app_pages/home.py", lang)
    at.text_input(key="create.title").input("Key accounts · Day 1")
    at.text_input(key="create.pin").input("2468")
    at.text_input(key="create.pin_again").input("2468")
    at.button(key="FormSubmitter:create-" + ("创建" if lang == "zh" else "Create")).click().run()
    assert not at.exception
    slide = " ".join(str(h.proto.body) for h in at.get("html"))  # the join slide
    assert created in slide and at.session_state["trainer"] in slide
    assert "<img src=\"data:image/svg+xml" in slide  # the QR code


def test_different_pins_are_refused(workshops):
    at = open_page("app_pages/home.py", "en")
    at.text_input(key="create.title").input("x")
    at.text_input(key="create.pin").input("2468")
    at.text_input(key="create.pin_again").input("2469")
    at.button(key="FormSubmitter:create-Create").click().run()
    assert any("differ" in e.value for e in at.error)


@pytest.mark.parametrize("lang, landing", [("zh", "选客：大客户选择"), ("en", "Account selection")])
def test_a_participant_joins_by_code_and_works_as_a_new_group(lang, landing, workshops, workshop, database_url):
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update({"w": workshop.code, "lang": lang})
    at.run()
    assert at.text_input(key="join.code").value == workshop.code
    at.text_input(key="join.group_name").input("Team Blue")
    at.button(key="join.button").click().run()
    assert at.title[0].value == landing
    at.text_input(key="accounts.new_name").input("ACME")
    at.button(key="accounts.create").click().run()
    by_key_suffix(at.pills, "attractiveness.influence").set_value(9).run()
    [(group_id, name)] = workshops.group_names(workshop)
    assert name == "Team Blue"
    assert Store(database_url).worksheet(group_id, "selection").data["accounts"][0]["attractiveness"]["influence"] == 9


def test_a_wrong_join_code_is_explained(workshop):
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update({"w": "NOPE42", "lang": "zh"})
    at.run()
    assert any("没有这个工作坊代码" in e.value for e in at.error)


def test_a_reload_with_the_groups_link_lands_on_its_own_work(workshops, workshop):
    first = as_group(workshops, workshop, "A")
    by_key_suffix(first.pills, "attractiveness.influence").set_value(2).run()
    other = as_group(workshops, workshop, "B")
    assert by_key_suffix(other.pills, "attractiveness.influence").value != 2
    again = as_group(workshops, workshop, "A", lang="zh")
    assert by_key_suffix(again.pills, "attractiveness.influence").value == 2


@pytest.mark.parametrize("lang, wrong", [("zh", "PIN 不正确"), ("en", "Wrong PIN")])
def test_the_console_opens_only_with_the_right_pin(lang, wrong, workshop):
    at = open_page("app_pages/console.py", lang)
    at.text_input(key="signin.code").input(workshop.code)
    at.text_input(key="signin.pin").input("0000")
    at.button(key="FormSubmitter:signin-" + ("登录" if lang == "zh" else "Sign in")).click().run()
    assert any(wrong in e.value for e in at.error)
    at.text_input(key="signin.pin").input("2468")
    at.button(key="FormSubmitter:signin-" + ("登录" if lang == "zh" else "Sign in")).click().run()
    assert at.tabs and not at.error


def test_the_console_shows_groups_and_their_progress_without_their_links(workshops, workshop):
    group = workshops.join(workshop.code, "Team Red")
    group.save("selection", EXAMPLE, 0)
    at = open_page("app_pages/console.py", "en")
    at.session_state["trainer"] = workshop.code
    at.run()
    frame = at.dataframe[0].value
    assert list(frame["Group"]) == ["Team Red"] and frame["Account selection"][0] != "—"
    page_text = " ".join(str(e.value) for e in [*at.markdown, *at.code, *at.text, *at.caption])
    assert group.group.token not in page_text


def test_locking_a_tool_in_the_console_makes_it_read_only_for_groups(workshops, workshop, database_url):
    participant = as_group(workshops, workshop, "A")
    console = open_page("app_pages/console.py", "en")
    console.session_state["trainer"] = workshop.code
    console.run()
    console.toggle(key="console.lock.selection").set_value(True).run()
    by_key_suffix(participant.pills, "attractiveness.influence").set_value(1).run()
    assert any("locked" in e.value for e in participant.error)
    [(group_id, _)] = workshops.group_names(workshop)
    [entry] = Store(database_url).worksheet(group_id, "selection").data["accounts"]
    assert entry["attractiveness"].get("influence") != 1
    assert by_key_suffix(participant.pills, "attractiveness.influence").value != 1


def test_a_revealed_model_answer_appears_on_the_groups_page(workshops, workshop):
    workshops.trainer_workspace(workshop).save("selection", EXAMPLE, 0)
    hidden = as_group(workshops, workshop, "A")
    assert not any("model answer" in e.label for e in hidden.expander)
    workshops.update_settings(workshop, reveals={"selection": True})
    shown = as_group(workshops, workshop, "A")
    assert any("model answer" in e.label for e in shown.expander)


def test_the_projector_needs_the_pin_or_its_link_and_shows_every_group(workshops):
    workshop, token = workshops.create("KAM", "en", "2468")
    for name in ("North", "South"):
        workshops.join(workshop.code, name).save("selection", EXAMPLE, 0)
    closed = open_page("app_pages/projector.py", "en")
    assert any("sign in" in w.value for w in closed.warning)
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update({"w": workshop.code, "p": token, "lang": "en"})
    at.run()
    at.session_state["projector.tool"] = "selection"  # the tool the groups worked in
    at.switch_page("app_pages/projector.py").run()
    at.session_state["projector.tool"] = "selection"  # the course opens with the diagnosis, the first view
    at.run()
    tables = " ".join(str(h.proto.body) for h in at.get("html"))
    assert '<h1 class="title">KAM</h1>' in tables
    assert "North" in tables and "South" in tables


def test_a_group_takes_its_work_home_and_the_console_exports_the_workshop(workshops, workshop):
    group = as_group(workshops, workshop, "A", page="app_pages/home.py")
    assert [b.proto.label for b in group.get("download_button")] == [
        "Excel workbook", "PowerPoint deck", "JSON archive (imports again)",
        "One-page summary per account (print to PDF)"]
    console = open_page("app_pages/console.py", "zh")
    console.session_state["trainer"] = workshop.code
    console.run()
    assert [b.proto.label for b in console.get("download_button")] == [
        "整个工作坊的 Excel", "整个工作坊的演示文稿", "完整备份（JSON）"]


def test_what_participants_type_is_shown_as_text_never_as_markdown_or_html(workshops, workshop):
    sneaky = "**Team** [click](http://evil) <b>x</b>"
    at = as_group(workshops, workshop, sneaky, page="app_pages/home.py")
    [message] = [s.value for s in at.success]
    assert "**Team**" not in message and "[click](" not in message and "<b>" not in message
    assert r"\*\*Team\*\*" in message
