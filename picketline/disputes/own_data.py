"""What the registry holds about a person, for their own export and erasure (registered with
`accounts.personal_data`): the reports ("add a strike") they sent, and disputes whose private
solidarity contact is their address.

A report is the person's when sent while signed in, or with their confirmed address. Erasing
keeps the report (what it says about a dispute is not about them) without their name,
address, account, a contact address of theirs or their answers to the moderators' questions;
a dispute whose solidarity contact is their address loses it.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from picketline.accounts.personal_data import person_email, person_owns, personal_data_register
from picketline.disputes.models import Dispute, Submission
from picketline.moderation.services import submitter_answers, submitter_answers_erase


def _submissions(user):
    mine = person_owns(user, account="submitted_by", email="submitter_email")
    return Submission.objects.filter(mine).select_related("dispute").order_by("created_at", "id")


def submissions_export(user) -> list[dict]:
    return [
        {
            "employer": submission.employer,
            "place": submission.place_name,
            "what_is_happening": submission.description,
            "language": submission.language,
            "name": submission.submitter_name,
            "email": submission.submitter_email,
            "solidarity_contact": submission.solidarity_email,
            "dispute_status": submission.dispute_status,
            "published_as": submission.dispute.title if submission.dispute else "",
            "sent_at": submission.created_at,
            "answers_to_moderators": submitter_answers(submission),
        }
        for submission in _submissions(user)
    ]


def submissions_erase(user) -> None:
    email = person_email(user)
    submissions = list(_submissions(user))
    submitter_answers_erase(submissions)
    for submission in submissions:
        submission.submitter_name = ""
        submission.submitter_email = ""
        submission.contact_consent = False
        submission.submitted_by = None
        if email and submission.solidarity_email.lower() == email:
            submission.solidarity_email = ""
        submission.save()
    if email:
        Dispute.objects.filter(solidarity_email__iexact=email).update(
            solidarity_email="", updated_at=timezone.now()
        )


def contacts_export(user) -> list[dict]:
    email = person_email(user)
    if not email:
        return []
    return [
        {"dispute": dispute.title, "solidarity_contact": dispute.solidarity_email}
        for dispute in Dispute.objects.filter(solidarity_email__iexact=email).order_by("id")
    ]


def register() -> None:
    personal_data_register(
        "submissions",
        label=_("Disputes you reported"),
        export=submissions_export,
        erase=submissions_erase,
        order=40,
    )
    # Erased with the reports.
    personal_data_register(
        "solidarity_contacts",
        label=_("Disputes with your address as their solidarity contact"),
        export=contacts_export,
        order=41,
    )
