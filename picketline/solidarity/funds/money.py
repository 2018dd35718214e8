"""Money lives in `core.money` now that dues use it too; these names stay for the funds' code."""

from picketline.core.money import (  # noqa: F401
    CURRENCY_CHOICES,
    CURRENCY_EXPONENTS,
    MAX_MAJOR_UNITS,
    amount_input,
    check_currency,
    currency_exponent,
    format_amount,
    minor_to_decimal,
    parse_amount,
)
