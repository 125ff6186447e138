"""Group work a participant can trust, as a class uses it: one account list shared by every tool,
two devices of one group, and a case account named like a group's own."""

import re

from playwright.sync_api import expect

from kamcore.store import Account
from kamcore.workshop import Workshops
from tests.e2e.conftest import group_link, open_as, pick, picked, wait_for_app

FOLLOW_WITHIN = 5_000  # ms: what another device of the group may take to show a change


def account_shown(page, name: str):
    """The account picker (or the selection page's account to score) showing `name`."""
    return page.get_by_role("combobox", name=re.compile("Key account|Account to score")).filter(
        has=page.locator(f"xpath=self::*[@value={name!r}]")).first


def test_two_devices_of_a_group_change_different_scores_and_each_sees_the_others_within_seconds(
        browser, app_url, app_store):
    workshop, _ = Workshops(app_store).create("Two laptops", "en", "2468")
    group = Workshops(app_store).join(workshop.code, "Pair")
    group.add_account(Account("acme", "ACME"))
    laptop = open_as(browser, group_link(app_url, group, "selection"))
    phone = open_as(browser, group_link(app_url, group, "selection"), width=390, height=844)
    expect(picked(phone, 0)).to_have_count(0)

    pick(laptop, 0, "10")  # attractiveness: future sales and profit
    pick(phone, 4, "2")  # business strength: the first factor, for us
    expect(laptop.get_by_text(re.compile(r"Saved \(version"))).to_be_visible()
    expect(phone.get_by_text("changed the same field")).to_have_count(0)
    expect(laptop.get_by_text("changed the same field")).to_have_count(0)

    expect(picked(phone, 0)).to_have_text("10", timeout=FOLLOW_WITHIN)  # no reload
    expect(picked(laptop, 4)).to_have_text("2", timeout=FOLLOW_WITHIN)
    saved = group.worksheet("selection").data["accounts"][0]
    assert saved["attractiveness"]["future_sales_profit"] == 10 and saved["csf_us"]["quality"] == 2


def test_an_account_added_on_one_tool_shows_on_every_tool_and_on_the_groups_other_device(
        browser, app_url, app_store):
    workshop, _ = Workshops(app_store).create("One list", "en", "2468")
    group = Workshops(app_store).join(workshop.code, "Solo")
    watcher = open_as(browser, group_link(app_url, group, "purchasing_portfolio"))
    expect(watcher.get_by_text("Which key account")).to_be_visible()

    author = open_as(browser, group_link(app_url, group, "competition"))
    author.get_by_label("Account name").fill("Globex")
    author.get_by_role("button", name="Create").click()
    wait_for_app(author)
    expect(account_shown(author, "Globex")).to_be_visible()

    expect(account_shown(watcher, "Globex")).to_be_visible(timeout=FOLLOW_WITHIN)  # no reload
    for page in ("selection", "value_proposition", "partnership"):
        author.goto(group_link(app_url, group, page))
        wait_for_app(author)
        expect(account_shown(author, "Globex")).to_be_visible()
        expect(author.get_by_text("Which key account")).to_have_count(0)
    assert [a.name for a in group.accounts()] == ["Globex"]


