"""People's names are personal information: marked in the models, never on the projector, out of the
trainer's workshop export unless the group opts in, always in the group's own export.

No course tool asks for people's names yet; a small tool with a contact list stands in for the coming
relationship map."""

import json
from types import SimpleNamespace

import pytest
from pydantic import BaseModel, Field

from kamcore.compare import entries, for_the_room
from kamcore.export import archive
from kamcore.export.collect import methods_for, workshop_entries
from kamcore.export.files import group_file, workshop_file
from kamcore.methods.common import InputModel, Name
from kamcore.personal import PersonName, personal_fields, strip_personal, without_personal
from kamcore.store import workshop_worksheets
from kamcore.tools import TOOLS, Nav, Tool

CONTACT = "Wang Xiaoming"
OTHER_CONTACT = "Ada Lovelace"


class Contact(InputModel):
    name: PersonName = ""
    role: Name = ""


class ContactsInput(InputModel):
    account: Name = ""
    contacts: list[Contact] = Field(default_factory=list)
    sponsor: PersonName | None = None
    by_role: dict[str, Contact] = Field(default_factory=dict)


class ContactsResult(BaseModel):
    contacts: int


def contacts_tool() -> Tool:
    def not_drawn(*_):
        raise AssertionError("these tests export the backup, not the workbook or the deck")

    return Tool("contacts_demo", ContactsInput, lambda overrides=None: SimpleNamespace(),
                lambda data, method: ContactsResult(contacts=len(data.contacts)),
                lambda method, example_id=None, lang="en": {}, "account", lambda data, method: data,
                name=lambda lang: "Contacts", short=lambda lang: "Contacts",
                nav=Nav("maintain", "contacts", "app_pages/kind.py"),
                summary=lambda entry, method, lang: {"contacts": entry.result.contacts},
                figure=lambda found, method, lang: None, sheet=not_drawn, slide=not_drawn, comparison=not_drawn)


@pytest.fixture
def tool(monkeypatch):
    made = contacts_tool()
    monkeypatch.setitem(TOOLS, made.id, made)
    return made


def worksheet(contact: str = CONTACT) -> dict:
    return {"account": "Polaris Heavy", "contacts": [{"name": contact, "role": "Head of purchasing"}],
            "sponsor": contact, "by_role": {"decider": {"name": contact, "role": "CFO"}}}


def test_a_person_name_is_marked_personal_in_the_model_and_its_schema():
    assert personal_fields(ContactsInput) == ["contacts.name", "sponsor", "by_role.name"]
    schema = json.dumps(ContactsInput.model_json_schema())
    assert '"personal": true' in schema


def test_no_course_tool_asks_for_peoples_names_yet_and_the_marking_finds_none_there():
    assert {tool_id: personal_fields(tool.input_model) for tool_id, tool in TOOLS.items()} == dict.fromkeys(TOOLS, [])


def test_stripping_removes_every_name_keeps_the_rest_and_still_validates():
    data = worksheet()
    stripped = strip_personal(ContactsInput, data)
    assert CONTACT not in json.dumps(stripped)
    assert stripped["contacts"] == [{"role": "Head of purchasing"}] and stripped["account"] == "Polaris Heavy"
    assert ContactsInput.model_validate(stripped).contacts[0].name == ""
    assert data == worksheet()  # the stored worksheet is not touched


def test_the_projector_never_shows_a_contacts_name(tool, workshops, workshop, store):
    group = workshops.join(workshop.code, "North")
    group.share_names(True)  # even a group that opted in: the projector is for the room
    group.import_work([], [(tool.id, "acct", worksheet())])
    shown = for_the_room(workshop_worksheets(store, workshop.id, tool.id), tool.id)
    found = entries(shown, tool.id, tool.method()).entries
    assert len(found) == 1 and found[0].result.contacts == 1
    assert CONTACT not in json.dumps([w.data for w in shown] + [e.data for e in found])


def test_the_workshop_export_leaves_names_out_unless_the_group_opted_in(tool, workshops, workshop, store):
    north, south = workshops.join(workshop.code, "North"), workshops.join(workshop.code, "South")
    north.import_work([], [(tool.id, "acct", worksheet(CONTACT))])
    south.import_work([], [(tool.id, "acct", worksheet(OTHER_CONTACT))])
    south.share_names(True)
    assert south.shares_names() and not north.shares_names()

    backup = workshop_file(store, workshop, "json", "en").decode()
    exported = json.dumps([[e.data for e in found] for by_tool in
                           workshop_entries(store, workshop, methods_for(workshop)).values()
                           for found in by_tool.values()])
    for output in (backup, exported):
        assert CONTACT not in output and OTHER_CONTACT in output


def test_a_groups_own_export_keeps_its_contacts_names(tool, workshops, workshop, store):
    north = workshops.join(workshop.code, "North")
    north.import_work([], [(tool.id, "acct", worksheet())])
    assert CONTACT in group_file(store, north, "json", "en").decode()
    assert CONTACT in json.dumps(archive.group_archive(store, north.group.id, "North"))


def test_the_trainers_model_answers_keep_their_names_in_the_backup(tool, workshops, workshop, store):
    workshops.trainer_workspace(workshop).import_work([], [(tool.id, "acct", worksheet())])
    assert CONTACT in workshop_file(store, workshop, "json", "en").decode()


def test_without_personal_takes_a_tool_or_its_id(tool):
    assert without_personal(tool, worksheet()) == without_personal(tool.id, worksheet())
