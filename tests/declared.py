"""Throwaway tools of the declared kinds, registered from tests/fixtures/methods/ for one test and
taken out again afterwards; SHIPPED are the course's own declared tools (data/methods/ files with a `kind:`),
registered for good; OWN are the tools with their own computation (kamcore/tools/<id>.py)."""

from pathlib import Path

import pytest

from kamcore.kinds import is_declared
from kamcore.paths import METHODS
from kamcore.tools import TOOLS, register_file, unregister

FIXTURES = Path(__file__).parent / "fixtures" / "methods"
DECLARED = sorted(p.stem for p in FIXTURES.glob("*.yaml"))
SHIPPED = sorted(p.stem for p in METHODS.glob("*.yaml") if is_declared(p))
OWN = [tool_id for tool_id, tool in TOOLS.items() if not tool.kind]  # the tools with Python of their own


@pytest.fixture
def declared():
    """Every fixture tool registered, as data/methods/<id>.yaml would register it; their ids."""
    tools = [register_file(FIXTURES / f"{name}.yaml").id for name in DECLARED]
    yield tools
    for tool_id in tools:
        unregister(tool_id)
    assert not set(tools) & set(TOOLS)
