"""Dates a text gives: the day a sentence states before a point, resolved against the article's
date (its year, its dateline's month), and the date a list's heading gives the decisions under it."""
from __future__ import annotations

import re

from graph.extract.analysis import Analysis

#: 4月25日, 2024年4月25日, 4月25日至27日, 4月25日-5月2日
DATE = re.compile(r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日(?:[至到\-~](?:(\d{1,2})月)?(\d{1,2})日)?")
#: 于20日: a day of the dateline's month
DAY = re.compile(r"(?<![月\d])(\d{1,2})日")
#: 本报3月14日讯(记者 …): the dateline dates the report, not what the sentence tells
DATELINE_PART = re.compile(r"^.{0,12}?讯(?:\([^)]*\))?")
#: 26日至27日，…举行第三十次会议: the days of a meeting the article's month holds
_MEETING_DAYS = re.compile(r"(?<![月\d])(\d{1,2})日(?:[至到\-~](\d{1,2})日)?[^。\n]{0,30}?会议")
#: （2024年5月20日X市第十八届人民代表大会常务委员会第十九次会议通过）: a decision's date and body
_DECIDED = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日[^。\n]{0,40}?(?:会议|常委会|常务会)[^。\n]{0,12}?(?:通过|决定|审议)")


def stated_date(an: Analysis, stretch: str) -> str | None:
    """The first day `stretch` states, as an ISO date, or None."""
    stretch = DATELINE_PART.sub("", stretch)
    match = DATE.search(stretch)
    if match:
        return an.iso(int(match.group(2)), int(match.group(3)), int(match.group(1)) if match.group(1) else None)
    day = DAY.search(stretch)
    if day and an.dateline:
        return an.iso(an.dateline[0], int(day.group(1)))
    return None


def date_before(an: Analysis, sentence_start: int, offset: int) -> str | None:
    """The day a sentence gives before `offset` (11月20日，… or 于20日), else the article's date."""
    return stated_date(an, an.text[sentence_start:offset]) or an.date


def decision_date(an: Analysis, offset: int) -> str | None:
    """The date of the last decision stated before `offset` (a list's heading: X年X月X日…会议通过),
    else the last day stated before it (12月22日上午，…会议举行…; the sentences after tell what it
    decided)."""
    found = None
    for match in _DECIDED.finditer(an.text, 0, offset):
        found = match
    if found:
        return an.iso(int(found.group(2)), int(found.group(3)), int(found.group(1)))
    body = DATELINE_PART.match(an.text)
    for match in reversed(list(DATE.finditer(an.text, body.end() if body else 0, offset))):
        return an.iso(int(match.group(2)), int(match.group(3)), int(match.group(1)) if match.group(1) else None)
    # 26日至27日，市人大常委会举行第三十次会议: a meeting of the article's month decides on its last day
    for match in reversed(list(_MEETING_DAYS.finditer(an.text, body.end() if body else 0, offset))):
        return _day_of_article(an, int(match.group(2) or match.group(1)))
    return None


def _day_of_article(an: Analysis, day: int) -> str | None:
    """A day written without its month: in the dateline's month, else the article date's (the
    month before, when the day comes after that date)."""
    if an.dateline:
        return an.iso(an.dateline[0], day)
    published = an.date
    if not published:
        return None
    year, month = int(published[:4]), int(published[5:7])
    if day > int(published[8:10]):
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return an.iso(month, day, year)
