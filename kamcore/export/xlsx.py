"""Excel workbooks: one sheet per tool with the group's inputs and live formulas for every computed
score, each formula carrying kamcore's value as its cached result (every viewer shows the right
number before recalculating), the course's cut-offs in cells, and native Excel charts.

Typed text is always written as text: the workbook is opened with strings_to_formulas off, and
text goes through write_string, so a group named '=HYPERLINK(…)' stays a harmless string."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell as cell
from xlsxwriter.worksheet import Worksheet

from kamcore.compare import Entry, summary
from kamcore.i18n import t
from kamcore.methods import competition as comp
from kamcore.methods import partnership as ps
from kamcore.methods import purchasing_portfolio as pp
from kamcore.methods import selection as sel
from kamcore.methods import value_proposition as vp
from kamcore.methods.common import Criterion, MatrixSpec, criterion_name

FONT = "Microsoft YaHei"


class Book:
    """A workbook being written, with the few formats every sheet uses."""

    def __init__(self):
        self.buffer = io.BytesIO()
        self.wb = xlsxwriter.Workbook(self.buffer, {"strings_to_formulas": False, "strings_to_urls": False,
                                                    "in_memory": True})
        base = {"font_name": FONT, "font_size": 10}
        self.title = self.wb.add_format({**base, "bold": True, "font_size": 14})
        self.head = self.wb.add_format({**base, "bold": True, "bg_color": "#DDEBF7", "border": 1})
        self.text = self.wb.add_format({**base, "text_wrap": True, "valign": "top"})
        self.number = self.wb.add_format({**base, "num_format": "0.00"})
        self.calc = self.wb.add_format({**base, "num_format": "0.00", "bg_color": "#FFF2CC"})
        self.calc_text = self.wb.add_format({**base, "bg_color": "#FFF2CC"})
        self.names: set[str] = set()

    def sheet(self, name: str) -> Worksheet:
        """A new sheet with a legal, unique name (31 characters, no []:*?/\\)."""
        clean = "".join("_" if ch in "[]:*?/\\" else ch for ch in name)[:31] or "Sheet"
        candidate, n = clean, 2
        while candidate.lower() in self.names:
            candidate = f"{clean[:28]}~{n}"
            n += 1
        self.names.add(candidate.lower())
        sheet = self.wb.add_worksheet(candidate)
        sheet.set_column(0, 0, 28)
        sheet.set_column(1, 30, 13)
        return sheet

    def put(self, sheet: Worksheet, row: int, col: int, value: Any, fmt=None) -> None:
        """A value as itself: text always as text (never a formula), numbers as numbers."""
        if value is None or value == "":
            sheet.write_blank(row, col, None, fmt or self.text)
        elif isinstance(value, bool):
            sheet.write_boolean(row, col, value, fmt)
        elif isinstance(value, int | float):
            sheet.write_number(row, col, value, fmt or self.number)
        else:
            sheet.write_string(row, col, str(value), fmt or self.text)

    def formula(self, sheet: Worksheet, row: int, col: int, formula: str, value: Any) -> None:
        fmt = self.calc if isinstance(value, int | float) and not isinstance(value, bool) else self.calc_text
        sheet.write_formula(row, col, formula, fmt, value)

    def table(self, sheet: Worksheet, row: int, headers: list[str], rows: list[list[Any]]) -> int:
        """Headers and value rows from `row`; returns the row after the table."""
        for col, header in enumerate(headers):
            sheet.write_string(row, col, header, self.head)
        for r, values in enumerate(rows, start=row + 1):
            for col, value in enumerate(values):
                self.put(sheet, r, col, value)
        return row + 1 + len(rows)

    def close(self) -> bytes:
        self.wb.close()
        return self.buffer.getvalue()


def _q(text: str) -> str:
    """A text as an Excel string literal."""
    return '"' + text.replace('"', '""') + '"'


def _weighted(weight_cells: list[str], score_cells: list[str]) -> str:
    return "(" + "+".join(f"{w}*{s}" for w, s in zip(weight_cells, score_cells, strict=True)) + ")/100"


def _bands_formula(value: str, bands: list[tuple[str, str]], last: str) -> str:
    """Nested IF over (cut-off cell, label) highest first, then the catch-all label."""
    formula = _q(last)
    for cut, label in reversed(bands):
        formula = f"IF({value}>={cut},{_q(label)},{formula})"
    return formula


def _quadrant_formula(x: str, y: str, x_cut: str, y_cut: str, spec: MatrixSpec, lang: str) -> str:
    label = lambda cell_id: _q(spec.category(spec.cells[cell_id]).label(lang))  # noqa: E731
    return (f"IF({x}>={x_cut},IF({y}>={y_cut},{label('high_high')},{label('high_low')}),"
            f"IF({y}>={y_cut},{label('low_high')},{label('low_low')}))")


def _name(criterion: dict[str, Any], specs: list[Any], lang: str) -> str:
    return criterion_name(Criterion.model_validate(criterion), specs, lang)


# ---- one sheet per tool ---------------------------------------------------------------------------

def selection_sheet(book: Book, sheet: Worksheet, e: Entry, m: sel.SelectionMethod, lang: str) -> None:
    data, result = e.data, e.result
    sheet.write_string(0, 0, f"{m.title(lang)} · {e.group}", book.title)
    # the course's numbers, in cells the formulas read
    cuts = [(b, f"{t(lang, 'selection.band')}: {b.label(lang)} ≥") for b in m.bands if b.min is not None]
    params = [*cuts, ("x_cut", t(lang, "xlsx.strength_cut")), ("y_cut", t(lang, "xlsx.attractiveness_cut")),
              ("v_cut", t(lang, "xlsx.vulnerability_cut"))]
    values = [b.min for b, _ in cuts] + [m.portfolio.x_cut, m.portfolio.y_cut, m.vulnerability_matrix.x_cut]
    row = 2
    param_cell = {}
    for (key, label), value in zip(params, values, strict=True):
        book.put(sheet, row, 0, label)
        book.put(sheet, row, 1, value)
        param_cell[key.id if hasattr(key, "id") else key] = cell(row, 1, True, True)
        row += 1
    row += 1
    weights: dict[str, list[str]] = {}
    for dimension in sel.DIMENSIONS:
        specs = getattr(m, dimension)
        criteria = data[dimension]
        book.table(sheet, row, [t(lang, f"selection.{dimension}"), t(lang, "criteria.weight")],
                   [[_name(c, specs, lang), c["weight"]] for c in criteria])
        weights[dimension] = [cell(row + 1 + i, 1, True, True) for i in range(len(criteria))]
        row += len(criteria) + 2
    # the accounts: inputs, then the computed columns
    attr_ids = [c["id"] for c in data["attractiveness_criteria"]]
    csf_ids = [c["id"] for c in data["strength_factors"]]
    vul_ids = [c["id"] for c in data["vulnerability_factors"]]
    headers = [t(lang, "selection.account"), t(lang, "selection.revenue"),
               *[_name(c, m.attractiveness_criteria, lang) for c in data["attractiveness_criteria"]],
               *[f"{t(lang, 'selection.us')}: {_name(c, m.strength_factors, lang)}" for c in data["strength_factors"]],
               *[f"{t(lang, 'selection.best_competitor')}: {_name(c, m.strength_factors, lang)}"
                 for c in data["strength_factors"]],
               *[_name(c, m.vulnerability_factors, lang) for c in data["vulnerability_factors"]],
               t(lang, "selection.attractiveness"), t(lang, "selection.band"), t(lang, "selection.strength"),
               t(lang, "xlsx.competitor_strength"), t(lang, "selection.ratio"), t(lang, "selection.vulnerability"),
               t(lang, "selection.portfolio_matrix"), t(lang, "selection.vulnerability_matrix")]
    header_row = row
    inputs = []
    for a in data["accounts"]:
        csf = a["strength_route"] == "csf"
        inputs.append([a["name"], a.get("revenue", 0), *[a["attractiveness"][i] for i in attr_ids],
                       *[a["csf_us"].get(i) if csf else None for i in csf_ids],
                       *[a["csf_competitor"].get(i) if csf else None for i in csf_ids],
                       *[a["vulnerability"][i] for i in vul_ids]])
    book.table(sheet, header_row, headers, inputs)
    first_calc = len(inputs[0])
    gate = m.gate
    for n, (a, r) in enumerate(zip(data["accounts"], result.accounts, strict=True)):
        at = header_row + 1 + n
        col = lambda offset, at=at: cell(at, offset)  # noqa: E731
        attr = [col(2 + i) for i in range(len(attr_ids))]
        us = [col(2 + len(attr_ids) + i) for i in range(len(csf_ids))]
        them = [col(2 + len(attr_ids) + len(csf_ids) + i) for i in range(len(csf_ids))]
        vul = [col(2 + len(attr_ids) + 2 * len(csf_ids) + i) for i in range(len(vul_ids))]
        c_attr, c_band, c_str, c_comp, c_ratio, c_vul, c_port, c_risk = (col(first_calc + i) for i in range(8))
        book.formula(sheet, at, first_calc, "=" + _weighted(weights["attractiveness_criteria"], attr), r.attractiveness)
        band_cuts = [(param_cell[b.id], b.label(lang)) for b in sorted((b for b in m.bands if b.min is not None),
                                                                        key=lambda b: -b.min)]
        band = _bands_formula(c_attr, band_cuts, next(b.label(lang) for b in m.bands if b.min is None))
        if gate and gate.criterion in attr_ids:
            gate_cell = attr[attr_ids.index(gate.criterion)]
            band = f'IF(AND({gate_cell}<{gate.min_score},{c_attr}>={param_cell[_above(m, gate.cap_band)]}),' \
                   f'{_q(m.band(gate.cap_band).label(lang))},{band})' if _above(m, gate.cap_band) else band
        book.formula(sheet, at, first_calc + 1, "=" + band, m.band(r.band).label(lang))
        if a["strength_route"] == "csf":
            book.formula(sheet, at, first_calc + 2, "=" + _weighted(weights["strength_factors"], us), r.strength)
            book.formula(sheet, at, first_calc + 3, "=" + _weighted(weights["strength_factors"], them),
                         r.competitor_strength)
            book.formula(sheet, at, first_calc + 4, f'=IF({c_comp}>0,{c_str}/{c_comp},"")', r.strength_ratio)
        else:  # the quick route: the relationship stage's score
            book.put(sheet, at, first_calc + 2, r.strength, book.number)
            book.put(sheet, at, first_calc + 3, f"{t(lang, 'selection.stage')}: {m.stage(a['stage']).label(lang)}")
        book.formula(sheet, at, first_calc + 5, "=" + _weighted(weights["vulnerability_factors"], vul), r.vulnerability)
        book.formula(sheet, at, first_calc + 6, "=" + _quadrant_formula(
            c_str, c_attr, param_cell["x_cut"], param_cell["y_cut"], m.portfolio, lang),
            m.portfolio.category(r.portfolio).label(lang))
        book.formula(sheet, at, first_calc + 7, "=" + _quadrant_formula(
            c_vul, c_attr, param_cell["v_cut"], param_cell["y_cut"], m.vulnerability_matrix, lang),
            m.vulnerability_matrix.category(r.vulnerability_quadrant).label(lang))
    _scatter(book, sheet, sheet.name, [(a["name"], header_row + 1 + n) for n, a in enumerate(data["accounts"])],
             first_calc + 2, first_calc, t(lang, "selection.portfolio_matrix"), t(lang, "selection.strength"),
             t(lang, "selection.attractiveness"), (m.strength_scale.min, m.strength_scale.max),
             (m.attractiveness_scale.min, m.attractiveness_scale.max), cell(header_row + len(inputs) + 2, 0))


def _above(m: sel.SelectionMethod, cap: str) -> str | None:
    """The band just above `cap` (the lowest cut-off an account must reach to be capped)."""
    higher = [b for b in m.bands if b.min is not None and b.min > (m.band(cap).min or float("-inf"))]
    return min(higher, key=lambda b: b.min).id if higher else None


def _scatter(book: Book, sheet: Worksheet, name: str, points: list[tuple[str, int]], x_col: int, y_col: int,
             title: str, x_title: str, y_title: str, x_range, y_range, anchor: str) -> None:
    """A native XY chart: one series per point, so each carries its name in the legend and label."""
    chart = book.wb.add_chart({"type": "scatter"})
    for label, row in points:
        chart.add_series({"categories": [name, row, x_col, row, x_col], "values": [name, row, y_col, row, y_col],
                          "marker": {"type": "circle", "size": 10}, "data_labels": {"series_name": True}})
        literal_series_name(chart, label)
    chart.set_title({"name": title, "name_font": {"name": FONT}})
    chart.set_x_axis({"name": x_title, "min": x_range[0], "max": x_range[1], "name_font": {"name": FONT}})
    chart.set_y_axis({"name": y_title, "min": y_range[0], "max": y_range[1], "name_font": {"name": FONT}})
    chart.set_legend({"position": "bottom", "font": {"name": FONT}})
    chart.set_size({"width": 620, "height": 420})
    sheet.insert_chart(anchor, chart)


def literal_series_name(chart: Any, text: str) -> None:
    """Name the chart's last series with typed text as a literal string. xlsxwriter reads a name that
    looks like `x!A1` as a formula reference (`+cmd|' /C calc'!A0` would be one), so the name is set
    after add_series, past that guess."""
    chart.series[-1]["name"], chart.series[-1]["name_formula"] = text, None


def value_proposition_sheet(book: Book, sheet: Worksheet, e: Entry, m: vp.ValuePropositionMethod, lang: str) -> None:
    data, result = e.data, e.result
    sheet.write_string(0, 0, f"{m.title(lang)} · {e.group} · {e.account}", book.title)
    # units and what each is worth per year
    book.table(sheet, 2, [t(lang, "vp.field.unit"), t(lang, "xlsx.per_year")],
               [[u.label(lang), u.money_per_year] for u in m.units])
    units = f"$A$4:$B${3 + len(m.units)}"
    row = 4 + len(m.units) + 1
    ranges: dict[str, tuple[int, int]] = {}  # quadrant → first and last item row
    checks: dict[str, int] = {}  # computed column per quadrant
    for quadrant in vp.QUADRANTS:
        items = data.get(quadrant, [])
        fields = {"q1": ["statement", "value_type", "metric", "number", "unit", "basis"],
                  "q2": ["measure", "by_whom", "frequency"], "q3": ["commitment", "amount", "duration"],
                  "q4": ["kpi", "frequency", "owner_us", "owner_customer"]}[quadrant]
        sheet.write_string(row, 0, m.quadrant(quadrant).title(lang), book.title)
        extra = ([t(lang, "xlsx.quantified"), t(lang, "vp.yearly_value")] if quadrant == "q1"
                 else [t(lang, "xlsx.complete")])
        rows = []
        for item in items:
            values = [item.get(f, "") for f in fields]
            if quadrant == "q1":
                values[1] = m.value_type(item["value_type"]).label(lang)
                unit = m.unit(item.get("unit", ""))
                values[4] = unit.label(lang) if unit else item.get("unit", "")
            rows.append(values)
        book.table(sheet, row + 1, [t(lang, f"vp.field.{f}") for f in fields] + extra, rows)
        first, last = row + 2, row + 1 + len(items)
        ranges[quadrant] = (first, last)
        checks[quadrant] = len(fields)
        for r in range(first, last + 1):
            cells = [cell(r, c) for c in range(len(fields))]
            item = items[r - first]
            if quadrant == "q1":
                quantified = item.get("number") is not None and bool(item.get("unit"))
                book.formula(sheet, r, len(fields), f'=AND({cells[3]}<>"",{cells[4]}<>"")', quantified)
                unit = m.unit(item["unit"]) if quantified else None
                money = item["number"] * unit.money_per_year if unit else 0
                book.formula(sheet, r, len(fields) + 1,
                             f'=IF({cell(r, len(fields))},{cells[3]}*IFERROR(VLOOKUP({cells[4]},{units},2,FALSE),0),0)',
                             money)
            else:
                book.formula(sheet, r, len(fields), "=AND(" + ",".join(f'{c}<>""' for c in cells) + ")",
                             all(item.get(f) for f in fields))
        row = last + 2
    # the score: every rule's share met × its points
    book.table(sheet, row, [t(lang, "vp.rule"), t(lang, "vp.points"), t(lang, "vp.met"), t(lang, "xlsx.earned")], [])
    col = lambda q, c: f"{cell(ranges[q][0], c)}:{cell(ranges[q][1], c)}"  # noqa: E731
    count = lambda q: ranges[q][1] - ranges[q][0] + 1  # noqa: E731
    share = {
        "q1_quantified": lambda: f"COUNTIF({col('q1', 6)},TRUE)/{count('q1')}" if count("q1") else "0",
        "q1_basis": lambda: f"COUNTA({col('q1', 5)})/{count('q1')}" if count("q1") else "0",
        "q2_concrete": lambda: f"COUNTIF({col('q2', 3)},TRUE)/{count('q2')}" if count("q2") else "0",
        "q3_present": lambda: "1" if count("q3") else "0",
        "q3_measurable": lambda: f"COUNTIF({col('q3', 3)},TRUE)/{count('q3')}" if count("q3") else "0",
        "q4_trackable": lambda: f"COUNTIF({col('q4', 4)},TRUE)/{count('q4')}" if count("q4") else "0",
        "has_psychological": lambda: "1" if count("q2") else "0",
        "has_economic_money": lambda: f"IF(SUM({col('q1', 7)})>0,1,0)" if count("q1") else "0",
    }
    outcomes = {o.rule: o for o in result.rules}
    for n, rule in enumerate(m.rules, start=row + 1):
        book.put(sheet, n, 0, rule.label(lang))
        book.put(sheet, n, 1, rule.points)
        book.formula(sheet, n, 2, "=" + share[rule.id](), outcomes[rule.id].satisfied)
        book.formula(sheet, n, 3, f"={cell(n, 1)}*{cell(n, 2)}", outcomes[rule.id].earned)
    last_rule = row + len(m.rules)
    total = row + len(m.rules) + 1
    book.put(sheet, total, 0, t(lang, "vp.score"))
    book.formula(sheet, total, 3, f"=100*SUM({cell(row + 1, 3)}:{cell(last_rule, 3)})/SUM({cell(row + 1, 1)}:"
                                  f"{cell(last_rule, 1)})", result.score)
    book.put(sheet, total + 1, 0, t(lang, "vp.yearly_value"))
    book.formula(sheet, total + 1, 3, f"=SUM({col('q1', 7)})" if count("q1") else "=0", result.yearly_economic_value)
    chart = book.wb.add_chart({"type": "column"})
    mix_row = total + 3
    book.table(sheet, mix_row, [t(lang, "vp.mix_title"), ""],
               [[t(lang, f"vp.mix.{k}"), v] for k, v in result.mix.items()])
    chart.add_series({"name": t(lang, "vp.mix_title"), "categories": [sheet.name, mix_row + 1, 0, mix_row + 4, 0],
                      "values": [sheet.name, mix_row + 1, 1, mix_row + 4, 1], "data_labels": {"value": True}})
    chart.set_title({"name": t(lang, "vp.mix_title"), "name_font": {"name": FONT}})
    chart.set_legend({"none": True})
    sheet.insert_chart(cell(mix_row, 3), chart)


def competition_sheet(book: Book, sheet: Worksheet, e: Entry, m: comp.CompetitionMethod, lang: str) -> None:
    data, result = e.data, e.result
    sheet.write_string(0, 0, f"{m.title(lang)} · {e.group} · {e.account}", book.title)
    book.put(sheet, 2, 0, t(lang, "xlsx.priority_threshold"))
    book.put(sheet, 2, 1, m.priority_threat)
    threshold = "$B$3"
    types = {c.id: c.label(lang) for c in m.competitor_types}
    row = 4
    book.table(sheet, row, [t(lang, "comp.type"), t(lang, "comp.player"), t(lang, "comp.likelihood"),
                            t(lang, "comp.impact"), t(lang, "comp.threat"), t(lang, "comp.priority")],
               [[types[x["type"]], x["player"], x["likelihood"], x["impact"]] for x in data["threats"]])
    scored = {(x.player, x.type): x for x in result.threats}
    for n, x in enumerate(data["threats"], start=row + 1):
        threat = scored[(x["player"], x["type"])]
        book.formula(sheet, n, 4, f"={cell(n, 2)}*{cell(n, 3)}", threat.score)
        book.formula(sheet, n, 5, f'=IF({cell(n, 4)}>={threshold},{_q(t(lang, "comp.priority"))},"")',
                     t(lang, "comp.priority") if threat.priority else "")
    row += len(data["threats"]) + 2
    suppliers = [comp.US, *(c["key"] for c in data["competitors"])]
    names = {comp.US: data.get("us_name") or t(lang, "comp.us"), **{c["key"]: c["name"] for c in data["competitors"]}}
    header = row
    book.table(sheet, header, [t(lang, "comp.benefit"), t(lang, "criteria.weight"), *[names[k] for k in suppliers],
                               t(lang, "xlsx.best_rival_rating"), t(lang, "comp.gap"), t(lang, "comp.our_benefit_rank"),
                               t(lang, "comp.class")],
               [[_name(b, m.benefits, lang), b["weight"], *[data["ratings"][k][b["id"]] for k in suppliers]]
                for b in data["benefits"]])
    first, last = header + 1, header + len(data["benefits"])
    weights = f"{cell(first, 1, True, True)}:{cell(last, 1, True, True)}"
    n_sup = len(suppliers)
    for r, b in zip(range(first, last + 1), result.benefits, strict=True):
        ours = cell(r, 2)
        rivals = f"{cell(r, 3)}:{cell(r, 1 + n_sup)}" if n_sup > 1 else None
        best, gap = cell(r, 2 + n_sup), cell(r, 3 + n_sup)
        if rivals:
            book.formula(sheet, r, 2 + n_sup, f"=MAX({rivals})", b.best_competitor_rating)
            book.formula(sheet, r, 3 + n_sup, f"={ours}-{best}", b.gap)
            book.formula(sheet, r, 4 + n_sup, f'=1+COUNTIF({rivals},">"&{ours})', b.our_rank)
        else:
            book.put(sheet, r, 4 + n_sup, 1)
        high = f"{cell(r, 1)}>=AVERAGE({weights})"
        label = lambda c: _q(m.category(c).label(lang))  # noqa: E731
        formula = (f"IF({gap}=0,{label('parity')},IF({gap}>0,"
                   f"IF({high},{label('differential_advantage')},{label('over_investment')}),"
                   f"IF({high},{label('vulnerability')},{label('minor_weakness')})))")
        book.formula(sheet, r, 5 + n_sup, "=" + formula if rivals else f"={label('parity')}",
                     m.category(b.classification).label(lang))
    row = last + 2
    book.table(sheet, row, [t(lang, "comp.supplier"), t(lang, "comp.weighted"), t(lang, "selection.rank")], [])
    scores = {s.key: s for s in result.suppliers}
    score_range = f"{cell(row + 1, 1, True, True)}:{cell(row + n_sup, 1, True, True)}"
    for n, key in enumerate(suppliers, start=row + 1):
        column = 2 + suppliers.index(key)
        book.put(sheet, n, 0, names[key])
        book.formula(sheet, n, 1, f"=SUMPRODUCT({weights},{cell(first, column)}:{cell(last, column)})/100",
                     scores[key].score)
        book.formula(sheet, n, 2, f"=RANK({cell(n, 1)},{score_range})", scores[key].rank)
    chart = book.wb.add_chart({"type": "bar"})
    chart.add_series({"name": t(lang, "comp.weighted"), "categories": [sheet.name, row + 1, 0, row + n_sup, 0],
                      "values": [sheet.name, row + 1, 1, row + n_sup, 1], "data_labels": {"value": True}})
    chart.set_title({"name": t(lang, "comp.weighted"), "name_font": {"name": FONT}})
    chart.set_legend({"none": True})
    sheet.insert_chart(cell(row + n_sup + 2, 0), chart)


def partnership_sheet(book: Book, sheet: Worksheet, e: Entry, m: ps.PartnershipMethod, lang: str) -> None:
    data, r = e.data, e.result
    sheet.write_string(0, 0, f"{m.title(lang)} · {e.group} · {e.account}", book.title)
    book.table(sheet, 2, [t(lang, "ps.drivers"), t(lang, "ps.side_us"), t(lang, "ps.side_customer")],
               [[d.name(lang), data["drivers_us"][d.id], data["drivers_customer"][d.id]] for d in m.drivers])
    first, last = 3, 2 + len(m.drivers)
    total = last + 1
    book.put(sheet, total, 0, t(lang, "xlsx.total"))
    book.formula(sheet, total, 1, f"=SUM({cell(first, 1)}:{cell(last, 1)})", r.drivers_us)
    book.formula(sheet, total, 2, f"=SUM({cell(first, 2)}:{cell(last, 2)})", r.drivers_customer)
    decision = total + 1
    book.put(sheet, decision, 0, t(lang, "ps.drivers_decision"))
    rule = "MIN" if m.decision_rule == "lower" else "AVERAGE"
    book.formula(sheet, decision, 1, f"={rule}({cell(total, 1)},{cell(total, 2)})", r.drivers)
    row = decision + 2
    book.table(sheet, row, [t(lang, "ps.facilitators"), t(lang, "comp.rating")],
               [[f.name(lang), data["facilitators"][f.id]] for f in m.facilitators] +
               [[f"+ {f.name(lang)}", m.bonus_points if f.id in data["bonus"] else 0] for f in m.bonus_facilitators])
    f_total = row + 1 + len(m.facilitators) + len(m.bonus_facilitators)
    book.put(sheet, f_total, 0, t(lang, "xlsx.total"))
    book.formula(sheet, f_total, 1, f"=SUM({cell(row + 1, 1)}:{cell(f_total - 1, 1)})", r.facilitators)
    # bands and the matrix, as cells
    row = f_total + 2
    bands = sorted(m.bands, key=lambda b: b.min if b.min is not None else float("-inf"))
    book.table(sheet, row, [t(lang, "xlsx.band"), t(lang, "xlsx.from")],
               [[b.id, b.min if b.min is not None else -1000] for b in bands])
    band_rows = f"{cell(row + 1, 0, True, True)}:{cell(row + len(bands), 0, True, True)}"
    band_mins = f"{cell(row + 1, 1, True, True)}:{cell(row + len(bands), 1, True, True)}"
    row += len(bands) + 2
    ids = [b.id for b in bands]
    book.table(sheet, row, [t(lang, "xlsx.matrix"), *ids], [[d, *[m.outcome(m.matrix[d][f]).label(lang)
                                                                     for f in ids]] for d in ids])
    matrix = f"{cell(row + 1, 1, True, True)}:{cell(row + len(ids), len(ids), True, True)}"
    row += len(ids) + 2
    lookup = lambda value: f"INDEX({band_rows},MATCH({value},{band_mins},1))"  # noqa: E731
    book.put(sheet, row, 0, t(lang, "xlsx.driver_band"))
    book.formula(sheet, row, 1, "=" + lookup(cell(decision, 1)), r.driver_band)
    book.put(sheet, row + 1, 0, t(lang, "xlsx.facilitator_band"))
    book.formula(sheet, row + 1, 1, "=" + lookup(cell(f_total, 1)), r.facilitator_band)
    book.put(sheet, row + 2, 0, t(lang, "ps.verdict"))
    book.formula(sheet, row + 2, 1, f"=INDEX({matrix},MATCH({cell(row, 1)},{band_rows},0),"
                                    f"MATCH({cell(row + 1, 1)},{band_rows},0))", m.outcome(r.verdict).label(lang))
    chart = book.wb.add_chart({"type": "column"})
    for col, side in ((1, t(lang, "ps.side_us")), (2, t(lang, "ps.side_customer"))):
        chart.add_series({"name": side, "categories": [sheet.name, first, 0, last, 0],
                          "values": [sheet.name, first, col, last, col]})
    chart.set_title({"name": t(lang, "ps.drivers"), "name_font": {"name": FONT}})
    sheet.insert_chart("E3", chart)


def purchasing_sheet(book: Book, sheet: Worksheet, e: Entry, m: pp.PurchasingMethod, lang: str) -> None:
    data, result = e.data, e.result
    sheet.write_string(0, 0, f"{m.title(lang)} · {e.group} · {e.account}", book.title)
    book.put(sheet, 2, 0, t(lang, "xlsx.risk_cut"))
    book.put(sheet, 2, 1, m.kraljic.x_cut)
    book.put(sheet, 3, 0, t(lang, "xlsx.impact_cut"))
    book.put(sheet, 3, 1, m.kraljic.y_cut)
    row = 5
    weights = {}
    for axis in ("profit_factors", "risk_factors"):
        factors = data[axis]
        book.table(sheet, row, [t(lang, f"pp.{axis}"), t(lang, "criteria.weight")],
                   [[_name(f, getattr(m, axis), lang), f["weight"]] for f in factors])
        weights[axis] = [cell(row + 1 + i, 1, True, True) for i in range(len(factors))]
        row += len(factors) + 2
    profit_ids = [f["id"] for f in data["profit_factors"]]
    risk_ids = [f["id"] for f in data["risk_factors"]]
    header = row
    book.table(sheet, header, [t(lang, "pp.item"), t(lang, "pp.ours"),
                               *[_name(f, m.profit_factors, lang) for f in data["profit_factors"]],
                               *[_name(f, m.risk_factors, lang) for f in data["risk_factors"]],
                               t(lang, "pp.profit_impact"), t(lang, "pp.supply_risk"), t(lang, "pp.quadrant")],
               [[i["name"], "★" if i["ours"] else "", *[i["profit"][k] for k in profit_ids],
                 *[i["risk"][k] for k in risk_ids]] for i in data["items"]])
    calc = 2 + len(profit_ids) + len(risk_ids)
    for n, item in enumerate(result.items, start=header + 1):
        profit = [cell(n, 2 + i) for i in range(len(profit_ids))]
        risk = [cell(n, 2 + len(profit_ids) + i) for i in range(len(risk_ids))]
        book.formula(sheet, n, calc, "=" + _weighted(weights["profit_factors"], profit), item.profit_impact)
        book.formula(sheet, n, calc + 1, "=" + _weighted(weights["risk_factors"], risk), item.supply_risk)
        book.formula(sheet, n, calc + 2, "=" + _quadrant_formula(cell(n, calc + 1), cell(n, calc), "$B$3", "$B$4",
                                                                 m.kraljic, lang),
                     m.kraljic.category(item.quadrant).label(lang))
    _scatter(book, sheet, sheet.name, [(i["name"], header + 1 + n) for n, i in enumerate(data["items"])],
             calc + 1, calc, t(lang, "pp.kraljic_title"), t(lang, "pp.supply_risk"), t(lang, "pp.profit_impact"),
             (m.scale.min, m.scale.max), (m.scale.min, m.scale.max), cell(header + len(data["items"]) + 2, 0))


SHEETS: dict[str, Callable[[Book, Worksheet, Entry, Any, str], None]] = {
    "selection": selection_sheet, "value_proposition": value_proposition_sheet, "competition": competition_sheet,
    "partnership": partnership_sheet, "purchasing_portfolio": purchasing_sheet,
}


def group_workbook(entries_by_tool: dict[str, list[Entry]], methods: dict[str, Any], lang: str,
                   prefix: str = "") -> bytes:
    """One group's workbook: a sheet per tool and account it has work in."""
    book = Book()
    add_group_sheets(book, entries_by_tool, methods, lang, prefix)
    return book.close()


