"""No other language leaks into the interface: every page, in Chinese and in English, for a group
that has worked the course example in every tool and has the case account loaded.

The text is collected from the element tree the way the browser shows it, including what Streamlit
adds by itself: "None" for an empty table cell (unless the table sets a placeholder), "Please fill
out this cell." under a required column, "Select..." in a choice column without a default,
"Choose an option" in an empty select box, and the file uploader's "Upload" and size line (unless
our translated replacement, tests/e2e/test_language_browser.py, covers them)."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from itertools import chain

import pytest
from streamlit.proto.Dataframe_pb2 import Dataframe as DataframeProto
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import (
    Block,
    ButtonGroup,
    Dataframe,
    FileUploader,
    Html,
    Markdown,
    Multiselect,
    Selectbox,
    TextArea,
    TextInput,
)

from kamcore.store import Account, Store
from kamcore.tools import TOOLS
from kamcore.workshop import Workshop, Workshops, Workspace
from tests.app.conftest import APP, go_to
from tests.declared import SHIPPED
from ui import session
from ui.accounts import ACCOUNT_KEY
from ui.workshop import TRAINER_KEY

ENGLISH_WORD = re.compile(r"[A-Za-z]{2,}")
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")
URL = re.compile(r"https?://\S+")
# Names from code the trainer types or configures: environment variables, file paths.
CODE = re.compile(r"\b[A-Z0-9]+(?:_[A-Z0-9]+)+\b|[\w/.-]+\.(?:yaml|json|csv|xlsx|pptx|html)\b")
ICON = re.compile(r":material/\w+:")
COLOUR = re.compile(r":(?:red|orange|yellow|green|blue|violet|gray|grey|rainbow|primary)(?:-background)?\[")  # :gray[…]
STYLE = re.compile(r"<style>.*?</style>", re.S)
TAG = re.compile(r"<[^>]+>")
DYNAMIC = DataframeProto.EditingMode.DYNAMIC
YAML_EDITOR = "console.overrides."  # the trainer's method overrides: YAML, whose keys are code
# Names and abbreviations the Chinese course itself writes in Latin letters.
ALLOWED_IN_ZH = {"KAM", "SPIN", "CSV", "Excel", "XLSX", "PIN", "QR", "ROI", "KPI", "JSON", "HTML", "PowerPoint",
                 "YAML", "ppm", "CSF", "MB", "II", "III", "CRM", "UTF", "GBK", "SMART", "DF"}
# A language is offered by its own name (中文 · English) whatever the interface's language.
AUTONYMS = set(session.LANG_LABELS.values())
TYPED = {"zh": {"title": "华东大客户工作坊", "group": "第一组"},
         "en": {"title": "Key accounts workshop", "group": "Team one"}}
CASE = "precision_machinery"
EXAMPLE_ACCOUNT = "acct-a"


# ---- what the reader sees --------------------------------------------------------------------------

def visible_text(at: AppTest) -> list[str]:
    return [text for root in (at.main, at.sidebar) for text in _texts(root) if text and text.strip()]


def _texts(node) -> Iterator[str]:
    if isinstance(node, Block):
        yield getattr(node, "label", "") or ""
        for child in node.children.values():
            yield from _texts(child)
        return
    key = getattr(node, "key", None) or ""
    if key.startswith(YAML_EDITOR):
        yield getattr(node.proto, "label", "")
        return
    proto = getattr(node, "proto", None)
    for field in ("label", "body", "help", "caption", "code_text", "delta"):
        value = getattr(proto, field, None)
        if isinstance(value, str):
            yield TAG.sub(" ", STYLE.sub(" ", value))
    if isinstance(node, Dataframe):
        yield from _table(node)
    elif isinstance(node, FileUploader):
        yield from _uploader(node)
    elif isinstance(node, ButtonGroup):
        yield from (option.content for option in proto.options)
    elif isinstance(node, (TextInput, TextArea)):
        yield node.value or proto.placeholder
    elif options := getattr(node, "options", None):  # shown through format_func
        yield from (str(o) for o in options)
    if isinstance(node, (Selectbox, Multiselect)) and node.value in (None, []):
        yield proto.placeholder or ("Choose an option" if isinstance(node, Selectbox) else "Choose options")


def _table(node: Dataframe) -> Iterator[str]:
    """Headers and cells as the grid draws them: labels from the column config, choices through their
    labels, missing values as the placeholder (Streamlit writes "None" without one)."""
    proto = node.proto
    config = json.loads(proto.columns) if proto.columns else {}
    frame = node.value
    editable = proto.editing_mode != proto.EditingMode.READ_ONLY
    missing = proto.placeholder if proto.HasField("placeholder") else "None"
    shown = list(proto.column_order) or [str(c) for c in frame.columns if not config.get(str(c), {}).get("hidden")]
    for column in shown:
        spec = config.get(column) or {}
        kind = (spec.get("type_config") or {}).get("type")
        labels = {str(o["value"]): str(o.get("label", o["value"]))
                  for o in (spec.get("type_config") or {}).get("options") or [] if isinstance(o, dict)}
        yield spec.get("label") or column
        yield spec.get("help") or ""
        yield from labels.values()
        if proto.editing_mode == DYNAMIC and spec.get("default") is None and kind != "checkbox":
            yield missing  # an added row's empty cell
        if editable and spec.get("required"):
            yield "⚠️ Please fill out this cell."  # under every added row until it is filled
        if editable and kind == "selectbox" and spec.get("default") is None and proto.editing_mode == DYNAMIC:
            yield "Select..."  # an added row's empty choice
        if kind == "checkbox" or column not in frame.columns:
            continue
        for cell in frame[column]:
            if cell is None or (isinstance(cell, float) and math.isnan(cell)):
                yield missing
            else:
                yield labels.get(str(cell), str(cell))


def _uploader(node: FileUploader) -> Iterator[str]:
    """Streamlit's own dropzone text, unless the page replaces it with ours (ui.components.file_uploader)."""
    replacement = _replaced_uploader_text(node)
    if replacement is None:
        yield "Upload"
        yield f"{node.proto.max_upload_size_mb}MB per file"
    else:
        yield replacement


