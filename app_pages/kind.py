"""A tool of a declared kind (assessment, matrix, checklist or log): one page script for all of them,
registered under each such tool's url path; the method file says what the page shows."""

from ui import kinds, session

kinds.page(session.page())
