"""The take-home deck and workbook as designed: findings for titles, shaded matrices, value axes from
the scale's minimum, one language per deck, sheets that print and are named whole."""

import io
import json
import re

import openpyxl
import pytest
import yaml
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE

from kamcore.compare import entries
from kamcore.export.book import sheet_name
from kamcore.export.deck import Deck
from kamcore.export.files import group_file, workshop_file
from kamcore.paths import ROOT
from kamcore.store import PORTFOLIO, Account, GroupWorksheet
from kamcore.tools import TOOLS
from tests.declared import DECLARED, OWN, SHIPPED

ACCOUNT = {"zh": "华东精密机械", "en": "East China Precision Machinery"}
GROUPS = {"zh": ("第一组", "第二组"), "en": ("North", "South")}


def scale_minimum(tool_id: str, m) -> dict[str, float]:
    """The scale each tool's chart is drawn on, by axis: the value axis of bars, x and y of a matrix."""
    kind = TOOLS[tool_id].kind
    if tool_id in ("selection", "global_selection"):
        return {"x": m.strength_scale.min, "y": m.attractiveness_scale.min}
    if tool_id == "partnership":
        return {"x": len(m.facilitators) * m.facilitator_scale.min, "y": len(m.drivers) * m.driver_scale.min}
    if tool_id in ("purchasing_portfolio", "diagnosis", "congruence") or kind in ("matrix", "assessment"):
        return {"x": m.scale.min, "y": m.scale.min, "value": m.scale.min}
    if tool_id == "competition":
        return {"value": m.rating_scale.min}
    if tool_id == "partnership_development":
        return {"value": m.scale.min}  # the prerequisites' scores and their mean
    if tool_id == "organisation_choice":
        return {"value": len(m.factors) * m.scale.min}  # a total over the six factors
    return {"value": 0}  # counts, shares and money start at zero


def found_for(tool_id: str, lang: str):
    tool, m = TOOLS[tool_id], TOOLS[tool_id].method()
    data = tool.example(m, lang=lang)
    sheets = [GroupWorksheet(g, ACCOUNT[lang] if tool.scope == "account" else "", data, None, n)
              for n, g in enumerate(GROUPS[lang], start=1)]
    return entries(sheets, tool_id, m).entries, m


def drawn(specs) -> list:
    deck = Deck()
    for spec in specs:
        deck.add(spec)
    return list(Presentation(io.BytesIO(deck.bytes())).slides)


def charts(slide):
    return [s.chart for s in slide.shapes if s.has_chart]


@pytest.mark.parametrize("tool_id", OWN + SHIPPED + DECLARED)
def test_every_value_axis_starts_at_the_scales_minimum_never_at_the_datas(tool_id, declared):
    found, m = found_for(tool_id, "en")
    tool = TOOLS[tool_id]
    expected = scale_minimum(tool_id, m)
    slides = drawn([tool.slide(found[0], m, "en"), tool.comparison(found, m, "en", "title")])
    checked = 0
    for slide in slides:
        for chart in charts(slide):
            if chart.chart_type == XL_CHART_TYPE.XY_SCATTER:
                assert chart.category_axis.minimum_scale == pytest.approx(expected["x"]), tool_id
                assert chart.value_axis.minimum_scale == pytest.approx(expected["y"]), tool_id
            else:
                values = [v for plot in chart.plots for s in plot.series for v in s.values]
                assert chart.value_axis.minimum_scale == pytest.approx(expected["value"]), tool_id
                assert chart.value_axis.minimum_scale <= min(values)
            checked += 1
    assert checked == 2


@pytest.mark.parametrize("tool_id", OWN + SHIPPED + DECLARED)
def test_every_matrix_slide_has_shaded_named_quadrants_behind_the_chart_and_its_point_labelled(tool_id, declared):
    found, m = found_for(tool_id, "en")
    tool = TOOLS[tool_id]
    for slide in drawn([tool.slide(found[0], m, "en"), tool.comparison(found, m, "en", "title")]):
        chart_frames = [n for n, s in enumerate(slide.shapes) if s.has_chart]
        if not any(charts(slide)[0].chart_type == XL_CHART_TYPE.XY_SCATTER for _ in chart_frames):
            continue
        shapes = list(slide.shapes)
        shaded = [n for n, s in enumerate(shapes) if s.name.startswith("quadrant:")]
        named = {s.name.split(":", 1)[1]: s.text_frame.text for s in shapes if s.name.startswith("quadrant-label:")}
        assert len(shaded) >= 4 and len(named) == len(shaded), tool_id
        assert all(n < chart_frames[0] for n in shaded)  # behind the chart, which is transparent
        assert all(text.strip() for text in named.values())
        chart_xml = charts(slide)[0]._chartSpace.xml
        assert "noFill" in chart_xml and 'layoutTarget val="inner"' in chart_xml
        series = {s.name for s in charts(slide)[0].plots[0].series}
        assert series and series <= set(re.findall(r"<a:t>([^<]*)</a:t>", chart_xml))  # every point named


