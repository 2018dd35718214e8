"""What membership registers with the rooms below it: who must use two factors, the arrears
reminders `picketline send-reminders` runs, its parts of organisations' and chapters' pages,
and the personal data it holds (for people's own export and erasure)."""

from django.utils.translation import gettext_lazy as _

from picketline.accounts.personal_data import person_email, personal_data_register
from picketline.accounts.two_factor import personal_data_holder_register
from picketline.core.reminders import reminder_task_register
from picketline.organisations.hooks import (
    ACTIONS,
    CHAPTER,
    PUBLIC,
    OrganisationCount,
    OrganisationSection,
    organisation_count_register,
    organisation_section_register,
)


def register() -> None:
    from picketline.membership.dues.tasks import dues_reminders_send
    from picketline.membership.members import sections

    # Chapter organisers see their chapter's roster; treasurers see members' names and dues.
    personal_data_holder_register(
        "chapter-organisers", lambda user: user.organised_chapters.exists()
    )
    personal_data_holder_register("treasurers", lambda user: user.treasurer_of.exists())
    reminder_task_register(dues_reminders_send)
    organisation_section_register(
        OrganisationSection(
            key="join",
            page=PUBLIC,
            slot=ACTIONS,
            order=10,
            template="membership/sections/_join.html",
            context=sections.join_actions,
        )
    )
    organisation_section_register(
        OrganisationSection(
            key="join",
            page=CHAPTER,
            slot=ACTIONS,
            order=10,
            template="membership/sections/_join_chapter.html",
            context=sections.join_chapter_action,
        )
    )
    organisation_count_register(
        OrganisationCount(
            key="members",
            order=10,
            count=sections.member_count,
            label=sections.member_count_label,
        )
    )
    _register_personal_data()


def _register_personal_data() -> None:
    from picketline.membership.members import selectors, services

    def memberships(user):
        return selectors.memberships_of_person(user=user, email=person_email(user))

    personal_data_register(
        "memberships",
        label=_("Memberships"),
        export=lambda user: [selectors.membership_export(m) for m in memberships(user)],
        erase=lambda user: services.memberships_erase_for_person(
            user=user, email=person_email(user)
        ),
        order=10,
    )
    # Erased with the memberships: the entries stay in the ledger, without their notes.
    personal_data_register(
        "dues_entries",
        label=_("Dues paid"),
        export=lambda user: selectors.dues_entries_export(memberships(user)),
        order=11,
    )
