"""Bank statements: a CSV of transfers, matched to members by the reference they wrote
(M123) or the address in it, shown for the treasurer to check, then recorded.

Each row is recorded under an id made from the organisation, the row's content and how
many identical rows came before it in the file, so loading the same statement twice
records each transfer once.
"""

import csv
import datetime as dt
import hashlib
import io
import re
from dataclasses import asdict, dataclass

from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from picketline.core.audit import log_action
from picketline.core.money import check_currency, parse_amount
from picketline.membership.dues.models import DuesEntry, EntryMethod
from picketline.membership.dues.services import dues_entry_record_external
from picketline.membership.members.models import Membership, MembershipStatus
from picketline.membership.members.selectors import MembershipAccess

MAX_ROWS = 5000
SALT = "picketline.membership.bank"
_REFERENCE = re.compile(r"\bM(\d{1,12})\b", re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


@dataclass
class BankRow:
    line: int
    date: str
    amount_minor: int
    currency: str
    reference: str
    external_id: str
    membership_id: int | None = None
    member_name: str = ""
    already: bool = False
    problem: str = ""


def _header(names: list[str]) -> dict[str, int]:
    found = {name.strip().lower(): index for index, name in enumerate(names)}
    missing = [name for name in ("date", "amount", "reference") if name not in found]
    if missing:
        raise ValidationError(
            _("The statement needs columns named date, amount and reference; missing: %(names)s.")
            % {"names": ", ".join(missing)}
        )
    return found


def _parse_date(text: str) -> dt.date:
    text = text.strip()
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValidationError(_("“%(date)s” is not a date (write 2025-03-31).") % {"date": text})


def _match(access: MembershipAccess, reference: str) -> Membership | None:
    members = access.members().exclude(status=MembershipStatus.PENDING).select_related("plan")
    if found := _REFERENCE.search(reference):
        return members.filter(pk=int(found.group(1))).first()
    if found := _EMAIL.search(reference):
        return members.filter(email=found.group(0).lower()).first()
    return None


def bank_statement_read(*, access: MembershipAccess, text: str) -> list[BankRow]:
    """Every transfer in the statement, with the member it matches, or why it does not."""
    if not access.keeps_dues:
        raise PermissionDenied
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        raise ValidationError(_("The statement is empty."))
    columns = _header(rows[0])
    if len(rows) > MAX_ROWS + 1:
        raise ValidationError(_("A statement may have at most %(n)d rows.") % {"n": MAX_ROWS})
    seen: dict[str, int] = {}
    result = []
    for line, cells in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue

        def cell(name, cells=cells):
            index = columns.get(name)
            return cells[index].strip() if index is not None and index < len(cells) else ""

        reference = cell("reference")[:200]
        membership = _match(access, reference)
        currency = cell("currency").upper() or (
            membership.plan.currency if membership and membership.plan else ""
        )
        raw = "|".join(cell(name) for name in ("date", "amount", "currency", "reference"))
        seen[raw] = seen.get(raw, 0) + 1
        digest = hashlib.sha256(f"{access.organisation.pk}|{raw}|{seen[raw]}".encode()).hexdigest()
        row = BankRow(
            line=line,
            date="",
            amount_minor=0,
            currency=currency,
            reference=reference,
            external_id=f"bank:{digest[:40]}",
        )
        try:
            row.date = _parse_date(cell("date")).isoformat()
            if membership is None:
                raise ValidationError(_("No member matches this reference."))
            row.currency = check_currency(currency)
            row.amount_minor = parse_amount(cell("amount"), row.currency)
            row.membership_id, row.member_name = membership.pk, membership.name
        except ValidationError as error:
            row.problem = " ".join(error.messages)
        row.already = DuesEntry.objects.filter(external_id=row.external_id).exists()
        result.append(row)
    return result


def bank_rows_sign(rows: list[BankRow]) -> str:
    return signing.dumps([asdict(row) for row in rows], salt=SALT, compress=True)


def bank_rows_unsign(value: str) -> list[BankRow]:
    try:
        return [BankRow(**row) for row in signing.loads(value, salt=SALT, max_age=3600)]
    except (signing.BadSignature, TypeError):
        raise ValidationError(_("The statement's preview has expired: load it again.")) from None


def bank_statement_record(*, access: MembershipAccess, by, rows: list[BankRow]) -> int:
    """Records the matched rows not recorded before; returns how many were recorded."""
    if not access.keeps_dues:
        raise PermissionDenied
    recorded = 0
    for row in rows:
        if row.problem or row.membership_id is None:
            continue
        membership = access.members().filter(pk=row.membership_id).select_related("plan").first()
        if membership is None:
            continue
        try:
            entry = dues_entry_record_external(
                membership=membership,
                external_id=row.external_id,
                amount_minor=row.amount_minor,
                currency=row.currency,
                method=EntryMethod.BANK,
                paid_at=dt.date.fromisoformat(row.date),
                note=row.reference[:300],
                by=by,
            )
        except ValidationError:
            continue
        recorded += entry is not None
    log_action(
        access.organisation,
        "dues.bank_statement_recorded",
        user=by,
        data={"rows": len(rows), "recorded": recorded},
    )
    return recorded
