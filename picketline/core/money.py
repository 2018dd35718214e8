"""Money as integer minor units with an ISO 4217 code: parsed exactly, shown in the reader's
language, never converted between currencies.

The exponents follow ISO 4217 list one (active currencies, 2025). A code missing from the
table is refused rather than guessed: a wrong exponent would misstate every amount a hundredfold.
"""

import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.formats import get_format, number_format
from django.utils.translation import gettext as _

# Currencies without minor units, and those with thousandths; every other code has cents.
_EXPONENT_0 = "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX VND VUV XAF XOF XPF"
_EXPONENT_3 = "BHD IQD JOD KWD LYD OMR TND"
_EXPONENT_2 = (
    "AED AFN ALL AMD AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BRL BSD BTN BWP BYN BZD "
    "CAD CDF CHF CNY COP CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP "
    "GMD GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP LKR LRD "
    "LSL MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD PAB "
    "PEN PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC "
    "SYP SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD UYU UZS VED VES WST XCD XCG YER ZAR ZMW "
    "ZWG"
)

CURRENCY_EXPONENTS: dict[str, int] = {
    **dict.fromkeys(_EXPONENT_2.split(), 2),
    **dict.fromkeys(_EXPONENT_0.split(), 0),
    **dict.fromkeys(_EXPONENT_3.split(), 3),
}

# The largest amount a form accepts, in major units: far above any strike fund, far below
# what a 64-bit column holds in minor units.
MAX_MAJOR_UNITS = 10**12

CURRENCY_CHOICES = [(code, code) for code in sorted(CURRENCY_EXPONENTS)]


def currency_exponent(code: str) -> int:
    """Digits after the decimal point for `code`; KeyError for a code not in the table."""
    return CURRENCY_EXPONENTS[code]


def check_currency(code: str) -> str:
    code = (code or "").strip().upper()
    if code not in CURRENCY_EXPONENTS:
        raise ValidationError(
            _("“%(code)s” is not a currency code we know (ISO 4217, such as GBP or EUR)."),
            code="unknown_currency",
            params={"code": code},
        )
    return code


# Spaces (thin and no-break too) and apostrophes group digits in some languages.
_SPACES = re.compile(r"[\s\u00a0\u202f'\u2019]")


def parse_amount(text: str, currency: str) -> int:
    """A positive amount typed by a person, in minor units of `currency`, exactly.

    Accepts "1234.5", "1,234.50" and, in languages that write a decimal comma, "1.234,50".
    Group separators must fall every three digits; more decimals than the currency has are
    refused rather than rounded.
    """
    exponent = currency_exponent(currency)
    raw = _SPACES.sub("", str(text or ""))
    if not raw:
        raise ValidationError(_("Enter an amount."), code="required")
    decimal_mark = get_format("DECIMAL_SEPARATOR")
    if decimal_mark not in {".", ","}:
        decimal_mark = "."
    group_mark = "," if decimal_mark == "." else "."
    pattern = (
        rf"(?P<whole>\d{{1,3}}(?:{re.escape(group_mark)}\d{{3}})+|\d+)"
        rf"(?:{re.escape(decimal_mark)}(?P<fraction>\d*))?"
    )
    match = re.fullmatch(pattern, raw)
    if match is None:
        raise ValidationError(
            _("Enter an amount in figures, such as %(example)s.") % {"example": _example(currency)},
            code="invalid",
        )
    whole = match["whole"].replace(group_mark, "")
    fraction = (match["fraction"] or "").rstrip("0")
    if len(fraction) > exponent:
        if exponent == 0:
            message = _("%(currency)s has no smaller unit: enter a whole number.")
        else:
            message = _("%(currency)s has at most %(digits)d digits after the decimal point.")
        raise ValidationError(
            message % {"currency": currency, "digits": exponent}, code="too_precise"
        )
    try:
        value = Decimal(f"{whole}.{fraction or '0'}")
    except InvalidOperation:
        raise ValidationError(_("Enter an amount in figures."), code="invalid") from None
    if value <= 0:
        raise ValidationError(_("Enter an amount greater than zero."), code="not_positive")
    if value >= MAX_MAJOR_UNITS:
        raise ValidationError(_("That amount is too large."), code="too_large")
    return int(value.scaleb(exponent))


def minor_to_decimal(amount_minor: int, currency: str) -> Decimal:
    return Decimal(amount_minor).scaleb(-currency_exponent(currency))


def format_amount(amount_minor: int, currency: str, *, with_code: bool = True) -> str:
    """E.g. "30,000.00 GBP" in English, "30.000,00 GBP" in Italian."""
    exponent = currency_exponent(currency)
    number = number_format(
        minor_to_decimal(amount_minor, currency), decimal_pos=exponent, force_grouping=True
    )
    return f"{number} {currency}" if with_code else number


def amount_input(amount_minor: int, currency: str) -> str:
    """An amount as a form shows it again: no grouping, the reader's decimal mark."""
    return number_format(
        minor_to_decimal(amount_minor, currency), decimal_pos=currency_exponent(currency)
    )


def _example(currency: str) -> str:
    return format_amount(1250 * 10 ** currency_exponent(currency), currency, with_code=False)
