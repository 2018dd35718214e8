# One style for dates and times on an Arabic page: "27 ديسمبر 2026", the weekday and day with
# the month's name, and the time on a 24-hour clock ("22:13"). MONTH_DAY_FORMAT is the short
# day with its weekday (core.formats.day_label).
DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y، H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "D j F"
SHORT_DATE_FORMAT = "j F Y"
SHORT_DATETIME_FORMAT = "j F Y، H:i"
