"""Full-page screenshots of every tool page, on a laptop (1400×900) and a phone (390×844), in zh and en.

    python -m bench.screenshots OUT_DIR [--sizes laptop,phone] [--langs zh,en] [--pages selection,home,...]

Starts `streamlit run app.py` on a free port with its own temporary SQLite store, seeds one workshop per
language with a group whose account has every tool's course example loaded, and saves one PNG per page
(and per tab) and size and language, plus the join flow of a fresh group (home → join → name the account
→ first score), into OUT_DIR. Meant for looking at: open the PNGs after a layout change.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from kamcore.methods import selection as sel
from kamcore.methods.selection import new_key
from kamcore.store import Account, Store
from kamcore.tools import TOOLS
from kamcore.workshop import Workshops, Workspace

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
SIZES = {"laptop": (1400, 900), "phone": (390, 844)}
PHONE_AGENT = ("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
               "Chrome/126.0 Mobile Safari/537.36")
ACCOUNT_PAGES = ("value_proposition", "competition", "partnership", "purchasing_portfolio")
PAGES = ("home", "selection", *ACCOUNT_PAGES, "join")


def seeded_group(store: Store, lang: str) -> Workspace:
    """A workshop in `lang` with one group whose accounts are the selection example's candidates,
    and every account-scoped tool's example saved on the first of them."""
    workshops = Workshops(store)
    workshop, _ = workshops.create(f"Screenshots {lang}", lang, "2468")
    group = workshops.join(workshop.code, "Group 1" if lang == "en" else "第一组")
    m = sel.method()
    example = sel.example_input(m, None, lang)
    keys = {}
    for entry in example["accounts"]:
        keys[entry["name"]] = new_key()
        group.add_account(Account(keys[entry["name"]], entry["name"]))
    data = sel.with_example(sel.blank_input(m), example, keys, m)
    group.save("selection", TOOLS["selection"].validate(data, m), 0)
    first = next(iter(keys.values()))
    for tool_id in ACCOUNT_PAGES:
        tool = TOOLS[tool_id]
        tm = tool.method()
        group.save(tool_id, tool.validate(tool.example(tm, lang=lang), tm), 0, first)
    return group


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(database_url: str, log_path: Path) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    log = open(log_path, "w")  # noqa: SIM115 - lives as long as the server
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.address=127.0.0.1", f"--server.port={port}",
         "--server.headless=true"], cwd=ROOT, env={**os.environ, "KAM_DATABASE_URL": database_url},
        stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=1).read() == b"ok":
                return server, url
        except OSError:
            time.sleep(0.3)
    server.terminate()
    raise RuntimeError(f"streamlit did not become healthy at {url}; see {log_path}")


def wait_for_app(page) -> None:
    page.wait_for_timeout(400)
    page.locator("[data-testid='stApp'][data-test-connection-state='CONNECTED']").wait_for(state="attached")
    page.locator("[data-testid='stApp'][data-test-script-state='notRunning']").wait_for(state="attached")
    page.get_by_test_id("stSkeleton").first.wait_for(state="detached")
    page.wait_for_timeout(600)  # charts and data grids paint after the script is idle


SCROLL_HEIGHT = """() => {
    let height = document.documentElement.scrollHeight;
    for (let e = document.querySelector('[data-testid="stMainBlockContainer"]'); e; e = e.parentElement) {
        if (['auto', 'scroll'].includes(getComputedStyle(e).overflowY) && e.scrollHeight > e.clientHeight)
            height = Math.max(height, e.scrollHeight + window.innerHeight - e.clientHeight);
    }
    return height;
}"""


def shoot(page, path: Path) -> None:
    """The whole page: Streamlit scrolls inside its main block, so the window is made as tall as that."""
    viewport = page.viewport_size
    height = min(page.evaluate(SCROLL_HEIGHT), 12_000)
    if height > viewport["height"]:
        page.set_viewport_size({"width": viewport["width"], "height": height})
        page.wait_for_timeout(800)
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size(viewport)
    page.wait_for_timeout(300)
    print(path)


def new_page(browser, size: str, lang: str):
    """A browser tab as a laptop or a phone sees the app (a phone: touch, and "Mobile" in its user agent)."""
    width, height = SIZES[size]
    phone = {"is_mobile": True, "has_touch": True, "user_agent": PHONE_AGENT} if size == "phone" else {}
    return browser.new_context(viewport={"width": width, "height": height}, locale=lang, **phone).new_page()


def tool_pages(browser, url: str, group: Workspace, lang: str, size: str, out: Path, pages: list[str]) -> None:
    page = new_page(browser, size, lang)
    link = f"w={group.workshop.code}&g={group.group.token}&lang={lang}"
    for name in [p for p in pages if p != "join"]:
        page.goto(f"{url}/{'' if name == 'home' else name}?{link}")
        wait_for_app(page)
        tabs = page.get_by_test_id("stMain").get_by_role("tab")
        if not tabs.count():
            shoot(page, out / f"{name}-{size}-{lang}.png")
            continue
        for index in range(tabs.count()):
            tabs.nth(index).click()
            wait_for_app(page)
            shoot(page, out / f"{name}-{index + 1}-{size}-{lang}.png")
    page.context.close()


def join_flow(browser, url: str, code: str, lang: str, size: str, out: Path) -> None:
    """A phone or laptop joining by code: the form, the first account's name, then the first score."""
    page = new_page(browser, size, lang)
    page.goto(f"{url}/?lang={lang}")
    wait_for_app(page)
    page.get_by_test_id("stMain").get_by_role("textbox").first.fill(code)
    page.keyboard.press("Enter")
    wait_for_app(page)
    page.get_by_test_id("stMain").get_by_role("textbox").nth(1).fill(f"New {size} {lang}")
    page.keyboard.press("Enter")
    wait_for_app(page)
    shoot(page, out / f"join-1-form-{size}-{lang}.png")
    page.get_by_test_id("stMain").get_by_role("button").filter(has_text="Join" if lang == "en" else "加入").click()
    wait_for_app(page)
    shoot(page, out / f"join-2-name-account-{size}-{lang}.png")
    page.get_by_test_id("stMain").get_by_role("textbox").first.fill("ACME")
    page.keyboard.press("Enter")
    wait_for_app(page)
    page.get_by_test_id("stMain").get_by_role("button").filter(has_text="Create" if lang == "en" else "创建").click()
    wait_for_app(page)
    page.screenshot(path=str(out / f"join-3-first-screen-{size}-{lang}.png"))  # the first screen only
    print(out / f"join-3-first-screen-{size}-{lang}.png")
    shoot(page, out / f"join-4-scored-page-{size}-{lang}.png")
    page.context.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--sizes", default="laptop,phone")
    parser.add_argument("--langs", default="zh,en")
    parser.add_argument("--pages", default=",".join(PAGES))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="kam-shots-"))
    database_url = f"sqlite:///{folder}/shots.sqlite3"
    store = Store(database_url)
    groups = {lang: seeded_group(store, lang) for lang in args.langs.split(",")}
    server, url = start_server(database_url, folder / "server.log")
    try:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            pages = args.pages.split(",")
            for lang, group in groups.items():
                for size in args.sizes.split(","):
                    tool_pages(browser, url, group, lang, size, args.out, pages)
                    if "join" in pages:
                        join_flow(browser, url, group.workshop.code, lang, size, args.out)
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=20)


if __name__ == "__main__":
    main()
