"""选品 · Four-quadrant value proposition for one account, with its checks, value mix and canvas."""

import streamlit as st

from kamcore.canvas import canvas_html
from kamcore.i18n import t
from kamcore.methods import value_proposition as vp
from kamcore.tools import TOOLS
from ui import session
from ui import value_proposition as panels
from ui.accounts import account_picker
from ui.components import evaluate
from ui.worksheet import WorksheetEditor

lang, group = session.page()
tool = TOOLS["value_proposition"]
m = tool.method()
st.title(m.title(lang))
st.info(m.exercise_prompt(lang), icon=":material/groups:")
account = account_picker(lang, group)
if account is None:
    st.stop()
ws = WorksheetEditor(session.store(), group.id, tool, m, lang, blank=vp.blank_input, account_key=account.key)

with st.expander(t(lang, "vp.how_it_works"), icon=":material/school:"):
    for value_type in m.value_types:
        st.markdown(f"**{value_type.label(lang)}**: {value_type.definition(lang)}")
    if st.button(t(lang, "vp.load_example"), key="vp.load_example", icon=":material/download:"):
        ws.replace(vp.example_input(m))
        st.rerun()
ws.status()
result = evaluate(tool, ws.data, lang)

edit_tab, canvas_tab = st.tabs([t(lang, "vp.tab_edit"), t(lang, "vp.tab_canvas")])
with edit_tab:
    if result:
        panels.summary(result, lang)
    for quadrant in vp.QUADRANTS:
        panels.quadrant_table(ws, m, lang, quadrant)
        if result:
            panels.hints(result, m, lang, quadrant)
    if result:
        mix, points = st.columns(2, gap="large")
        with mix:
            panels.mix_chart(result, m, lang)
        with points:
            st.markdown(f"**{t(lang, 'vp.rules_title')}**")
            panels.rules(result, m, lang)
with canvas_tab:
    if result:
        model = tool.validate(ws.data, m)
        panels.canvas(model, m, lang)
        st.download_button(t(lang, "vp.print"), canvas_html(model, result, m, lang, account.name),
                           file_name=f"value-proposition-{account.key}.html", mime="text/html",
                           key="vp.print", icon=":material/print:", on_click="ignore")
