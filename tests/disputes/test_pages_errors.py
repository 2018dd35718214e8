import pytest
from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string
from django.test import RequestFactory

pytestmark = pytest.mark.django_db


def test_it_answers_an_unknown_address_with_a_helpful_404(client):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert "Page not found" in response.text
    assert 'action="/disputes/"' in response.text  # a search box to find the way


@pytest.mark.parametrize(
    ("template", "text"),
    [
        ("errors/400.html", "could not be understood"),
        ("errors/403.html", "You can't see this page"),
        ("errors/404.html", "Page not found"),
    ],
)
def test_it_renders_every_error_page_in_the_site_layout(template, text):
    request = RequestFactory().get("/somewhere/")
    request.user = AnonymousUser()
    html = render_to_string(template, request=request)
    assert text in html
    assert 'class="site-header"' in html


def test_it_renders_the_server_error_page_without_the_database(django_assert_num_queries):
    with django_assert_num_queries(0):
        html = render_to_string("errors/500.html")
    assert "Something went wrong on our side" in html
