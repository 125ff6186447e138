"""The selection page's panels: the accounts table, the scoring form, the criteria tables, results."""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from pydantic import ValidationError

from kamcore.charts import Axis, Point, matrix_figure
from kamcore.i18n import explain, t
from kamcore.methods import selection as sel
from kamcore.methods.common import NAME_CHARS, AccountName, Criterion, criterion_name, formula
from kamcore.methods.selection import new_key
from kamcore.names import name_key
from kamcore.screening import (
    DELIMITER_NAMES,
    Mapping,
    MappingError,
    guess_mapping,
    read_upload,
    screen,
    to_csv_bytes,
    to_xlsx_bytes,
)
from kamcore.store import Account
from kamcore.workshop import WorkshopError
from ui.components import (
    anchors_caption,
    apply_delta,
    bound_slider,
    charts_side_by_side,
    not_scored,
    score_input,
    tool_figures,
    verdict,
    weights_form,
)
from ui.layout import column_switch, shown_columns, wide_dataframe
from ui.live import group_accounts
from ui.session import Context
from ui.text import plain, show_error
from ui.uploads import file_uploader
from ui.worksheet import WorksheetEditor


def accounts_table(ctx: Context, ws: WorksheetEditor, m: sel.SelectionMethod, lang: str) -> None:
    """The group's accounts: add, rename or remove one here and every tool shows it."""
    routes = {"csf": t(lang, "selection.route_csf"), "stage": t(lang, "selection.route_stage")}
    columns = {
        "key": None,
        "name": st.column_config.TextColumn(t(lang, "selection.account"), max_chars=NAME_CHARS),
        "revenue": st.column_config.NumberColumn(t(lang, "selection.revenue"), min_value=0, format="localized",
                                                 default=0),
        "strength_route": st.column_config.SelectboxColumn(
            t(lang, "selection.route"), options=list(routes), format_func=routes.get, default="csf"),
    }
    rows = [{k: a.get(k) for k in columns} for a in ws.data["accounts"]]
    key = ws.table_key("accounts")
    base = ws.table_base(key, rows)
    shown = shown_columns("selection.accounts", lang, columns, main=["name", "revenue"])  # long names need room
    st.data_editor(pd.DataFrame(base, columns=list(columns)), key=key, column_config=shown,
                   column_order=[c for c, cfg in shown.items() if cfg is not None], disabled=ws.disabled,
                   num_rows="fixed" if ws.disabled else "dynamic", hide_index=True, width="stretch", placeholder="",
                   on_change=_commit_accounts, args=(ctx, ws, m, key, base, list(columns)))
    column_switch("selection.accounts", lang, columns, main=["name", "revenue"])
    removing = st.session_state.get(REMOVING_KEY)
    if removing:
        _confirm_removal(ctx, ws, removing, lang)


REMOVING_KEY = "sel.removing"  # account keys whose removal waits for the person's yes


def _commit_accounts(ctx: Context, ws: WorksheetEditor, m: sel.SelectionMethod, key: str,
                     base: list[dict[str, Any]], columns: list[str]) -> None:
    """Renames and new accounts go to the group's account list; revenue and route to the worksheet;
    a removed row asks first, since the account's work in every tool goes with it. The table is
    redrawn only when something was saved, so adding an empty row never closes the cell being typed."""
    edits = st.session_state[key]
    rows = apply_delta(base, {**edits, "deleted_rows": []}, columns)
    st.session_state[REMOVING_KEY] = [base[i]["key"] for i in edits.get("deleted_rows") or []]
    named, problems = _name_accounts(ctx, rows, {row["key"]: row["name"] for row in base})
    unnamed = [row for row in rows if not row.get("key") and row.get("revenue")]
    problems += [t(ctx.lang, "accounts.name_needed")] if unnamed else []
    version = ws.version
    data = sel.with_account_list(ws.data, [(a.key, a.name) for a in ctx.workspace.accounts()], m)
    data["accounts"] = [{**a, **_fields(row)} for a in data["accounts"] for row in [_row_of(rows, a["key"])]]
    ws.commit(data)
    ws.add_problems(problems)
    if (named or ws.version != version) and not problems and not st.session_state[REMOVING_KEY]:
        ws.rebuild()