def test_a_case_named_like_a_groups_own_account_is_kept_apart_and_never_swaps_the_page(browser, app_url, app_store):
    trainer = open_as(browser, f"{app_url}/?lang=en")
    trainer.get_by_label("Workshop title").fill("Case day")
    trainer.get_by_label("Trainer PIN").fill("2468")
    trainer.get_by_label("PIN again").fill("2468")
    trainer.get_by_role("button", name="Create").click()
    wait_for_app(trainer)
    code = re.search(r"[?&]w=([A-Z0-9]{6})", trainer.url).group(1)
    group = Workshops(app_store).join(code, "A")
    group.add_account(Account("own", "East China Precision Machinery"))
    trainer.reload()  # the console reads the groups afresh; a reload asks for the PIN again
    wait_for_app(trainer)
    trainer.get_by_label("Trainer PIN").fill("2468")
    trainer.get_by_role("button", name="Sign in").click()
    wait_for_app(trainer)

    trainer.get_by_role("tab", name="Cases, methods, archive").click()
    expect(trainer.get_by_text("These groups already have an account with the case account's name: A")).to_be_visible()
    trainer.get_by_text("Keep both: add the case under its own name").click()
    trainer.get_by_role("button", name="Load this case account for every group").click()
    wait_for_app(trainer)
    assert sorted(a.name for a in group.accounts()) == ["East China Precision Machinery",
                                                        "East China Precision Machinery (case)"]

    page = open_as(browser, group_link(app_url, group, "purchasing_portfolio"))
    picker = page.get_by_role("combobox", name="Key account")
    expect(picker).to_have_value("East China Precision Machinery")
    for value in ("5", "1", "4", "2"):  # edit after edit, the page stays on the account being scored
        pick(page, 0, value)
        expect(page.get_by_text(re.compile(r"Saved \(version"))).to_be_visible()
        expect(picker).to_have_value("East China Precision Machinery")
        expect(picked(page, 0)).to_have_text(value)


def test_an_account_renamed_or_removed_in_the_selection_table_is_renamed_or_removed_everywhere(
        browser, app_url, app_store):
    workshop, _ = Workshops(app_store).create("Renames", "en", "2468")
    group = Workshops(app_store).join(workshop.code, "R")
    group.add_account(Account("acme", "ACME"))
    group.add_account(Account("globex", "Globex"))
    page = open_as(browser, group_link(app_url, group, "selection"))
    accounts = page.locator("div[class*='-table-accounts'] [data-testid='stDataFrameResizable']")
    expect(accounts).to_contain_text("Globex")
    width = accounts.bounding_box()["width"]

    accounts.dblclick(position={"x": width * 0.2, "y": 35 + 17})  # the first row's name
    editor = page.locator(".gdg-input").first
    editor.wait_for()
    editor.fill("ACME Asia")
    editor.press("Enter")
    wait_for_app(page)
    assert [a.name for a in group.accounts()] == ["ACME Asia", "Globex"]
    expect(accounts).to_contain_text("ACME Asia")  # as a person would, act on the table once it shows the name

    accounts.click(position={"x": 10, "y": 35 + 35 + 17})  # the second row's marker selects the row
    expect(page.get_by_role("button", name="Delete row(s)")).to_be_visible()
    page.keyboard.press("Delete")
    wait_for_app(page)
    expect(page.get_by_text("Remove Globex?")).to_be_visible()
    assert [a.name for a in group.accounts()] == ["ACME Asia", "Globex"]  # nothing goes before the yes
    page.get_by_role("button", name="Remove", exact=True).click()
    wait_for_app(page)
    assert [a.name for a in group.accounts()] == ["ACME Asia"]

    page.goto(group_link(app_url, group, "purchasing_portfolio"))
    wait_for_app(page)
    expect(page.get_by_role("combobox", name="Key account")).to_have_value("ACME Asia")


def test_a_half_typed_text_stays_while_the_page_follows_another_devices_change(browser, app_url, app_store):
    workshop, _ = Workshops(app_store).create("Typing", "en", "2468")
    group = Workshops(app_store).join(workshop.code, "T")
    group.add_account(Account("acme", "ACME"))
    typist, other = (open_as(browser, group_link(app_url, group, "partnership")) for _ in range(2))
    for page in (typist, other):
        page.get_by_role("tab", name="Outcomes and cautions").click()
        wait_for_app(page)

    field = typist.get_by_role("textbox").first
    field.click()
    field.press_sequentially("Lower cost to ser")  # not finished: no Enter, no leaving the field
    caution = other.get_by_test_id("stCheckbox").first
    caution.click()
    wait_for_app(other)

    expect(typist.get_by_test_id("stCheckbox").first.get_by_role("checkbox")).to_be_checked(timeout=FOLLOW_WITHIN)
    expect(field).to_have_value("Lower cost to ser")
    expect(field).to_be_focused()
    field.press_sequentially("ve")
    field.press("Enter")
    wait_for_app(typist)
    saved = group.worksheet("partnership", "acme").data
    assert "Lower cost to serve" in saved["expected"].values() and saved["cautions"]