def fill(workspace, lang):
    workspace.add_account(Account("acct-a", ACCOUNT[lang]))
    for tool_id, tool in TOOLS.items():
        m = tool.method()
        data = tool.example(m, lang=lang)
        if isinstance(data.get("accounts"), list):
            data = {**data, "accounts": [{**a, "name": ACCOUNT[lang]} for a in data["accounts"]]}
        workspace.save(tool_id, tool.validate(data, m), 0, PORTFOLIO if tool.scope == "group" else "acct-a")


def corpus(lang: str, workspace) -> str:
    """Every text a deck in `lang` may draw from: that language's catalog, the methods' texts in it,
    and what the group typed."""
    catalog = yaml.safe_load((ROOT / "data" / "i18n" / f"{lang}.yaml").read_text(encoding="utf-8"))
    methods = [TOOLS[tool_id].method().model_dump(mode="json") for tool_id in TOOLS]
    typed = [w.data for w in workspace.store.worksheets(workspace.group.id)]
    return json.dumps([catalog, _in(methods, lang), typed, workspace.workshop.title, workspace.group.name],
                      ensure_ascii=False)


def _in(value, lang):
    """The strings of a method dump in one language: a {zh, en} text by its `lang` side."""
    if isinstance(value, dict):
        if set(value) == {"zh", "en"}:
            return value[lang]
        return [_in(v, lang) for v in value.values()]
    if isinstance(value, list):
        return [_in(v, lang) for v in value]
    return value


def deck_texts(raw: bytes) -> list[str]:
    deck = Presentation(io.BytesIO(raw))
    texts = []
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                texts.append(shape.text_frame.text)
            if shape.has_chart:
                texts += re.findall(r"<(?:a:t|c:v)>([^<]*)</", shape.chart._chartSpace.xml)
        if slide.has_notes_slide:
            texts.append(slide.notes_slide.notes_text_frame.text)
    return texts


@pytest.mark.parametrize("lang, foreign", [("zh", r"[A-Za-z]{3,}"), ("en", r"[\u3400-\u9fff\uff00-\uffef]+")])
def test_a_deck_speaks_one_language_every_word_from_that_languages_catalog_methods_or_typed_work(workshops, lang,
                                                                                                  foreign):
    workshop, _ = workshops.create("KAM 上海" if lang == "zh" else "KAM Shanghai", lang, "2468")
    north = workshops.join(workshop.code, GROUPS[lang][0])
    fill(north, lang)
    allowed = corpus(lang, north)
    for raw in (group_file(workshops.store, north, "pptx", lang), workshop_file(workshops.store, workshop, "pptx",
                                                                                lang)):
        texts = deck_texts(raw)
        assert not [x for x in texts if re.search(r"\b(?:takehome|pptx|xlsx|kinds|nav)\.[a-z_.]+", x)]  # no raw keys
        strangers = {w for x in texts for w in re.findall(foreign, x) if w not in allowed}
        assert not strangers, strangers


def test_sheet_names_are_cut_at_a_word_boundary_and_numbered_only_when_taken():
    taken: set[str] = set()
    first = sheet_name("Competition Shanghai Metro Group Corporation", taken)
    assert first == "Competition Shanghai Metro" and len(first) <= 31
    taken.add(first.lower())
    second = sheet_name("Competition Shanghai Metro Group Corporation", taken)
    assert second != first and len(second) <= 31 and second.endswith("(2)")
    assert sheet_name("竞争 " + "上海地铁集团有限公司" * 4, set()) == ("竞争 " + "上海地铁集团有限公司" * 4)[:31]
    assert sheet_name("a/b:c*d?[e]", set()) == "a b c d e"


