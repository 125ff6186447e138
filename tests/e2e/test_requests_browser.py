"""Nothing leaves the room: every page (participant, console, join slide, projector) with the course
example and a case loaded fetches only from the app's own origin (no fonts, scripts, images or
telemetry from elsewhere)."""

from urllib.parse import urlsplit

from playwright.sync_api import expect

from kamcore.methods import selection as sel
from kamcore.store import Account
from kamcore.tools import TOOLS
from kamcore.workshop import Workshops
from tests.e2e.conftest import wait_for_app

SETTLE_MS = 1500  # long enough for late fetches (fonts, chart assets) after the page is idle


def classroom(app_store):
    """A workshop with a group that has the course example and the trainer's case."""
    workshops = Workshops(app_store)
    workshop, token = workshops.create("KAM · Requests", "en", "2468")
    group = workshops.join(workshop.code, "North")
    example = sel.SelectionInput.model_validate(sel.example_input(sel.method(), "course"))
    group.save("selection", example, 0, accounts=[Account(a.key, a.name) for a in example.accounts])
    workshops.load_case(workshop, "precision_machinery", "en")
    workshops.update_settings(workshop, reveals=dict.fromkeys(TOOLS, True))
    return workshop, token, group


def visit(page, url: str) -> None:
    page.goto(url)
    wait_for_app(page)
    page.wait_for_timeout(SETTLE_MS)


def test_every_page_fetches_only_from_the_apps_own_origin(browser, app_url, app_store):
    workshop, projector_token, group = classroom(app_store)
    context = browser.new_context()
    fetched: list[str] = []
    context.on("request", lambda request: fetched.append(request.url))
    page = context.new_page()
    page.on("websocket", lambda socket: fetched.append(socket.url))

    link = f"w={workshop.code}&g={group.group.token}&lang=en"
    visit(page, f"{app_url}/?{link}")
    expect(page.get_by_role("heading", name="Your data: what is kept, where, for how long")).to_be_visible()
    for tool_id in TOOLS:
        visit(page, f"{app_url}/{tool_id}?{link}")
    visit(page, f"{app_url}/?lang=en")  # a browser's own personal workspace

    visit(page, f"{app_url}/console?w={workshop.code}&lang=en")
    page.get_by_label("Trainer PIN").fill("2468")
    page.get_by_role("button", name="Sign in").click()
    wait_for_app(page)
    expect(page.get_by_role("img").first).to_be_visible()  # the join slide's QR code
    for tab in ("Exercises and timer", "Groups", "Cases, methods, archive"):
        page.get_by_role("tab", name=tab).click()
        wait_for_app(page)
    page.wait_for_timeout(SETTLE_MS)

    visit(page, f"{app_url}/projector?w={workshop.code}&p={projector_token}&lang=en")
    expect(page.locator(".kam-big").first).to_contain_text("North")  # the selection tool's comparison
    for tool_id in TOOLS:
        page.get_by_test_id("stMain").get_by_role("radio", name=_tool_name(tool_id), exact=True).click()
        wait_for_app(page)
    page.wait_for_timeout(SETTLE_MS)

    origin = urlsplit(app_url).netloc
    elsewhere = sorted({u for u in fetched if urlsplit(u).scheme not in ("data", "blob")
                        and urlsplit(u).netloc != origin})
    assert len(fetched) > 50, fetched  # the recording saw the pages' traffic
    assert elsewhere == []


def _tool_name(tool_id: str) -> str:
    return TOOLS[tool_id].name("en")  # the registry names every tool, its own and those added later
