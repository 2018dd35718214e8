from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from picketline.solidarity.pickets.services import shift_places_check


class Command(BaseCommand):
    help = _(
        "Compare the places counted for each picket shift with the people signed up to it; "
        "with --repair, set the counts from the sign-ups."
    )

    def add_arguments(self, parser):
        parser.add_argument("--repair", action="store_true", help=_("Fix the counts found wrong."))

    def handle(self, *args, repair: bool = False, **options):
        drifts = shift_places_check(repair=repair)
        for drift in drifts:
            facts = {
                "shift": drift.shift_id,
                "starts": drift.starts_at.isoformat(),
                "taken": drift.taken,
                "people": drift.people,
            }
            if drift.taken is None:
                line = _(
                    "Shift %(shift)s at %(starts)s: no places counted, %(people)s people signed up."
                )
            else:
                line = _(
                    "Shift %(shift)s at %(starts)s: %(taken)s places counted, %(people)s "
                    "people signed up."
                )
            self.stdout.write(line % facts)
        if not drifts:
            self.stdout.write(_("Every picket shift's places agree with its sign-ups."))
        elif repair:
            self.stdout.write(
                ngettext(
                    "Repaired the places of %(count)d shift.",
                    "Repaired the places of %(count)d shifts.",
                    len(drifts),
                )
                % {"count": len(drifts)}
            )
        else:
            self.stdout.write(_("Run again with --repair to fix them."))
            raise SystemExit(1)
