import re

from playwright.sync_api import expect

from tests.e2e.conftest import name_first_account, wait_for_app


def attractiveness_grid(page):
    return page.locator("div[class*='-attractiveness_criteria-'] [data-testid='stDataFrame']").first


def weight_cells(page) -> list[str]:
    """The attractiveness weights as the grid's accessible table shows them (the grid itself is a canvas)."""
    cells = attractiveness_grid(page).locator("td[data-testid^='glide-cell-2-']")
    return [cells.nth(i).text_content() for i in range(cells.count())]


def type_first_weight(page, text: str) -> None:
    """Select the first row's name cell, move right to its weight and type into the grid's editor."""
    attractiveness_grid(page).locator("[data-testid='stDataFrameResizable']").click(position={"x": 60, "y": 52})
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")
    cell_editor = page.locator("input.gdg-input, textarea.gdg-input").first
    cell_editor.wait_for()
    cell_editor.fill(text)
    cell_editor.press("Enter")
    wait_for_app(page)


def open_criteria(page, url: str) -> None:
    page.goto(url)
    wait_for_app(page)
    name_first_account(page)
    page.get_by_role("tab", name="Criteria and weights").click()
    wait_for_app(page)


def test_a_typed_weight_survives_a_refused_save_and_the_others_scale_around_it(page, app_url):
    open_criteria(page, f"{app_url}/selection?lang=en")
    expect(attractiveness_grid(page).get_by_test_id("glide-cell-2-0")).to_have_text("40")

    type_first_weight(page, "50")
    expect(page.get_by_text("Total weight: 110 (must be 100)")).to_be_visible()  # before any save

    page.get_by_role("button", name="Save", exact=True).first.click()
    wait_for_app(page)
    expect(page.get_by_text(re.compile(r"Attractiveness criteria.*add up to 110"))).to_be_visible()
    expect(page.get_by_test_id("stMain")).not_to_contain_text("attractiveness_criteria")
    expect(attractiveness_grid(page).get_by_test_id("glide-cell-2-0")).to_have_text("50")

    page.get_by_role("button", name="Keep what I typed and scale the others to fit").click()
    wait_for_app(page)
    expect(page.get_by_text(re.compile(r"Saved \(version \d+"))).to_be_visible()
    expect(page.get_by_text("Total weight: 110 (must be 100)")).to_have_count(0)
    expect(attractiveness_grid(page).get_by_test_id("glide-cell-2-0")).to_have_text("50")
    weights = weight_cells(page)
    assert weights[0] == "50"
    assert all(re.fullmatch(r"\d+", w) for w in weights), weights
    assert sum(int(w) for w in weights) == 100

    open_criteria(page, page.url)  # a reload of this browser's own link (?me=): the scaled weights were saved
    expect(attractiveness_grid(page).get_by_test_id("glide-cell-2-0")).to_have_text("50")
    assert weight_cells(page) == weights
