"""Membership: members and treasurers (`members/`), dues plans and ledgers (`dues/`),
payment providers' events (`payments/`). Gathered here so Django finds them."""

from picketline.membership.dues.models import DuesEntry, DuesPlan, MembershipSettings
from picketline.membership.members.models import Membership, Treasurer
from picketline.membership.payments.models import ProviderEvent

__all__ = [
    "DuesEntry",
    "DuesPlan",
    "Membership",
    "MembershipSettings",
    "ProviderEvent",
    "Treasurer",
]
