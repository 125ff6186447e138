"""A phone (390×844) in a real browser: joining lands on a first score without scrolling, no page
runs off the screen sideways, and no table toolbar covers a tab or a label."""

import pytest
from playwright.sync_api import expect

from bench.screenshots import PHONE_AGENT, seeded_group
from kamcore.workshop import Workshops
from tests.e2e.conftest import group_link, wait_for_app

WIDTH, HEIGHT = 390, 844
PHONE = {"viewport": {"width": WIDTH, "height": HEIGHT}, "is_mobile": True, "has_touch": True,
         "user_agent": PHONE_AGENT}
NARROW_WINDOW = {"viewport": {"width": WIDTH, "height": HEIGHT}}  # a laptop browser made phone-sized
LABELS = {"en": {"join": "Join", "name": "Account name", "create": "Create", "first": "Which key account"},
          "zh": {"join": "加入", "name": "客户名称", "create": "创建", "first": "你们小组要分析哪个大客户"}}
TOOL_PAGES = ("", "selection", "value_proposition", "competition", "partnership", "purchasing_portfolio")

# Visible elements of the main block that reach past the screen's right edge, unless a scrolling or
# clipping box inside a table holds them (a data grid scrolls inside itself).
OVERFLOWING = """(width) => [...document.querySelectorAll('[data-testid="stMain"] *')].filter(e => {
    const r = e.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || r.right <= width + 1) return false;
    if (e.closest('[data-testid="stDataFrame"]')) return false;
    for (let a = e.parentElement; a && a.dataset.testid !== 'stMain'; a = a.parentElement)
        if (getComputedStyle(a).overflowX !== 'visible' && a.getBoundingClientRect().right <= width + 1) return false;
    return true;
}).map(e => (e.dataset.testid || e.tagName) + ': ' + (e.innerText || '').slice(0, 40))"""

# Tabs and texts that a box overlaps (boxes as {left, top, right, bottom}).
COVERED = """(box) => [...document.querySelectorAll('[data-testid="stMain"] [role="tab"], '
    + '[data-testid="stMain"] [data-testid="stWidgetLabel"], [data-testid="stMain"] h1, '
    + '[data-testid="stMain"] h2, [data-testid="stMain"] h3, [data-testid="stMain"] h4, '
    + '[data-testid="stMain"] [data-testid="stCaptionContainer"], [data-testid="stMain"] p')].filter(e => {
    if (e.closest('[data-testid="stElementToolbar"]') || e.closest('[data-testid="stDataFrame"]')) return false;
    const r = e.getBoundingClientRect();
    return e.innerText.trim() && r.left < box.right && box.left < r.right && r.top < box.bottom && box.top < r.bottom;
}).map(e => e.innerText.slice(0, 40))"""


@pytest.fixture(scope="module")
def group(app_store):
    return seeded_group(app_store, "en")


def open_page(browser, url: str, device: dict):
    page = browser.new_context(**device).new_page()
    page.goto(url)
    wait_for_app(page)
    return page


def tabs_of(page):
    return page.get_by_test_id("stMain").get_by_role("tab")


def each_tab(page):
    """Yields once per tab of the page (after opening it), or once for a page without tabs."""
    count = tabs_of(page).count()
    for index in range(max(count, 1)):
        if count:
            tabs_of(page).nth(index).click()
            wait_for_app(page)
        yield index


@pytest.mark.parametrize("lang,device", [("en", PHONE), ("zh", PHONE), ("en", NARROW_WINDOW)],
                         ids=["phone-en", "phone-zh", "narrow-window-en"])
def test_after_joining_on_a_phone_and_naming_the_account_the_first_score_is_on_the_first_screen(
        browser, app_url, app_store, lang, device):
    workshop, _ = Workshops(app_store).create("Phones", lang, "2468")
    words = LABELS[lang]
    page = open_page(browser, f"{app_url}/?lang={lang}", device)
    main = page.get_by_test_id("stMain")
    main.get_by_role("textbox").first.fill(workshop.code)
    page.keyboard.press("Enter")
    wait_for_app(page)
    main.get_by_role("textbox").nth(1).fill(f"Table {lang} {device['viewport']['width']}")
    page.keyboard.press("Enter")
    wait_for_app(page)
    main.get_by_role("button", name=words["join"]).click()
    wait_for_app(page)
    expect(main.get_by_text(words["first"])).to_be_visible()
    page.get_by_label(words["name"]).fill("ACME")
    main.get_by_role("button", name=words["create"]).click()
    wait_for_app(page)

    first_score = main.get_by_test_id("stButtonGroup").first
    expect(first_score).to_be_visible()
    box = first_score.bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= HEIGHT, box
    ends = [first_score.get_by_role("radio").nth(i).bounding_box() for i in (0, -1)]
    assert ends[0]["x"] >= 0 and ends[1]["x"] + ends[1]["width"] <= WIDTH, ends  # 1 to 10, no sideways scroll
    expect(first_score.get_by_role("radio").last).to_have_text("10")
    expect(first_score.locator("[aria-checked='true']")).to_have_count(0)  # not scored until picked


@pytest.mark.parametrize("path", TOOL_PAGES, ids=lambda p: p or "home")
def test_no_page_runs_off_a_phone_screen_sideways_except_inside_its_tables(browser, app_url, group, path):
    page = open_page(browser, group_link(app_url, group, path), PHONE)
    for tab in each_tab(page):
        assert page.evaluate(OVERFLOWING, WIDTH) == [], f"{path or 'home'}, tab {tab + 1}"
        scroller = page.evaluate("""() => { const e = document.querySelector('[data-testid="stMain"]');
                                            return [e.scrollWidth, e.clientWidth]; }""")
        assert scroller[0] <= scroller[1], (path, tab, scroller)


@pytest.mark.parametrize("path", ("selection", "value_proposition", "competition", "purchasing_portfolio"))
def test_a_tables_toolbar_on_a_phone_covers_no_tab_and_no_label(browser, app_url, group, path):
    page = open_page(browser, group_link(app_url, group, path), PHONE)
    checked = 0
    for tab in each_tab(page):
        tables = page.get_by_test_id("stMain").get_by_test_id("stDataFrame")
        for index in range(tables.count()):
            table = tables.nth(index)
            if not table.is_visible():
                continue
            table.scroll_into_view_if_needed()
            table.hover()
            toolbar = table.get_by_test_id("stElementToolbar")
            expect(toolbar).to_be_visible()
            b = toolbar.bounding_box()
            box = {"left": b["x"], "top": b["y"], "right": b["x"] + b["width"], "bottom": b["y"] + b["height"]}
            assert page.evaluate(COVERED, box) == [], f"{path}, tab {tab + 1}, table {index + 1}"
            checked += 1
    assert checked, f"{path}: no table was checked"
