"""The review cadence (评审流程): the course's three reviews with an account (business relationship,
personal relationship, annual business review), each with its cadence and agenda; the year's calendar
from a start day, the record of each review held, and the calendar as an iCalendar (.ics) file."""

from __future__ import annotations

import calendar
import datetime as dt
from datetime import UTC, timedelta
from typing import Any, ClassVar, Literal

from icalendar import Calendar, Event
from pydantic import BaseModel, Field, ValidationInfo, model_validator

from kamcore.catalog import load_method
from kamcore.i18n import Text
from kamcore.methods.common import (
    DraftRow,
    Id,
    InputModel,
    MethodSpec,
    Note,
    SpecModel,
    check_choice,
    check_rows,
    complete_rows,
    ids_of,
    method_in,
)
from kamcore.methods.common import example_input as example_input

TOOL_ID = "review_cadence"
MAX_ROWS = 200
State = Literal["held", "overdue", "due", "upcoming"]


class Review(SpecModel):
    id: Id
    name: Text
    cadence_months: int = Field(ge=1, le=24)
    first_month: int = Field(ge=0, le=23)  # months after the start day the first one falls
    attendees: Text  # who usually comes
    agenda: list[Text] = Field(min_length=1)


class ReviewMethod(MethodSpec):
    tool: Literal["review_cadence"]
    horizon_months: int = Field(ge=1, le=36)  # the calendar covers this many months from the start day
    tolerance_days: int = Field(ge=0, le=180)  # a review held this close to a planned day counts for it
    reviews: list[Review] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> ReviewMethod:
        ids = ids_of(self.reviews)
        if len(set(ids)) != len(ids):
            raise ValueError("reviews: ids must be unique")
        return self

    def review(self, review_id: str) -> Review:
        return next(r for r in self.reviews if r.id == review_id)


def method(overrides: dict[str, Any] | None = None) -> ReviewMethod:
    return load_method(TOOL_ID, ReviewMethod, overrides)


def blank_input(m: ReviewMethod) -> dict[str, Any]:
    return {"start": None, "held": []}


class HeldReview(DraftRow):
    """A review that took place: counts once it says which review and when."""

    REQUIRED: ClassVar[tuple[str, ...]] = ("review", "date")
    key: Id
    review: Id | None = None
    date: dt.date | None = None
    attendees: Note = ""
    outcome: Note = ""
    actions: Note = ""


class ReviewInput(InputModel):
    start: dt.date | None = None  # the calendar's first day
    held: list[HeldReview] = Field(default_factory=list)

    @model_validator(mode="after")
    def _against_method(self, info: ValidationInfo) -> ReviewInput:
        m = method_in(info, method)
        check_rows(self.held, MAX_ROWS, "held")
        for row in self.held:
            check_choice(row.review, ids_of(m.reviews))
        return self


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day of the month `months` later; the month's last day where it is shorter."""
    year, month = divmod(day.month - 1 + months, 12)
    year += day.year
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def planned_days(review: Review, start: dt.date, horizon_months: int) -> list[dt.date]:
    """The days a review falls on within the horizon: its first month, then every cadence."""
    end = add_months(start, horizon_months)
    days, n = [], 0
    while (day := add_months(start, review.first_month + n * review.cadence_months)) < end:
        days.append(day)
        n += 1
    return days


class Planned(BaseModel):
    review: str
    day: dt.date
    held: str | None  # the key of the held review that counts for it
    state: State


class ReviewResult(BaseModel):
    today: dt.date
    calendar: list[Planned]  # by day; empty until the start day is set
    held: int  # complete records
    counted_held: int  # of the planned reviews, those held
    overdue: list[dt.date]
    unplanned: list[str]  # keys of held reviews no planned day accounts for
    next: Planned | None


def _state(day: dt.date, held: str | None, today: dt.date, tolerance: int) -> State:
    if held:
        return "held"
    if day + timedelta(days=tolerance) < today:
        return "overdue"
    return "due" if day <= today else "upcoming"


def evaluate(inp: ReviewInput, m: ReviewMethod, today: dt.date | None = None) -> ReviewResult:
    """Each planned day takes the nearest unused record of its review within the tolerance."""
    today = today or dt.date.today()
    records = sorted(complete_rows(inp.held), key=lambda r: r.date)
    used: set[str] = set()
    plan: list[Planned] = []
    for review in m.reviews:
        for day in planned_days(review, inp.start, m.horizon_months) if inp.start else []:
            near = [r for r in records if r.review == review.id and r.key not in used
                    and abs((r.date - day).days) <= m.tolerance_days]
            match = min(near, key=lambda r: abs((r.date - day).days)).key if near else None
            if match:
                used.add(match)
            plan.append(Planned(review=review.id, day=day, held=match,
                                state=_state(day, match, today, m.tolerance_days)))
    plan.sort(key=lambda p: (p.day, ids_of(m.reviews).index(p.review)))
    return ReviewResult(today=today, calendar=plan, held=len(records), counted_held=sum(bool(p.held) for p in plan),
                        overdue=[p.day for p in plan if p.state == "overdue"],
                        unplanned=[r.key for r in records if r.key not in used],
                        next=next((p for p in plan if p.state in ("due", "upcoming")), None))


def counted(inp: ReviewInput, m: ReviewMethod | None = None) -> ReviewInput | None:
    """Shown once the calendar has its start day."""
    if inp.start is None:
        return None
    return inp.model_copy(update={"held": sorted(complete_rows(inp.held), key=lambda r: r.date)})


def ics(result: ReviewResult, m: ReviewMethod, account: str, lang: str, account_key: str = "") -> bytes:
    """The planned reviews as all-day events of an iCalendar file, each with its agenda and attendees."""
    cal = Calendar()
    cal.add("prodid", "-//KAM Workshop Companion//review cadence//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"{m.title(lang)} · {account}" if account else m.title(lang))
    stamp = dt.datetime(2000, 1, 1, tzinfo=UTC)  # fixed: the same calendar gives the same file
    for p in result.calendar:
        review = m.review(p.review)
        event = Event()
        event.add("uid", f"{TOOL_ID}-{account_key or 'account'}-{p.review}-{p.day.isoformat()}@kam-workshop")
        event.add("dtstamp", stamp)
        event.add("dtstart", p.day)
        event.add("dtend", p.day + timedelta(days=1))
        event.add("summary", f"{review.name(lang)} · {account}" if account else review.name(lang))
        event.add("description", "\n".join([review.attendees(lang), *(f"- {a(lang)}" for a in review.agenda)]))
        cal.add_component(event)
    return cal.to_ical()
