"""Lecture 4 in a real browser: a country roll-up fed by CSV files (a file missing columns changes
nothing; a GBK, semicolon-separated file is previewed, its bad line left out, and imported on the
button), its totals and bars on a phone, and the programme plan's example ready for its pilot."""

from playwright.sync_api import expect

from kamcore.store import Account
from kamcore.workshop import Workshops
from tests.e2e.conftest import wait_for_app

PHONE = {"viewport": {"width": 390, "height": 844}, "user_agent": "Mozilla/5.0 (iPhone) Mobile", "has_touch": True}
GBK = ("国家;销售额;全球计划;毛利率;钱包份额;服务水平\n日本;500;600;24%;18%;96\n中国;1300;1000;31%;42%;98\n"
       "韩国;很多;100;20;20;90\n").encode("gbk")


def personal(app_store) -> str:
    workspace = Workshops(app_store).new_personal()
    workspace.add_account(Account("acct-a", "Global Motors"))
    return workspace.group.token


def open_tool(page, app_url: str, tool: str, token: str, lang: str) -> None:
    page.goto(f"{app_url}/{tool}?me={token}&lang={lang}")
    wait_for_app(page)


def test_a_bad_file_changes_nothing_and_a_gbk_file_is_previewed_then_imported(browser, app_url, app_store, tmp_path):
    token = personal(app_store)
    page = browser.new_context().new_page()
    open_tool(page, app_url, "country_rollup", token, "zh")
    page.get_by_role("tab", name="导入 CSV").click()
    wait_for_app(page)
    (tmp_path / "missing.csv").write_text("country,revenue\nChina,5\n", encoding="utf-8")
    page.locator("input[type=file]").set_input_files(tmp_path / "missing.csv")
    wait_for_app(page)
    expect(page.get_by_test_id("stAlertContentError")).to_contain_text("文件缺少这些列：全球计划、毛利率 %")
    assert not page.get_by_role("button", name="导入").count()

    (tmp_path / "gbk.csv").write_bytes(GBK)
    page.locator("input[type=file]").set_input_files(tmp_path / "gbk.csv")
    wait_for_app(page)
    main = page.get_by_test_id("stMain")
    expect(main).to_contain_text("已按 GB18030 编码、以分号分隔读取")
    expect(main).to_contain_text("第 4 行：韩国：“销售额”不是大于或等于 0 的数字")
    group = Workshops(app_store).personal(token).group
    assert app_store.worksheet(group.id, "country_rollup", "acct-a") is None  # nothing saved before the button
    page.get_by_role("button", name="导入 2 个国家").click()
    wait_for_app(page)
    expect(main).to_contain_text("已导入 2 个国家")
    rows = app_store.worksheet(group.id, "country_rollup", "acct-a").data["rows"]
    assert [(r["country"], r["revenue"], r["margin"]) for r in rows] == [("日本", 500, 24), ("中国", 1300, 31)]


def test_the_roll_up_reads_on_a_phone_and_the_programme_example_is_ready_for_its_pilot(browser, app_url, app_store):
    token = personal(app_store)
    phone = browser.new_context(**PHONE).new_page()
    open_tool(phone, app_url, "country_rollup", token, "en")
    phone.get_by_role("button", name="Load the course example").click()
    wait_for_app(phone)
    phone.get_by_role("tab", name="Totals and gaps").click()
    wait_for_app(phone)
    expect(phone.get_by_test_id("stMain")).to_contain_text("98.4%")
    chart = phone.get_by_test_id("stPlotlyChart")
    expect(chart).to_be_visible()
    box = chart.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390  # the bars fit the screen: no sideways scrolling
    expect(chart).to_contain_text("India")

    laptop = browser.new_context().new_page()
    open_tool(laptop, app_url, "global_programme", token, "zh")
    laptop.get_by_role("button", name="载入课程示例").click()
    wait_for_app(laptop)
    expect(laptop.get_by_test_id("stMain")).to_contain_text("已满足 7/7 项条件 · 可以启动试点")