def _replaced_uploader_text(node: FileUploader) -> str | None:
    key = f".st-key-{re.sub(r'[^a-zA-Z0-9_-]', '-', node.key or '')}"
    for element in [*_all(node.root, Markdown), *_all(node.root, Html)]:
        body = element.proto.body
        if key in body and "stFileUploaderDropzoneInstructions" in body:
            found = re.search(r'content:\s*"([^"]*)"', body)
            return found.group(1) if found else ""
    return None


def _all(node, kind) -> Iterator:
    if isinstance(node, Block):
        for child in node.children.values():
            yield from _all(child, kind)
    elif isinstance(node, kind):
        yield node


def leaks(texts: list[str], lang: str, allowed: set[str]) -> list[str]:
    found = []
    for text in texts:
        clean = CODE.sub(" ", URL.sub(" ", ICON.sub(" ", COLOUR.sub(" ", text))))
        for token in allowed:
            clean = clean.replace(token, " ")
        if lang == "zh":
            found += [f"{word} · {text[:90]}" for word in ENGLISH_WORD.findall(clean) if word not in ALLOWED_IN_ZH]
        elif CJK.search(clean):
            found.append(text[:90])
    return sorted(set(found))


def example(tool, m, lang: str) -> dict:
    return tool.example(m, lang=lang)


# ---- the classroom ---------------------------------------------------------------------------------

@pytest.fixture
def classroom(database_url, lang) -> tuple[Workshops, Workshop, Workspace]:
    """A workshop in the other language (the reader's choice wins), a group and the trainer with every
    tool's course example, the case account loaded, every model answer revealed."""
    workshops = Workshops(Store(database_url))
    other = "en" if lang == "zh" else "zh"
    workshop, _ = workshops.create(TYPED[lang]["title"], other, "2468")
    group = workshops.join(workshop.code, TYPED[lang]["group"])
    for workspace in (group, workshops.trainer_workspace(workshop)):
        for tool_id, tool in TOOLS.items():
            m = tool.method()
            data = tool.validate(example(tool, m, lang), m)
            accounts = [Account(a.key, a.name) for a in getattr(data, "accounts", [])] if tool.scope == "group" else []
            workspace.save(tool_id, data, 0, "" if tool.scope == "group" else EXAMPLE_ACCOUNT, accounts)
    workshops.load_case(workshop, CASE, lang)
    workshop = workshops.update_settings(workshop, reveals=dict.fromkeys(TOOLS, True))
    return workshops, workshop, group


def _group_page(workshop: Workshop, group: Workspace, page: str, lang: str, account: str | None = None,
                url: str | None = None) -> AppTest:
    session._resolve.clear()
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update({"w": workshop.code, "g": group.group.token, "lang": lang})
    at.run()
    at.switch_page(page)
    if url:
        go_to(at, url)
    at.run()
    if account:
        at.session_state[ACCOUNT_KEY] = account
        at.run()
    assert not at.exception, at.exception
    return at


