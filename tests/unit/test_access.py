"""Access (issue 12): personal workspaces belong to one browser, joining a group needs its key, the
trainer's model answers open from nowhere but a signed-in console, restoring a backup needs its PIN."""

import json
import os
import subprocess
import sys

import pytest

from kamcore.export.files import group_file, import_file, workshop_file
from kamcore.methods import selection as sel
from kamcore.store import Account, Store
from kamcore.workshop import CODE_ALPHABET, WorkshopError, Workshops

pytestmark = pytest.mark.both_engines  # the store tests run on SQLite and PostgreSQL (tests/engines.py)

EXAMPLE = sel.SelectionInput.model_validate(sel.example_input(sel.method()))


@pytest.fixture
def workshop(workshops):
    created, _ = workshops.create("KAM", "en", "2468")
    return created


def refused(key: str, action) -> None:
    with pytest.raises(WorkshopError) as error:
        action()
    assert error.value.key == key


def test_two_browsers_get_two_personal_workspaces_and_neither_sees_the_others_work(workshops):
    mine, theirs = workshops.new_personal(), workshops.new_personal()
    mine.add_account(Account("acct-1", "ACME"))
    mine.save("selection", EXAMPLE, 0)
    assert mine.group.token != theirs.group.token
    assert theirs.accounts() == [] and theirs.worksheet("selection") is None


def test_a_personal_workspace_opens_again_with_its_own_token_and_with_nothing_else(workshops):
    mine = workshops.new_personal()
    mine.add_account(Account("acct-1", "ACME"))
    assert [a.name for a in workshops.personal(mine.group.token).accounts()] == ["ACME"]
    for wrong in ("", "nope", mine.group.token[:-1]):
        refused("access.stale_personal", lambda wrong=wrong: workshops.personal(wrong))


def test_a_personal_workspace_cannot_be_joined_by_code(workshops):
    workshops.new_personal()
    refused("workshop.unknown_code", lambda: workshops.join("PERSONAL", "Me"))


def test_the_trainers_token_opens_nothing_even_if_it_leaked(workshops, workshop, store):
    trainer = workshops.trainer_workspace(workshop)
    refused("workshop.bad_link", lambda: workshops.workspace(workshop.code, trainer.group.token))


def test_a_removed_groups_link_opens_nothing(workshops, workshop):
    group = workshops.join(workshop.code, "North")
    workshops.remove_group(workshop, group.group.id)
    refused("workshop.bad_link", lambda: workshops.workspace(workshop.code, group.group.token))


def test_every_group_gets_a_short_join_key_of_unambiguous_characters(workshops, workshop):
    keys = [workshops.join(workshop.code, name).group.join_key for name in ("North", "South", "East")]
    assert all(4 <= len(key) <= 6 and set(key) <= set(CODE_ALPHABET) for key in keys)
    assert len(set(keys)) == 3


def test_creating_a_group_is_free_but_joining_an_existing_one_needs_its_key(workshops, workshop):
    north = workshops.join(workshop.code, "North")
    refused("access.join_key_needed", lambda: workshops.join(workshop.code, "North"))
    refused("access.wrong_join_key", lambda: workshops.join(workshop.code, "North", "ZZZZZZ"))
    typed = f"  {north.group.join_key.lower()} "  # read off a laptop screen
    assert workshops.join(workshop.code, "North", typed).group.id == north.group.id


def test_the_console_lists_each_groups_join_key(workshops, workshop):
    north = workshops.join(workshop.code, "North")
    [progress] = workshops.progress(workshop)
    assert progress.join_key == north.group.join_key


def test_the_projectors_read_carries_no_join_key(workshops, workshop, store):
    north = workshops.join(workshop.code, "North")
    north.save("selection", EXAMPLE, 0)
    workshops.update_settings(workshop, reveals={"selection": True})
    from kamcore.store import workshop_worksheets

    shown = repr(workshop_worksheets(store, workshop.id, "selection"))
    assert north.group.join_key not in shown and north.group.token not in shown


