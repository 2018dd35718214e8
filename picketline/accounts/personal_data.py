"""Everything Picketline holds about one person, for their own export and erasure.

Accounts never imports the rooms. Each room that keeps personal data registers, from its
`AppConfig.ready()`, one entry per kind of thing it keeps:

    personal_data_register(
        "rsvps",
        label=gettext_lazy("RSVPs"),
        export=lambda user: [{"event": …, "name": …, "email": …}, …],
        erase=rsvps_erase,            # or None when deleting the account is enough
    )

`export(user)` returns plain rows (dicts of strings, numbers, booleans, dates or None), never
a hash or a secret. `erase(user)` deletes what the person gave, or, where a record must stay
(a dues ledger, a published message), keeps it with the person anonymised; it must be safe to
run twice. What someone did without signing in (a message with an email, an RSVP by email)
is theirs when its address is the account's *confirmed* address (`person_email`), compared
without regard to case; any other address, even one they typed somewhere, is not.
"""

import csv
import datetime as dt
import io
import json
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Q
from django.utils import timezone

from picketline.accounts.models import ConfirmedEmail

# Where an erased record's address points: a reserved domain, so no email can reach anyone.
ERASED_DOMAIN = "erased.invalid"


def erased_address(pk) -> str:
    """The address an erased record keeps where one is required (unique per record)."""
    return f"erased-{pk}@{ERASED_DOMAIN}"


def is_erased_address(email: str) -> bool:
    return (email or "").lower().endswith(f"@{ERASED_DOMAIN}")


@dataclass(frozen=True)
class PersonalDataKind:
    kind: str
    label: object
    export: Callable[..., list[dict]]
    erase: Callable[..., None] | None = None
    order: int = 100


_KINDS: dict[str, PersonalDataKind] = {}


def personal_data_register(
    kind: str,
    *,
    label,
    export: Callable[..., list[dict]],
    erase: Callable[..., None] | None = None,
    order: int = 100,
) -> None:
    if not kind.replace("_", "").isalnum():
        raise ValueError(f"a kind is a plain name, not {kind!r}")
    _KINDS[kind] = PersonalDataKind(kind=kind, label=label, export=export, erase=erase, order=order)


def personal_data_kinds() -> list[PersonalDataKind]:
    return sorted(_KINDS.values(), key=lambda k: (k.order, k.kind))


def person_email(user) -> str | None:
    """The account's address, lower-cased, when its owner has confirmed it; else None."""
    email = (user.email or "").strip().lower()
    if not email:
        return None
    confirmed = ConfirmedEmail.objects.filter(user=user).first()
    if confirmed is None or confirmed.email.strip().lower() != email:
        return None
    return email


def person_owns(user, *, account: str, email: str) -> Q:
    """Rows that are `user`'s: linked to the account by the `account` field, or left without an
    account under the `email` field's address when it is the account's confirmed one."""
    mine = Q(**{account: user})
    address = person_email(user)
    if address:
        mine |= Q(**{f"{email}__iexact": address})
    return mine


def personal_data_export(user) -> dict:
    """One document: every registered kind, with its label and its rows."""
    return {
        "generated_at": timezone.now(),
        "kinds": {
            kind.kind: {"label": str(kind.label), "items": kind.export(user)}
            for kind in personal_data_kinds()
        },
    }


def export_json(document: dict) -> bytes:
    return json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2).encode()


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dict | list):
        return json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False)
    return str(value)


def export_zip(document: dict) -> bytes:
    """A zip of one CSV per kind (`<kind>.csv`, a header row even when empty)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for kind, part in document["kinds"].items():
            columns: list[str] = []
            for row in part["items"]:
                columns += [key for key in row if key not in columns]
            text = io.StringIO()
            writer = csv.writer(text)
            writer.writerow(columns)
            for row in part["items"]:
                writer.writerow([_cell(row.get(column)) for column in columns])
            archive.writestr(f"{kind}.csv", text.getvalue())
    return buffer.getvalue()
