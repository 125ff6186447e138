"""kamcore.charts builds figures without plotly's checks (for speed): each builder is held to them here."""

import plotly.graph_objects as go
import pytest

from kamcore import charts
from kamcore.charts import Axis, Point, Region, Series
from kamcore.methods import partnership, selection

POINTS = [Point("A <b>1</b>", 2.5, 3.5, size=120, group="G1", highlight=True),
          Point("B", 4.0, 1.5, size=40, group="G1"), Point("C", 1.0, 4.5, size=0, group="G2")]
AXES = (Axis("Strength {x}", 1, 5), Axis("Attractiveness", 1, 5))


def built() -> dict[str, go.Figure]:
    regions = [Region("Advantage", "#0072B2", 0, 3, 0, 2), Region("Weakness", "#D55E00", 0, 3, -2, 0)]
    return {
        "matrix": charts.matrix_figure(POINTS, selection.method().portfolio, "en", *AXES, title="Portfolio"),
        "bar": charts.bar_figure(["a", "b"], [1.0, 2.5], title="Bars", groups=["G1", "G2"]),
        "bar, coloured": charts.bar_figure(["a"], [3.0], colors=["#000000"]),
        "value curve": charts.value_curve_figure(["price", "service"],
                                                 [Series("Us", (4, 2), True), Series("Them", (3, 3))],
                                                 Axis("Rating", 1, 5)),
        "regions": charts.regions_figure(POINTS, regions, Axis("Importance", 0, 3), Axis("Gap", -2, 2)),
        "propensity": charts.propensity_figure(partnership.method(), POINTS[:1], "zh", "促进因素", "驱动因素"),
    }


@pytest.mark.parametrize("name", list(built()))
def test_a_figure_is_what_plotly_would_have_checked_it_to_be(name):
    drawn = built()[name].to_dict()
    checked = go.Figure(drawn).to_dict()  # raises on a property plotly does not know or a value it refuses
    assert checked == drawn
    assert drawn["data"] and drawn["layout"]["font"]["family"] == charts.FONT


def test_shapes_spell_their_line_out():
    shapes = built()["regions"].to_dict()["layout"]["shapes"]
    assert shapes and all(shape["line"] == {"width": 0} for shape in shapes)
