import pytest

from picketline.organisations.models import Organisation
from tests import factories
from tests.api.helpers import body, problem, walk

pytestmark = pytest.mark.django_db

URL = "/api/v1/organisations"


@pytest.fixture
def organisations(db):
    unite = factories.make_organisation(name="Unite", kind="union", country="GB")
    return {
        "unite": unite,
        "ugt": factories.make_organisation(name="UGT", kind="union", country="ES"),
        "acme": factories.make_organisation(name="Acme Logistics", kind="employer", country="GB"),
        "council": factories.make_organisation(name="Leeds City Council", kind="employer"),
        "branch": Organisation.objects.create(
            name="Unite Leeds Branch", slug="unite-leeds", kind="union", country="GB", parent=unite
        ),
    }


def test_it_lists_organisations_in_name_order(client, organisations):
    items = body(client.get(URL))["items"]
    assert [item["name"] for item in items] == [
        "Acme Logistics",
        "Leeds City Council",
        "UGT",
        "Unite",
        "Unite Leeds Branch",
    ]
    acme = items[0]
    assert acme == {
        "id": organisations["acme"].pk,
        "name": "Acme Logistics",
        "slug": "acme-logistics",
        "kind": "employer",
        "kind_label": "Employer",
        "country": "GB",
        "website": "",
        "parent": None,
        "links": {
            "self": f"http://testserver/api/v1/organisations/{organisations['acme'].pk}",
            "page": "http://testserver/organisations/acme-logistics/",
            "chapters": None,
            "disputes": "http://testserver/api/v1/disputes?employer=acme-logistics",
        },
    }
    branch = items[-1]
    assert branch["parent"] == {"id": organisations["unite"].pk, "name": "Unite", "slug": "unite"}


@pytest.mark.parametrize(
    ("query", "names"),
    [
        ("kind=union", ["UGT", "Unite", "Unite Leeds Branch"]),
        ("kind=employer&country=gb", ["Acme Logistics", "Leeds City Council"]),
        ("country=ES", ["UGT"]),
        ("q=leeds", ["Leeds City Council", "Unite Leeds Branch"]),
        ("q=unite branch", ["Unite Leeds Branch"]),
    ],
)
def test_it_filters_by_kind_country_and_words(client, organisations, query, names):
    assert [item["name"] for item in body(client.get(f"{URL}?{query}"))["items"]] == names


def test_it_walks_every_page(client, organisations):
    for n in range(7):
        factories.make_organisation(name=f"Union {n:02}", kind="union")
    factories.make_organisation(name="Unite", kind="employer")  # the same name, another kind
    items = walk(client, f"{URL}?limit=3")
    ids = [item["id"] for item in items]
    assert len(ids) == len(set(ids)) == Organisation.objects.count()


def test_it_rejects_bad_filters_with_a_problem(client, organisations):
    document = problem(client.get(f"{URL}?kind=club&country=Spain&limit=500"), 400)
    assert set(document["errors"]) == {"kind", "country", "limit"}


def test_it_shows_one_organisation_with_children_and_dispute_counts(client, organisations):
    factories.make_dispute(union=organisations["unite"])
    factories.make_dispute(union=organisations["unite"], employer=organisations["acme"])
    detail = body(client.get(f"{URL}/unite"))
    assert detail["id"] == organisations["unite"].pk
    assert detail["children"] == [
        {"id": organisations["branch"].pk, "name": "Unite Leeds Branch", "slug": "unite-leeds"}
    ]
    assert detail["disputes"] == {"as_employer": 0, "as_union": 2}
    assert detail["links"]["disputes"] == "http://testserver/api/v1/disputes?union=unite"
    assert body(client.get(f"{URL}/{organisations['unite'].pk}")) == detail


def test_it_answers_an_unknown_organisation_with_a_problem(client, organisations):
    problem(client.get(f"{URL}/nobody"), 404)


def test_the_detail_has_the_platform_in_the_readers_language(client, organisations):
    from picketline.organisations.services import demand_save

    unite = organisations["unite"]
    demand_save(
        organisation=unite,
        by=None,
        text="A living wage",
        language="en",
        position=1,
        translations={"es": "Un salario digno"},
    )
    demand_save(
        organisation=unite, by=None, text="Safe rotas", language="en", position=2, translations={}
    )
    detail = body(client.get(f"{URL}/unite", headers={"Accept-Language": "es"}))
    assert detail["demands"] == [
        {
            "text": "Un salario digno",
            "language": "es",
            "translations": {"en": "A living wage", "es": "Un salario digno"},
        },
        {"text": "Safe rotas", "language": "en", "translations": {"en": "Safe rotas"}},
    ]
    assert detail["chapter_count"] == 0
    assert detail["links"]["chapters"].endswith(f"/api/v1/organisations/{unite.pk}/chapters")
