"""The take-home files as a participant prints them: converted to PDF by LibreOffice (headless), each
workbook sheet is one page, the deck has its slides, and no slide's text runs out of its box."""

import os
import re
import shutil
import subprocess

import pytest
from pptx import Presentation

from kamcore.export.files import group_file
from kamcore.tools import TOOLS
from tests.unit.test_takehome import ACCOUNT, GROUPS, fill

SOFFICE, PDFINFO, PDFTOTEXT = (shutil.which(n) for n in ("soffice", "pdfinfo", "pdftotext"))
pytestmark = pytest.mark.skipif(None in (SOFFICE, PDFINFO, PDFTOTEXT) and not os.environ.get("KAM_REQUIRE_OFFICE"),
                                reason="no LibreOffice/poppler (apt-get install libreoffice-calc libreoffice-impress "
                                       "poppler-utils)")
EMU_PER_POINT = 12700
SLACK = 3  # points: glyph boxes reach a little past a line's box


def pages(pdf) -> int:
    info = subprocess.run([PDFINFO, str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    """LibreOffice names a PDF after its source, so the deck and the workbook of one language are
    converted from folders of their own."""
    from kamcore.store import Store
    from kamcore.workshop import Workshops

    folder = tmp_path_factory.mktemp("print")
    out = {}
    for lang in ("zh", "en"):
        workshops = Workshops(Store(f"sqlite:///{folder / lang}.sqlite3"))
        workshop, _ = workshops.create("KAM 上海" if lang == "zh" else "KAM Shanghai", lang, "2468")
        group = workshops.join(workshop.code, GROUPS[lang][0])
        fill(group, lang)
        for kind in ("pptx", "xlsx"):
            source = folder / f"{lang}-{kind}.{kind}"
            source.write_bytes(group_file(workshops.store, group, kind, lang))
            out[lang, kind] = (source, folder / f"{lang}-{kind}.pdf")
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{folder}/profile", "--headless", "--convert-to", "pdf",
                    "--outdir", str(folder), *(str(s) for s, _ in out.values())], check=True, capture_output=True,
                   timeout=600)
    return out


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_workbook_sheet_prints_on_exactly_one_page(converted, lang):
    import openpyxl

    source, pdf = converted[lang, "xlsx"]
    sheets = openpyxl.load_workbook(source).sheetnames
    assert len(sheets) == 1 + len(TOOLS)  # the contents, then a sheet per tool
    assert pages(pdf) == len(sheets)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_deck_prints_its_title_a_slide_per_tool_and_the_next_actions(converted, lang):
    source, pdf = converted[lang, "pptx"]
    deck = Presentation(str(source))
    assert deck.slide_width * 9 == deck.slide_height * 16
    assert pages(pdf) == 1 + len(TOOLS) + 1
    text = subprocess.run([PDFTOTEXT, str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert ACCOUNT[lang] in text.replace("\n", " ") or ACCOUNT[lang][:6] in text


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_slide_text_runs_out_of_its_box(converted, lang):
    """Every word LibreOffice printed lies inside a text box or a chart of its slide."""
    source, pdf = converted[lang, "pptx"]
    html = subprocess.run([PDFTOTEXT, "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    printed_pages = re.findall(r"<page[^>]*>(.*?)</page>", html, re.S)
    slides = list(Presentation(str(source)).slides)
    assert len(printed_pages) == len(slides)
    for number, (page, slide) in enumerate(zip(printed_pages, slides, strict=True), start=1):
        boxes = [(s.left / EMU_PER_POINT, s.top / EMU_PER_POINT, (s.left + s.width) / EMU_PER_POINT,
                  (s.top + s.height) / EMU_PER_POINT) for s in slide.shapes if s.has_text_frame or s.has_chart]
        words = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
                           page)
        assert words
        outside = [w for *edges, w in words if not any(_inside([float(e) for e in edges], b) for b in boxes)]
        assert not outside, (number, outside)


def _inside(word, box) -> bool:
    x0, y0, x1, y1 = word
    left, top, right, bottom = box
    return x0 >= left - SLACK and y0 >= top - SLACK and x1 <= right + SLACK and y1 <= bottom + SLACK

