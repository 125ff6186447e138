"""The country roll-up of a global account: totals, gaps and flags against hand-computed numbers, the
CSV import read as screening reads a customer list, and the workbook's formulas."""

import copy
import io

import openpyxl
import pytest
from pydantic import ValidationError

from kamcore.errors import UserError
from kamcore.export.files import group_file
from kamcore.methods import country_rollup as cr
from kamcore.screening import MappingError, UnreadableTable
from kamcore.store import Account
from kamcore.tools import TOOLS
from tests.workbook import recalculated

M = cr.method()


def run(data, m=M):
    return cr.evaluate(cr.RollupInput.model_validate(data, context={"method": m}), m)


def example(lang="en"):
    return copy.deepcopy(cr.example_input(M, lang=lang))


def row(key, country, revenue, plan, margin, share, service):
    return {"key": key, "country": country, "revenue": revenue, "plan": plan, "margin": margin, "share": share,
            "service": service}


def test_the_examples_totals_are_the_hand_computed_ones():
    totals = run(example()).totals
    assert (totals.revenue, totals.plan, totals.gap) == (3000, 3050, -50)
    assert totals.attainment == pytest.approx(100 * 3000 / 3050)  # 98.36 %
    # (1200×30 + 800×22 + 600×28 + 300×18 + 100×25) / 3000 = 783 / 3000
    assert totals.margin == pytest.approx(26.1)
    # the customer's spend: 1200/.40 + 800/.25 + 600/.15 + 300/.30 + 100/.10 = 12 200
    assert totals.share == pytest.approx(100 * 3000 / 12200)
    # (1200×97 + 800×93 + 600×96 + 300×90 + 100×95) / 3000 = 284 900 / 3000
    assert totals.service == pytest.approx(284900 / 3000)


def test_each_country_is_flagged_on_exactly_the_targets_it_misses():
    result = run(example())
    below = {c.key: c.below for c in result.countries}
    assert below == {"cn": [], "de": ["attainment", "margin", "service"], "us": ["attainment", "share"],
                     "br": ["margin", "service"], "in": ["attainment", "share"]}
    assert result.flagged == ["de", "us", "br", "in"]
    germany = result.countries[1]
    assert (germany.gap, germany.attainment, germany.wallet) == (-100, pytest.approx(800 / 9), 3200)


def test_a_figure_exactly_on_its_target_is_not_below_it():
    india = run(example()).countries[4]  # margin 25 and service level 95: both exactly the targets
    assert "margin" not in india.below and "service" not in india.below
    data = example()
    data["rows"] = [row("a", "A", 100, 100, 25, 20, 95)]
    assert run(data).flagged == []


def test_the_groups_own_targets_replace_the_methods_and_missing_ones_take_the_default():
    data = example()
    data["targets"] = {"margin": 30}
    result = run(data)
    assert cr.RollupInput.model_validate(data, context={"method": M}).targets == {
        "attainment": 100, "margin": 30, "share": 20, "service": 95}
    assert "margin" in next(c for c in result.countries if c.key == "us").below  # 28 < 30
    assert "margin" not in next(c for c in result.countries if c.key == "cn").below  # 30 is not below 30


def test_a_country_without_a_plan_has_no_attainment_and_is_not_flagged_for_it():
    data = example()
    data["rows"] = [row("a", "New market", 50, 0, 30, 40, 99), row("b", "B", 150, 100, 30, 40, 99)]
    result = run(data)
    assert result.countries[0].attainment is None and result.countries[0].below == []
    assert (result.totals.plan, result.totals.attainment) == (100, 200)  # all revenue over all plan


def test_a_share_of_zero_leaves_that_countrys_spend_out_of_the_share_of_wallet():
    data = example()
    data["rows"] = [row("a", "A", 0, 10, 0, 0, 90), row("b", "B", 200, 200, 20, 50, 100)]
    result = run(data)
    assert result.countries[0].wallet is None
    assert result.totals.share == pytest.approx(50)  # 200 of a spend of 400
    assert result.totals.service == pytest.approx(100)  # weighted by revenue: A sells nothing


def test_with_no_revenue_anywhere_the_weighted_totals_are_empty_not_a_division_by_zero():
    data = example()
    data["rows"] = [row("a", "A", 0, 10, 10, 10, 10)]
    totals = run(data).totals
    assert (totals.margin, totals.share, totals.service, totals.attainment) == (None, None, None, 0)


def test_a_row_missing_a_figure_is_a_draft_left_out_of_totals_and_exports():
    data = example()
    data["rows"].append({"key": "x", "country": "Japan", "revenue": 500})
    result = run(data)
    assert result.drafts == 1 and result.totals.revenue == 3000
    assert [r["key"] for r in TOOLS["country_rollup"].counted_data(data, M)["rows"]] == ["cn", "de", "us", "br", "in"]
    data["rows"] = data["rows"][-1:]
    assert TOOLS["country_rollup"].counted_data(data, M) is None