def test_groups_made_before_join_keys_get_one_when_the_store_starts(database_url, tmp_path):
    workshops = Workshops(Store(database_url))
    workshop, _ = workshops.create("KAM", "en", "2468")
    workshops.join(workshop.code, "North")
    with workshops.store.engine.begin() as db:  # as a store made before join keys (and migrations)
        db.exec_driver_sql("ALTER TABLE groups DROP COLUMN join_key")
        db.exec_driver_sql("DROP TABLE alembic_version")
    upgraded = Workshops(Store(database_url))
    [progress] = upgraded.progress(workshop)
    assert len(progress.join_key) == 6


def test_restoring_a_backup_needs_the_trainer_pin_of_the_backed_up_workshop(store, workshops, workshop, tmp_path):
    workshops.join(workshop.code, "North").save("selection", EXAMPLE, 0)
    backup = workshop_file(store, workshop, "json", "en")
    fresh = Store(f"sqlite:///{tmp_path / 'fresh.sqlite3'}")
    for wrong in ("", "0000"):
        refused("access.restore_wrong_pin", lambda wrong=wrong: import_file(fresh, backup, pin=wrong))
    refused("workshop.unknown_code", lambda: Workshops(fresh).live(workshop.code))
    kind, restored = import_file(fresh, backup, pin="2468")
    assert kind == "workshop" and [g.name for g in Workshops(fresh).progress(restored)] == ["North"]


def test_a_workshop_backup_is_never_restored_through_a_groups_import(store, workshops, workshop):
    backup = workshop_file(store, workshop, "json", "en")
    before = len(workshops.progress(workshop))
    mine = workshops.new_personal()
    refused("access.restore_in_console", lambda: import_file(store, backup, into=mine))
    assert mine.accounts() == [] and len(workshops.progress(workshop)) == before


def test_a_group_archive_without_a_target_goes_into_a_new_personal_workspace_not_someone_elses(store, workshops,
                                                                                             workshop):
    north = workshops.join(workshop.code, "North")
    north.add_account(Account("acct-1", "ACME"))
    someone = workshops.new_personal()
    import_file(store, group_file(store, north, "json", "en"))
    assert someone.accounts() == []


def kamcore(database_url, *args):
    return subprocess.run([sys.executable, "-m", "kamcore", *args], capture_output=True, text=True,
                          env={**os.environ, "KAM_DATABASE_URL": database_url})


def test_the_command_line_exports_a_personal_workspace_named_by_its_token_or_link(database_url, tmp_path):
    mine = Workshops(Store(database_url)).new_personal()
    mine.add_account(Account("acct-1", "ACME"))
    Workshops(Store(database_url)).new_personal().add_account(Account("acct-2", "Someone else's"))
    for named in (mine.group.token, f"http://laptop:8501/selection?me={mine.group.token}&lang=en"):
        out = kamcore(database_url, "export", "PERSONAL", "--token", named, "--format", "json",
                      "-o", str(tmp_path / "me.json"))
        assert out.returncode == 0, out.stderr
        archive = json.loads((tmp_path / "me.json").read_text(encoding="utf-8"))
        assert [a["name"] for g in archive["groups"] for a in g["accounts"]] == ["ACME"]


@pytest.mark.parametrize("token", [None, "nope"])
def test_the_command_line_refuses_a_personal_export_without_a_valid_token(database_url, tmp_path, token):
    Workshops(Store(database_url)).new_personal()
    out = kamcore(database_url, "export", "PERSONAL", *(["--token", token] if token else []), "--format", "json",
                  "-o", str(tmp_path / "me.json"))
    assert out.returncode == 2 and "Traceback" not in out.stderr and not (tmp_path / "me.json").exists()


def test_the_command_line_imports_a_groups_work_into_a_new_personal_workspace_and_names_its_token(
        database_url, tmp_path, store, workshops, workshop):
    north = workshops.join(workshop.code, "North")
    north.add_account(Account("acct-1", "ACME"))
    (tmp_path / "north.json").write_bytes(group_file(store, north, "json", "en"))
    out = kamcore(database_url, "import", str(tmp_path / "north.json"))
    assert out.returncode == 0, out.stderr
    token = out.stdout.split("/?me=")[1].split()[0]
    assert [a.name for a in workshops.personal(token).accounts()] == ["ACME"]
