"""Property-based: any bytes, any JSON and any mutation of a real backup or customer list end in a
success or a clear refusal (ArchiveError / a ValidationError explained in words / UnreadableTable),
with the store unchanged on refusal — never another exception."""

import io
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from kamcore.export.archive import ArchiveError
from kamcore.export.files import import_file, workshop_file
from kamcore.i18n import explain, t
from kamcore.screening import UnreadableTable, read_upload
from kamcore.workshop import Workshops
from tests.unit.test_bad_files import snapshot, workbook_bytes
from tests.unit.test_exports import fill

SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
HOSTILE_TEXT = st.sampled_from(["", " ", "\u200b", "\ufeff", "\u202e", "=1+1", "<b>x</b>", "a" * 500, "ＡＢＣ",
                                "G12", "g12", "\x00", "\ud7ff", "[" * 50, "{}", "-1", "1e309", "NaN"])
SCALARS = (st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
           | st.text(max_size=20) | HOSTILE_TEXT)
JSON = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
                        st.text(max_size=8) | HOSTILE_TEXT, inner, max_size=4), max_leaves=20)


@pytest.fixture(scope="module")
def room(tmp_path_factory):
    from kamcore.store import Store
    store = Store(f"sqlite:///{tmp_path_factory.mktemp('prop') / 'kam.sqlite3'}")
    workshops = Workshops(store)
    workshop, _ = workshops.create("KAM", "en", "2468")
    for name in ("North", "South"):
        fill(workshops.join(workshop.code, name))
    return store, json.loads(workshop_file(store, workshop, "json", "en"))


def outcome(store, raw: bytes) -> None:
    before = snapshot(store)[:4]
    try:
        import_file(store, raw)
    except ArchiveError as error:
        assert t("zh", error.key, **error.values) and t("en", error.key, **error.values)
    except ValidationError as error:
        assert explain(error, "zh") and explain(error, "en")
    else:
        return
    assert snapshot(store)[:4] == before


def paths(document, prefix=()):
    yield prefix
    if isinstance(document, dict):
        for key, value in document.items():
            yield from paths(value, (*prefix, key))
    elif isinstance(document, list):
        for n, value in enumerate(document):
            yield from paths(value, (*prefix, n))


def replaced(document, path, value):
    if not path:
        return value
    copy = json.loads(json.dumps(document))
    target = copy
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return copy


@SETTINGS
@given(raw=st.binary(max_size=2000))
def test_any_bytes_end_in_an_import_or_a_clear_refusal(room, raw):
    outcome(room[0], raw)


@SETTINGS
@given(value=JSON, data=st.data())
def test_any_field_of_a_real_backup_replaced_by_anything_ends_in_a_restore_or_a_clear_refusal(room, value, data):
    store, document = room
    path = data.draw(st.sampled_from(list(paths(document))))
    outcome(store, json.dumps(replaced(document, path, value), allow_nan=False).encode())


@SETTINGS
@given(value=JSON, depth=st.integers(0, 5000))
def test_any_json_nested_at_any_depth_ends_in_a_clear_refusal(room, value, depth):
    wrapped = {"format": "kam-workshop-companion", "schema_version": 1, "kind": "group", "groups": []}
    text = json.dumps(wrapped | {"extra": value})
    outcome(room[0], (text[:-1] + ', "deep": ' + "[" * depth + "]" * depth + "}").encode())


def read(raw: bytes, name: str) -> None:
    try:
        table = read_upload(io.BytesIO(raw), name)
    except UnreadableTable as error:
        assert t("zh", error.key, **error.values) and t("en", error.key, **error.values)
    else:
        assert table.frame is not None


@SETTINGS
@given(raw=st.binary(max_size=3000), suffix=st.sampled_from([".csv", ".xlsx", ".xlsm", ".txt"]))
def test_any_bytes_uploaded_as_a_customer_list_are_read_or_refused_clearly(raw, suffix):
    read(raw, "upload" + suffix)


@SETTINGS
@given(rows=st.lists(st.lists(st.text(max_size=12) | HOSTILE_TEXT | st.integers().map(str), min_size=1,
                              max_size=5), min_size=1, max_size=8),
       delimiter=st.sampled_from([",", ";", "\t", "|"]),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "gb18030", "latin-1"]))
def test_any_text_table_in_any_encoding_is_read_or_refused_clearly(rows, delimiter, encoding):
    text = "\n".join(delimiter.join(r) for r in rows)
    try:
        raw = text.encode(encoding)
    except UnicodeEncodeError:
        return
    read(raw, "customers.csv")


@SETTINGS
@given(cut=st.integers(0, 8000), flips=st.lists(st.tuples(st.integers(0, 8000), st.integers(0, 255)), max_size=5))
def test_any_damage_to_a_workbook_is_read_or_refused_clearly(cut, flips):
    raw = bytearray(workbook_bytes(5))
    for at, byte in flips:
        raw[at % len(raw)] = byte
    read(bytes(raw[: cut or len(raw)]), "customers.xlsx")
