"""Typed text shown anywhere (Excel chart series, plotly legends, hover, annotations, markdown) stays text."""

import io
import re
import zipfile

import pytest

from kamcore.charts import Axis, Point, Region, Series, bar_figure, matrix_figure, regions_figure, value_curve_figure
from kamcore.export.files import group_file, workshop_file
from kamcore.methods import selection as sel
from kamcore.store import Account
from kamcore.workshop import Workshops
from tests.unit.test_exports import fill
from ui.text import WORD_JOINER, plain

FORMULA_NAME = "+cmd|' /C calc'!A0"
HOSTILE = ["<a href='https://evil.example'>click</a>", "<span style='font-size:200px'>BIG</span>",
           "<img src=https://evil.example/x.png>", "%{x}{y}<br>", FORMULA_NAME]
RANGE = r"(?:'(?:[^']|'')*'|[A-Za-z0-9_]+)!\$[A-Z]+\$\d+(?::\$[A-Z]+\$\d+)?"  # a cell range, nothing else
TAGS = re.compile(r"<(a|span|img|br|b|i|sup|sub|em|s|u)\b", re.I)


def test_excel_chart_series_named_by_typed_text_are_literal_strings_not_references(store):
    workshops = Workshops(store)
    workshop, _ = workshops.create("KAM", "en", "2468")
    group = workshops.join(workshop.code, "North")
    fill(group)
    group.rename_account("acct-a", FORMULA_NAME)
    for raw in (group_file(store, group, "xlsx", "en"), workshop_file(store, workshop, "xlsx", "en")):
        with zipfile.ZipFile(io.BytesIO(raw)) as parts:
            charts = [parts.read(n).decode() for n in parts.namelist() if n.startswith("xl/charts/chart")]
        formulas = [f for c in charts for f in re.findall(r"<c:f>(.*?)</c:f>", c)]
        assert charts and formulas and all(re.fullmatch(RANGE, f.replace("&apos;", "'")) for f in formulas)
        assert any("<c:v>+cmd|' /C calc'!A0</c:v>" in c.replace("&apos;", "'") for c in charts)


def shown_strings(figure) -> list[str]:
    """Every string a plotly figure may render: trace names, texts, labels, hover templates, layout text."""
    found = []

    def walk(value):
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, dict):
            [walk(v) for v in value.values()]
        elif isinstance(value, list | tuple):
            [walk(v) for v in value]
    walk(figure.to_plotly_json())
    return found


@pytest.mark.parametrize("name", HOSTILE)
def test_no_chart_renders_a_typed_name_as_markup(name):
    m = sel.method()
    axis = Axis(name, 0, 10)
    figures = [
        matrix_figure([Point(name, 5, 5, 1, group=name)], m.portfolio, "en", axis, axis, title=name),
        bar_figure([name], [1.0], ["#000"], title=name),
        value_curve_figure([name], [Series(name, (3.0,))], axis),
        regions_figure([Point(name, 1, 1)], [Region(name, "#000", 0, 5, 0, 5)], axis, axis),
    ]
    for figure in figures:
        strings = shown_strings(figure)
        assert any(name.replace("<", "&lt;").replace(">", "&gt;") in s for s in strings)
        own = ("<b>", "</b>", "<br>", "<extra></extra>")
        leftovers = [s for s in strings if TAGS.search(_without(s, own))]
        assert not leftovers, leftovers
        hover = [s for s in strings if "%{x" in s and "<extra>" in s]
        assert not any("%{x}{y}" in s for s in hover)  # a typed %{x} never becomes a placeholder


def _without(text: str, own: tuple[str, ...]) -> str:
    for tag in own:
        text = text.replace(tag, "")
    return text


@pytest.mark.parametrize("text, linkable", [("see https://evil.example now", "https://"),
                                            ("www.evil.example", "www."), ("boss@evil.example", "s@e"),
                                            ("mailto:boss@evil.example", "s@e")])
def test_plain_breaks_bare_links_invisibly(text, linkable):
    shown = plain(text).replace("\\", "")
    assert linkable not in shown and shown.replace(WORD_JOINER, "") == text


def test_plain_leaves_no_markdown_or_html_active():
    shown = plain("![x](https://evil.example/i.png) **b** <span>x</span> [l](javascript:x) `c` # h")
    unescaped = re.sub(r"\\.", "", shown)  # what is left once every escaped character is taken out
    assert not re.search(r"[\\`*_{}\[\]()#+\-.!|<>~$:]", unescaped)


def test_a_hostile_account_name_reaches_the_workbook_as_text(store):
    workshops = Workshops(store)
    workshop, _ = workshops.create("KAM", "en", "2468")
    group = workshops.join(workshop.code, "North")
    group.add_account(Account("x", HOSTILE[0]))
    assert workshop_file(store, workshop, "xlsx", "en")
