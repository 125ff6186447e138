"""Rows typed into the tables are saved as typed: an incomplete one as a draft that names what it
misses, and it counts in the results only once it is complete."""

import re

from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from tests.e2e.conftest import name_first_account, wait_for_app

HEADER, ROW = 35, 35  # the grid's header and row heights in px
THREAT_RULE = re.compile("Threat = likelihood × impact; 15 or more")  # shown with the threat results


def grid(page, table_key_suffix: str):
    return page.locator(f"div[class*='-{table_key_suffix}'] [data-testid='stDataFrameResizable']")


def type_in_new_row(page, table_key_suffix: str, column_at: float, text: str) -> None:
    """Type into one cell of the data editor's empty trailing row; `column_at` is the cell's
    horizontal place as a share of the grid's width (the grid is a canvas)."""
    table = grid(page, table_key_suffix)
    cell_editor = page.locator("textarea.gdg-input")  # the grid's overlay editor
    for _ in range(3):  # a busy machine can rerun the page between the click and the editor opening
        box = table.bounding_box()
        table.click(position={"x": box["width"] * column_at, "y": box["height"] - 17})
        try:
            cell_editor.wait_for(timeout=5000)
            break
        except PlaywrightTimeout:
            wait_for_app(page)
    cell_editor.fill(text)
    cell_editor.press("Enter")
    wait_for_app(page)


def type_in_cell(page, table_key_suffix: str, column_at: float, row: int, text: str) -> None:
    table = grid(page, table_key_suffix)
    table.dblclick(position={"x": table.bounding_box()["width"] * column_at, "y": HEADER + ROW * row + ROW / 2})
    cell_editor = page.locator(".gdg-input").first
    cell_editor.wait_for()
    cell_editor.fill(text)
    cell_editor.press("Enter")
    wait_for_app(page)


def test_a_competitor_typed_alone_is_a_saved_draft_and_counts_once_scored(page, app_url):
    page.goto(f"{app_url}/competition?lang=en")
    wait_for_app(page)
    name_first_account(page, "Globex")

    type_in_new_row(page, "table-threats", 0.45, "Acme Tools")  # the player column
    draft = page.get_by_text("Acme Tools: still missing Likelihood, Impact")
    expect(draft).to_be_visible()

    page.reload()
    wait_for_app(page)
    expect(grid(page, "table-threats")).to_contain_text("Acme Tools")
    expect(draft).to_be_visible()
    expect(page.get_by_text(THREAT_RULE)).to_have_count(0)  # no result from a draft

    type_in_cell(page, "table-threats", 0.67, 0, "4")  # likelihood
    expect(page.get_by_text("Acme Tools: still missing Impact")).to_be_visible()
    type_in_cell(page, "table-threats", 0.9, 0, "3")  # impact
    expect(page.get_by_text("still missing")).to_have_count(0)
    expect(page.get_by_text(THREAT_RULE)).to_be_visible()
    expect(page.get_by_test_id("stDataFrame").last).to_contain_text("Acme Tools")


def test_an_account_typed_into_a_new_row_is_saved_and_can_be_scored_but_has_no_verdict_yet(page, app_url):
    page.goto(f"{app_url}/selection?lang=en")
    wait_for_app(page)
    name_first_account(page)
    expect(page.get_by_text("Not scored yet").first).to_be_visible()  # a fresh group sees no verdict
    expect(page.get_by_text("Defend first")).to_have_count(0)

    type_in_new_row(page, "table-accounts", 0.15, "Initech")  # the name column
    page.reload()
    wait_for_app(page)
    expect(grid(page, "table-accounts")).to_contain_text("Initech")
    expect(grid(page, "table-accounts")).not_to_contain_text("None")

    page.get_by_test_id("stSelectbox").filter(has_text="Account to score").click()
    page.get_by_role("option", name="Initech").click()
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Initech")).to_be_visible()
    expect(page.get_by_text("Not scored yet").first).to_be_visible()

    page.get_by_role("tab", name="Results and matrices").click()
    wait_for_app(page)
    expect(page.get_by_text("Initech").first).to_be_visible()
