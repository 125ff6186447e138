"""选客 · Account selection: score candidate accounts, place them on the two matrices, test the weights."""

from ui import session
from ui.selection_page import page

page(session.page(), "selection", "sel")