def test_a_country_listed_twice_is_named_and_both_rows_still_count():
    data = example()
    data["rows"].append(row("x", " china ", 100, 100, 30, 40, 97))
    result = run(data)
    assert result.duplicates == ["China", " china "[1:-1]] and result.totals.revenue == 3100


@pytest.mark.parametrize("field, value", [("share", 120), ("service", -1), ("margin", 101), ("revenue", -5),
                                          ("plan", float("inf"))])
def test_an_impossible_figure_is_refused(field, value):
    data = example()
    data["rows"][0][field] = value
    with pytest.raises(ValidationError):
        run(data)


# ---- the CSV import --------------------------------------------------------------------------------

def csv(text, encoding="utf-8"):
    return io.BytesIO(text.encode(encoding))


GOOD = "country,revenue,plan,margin,share of wallet,service level\nChina,1200,1000,30,40,97\nGermany,800,900,22,25,93\n"


def test_a_utf8_comma_separated_file_is_read_by_its_english_headers():
    imported = cr.read_countries(csv(GOOD), "countries.csv", M)
    assert (imported.encoding, imported.delimiter, imported.problems) == ("UTF-8", ",", [])
    assert [(r["country"], r["revenue"], r["plan"], r["margin"], r["share"], r["service"]) for r in imported.rows] == [
        ("China", 1200, 1000, 30, 40, 97), ("Germany", 800, 900, 22, 25, 93)]


def test_a_gbk_semicolon_file_with_chinese_headers_percent_signs_and_decimal_commas_is_read():
    text = ("国家;销售额（万元）;全球计划;毛利率;钱包份额;服务水平\n"
            "中国;1200;1000;30%;40%;97,5\n德国;800;900;22%;25%;93\n")
    imported = cr.read_countries(csv(text, "gbk"), "各国.csv", M)
    assert (imported.encoding, imported.delimiter) == ("GB18030", ";")
    assert [(r["country"], r["margin"], r["service"]) for r in imported.rows] == [("中国", 30, 97.5), ("德国", 22, 93)]


def test_a_tab_separated_file_with_a_bom_and_thousands_separators_is_read():
    text = ("\ufeffCountry\tRevenue\tPlan\tMargin %\tShare of wallet %\tService level %\n"
            "USA\t\"1,200\"\t1000\t30\t40\t97\n")
    imported = cr.read_countries(csv(text), "c.tsv", M)
    assert (imported.encoding, imported.delimiter) == ("UTF-8-BOM", "\t")
    assert imported.rows[0]["revenue"] == 1200


def test_bad_lines_are_left_out_with_their_line_number_and_reason_and_the_good_ones_kept():
    text = GOOD + ",5,5,5,5,5\nBrazil,lots,250,18,30,90\nIndia,100,200,25,150,95\nchina,1,1,1,1,1\nJapan,1,1,1,1,1\n"
    imported = cr.read_countries(csv(text), "c.csv", M)
    assert [r["country"] for r in imported.rows] == ["China", "Germany", "Japan"]
    assert [(line, key) for line, key, _ in imported.problems] == [
        (4, "l4b.rollup.import_no_country"), (5, "l4b.rollup.import_bad_amount"), (6, "l4b.rollup.import_bad_value"),
        (7, "l4b.rollup.import_repeated")]
    assert imported.lines(M, "en")[1] == "line 5: Brazil: 'Revenue' is not a number of 0 or more"
    assert imported.lines(M, "zh")[2] == "第 6 行：India：“钱包份额 %”不是 0 到 100 之间的数字"


def test_a_file_without_the_columns_is_refused_naming_what_is_missing_in_the_readers_language():
    with pytest.raises(cr.MissingColumns) as caught:
        cr.read_countries(csv("country,revenue\nChina,5\n"), "c.csv", M)
    assert isinstance(caught.value, MappingError) and caught.value.missing == ["plan", "margin", "share", "service"]
    assert "no column for: Global plan, Margin %, Share of wallet %, Service level %" in caught.value.in_words(M, "en")
    assert caught.value.in_words(M, "zh").startswith("文件缺少这些列：全球计划、毛利率 %、钱包份额 %、服务水平 %")


def test_a_file_with_no_usable_line_is_refused_and_carries_its_lines_and_reasons():
    with pytest.raises(cr.NothingToImport) as caught:
        cr.read_countries(csv("country,revenue,plan,margin,share,service\n,1,1,1,1,1\n"), "c.csv", M)
    assert caught.value.text("en").startswith("None of the file's 1 lines")
    assert caught.value.imported.lines(M, "en") == ["line 2: no country name"]


@pytest.mark.parametrize("raw", [b"\x81\x30\xff\xfe\x00\xd8" * 3, b"", b"   \n"])
def test_a_file_that_cannot_be_read_is_refused_as_screening_refuses_it(raw):
    with pytest.raises(UnreadableTable) as caught:
        cr.read_countries(io.BytesIO(raw), "c.csv", M)
    assert isinstance(caught.value, UserError) and caught.value.text("zh") != caught.value.text("en")