def add_group_sheets(book: Book, entries_by_tool: dict[str, list[Entry]], methods: dict[str, Any], lang: str,
                     prefix: str = "") -> None:
    for tool_id, found in entries_by_tool.items():
        for e in found:
            label = t(lang, f"xlsx.short.{tool_id}") + (f" {e.account}" if e.account else "")
            SHEETS[tool_id](book, book.sheet(f"{prefix}{label}"), e, methods[tool_id], lang)


def workshop_workbook(title: str, by_group: dict[Any, dict[str, list[Entry]]], methods: dict[str, Any],
                      lang: str) -> bytes:
    """The whole workshop: a comparison sheet per tool, then each group's appendix."""
    book = Book()
    for tool_id in SHEETS:
        found = [e for tools in by_group.values() for e in tools.get(tool_id, [])]
        sheet = book.sheet(t(lang, "xlsx.compare") + " " + t(lang, f"xlsx.short.{tool_id}"))
        sheet.write_string(0, 0, f"{title} · {t(lang, f'nav.{tool_id}')}", book.title)
        rows = summary(tool_id, found, methods[tool_id], lang)
        if rows:
            book.table(sheet, 2, list(rows[0]), [list(r.values()) for r in rows])
    for n, tools in enumerate(by_group.values(), start=1):
        add_group_sheets(book, tools, methods, lang, prefix=f"G{n} ")
    return book.close()
