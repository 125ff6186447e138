"""The projector's figures: one for every tool, type of at least 24 px everywhere, a distinct colour per
group, and point labels that never sit on one another, even where groups share a point."""

import pytest

from kamcore.charts import PALETTE, Axis, Point, group_colors, matrix_figure
from kamcore.compare import entries
from kamcore.methods import selection as sel
from kamcore.presenter import KEY, LABEL, POINT_LABEL, for_projector, placed_labels
from kamcore.store import GroupWorksheet
from kamcore.tools import TOOLS
from tests.declared import DECLARED, OWN, SHIPPED

GROUPS = ["North", "South", "East", "West", "Central", "G6", "G7", "G8"]


def projected(tool_id: str, groups=GROUPS, accounts=("ACME", "Zenith Foods")):
    tool = TOOLS[tool_id]
    m = tool.method()
    data = tool.example(m)
    sheets = [GroupWorksheet(g, a, data, None, n * 10 + k, a.lower()) for n, g in enumerate(groups)
              for k, a in enumerate(accounts if tool.scope == "account" else accounts[:1])]
    found = entries(sheets, tool_id, m).entries
    figure = tool.figure(found, m, "en")
    return figure, for_projector(figure, groups) if figure is not None else None


@pytest.mark.parametrize("tool_id", OWN + SHIPPED + DECLARED)
def test_every_tool_has_a_comparison_figure_for_the_projector(tool_id, declared):
    figure, _ = projected(tool_id)
    assert figure is not None and figure.data


@pytest.mark.parametrize("tool_id", OWN + SHIPPED + DECLARED)
def test_every_text_of_a_projector_figure_is_at_least_24_px(tool_id, declared):
    _, fig = projected(tool_id)
    layout = fig.layout
    sizes = [layout.font.size, layout.legend.font.size, layout.xaxis.tickfont.size, layout.yaxis.tickfont.size,
             layout.xaxis.title.font.size, layout.yaxis.title.font.size,
             *(a.font.size for a in layout.annotations), *(t.textfont.size for t in fig.data)]
    if layout.title.text:
        sizes.append(layout.title.font.size)
    assert all(size is not None and size >= LABEL for size in sizes), sizes


@pytest.mark.parametrize("tool_id", OWN + SHIPPED + DECLARED)
def test_no_two_point_labels_overlap_even_when_eight_groups_score_alike(tool_id, declared):
    _, fig = projected(tool_id)
    boxes = placed_labels(fig)
    assert not [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:] if a.overlaps(b, gap=0)]
    assert not any("text" in (t.mode or "") for t in fig.data if t.type == "scatter")  # labels replace texts


def test_groups_sharing_one_point_get_one_label_and_their_markers_spread_round_it():
    _, fig = projected("partnership", GROUPS[:3], ("ACME",))
    [label] = [a for a in fig.layout.annotations if a.name == POINT_LABEL]
    assert label.text == "ACME"
    places = {(round(t.x[0], 3), round(t.y[0], 3)) for t in fig.data}
    assert len(places) == 3


def test_crowded_labels_become_numbers_with_a_key():
    m = sel.method()
    names = [f"A long account name number {n}" for n in range(4)]
    points = [Point(name, 6 + 0.1 * g + 0.3 * n, 6 + 0.15 * n, group=f"G{g}") for g in range(8)
              for n, name in enumerate(names)]
    fig = for_projector(matrix_figure(points, m.portfolio, "en", Axis("x", 0, 10), Axis("y", 1, 10)))
    numbered = [a for a in fig.layout.annotations if a.name == POINT_LABEL]
    [key] = [a for a in fig.layout.annotations if a.name == KEY]
    assert numbered and all(a.text.isdigit() for a in numbered)
    assert key.text.split("<br>") == [f"{n + 1}  {name}" for n, name in enumerate(names)]
    boxes = placed_labels(fig)
    assert not [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:] if a.overlaps(b, gap=0)]


def test_each_group_keeps_its_colour_in_every_tool_and_no_two_of_twelve_look_alike():
    styles = group_colors([f"G{n}" for n in range(12)])
    assert len(set(styles.values())) == 12 and len({c for c, _ in styles.values()}) == len(PALETTE)
    _, bars = projected("competition", ["G1", "G2"])
    _, dots = projected("partnership", ["G1", "G2"])
    first_bar = bars.data[0].marker.color[0]
    assert first_bar == next(t.marker.color for t in dots.data if t.name == "G1") == group_colors(["G1"])["G1"][0]
