"""The invitation role of chapters, organising one: accepting adds the person to the chapter's
organisers. Chapter organisers will see their chapter's people, so they need two factors."""

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from picketline.accounts.two_factor import personal_data_holder_register
from picketline.organisations.invitations.roles import InvitationRole, role_register

CHAPTER_ORGANISER = "chapter-organiser"


def _accept(chapter, user) -> None:
    chapter.organisers.add(user)


def _welcome(chapter) -> str:
    return _("You now organise %(chapter)s of %(organisation)s.") % {
        "chapter": chapter.name,
        "organisation": chapter.organisation.name,
    }


def _context(chapter) -> dict:
    return {
        "chapter": chapter,
        "organisation": chapter.organisation,
        "chapter_url": settings.SITE_URL + chapter.get_absolute_url(),
    }


def register_chapter_organiser_role() -> None:
    role_register(
        InvitationRole(
            key=CHAPTER_ORGANISER,
            model="organisations.Chapter",
            title=gettext_lazy("Invitation to organise a chapter"),
            accept_label=gettext_lazy("Accept and organise the chapter"),
            accept=_accept,
            destination=lambda chapter: chapter.get_manage_url(),
            welcome=_welcome,
            page_template="organisations/chapters/invitation_role.html",
            subject_template="organisations/chapters/invitation_subject.txt",
            email_template="organisations/chapters/invitation_email.txt",
            actions={
                "invited": "chapter.organiser_invited",
                "joined": "chapter.organiser_joined",
                "revoked": "chapter.invitation_revoked",
            },
            context=_context,
        )
    )
    personal_data_holder_register(
        "chapter-organisers", lambda user: user.organised_chapters.exists()
    )
