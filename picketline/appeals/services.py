"""Writing appeals: publishing one for a campaign or a dispute, its targets, the target's
reply; signing (a supporter's signature waits for the emailed link) and confirming, which
queues one delivery per target when the appeal sends. Every change writes an audit entry;
supporters' and targets' names and addresses never go into one."""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from picketline.appeals import notices
from picketline.appeals.models import (
    Appeal,
    AppealDelivery,
    AppealMode,
    EditAllowance,
    Signature,
    SignatureStatus,
    Target,
)
from picketline.appeals.selectors import appeal_is_open, signature_get_by_confirm_token
from picketline.core.audit import log_action
from picketline.core.confirm_links import (
    CONFIRM_LINK_FIELDS,
    confirm_link_check,
    confirm_link_new,
    confirm_link_take,
    confirm_link_used,
    confirm_links_expired,
)
from picketline.core.text import plain_text

INSERT_BATCH = 1000

APPEAL_FIELDS = (
    "title",
    "summary",
    "subject",
    "body",
    "allowance",
    "paragraph_limit",
    "mode",
    "opens_at",
    "closes_at",
    "per_hour",
    "show_targets",
    "language",
)


def _clean_appeal(fields: dict) -> dict:
    fields = dict(fields)
    for name in ("title", "subject"):
        fields[name] = plain_text(fields.get(name) or "").strip()
    for name in ("body", "summary"):
        fields[name] = (fields.get(name) or "").strip()
    errors = {}
    if not fields["title"]:
        errors["title"] = [_("Give the appeal a title.")]
    if not fields["subject"]:
        errors["subject"] = [_("Give the message a subject.")]
    if not fields["body"]:
        errors["body"] = [_("Write the message the supporters sign.")]
    if fields.get("mode") not in AppealMode.values:
        errors["mode"] = [_("Choose whether the appeal sends emails or is a petition.")]
    if fields.get("allowance") not in EditAllowance.values:
        errors["allowance"] = [_("Choose what supporters may change.")]
    limit = fields.get("paragraph_limit")
    if not isinstance(limit, int) or not 1 <= limit <= 4000:
        errors["paragraph_limit"] = [_("Give a length between 1 and 4,000 characters.")]
    per_hour = fields.get("per_hour")
    if per_hour is not None and (not isinstance(per_hour, int) or per_hour < 1):
        errors["per_hour"] = [_("Give at least one email an hour.")]
    opens, closes = fields.get("opens_at"), fields.get("closes_at")
    for name, value in (("opens_at", opens), ("closes_at", closes)):
        if not isinstance(value, dt.datetime) or timezone.is_naive(value):
            errors[name] = [_("Give a date and time.")]
    if "opens_at" not in errors and "closes_at" not in errors and closes <= opens:
        errors["closes_at"] = [_("The appeal must close after it opens.")]
    if errors:
        raise ValidationError(errors)
    return fields


def _unique_slug(title: str) -> str:
    base = slugify(title, allow_unicode=True)[:100] or "appeal"
    if base.isdigit():
        base = f"appeal-{base}"
    slug, n = base, 1
    while Appeal.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


@transaction.atomic
def appeal_create(*, campaign=None, dispute=None, user, is_demo=False, **fields) -> Appeal:
    """Publishes an appeal of a campaign or of a dispute (exactly one)."""
    if (campaign is None) == (dispute is None):
        raise TypeError("appeal_create() takes a campaign or a dispute")
    fields = _clean_appeal({"language": get_language() or "en", **fields})
    appeal = Appeal.objects.create(
        campaign=campaign,
        dispute=dispute,
        slug=_unique_slug(fields["title"]),
        is_demo=is_demo,
        **{name: fields[name] for name in APPEAL_FIELDS},
    )
    log_action(appeal, "appeal.created", user=user, data={"mode": appeal.mode})
    return appeal