def _trainer_page(workshop: Workshop, page: str, lang: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = lang
    at.session_state[TRAINER_KEY] = workshop.code
    at.run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def _tabs(at: AppTest, key: str) -> Iterator[AppTest]:
    """The page once per tab (the tool pages run only the open tab)."""
    for label in [tab.label for tab in at.tabs]:
        at.session_state[key] = label
        at.run()
        assert not at.exception, at.exception
        yield at


def pages_of_the_group(workshop: Workshop, group: Workspace, lang: str) -> Iterator[tuple[str, AppTest]]:
    yield "home", _group_page(workshop, group, "app_pages/home.py", lang)
    for at in _tabs(_group_page(workshop, group, "app_pages/selection.py", lang), "sel.tab"):
        yield f"selection · {at.session_state['sel.tab']}", at
    for at in _tabs(_group_page(workshop, group, "app_pages/global_selection.py", lang), "gsel.tab"):
        yield f"global_selection · {at.session_state['gsel.tab']}", at
    for tool_id in SHIPPED:  # the course's declared tools share one page script
        yield tool_id, _group_page(workshop, group, "app_pages/kind.py", lang, account=EXAMPLE_ACCOUNT, url=tool_id)
    group_tabs = {"diagnosis": "diagnosis.tab", "account_types": "types.tab", "congruence": "congruence.tab",
                  "organisation_choice": "org.tab", "team_profiles": "team.tab", "training_plan": None,
                  "monitoring_meeting": "meeting.tab"}
    for tool_id, key in group_tabs.items():
        at = _group_page(workshop, group, f"app_pages/{tool_id}.py", lang)
        for run in _tabs(at, key) if key else iter([at]):
            yield f"{tool_id} · {run.session_state[key] if key else ''}", run
    yield "attention_checklist", _group_page(workshop, group, "app_pages/attention_checklist.py", lang,
                                             account=EXAMPLE_ACCOUNT)
    for tool_id, key in (("global_programme", "l4b.programme.tab"), ("country_rollup", "l4b.rollup.tab"),
                         ("account_analysis", "l2a.analysis.tab"), ("buying_centre", "l2a.centre.tab"),
                         ("self_analysis", "l2a.self.tab"), ("value_strategy", "l2a.spin.tab"),
                         ("account_strategy", "l2b.strategy.tab"),
                         ("lifetime_value", "l3a.clv.tab"), ("performance_monitoring", "l3a.pm.tab"),
                         ("bid_control", "l2d.bid.tab"), ("negotiation_plan", "l2d.neg.tab"),
                         ("closing_strategy", "l2d.close.tab"),
                         ("review_cadence", "review_cadence.tab"),
                         ("partnership_development", "partnership_development.tab"),
                         ("pipeline", "pipeline.tab"), ("task_timetable", "timetable.tab")):
        for at in _tabs(_group_page(workshop, group, f"app_pages/{tool_id}.py", lang, account=EXAMPLE_ACCOUNT), key):
            yield f"{tool_id} · {at.session_state[key]}", at
    yield "account_plan", _group_page(workshop, group, "app_pages/account_plan.py", lang, account=EXAMPLE_ACCOUNT)
    tab_keys = {"value_proposition": "vp.tab", "competition": "comp.tab"}
    for tool_id in ("value_proposition", "competition", "partnership", "purchasing_portfolio"):
        for account in (EXAMPLE_ACCOUNT, CASE):
            at = _group_page(workshop, group, f"app_pages/{tool_id}.py", lang, account=account)
            runs = _tabs(at, tab_keys[tool_id]) if tool_id in tab_keys else iter([at])
            for run in runs:
                yield f"{tool_id} · {account}", run


def pages_of_the_trainer(workshop: Workshop, lang: str) -> Iterator[tuple[str, AppTest]]:
    yield "console", _trainer_page(workshop, "app_pages/console.py", lang)
    projector = _trainer_page(workshop, "app_pages/projector.py", lang)
    for tool_id in TOOLS:
        projector.session_state["projector.tool"] = tool_id
        projector.run()
        assert not projector.exception, projector.exception
        yield f"projector · {tool_id}", projector
    home = AppTest.from_file(APP, default_timeout=60)
    home.query_params.update({"lang": lang, "w": workshop.code})
    home.run()
    yield "home · joining", home


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_page_speaks_only_the_readers_language(lang, classroom):
    workshops, workshop, group = classroom
    allowed = {workshop.code, group.group.join_key, *AUTONYMS}  # codes and keys are read, not translated
    found = {}
    # Read each page as it is yielded: a tool page is yielded once per tab, as the same AppTest.
    for name, at in chain(pages_of_the_group(workshop, group, lang), pages_of_the_trainer(workshop, lang)):
        if problems := leaks(visible_text(at), lang, allowed):
            found[name] = problems
    assert not found, json.dumps(found, ensure_ascii=False, indent=1)
