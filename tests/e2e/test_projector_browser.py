"""The projector at 1920×1080, as the room sees it: no app chrome, no text under 24 px (chart text
included), point labels apart; and the join slide, which shows nothing secret."""

from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import expect

from kamcore.workshop import Workshops
from tests.e2e.classroom import classroom
from tests.e2e.conftest import wait_for_app

SCREEN = {"width": 1920, "height": 1080}

# Every text node a person can see (in the page and in its frames): its size, and the text for the message.
SMALL_TEXT = """() => {
  const small = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, el = node.parentElement;
    if (!node.textContent.trim() || !el) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const box = range.getBoundingClientRect();
    const style = getComputedStyle(el);
    if (box.width < 1 || box.height < 1 || style.visibility === "hidden" || el.closest("[aria-hidden='true']"))
      continue;
    const size = parseFloat(style.fontSize);
    if (size < 24) small.push(`${size}px ${el.tagName}: ${node.textContent.trim().slice(0, 40)}`);
  }
  return small;
}"""

# The boxes of the chart's point labels (plotly annotations named "point-label").
LABEL_BOXES = """() => {
  const chart = document.querySelector(".js-plotly-plot");
  if (!chart) return [];
  const notes = chart._fullLayout.annotations || [];
  return notes.flatMap((note, i) => {
    if (note.name !== "point-label") return [];
    const bg = chart.querySelector(`g.annotation[data-index="${i}"] rect.bg`);
    const r = bg.getBoundingClientRect();
    return [{text: note.text, left: r.left, top: r.top, right: r.right, bottom: r.bottom}];
  });
}"""


def overlapping(boxes: list[dict]) -> list[tuple[str, str]]:
    return [(a["text"], b["text"]) for i, a in enumerate(boxes) for b in boxes[i + 1:]
            if min(a["right"], b["right"]) - max(a["left"], b["left"]) > 0.5
            and min(a["bottom"], b["bottom"]) - max(a["top"], b["top"]) > 0.5]


def small_text(page) -> list[str]:
    return [text for frame in page.frames for text in frame.evaluate(SMALL_TEXT)]


@pytest.fixture(scope="module")
def room(app_store):
    workshop, groups, token = classroom(app_store)
    end = (datetime.now(UTC) + timedelta(minutes=20)).isoformat()
    workshop = Workshops(app_store).update_settings(workshop, timer_end=end)
    return workshop, groups, token


def test_the_projector_at_1920x1080_has_no_chrome_no_text_under_24_px_and_no_overlapping_labels(
        browser, app_url, room):
    workshop, _, token = room
    page = browser.new_context(viewport=SCREEN).new_page()
    page.goto(f"{app_url}/projector?w={workshop.code}&p={token}&lang=en")
    wait_for_app(page)
    expect(page.get_by_role("heading", name=workshop.title)).to_be_visible()
    for chrome in ("stSidebar", "stHeader", "stExpandSidebarButton", "stToolbar"):
        assert not page.get_by_test_id(chrome).first.is_visible(), chrome
    assert not page.get_by_text("Language").first.is_visible()
    assert not page.get_by_text("personal workspace").first.is_visible()
    views = page.locator(".st-key-projector-tool button")
    names = views.all_inner_texts()
    assert len(names) >= 7, names  # the join slide, the five tools and the room's status
    charts = 0
    for n, name in enumerate(names):
        views.nth(n).click()
        wait_for_app(page)
        page.wait_for_timeout(800)
        if 0 < n < len(names) - 1:  # a tool's view: its figure drawn, every group in it
            chart = page.locator(".js-plotly-plot").first
            expect(chart).to_be_visible()
            charts += 1
        assert small_text(page) == [], name
        boxes = page.evaluate(LABEL_BOXES)
        assert overlapping(boxes) == [], name
    assert charts == len(names) - 2


def test_the_join_slide_shows_no_projector_link_or_token_and_counts_groups_live(browser, app_url, app_store, room):
    workshop, _, token = room
    console = browser.new_context(viewport=SCREEN).new_page()
    console.goto(f"{app_url}/console?w={workshop.code}&lang=en")
    wait_for_app(console)
    console.get_by_label("Trainer PIN").fill("2468")
    console.get_by_role("button", name="Sign in").click()
    wait_for_app(console)
    qr = console.get_by_role("img", name="Scan with your phone's camera to join")
    expect(qr).to_be_visible()
    expect(console.get_by_text(workshop.code, exact=True).first).to_be_visible()
    shown = console.locator("[data-testid='stMain']").inner_text()
    assert token not in shown and "/projector" not in shown and "KAM_PUBLIC_URL" not in shown

    projector = browser.new_context(viewport=SCREEN).new_page()
    projector.goto(f"{app_url}/projector?w={workshop.code}&p={token}&lang=en")
    wait_for_app(projector)
    projector.locator(".st-key-projector-tool button").first.click()  # the join slide
    wait_for_app(projector)
    qr = projector.get_by_role("img", name="Scan with your phone's camera to join")
    assert qr.bounding_box()["height"] >= SCREEN["height"] / 2
    shown = projector.locator("[data-testid='stMain']").inner_text()
    assert token not in shown and "/projector" not in shown
    assert small_text(projector) == []
    expect(projector.get_by_text("Groups joined: 5")).to_be_visible()
    Workshops(app_store).join(workshop.code, "Late group")
    expect(projector.get_by_text("Groups joined: 6")).to_be_visible(timeout=12_000)  # no reload