@transaction.atomic
def appeal_update(*, appeal: Appeal, user, **fields) -> Appeal:
    fields = _clean_appeal({"language": appeal.language, **fields})
    appeal = Appeal.objects.select_for_update().get(pk=appeal.pk)
    changed = [name for name in APPEAL_FIELDS if getattr(appeal, name) != fields[name]]
    for name in changed:
        setattr(appeal, name, fields[name])
    if changed:
        appeal.save(update_fields=[*changed, "updated_at"])
        log_action(appeal, "appeal.changed", user=user, data={"fields": changed})
    if "mode" in changed and appeal.mode == AppealMode.SEND:
        # A petition that starts sending: what was signed so far goes to every target too.
        confirmed = Signature.objects.filter(
            appeal=appeal, status=SignatureStatus.CONFIRMED
        ).values_list("pk", flat=True)
        targets = list(Target.objects.filter(appeal=appeal).values_list("pk", flat=True))
        pairs = ((s, t) for s in confirmed.iterator() for t in targets)
        if targets and _deliveries_for(appeal, pairs):
            _deliver_on_commit(appeal)
    return appeal


def _deliveries_for(appeal: Appeal, pairs) -> int:
    rows = [AppealDelivery(appeal_id=appeal.pk, signature_id=s, target_id=t) for s, t in pairs]
    AppealDelivery.objects.bulk_create(rows, batch_size=INSERT_BATCH, ignore_conflicts=True)
    return len(rows)


def _deliver_on_commit(appeal: Appeal) -> None:
    from picketline.appeals.delivery import deliver_appeal

    appeal_id = appeal.pk
    transaction.on_commit(lambda: deliver_appeal.enqueue(appeal_id=appeal_id))


@transaction.atomic
def target_add(*, appeal: Appeal, name: str, email: str, role="", organisation="", user) -> Target:
    """Adds someone the appeal writes to. When it sends, every signature already confirmed is
    queued for them too: each target gets one email per confirmed supporter."""
    name = plain_text(name or "").strip()[:200]
    email = (email or "").strip().lower()
    errors = {}
    if not name:
        errors["name"] = [_("Give the target's name.")]
    if not email or "@" not in email:
        errors["email"] = [_("Give the target's email address (it is never shown).")]
    if errors:
        raise ValidationError(errors)
    appeal = Appeal.objects.select_for_update().get(pk=appeal.pk)
    if Target.objects.filter(appeal=appeal, email=email).exists():
        raise ValidationError({"email": [_("This address is a target of the appeal already.")]})
    target = Target.objects.create(
        appeal=appeal,
        name=name,
        email=email,
        role=plain_text(role or "").strip()[:200],
        organisation=plain_text(organisation or "").strip()[:200],
    )
    if appeal.mode == AppealMode.SEND:
        confirmed = Signature.objects.filter(
            appeal=appeal, status=SignatureStatus.CONFIRMED
        ).values_list("pk", flat=True)
        if _deliveries_for(appeal, ((pk, target.pk) for pk in confirmed.iterator())):
            _deliver_on_commit(appeal)
    log_action(appeal, "appeal.target_added", user=user, data={"target": target.pk})
    return target


@transaction.atomic
def target_remove(*, target: Target, user) -> None:
    """Removes a target; what was not yet sent to them is never sent."""
    appeal = target.appeal
    target.delete()
    log_action(appeal, "appeal.target_removed", user=user, data={"target": target.pk})


@transaction.atomic
def reply_publish(*, appeal: Appeal, text: str, replied_on: dt.date | None, user) -> Appeal:
    """Publishes the target's reply on the appeal's page (an empty text takes it down)."""
    text = (text or "").strip()
    if text and replied_on is None:
        raise ValidationError({"replied_on": [_("Give the date of the reply.")]})
    appeal = Appeal.objects.select_for_update().get(pk=appeal.pk)
    appeal.reply_text = text
    appeal.reply_on = replied_on if text else None
    appeal.save(update_fields=["reply_text", "reply_on", "updated_at"])
    log_action(appeal, "appeal.reply_published" if text else "appeal.reply_removed", user=user)
    return appeal


# --- signing --------------------------------------------------------------------------------


@dataclass(frozen=True)
class SignResult:
    signature: Signature
    created: bool


