"""Data versions: every write to a versioned table moves its version, in the writing
transaction, and nothing else does."""

import pytest
from django.db import transaction

from picketline.core.models import DataVersion
from picketline.core.versions import version_triggers_installed, versions
from picketline.disputes.cache import REGISTRY, registry_version
from picketline.disputes.models import Dispute, Site
from picketline.organisations.models import Organisation
from tests import factories

pytestmark = pytest.mark.django_db

REGISTRY_TABLES = (
    "disputes_dispute",
    "disputes_site",
    "disputes_dispute_employers",
    "disputes_dispute_unions",
    "organisations_organisation",
)


@pytest.mark.parametrize("table", REGISTRY_TABLES)
def test_every_registry_table_has_its_trigger(table):
    assert version_triggers_installed(REGISTRY, table)


def test_a_version_never_written_reads_as_zero_and_one_query_reads_several():
    DataVersion.objects.all().delete()
    assert versions("nothing-here", "nor-here") == "0|0"


def _moved(change) -> bool:
    before = registry_version()
    change()
    return registry_version() != before


def test_inserts_updates_and_deletes_of_each_registry_table_move_the_version():
    dispute = factories.make_dispute(title="Versioned", employer="Acme")
    union = factories.make_organisation(name="A union")
    site = dispute.sites.first()
    assert _moved(lambda: Dispute.objects.filter(pk=dispute.pk).update(title="Renamed"))
    assert _moved(lambda: Site.objects.filter(pk=site.pk).update(city="York"))
    assert _moved(lambda: dispute.unions.add(union))
    assert _moved(lambda: dispute.unions.remove(union))
    assert _moved(lambda: dispute.employers.clear())
    assert _moved(lambda: Organisation.objects.filter(pk=union.pk).update(name="Renamed union"))
    assert _moved(lambda: Site.objects.filter(pk=site.pk).delete())
    assert _moved(lambda: factories.make_dispute(title="Another"))


def test_writes_elsewhere_leave_the_registry_version_alone():
    factories.make_dispute(title="Versioned")
    assert not _moved(lambda: factories.make_user())


def test_a_rolled_back_write_leaves_the_version_as_it_was():
    dispute = factories.make_dispute(title="Versioned")
    before = registry_version()
    with pytest.raises(RuntimeError), transaction.atomic():
        Dispute.objects.filter(pk=dispute.pk).update(title="Never")
        raise RuntimeError
    assert registry_version() == before


def test_an_emptied_version_table_starts_a_new_epoch():
    factories.make_dispute(title="One")
    first = registry_version()
    DataVersion.objects.all().delete()
    factories.make_dispute(title="Two")
    second = registry_version()
    # The counter starts again, but under a new epoch, so no old key can be reused.
    assert second.split(".")[0] != first.split(".")[0]


def test_cached_under_builds_once_per_version_and_language():
    from django.utils import translation

    from picketline.core.versions import cached_under

    builds = []

    def build():
        builds.append(1)
        return len(builds)

    assert cached_under("thing", names=(REGISTRY,), build=build) == 1
    assert cached_under("thing", names=(REGISTRY,), build=build) == 1
    with translation.override("es"):
        assert cached_under("thing", names=(REGISTRY,), build=build) == 2
    factories.make_dispute(title="A change")
    assert cached_under("thing", names=(REGISTRY,), build=build) == 3
    assert len(builds) == 3


def test_an_upgrade_leaves_behind_what_was_kept_under_the_old_code():
    from django.core.management import call_command

    from picketline.core.versions import cached_under

    builds = []

    def build():
        builds.append(1)
        return len(builds)

    assert cached_under("form", names=(), build=build) == 1
    assert cached_under("form", names=(), build=build) == 1
    # Every upgrade runs migrate, even with nothing to apply: a fragment of an old template
    # is not read again.
    call_command("migrate", verbosity=0)
    assert cached_under("form", names=(), build=build) == 2


def test_messages_move_their_version():
    from picketline.solidarity.models import Message

    dispute = factories.make_dispute(title="Versioned")
    before = versions("messages")
    Message.objects.create(dispute=dispute, body="Solidarity")
    assert versions("messages") != before
    assert version_triggers_installed("messages", "solidarity_message")


def test_events_move_their_version_but_answering_one_does_not():
    from picketline.events.models import Event
    from picketline.events.rsvps.services import rsvp_create

    event = factories.make_event(capacity=10)
    before = versions("events")
    rsvp_create(event=event, user=factories.make_user())
    assert Event.objects.get(pk=event.pk).confirmed_count == 1
    assert versions("events") == before
    Event.objects.filter(pk=event.pk).update(title="Renamed rally")
    assert versions("events") != before


def test_a_days_counts_and_the_filter_choices_follow_new_events_at_once(client):
    day = factories.make_day_of_action()
    factories.make_event(day_of_action=day, locality="Lyon", country="FR")
    page = client.get(day.get_absolute_url()).content.decode()
    assert "Lyon" in page
    factories.make_event(day_of_action=day, locality="Bologna", country="IT")
    page = client.get(day.get_absolute_url()).content.decode()
    assert "Italy" in page


def test_a_page_reads_every_version_once(client, django_assert_num_queries):
    from django.test import RequestFactory

    from picketline.core.versions import VersionsReadOnce

    factories.make_dispute(title="Versioned")
    seen = []

    def view(request):
        seen.append((versions(REGISTRY), versions("delegations", REGISTRY), versions("events")))
        return None

    with django_assert_num_queries(1):
        VersionsReadOnce(view)(RequestFactory().get("/"))
    registry, pair, events = seen[0]
    assert pair == f"0|{registry}" and events == "0"
    # A POST writes: it reads afresh each time.
    with django_assert_num_queries(3):
        VersionsReadOnce(view)(RequestFactory().post("/"))
