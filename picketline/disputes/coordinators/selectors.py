"""Reads for coordinators and moderators: the dispute's dashboard, disputes someone
coordinates, what reporters agreed to share, pending invitations, unions' accounts.

Each takes a dispute or organisation already loaded through its permission door
(`dispute_get_for_user(..., write=True)`, `organisation_get_for_user`), so nothing here checks
who is asking, except that door itself.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from picketline.accounts.roles import is_moderator
from picketline.core.formats import span_label
from picketline.disputes.models import (
    Dispute,
    Invitation,
    Organisation,
    PicketShift,
    Site,
    Submission,
)
from picketline.disputes.shifts import shift_occurrences


def dispute_dashboard(*, dispute: Dispute) -> dict:
    """Everything the coordinators' page lists of a dispute: its parts, its people, and what
    reporters agreed to share. Times are labelled in each part's own zone."""
    sites = list(
        dispute.sites.order_by("id").prefetch_related(
            Prefetch("shifts", queryset=PicketShift.objects.order_by("starts_at", "id"))
        )
    )
    shifts = [
        {
            "shift": shift,
            "site": site,
            "when": span_label(shift.starts_at, shift.ends_at, shift.timezone),
            "count": len(shift_occurrences(shift)),
        }
        for site in sites
        for shift in site.shifts.all()
    ]
    return {
        "sites": sites,
        "shifts": sorted(shifts, key=lambda row: row["shift"].starts_at),
        "actions": [
            (action, span_label(action.starts_at, action.ends_at, action.timezone))
            for action in dispute.actions.order_by("starts_at", "id")
        ],
        "sources": list(dispute.sources.order_by("created_at", "id")),
        "coordinators": list(dispute.coordinators.order_by("username")),
        "invitations": list(invitations_pending(dispute=dispute).order_by("created_at")),
        "contacts": dispute_submission_contacts(dispute=dispute),
    }


def disputes_coordinated_by(*, user) -> QuerySet[Dispute]:
    return (
        Dispute.objects.filter(coordinators=user)
        .defer("solidarity_email", "search_text", "description")
        .prefetch_related(Prefetch("sites", queryset=Site.objects.order_by("id")))
        .order_by("-updated_at", "-id")
    )


def dispute_submission_contacts(*, dispute: Dispute) -> list[dict]:
    """What the people who reported this dispute agreed to share, for its coordinators only.

    A submitter's name and email only when they consented to be contacted; the solidarity
    contact they gave is where messages of support go, so coordinators see it too.
    """
    rows = []
    submissions = Submission.objects.filter(dispute=dispute).only(
        "pk",
        "created_at",
        "submitter_name",
        "submitter_email",
        "contact_consent",
        "solidarity_email",
    )
    for submission in submissions.order_by("created_at", "id"):
        consented = submission.contact_consent
        row = {
            "submitted_at": submission.created_at,
            "name": submission.submitter_name if consented else "",
            "email": submission.submitter_email if consented else "",
            "solidarity_email": submission.solidarity_email,
        }
        if row["name"] or row["email"] or row["solidarity_email"]:
            rows.append(row)
    return rows


def invitations_pending(*, dispute=None, organisation=None) -> QuerySet[Invitation]:
    if (dispute is None) == (organisation is None):
        raise TypeError("invitations_pending() takes a dispute or an organisation")
    target = {"dispute": dispute} if dispute is not None else {"organisation": organisation}
    return Invitation.objects.filter(
        accepted_at__isnull=True,
        revoked_at__isnull=True,
        expires_at__gt=timezone.now(),
        **target,
    ).select_related("invited_by")


def user_holds_organisation(user, organisation: Organisation) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return organisation.coordinators.filter(pk=user.pk).exists()


def organisation_get_for_user(*, user, slug: str) -> Organisation:
    """An organisation for its account holders and for moderators; PermissionDenied otherwise."""
    organisation = Organisation.objects.filter(slug=slug).select_related("verified_by").first()
    if organisation is None:
        raise Http404(_("There is no organisation at this address."))
    if not (user_holds_organisation(user, organisation) or is_moderator(user)):
        raise PermissionDenied
    return organisation


def unions_for_moderators(*, q: str = "", verified: bool | None = None) -> QuerySet:
    unions = Organisation.objects.filter(kind=Organisation.Kind.UNION).annotate(
        holder_count=Count("coordinators", distinct=True)
    )
    for word in q.split():
        unions = unions.filter(name__icontains=word)
    if verified is not None:
        unions = unions.filter(verified_at__isnull=not verified)
    return unions.order_by("name", "id")


def site_defaults(*, dispute: Dispute) -> dict:
    """A new site's country and time zone, from the dispute's first site."""
    first = dispute.sites.order_by("id").only("country", "timezone").first()
    return {"country": first.country, "timezone": first.timezone} if first else {}
