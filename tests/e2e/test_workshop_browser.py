"""A classroom in one browser: a trainer, two groups on their own contexts, and the projector."""

import re
from urllib.parse import urlsplit

from playwright.sync_api import expect

from tests.e2e.conftest import open_expander, pick, picked, start_workshop, wait_for_app


def join(browser, app_url: str, code: str, group: str):
    page = browser.new_context().new_page()
    page.goto(f"{app_url}/?w={code}&lang=en")
    wait_for_app(page)
    page.get_by_label("New group's name").fill(group)
    page.get_by_role("button", name="Join").click()
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Account selection")).to_be_visible()
    open_expander(page, "How it works, and the course examples")
    page.get_by_role("button", name="Load the course example").click()  # a fully scored worksheet
    wait_for_app(page)
    return page


def score(page, value: str) -> None:
    pick(page, 0, value)


def test_a_workshop_from_creation_to_projector_with_locks_and_reloads(browser, app_url):
    trainer = browser.new_context().new_page()
    code, projector_link = start_workshop(trainer, app_url, "KAM · Day 1")

    north, south = join(browser, app_url, code, "North"), join(browser, app_url, code, "South")
    score(north, "10")  # future sales and profit 10
    score(south, "1")  # future sales and profit 1
    expect(north.get_by_text(re.compile(r"Saved \(version \d"))).to_be_visible()
    expect(south.get_by_text(re.compile(r"Saved \(version \d"))).to_be_visible()

    projector = browser.new_context().new_page()  # the link as shown, pointed at this test's server
    projector.goto(f"{app_url}/projector?{urlsplit(projector_link).query}")
    wait_for_app(projector)
    expect(projector.get_by_role("heading", name="KAM · Day 1")).to_be_visible()
    projector.get_by_test_id("stMain").get_by_role("radio", name="Account selection", exact=True).click()
    wait_for_app(projector)  # the tool the groups worked in
    expect(projector.locator(".kam-big").first).to_contain_text("North")
    expect(projector.locator(".kam-big").first).to_contain_text("South")

    trainer.get_by_role("tab", name="Exercises and timer").click()
    trainer.locator(".st-key-console-lock-selection").get_by_text("Locked").click()  # account selection
    wait_for_app(trainer)
    expect(north.get_by_text("The trainer has locked this exercise").first).to_be_visible()  # no reload
    expect(north.locator("[class*='-score-'] [role='radiogroup'] button").first).to_be_disabled()

    for page, value in ((north, "10"), (south, "1")):
        page.reload()
        wait_for_app(page)
        expect(picked(page, 0)).to_have_text(value)