def _name_accounts(ctx: Context, rows: list[dict[str, Any]], before: dict[str, str]) -> tuple[int, list[str]]:
    """New and renamed accounts into the group's list (a new row gets its key); how many, and what was refused."""
    done, problems = 0, []
    for row in rows:
        name = (row.get("name") or "").strip()
        if not name or before.get(row.get("key")) == name:
            continue
        try:
            if row.get("key"):
                ctx.workspace.rename_account(row["key"], name)
            else:
                row["key"] = new_key()
                ctx.workspace.add_account(Account(row["key"], AccountName(name=name).name))
            done += 1
        except ValidationError as error:
            problems += explain(error, ctx.lang)
        except WorkshopError as error:
            problems.append(error.text(ctx.lang))
    return done, problems


def _row_of(rows: list[dict[str, Any]], key: str) -> dict[str, Any] | None:
    return next((row for row in rows if row.get("key") == key), None)


def _fields(row: dict[str, Any] | None) -> dict[str, Any]:
    """What the accounts table sets in a worksheet entry besides the name."""
    if not row:
        return {}
    return {k: row[k] for k in ("revenue", "strength_route") if row.get(k) is not None}


def _confirm_removal(ctx: Context, ws: WorksheetEditor, keys: list[str], lang: str) -> None:
    names = {a["key"]: a["name"] for a in ws.data["accounts"]}
    with st.container(border=True):
        st.warning(t(lang, "accounts.remove_confirm", names=t(lang, "common.list_separator").join(
            plain(names.get(k, "")) for k in keys)), icon=":material/delete:")
        yes, no = st.columns(2)
        yes.button(t(lang, "accounts.remove"), key="sel.remove_yes", type="primary", width="stretch",
                   on_click=_remove, args=(ctx, ws, keys))
        no.button(t(lang, "accounts.keep"), key="sel.remove_no", width="stretch", on_click=_keep, args=(ws,))


def _remove(ctx: Context, ws: WorksheetEditor, keys: list[str]) -> None:
    try:
        for key in keys:
            ctx.workspace.remove_account(key)
    except WorkshopError as error:
        ws.add_problems([error.text(ctx.lang)])
    _keep(ws)
    ws.follow(now=True)


def _keep(ws: WorksheetEditor) -> None:
    st.session_state.pop(REMOVING_KEY, None)
    ws.rebuild()


def sync_accounts(ctx: Context, ws: WorksheetEditor, m: sel.SelectionMethod) -> None:
    """Accounts added in another tool (or on another device) join the worksheet as candidates."""
    joined = sel.with_account_list(ws.data, [(a.key, a.name) for a in group_accounts(ctx.workspace)], m)
    if {a["key"] for a in joined["accounts"]} - {a["key"] for a in ws.data["accounts"]} and not ws.commit(joined):
        ws.settle()  # another device joined them first, or the tool is locked (the page says so already)


def load_example(ctx: Context, ws: WorksheetEditor, m: sel.SelectionMethod, example_id: str) -> None:
    """An example's candidates become accounts of the group (one of the same name is reused)."""
    example = sel.example_input(m, example_id, ctx.lang)
    existing = {name_key(a.name): a.key for a in ctx.workspace.accounts()}
    keys = {}
    for entry in example["accounts"]:
        keys[entry["name"]] = existing.get(name_key(entry["name"])) or new_key()
        if name_key(entry["name"]) not in existing:
            ctx.workspace.add_account(Account(keys[entry["name"]], entry["name"]))
    ws.replace(sel.with_example(ws.data, example, keys, m))