def test_a_file_with_more_countries_than_a_roll_up_takes_is_refused():
    text = "country,revenue,plan,margin,share,service\n" + "".join(f"C{n},1,1,1,1,1\n" for n in range(201))
    with pytest.raises(MappingError, match="import_too_many"):
        cr.read_countries(csv(text), "c.csv", M)


def test_importing_updates_countries_already_listed_by_name_and_adds_the_new_ones_at_the_end():
    data = example()
    imported = cr.read_countries(csv("country,revenue,plan,margin,share,service\nCHINA,1,2,3,4,5\nJapan,9,9,9,9,9\n"),
                                 "c.csv", M)
    rows = cr.merged(data, imported.rows)["rows"]
    assert rows[0] == row("cn", "China", 1, 2, 3, 4, 5)  # its key and its name as the group wrote it
    assert [r["country"] for r in rows] == ["China", "Germany", "United States", "Brazil", "India", "Japan"]
    assert data["rows"][0]["revenue"] == 1200  # the worksheet itself is not changed in place
    run({**data, "rows": rows})  # and the merged worksheet validates


@pytest.mark.parametrize("text, expected", [("1,234.5", 1234.5), ("12,5", 12.5), ("35%", 35), ("¥ 1 200", 1200),
                                            ("-3", -3), ("abc", None), ("", None), ("nan", None), ("1e400", None)])
def test_a_cell_is_read_as_a_number_the_ways_spreadsheets_write_them(text, expected):
    assert cr.number(text) == expected


# ---- the workbook --------------------------------------------------------------------------------

def test_the_sheets_gaps_totals_and_flags_are_formulas_that_recalculate_to_kamcores_numbers(workshops, tmp_path):
    workshop, _ = workshops.create("KAM", "en", "2468")
    north = workshops.join(workshop.code, "North")
    north.add_account(Account("acct-a", "Global Motors"))
    data = example()
    data["rows"][4]["plan"] = 0  # a country without a plan: no attainment
    north.save("country_rollup", cr.RollupInput.model_validate(data, context={"method": M}), 0, "acct-a")
    path = tmp_path / "north.xlsx"
    path.write_bytes(group_file(workshops.store, north, "xlsx", "en"))
    checked, wrong = recalculated(path)
    assert not wrong and checked == 5 * 5 + 10  # five formulas per country, ten totals
    sheet = openpyxl.load_workbook(path, data_only=True).worksheets[1]
    values = [[c.value for c in r] for r in sheet.iter_rows()]
    total = next(r for r in values if r[0] == "Total")
    assert total[1:3] == [3000, 2850] and total[-1] == 4  # India still misses its share of wallet


def test_the_tables_rows_become_countries_with_empty_cells_as_no_figure_and_empty_rows_dropped():
    data = cr.from_table(cr.blank_input(M), [
        {"key": "a", "country": " China ", "revenue": 5.0, "plan": float("nan")},
        {"country": None, "revenue": None}, {"country": "Japan"}])
    assert [r["country"] for r in data["rows"]] == ["China", "Japan"]
    assert data["rows"][0] == row("a", "China", 5.0, None, None, None, None)
    assert data["rows"][1]["key"] and data["rows"][1]["revenue"] is None


# ---- projector and slide -------------------------------------------------------------------------

def entry(group="North", lang="en"):
    from kamcore.tool import Entry

    data = TOOLS["country_rollup"].counted_data(example(lang), M)
    return Entry(group, "Global Motors", data, TOOLS["country_rollup"].run(data, M))


def test_the_slide_states_attainment_and_the_countries_below_target_with_bars_of_revenue_against_plan():
    slide = TOOLS["country_rollup"].slide(entry(), M, "en")
    assert slide.title == "Country roll-up for Global Motors: 98.4% of plan, 4 of 5 countries below target"
    categories, series = slide.bars
    assert categories[0] == "China" and series == {"Revenue": [1200, 800, 600, 300, 100],
                                                   "Global plan": [1000, 900, 700, 250, 200]}
    assert slide.actions[0] == "Close the gap in Germany: Plan attainment, Margin %, Service level %"


def test_the_projector_lists_every_groups_countries_below_target_and_ranks_groups_by_attainment():
    record = TOOLS["country_rollup"]
    found = [entry("North"), entry("South", "zh")]
    (table,) = record.tables(found, M, "zh")
    assert [r["国家"] for r in table.rows][:5] == ["Germany", "United States", "Brazil", "India", "德国"]
    assert table.flag == "低于目标的指标" and table.rows[0]["低于目标的指标"] == "计划完成率、毛利率 %、服务水平 %"
    assert list(record.figure(found, M, "en").data[0].y) == [98.4, 98.4]
