"""The take-home files' shared design: one palette for every chart and table of the deck and the
workbook, the fonts, and how much room a text needs (so a deck's text is sized to fit its box).

Text is measured with the CJK font LibreOffice and most Linux viewers substitute for the deck's font
when it is installed, else estimated by character class (a CJK character is one em wide)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

FONT = "Microsoft YaHei"  # Windows' CJK UI font; other systems substitute a CJK sans (Noto Sans CJK, PingFang)

INK = "1F2328"  # titles and body text
MUTED = "57606A"  # footers, axis labels, notes
PRIMARY = "1F4E79"  # the one colour of a single-series chart, the title rule, table heads
ACCENT = "C55A11"  # the account's own point, highlights
HEAD_FILL = "DDEBF7"  # workbook table heads
CALC_FILL = "FFF2CC"  # workbook cells a formula computes
GRID = "D9D9D9"
SERIES = ["1F4E79", "C55A11", "2E7D32", "7B1FA2", "00838F", "AD1457", "6D4C41", "455A64",
          "F9A825", "5C6BC0"]  # a series' colour by its order; repeats past ten
TINT = 0.16  # how much of a quadrant's colour its shading keeps (the rest is white)

_FONT_FILES = {False: ("NotoSansCJK-Regular.ttc", "NotoSansCJKsc-Regular.otf", "wqy-microhei.ttc"),
               True: ("NotoSansCJK-Bold.ttc", "NotoSansCJKsc-Bold.otf", "wqy-microhei.ttc")}
_FONT_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), Path("/Library/Fonts"),
              Path("C:/Windows/Fonts"))


def series_color(n: int) -> str:
    return SERIES[n % len(SERIES)]


def tint(color: str, keep: float = TINT) -> str:
    """`color` (RRGGBB, an optional #) mixed with white, keeping `keep` of it: a shading text stays readable on."""
    color = color.lstrip("#")
    channels = [int(color[i:i + 2], 16) for i in (0, 2, 4)]
    return "".join(f"{round(255 - (255 - c) * keep):02X}" for c in channels)


def plain(color: str) -> str:
    """A method file's colour (#RRGGBB) as the RRGGBB the exports write."""
    color = color.lstrip("#")
    return color.upper() if re.fullmatch(r"[0-9A-Fa-f]{6}", color) else MUTED


# ---- measuring text ---------------------------------------------------------------------------------

@lru_cache(maxsize=2)
def _font_file(bold: bool) -> str | None:
    for folder in _FONT_DIRS:
        if folder.is_dir():
            for name in _FONT_FILES[bold]:
                found = next(folder.rglob(name), None)
                if found:
                    return str(found)
    return None


@lru_cache(maxsize=64)
def _font(size: int, bold: bool):
    path = _font_file(bold)
    if path is None:
        return None
    from PIL import ImageFont  # Pillow comes with python-pptx

    return ImageFont.truetype(path, size * 10)  # ten times the point size: widths to a tenth of a point


@lru_cache(maxsize=4096)
def text_width(text: str, size: float, bold: bool = False) -> float:
    """The width of one line of `text` at `size` points, in points."""
    font = _font(round(size), bold)
    if font is not None:
        return font.getlength(text) / 10 * size / round(size)
    return sum(size * (1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.55) for ch in text)


def _tokens(text: str) -> list[str]:
    """Where a line may break: after a space, and between any two CJK characters."""
    return _TOKENS.findall(text)


_CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"
_TOKENS = re.compile(rf"[{_CJK}][，。、；：！？）」』”]*|[^\s{_CJK}]+\s*|\s+")


def wrap(text: str, size: float, width: float, bold: bool = False) -> list[str]:
    """`text` broken into the lines a box `width` points wide shows at `size` points."""
    lines, line = [], ""
    for token in _tokens(text):
        if line and text_width((line + token).rstrip(), size, bold) > width:
            lines.append(line.rstrip())
            line = token.lstrip()
        else:
            line += token
    return [*lines, line.rstrip()] if line.strip() or not lines else lines


LINE_SPACING = 1.25  # a line's height as a multiple of its font size (CJK fonts run taller than Latin ones)


def text_height(paragraphs: list[str], size: float, width: float, bold: bool = False, gap: float = 0.0) -> float:
    """The height in points the paragraphs take at `size` in a box `width` points wide, `gap` points
    between paragraphs."""
    lines = sum(len(wrap(p, size, width, bold)) for p in paragraphs)
    return lines * size * LINE_SPACING + gap * max(len(paragraphs) - 1, 0)


def fitting_size(paragraphs: list[str], width: float, height: float, largest: int, smallest: int,
                 bold: bool = False, gap: float = 0.0) -> int:
    """The largest font size from `largest` down to `smallest` at which the paragraphs fit the box."""
    for size in range(largest, smallest - 1, -1):
        if text_height(paragraphs, size, width, bold, gap * size / largest) <= height:
            return size
    return smallest


def shortened(text: str, size: float, width: float, lines: int, bold: bool = False) -> str:
    """`text`, cut with an ellipsis so that it takes at most `lines` lines of a box `width` points wide."""
    if len(wrap(text, size, width, bold)) <= lines:
        return text
    low, high = 0, len(text)
    while low < high:
        mid = (low + high + 1) // 2
        if len(wrap(text[:mid].rstrip() + "…", size, width, bold)) <= lines:
            low = mid
        else:
            high = mid - 1
    return text[:low].rstrip(" ,，;；:：") + "…"


def headline(text: str, lang: str) -> str:
    """The opening clause of a course text (a strategy, an advice): what a slide title can carry."""
    clause = re.split(r"[:：;；,，。.!?！？(（—]", text.strip(), maxsplit=1)[0].strip()
    if lang == "en" and clause[:1].isupper() and not clause[1:2].isupper():
        clause = clause[0].lower() + clause[1:]
    return clause
