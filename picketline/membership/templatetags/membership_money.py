from django import template

from picketline.core.money import format_amount

register = template.Library()


@register.simple_tag
def amount(amount_minor: int, currency: str) -> str:
    """An amount in minor units, as the reader's language writes it: "12.50 GBP"."""
    return format_amount(amount_minor, currency)
