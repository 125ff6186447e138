from playwright.sync_api import expect

from tests.e2e.conftest import wait_for_app


def type_in_new_row(page, table_key_suffix: str, text: str) -> None:
    """Type into the first cell of a data editor's empty trailing row (the grid is a canvas)."""
    grid = page.locator(f"div[class*='-{table_key_suffix}'] [data-testid='stDataFrameResizable']")
    grid.click(position={"x": 90, "y": grid.bounding_box()["height"] - 17})  # the last row is the empty one
    cell_editor = page.locator("textarea.gdg-input")  # the grid's overlay editor
    cell_editor.wait_for()
    cell_editor.fill(text)
    cell_editor.press("Enter")
    wait_for_app(page)


def test_a_group_creates_an_account_types_a_measure_and_finds_it_after_a_reload(page, app_url):
    page.goto(f"{app_url}/value_proposition?lang=en")
    wait_for_app(page)
    expect(page.get_by_text("Which key account")).to_be_visible()
    page.get_by_label("Account name").fill("Globex")
    page.get_by_role("button", name="Create").click()
    wait_for_app(page)
    expect(page.get_by_text("Nothing in the quadrants yet")).to_be_visible()  # no score before input

    type_in_new_row(page, "table-q2", "Weekly site visit")
    expect(page.get_by_text("Q2 item 1 is not concrete")).to_be_visible()
    expect(page.get_by_text("Q2 is empty")).to_have_count(0)

    page.reload()
    wait_for_app(page)
    expect(page.get_by_text("Q2 item 1 is not concrete")).to_be_visible()
    page.get_by_role("tab", name="Canvas (printable)").click()
    expect(page.get_by_text("Weekly site visit")).to_be_visible()
