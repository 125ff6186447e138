"""kamcore is the domain library: it never imports streamlit."""

import subprocess
import sys
from pathlib import Path


def test_importing_all_of_kamcore_loads_no_streamlit():
    loaded_by_alembic = {*Path("kamcore/migrations/versions").glob("*.py"), Path("kamcore/migrations/env.py")}
    files = [p for p in Path("kamcore").rglob("*.py") if p.name != "__main__.py" and p not in loaded_by_alembic]
    modules = sorted(".".join(p.with_suffix("").parts) for p in files)
    code = f"import sys; import {', '.join(modules)}; sys.exit('streamlit' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


def test_the_migrations_alembic_loads_import_no_streamlit():
    """env.py and versions/ run only inside Alembic: loaded by migrating a store, in a process of their own."""
    code = ("import sys; from kamcore import migrations; from kamcore.store import make_engine; "
            "migrations.upgrade(make_engine('sqlite://')); sys.exit('streamlit' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


def test_no_kamcore_source_mentions_an_import_of_streamlit():
    for path in Path("kamcore").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "import streamlit" not in text and "from streamlit" not in text, path
