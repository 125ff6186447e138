"""The Tool record: every registered tool, the course's own and those declared by a method file,
provides every facet, speaks both languages, and goes through the workbook, the deck and the archive."""

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import openpyxl
import plotly.graph_objects as go
import pytest
from pptx import Presentation
from pydantic import ValidationError

from kamcore.compare import entries, summary
from kamcore.export import archive
from kamcore.export.files import group_file, import_file, workshop_file
from kamcore.i18n import LANGS, explain
from kamcore.kinds import declare
from kamcore.store import PORTFOLIO, Account, GroupWorksheet, Store
from kamcore.tool import SECTIONS
from kamcore.tools import TOOLS, register, register_file
from kamcore.workshop import Workshops
from tests.declared import DECLARED, FIXTURES, OWN, SHIPPED
from tests.workbook import recalculated

ALL = OWN + SHIPPED + DECLARED
FACETS = ("input_model", "method", "evaluate", "example", "counted", "name", "short", "summary", "figure",
          "tables", "sheet", "slide", "comparison", "criterion_scores")


def fill(workspace, tool_ids):
    workspace.add_account(Account("acct-a", "华东精密机械"))
    for tool_id in tool_ids:
        tool = TOOLS[tool_id]
        m = tool.method()
        workspace.save(tool_id, tool.validate(tool.example(m), m), 0, PORTFOLIO if tool.scope == "group" else "acct-a")


@pytest.mark.parametrize("tool_id", ALL)
def test_every_tool_provides_every_facet_a_page_and_a_place_in_the_course(tool_id, declared):
    tool = TOOLS[tool_id]
    assert all(callable(getattr(tool, facet)) for facet in FACETS), tool_id
    assert tool.nav.section in SECTIONS
    assert re.fullmatch(r"[a-z0-9_]+", tool.nav.icon)
    assert (Path(__file__).parents[2] / tool.nav.page).is_file()
    assert tool.kind in ("", "assessment", "matrix", "checklist", "log")
    assert (tool.kind == "") == (tool_id in OWN) and (tool.blank is not None or tool_id in OWN)


@pytest.mark.parametrize("tool_id", ALL)
def test_every_tool_has_its_names_in_chinese_and_english(tool_id, declared):
    tool, m = TOOLS[tool_id], TOOLS[tool_id].method()
    assert tool.name("zh") != tool.name("en") and all(tool.name(lang) for lang in LANGS)
    assert all(0 < len(tool.short(lang)) <= 16 for lang in LANGS)
    assert m.title("zh") != m.title("en") and m.exercise_prompt("zh") != m.exercise_prompt("en")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("tool_id", ALL)
def test_every_tools_example_is_summarised_drawn_and_put_on_slides(tool_id, lang, declared):
    tool, m = TOOLS[tool_id], TOOLS[tool_id].method()
    account, data = "ACME" if tool.scope == "account" else "", tool.example(m, lang=lang)
    sheets = [GroupWorksheet(group, account, data, None, n) for n, group in enumerate(("North", "South"), start=1)]
    found = entries(sheets, tool_id, m).entries
    assert len(found) == 2
    rows = summary(tool_id, found, m, lang)
    assert len(rows) == 2 and len(rows[0]) >= 3 and rows[0] == {**rows[1], next(iter(rows[1])): "North"}
    figure = tool.figure(found, m, lang)
    assert figure is None or isinstance(figure, go.Figure)
    assert tool.slide(found[0], m, lang).title
    comparison = tool.comparison(found, m, lang, "title")
    assert comparison.title == "title" and (comparison.scatter or comparison.bars)


@pytest.mark.parametrize("tool_id", ALL)
def test_every_tool_round_trips_through_the_archive_and_lands_in_workbook_and_deck(tool_id, declared, workshops,
                                                                                 tmp_path):
    workshop, _ = workshops.create("KAM", "en", "2468")
    north = workshops.join(workshop.code, "North")
    fill(north, [tool_id])
    store = workshops.store
    fresh = Store(f"sqlite:///{tmp_path / 'fresh.sqlite3'}")
    personal = Workshops(fresh).new_personal()
    assert import_file(fresh, group_file(store, north, "json", "en"), personal) == ("group", 1)
    key = PORTFOLIO if TOOLS[tool_id].scope == "group" else "acct-a"
    assert personal.worksheet(tool_id, key).data == north.worksheet(tool_id, key).data
    book = openpyxl.load_workbook(io.BytesIO(group_file(store, north, "xlsx", "zh")))
    assert book.sheetnames == ["目录", TOOLS[tool_id].short("zh") + ("" if key == PORTFOLIO else " 华东精密机械")]
    deck = Presentation(io.BytesIO(workshop_file(store, workshop, "pptx", "en")))
    titles = [s.shapes.title.text_frame.text for s in deck.slides]
    assert f"Compare · {TOOLS[tool_id].name('en')}" in titles


