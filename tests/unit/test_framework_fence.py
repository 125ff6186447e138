"""Streamlit internals are read in a few named places only, and only on the pinned Streamlit version.

These places lean on what Streamlit does not promise to keep (private attributes, runtime modules,
protobufs): a new Streamlit may move them without a deprecation. Upgrading means re-reading each one,
then moving the pin in requirements.txt."""

import re
from pathlib import Path

import streamlit

ROOT = Path(__file__).resolve().parents[2]
# the module → what it reads that Streamlit does not promise
INTERNALS = {
    "ui/widget_state.py": "session state's private _state, _lock, _new_widget_state and _old_state",
    "ui/wakeups.py": "AppSession._call_soon_on_event_loop and Runtime._enqueued_some_message, patched",
    "tests/unit/test_wakeups.py": "AppSession._call_soon_on_event_loop, as ui/wakeups.py patches it",
    "app.py": "st.Page's private _can_be_called, reset so a page's fragment can run it again",
    "ui/live.py": "streamlit.runtime.scriptrunner.get_script_run_ctx().fragment_ids_this_run",
    "ui/uploads.py": "streamlit.runtime.uploaded_file_manager.UploadedFile and the uploader's DOM test ids",
    "tests/app/conftest.py": "AppTest's private _session_state and _registered_pages",
    "tests/app/test_language_leaks.py": "the Dataframe protobuf of st.dataframe",
    "tests/e2e/test_robustness.py": "the BackMsg/ForwardMsg protobufs of the websocket",
    "tests/e2e/test_selection_browser.py": "the ForwardMsg protobuf, to read which elements a rerun sent",
    "bench/load.py": "the BackMsg/ForwardMsg protobufs of the websocket",
    "serve.py": "asyncio's private base_events._set_nodelay (not Streamlit's, but as fragile on a Python upgrade)",
}
REACHES_IN = re.compile(r"streamlit\.(runtime|proto|web|net_util)\b|from streamlit import net_util"
                        r"|object\.__getattribute__\(|\b_new_widget_state\b|\._can_be_called\b|\b_set_nodelay\b")


def pinned_streamlit() -> str:
    [version] = re.findall(r"^streamlit==(\S+)$", (ROOT / "requirements.txt").read_text(), re.M)
    return version


def test_streamlit_is_the_version_whose_internals_the_fenced_modules_were_written_for():
    assert streamlit.__version__ == pinned_streamlit(), (
        f"Streamlit {streamlit.__version__} is installed, but requirements.txt pins {pinned_streamlit()}. "
        "Before moving the pin, check what these modules read of Streamlit's internals:\n"
        + "\n".join(f"  {module}: {what}" for module, what in INTERNALS.items()))


def test_only_the_fenced_modules_reach_into_streamlit_internals():
    sources = [p for p in ROOT.rglob("*.py") if not {".venv", "node_modules"} & set(p.parts)]
    reaching = {p.relative_to(ROOT).as_posix() for p in sources if REACHES_IN.search(p.read_text(encoding="utf-8"))}
    reaching.discard(Path(__file__).relative_to(ROOT).as_posix())
    assert reaching <= set(INTERNALS), f"add to INTERNALS (with what they read): {sorted(reaching - set(INTERNALS))}"
    assert set(INTERNALS) <= reaching, f"no longer reach in, drop from INTERNALS: {sorted(set(INTERNALS) - reaching)}"
