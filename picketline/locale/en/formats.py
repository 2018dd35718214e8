# One style for dates and times on an English page: "27 Dec 2026", "Mon 7 Dec", "22:13".
# Django's own English formats mix "Dec. 27, 2026" with "10:13 p.m.", whose full stops collide
# with a sentence's. MONTH_DAY_FORMAT is the short day with its weekday that picket shifts and
# events use (core.formats.day_label). Input formats stay Django's.
DATE_FORMAT = "j M Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j M Y, H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "D j M"
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