def score_form(ws: WorksheetEditor, m: sel.SelectionMethod, lang: str, index: int) -> None:
    """Scores for one account: attractiveness, business strength (CSF or stage), vulnerability;
    each unscored until the group picks a value."""
    account = ws.data["accounts"][index]
    path = ["accounts", index]

    def slider(field: str, criterion: dict, scale, label: str, help_text: str) -> None:
        bound_slider(ws, [*path, field, criterion["id"]], scale, label, help_text)

    st.markdown(f"#### {t(lang, 'selection.attractiveness')}")
    for c in ws.data["attractiveness_criteria"]:
        spec = _spec(m.attractiveness_criteria, c["id"])
        slider("attractiveness", c, m.attractiveness_scale, _label(c, m.attractiveness_criteria, lang),
               spec.definition(lang) if spec else "")
        anchors_caption(lang, spec.anchors if spec else None)

    st.markdown(f"#### {t(lang, 'selection.strength')}")
    if account["strength_route"] == "stage":
        stage = account.get("stage")
        score_input(ws, [*path, "stage"], stage, [s.level for s in m.stages], t(lang, "selection.stage"),
                    format_func=lambda level: m.stage(level).label(lang))
        if stage is not None:
            st.caption(m.stage(stage).description(lang))
    else:
        st.caption(t(lang, "selection.csf_hint"))
        for c in ws.data["strength_factors"]:
            spec = _spec(m.strength_factors, c["id"])
            us, them = st.columns(2)
            with us:
                label = f"{_label(c, m.strength_factors, lang)} · {t(lang, 'selection.us')}"
                slider("csf_us", c, m.strength_scale, label, spec.definition(lang) if spec else "")
            with them:
                slider("csf_competitor", c, m.strength_scale, t(lang, "selection.best_competitor"), "")

    st.markdown(f"#### {t(lang, 'selection.vulnerability')}")
    for c in ws.data["vulnerability_factors"]:
        spec = _spec(m.vulnerability_factors, c["id"])
        slider("vulnerability", c, m.vulnerability_scale, _label(c, m.vulnerability_factors, lang),
               spec.definition(lang) if spec else "")


def criteria_tables(ws: WorksheetEditor, m: sel.SelectionMethod, lang: str) -> None:
    """One table per dimension: rename, reweight, add or remove criteria."""
    for dimension in sel.DIMENSIONS:
        st.markdown(f"#### {t(lang, f'selection.{dimension}')}")
        weights_form(ws, dimension, ws.data[dimension], getattr(m, dimension), lang,
                     lambda criteria, d=dimension: sel.with_criteria(ws.data, d, criteria, m),
                     decimals=m.decimal_weights)


DIMENSION_LABELS = {"attractiveness": "selection.attractiveness", "strength": "selection.strength",
                    "vulnerability": "selection.vulnerability"}


def waiting(unscored: sel.UnscoredAccount, lang: str) -> None:
    """In place of the verdict: the account is not scored yet, and what to score first."""
    missing = t(lang, "common.list_separator").join(t(lang, DIMENSION_LABELS[d]) for d in unscored.missing)
    not_scored(lang, unscored.name, t(lang, "draft.score_first", what=missing))


def unscored_list(result: sel.SelectionResult, lang: str) -> None:
    if result.unscored:
        names = t(lang, "common.list_separator").join(plain(u.name) for u in result.unscored)
        st.info(t(lang, "draft.left_out", names=names), icon=":material/hourglass_empty:")


def summary_line(result: sel.AccountResult, m: sel.SelectionMethod, lang: str) -> None:
    """The verdict in one line above the sliders, so a phone sees it without scrolling down."""
    st.markdown(
        f"**{t(lang, 'selection.attractiveness')} {result.attractiveness:.2f}** · {m.band(result.band).label(lang)}"
        f" · {m.portfolio.category(result.portfolio).label(lang)}"
        f" · {m.vulnerability_matrix.category(result.vulnerability_quadrant).label(lang)}")


def account_verdict(result: sel.AccountResult, m: sel.SelectionMethod, lang: str) -> None:
    band = m.band(result.band)
    st.metric(t(lang, "selection.attractiveness"), f"{result.attractiveness:.2f}",
              help=t(lang, "selection.formula_help"))
    st.markdown(f"**{band.label(lang)}** · {band.advice(lang)}")
    if result.gate_failed and m.gate:
        st.warning(m.gate.message(lang), icon=":material/gpp_maybe:")
    portfolio = m.portfolio.category(result.portfolio)
    verdict(lang, t(lang, "selection.portfolio_matrix"), portfolio.label, portfolio.strategy, portfolio.color)
    risk = m.vulnerability_matrix.category(result.vulnerability_quadrant)
    verdict(lang, t(lang, "selection.vulnerability_matrix"), risk.label, risk.strategy, risk.color)


