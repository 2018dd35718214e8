"""A dispute's parts (sites, shifts, actions, sources) are written by one set of services,
which the coordinators' pages and the API both call: each takes the dispute's lock, refuses to
write back a part removed meanwhile, and logs what it did."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from picketline.core.audit import audit_entries_for
from picketline.disputes import services
from picketline.disputes.models import PicketShift, Site, Source, StrikeAction
from tests.factories import make_dispute

pytestmark = pytest.mark.django_db


def _later(hours: int) -> dt.datetime:
    return timezone.now().replace(microsecond=0) + dt.timedelta(days=1, hours=hours)


def _parts(dispute):
    site = dispute.sites.get()
    shift = services.shift_create(
        site=site, starts_at=_later(0), ends_at=_later(2), timezone="Europe/London"
    )
    action = services.action_create(
        dispute=dispute, starts_at=_later(0), ends_at=_later(8), timezone="Europe/London"
    )
    source = services.source_create(dispute=dispute, url="https://news.example/strike")
    return site, shift, action, source


def test_it_refuses_to_bring_back_a_part_removed_meanwhile():
    dispute = make_dispute()
    site, shift, action, source = _parts(dispute)
    stale = [
        (Site.objects.get(pk=site.pk), services.site_update, "site", {"name": "Gate 2"}),
        (
            PicketShift.objects.select_related("site").get(pk=shift.pk),
            services.shift_update,
            "shift",
            {"notes": "x"},
        ),
        (StrikeAction.objects.get(pk=action.pk), services.action_update, "action", {"note": "x"}),
        (Source.objects.get(pk=source.pk), services.source_update, "source", {"title": "x"}),
    ]
    Source.objects.filter(pk=source.pk).delete()
    StrikeAction.objects.filter(pk=action.pk).delete()
    Site.objects.filter(pk=site.pk).delete()  # and its shift with it

    for part, update, name, fields in stale:
        with pytest.raises(ValidationError, match="It no longer exists"):
            update(**{name: part}, **fields)
    assert not Site.objects.filter(pk=site.pk).exists()
    assert not PicketShift.objects.filter(pk=shift.pk).exists()


def test_it_adds_no_shift_to_a_site_removed_meanwhile():
    dispute = make_dispute()
    site = dispute.sites.get()
    Site.objects.filter(pk=site.pk).delete()

    with pytest.raises(ValidationError, match="It no longer exists"):
        services.shift_create(
            site=site, starts_at=_later(0), ends_at=_later(2), timezone="Europe/London"
        )


def test_removing_a_part_twice_logs_it_once():
    dispute = make_dispute()
    _site, _shift, _action, source = _parts(dispute)
    again = Source.objects.get(pk=source.pk)

    services.source_delete(source=source)
    services.source_delete(source=again)

    assert audit_entries_for(dispute).filter(action="dispute.source_removed").count() == 1


def test_each_write_locks_the_dispute_row_first():
    dispute = make_dispute()
    site = dispute.sites.get()
    with CaptureQueriesContext(connection) as queries:
        services.site_update(site=site, name="Gate 2")

    statements = [query["sql"] for query in queries.captured_queries]
    locking = [n for n, sql in enumerate(statements) if '"disputes_dispute"' in sql]
    assert locking and locking[0] < min(
        n for n, sql in enumerate(statements) if sql.startswith("UPDATE")
    )
    if connection.features.has_select_for_update:
        assert "FOR UPDATE" in statements[locking[0]]
