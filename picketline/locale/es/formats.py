# One style for dates and times on a Spanish page: "27 dic 2026", "lun 7 dic", "22:13".
# MONTH_DAY_FORMAT is the short day with its weekday (core.formats.day_label).
DATE_FORMAT = "j b Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j b Y, H:i"
YEAR_MONTH_FORMAT = r"F \d\e Y"
MONTH_DAY_FORMAT = "D j b"
SHORT_DATE_FORMAT = "j b Y"
SHORT_DATETIME_FORMAT = "j b Y, H:i"
