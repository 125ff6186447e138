"""The take-home files, opened the way a participant's software opens them."""

import io
import json
import zipfile

import openpyxl
import pytest
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pydantic import ValidationError

from kamcore.export import archive
from kamcore.export.archive import ArchiveError
from kamcore.export.csv_safe import to_csv
from kamcore.export.files import group_file, import_file, workshop_file
from kamcore.store import Account, Store
from kamcore.tools import TOOLS
from kamcore.workshop import Workshops
from tests.workbook import recalculated

pytestmark = pytest.mark.both_engines  # the store tests run on SQLite and PostgreSQL (tests/engines.py)

INJECTIONS = ['=HYPERLINK("http://x","y")', "+1", "-1", "@SUM(A1)"]


def fill(workspace):
    """Every tool's course example, under one account."""
    workspace.add_account(Account("acct-a", "华东精密机械"))
    for tool_id, tool in TOOLS.items():
        m = tool.method()
        workspace.save(tool_id, tool.validate(tool.example(m), m), 0, "" if tool.scope == "group" else "acct-a")


@pytest.fixture
def classroom(workshops):
    workshop, _ = workshops.create("KAM 上海", "zh", "2468")
    groups = [workshops.join(workshop.code, name) for name in ("North", "South")]
    for group in groups:
        fill(group)
    return workshop, groups


def cells(workbook_bytes: bytes, data_only: bool):
    return openpyxl.load_workbook(io.BytesIO(workbook_bytes), data_only=data_only)


def test_the_group_workbook_has_a_sheet_per_tool_with_kamcore_numbers_cached(store, classroom):
    _, (north, _) = classroom
    book = cells(group_file(store, north, "xlsx", "en"), data_only=True)
    assert book.sheetnames[0] == "Contents" and len(book.sheetnames) == 1 + len(TOOLS)
    selection = book[TOOLS["selection"].short("en")]
    values = [c.value for row in selection.iter_rows() for c in row]
    assert pytest.approx(7.4) in values and "Strategic" in values and "Defend first" in values


def test_every_formula_recalculated_by_a_spreadsheet_engine_gives_kamcores_number(store, classroom, tmp_path):
    _, (north, _) = classroom
    path = tmp_path / "north.xlsx"
    path.write_bytes(group_file(store, north, "xlsx", "zh"))
    checked, wrong = recalculated(path)
    assert not wrong
    assert checked > 60


def test_the_workbook_has_native_charts(store, classroom):
    _, (north, _) = classroom
    raw = group_file(store, north, "xlsx", "en")
    parts = zipfile.ZipFile(io.BytesIO(raw)).namelist()
    assert sum(name.startswith("xl/charts/chart") for name in parts) >= len(TOOLS)


def test_the_group_deck_has_a_title_slide_a_slide_per_tool_with_a_native_chart_and_the_next_actions(store,
                                                                                                   classroom):
    _, (north, _) = classroom
    deck = Presentation(io.BytesIO(group_file(store, north, "pptx", "zh")))
    slides = list(deck.slides)
    assert len(slides) == 1 + len(TOOLS) + 1
    assert slides[-1].shapes[0].text_frame.text == "下一步行动"
    charts = [s.chart for slide in slides[1:] for s in slide.shapes if s.has_chart]
    assert len(charts) == len(TOOLS)
    assert {c.chart_type for c in charts} >= {XL_CHART_TYPE.XY_SCATTER, XL_CHART_TYPE.BAR_CLUSTERED}
    text = " ".join(p.text for slide in slides for s in slide.shapes if s.has_text_frame
                    for p in s.text_frame.paragraphs)
    assert "战略型客户" in text and "II 型伙伴关系" in text


def test_the_workshop_files_compare_the_groups_then_append_each_group(store, classroom):
    workshop, _ = classroom
    book = cells(workshop_file(store, workshop, "xlsx", "en"), data_only=True)
    compare = book[book.sheetnames[1]]
    assert [compare.cell(r, 1).value for r in (4, 5)] == ["North", "South"]
    assert sum(name.startswith("G1 ") for name in book.sheetnames) == len(TOOLS)
    deck = Presentation(io.BytesIO(workshop_file(store, workshop, "pptx", "en")))
    assert len(deck.slides) == 1 + len(TOOLS) + 1 + 2 * (1 + len(TOOLS))  # + where the groups disagreed


