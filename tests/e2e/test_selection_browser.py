import re

from playwright.sync_api import expect

from tests.e2e.conftest import pick, picked, pills, wait_for_app


def test_scores_survive_a_reload_even_when_the_first_request_is_a_deep_link(page, app_url):
    page.goto(f"{app_url}/selection?lang=en")
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Account selection")).to_be_visible()
    # the app's own frame and navigation, not a page run on its own
    expect(page.get_by_test_id("stSidebar")).to_contain_text("Trainer console")
    page.get_by_label("Account name").fill("ACME")
    page.get_by_role("button", name="Create").click()
    wait_for_app(page)

    expect(picked(page, 0)).to_have_count(0)  # nothing is scored before the group scores it
    groups = page.get_by_test_id("stMain").get_by_test_id("stButtonGroup").count()
    for index in range(groups):  # every criterion at 6, or 3 on the 1–5 scale
        pick(page, index, "3" if pills(page, index).get_by_role("radio").count() == 5 else "6")
    expect(page.get_by_test_id("stMetricValue").first).to_have_text("6.00")
    pick(page, 0, "10")
    expect(page.get_by_text(re.compile(r"Saved \(version \d+"))).to_be_visible()
    expect(page.get_by_test_id("stMetricValue").first).to_have_text("7.60")

    page.reload()
    wait_for_app(page)
    expect(picked(page, 0)).to_have_text("10")
    expect(page.get_by_test_id("stMetricValue").first).to_have_text("7.60")
