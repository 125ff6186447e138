"""选择目标全球大客户 · Global account selection: account selection with the global criteria added."""

from ui import session
from ui.selection_page import global_criteria, page

page(session.page(), "global_selection", "gsel", intro=global_criteria)