def test_a_json_round_trip_into_an_empty_store_gives_the_same_content(store, classroom, tmp_path):
    workshop, _ = classroom
    first = json.loads(workshop_file(store, workshop, "json", "en"))
    fresh = Store(f"sqlite:///{tmp_path / 'fresh.sqlite3'}")
    kind, restored = import_file(fresh, json.dumps(first).encode())
    again = json.loads(workshop_file(fresh, restored, "json", "en"))
    for document in (first, again):
        document.pop("exported_at")
    assert kind == "workshop" and again == first
    assert Workshops(fresh).sign_in(restored.code, "2468")  # the trainer's PIN still works


def test_a_group_archive_imports_into_another_installations_personal_workspace(store, classroom, tmp_path):
    _, (north, _) = classroom
    fresh = Store(f"sqlite:///{tmp_path / 'fresh.sqlite3'}")
    personal = Workshops(fresh).new_personal()
    kind, count = import_file(fresh, group_file(store, north, "json", "en"), personal)
    assert (kind, count) == ("group", len(TOOLS))
    assert personal.worksheet("competition", "acct-a").data == north.worksheet("competition", "acct-a").data


@pytest.mark.parametrize("name", INJECTIONS)
def test_typed_text_is_written_as_text_never_as_a_formula(workshops, store, name):
    workshop, _ = workshops.create("KAM", "en", "2468")
    group = workshops.join(workshop.code, name)
    fill(group)
    group.add_account(Account("acct-a", name))
    for raw in (group_file(store, group, "xlsx", "en"), workshop_file(store, workshop, "xlsx", "en")):
        book = cells(raw, data_only=False)
        typed = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row
                 if isinstance(c.value, str) and name in c.value]
        assert typed and all(c.data_type == "s" for c in typed)


def test_csv_cells_that_start_like_formulas_are_neutralised_but_numbers_stay_numbers():
    text = to_csv(["name", "score"], [[name, -3] for name in INJECTIONS])
    lines = text.splitlines()[1:]
    assert all(line.startswith(("'", "\"'")) for line in lines) and all(line.endswith(",-3") for line in lines)


def refused(raw: bytes, store, classroom):
    workshop, (north, _) = classroom
    before = json.loads(workshop_file(store, workshop, "json", "en"))
    with pytest.raises((ArchiveError, ValidationError)):
        import_file(store, raw, north)
    after = json.loads(workshop_file(store, workshop, "json", "en"))
    before.pop("exported_at"), after.pop("exported_at")
    assert after == before
    assert len(Workshops(store).progress(workshop)) == 2


def test_a_truncated_file_is_refused_and_changes_nothing(store, classroom):
    _, (north, _) = classroom
    refused(group_file(store, north, "json", "en")[:-40], store, classroom)


def test_a_wrong_schema_version_is_refused(store, classroom):
    _, (north, _) = classroom
    document = json.loads(group_file(store, north, "json", "en")) | {"schema_version": 99}
    refused(json.dumps(document).encode(), store, classroom)


def test_a_score_out_of_range_is_refused_and_nothing_of_the_file_is_written(store, classroom):
    _, (north, _) = classroom
    document = json.loads(group_file(store, north, "json", "en"))
    selection = next(w for w in document["groups"][0]["worksheets"] if w["tool"] == "selection")
    selection["data"]["accounts"][0]["attractiveness"]["influence"] = 11
    refused(json.dumps(document).encode(), store, classroom)


def test_fifty_megabytes_of_junk_are_refused_by_size(store, classroom):
    with pytest.raises(ArchiveError, match="too_big"):
        archive.read(b"x" * (50 * 1024 * 1024))
    refused(b"x" * (50 * 1024 * 1024), store, classroom)


def test_not_json_and_not_ours_are_refused(store, classroom):
    refused(b"\x89PNG\r\n", store, classroom)
    refused(b'{"hello": "world"}', store, classroom)


