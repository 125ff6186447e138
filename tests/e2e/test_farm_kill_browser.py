"""An app process killed mid-class (three processes behind nginx): its browsers reconnect through nginx to
another process and land on the same work, and no save a page acknowledged is lost."""

import re
import time

from playwright.sync_api import expect

from kamcore.store import Account
from kamcore.workshop import Workshops
from tests.e2e.conftest import pick, picked, pinned_context, routes, stream_upstreams, wait_for_app

RECONNECT_WITHIN = 30_000  # ms: Streamlit's browser retries with a growing pause
FOLLOW_WITHIN = 5_000


def saved_version(page) -> int:
    caption = page.get_by_text(re.compile(r"Saved \(version \d+"))
    expect(caption).to_be_visible()
    return int(re.search(r"version (\d+)", caption.inner_text())[1])


def acknowledge(page, index: int, value: str, before: int) -> int:
    """Pick a score and wait until the page says it is saved in a newer version than `before`."""
    pick(page, index, value)
    expect(page.get_by_text(re.compile(r"Saved \(version \d+"))).not_to_have_text(
        re.compile(rf"version {before}\b"))
    expect(picked(page, index)).to_have_text(value)
    return saved_version(page)


def test_a_killed_process_s_browser_reconnects_to_another_on_the_same_work_and_no_acknowledged_save_is_lost(
        browser, farm, farm_store):
    route = routes(farm)
    workshop, _ = Workshops(farm_store).create("Crash", "en", "2468")
    group = Workshops(farm_store).join(workshop.code, "Survivors")
    group.add_account(Account("acme", "ACME"))
    link = f"{farm.url}/selection?w={workshop.code}&g={group.group.token}&lang=en"
    victim = pinned_context(browser, farm, route[1]).new_page()  # served by process 1, which will die
    other = pinned_context(browser, farm, route[0]).new_page()  # the group's other device, on process 0
    for page in (victim, other):
        page.goto(link)
        wait_for_app(page)

    acknowledged = {0: "10", 1: "7", 2: "4"}  # pill row → value, on process 1
    version = 0
    for index, value in acknowledged.items():
        version = acknowledge(victim, index, value, version)
    farm.kill(1)

    for index, value in acknowledged.items():  # the page as it was, then drawn again by another process
        expect(picked(victim, index)).to_have_text(value)
    victim.locator("[data-testid='stApp'][data-test-connection-state='CONNECTED']").wait_for(
        state="attached", timeout=RECONNECT_WITHIN)
    wait_for_app(victim)
    acknowledged[4] = "2"  # business strength: the first factor, saved through the process it landed on
    expect(picked(victim, 4)).to_have_count(0)
    acknowledge(victim, 4, "2", version)
    assert victim.evaluate("() => performance.getEntriesByType('navigation').length") == 1  # never reloaded
    expect(picked(other, 4)).to_have_text("2", timeout=FOLLOW_WITHIN)

    saved = group.worksheet("selection").data["accounts"][0]
    stored = [saved["attractiveness"]["future_sales_profit"], saved["attractiveness"]["financial_security"],
              saved["attractiveness"]["mutual_relationship"], saved["csf_us"]["quality"]]
    assert stored == [10, 7, 4, 2]  # every acknowledged save, in the order of the pill rows picked
    victim.context.close()
    other.context.close()
    served = _served_after_close(farm, route[1])
    assert farm.upstream(1) in served and served - {farm.upstream(1)}, served  # before and after the kill


def _served_after_close(farm, route: str, seconds: float = 10) -> set[str]:
    """The processes that served `route`'s WebSockets (nginx logs each one when it closes)."""
    deadline = time.monotonic() + seconds
    while len(served := stream_upstreams(farm).get(route, set())) < 2 and time.monotonic() < deadline:
        time.sleep(0.25)
    return served
