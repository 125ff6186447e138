"""Access (issue 12) in a real browser: each browser its own personal workspace (?me= in its address),
the trainer's model answers without their token in any address, restoring a backup with its PIN."""

import re
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import expect

from kamcore.export.files import workshop_file
from kamcore.store import Account
from kamcore.tools import TOOLS
from kamcore.workshop import Workshops
from tests.e2e.conftest import group_page, wait_for_app


def personal_token(page) -> str:
    expect(page).to_have_url(re.compile(r"[?&]me="))
    return parse_qs(urlsplit(page.url).query)["me"][0]


def test_each_browser_gets_its_own_personal_workspace_and_its_link_brings_it_back(browser, app_url, app_store):
    first, second = (browser.new_context().new_page() for _ in range(2))
    for page in (first, second):
        page.goto(f"{app_url}/selection?lang=en")
        wait_for_app(page)
    mine, theirs = personal_token(first), personal_token(second)
    assert mine != theirs
    Workshops(app_store).personal(mine).add_account(Account("acct-1", "Only mine"))
    first.reload()
    wait_for_app(first)
    expect(first.get_by_text("Only mine").first).to_be_attached()  # a cell of the accounts table
    assert personal_token(first) == mine
    second.reload()
    wait_for_app(second)
    expect(second.get_by_text("Which key account")).to_be_visible()
    expect(second.get_by_text("Only mine")).to_have_count(0)


def test_the_model_answers_never_put_their_token_in_the_address(browser, app_url, app_store):
    workshops = Workshops(app_store)
    workshop, _ = workshops.create("KAM", "en", "2468")
    trainer_token = workshops.trainer_workspace(workshop).group.token
    page = browser.new_context().new_page()
    page.goto(f"{app_url}/console?lang=en&w={workshop.code}")
    wait_for_app(page)
    page.get_by_label("Trainer PIN").fill("2468")
    page.get_by_role("button", name="Sign in").click()
    wait_for_app(page)
    page.get_by_role("tab", name="Exercises and timer").click()
    page.get_by_role("button", name="Fill in the model answers").click()
    wait_for_app(page)
    first = next(iter(TOOLS.values()))  # the console's tool picker starts at the course's first tool
    expect(page.get_by_role("heading", name=first.method().title("en"))).to_be_visible()
    expect(page.get_by_text("Trainer (model answer)").first).to_be_visible()
    assert trainer_token not in page.url
    page.get_by_role("button", name="Back to the console").click()
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Trainer console")).to_be_visible()


def test_a_backup_restores_in_the_console_only_with_the_backed_up_workshops_pin(browser, app_url, app_store,
                                                                                 tmp_path):
    workshops = Workshops(app_store)
    backed_up, _ = workshops.create("Backed up", "en", "1357")
    (tmp_path / "backup.json").write_bytes(workshop_file(app_store, backed_up, "json", "en"))
    mine, _ = workshops.create("Mine", "en", "2468")
    page = browser.new_context().new_page()
    page.goto(f"{app_url}/console?lang=en&w={mine.code}")
    wait_for_app(page)
    page.get_by_label("Trainer PIN").fill("2468")
    page.get_by_role("button", name="Sign in").click()
    wait_for_app(page)
    page.get_by_role("tab", name="Cases, methods, archive").click()
    page.locator("input[type=file]").last.set_input_files(str(tmp_path / "backup.json"))
    wait_for_app(page)
    page.get_by_label("Trainer PIN of the backed-up workshop").fill("2468")  # the console's PIN, not the backup's
    page.get_by_role("button", name="Import").last.click()
    wait_for_app(page)
    expect(page.get_by_text("restored only with the trainer PIN of the backed-up workshop")).to_be_visible()
    page.get_by_label("Trainer PIN of the backed-up workshop").fill("1357")
    page.get_by_role("button", name="Import").last.click()
    wait_for_app(page)
    expect(page.get_by_text(re.compile(r"Workshop restored with code [A-Z0-9]{6}"))).to_be_visible()


def test_the_menu_keeps_the_groups_link_so_a_reload_after_moving_lands_on_the_same_work(browser, app_url, app_store):
    page, workshop, group = group_page(browser, app_url, app_store, "competition", "Team Red", "Red's account")
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Account selection", exact=True).click()
    wait_for_app(page)
    expect(page).to_have_url(re.compile(rf"/selection\?.*w={workshop.code}.*g={group.group.token}"))
    page.reload()
    wait_for_app(page)
    expect(page.get_by_test_id("stSidebar").get_by_text("Team Red")).to_be_visible()
    expect(page.get_by_text("Red's account").first).to_be_attached()  # a cell of the accounts table
