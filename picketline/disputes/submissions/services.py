"""Writes for "Add a strike": storing a submission, publishing it, merging it into a dispute.

A submission is stored first and goes to the moderation queue, unless its submitter holds the
account of a verified union named in it: then it is published at once as union-verified.
"""

import datetime as dt
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from picketline.core.audit import log_action
from picketline.core.geo import haversine_km
from picketline.core.outbox import outbox_send
from picketline.core.text import normalize_name, plain_text
from picketline.core.tokens import token_hash
from picketline.disputes import services
from picketline.disputes.choices import Recurrence, Verification
from picketline.disputes.models import Dispute, Submission
from picketline.organisations.models import Organisation

KIND = "submission"
# A submitted site closer than this to one of the dispute's sites is the same site.
SAME_SITE_KM = 0.5
TEXT_FIELDS = (
    "employer",
    "unions",
    "description",
    "demands_other",
    "place_name",
    "picket_address",
    "submitter_name",
)
# What a moderator may change with "approve with edits", beyond the submission's own fields.
EDITABLE_EXTRA = ("title", "verification")


def status_token(submission: Submission) -> str:
    """The private status link's token: only someone holding the secret key can make it."""
    return salted_hmac(
        "picketline.submission-status", submission.status_nonce, algorithm="sha256"
    ).hexdigest()[:40]


def submission_get_by_token(*, raw: str) -> Submission | None:
    if not raw or len(raw) > 100:
        return None
    return Submission.objects.filter(status_token_hash=token_hash(raw)).first()


def submission_status_path(submission: Submission) -> str:
    return reverse("submissions:status", kwargs={"token": status_token(submission)})


def submission_title(*, employer: str, kind_label: str) -> str:
    return _("%(employer)s: %(kind)s") % {"employer": employer, "kind": kind_label}


def verified_unions_for(*, user, names: list[str]) -> list[Organisation]:
    """The verified unions among `names` whose account `user` holds."""
    if user is None or not user.is_authenticated or not names:
        return []
    keys = {normalize_name(name) for name in names}
    return list(
        Organisation.objects.filter(
            kind=Organisation.Kind.UNION,
            verified_at__isnull=False,
            coordinators=user,
            name_key__in=keys,
        )
    )


@transaction.atomic
def submission_create(*, user=None, via_api: bool = False, **fields) -> tuple[Submission, str]:
    """Stores a submission and queues it (or publishes it for a verified union's account).

    Returns the submission and the raw token of its private status page; only the token's
    hash is stored. Raises ValidationError, storing nothing, when a field is invalid.
    """
    for name in TEXT_FIELDS:
        if name in fields and isinstance(fields[name], str):
            fields[name] = plain_text(fields[name])
    fields["sources"] = list(dict.fromkeys(fields.get("sources") or []))
    fields["demands"] = sorted(set(fields.get("demands") or []))
    submission = Submission(
        submitted_by=user if user is not None and user.is_authenticated else None,
        via_api=via_api,
        status_nonce=secrets.token_hex(16),
        **fields,
    )
    raw = status_token(submission)
    submission.status_token_hash = token_hash(raw)
    submission.full_clean()
    submission.save()
    verified = verified_unions_for(user=user, names=submission.union_names)
    if verified:
        log_action(submission, f"{KIND}.submitted", user=user, data={"verified_union": True})
        submission_publish(submission=submission, user=user, verification=Verification.UNION)
        submission.dispute.coordinators.add(user)
    else:
        from picketline.moderation.services import moderation_submit

        moderation_submit(obj=submission, kind=KIND, user=user)
    _send_receipt(submission)
    return submission, raw


def _send_receipt(submission: Submission) -> None:
    if not submission.submitter_email:
        return
    context = {
        "submission": submission,
        "status_url": settings.SITE_URL + submission_status_path(submission),
        "published": submission.dispute_id is not None,
    }
    subject = render_to_string("disputes/email/submission_received_subject.txt", context)
    body = render_to_string("disputes/email/submission_received.txt", context)
    outbox_send(subject=subject, body=body, to=[submission.submitter_email])


def _organisations(names: list[str], *, kind: str, country: str) -> list[Organisation]:
    found = []
    for name in names:
        existing = Organisation.objects.filter(kind=kind, name_key=normalize_name(name)).first()
        found.append(
            existing or services.organisation_get_or_create(name=name, kind=kind, country=country)
        )
    return found


def _apply_edits(submission: Submission, edits: dict | None) -> dict:
    """Writes a moderator's edits onto the submission (validated); returns the extra values."""
    extra = {}
    if not edits:
        return extra
    for name, value in edits.items():
        if name in EDITABLE_EXTRA:
            extra[name] = value
        else:
            setattr(submission, name, value)
    submission.full_clean()
    submission.save()
    return extra


