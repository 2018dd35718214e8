import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from picketline.core.audit import audit_entries_for
from picketline.disputes import services
from picketline.disputes.models import Dispute, Site
from tests.factories import make_dispute, make_moderator, make_organisation

pytestmark = pytest.mark.django_db


def test_it_creates_a_dispute_with_its_relations_and_logs_it():
    employer = make_organisation(name="Acme Buses", kind="employer")
    union = make_organisation(name="Drivers United", kind="union")
    dispute = services.dispute_create(
        title="Acme bus strike",
        employers=[employer],
        unions=[union],
        demands=["pay", "hours"],
        description="All-out strike",
    )
    assert dispute.slug == "acme-bus-strike"
    assert list(dispute.employers.all()) == [employer]
    assert sorted(dispute.demands.values_list("demand", flat=True)) == ["hours", "pay"]
    assert "drivers united" in dispute.search_text and "acme buses" in dispute.search_text
    entry = audit_entries_for(dispute).get()
    assert entry.action == "dispute.created"
    assert entry.data["changes"]["title"] == [None, "Acme bus strike"]


def test_it_gives_each_dispute_its_own_slug():
    first = services.dispute_create(title="Strike at the depot")
    second = services.dispute_create(title="Strike at the depot")
    assert first.slug != second.slug


def test_it_keeps_non_latin_titles_in_the_slug():
    dispute = services.dispute_create(title="إضراب عمال النسيج")
    assert dispute.slug == "إضراب-عمال-النسيج"


def test_it_refuses_an_end_before_the_start_and_stores_nothing():
    import datetime as dt

    with pytest.raises(ValidationError):
        services.dispute_create(
            title="Backwards", start_date=dt.date(2026, 5, 2), end_date=dt.date(2026, 5, 1)
        )
    assert not Dispute.objects.exists()


def test_it_refuses_an_unknown_status():
    with pytest.raises(ValidationError) as error:
        services.dispute_create(title="Odd", status="on holiday")
    assert "status" in error.value.message_dict


def test_the_database_refuses_an_end_before_the_start_too():
    import datetime as dt

    with pytest.raises(IntegrityError):
        Dispute.objects.create(
            title="x", slug="x", start_date=dt.date(2026, 5, 2), end_date=dt.date(2026, 5, 1)
        )


def test_it_logs_exactly_what_an_update_changed():
    moderator = make_moderator()
    dispute = make_dispute(title="Depot strike", demands=["pay"])
    services.dispute_update(
        dispute=dispute, user=moderator, status="suspended", demands=["pay", "safety"]
    )
    entry = audit_entries_for(dispute).filter(action="dispute.updated").get()
    assert entry.user == moderator
    assert entry.data["changes"] == {
        "status": ["active", "suspended"],
        "demands": [["pay"], ["pay", "safety"]],
    }


def test_it_logs_nothing_when_nothing_changed():
    dispute = make_dispute()
    services.dispute_update(dispute=dispute, status=dispute.status)
    assert not audit_entries_for(dispute).filter(action="dispute.updated").exists()


def test_it_publishes_the_exact_point_of_an_ordinary_dispute():
    dispute = make_dispute(lat=53.796512, lon=-1.547834)
    site = dispute.sites.get()
    assert (site.public_latitude, site.public_longitude) == (53.796512, -1.547834)


def test_it_coarsens_the_public_point_when_a_dispute_becomes_sensitive():
    dispute = make_dispute(lat=53.796512, lon=-1.547834)
    services.dispute_update(dispute=dispute, sensitive=True)
    site = Site.objects.get(dispute=dispute)
    assert (site.public_latitude, site.public_longitude) == (53.8, -1.5)
    assert (site.latitude, site.longitude) == (53.796512, -1.547834)
    services.dispute_update(dispute=dispute, sensitive=False)
    site.refresh_from_db()
    assert (site.public_latitude, site.public_longitude) == (53.796512, -1.547834)


def test_it_refuses_a_site_off_the_globe():
    dispute = make_dispute()
    with pytest.raises(ValidationError):
        services.site_create(dispute=dispute, latitude=91, longitude=0)
    assert dispute.sites.count() == 1


def test_it_refuses_an_unknown_time_zone_for_a_shift():
    import datetime as dt

    from django.utils import timezone

    dispute = make_dispute()
    start = timezone.now()
    with pytest.raises(ValidationError) as error:
        services.shift_create(
            site=dispute.sites.get(),
            starts_at=start,
            ends_at=start + dt.timedelta(hours=2),
            timezone="Mars/Olympus_Mons",
        )
    assert "timezone" in error.value.message_dict


def test_it_reuses_an_organisation_with_the_same_name_kind_and_country():
    first = services.organisation_get_or_create(name="Unite  the Union", kind="union", country="GB")
    again = services.organisation_get_or_create(name="Unite the Union", kind="union", country="GB")
    other = services.organisation_get_or_create(name="Unite the Union", kind="union", country="IE")
    assert first == again
    assert other != first
