"""Lecture 2's process tools in a real browser: two opportunities typed into the pipeline, one moved
through two stages with its exit checklist (the history shows both moves), two weekly reviews of the
task timetable a simulated week apart showing what slipped and what is new, and the Gantt chart
scrolling sideways on a phone instead of being squashed."""

from playwright.sync_api import expect

from kamcore.store import Account
from kamcore.tools import TOOLS
from kamcore.workshop import Workshops
from tests.e2e.conftest import wait_for_app
from tests.e2e.test_drafts_browser import type_in_cell, type_in_new_row

SERVER_ENV = {"KAM_TODAY": "2026-11-16"}  # the server's today, a week after the second review
PHONE = {"viewport": {"width": 390, "height": 844}, "user_agent": "Mozilla/5.0 (iPhone) Mobile", "has_touch": True}
NAME, VALUE = 0.15, 0.37  # the pipeline table's name and value columns, as shares of its width
TABLE = "table-opportunities"


def personal(app_store):
    workspace = Workshops(app_store).new_personal()
    workspace.add_account(Account("acct-a", "Global Motors"))
    return workspace


def open_tool(page, app_url: str, tool: str, token: str, lang: str = "en") -> None:
    page.goto(f"{app_url}/{tool}?me={token}&lang={lang}")
    wait_for_app(page)


def tab(page, name: str) -> None:
    page.get_by_role("tab", name=name, exact=True).click()
    wait_for_app(page)


def test_opportunities_typed_in_move_through_two_stages_with_their_checklists(browser, app_url, app_store):
    workspace = personal(app_store)
    page = browser.new_context(viewport={"width": 1400, "height": 900}).new_page()
    open_tool(page, app_url, "pipeline", workspace.group.token)
    type_in_new_row(page, TABLE, NAME, "Line 3 upgrade")
    expect(page.get_by_text("Line 3 upgrade: still missing Value")).to_be_visible()
    type_in_cell(page, TABLE, VALUE, 0, "2000000")
    type_in_new_row(page, TABLE, NAME, "Spare parts")
    type_in_cell(page, TABLE, VALUE, 1, "5000000")
    expect(page.get_by_text("still missing")).to_have_count(0)
    main = page.get_by_test_id("stMain")
    expect(main).to_contain_text("350,000 CNY")  # 7m in information collection at 5 %

    tab(page, "Move a deal")
    expect(main).to_contain_text("Now in 1. Information collection")
    page.get_by_text("The account's basics, organisation and buying process are known").click()
    page.get_by_text("At least one contact inside the account").click()
    wait_for_app(page)
    expect(main).to_contain_text("Every exit criterion is met.")
    page.get_by_role("button", name="Move to 2. Filtering").click()
    wait_for_app(page)
    expect(main).to_contain_text("Line 3 upgrade moved to 2. Filtering.")
    page.get_by_text("A real need and a budget are confirmed").click()
    wait_for_app(page)
    expect(main).to_contain_text("1 of 2 exit criteria met")
    page.get_by_role("button", name="Move to 3. Solution polishing").click()
    wait_for_app(page)
    expect(main).to_contain_text("Line 3 upgrade moved to 3. Solution polishing.")
    expect(main).to_contain_text("550,000 CNY")  # 2m at 15 % + 5m at 5 %

    group = workspace.group
    line = app_store.worksheet(group.id, "pipeline", "acct-a").data["opportunities"][0]
    assert [(c["stage"], c["met"]) for c in line["history"]] == [
        ("information", []), ("filtering", ["basics", "contact"]), ("solution", ["need"])]
    tab(page, "History")
    history = page.get_by_test_id("stDataFrame")
    expect(history).to_contain_text("3. Solution polishing")
    expect(history).to_contain_text("A real need and a budget are confirmed")


def test_two_weekly_reviews_a_week_apart_show_what_slipped_and_what_is_new(browser, app_url, app_store):
    workspace = personal(app_store)
    tool = TOOLS["task_timetable"]
    m = tool.method()
    tasks = [{"key": "a", "deliverable": "Technical proposal", "owner": "Wang", "support": "Zhang",
              "start": "2026-11-01", "due": "2026-11-10", "status": "doing"}]
    workspace.save("task_timetable", tool.validate({"tasks": tasks, "reviews": []}, m), 0, "acct-a")
    page = browser.new_context(viewport={"width": 1400, "height": 900}).new_page()
    open_tool(page, app_url, "task_timetable", workspace.group.token)
    review(page, "2026-11-02", "Proposal under way")
    main = page.get_by_test_id("stMain")
    expect(main).to_contain_text("Review of 2026-11-02 saved.")

    # a week's work, done on another device: the proposal slips three days, a quotation joins
    data = app_store.worksheet(workspace.group.id, "task_timetable", "acct-a")
    changed = {**data.data, "tasks": [{**tasks[0], "due": "2026-11-13"},
                                      {**tasks[0], "key": "b", "deliverable": "Quotation", "start": "2026-11-05",
                                       "due": "2026-11-20", "status": "planned"}]}
    workspace.save("task_timetable", tool.validate(changed, m), data.version, "acct-a")
    page.reload()
    wait_for_app(page)
    tab(page, "Weekly review")
    expect(main).to_contain_text("Since the last review (2026-11-02)")
    review(page, "2026-11-09", "Customer added requirements")
    expect(main).to_contain_text("Review of 2026-11-09 saved.")
    text = main.inner_text()
    latest = text[text.index("Review 2026-11-09"):text.index("Review 2026-11-02")]  # the newest review first
    assert "Slipped (1): Technical proposal (+3 days)" in latest and "New (1): Quotation" in latest
    assert "Customer added requirements" in latest
    since = text[:text.index("Review 2026-11-09")]  # today's timetable against this review
    assert "Since the last review (2026-11-09)" in since and "Technical proposal (3 days overdue)" in since

def review(page, day: str, notes: str) -> None:
    tab(page, "Weekly review")
    date = page.get_by_test_id("stDateInput").filter(has_text="Review date").locator("input")
    date.fill(day)
    date.press("Enter")
    wait_for_app(page)
    page.get_by_label("Notes of the review").fill(notes)
    page.get_by_label("Notes of the review").press("Tab")
    wait_for_app(page)
    page.get_by_role("button", name="Save this week's review").click()
    wait_for_app(page)


def test_the_gantt_keeps_its_width_on_a_phone_and_scrolls_sideways(browser, app_url, app_store):
    workspace = personal(app_store)
    tool = TOOLS["task_timetable"]
    m = tool.method()
    workspace.save("task_timetable", tool.validate(tool.example(m), m), 0, "acct-a")
    phone = browser.new_context(**PHONE).new_page()
    open_tool(phone, app_url, "task_timetable", workspace.group.token)
    tab(phone, "Gantt chart")
    chart = phone.get_by_test_id("stPlotlyChart")
    expect(chart).to_be_visible()
    assert chart.bounding_box()["width"] > 600  # a day keeps its width
    box = phone.locator(".st-key-timetable-gantt-box")
    assert box.evaluate("e => e.scrollWidth > e.clientWidth && e.clientWidth <= 390")
    box.evaluate("e => e.scrollLeft = 400")
    assert box.evaluate("e => e.scrollLeft") > 0