def results_table(result: sel.SelectionResult, m: sel.SelectionMethod, lang: str) -> None:
    rows = [{
        t(lang, "selection.rank"): a.rank,
        t(lang, "selection.account"): a.name,
        t(lang, "selection.attractiveness"): round(a.attractiveness, 2),
        t(lang, "selection.band"): m.band(a.band).label(lang) + (" ⚠" if a.gate_failed else ""),
        t(lang, "selection.strength"): round(a.strength, 2),
        t(lang, "selection.ratio"): float("nan") if a.strength_ratio is None else round(a.strength_ratio, 2),
        t(lang, "selection.vulnerability"): round(a.vulnerability, 2),
        t(lang, "selection.portfolio_matrix"): m.portfolio.category(a.portfolio).label(lang),
        t(lang, "selection.vulnerability_matrix"):
            m.vulnerability_matrix.category(a.vulnerability_quadrant).label(lang),
    } for a in sorted(result.accounts, key=lambda a: a.rank)]
    wide_dataframe("selection.results", lang, pd.DataFrame(rows), main=[
        t(lang, "selection.account"), t(lang, "selection.attractiveness"), t(lang, "selection.portfolio_matrix")])


def matrices(ws: WorksheetEditor, lang: str, selected: str) -> None:
    portfolio, vulnerability = tool_figures(ws, _matrix_figures, selected)
    charts_side_by_side({"sel.chart.portfolio": portfolio, "sel.chart.vulnerability": vulnerability})


def _matrix_figures(data: dict, result: sel.SelectionResult, m: sel.SelectionMethod, lang: str,
                    selected: str) -> tuple[go.Figure, go.Figure]:
    """Both matrices, the selected account highlighted."""

    def points(x_of) -> list[Point]:
        return [Point(a.name, x_of(a), a.attractiveness, a.revenue, highlight=a.key == selected)
                for a in result.accounts]

    attractiveness = Axis(t(lang, "selection.attractiveness"), m.attractiveness_scale.min, m.attractiveness_scale.max)
    return (
        matrix_figure(points(lambda a: a.strength), m.portfolio, lang,
                      Axis(t(lang, "selection.strength"), m.strength_scale.min, m.strength_scale.max),
                      attractiveness, title=t(lang, "selection.portfolio_matrix")),
        matrix_figure(points(lambda a: a.vulnerability), m.vulnerability_matrix, lang,
                      Axis(t(lang, "selection.vulnerability"), m.vulnerability_scale.min, m.vulnerability_scale.max),
                      attractiveness, title=t(lang, "selection.vulnerability_matrix")),
    )


def formulas(result: sel.AccountResult, lang: str) -> None:
    st.markdown(f"**{t(lang, 'selection.attractiveness')}** = Σ w×s / 100 = "
                f"`{formula(result.attractiveness_terms, result.attractiveness)}`")
    if result.strength_terms:
        st.markdown(f"**{t(lang, 'selection.strength')}** = `{formula(result.strength_terms, result.strength)}`"
                    f" · {t(lang, 'selection.ratio')} = {result.strength:.2f} / {result.competitor_strength:.2f}"
                    f" = **{result.strength_ratio:.2f}**")
    else:
        st.markdown(f"**{t(lang, 'selection.strength')}** = {t(lang, 'selection.stage_score')} = {result.strength:g}")
    st.markdown(f"**{t(lang, 'selection.vulnerability')}** = "
                f"`{formula(result.vulnerability_terms, result.vulnerability)}`")


def sensitivity(result: sel.SelectionResult, ws: WorksheetEditor, m: sel.SelectionMethod, lang: str) -> None:
    names = {a.key: a.name for a in result.accounts}
    criteria = {c["id"]: (d, c) for d in sel.DIMENSIONS for c in ws.data[d]}
    rows = []
    for shift in result.sensitivity:
        dimension, criterion = criteria.get(shift.criterion, (shift.dimension, None))
        label = _label(criterion, getattr(m, dimension), lang) if criterion else shift.criterion
        for change in shift.changes:
            rows.append({
                t(lang, "sensitivity.weight"): f"{label} {shift.shift:+g}",
                t(lang, "selection.account"): names[change.account],
                t(lang, "sensitivity.what"): t(lang, f"sensitivity.{change.what}"),
                t(lang, "sensitivity.change"): f"{_outcome(change.what, change.before, m, lang)} → "
                                              f"{_outcome(change.what, change.after, m, lang)}",
            })
    st.caption(t(lang, "sensitivity.explain", shift=f"{m.sensitivity_shift:g}"))
    if rows:
        wide_dataframe("selection.sensitivity", lang, pd.DataFrame(rows), main=[
            t(lang, "sensitivity.weight"), t(lang, "selection.account"), t(lang, "sensitivity.change")])
    else:
        st.success(t(lang, "sensitivity.robust"), icon=":material/verified:")


