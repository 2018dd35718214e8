"""`picketline demo-organisations`: the network, the union with branches and the cross-union
committee, idempotent."""

import pytest
from django.core.management import call_command

from picketline.organisations.demo import DEMO_COMMITTEE, DEMO_NETWORK, DEMO_UNION
from picketline.organisations.models import (
    Chapter,
    Organisation,
    OrganisationDemand,
    OrganisationDemandTranslation,
)

pytestmark = pytest.mark.django_db


def _snapshot():
    return (
        sorted(Organisation.objects.values_list("slug", "kind", "parent__slug")),
        sorted(Chapter.objects.values_list("organisation__slug", "slug", "latitude", "timezone")),
        sorted(OrganisationDemand.objects.values_list("organisation__slug", "text")),
        OrganisationDemandTranslation.objects.count(),
        sorted(
            Organisation.member_organisations.through.objects.values_list(
                "from_organisation__slug", "to_organisation__slug"
            )
        ),
    )


def test_it_loads_the_demo_organisations_once(capsys):
    call_command("demo_organisations")
    first = _snapshot()
    call_command("demo_organisations")
    assert _snapshot() == first
    assert "already there" in capsys.readouterr().out

    network = Organisation.objects.get(name=DEMO_NETWORK)
    assert network.kind == "network" and network.is_demo
    chapters = network.chapters.all()
    assert chapters.count() >= 6
    assert len({chapter.country for chapter in chapters}) >= 3
    assert all(chapter.is_demo for chapter in Chapter.objects.all())
    languages = set(OrganisationDemandTranslation.objects.values_list("language", flat=True))
    assert {"es", "ar"} <= languages
    union = Organisation.objects.get(name=DEMO_UNION)
    assert union.children.filter(kind="union_branch").count() >= 2
    committee = Organisation.objects.get(name=DEMO_COMMITTEE)
    assert committee.kind == "cross_union"
    assert committee.member_organisations.count() >= 3


def test_its_pages_answer(client):
    call_command("demo_organisations")
    network = Organisation.objects.get(name=DEMO_NETWORK)
    assert client.get(network.get_absolute_url()).status_code == 200
    for chapter in network.chapters.all():
        assert client.get(chapter.get_absolute_url()).status_code == 200
