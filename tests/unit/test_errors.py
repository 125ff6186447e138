"""Refusals: one base class, read in either language by one helper."""

import pytest

from kamcore.errors import UserError
from kamcore.export.archive import ArchiveError
from kamcore.screening import MappingError, UnreadableTable
from kamcore.workshop import PinThrottled, WorkshopError


@pytest.mark.parametrize("error", [WorkshopError("workshop.wrong_pin"), PinThrottled(30),
                                   ArchiveError("archive.not_ours"), MappingError("screen.unmapped", what="x"),
                                   UnreadableTable("screen.unmapped", what="x")])
def test_every_refusal_is_a_user_error_whose_text_reads_in_both_languages(error):
    assert isinstance(error, UserError)
    assert error.text("zh") != error.text("en") and "{" not in error.text("en")


def test_a_refusal_fills_its_message_with_its_values():
    assert "45" in PinThrottled(45).text("en")


def test_file_refusals_stay_value_errors_for_callers_that_catch_those():
    assert isinstance(ArchiveError("archive.not_ours"), ValueError)
    assert isinstance(MappingError("screen.unmapped", what="x"), ValueError)