@pytest.mark.parametrize("tool_id", SHIPPED + DECLARED)
def test_every_formula_of_a_declared_tools_sheet_recalculates_to_kamcores_number(tool_id, declared, workshops,
                                                                               tmp_path):
    workshop, _ = workshops.create("KAM", "en", "2468")
    north = workshops.join(workshop.code, "North")
    fill(north, [tool_id])
    path = tmp_path / "north.xlsx"
    path.write_bytes(group_file(workshops.store, north, "xlsx", "en"))
    checked, wrong = recalculated(path)
    assert not wrong
    assert checked >= 2  # the log: its count and its total; the others more


def test_the_registry_refuses_a_second_tool_under_a_taken_id(declared):
    with pytest.raises(ValueError, match="registered already"):
        register(TOOLS["trial_readiness"])


def test_an_archive_naming_a_tool_this_installation_does_not_have_is_refused():
    document = {"format": archive.FORMAT, "schema_version": archive.SCHEMA_VERSION, "kind": "group",
                "groups": [{"name": "A", "worksheets": [{"tool": "trial_readiness", "data": {}}]}]}
    with pytest.raises(ValidationError):
        archive.read(json.dumps(document).encode())


def test_only_the_tools_own_modules_name_a_tool_id():
    """compare, the exports, the projector, the console and the app iterate the registry."""
    root = Path(__file__).parents[2]
    ids = "|".join(OWN)
    for path in [root / "app.py", root / "kamcore/compare.py", *(root / "kamcore/export").glob("*.py"),
                 root / "ui/projector.py", root / "ui/console.py", root / "ui/kinds.py",
                 *(root / "kamcore/kinds").glob("*.py")]:
        assert not re.search(rf"""["']({ids})["']""", path.read_text(encoding="utf-8")), path


# ---- the kinds' own rules ---------------------------------------------------------------------------

def trial(name):
    tool = declare(FIXTURES / f"{name}.yaml")
    return tool, tool.method()


def test_an_assessment_with_nothing_scored_is_not_scored_yet_and_not_compared():
    tool, m = trial("trial_readiness")
    result = tool.run({"scores": {}, "notes": {}}, m)
    assert result.score is None and result.missing == ["sponsor", "data", "trust"]
    assert tool.counted_data({"scores": {"sponsor": 5}}, m) is None


def test_an_assessment_scores_the_weighted_mean_and_bands_it():
    tool, m = trial("trial_readiness")
    result = tool.run({"scores": {"sponsor": 4, "data": 2, "trust": 1}}, m)
    assert result.score == pytest.approx(0.5 * 4 + 0.3 * 2 + 0.2 * 1) and result.band == "partly"


def test_a_gate_criterion_below_its_minimum_caps_the_verdict_whatever_the_total():
    tool, m = trial("trial_readiness")
    result = tool.run({"scores": {"sponsor": 2, "data": 5, "trust": 5}}, m)
    assert result.score == pytest.approx(3.5) and result.band == "not_ready" and result.failed_gates == ["sponsor"]


@pytest.mark.parametrize("lang, words", [("en", "outside 1–5"), ("zh", "1–5")])
def test_a_score_off_the_scale_is_refused_in_the_users_language(lang, words):
    tool, m = trial("trial_readiness")
    with pytest.raises(ValidationError) as caught:
        tool.validate({"scores": {"sponsor": 9}}, m)
    assert any(words in line for line in explain(caught.value, lang))


@pytest.mark.parametrize("name, criterion, words", [
    ("trial_readiness", "sponsor", {"en": "'Senior sponsor'", "zh": "“高层支持”"}),
    ("trial_position", "fit", {"en": "'Fit'", "zh": "“匹配度”"}),  # a matrix's criteria sit inside its axes
])
def test_an_off_scale_score_in_a_registered_declared_tool_names_the_criterion_not_its_id(name, criterion, words,
                                                                                         declared):
    tool = TOOLS[name]
    with pytest.raises(ValidationError) as caught:
        tool.validate({"scores": {criterion: 11}}, tool.method())
    for lang in LANGS:
        assert words[lang] in " ".join(explain(caught.value, lang))


