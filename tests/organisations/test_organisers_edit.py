"""An organisation's organisers edit its page, its demands and their translations; only a
cross-union committee has member organisations, and nothing is part of itself."""

import pytest

from picketline.organisations.models import Organisation
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def committee():
    return factories.make_organisation(name="Leeds Strike Committee", kind="cross_union")


@pytest.fixture
def organiser(client, committee):
    person = factories.make_user()
    committee.coordinators.add(person)
    factories.make_totp_device(person)
    factories.login(client, person)
    return person


def _edit(client, organisation, **fields):
    data = {"kind": organisation.kind, "summary": "", "description": "", "language": "en"}
    data |= {"website": "", "country": "GB", "parent": ""} | fields
    return client.post(f"/organisations/{organisation.slug}/manage/page/", data)


def test_organisers_edit_the_page_and_its_member_organisations(client, committee, organiser):
    union = factories.make_organisation(name="Bakers Union", kind="union")
    network = factories.make_organisation(name="Support Network", kind="network")
    response = _edit(
        client,
        committee,
        summary="Every union in Leeds.",
        language="es",
        member_organisations=[union.pk, network.pk],
    )
    assert response.status_code == 302
    committee.refresh_from_db()
    assert (committee.summary, committee.language) == ("Every union in Leeds.", "es")
    assert set(committee.member_organisations.all()) == {union, network}
    assert "Bakers Union" in client.get(committee.get_absolute_url()).content.decode()
    assert "Leeds Strike Committee" in client.get(union.get_absolute_url()).content.decode()


def test_only_a_cross_union_committee_has_members(client, committee, organiser):
    union = factories.make_organisation(name="Bakers Union", kind="union")
    response = _edit(client, committee, kind="network", member_organisations=[union.pk])
    assert response.status_code == 400
    assert response.context["form"].errors["member_organisations"]
    committee.refresh_from_db()
    assert committee.kind == "cross_union"


def test_an_organisation_is_not_part_of_its_own_branch(client, committee, organiser):
    branch = factories.make_organisation(name="Committee East", kind="strike_committee")
    Organisation.objects.filter(pk=branch.pk).update(parent=committee)
    response = _edit(client, committee, parent=branch.pk)
    assert response.status_code == 400
    assert response.context["form"].errors["parent"]


def test_demands_are_added_and_translated(client, committee, organiser):
    url = f"/organisations/{committee.slug}/manage/demands/"
    data = {"text": "Pay restoration", "language": "en", "position": 1}
    assert client.post(url, data | {"text_es": "Recuperar el salario"}).status_code == 302
    demand = committee.demands.get()
    assert dict(demand.translations.values_list("language", "text")) == {
        "es": "Recuperar el salario"
    }
    edit = f"{url}{demand.pk}/"
    assert client.post(edit, data | {"text_es": "", "text_ar": "استعادة الأجور"}).status_code == 302
    assert dict(demand.translations.values_list("language", "text")) == {"ar": "استعادة الأجور"}
    page = client.get(committee.get_absolute_url(), headers={"Accept-Language": "ar"})
    assert "استعادة الأجور" in page.content.decode()
