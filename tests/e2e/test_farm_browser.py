"""One room on three app processes behind nginx (`dev.py serve`): the trainer, two groups and the
projector each on a process of their own agree within seconds, as on one process; two devices of a
group on different processes both keep their changes. Which process served whom is read from nginx's log."""

import re
import time
from urllib.parse import urlsplit

from playwright.sync_api import expect

from kamcore.store import PORTFOLIO, Account
from kamcore.tools import TOOLS
from kamcore.workshop import Workshops
from tests.e2e.conftest import (
    group_link,
    pick,
    picked,
    pinned_context,
    routes,
    start_workshop,
    stream_upstreams,
    wait_for_app,
)

WITHIN = 5_000  # ms from an action to every open participant page, whichever process serves it
PROJECTOR_WITHIN = 7_000  # the projector refreshes every 5 s (as on one process: tests/e2e/test_room_browser.py)


def open_pinned(browser, farm, route: str, url: str, **options):
    page = pinned_context(browser, farm, route, **options).new_page()
    page.goto(url)
    wait_for_app(page)
    return page


def scored_example(group) -> None:
    """The course example's scored account (A: future sales and profit 8) as the group's selection."""
    tool = TOOLS["selection"]
    data = tool.validate(tool.example(tool.method()), tool.method())
    group.save("selection", data, 0, PORTFOLIO, [Account(a.key, a.name) for a in data.accounts])


def show_selection(projector) -> None:
    projector.get_by_test_id("stMain").get_by_role("radio", name="Account selection", exact=True).click()
    wait_for_app(projector)


def test_a_trainer_two_groups_and_the_projector_on_three_processes_see_a_lock_a_timer_and_both_edits(
        browser, farm, farm_store):
    route = routes(farm)
    trainer = pinned_context(browser, farm, route[0]).new_page()
    code, projector_link = start_workshop(trainer, farm.url, "Three processes")
    north, south = (Workshops(farm_store).join(code, name) for name in ("North", "South"))
    for group in (north, south):
        scored_example(group)  # the projector compares scored worksheets only
    north_page = open_pinned(browser, farm, route[1], group_link(farm.url, north, "selection"))
    south_page = open_pinned(browser, farm, route[2], group_link(farm.url, south, "selection"))
    projector_url = f"{farm.url}/projector?{urlsplit(projector_link).query}"
    projector = open_pinned(browser, farm, route[1], projector_url, viewport={"width": 1920, "height": 1080})
    trainers_projector = trainer.context.new_page()  # the trainer's laptop shows the room too: process 0
    trainers_projector.goto(projector_url)
    wait_for_app(trainers_projector)
    for screen in (projector, trainers_projector):
        show_selection(screen)

    pick(north_page, 0, "10")  # account A's future sales and profit, 8 in the example, on process 1
    pick(south_page, 0, "1")  # the same criterion of the same account, on process 2
    for page in (north_page, south_page):
        expect(page.get_by_text(re.compile(r"Saved \(version"))).to_be_visible()
    trainer.get_by_role("tab", name="Exercises and timer").click()
    trainer.get_by_role("button", name="Start the timer").click()
    wait_for_app(trainer)
    trainer.locator(".st-key-console-lock-selection").get_by_text("Locked").click()
    wait_for_app(trainer)  # both on process 0
    acted = time.monotonic()

    for page in (north_page, south_page):
        expect(page.locator(".kam-timer")).to_contain_text(re.compile(r"1[45]:\d\d"), timeout=WITHIN)
        expect(page.get_by_text("The trainer has locked this exercise").first).to_be_visible(timeout=WITHIN)
    assert time.monotonic() - acted < WITHIN / 1000 + 1
    for screen in (projector, trainers_projector):
        expect(screen.locator(".kam-timer")).to_contain_text(re.compile(r"\d\d:\d\d"), timeout=PROJECTOR_WITHIN)
        flagged = screen.locator(".kam-big .flag")  # the groups' 10 and 1 lie 9 apart on one criterion
        expect(flagged.first).to_have_text("9", timeout=PROJECTOR_WITHIN)
    assert time.monotonic() - acted < PROJECTOR_WITHIN / 1000 + 2

    for page in (trainer, north_page, south_page, projector):
        page.context.close()
    streams = _streams_closed(farm, route[:3])
    assert streams == {route[0]: {farm.upstream(0)}, route[1]: {farm.upstream(1)}, route[2]: {farm.upstream(2)}}


def test_two_devices_of_a_group_on_different_processes_change_different_scores_and_both_are_kept(
        browser, farm, farm_store):
    route = routes(farm)
    workshop, _ = Workshops(farm_store).create("Two processes", "en", "2468")
    group = Workshops(farm_store).join(workshop.code, "Pair")
    group.add_account(Account("acme", "ACME"))
    laptop = open_pinned(browser, farm, route[0], group_link(farm.url, group, "selection"))
    phone = open_pinned(browser, farm, route[2], group_link(farm.url, group, "selection"),
                        viewport={"width": 390, "height": 844})

    pick(laptop, 0, "10")  # attractiveness: future sales and profit, on process 0
    pick(phone, 4, "2")  # business strength: the first factor, on process 2
    for page in (laptop, phone):
        expect(page.get_by_text(re.compile(r"Saved \(version"))).to_be_visible()
        expect(page.get_by_text("changed the same field")).to_have_count(0)
    expect(picked(phone, 0)).to_have_text("10", timeout=WITHIN)  # no reload
    expect(picked(laptop, 4)).to_have_text("2", timeout=WITHIN)
    saved = group.worksheet("selection").data["accounts"][0]
    assert saved["attractiveness"]["future_sales_profit"] == 10 and saved["csf_us"]["quality"] == 2

    for page in (laptop, phone):
        page.context.close()
    streams = _streams_closed(farm, [route[0], route[2]])
    assert streams == {route[0]: {farm.upstream(0)}, route[2]: {farm.upstream(2)}}


def _streams_closed(farm, routes_: list[str], seconds: float = 10) -> dict[str, set[str]]:
    """The processes that served each route's WebSockets, once nginx has logged them (as they close)."""
    deadline = time.monotonic() + seconds
    while True:
        found = {r: u for r, u in stream_upstreams(farm).items() if r in routes_}
        if set(found) == set(routes_) or time.monotonic() > deadline:
            return found
        time.sleep(0.3)