@transaction.atomic
def submission_publish(
    *, submission: Submission, user, edits: dict | None = None, verification: str | None = None
) -> Dispute:
    """Creates the dispute, its site, picket shift and sources from a submission."""
    if submission.dispute_id:
        raise ValidationError(_("This submission was already published."))
    extra = _apply_edits(submission, edits)
    kind_label = submission.get_kind_display()
    dispute = services.dispute_create(
        title=extra.get("title")
        or submission_title(employer=submission.employer, kind_label=kind_label),
        employers=_organisations(
            [submission.employer], kind=Organisation.Kind.EMPLOYER, country=submission.country
        ),
        unions=_organisations(
            submission.union_names, kind=Organisation.Kind.UNION, country=submission.country
        ),
        demands=submission.demands,
        user=user,
        kind=submission.kind,
        status=submission.dispute_status,
        sector=submission.sector,
        workers_involved=submission.workers_involved,
        demands_other=submission.demands_other,
        description=submission.description,
        language=submission.language,
        start_date=submission.start_date,
        end_date=submission.end_date,
        sensitive=submission.sensitive,
        solidarity_email=submission.solidarity_email,
        verification=extra.get("verification") or verification or Verification.CROWD,
        is_demo=submission.is_demo,
    )
    _add_site_and_shift(dispute, submission, user=user)
    for url in submission.sources:
        services.source_create(dispute=dispute, url=url, user=user)
    submission.dispute = dispute
    submission.save(update_fields=["dispute", "updated_at"])
    log_action(dispute, "dispute.published", user=user, data={"submission": submission.pk})
    return dispute


def _add_site_and_shift(dispute: Dispute, submission: Submission, *, user) -> None:
    site = None
    for existing in dispute.sites.all():
        distance = haversine_km(
            existing.latitude, existing.longitude, submission.latitude, submission.longitude
        )
        if distance <= SAME_SITE_KM:
            site = existing
            break
    if site is None:
        site = services.site_create(
            dispute=dispute,
            name=submission.picket_address[:200],
            address=submission.picket_address,
            city=submission.city,
            region=submission.region,
            country=submission.country,
            latitude=submission.latitude,
            longitude=submission.longitude,
            precision=submission.precision,
            timezone=submission.timezone,
            user=user,
        )
    if submission.picket_starts_at and submission.picket_ends_at:
        weekly = submission.picket_weekly
        services.shift_create(
            site=site,
            starts_at=submission.picket_starts_at,
            ends_at=submission.picket_ends_at,
            timezone=submission.timezone,
            recurrence=Recurrence.WEEKLY if weekly else Recurrence.NONE,
            repeat_until=(
                (submission.end_date or submission.picket_starts_at.date() + dt.timedelta(weeks=8))
                if weekly
                else None
            ),
            user=user,
        )


@transaction.atomic
def submission_merge(*, submission: Submission, user, dispute: Dispute) -> Dispute:
    """Adds what the submission knows to an existing dispute: its site and picket shift, its
    sources, unions and demands, and widens the dispute's dates to cover the submission's."""
    if submission.dispute_id:
        raise ValidationError(_("This submission was already published."))
    dispute = Dispute.objects.select_for_update().get(pk=dispute.pk)
    _add_site_and_shift(dispute, submission, user=user)
    known = set(dispute.sources.values_list("url", flat=True))
    for url in submission.sources:
        if url not in known:
            services.source_create(dispute=dispute, url=url, user=user)
    changes: dict = {}
    start, end = dispute.start_date, dispute.end_date
    if start is None or submission.start_date < start:
        changes["start_date"] = submission.start_date
    if end is not None and (submission.end_date is None or submission.end_date > end):
        changes["end_date"] = submission.end_date
    unions = list(dispute.unions.all())
    new_unions = [
        union
        for union in _organisations(
            submission.union_names, kind=Organisation.Kind.UNION, country=submission.country
        )
        if union not in unions
    ]
    demands = set(dispute.demands.values_list("demand", flat=True))
    services.dispute_update(
        dispute=dispute,
        user=user,
        unions=unions + new_unions if new_unions else None,
        demands=demands | set(submission.demands) if set(submission.demands) - demands else None,
        reason=_("Merged a submission"),
        **changes,
    )
    submission.dispute = dispute
    submission.save(update_fields=["dispute", "updated_at"])
    log_action(dispute, "dispute.merged", user=user, data={"submission": submission.pk})
    return dispute
