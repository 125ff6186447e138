"""Real-browser tests: `streamlit run serve.py` (app.py, minus public metrics) on a free port with its own
store, driven by Playwright through Debian's Chromium (Playwright cannot download browsers here)."""

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect

from kamcore.store import Account, Store
from kamcore.workshop import Workshops
from tests import engines

ROOT = Path(__file__).resolve().parents[2]
expect.set_options(timeout=15_000)  # a shared 2-core machine can take a while between rerun and paint
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/e2e" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)
    if CHROMIUM is None and not os.environ.get("KAM_REQUIRE_BROWSER"):
        skip = pytest.mark.skip(reason="no Chromium found (install Debian's chromium or set CHROMIUM_PATH)")
        for item in items:
            if "e2e" in item.keywords:
                item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM,
            "args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--no-first-run"]}


@pytest.fixture(scope="module")
def app_url(app_server):
    return app_server[0]


@pytest.fixture(scope="module")
def app_store(app_server):
    """The server's own store, for setting up a classroom the way a trainer's clicks would."""
    return Store(app_server[1])


@pytest.fixture(scope="module")
def app_server(tmp_path_factory, request):
    """A fresh server per test module (its URL and database URL): the first request it sees is the test's own.
    A module's SERVER_ENV (a dict) adds to the server's environment, e.g. KAM_METHODS_DIRS."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with (engines.fresh_database(engines.DEFAULT, tmp_path_factory.mktemp("db")) as database_url,
          open(tmp_path_factory.mktemp("log") / "server.log", "w") as log):
        env = {**os.environ, "KAM_DATABASE_URL": database_url, **getattr(request.module, "SERVER_ENV", {})}
        server = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "serve.py", "--server.address=127.0.0.1",
             f"--server.port={port}", "--server.headless=true"],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}"
        _wait_healthy(url)
        yield url, database_url
        server.terminate()
        server.wait(timeout=20)


def _wait_healthy(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=1).read() == b"ok":
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"streamlit did not become healthy at {url}")


def wait_for_app(page) -> None:
    """Streamlit's own idle contract: connected, script not running, no skeletons."""
    page.wait_for_timeout(300)
    page.locator("[data-testid='stApp'][data-test-connection-state='CONNECTED']").wait_for(state="attached")
    page.locator("[data-testid='stApp'][data-test-script-state='notRunning']").wait_for(state="attached")
    page.get_by_test_id("stSkeleton").first.wait_for(state="detached")


def open_expander(page, label: str) -> None:
    """Open the expander titled `label` and wait for its opening animation to end. A click while its
    content is still sliding open can press on one control and release on another: no click at all."""
    expander = page.get_by_test_id("stExpander").filter(has=page.get_by_text(label, exact=True))
    expander.get_by_text(label, exact=True).click()
    expander.get_by_test_id("stExpanderDetails").wait_for(state="visible")
    expander.evaluate("e => Promise.allSettled(e.getAnimations({subtree: true}).map(a => a.finished))")


def name_first_account(page, name: str = "ACME") -> None:
    """A group without accounts is asked to name one before it can score; name it if asked."""
    if page.get_by_text("Which key account").count():
        page.get_by_label("Account name").fill(name)
        page.get_by_role("button", name="Create").click()
        wait_for_app(page)


def pills(page, index: int):
    """The index-th row of score pills in the page's main area."""
    return page.get_by_test_id("stMain").get_by_test_id("stButtonGroup").nth(index)


def pick(page, index: int, value: str) -> None:
    pills(page, index).get_by_role("radio", name=value, exact=True).click()
    wait_for_app(page)


def picked(page, index: int):
    return pills(page, index).locator("[role='radio'][aria-checked='true']")


def open_as(browser, url: str, **viewport):
    """`url` in a browser context of its own (a device of its own), at `viewport` if given."""
    page = browser.new_context(**({"viewport": viewport} if viewport else {})).new_page()
    page.goto(url)
    wait_for_app(page)
    return page


def group_link(app_url: str, workspace, page: str, lang: str = "en") -> str:
    return f"{app_url}/{page}?w={workspace.workshop.code}&g={workspace.group.token}&lang={lang}"