def test_a_method_file_whose_weights_do_not_sum_to_100_is_refused(tmp_path):
    text = (FIXTURES / "trial_readiness.yaml").read_text(encoding="utf-8").replace("weight: 20", "weight: 25")
    (tmp_path / "bad.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(ValidationError, match="sum to 100"):
        declare(tmp_path / "bad.yaml")


def test_a_matrix_places_the_weighted_axes_in_their_quadrant_only_once_both_are_scored():
    tool, m = trial("trial_position")
    assert tool.run({"scores": {"fit": 8, "access": 6}}, m).quadrant is None
    result = tool.run({"scores": {"fit": 8, "access": 6, "size": 7}}, m)
    assert (result.x, result.y, result.quadrant) == (pytest.approx(7.2), 7, "invest")


def test_a_checklist_counts_rows_with_a_status_and_flags_those_past_due_and_not_done():
    tool, m = trial("trial_actions")
    data = {"rows": [{"key": "a", "text": "Call", "status": "open", "due": "2020-01-01"},
                     {"key": "b", "text": "Visit", "status": "done", "due": "2020-01-01"},
                     {"key": "c", "text": "Draft only"}]}
    result = tool.run(data, m)
    assert (result.total, result.drafts, result.done, result.overdue) == (2, 1, 1, ["a"])
    assert [r["key"] for r in tool.counted_data(data, m)["rows"]] == ["a", "b"]


def test_a_checklist_status_the_method_does_not_have_is_refused():
    tool, m = trial("trial_actions")
    with pytest.raises(ValidationError):
        tool.validate({"rows": [{"key": "a", "text": "Call", "status": "maybe"}]}, m)


def test_a_log_types_its_cells_by_column_and_totals_the_numbers_of_complete_rows():
    tool, m = trial("trial_minutes")
    data = {"rows": [{"key": "a", "date": "2026-01-02", "values": {"topic": "Plan", "hours": "2.5"}},
                     {"key": "b", "date": "2026-01-05", "values": {"hours": 9}}]}  # no topic: a draft
    result = tool.run(data, m)
    assert (result.rows, result.drafts, result.totals) == (1, 1, {"hours": 2.5})


@pytest.mark.parametrize("cell", [{"hours": "many"}, {"mood": "ecstatic"}, {"follow_up": "soon"}])
def test_a_log_cell_that_is_not_its_columns_type_is_refused(cell):
    tool, m = trial("trial_minutes")
    with pytest.raises(ValidationError):
        tool.validate({"rows": [{"key": "a", "date": "2026-01-02", "values": {"topic": "x", **cell}}]}, m)


def test_a_method_file_in_data_methods_with_a_kind_registers_its_tool(tmp_path, monkeypatch):
    import kamcore.tools as tools

    (tmp_path / "trial_readiness.yaml").write_text((FIXTURES / "trial_readiness.yaml").read_text("utf-8"), "utf-8")
    (tmp_path / "selection.yaml").write_text("tool: selection\n", "utf-8")  # a tool of its own: no kind
    monkeypatch.setattr(tools, "METHODS", tmp_path)
    assert tools._declared_files() == [tmp_path / "trial_readiness.yaml"]
    assert register_file(tools._declared_files()[0]).kind == "assessment"
    tools.unregister("trial_readiness")


def test_a_declared_tool_placed_before_another_is_listed_just_before_it_in_the_course_order(tmp_path):
    import kamcore.tools as tools

    text = (FIXTURES / "trial_readiness.yaml").read_text("utf-8")
    text = re.sub(r"(?m)^nav: \{(.*)\}$", r"nav: {\1, before: competition}", text)
    (tmp_path / "trial_readiness.yaml").write_text(text, "utf-8")
    register_file(tmp_path / "trial_readiness.yaml")
    try:
        order = list(TOOLS)
        assert order.index("trial_readiness") == order.index("competition") - 1
    finally:
        tools.unregister("trial_readiness")
    assert "trial_readiness" not in TOOLS and list(TOOLS).index("competition") > 0


def _tools_with(methods_dirs: str) -> subprocess.CompletedProcess:
    """A fresh interpreter's registry, with KAM_METHODS_DIRS set (the registry is built on import)."""
    return subprocess.run([sys.executable, "-c", "from kamcore.tools import TOOLS; print(' '.join(TOOLS))"],
                          env={**os.environ, "KAM_METHODS_DIRS": methods_dirs}, capture_output=True, text=True,
                          cwd=Path(__file__).resolve().parents[2], timeout=120)


def test_an_installation_adds_declared_tools_from_the_folders_kam_methods_dirs_lists(tmp_path):
    own = tmp_path / "own"
    own.mkdir()
    (own / "mine.yaml").write_text((FIXTURES / "trial_readiness.yaml").read_text(encoding="utf-8")
                                   .replace("tool: trial_readiness", "tool: mine"), encoding="utf-8")
    (own / "notes.yaml").write_text("just: notes\n", encoding="utf-8")  # not a tool: left alone
    done = _tools_with(os.pathsep.join([str(FIXTURES), str(own)]))
    assert done.returncode == 0, done.stderr
    shipped = [tool_id for tool_id in TOOLS if tool_id in OWN + SHIPPED]  # in the course's order (nav.before)
    assert done.stdout.split() == shipped + DECLARED + ["mine"]


def test_a_kam_methods_dirs_folder_that_does_not_exist_stops_the_start_with_its_name(tmp_path):
    done = _tools_with(str(tmp_path / "nowhere"))
    assert done.returncode != 0 and "nowhere" in done.stderr and "KAM_METHODS_DIRS" in done.stderr
