"""A group's account plan in a real browser: what the group did in account selection, the value
proposition and the competitive ranking appears in its plan without being typed again, and follows
a change made where it was made."""

from playwright.sync_api import expect

from tests.e2e.conftest import pick, pills, wait_for_app
from tests.e2e.test_value_proposition_browser import type_in_new_row


def go(page, tool_name: str) -> None:
    """Open a tool from the sidebar, as a participant does (the group and the account stay chosen)."""
    page.get_by_test_id("stSidebar").get_by_role("link", name=tool_name, exact=True).click()
    wait_for_app(page)


def plan(page):
    return page.locator(".kam-plan")


def test_a_group_sees_its_selection_value_proposition_and_ranking_in_its_plan_without_typing_them_again(
        page, app_url):
    page.goto(f"{app_url}/selection?lang=en")
    wait_for_app(page)
    page.get_by_label("Account name").fill("Globex")
    page.get_by_role("button", name="Create").click()
    wait_for_app(page)
    for index in range(page.get_by_test_id("stMain").get_by_test_id("stButtonGroup").count()):
        pick(page, index, "3" if pills(page, index).get_by_role("radio").count() == 5 else "6")
    expect(page.get_by_test_id("stMetricValue").first).to_have_text("6.00")

    go(page, "Value proposition")
    type_in_new_row(page, "table-q1", "Cut scrap by a third")
    go(page, "Competitive ranking")
    page.get_by_role("button", name="Load the course example").click()
    wait_for_app(page)

    go(page, "Account plan")
    expect(plan(page)).to_contain_text("Account plan · Globex")
    expect(plan(page)).to_contain_text("6.00")  # attractiveness, from account selection
    expect(plan(page)).to_contain_text("Cut scrap by a third")  # the value proposition's quadrant 1
    expect(plan(page)).to_contain_text("1 of 3")  # our competitive rank
    expect(plan(page)).to_contain_text("Quality: us 4, Competitor A 5")  # the benefit gap
    for source in ("Account selection", "Value proposition", "Competitive ranking"):
        expect(page.get_by_test_id("stMain").get_by_role("link", name=source)).to_be_visible()

    page.get_by_test_id("stMain").get_by_role("link", name="Account selection").click()  # where it was made
    wait_for_app(page)
    pick(page, 0, "10")
    expect(page.get_by_test_id("stMetricValue").first).to_have_text("7.60")
    go(page, "Account plan")
    expect(plan(page)).to_contain_text("7.60")
    expect(plan(page)).not_to_contain_text("6.00")
