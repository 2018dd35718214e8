"""Whose address a request counts against: X-Forwarded-For is believed only from our proxies."""

import pytest
from django.test import RequestFactory

from picketline.core.ratelimit import client_address
from tests.disputes.submissions.helpers import ADD_URL, valid_data


def _request(remote="203.0.113.5", forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


@pytest.fixture
def no_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    settings.TRUSTED_PROXIES = []


@pytest.fixture
def one_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.TRUSTED_PROXIES = []


@pytest.fixture
def listed_proxies(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    settings.TRUSTED_PROXIES = ["10.0.0.0/8", "2001:db8:ffff::1"]


def test_it_ignores_the_header_when_no_proxy_is_configured(no_proxy):
    assert client_address(_request(forwarded="198.51.100.2")) == "203.0.113.5"


def test_behind_one_proxy_it_takes_the_address_the_proxy_appended(one_proxy):
    request = _request("10.0.0.1", "192.0.2.66, 198.51.100.2")  # the client wrote 192.0.2.66
    assert client_address(request) == "198.51.100.2"


def test_behind_two_proxies_it_takes_the_second_address_from_the_right(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    settings.TRUSTED_PROXIES = []
    request = _request("10.0.0.1", "192.0.2.66, 198.51.100.2, 10.0.0.9")
    assert client_address(request) == "198.51.100.2"
    # Fewer entries than proxies: the leftmost was still written by one of them.
    assert client_address(_request("10.0.0.1", "198.51.100.2")) == "198.51.100.2"


def test_it_believes_the_header_only_from_a_listed_proxy(listed_proxies):
    assert client_address(_request("203.0.113.5", "198.51.100.2")) == "203.0.113.5"
    assert client_address(_request("10.1.2.3", "198.51.100.2")) == "198.51.100.2"


def test_it_walks_past_every_listed_proxy_from_the_right(listed_proxies):
    request = _request("10.0.0.1", "192.0.2.66, 198.51.100.2, 10.0.0.9, 2001:db8:ffff::1")
    assert client_address(request) == "198.51.100.2"


def test_it_takes_the_farthest_address_when_every_hop_is_a_listed_proxy(listed_proxies):
    assert client_address(_request("10.0.0.1", "10.0.0.7, 10.0.0.9")) == "10.0.0.7"
    assert client_address(_request("10.0.0.1")) == "10.0.0.1"


def test_it_reads_addresses_with_ports_and_brackets(one_proxy):
    assert client_address(_request("10.0.0.1", "198.51.100.2:51234")) == "198.51.100.2"
    assert client_address(_request("10.0.0.1", "[2001:db8::7]:443")) == "2001:db8::7"
    assert client_address(_request("10.0.0.1", " 2001:db8::7 ")) == "2001:db8::7"


@pytest.mark.parametrize(
    "forwarded", ["", " , ", "unknown", "not an address", "198.51.100.2, <script>", "999.1.1.1"]
)
def test_a_malformed_header_falls_back_to_the_connection_s_address(forwarded, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.TRUSTED_PROXIES = []
    assert client_address(_request("10.0.0.1", forwarded)) == "10.0.0.1"
    settings.TRUSTED_PROXY_COUNT = 0
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert client_address(_request("10.0.0.1", forwarded)) == "10.0.0.1"


@pytest.mark.django_db
def test_a_client_cannot_dodge_the_limit_by_sending_its_own_header(client, settings, no_proxy):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "submission": "2/hour"}
    statuses = [
        client.post(
            ADD_URL, valid_data(), REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}"
        ).status_code
        for n in range(3)
    ]
    assert statuses == [303, 303, 429]


@pytest.mark.django_db
def test_behind_a_proxy_a_client_s_own_header_does_not_dodge_the_limit(client, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "submission": "2/hour"}

    def post(forwarded):
        return client.post(
            ADD_URL, valid_data(), REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded
        ).status_code

    # The proxy appends the real client's address to whatever the client sent.
    assert [post(f"192.0.2.{n}, 203.0.113.5") for n in range(3)] == [303, 303, 429]
    # Another client behind the same proxy has a count of its own.
    assert post("198.51.100.2") == 303