def group_page(browser, app_url: str, store: Store, path: str, group_name: str, account: str):
    """A new workshop (PIN 2468) with one group and one account, and that group's `path` page open in a
    browser of its own: (the page, the workshop, the group's workspace)."""
    workshop, _ = Workshops(store).create(f"{group_name}'s workshop", "en", "2468")
    group = Workshops(store).join(workshop.code, group_name)
    group.add_account(Account("acct-1", account))
    return open_as(browser, group_link(app_url, group, path)), workshop, group


def start_workshop(page, app_url: str, title: str) -> tuple[str, str]:
    """A trainer creates a workshop on the home page (PIN 2468): its join code and its projector link."""
    page.goto(f"{app_url}/?lang=en")
    wait_for_app(page)
    page.get_by_label("Workshop title").fill(title)
    page.get_by_label("Trainer PIN").fill("2468")
    page.get_by_label("PIN again").fill("2468")
    page.get_by_role("button", name="Create").click()
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Trainer console")).to_be_visible()
    code = re.search(r"[?&]w=([A-Z0-9]{6})", page.url).group(1)
    page.get_by_role("tab", name="Projector").click()  # the projector link is kept off the join slide
    page.locator("code").filter(has_text="/projector?").first.wait_for()
    return code, next(text for text in page.locator("code").all_inner_texts() if "/projector?" in text)


# ---- several app processes behind nginx (deploy/farm.py, `dev.py serve`) ---------------------------

FARM_REPLICAS = 3


@pytest.fixture(scope="module")
def farm(tmp_path_factory):
    """Three app processes (serve.py) and nginx in front of them, on one fresh store: a PostgreSQL schema of
    its own when a server is configured (KAM_TEST_POSTGRES_URL, as in CI), else one SQLite file in WAL mode
    shared by the processes."""
    from deploy.farm import Farm, free_port, nginx_binary

    if nginx_binary() is None:
        if os.environ.get("CI", "").lower() == "true" or os.environ.get("KAM_REQUIRE_BROWSER"):
            pytest.fail("nginx is missing under CI / KAM_REQUIRE_BROWSER (.ci/run installs Debian's nginx)")
        pytest.skip("nginx is not installed (Debian: apt-get install nginx)")
    engine = "postgresql" if engines.POSTGRES_URL else engines.DEFAULT
    with engines.fresh_database(engine, tmp_path_factory.mktemp("db")) as database_url:
        env = {**os.environ, "KAM_DATABASE_URL": database_url}
        with Farm(sys.executable, FARM_REPLICAS, free_port(), env, listen_host="127.0.0.1",
                  run_dir=tmp_path_factory.mktemp("farm")) as running:
            yield running


@pytest.fixture(scope="module")
def farm_store(farm):
    store = Store(farm.env["KAM_DATABASE_URL"])
    yield store
    store.engine.dispose()


def routes(farm) -> list[str]:
    """A `kam_route` cookie value per app process (index n: the n-th process): nginx's hash of a value is
    fixed, so try values until each process has one, reading which process served each from nginx's log."""
    tried = [f"pin-{n}" for n in range(40)]
    for value in tried:
        request = urllib.request.Request(f"{farm.url}/_stcore/health", headers={"Cookie": f"kam_route={value}"})
        urllib.request.urlopen(request, timeout=5).read()
    served = {line["route"]: line["served_by"] for line in farm.served() if line["route"] in tried}
    by_process = {farm.upstream(n): n for n in range(farm.replicas)}
    found = {by_process[upstream]: route for route, upstream in reversed(served.items())}
    assert sorted(found) == list(range(farm.replicas)), f"no route for some process: {served}"
    return [found[n] for n in range(farm.replicas)]


def pinned_context(browser, farm, route: str, **options):
    """A browser context whose every request nginx sends to the process `route` hashes to."""
    context = browser.new_context(**options)
    context.add_cookies([{"name": "kam_route", "value": route, "domain": "127.0.0.1", "path": "/"}])
    return context


def stream_upstreams(farm) -> dict[str, set[str]]:
    """route → the processes that served its WebSockets (nginx logs a WebSocket when it closes)."""
    found: dict[str, set[str]] = {}
    for line in farm.served():
        if line["path"].startswith("/_stcore/stream"):
            found.setdefault(line["route"], set()).add(line["served_by"])
    return found
