"""Lecture 2 in a real browser, on a phone: the observer's taps and stopwatch survive a reload (every tap
is in the store), and the relationship map is drawn whole at the phone's width with our owners below."""

from playwright.sync_api import expect

from kamcore.store import Account
from kamcore.tools import TOOLS
from kamcore.workshop import Workshops
from tests.e2e.conftest import wait_for_app

PHONE = {"viewport": {"width": 390, "height": 844}, "user_agent": "Mozilla/5.0 (iPhone) Mobile", "has_touch": True}


def personal(app_store, *examples: str) -> tuple[str, int]:
    workspace = Workshops(app_store).new_personal()
    workspace.add_account(Account("acct-a", "East China Precision"))
    for tool_id in examples:
        tool = TOOLS[tool_id]
        m = tool.method()
        workspace.save(tool_id, tool.validate(tool.example(m), m), 0, "acct-a")
    return workspace.group.token, workspace.group.id


def open_tab(page, app_url: str, tool: str, token: str, tab: str) -> None:
    page.goto(f"{app_url}/{tool}?me={token}&lang=en")
    wait_for_app(page)
    page.get_by_role("tab", name=tab, exact=True).click()
    wait_for_app(page)


def test_an_observers_taps_on_a_phone_are_saved_one_by_one_and_kept_after_a_reload(browser, app_url, app_store):
    token, group = personal(app_store)
    phone = browser.new_context(**PHONE).new_page()
    open_tab(phone, app_url, "value_strategy", token, "Observer")
    phone.get_by_role("button", name="Start").click()
    wait_for_app(phone)
    for name in ("S · Situation · 0", "P · Problem · 0", "I · Implication · 0", "I · Implication · 1"):
        phone.get_by_role("button", name=name).click()
        wait_for_app(phone)
    observed = app_store.worksheet(group, "value_strategy", "acct-a").data["observed"]
    assert observed["counts"] == {"situation": 1, "problem": 1, "implication": 2} and observed["started"]
    phone.reload()
    wait_for_app(phone)
    phone.get_by_role("tab", name="Observer", exact=True).click()
    wait_for_app(phone)
    expect(phone.get_by_role("button", name="I · Implication · 2")).to_be_visible()
    expect(phone.get_by_role("button", name="Stop")).to_be_visible()  # the stopwatch still runs


def test_the_relationship_map_is_drawn_whole_at_a_phones_width(browser, app_url, app_store):
    token, _ = personal(app_store, "buying_centre")
    phone = browser.new_context(**PHONE).new_page()
    open_tab(phone, app_url, "buying_centre", token, "Map")
    chart = phone.get_by_test_id("stPlotlyChart")
    chart.scroll_into_view_if_needed()
    expect(chart.get_by_text("Mr Wang")).to_be_visible()
    expect(chart.get_by_text("Application engineer")).to_be_visible()
    box = chart.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
