"""The trainer's PIN under attack: parallel guesses, a guesser at the projector, a locked-out trainer."""

import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text

from kamcore.workshop import PIN_FREE_FAILURES, PIN_WORKSHOP_FREE_FAILURES, PinThrottled, WorkshopError

pytestmark = pytest.mark.both_engines  # the store tests run on SQLite and PostgreSQL (tests/engines.py)

NOW = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)


def outcome(call, *args, **kwargs) -> str:
    try:
        call(*args, **kwargs)
    except PinThrottled:
        return "throttled"
    except WorkshopError as error:
        return error.key
    return "signed_in"


def test_32_wrong_pins_sent_at_the_same_moment_get_no_more_tries_than_one_person_typing(workshops, workshop, store):
    with ThreadPoolExecutor(32) as pool:
        results = list(pool.map(lambda _: outcome(workshops.sign_in, workshop.code, "0000", NOW), range(32)))
    assert results.count("workshop.wrong_pin") == PIN_FREE_FAILURES
    assert results.count("throttled") == 32 - PIN_FREE_FAILURES
    with store.engine.connect() as connection:
        counted = connection.execute(text("SELECT failed_pins FROM workshops WHERE code = :c"),
                                     {"c": workshop.code}).scalar()
    assert counted == PIN_FREE_FAILURES  # every PIN that was checked is counted, none lost


def test_every_wrong_pin_from_many_clients_at_once_is_counted(workshops, workshop, store):
    clients = [f"ip:10.0.0.{n}" for n in range(16)]
    with ThreadPoolExecutor(16) as pool:
        results = list(pool.map(lambda c: [outcome(workshops.sign_in, workshop.code, "0000", NOW, client=c)
                                           for _ in range(2)], clients))
    assert all(r == ["workshop.wrong_pin"] * 2 for r in results)
    with store.engine.connect() as connection:
        per_workshop = connection.execute(text("SELECT failed_pins FROM workshops WHERE code = :c"),
                                          {"c": workshop.code}).scalar()
        per_client = connection.execute(text("SELECT failed_pins FROM pin_clients")).scalars().all()
    assert per_workshop == 32 and sorted(per_client) == [2] * 16


def test_a_guesser_at_the_projector_slows_down_only_itself_not_the_trainer(workshops, workshop):
    for minute in range(0, 20 * 16, 16):  # 20 wrong PINs, each after the previous wait ran out
        assert outcome(workshops.sign_in, workshop.code, "0000", NOW + timedelta(minutes=minute),
                                                 client="ip:10.0.0.66") == "workshop.wrong_pin"
    later = NOW + timedelta(minutes=19 * 16 + 1)  # one minute after the guesser's last try
    assert outcome(workshops.sign_in, workshop.code, "1111", later, client="ip:10.0.0.66") == "throttled"
    assert workshops.sign_in(workshop.code, "2468", later, client="ip:10.0.0.5").code == workshop.code


def test_many_clients_guessing_together_are_throttled_per_workshop_at_a_much_higher_count(workshops, workshop):
    assert PIN_WORKSHOP_FREE_FAILURES >= 10 * PIN_FREE_FAILURES
    for n in range(PIN_WORKSHOP_FREE_FAILURES):
        assert outcome(workshops.sign_in, workshop.code, "0000", NOW, client=f"s{n}") == "workshop.wrong_pin"
    assert outcome(workshops.sign_in, workshop.code, "2468", NOW, client="trainer") == "throttled"


def test_the_one_time_recovery_code_signs_the_trainer_in_while_throttled_and_lifts_every_wait(workshops, workshop):
    recovery = workshops.issue_recovery_code(workshop)
    for n in range(PIN_WORKSHOP_FREE_FAILURES):
        outcome(workshops.sign_in, workshop.code, "0000", client=f"s{n}")
    assert outcome(workshops.sign_in, workshop.code, "2468", client="trainer") == "throttled"
    assert workshops.recover(workshop.code.lower(), recovery.lower().replace("-", " ")).code == workshop.code
    assert workshops.sign_in(workshop.code, "2468", client="trainer").code == workshop.code
    with pytest.raises(WorkshopError, match="bad_recovery_code"):  # used up
        workshops.recover(workshop.code, recovery)


def test_a_wrong_recovery_code_is_refused_and_the_code_is_stored_only_as_a_hash(workshops, workshop, store):
    recovery = workshops.issue_recovery_code(workshop)
    with pytest.raises(WorkshopError, match="bad_recovery_code"):
        workshops.recover(workshop.code, "AAAA-BBBB-CCCC-DDDD")
    with store.engine.connect() as connection:
        stored = connection.execute(text("SELECT recovery_hash FROM workshops")).scalar()
    assert stored.startswith("scrypt$") and recovery not in stored


def test_no_recovery_code_was_issued_so_none_signs_in(workshops, workshop):
    with pytest.raises(WorkshopError, match="bad_recovery_code"):
        workshops.recover(workshop.code, "")


def test_workshop_unlock_on_the_servers_command_line_lifts_every_wait(workshops, workshop, database_url):
    for n in range(PIN_WORKSHOP_FREE_FAILURES):
        outcome(workshops.sign_in, workshop.code, "0000", client=f"s{n}")
    assert outcome(workshops.sign_in, workshop.code, "2468", client="trainer") == "throttled"
    done = subprocess.run([sys.executable, "-m", "kamcore", "workshop", "unlock", workshop.code.lower()],
                          capture_output=True, text=True)
    assert done.returncode == 0 and workshop.code in done.stdout, done.stderr
    assert workshops.sign_in(workshop.code, "2468", client="trainer").code == workshop.code


def test_unlocking_an_unknown_workshop_says_so_and_exits_2(database_url):
    done = subprocess.run([sys.executable, "-m", "kamcore", "workshop", "unlock", "NOPE99", "--lang", "zh"],
                          capture_output=True, text=True)
    assert done.returncode == 2 and "没有这个工作坊代码" in done.stderr and "Traceback" not in done.stderr
