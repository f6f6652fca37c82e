"""The per-user holiday table answers exactly what the ``holidays`` library answers."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import holidays
import pytest

from contractgen.domain import holiday_table
from contractgen.domain.calendar import BusinessCalendar, CalendarError

CODES = [("US", "CA"), ("DE", None), ("NL", None), ("BE", None), ("AU", "NSW"), ("GB", "SCT")]
DAYS = [dt.date(2025, 12, 20) + dt.timedelta(days=n) for n in range(0, 5 * 366, 3)]


@pytest.fixture
def table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A fresh cache folder, the table not yet read by this process."""
    monkeypatch.setenv("CONTRACTGEN_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("CONTRACTGEN_NO_CACHE", raising=False)
    holiday_table._reset_for_tests()
    yield tmp_path
    holiday_table._reset_for_tests()


def _file(folder: Path) -> Path:
    (found,) = folder.glob("holidays-*.json")
    return found


def _answers(country: str, region: str | None) -> list[bool]:
    days = holiday_table.holiday_days(country, region)
    return [d in days for d in DAYS]


@pytest.mark.parametrize(("country", "region"), CODES)
def test_the_table_answers_as_the_library_fresh_and_from_the_file(
    table: Path, country: str, region: str | None
) -> None:
    library = holidays.country_holidays(country, subdiv=region)
    expected = [d in library for d in DAYS]
    assert any(expected)
    assert _answers(country, region) == expected  # computed, then stored
    holiday_table._reset_for_tests()  # as a new process would
    days = holiday_table.holiday_days(country, region)
    assert type(days) is holiday_table.HolidayDays
    assert [d in days for d in DAYS] == expected
    assert days._library is None  # answered from the file alone


def test_a_datetime_is_asked_by_its_date(table: Path) -> None:
    days = holiday_table.holiday_days("US", "CA")
    assert dt.datetime(2027, 7, 5, 15, 30) in days
    assert dt.datetime(2027, 7, 6) not in days


def test_names_are_the_librarys(table: Path) -> None:
    for _ in range(2):  # computed, then read back
        assert holiday_table.subdivision_name("US", "CA") == "California"
        assert holiday_table.subdivision_name("US", "ZZ") is None
        assert holiday_table.country_class_name("NL") == "Netherlands"
        assert holiday_table.country_class_name("QQ") is None
        holiday_table._reset_for_tests()


def test_switched_off_it_is_the_library_itself(
    table: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CONTRACTGEN_NO_CACHE", "1")
    holiday_table._reset_for_tests()
    assert isinstance(holiday_table.holiday_days("US", "CA"), holidays.HolidayBase)
    assert holiday_table.subdivision_name("US", "CA") == "California"
    assert list(table.glob("holidays-*")) == []


def test_a_damaged_file_is_ignored_and_replaced(table: Path) -> None:
    expected = _answers("US", "CA")
    path = _file(table)
    path.write_text('{"format": 1, "days": {"US-CA": {"2027": [1, 2', encoding="utf-8")
    holiday_table._reset_for_tests()
    assert _answers("US", "CA") == expected
    holiday_table._reset_for_tests()
    assert holiday_table.holiday_days("US", "CA")._stored  # rewritten whole


def test_a_file_others_can_write_is_not_trusted(table: Path) -> None:
    expected = _answers("NL", None)
    path = _file(table)
    text = path.read_text(encoding="utf-8")
    # A forged year: every day a holiday. Writable by others, so it must not be read.
    year = list(range(dt.date(2027, 1, 1).toordinal(), dt.date(2028, 1, 1).toordinal()))
    path.write_text(text.replace('"2027":[', f'"2027":[{",".join(map(str, year))},'), "utf-8")
    os.chmod(path, 0o666)
    holiday_table._reset_for_tests()
    assert _answers("NL", None) == expected


def test_an_unknown_code_is_still_a_calendar_error_and_not_stored(table: Path) -> None:
    with pytest.raises(CalendarError, match='"XX" is not a public-holiday calendar'):
        BusinessCalendar("UTC", range(5), 540, 1080, ["XX"])
    assert not list(table.glob("holidays-*"))


def test_another_version_of_the_library_names_another_file(
    table: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _answers("BE", None)
    first = _file(table).name
    record = holiday_table._library_record()
    assert record is not None
    monkeypatch.setattr(holiday_table, "_library_record", lambda: record + "x")
    holiday_table._reset_for_tests()
    _answers("BE", None)
    assert {p.name for p in table.glob("holidays-*")} - {first}
