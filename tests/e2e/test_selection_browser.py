import re

from playwright.sync_api import expect

from tests.e2e.conftest import wait_for_app


def slider(page, index: int):
    return page.locator("[data-testid='stSlider'] input[type='range']").nth(index)


def test_scores_survive_a_reload_even_when_the_first_request_is_a_deep_link(page, app_url):
    page.goto(f"{app_url}/selection?lang=en")
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Account selection")).to_be_visible()
    # the app's own frame and navigation, not Streamlit's legacy pages/ listing
    expect(page.get_by_test_id("stSidebar")).to_contain_text("Trainer console")
    page.get_by_label("Account name").fill("ACME")
    page.get_by_role("button", name="Create").click()
    wait_for_app(page)

    assert slider(page, 0).input_value() == "6"
    slider(page, 0).focus()
    page.keyboard.press("End")  # one keypress, one rerun: 6 → 10
    wait_for_app(page)
    expect(page.get_by_text(re.compile(r"Saved \(version \d+"))).to_be_visible()
    expect(page.get_by_test_id("stMetricValue").first).to_have_text("7.60")

    page.reload()
    wait_for_app(page)
    assert slider(page, 0).input_value() == "10"
    expect(page.get_by_test_id("stMetricValue").first).to_have_text("7.60")