def _every(scores: dict, value: int) -> dict:
    return dict.fromkeys(scores, value)


def _selection(d: dict) -> dict:
    a = d["accounts"][0]
    a.update(attractiveness=_every(a["attractiveness"], 7), csf_us=_every(a["csf_us"], 6),
             vulnerability=_every(a["vulnerability"], 3))
    return d


def _purchasing(d: dict) -> dict:
    for axis in ("profit_factors", "risk_factors"):  # whole weights: a weighted 3 is exactly 3 in both engines
        d[axis] = [dict(f, weight=w) for f, w in zip(d[axis], (50, 30, 20), strict=True)]
    d["items"] = [dict(i, profit=_every(i["profit"], 3), risk=_every(i["risk"], 3)) for i in d["items"]]
    return d


def _partnership(d: dict) -> dict:  # drivers 4 × 4 = 16 on each side; facilitators 4 × 3 = 12, no bonus
    return d | {"drivers_us": _every(d["drivers_us"], 4), "drivers_customer": _every(d["drivers_customer"], 4),
                "facilitators": _every(d["facilitators"], 3), "bonus": []}


def _scores(value: int):
    return lambda d: d | {"scores": _every(d["scores"], value)}


# (tool, its method overridden so that a value exactly on each cut-off is on the low side, the example
# moved onto the cut-offs, what kamcore makes of it)
ON_THE_CUT = [
    ("selection", {"bands": [{"id": "key_account", "side": ">"}],
                   "portfolio": {"x_cut": 6, "x_side": ">", "y_cut": 7, "y_side": ">"},
                   "vulnerability_matrix": {"x_cut": 3, "x_side": ">", "y_cut": 7, "y_side": ">"}},
     _selection, lambda r, m: (r.accounts[0].band == "watch_list",
                               r.accounts[0].portfolio == m.portfolio.cells["low_low"],
                               r.accounts[0].vulnerability_quadrant == m.vulnerability_matrix.cells["low_low"])),
    ("purchasing_portfolio", {"kraljic": {"x_side": ">", "y_side": ">"}}, _purchasing,
     lambda r, m: (r.items[0].quadrant == m.kraljic.cells["low_low"],)),
    ("partnership", {"bands": [{"id": "high", "side": ">"}, {"id": "medium", "side": ">"}]}, _partnership,
     lambda r, m: (r.driver_band == "medium", r.facilitator_band == "low")),
    ("competition", {"priority_threat": 16, "priority_side": ">"}, lambda d: d,  # Competitor A: 4 × 4
     lambda r, m: (not r.threats[0].priority,)),
    ("trial_readiness", {"bands": [{"id": "ready", "side": ">"}]}, _scores(4), lambda r, m: (r.band == "partly",)),
    ("trial_position", {"matrix": {"x_side": ">", "y_side": ">"}}, _scores(5),
     lambda r, m: (r.quadrant == "watch",)),
]


@pytest.mark.parametrize("tool_id, overrides, onto_the_cut, low", ON_THE_CUT, ids=[c[0] for c in ON_THE_CUT])
def test_a_value_exactly_on_a_cut_off_whose_side_is_strict_gets_kamcores_verdict_in_the_workbook_too(
        tool_id, overrides, onto_the_cut, low, workshops, declared, tmp_path):
    tool = TOOLS[tool_id]
    workshop, _ = workshops.create("KAM", "en", "2468")
    workshop = workshops.set_overrides(workshop, tool_id, overrides)
    group = workshops.join(workshop.code, "North")
    group.add_account(Account("acct-a", "ACME"))
    m = tool.method(overrides)
    data = tool.validate(onto_the_cut(tool.example(m)), m)
    group.save(tool_id, data, 0, "" if tool.scope == "group" else "acct-a")
    assert all(low(tool.evaluate(data, m), m))  # kamcore puts every value on a cut-off below it
    path = tmp_path / "north.xlsx"
    path.write_bytes(group_file(workshops.store, group, "xlsx", "en"))
    checked, wrong = recalculated(path)
    assert checked and not wrong
