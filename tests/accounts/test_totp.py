"""The algorithm against RFC 6238's own test vectors, and the rules around it."""

import time
from urllib.parse import parse_qs, urlsplit

import pytest

from picketline.accounts import totp

# RFC 6238 appendix B: the seed is the ASCII digits, repeated to the hash's key length.
SEEDS = {
    "sha1": b"12345678901234567890",
    "sha256": b"12345678901234567890123456789012",
    "sha512": b"1234567890123456789012345678901234567890123456789012345678901234",
}
VECTORS = [
    (59, "94287082", "46119246", "90693936"),
    (1111111109, "07081804", "68084774", "25091201"),
    (1111111111, "14050471", "67062674", "99943326"),
    (1234567890, "89005924", "91819424", "93441116"),
    (2000000000, "69279037", "90698825", "38618901"),
    (20000000000, "65353130", "77737706", "47863826"),
]


@pytest.mark.parametrize(("at", "sha1", "sha256", "sha512"), VECTORS)
def test_it_matches_the_rfc_6238_vectors(at, sha1, sha256, sha512):
    for algorithm, expected in (("sha1", sha1), ("sha256", sha256), ("sha512", sha512)):
        assert totp.totp(SEEDS[algorithm], at=at, digits=8, algorithm=algorithm) == expected


def test_it_makes_six_digit_codes_by_default():
    # The last six digits of the 8-digit vector: truncation is modulo a power of ten.
    assert totp.totp(SEEDS["sha1"], at=59) == "287082"


def test_it_matches_the_rfc_4226_hotp_vectors():
    expected = ["755224", "287082", "359152", "969429", "338314"]
    assert [totp.hotp(SEEDS["sha1"], counter) for counter in range(5)] == expected


def test_it_reads_secrets_as_people_type_them():
    secret = totp.secret_generate()
    assert len(secret) == 32 and "=" not in secret
    typed = totp.secret_grouped(secret).lower()
    assert " " in typed
    assert totp.secret_decode(typed) == totp.secret_decode(secret)
    assert len(totp.secret_decode(secret)) == 20


def _code(secret, at):
    return totp.totp(totp.secret_decode(secret), at=at)


def test_it_accepts_one_step_of_clock_drift_either_way():
    secret = totp.secret_generate()
    now = 1_700_000_015.0
    step = totp.time_step(now)
    assert totp.totp_match(secret, _code(secret, now), at=now) == step
    assert totp.totp_match(secret, _code(secret, now - 30), at=now) == step - 1
    assert totp.totp_match(secret, _code(secret, now + 30), at=now) == step + 1


def test_it_refuses_codes_two_steps_away():
    secret = totp.secret_generate()
    now = 1_700_000_015.0
    for other in (now - 60, now + 60):
        code = _code(secret, other)
        if code not in {_code(secret, now + delta) for delta in (-30, 0, 30)}:
            assert totp.totp_match(secret, code, at=now) is None


def test_it_refuses_a_code_from_the_same_or_an_earlier_step_than_the_last_used():
    secret = totp.secret_generate()
    now = 1_700_000_015.0
    step = totp.time_step(now)
    code = _code(secret, now)
    assert totp.totp_match(secret, code, at=now, after_step=step - 1) == step
    assert totp.totp_match(secret, code, at=now, after_step=step) is None
    assert totp.totp_match(secret, _code(secret, now - 30), at=now, after_step=step) is None


def test_it_refuses_anything_but_six_digits():
    secret = totp.secret_generate()
    code = _code(secret, time.time())
    for wrong in ("", "12345", "1234567", "abcdef", "١٢٣٤٥٦", code + "0"):
        assert totp.totp_match(secret, wrong) is None
    assert totp.totp_match(secret, f" {code[:3]} {code[3:]} ") is not None


def test_it_writes_a_provisioning_uri_for_authenticator_apps(settings):
    uri = totp.provisioning_uri("JBSWY3DPEHPK3PXP", account="ana@example.org", issuer="Picket line")
    parts = urlsplit(uri)
    assert parts.scheme == "otpauth" and parts.netloc == "totp"
    assert parts.path == "/Picket%20line:ana@example.org"
    query = {key: values[0] for key, values in parse_qs(parts.query).items()}
    assert query == {
        "secret": "JBSWY3DPEHPK3PXP",
        "issuer": "Picket line",
        "algorithm": "SHA1",
        "digits": "6",
        "period": "30",
    }
