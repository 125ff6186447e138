"""Bad files: backups and group archives refused whole and clearly, customer lists read whatever their
encoding and delimiter, damaged or oversized workbooks refused before they are parsed."""

import io
import json
import subprocess
import sys
import time
import tracemalloc
import zipfile

import openpyxl
import pytest

from kamcore.export import archive
from kamcore.export.archive import ArchiveError
from kamcore.export.files import import_file, workshop_file
from kamcore.i18n import t
from kamcore.screening import UnreadableTable, read_upload
from kamcore.store import Account
from kamcore.workshop import Workshops
from tests.unit.test_exports import fill

pytestmark = pytest.mark.both_engines  # the store tests run on SQLite and PostgreSQL (tests/engines.py)

COLUMNS = "name,influence,growth\n"


@pytest.fixture
def classroom(workshops):
    workshop, _ = workshops.create("KAM 上海", "zh", "2468")
    north = workshops.join(workshop.code, "North")
    fill(north)
    return workshop, north


def backup(store, workshop) -> dict:
    return json.loads(workshop_file(store, workshop, "json", "en"))


def snapshot(store) -> list:
    """Everything the store holds, for 'nothing changed' comparisons."""
    every = Workshops(store)
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from kamcore.store import AccountRow, GroupRow, WorksheetRow, WorkshopRow
    with Session(store.engine) as s:
        return [sorted((r.id, *(str(getattr(r, c.name)) for c in r.__table__.columns)) for r in s.scalars(select(row)))
                for row in (WorkshopRow, GroupRow, AccountRow, WorksheetRow)] + [every]


def refused_with(store, raw: bytes, key: str) -> None:
    before = snapshot(store)[:4]
    with pytest.raises(ArchiveError) as caught:
        import_file(store, raw)
    assert caught.value.key == key
    for lang in ("zh", "en"):
        assert t(lang, caught.value.key, **caught.value.values)
    assert snapshot(store)[:4] == before


def test_deeply_nested_json_is_refused_by_its_depth_not_a_recursion_error(store, classroom):
    refused_with(store, b'{"format": "kam-workshop-companion", "x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
                 "files_fix.too_deep")


def test_brackets_inside_strings_do_not_count_as_nesting(store, classroom):
    workshop, north = classroom
    north.add_account(Account("deep", "[" * 100 + "{"))
    kind, _ = import_file(store, workshop_file(store, workshop, "json", "en"))
    assert kind == "workshop"