def _check_signer(appeal: Appeal, *, name: str, email: str, country: str, paragraph: str):
    errors = {}
    if not name:
        errors["name"] = [_("Give your name: the message is sent signed with it.")]
    if not email or "@" not in email:
        errors["email"] = [
            _("Give an email address: we send a link to confirm, and never publish it.")
        ]
    if len(country) != 2 or not country.isascii() or not country.isalpha():
        errors["country"] = [_("Choose a country (a two-letter code such as GB or ES).")]
    if paragraph and appeal.allowance != EditAllowance.PARAGRAPH:
        errors["paragraph"] = [_("This appeal is signed as it is, without a paragraph.")]
    elif len(paragraph) > appeal.paragraph_limit:
        errors["paragraph"] = [
            _("Keep your paragraph within %(limit)d characters (it has %(length)d).")
            % {"limit": appeal.paragraph_limit, "length": len(paragraph)}
        ]
    if errors:
        raise ValidationError(errors)
    if not appeal_is_open(appeal):
        raise ValidationError(_("This appeal is not open for signatures."), code="closed")


def signature_submit(
    *, appeal: Appeal, name: str, email: str, country: str, paragraph: str = ""
) -> SignResult:
    """A supporter signs. The signature waits for the emailed link; the same address signing
    again makes nothing new (one still waiting gets a new link), and the answer is the same
    either way, so the form reveals nothing about who signed."""
    name = plain_text(name or "").strip()[:200]
    email = (email or "").strip().lower()
    country = (country or "").strip().upper()
    paragraph = (paragraph or "").strip()
    _check_signer(appeal, name=name, email=email, country=country, paragraph=paragraph)
    fields = {"name": name, "email": email, "country": country, "paragraph": paragraph}
    try:
        return _sign(appeal=appeal, fields=fields)
    except IntegrityError:
        # The same address twice at the same moment: the other request stored it.
        return _sign(appeal=appeal, fields=fields)


@transaction.atomic
def _sign(*, appeal: Appeal, fields: dict) -> SignResult:
    existing = (
        Signature.objects.select_for_update().filter(appeal=appeal, email=fields["email"]).first()
    )
    if existing is not None:
        if existing.status == SignatureStatus.PENDING:
            raw = confirm_link_new(existing, hours=settings.APPEAL_CONFIRM_HOURS)
            existing.save(update_fields=CONFIRM_LINK_FIELDS)
            notices.signature_confirm_link(existing, raw)
        return SignResult(signature=existing, created=False)
    signature = Signature(appeal=appeal, language=get_language() or "", **fields)
    raw = confirm_link_new(signature, hours=settings.APPEAL_CONFIRM_HOURS)
    signature.save()
    log_action(
        appeal, "appeal.signed", data={"signature": signature.pk, "country": signature.country}
    )
    notices.signature_confirm_link(signature, raw)
    return SignResult(signature=signature, created=True)


def signature_confirm_check(*, raw: str) -> Signature:
    """The waiting signature the link confirms; ValidationError (code "unknown" or "expired")
    when the link does nothing."""
    return confirm_link_check(
        signature_get_by_confirm_token(raw=raw),
        pending=SignatureStatus.PENDING,
        expired_message=_("This link has expired. Sign the appeal again to get a new one."),
    )


@transaction.atomic
def signature_confirm(*, raw: str) -> Signature:
    """Follows the emailed link: the signature counts from now, and, when the appeal sends,
    one delivery per target is queued. The link works once."""
    signature = confirm_link_take(lambda: signature_confirm_check(raw=raw))
    signature.status = SignatureStatus.CONFIRMED
    signature.confirmed_at = timezone.now()
    signature.save(update_fields=["status", "confirmed_at", *confirm_link_used(signature)])
    appeal = signature.appeal
    if appeal.mode == AppealMode.SEND:
        targets = Target.objects.filter(appeal=appeal).values_list("pk", flat=True)
        if _deliveries_for(appeal, ((signature.pk, t) for t in targets)):
            _deliver_on_commit(appeal)
    log_action(appeal, "appeal.signature_confirmed", data={"signature": signature.pk})
    return signature


@transaction.atomic
def signatures_unconfirmed_forget() -> int:
    """Deletes signatures never confirmed whose link has expired, with their name and address;
    returns how many. Signing again sends a new link."""
    pending = Signature.objects.filter(status=SignatureStatus.PENDING)
    deleted, _by_model = confirm_links_expired(pending).delete()
    return deleted