def test_workshop_sheet_names_are_unique_short_and_every_sheet_prints_on_one_a4_landscape_page(workshops):
    workshop, _ = workshops.create("KAM", "en", "2468")
    for name in ("Shanghai Metro Group Engineering", "Shanghai Metro Group Engineering Two"):
        group = workshops.join(workshop.code, name)
        group.add_account(Account("acct-a", "Shanghai Metro Group Corporation Limited"))
        fill_named(group)
    book = openpyxl.load_workbook(io.BytesIO(workshop_file(workshops.store, workshop, "xlsx", "en")))
    names = book.sheetnames
    assert len({n.lower() for n in names}) == len(names) and all(len(n) <= 31 for n in names)
    assert all(not re.search(r"[A-Za-z]$", n) or n.split()[-1] in "Compare Selection Value prop Competition "
               "Partnership Purchasing Organisation profiles plan Shanghai Metro Group Corporation Limited Contents "
               "Disagreements (2) (3) Global selection drivers contract programme Country roll-up Diagnosis natures "
               "Congruence analysis Self-analysis planner map Strategy value Monitoring control Negotiation Closing "
               "Objections Attention Reviews Pipeline timetable meeting"
               for n in names)
    contents = book[names[0]]
    linked = {c.hyperlink.location for row in contents.iter_rows() for c in row if c.hyperlink}
    assert {f"'{n}'!A1" for n in names[1:]} == linked
    for sheet in book.worksheets:
        assert sheet.page_setup.orientation == "landscape" and int(sheet.page_setup.paperSize) == 9
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) in ((1, 1), (None, None))
        assert sheet.print_area


def fill_named(workspace):
    for tool_id, tool in TOOLS.items():
        m = tool.method()
        data = tool.example(m)
        if isinstance(data.get("accounts"), list):
            data = {**data, "accounts": [{**a, "name": "Shanghai Metro Group Corporation Limited"}
                                         for a in data["accounts"]]}
        workspace.save(tool_id, tool.validate(data, m), 0, PORTFOLIO if tool.scope == "group" else "acct-a")


def test_money_has_thousands_and_its_currency_and_scores_one_decimal(workshops):
    workshop, _ = workshops.create("KAM", "zh", "2468")
    north = workshops.join(workshop.code, "North")
    fill(north, "zh")
    book = openpyxl.load_workbook(io.BytesIO(group_file(workshops.store, north, "xlsx", "zh")))
    selection = book[TOOLS["selection"].short("zh")]
    revenue = next(c for row in selection.iter_rows() for c in row if c.value == 12000000)
    assert revenue.number_format == '#,##0 "元"'
    scores = [c for row in selection.iter_rows() for c in row if isinstance(c.value, str) and c.data_type == "f"
              and c.value.startswith("=(")]
    assert scores and all(c.number_format == "0.0" for c in scores)


def test_every_tool_slide_has_its_method_and_formula_in_the_notes_and_at_most_three_lines(workshops):
    workshop, _ = workshops.create("KAM", "en", "2468")
    north = workshops.join(workshop.code, "North")
    fill(north, "en")
    slides = list(Presentation(io.BytesIO(group_file(workshops.store, north, "pptx", "en"))).slides)
    for slide in slides[1:-1]:
        assert "Formula: " in slide.notes_slide.notes_text_frame.text
        lines = [s for s in slide.shapes if s.name == "lines"]
        assert all(len(s.text_frame.paragraphs) <= 3 for s in lines)
    assert any(s.shapes.title.text_frame.text.startswith("East China Precision Machinery is a Strategic account")
               for s in slides[1:-1])


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_one_page_summary_has_a_page_per_account_with_every_tools_verdict_escaped(workshops, lang):
    from kamcore.export.files import account_summary

    workshop, _ = workshops.create("KAM", lang, "2468")
    north = workshops.join(workshop.code, "<b>North</b>")
    fill(north, lang)
    north.add_account(Account("acct-b", "Second & Co"))
    page = account_summary(workshops.store, north, lang).decode("utf-8")
    assert page.count("<section>") == 1  # only accounts with work have a page; acct-b has none
    assert "@page { size: A4" in page and "&lt;b&gt;North&lt;/b&gt;" in page and "<b>North</b>" not in page
    assert all(TOOLS[tool_id].name(lang) in page for tool_id in TOOLS)
    strategic = TOOLS["selection"].method().portfolio.category("strategic").label(lang)
    assert strategic in page