def test_the_command_line_refuses_a_deep_file_with_exit_2_and_no_traceback(tmp_path, database_url):
    path = tmp_path / "deep.json"
    path.write_bytes(b"[" * 200_000 + b"]" * 200_000)
    done = subprocess.run([sys.executable, "-m", "kamcore", "import", str(path), "--lang", "zh"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and "层" in done.stderr


def test_duplicate_account_keys_are_refused_not_an_integrity_error(store, classroom):
    workshop, _ = classroom
    document = backup(store, workshop)
    north = next(g for g in document["groups"] if g["name"] == "North")
    north["accounts"].append({"key": north["accounts"][0]["key"], "name": "Other"})
    refused_with(store, json.dumps(document).encode(), "files_fix.duplicate_account_key")


def test_accounts_whose_names_read_alike_are_refused(store, classroom):
    workshop, _ = classroom
    document = backup(store, workshop)
    north = next(g for g in document["groups"] if g["name"] == "North")
    north["accounts"].append({"key": "twin", "name": " 华东精密机械\u200b "})
    refused_with(store, json.dumps(document).encode(), "files_fix.duplicate_account_name")


def test_groups_whose_names_read_alike_are_refused(store, classroom):
    workshop, _ = classroom
    document = backup(store, workshop)
    twin = dict(next(g for g in document["groups"] if g["name"] == "North"), name="ＮＯＲＴＨ", token="")
    document["groups"].append(twin)
    refused_with(store, json.dumps(document).encode(), "files_fix.duplicate_group_name")


@pytest.mark.parametrize("settings", [
    {"locks": "all"}, {"locks": {"selection": "maybe"}}, {"reveals": {"no_such_tool": True}},
    {"timer_end": "soon"}, {"timer_end": "2030-01-01T10:00:00"}, {"overrides": {"selection": {"bogus": 1}}},
    {"overrides": {"selection": {"bands": "none"}}}, {"something_else": 1}, [],
])
def test_malformed_settings_are_refused_before_anything_is_written(store, classroom, settings):
    workshop, _ = classroom
    document = backup(store, workshop)
    document["workshop"]["settings"] = settings
    before = snapshot(store)[:4]
    with pytest.raises((ArchiveError, ValueError)):
        import_file(store, json.dumps(document).encode())
    assert snapshot(store)[:4] == before


def test_well_formed_settings_are_restored_and_the_restored_pages_read_them(store, classroom, workshops):
    workshop, _ = classroom
    workshops.update_settings(workshop, locks={"selection": True}, timer_end="2030-01-01T10:00:00+00:00")
    _, restored = import_file(store, workshop_file(store, workshop, "json", "en"))
    assert restored.locked("selection") and restored.timer_end.year == 2030


@pytest.mark.parametrize("field, value, key", [
    ("code", "", "files_fix.bad_code"), ("code", "abcdef", "files_fix.bad_code"),
    ("code", "AB0O1I", "files_fix.bad_code"), ("pin_hash", "", "files_fix.bad_pin_hash"),
    ("pin_hash", "plain-text-pin", "files_fix.bad_pin_hash"),
])
def test_a_code_or_pin_hash_this_installation_would_not_make_is_refused(store, classroom, field, value, key):
    workshop, _ = classroom
    document = backup(store, workshop)
    document["workshop"][field] = value
    refused_with(store, json.dumps(document).encode(), key)


@pytest.mark.parametrize("account", [{"key": "k" * 41, "name": "A"}, {"key": "a b", "name": "A"},
                                     {"key": "ok", "name": "N" * 121}, {"key": "ok", "name": "  "}])
def test_account_names_and_keys_have_the_same_limits_as_typed_ones(store, classroom, account):
    workshop, _ = classroom
    document = backup(store, workshop)
    document["groups"][1]["accounts"].append(account)
    before = snapshot(store)[:4]
    with pytest.raises(ValueError):
        import_file(store, json.dumps(document).encode())
    assert snapshot(store)[:4] == before


def test_a_file_with_a_utf8_bom_is_accepted(store, classroom):
    workshop, _ = classroom
    kind, restored = import_file(store, "\ufeff".encode() + workshop_file(store, workshop, "json", "en"))
    assert kind == "workshop" and restored.title == "KAM 上海"


# ---- screening uploads ------------------------------------------------------------------------------

ROWS = [("华东精密", "8", "7"), ("Acme; Ltd", "5", "6")]


def csv_text(delimiter: str) -> str:
    return "\n".join(delimiter.join(r) for r in [("name", "influence", "growth"), *ROWS]) + "\n"


@pytest.mark.parametrize("encoding, label", [("utf-8", "UTF-8"), ("utf-8-sig", "UTF-8-BOM"), ("gbk", "GB18030"),
                                             ("gb18030", "GB18030"), ("utf-16", "UTF-16"),
                                             ("utf-16-le", "UTF-16-LE")])
@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_customer_lists_are_read_in_their_encoding_and_delimiter_and_say_which(encoding, label, delimiter):
    text = csv_text(delimiter).replace("Acme; Ltd", "Acme Ltd") if delimiter != "," else csv_text(",")
    table = read_upload(io.BytesIO(text.encode(encoding)), "customers.csv")
    assert (table.encoding, table.delimiter) == (label, delimiter)
    assert list(table.frame.columns) == ["name", "influence", "growth"]
    assert table.frame["name"].iloc[0] == "华东精密" and table.frame["influence"].tolist() == [8, 5]


def test_a_semicolon_file_with_commas_in_names_is_split_on_semicolons():
    text = "name;influence;growth\nSmith, Jones & Co;8;7\nAcme, Inc;5;6\n"
    table = read_upload(io.BytesIO(text.encode()), "c.csv")
    assert table.delimiter == ";" and table.frame["name"].tolist() == ["Smith, Jones & Co", "Acme, Inc"]


def workbook_bytes(rows: int = 3) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["name", "influence"])
    for n in range(rows):
        sheet.append([f"A{n}", 5])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def rezipped(raw: bytes, change) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = change(info.filename, source.read(info))
            if content is not None:
                target.writestr(info.filename, content)
    return out.getvalue()


@pytest.mark.parametrize("damage", [
    lambda raw: b"PK\x03\x04" + b"\x00" * 200,  # KeyError: 'zip' / BadZipFile in openpyxl
    lambda raw: raw[: len(raw) // 2],
    lambda raw: b"name,influence\nA,5\n",
    lambda raw: rezipped(raw, lambda name, c: None if name == "xl/workbook.xml" else c),
    lambda raw: rezipped(raw, lambda name, c: b"<not xml" if name.startswith("xl/worksheets/") else c),
    lambda raw: rezipped(raw, lambda name, c: None if name == "[Content_Types].xml" else c),
])
def test_a_corrupt_workbook_is_refused_clearly(damage):
    with pytest.raises(UnreadableTable) as caught:
        read_upload(io.BytesIO(damage(workbook_bytes())), "customers.xlsx")
    assert caught.value.key == "files_fix.not_a_workbook"


def test_the_command_line_refuses_a_corrupt_workbook_with_exit_2_and_no_traceback(tmp_path):
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    done = subprocess.run([sys.executable, "-m", "kamcore", "selection", "screen", str(path)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "Traceback" not in done.stderr and "Excel" in done.stderr


def test_the_command_line_says_which_encoding_and_delimiter_it_read(tmp_path):
    path = tmp_path / "gbk.csv"
    path.write_bytes(csv_text(";").replace("Acme; Ltd", "Acme").encode("gbk"))
    done = subprocess.run([sys.executable, "-m", "kamcore", "selection", "screen", str(path), "--lang", "zh"],
                          capture_output=True, text=True, timeout=120)
    assert "GB18030" in done.stderr and "分号" in done.stderr and "Traceback" not in done.stderr


def expanding_workbook(megabytes: int) -> bytes:
    """A small workbook whose one sheet unzips to `megabytes` MB of XML (the issue's 378 KB → 128 MB)."""
    row = "<row>" + "<c t='inlineStr'><is><t>x</t></is></c>" * 50 + "</row>"
    body = row * (megabytes * 2**20 // len(row))

    def change(name, content):
        if name == "xl/worksheets/sheet1.xml":
            return content.replace(b"<sheetData>", b"<sheetData>" + body.encode()).replace(
                b"<sheetData/>", b"<sheetData>" + body.encode() + b"</sheetData>")
        return content
    return rezipped(workbook_bytes(0), change)


def test_a_workbook_that_expands_to_128_mb_is_refused_from_its_zip_directory_quickly():
    raw = expanding_workbook(128)
    assert len(raw) < 2 * 2**20
    tracemalloc.start()
    start = time.perf_counter()
    with pytest.raises(UnreadableTable) as caught:
        read_upload(io.BytesIO(raw), "big.xlsx")
    seconds = time.perf_counter() - start
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert caught.value.key == "files_fix.expands_too_much"
    assert seconds < 1 and peak < len(raw) + 8 * 2**20


def test_a_workbook_declaring_more_rows_than_allowed_is_refused_before_parsing(monkeypatch):
    monkeypatch.setattr("kamcore.screening.MAX_ROWS", 10)
    with pytest.raises(UnreadableTable) as caught:
        read_upload(io.BytesIO(workbook_bytes(20)), "many.xlsx")
    assert caught.value.key == "files_fix.too_many_rows"


def test_a_csv_with_more_rows_than_allowed_is_refused_before_parsing(monkeypatch):
    monkeypatch.setattr("kamcore.screening.MAX_ROWS", 10)
    text = COLUMNS + "A,5,5\n" * 20
    with pytest.raises(UnreadableTable) as caught:
        read_upload(io.BytesIO(text.encode()), "many.csv")
    assert caught.value.key == "files_fix.too_many_rows"


def test_an_empty_or_binary_csv_is_refused_clearly():
    for raw in (b"", b"   \n", bytes(range(256)) * 4):
        with pytest.raises(UnreadableTable):
            read_upload(io.BytesIO(raw), "x.csv")


def test_an_archive_not_a_dict_of_ours_is_refused():
    with pytest.raises(ArchiveError):
        archive.read(b"\xef\xbb\xbf[]")