def _outcome(what: str, value: str, m: sel.SelectionMethod, lang: str) -> str:
    if what == "portfolio":
        return m.portfolio.category(value).label(lang)
    if what == "vulnerability_quadrant":
        return m.vulnerability_matrix.category(value).label(lang)
    if what == "band":
        return m.band(value).label(lang)
    return t(lang, "selection.rank_n", n=value)


def _spec(specs, criterion_id):
    return next((s for s in specs if s.id == criterion_id), None)


def _label(criterion: dict, specs, lang: str) -> str:
    """A criterion's name for a widget label (labels render markdown; a group may have typed the name)."""
    return plain(criterion_name(Criterion.model_validate(criterion), specs, lang))


def screening(ws: WorksheetEditor, m: sel.SelectionMethod, lang: str) -> None:
    """A whole customer list scored with this worksheet's criteria and weights."""
    st.caption(t(lang, "screen.help"))
    uploaded = file_uploader(lang, t(lang, "screen.file"), "screen.file", ["csv", "xlsx"])
    if uploaded is None:
        return
    try:
        upload = read_upload(uploaded, uploaded.name)
    except MappingError as error:
        show_error(lang, error)
        return
    except (ValueError, OSError) as error:
        st.error(t(lang, "screen.unreadable", detail=plain(str(error)[:200])), icon=":material/error:")
        return
    frame = upload.frame
    if upload.encoding:
        st.caption(t(lang, "files_fix.read_as", encoding=upload.encoding,
                     delimiter=t(lang, f"files_fix.delimiter.{DELIMITER_NAMES[upload.delimiter]}")))
    columns = [str(c) for c in frame.columns]
    criteria = ws.data["attractiveness_criteria"]
    guess = guess_mapping(columns, m, criteria)
    none = t(lang, "screen.optional")
    pick = lambda label, key, default, options: st.selectbox(  # noqa: E731
        label, options, index=options.index(default) if default in options else None, key=f"screen.{key}",
        placeholder=t(lang, "lang_fix.choose"))
    mapping = Mapping(pick(t(lang, "screen.name_column"), "name", guess.name, columns), {})
    for c in criteria:
        mapping.criteria[c["id"]] = pick(t(lang, "screen.column_for", criterion=_label(c, m.attractiveness_criteria,
                                                                                        lang)),
                                         f"c.{c['id']}", guess.criteria.get(c["id"]), columns)
    mapping.strength = _optional(pick(f"{t(lang, 'screen.strength_column')} {none}", "strength", guess.strength,
                                      [none, *columns]), none)
    mapping.vulnerability = _optional(pick(f"{t(lang, 'screen.vulnerability_column')} {none}", "vulnerability",
                                           guess.vulnerability, [none, *columns]), none)
    if not st.button(t(lang, "screen.run"), key="screen.run", type="primary", icon=":material/filter_alt:"):
        return
    try:
        result = screen(frame, mapping, criteria, m, lang)
    except MappingError as error:
        show_error(lang, error)
        return
    st.success(t(lang, "screen.scored", count=len(result.table)), icon=":material/check:")
    if result.problems:
        with st.expander(t(lang, "screen.problems", count=len(result.problems)), icon=":material/warning:"):
            lines = [t(lang, "screen.line", line=line, reason=reason) for line, reason in result.problems[:200]]
            st.text("\n".join(lines))
    st.dataframe(result.table.head(1000), hide_index=True, width="stretch", placeholder="")
    csv_col, xlsx_col = st.columns(2)
    csv_col.download_button(t(lang, "screen.download_csv"), to_csv_bytes(result.table), file_name="ranking.csv",
                            mime="text/csv", key="screen.csv", on_click="ignore")
    xlsx_col.download_button(t(lang, "screen.download_xlsx"), lambda: to_xlsx_bytes(result.table),
                             file_name="ranking.xlsx", key="screen.xlsx", on_click="ignore")


def _optional(choice: str | None, none: str) -> str | None:
    return None if choice in (None, none) else choice
