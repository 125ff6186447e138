"""A tool declared by a method file alone, served from an installation's own folder (KAM_METHODS_DIRS
points the server at tests/fixtures/methods/), in a real browser: its page scored with the pills, its
verdict, the room on the projector, and the group's workbook and deck with its sheet and slide."""

import io
from urllib.parse import urlsplit

import openpyxl
from playwright.sync_api import expect
from pptx import Presentation

from tests.declared import FIXTURES
from tests.e2e.conftest import name_first_account, pick, start_workshop, wait_for_app

SERVER_ENV = {"KAM_METHODS_DIRS": str(FIXTURES)}


def downloaded(page, label: str) -> bytes:
    with page.expect_download() as download:
        page.get_by_role("button", name=label).click()
    return download.value.path().read_bytes()


def test_a_declared_assessment_is_scored_judged_projected_and_exported_in_the_browser(browser, app_url):
    code, projector_link = start_workshop(browser.new_context().new_page(), app_url, "KAM · Day 2")
    group = browser.new_context(accept_downloads=True).new_page()
    group.goto(f"{app_url}/?w={code}&lang=en")
    wait_for_app(group)
    group.get_by_label("New group's name").fill("North")
    group.get_by_role("button", name="Join").click()
    wait_for_app(group)
    group.get_by_test_id("stSidebar").get_by_role("link", name="Readiness check").click()
    wait_for_app(group)
    expect(group.get_by_role("heading", name="Trial readiness check")).to_be_visible()
    name_first_account(group, "ACME")
    expect(group.get_by_text("Not scored yet", exact=True)).to_be_visible()

    for row, score in enumerate(("5", "4", "5")):  # senior sponsor, data sharing, trust
        pick(group, row, score)
    expect(group.get_by_test_id("stMetricValue")).to_have_text("4.70")  # 0.5×5 + 0.3×4 + 0.2×5
    expect(group.get_by_text("Go ahead")).to_be_visible()

    projector = browser.new_context().new_page()
    projector.goto(f"{app_url}/projector?{urlsplit(projector_link).query}")
    wait_for_app(projector)
    projector.get_by_role("radio", name="Readiness check").click()
    wait_for_app(projector)
    expect(projector.get_by_test_id("stMain")).to_contain_text("North")
    expect(projector.get_by_test_id("stMain")).to_contain_text("Ready")

    group.get_by_test_id("stSidebar").get_by_role("link", name="Home").click()
    wait_for_app(group)
    book = openpyxl.load_workbook(io.BytesIO(downloaded(group, "Excel workbook")), data_only=True)
    sheet = next(book[name] for name in book.sheetnames if name.startswith("Readiness"))
    assert {"Senior sponsor", "Ready"} <= {c.value for row in sheet.iter_rows() for c in row}
    deck = Presentation(io.BytesIO(downloaded(group, "PowerPoint deck")))
    texts = [" ".join(shape.text_frame.text for shape in s.shapes if shape.has_text_frame) for s in deck.slides]
    assert any("Readiness check" in text and "Ready, go ahead" in text for text in texts), texts
