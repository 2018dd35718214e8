"""Every model of the solidarity app, gathered from its parts so Django finds them under the
one app label `solidarity`. Each part keeps its own in its `models.py`; import them from there.

Contact details given here (senders', pledgers' and picket volunteers' emails and phones) are
private: only the dispute's coordinators see what the person agreed to share.
"""

from picketline.solidarity.delegations.models import Delegation, DelegationKind
from picketline.solidarity.funds.models import (
    EntryKind,
    Fund,
    FundKind,
    LedgerEntry,
    Pledge,
    PledgeRecurrence,
    PledgeStatus,
)
from picketline.solidarity.messages.models import (
    DeliveryStatus,
    DigestFrequency,
    Message,
    MessageDelivery,
    MessageRecipient,
)
from picketline.solidarity.pickets.models import ShiftAttendance, ShiftPlaces, ShiftSignup

__all__ = [
    "Delegation",
    "DelegationKind",
    "DeliveryStatus",
    "DigestFrequency",
    "EntryKind",
    "Fund",
    "FundKind",
    "LedgerEntry",
    "Message",
    "MessageDelivery",
    "MessageRecipient",
    "Pledge",
    "PledgeRecurrence",
    "PledgeStatus",
    "ShiftAttendance",
    "ShiftPlaces",
    "ShiftSignup",
]
