"""The repository stands alone: no file points at course material a clone does not have, and every
tool's method file leads to its own section of docs/methodology.md, where its sources are given."""

import re
import subprocess
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
METHODOLOGY = ROOT / "docs" / "methodology.md"
METHODS = ROOT / "data" / "methods"
SKIPPED_DIRS = {".git", ".venv", "__pycache__", ".pytest_cache", ".ruff_cache", "node_modules"}

# Engineers keep course material in a folder beside the project; a clone has none of it. Written as a
# pattern so that this file does not match itself.
POINTER = re.compile(r"\bshared/(reference|course|design|hooks|README)|\.\./shared\b|course-models\.md|outline\.zh\.md")


def project_files() -> list[Path]:
    """Every tracked file, and every new one not ignored; the whole tree when git is not at hand."""
    try:
        out = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                             cwd=ROOT, capture_output=True, check=True).stdout
        paths = {ROOT / name for name in out.decode("utf-8").split("\0") if name}
    except (OSError, subprocess.CalledProcessError):
        paths = {p for p in ROOT.rglob("*") if not SKIPPED_DIRS & set(p.relative_to(ROOT).parts)}
    return sorted(p for p in paths if p.is_file())


def pointers(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if POINTER.search(line)]


def slug(heading: str) -> str:
    """The anchor GitHub gives a Markdown heading."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def sections(markdown: str) -> dict[str, str]:
    """Each level-2 section's text by its anchor."""
    parts = re.split(r"^## (.+)$", markdown, flags=re.MULTILINE)
    return {slug(title): body for title, body in zip(parts[1::2], parts[2::2], strict=True)}


def header(path: Path) -> str:
    lines = path.read_text(encoding="utf-8").splitlines()
    return "\n".join(line for line in lines[: next(i for i, s in enumerate(lines) if not s.startswith("#"))])


def test_no_project_file_points_at_course_material_a_clone_does_not_have():
    found = [f"{path.relative_to(ROOT)}: {line}" for path in project_files()
             for line in pointers(path.read_bytes().decode("utf-8", errors="ignore"))]
    assert not found, "point these at docs/methodology.md instead:\n" + "\n".join(found)


def test_the_pointer_check_recognises_each_way_of_writing_such_a_path():
    outside, note, syllabus = "shared", "course-models", "outline"  # spelt apart so this file passes the scan
    for line in (f"see {outside}/reference/{note}.md §4", f"(../{outside}/course/{syllabus}.zh.md)",
                 f"# {outside}/design.md rule 3", f"{outside}/hooks/before-stop", f"{note}.md §5a",
                 f"the syllabus ({syllabus}.zh.md)"):
        assert pointers(line) == [line], line
    for line in ("ui/ Streamlit components shared by pages", "- id: shared_end_user", "a shared/common base"):
        assert pointers(line) == [], line


def test_the_project_files_include_code_data_and_docs():
    names = {p.relative_to(ROOT).as_posix() for p in project_files()}
    assert {"README.md", "app.py", ".streamlit/config.toml", "data/methods/selection.yaml",
            "docs/methodology.md", "tests/unit/test_docs.py"} <= names


def test_every_method_file_points_at_a_methodology_section_that_names_it():
    doc = sections(METHODOLOGY.read_text(encoding="utf-8"))
    files = sorted(METHODS.glob("*.yaml"))
    assert files
    for path in files:
        link = re.search(r"docs/methodology\.md#([\w\-]+)", header(path))
        assert link, f"{path.name}: the header comment needs 'docs/methodology.md#<section>'"
        assert link.group(1) in doc, f"{path.name} points at #{link.group(1)}, which docs/methodology.md lacks"
        assert f"data/methods/{path.name}" in doc[link.group(1)], f"#{link.group(1)} does not name {path.name}"


def test_the_glossary_gives_every_tools_title_in_chinese_and_english():
    glossary = sections(METHODOLOGY.read_text(encoding="utf-8"))["glossary"]
    for path in sorted(METHODS.glob("*.yaml")):
        title = yaml.safe_load(path.read_text(encoding="utf-8"))["title"]
        assert f"| {title['zh']} | {title['en']} |" in glossary, f"{path.name}: {title} is not in the glossary"


def test_the_readme_leads_to_the_methodology():
    assert "(docs/methodology.md)" in (ROOT / "README.md").read_text(encoding="utf-8")
