"""The one-time codes: what an authenticator app shows is accepted once, within a step of now."""

import time
from urllib.parse import parse_qs, urlsplit

from picketline.accounts import totp

# RFC 6238 appendix B's SHA-1 seed "12345678901234567890", in base32 as an app would hold it.
RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"


def test_it_accepts_the_code_of_the_rfc_6238_example():
    # The RFC's 8-digit code at 59 s is 94287082; six-digit apps show its last six digits.
    assert totp.code_at(RFC_SECRET, 59) == "287082"
    assert totp.totp_match(RFC_SECRET, "287082", at=59) == 1
    assert totp.code_at(RFC_SECRET, 1111111109) == "081804"


def test_it_makes_random_secrets_apps_can_read():
    secret = totp.secret_generate()
    assert len(secret) == 32 and "=" not in secret and secret.isalnum()
    assert secret != totp.secret_generate()


def test_it_reads_secrets_as_people_type_them():
    secret = totp.secret_generate()
    typed = totp.secret_grouped(secret).lower()
    assert " " in typed
    now = time.time()
    assert totp.code_at(typed, now) == totp.code_at(secret, now)


def test_it_accepts_one_step_of_clock_drift_either_way():
    secret = totp.secret_generate()
    now = 1_700_000_015.0
    step = totp.time_step(now)
    assert totp.totp_match(secret, totp.code_at(secret, now), at=now) == step
    assert totp.totp_match(secret, totp.code_at(secret, now - 30), at=now) == step - 1
    assert totp.totp_match(secret, totp.code_at(secret, now + 30), at=now) == step + 1


def test_it_refuses_codes_two_steps_away():
    secret = totp.secret_generate()
    now = 1_700_000_015.0
    near = {totp.code_at(secret, now + delta) for delta in (-30, 0, 30)}
    for other in (now - 60, now + 60):
        code = totp.code_at(secret, other)
        if code not in near:
            assert totp.totp_match(secret, code, at=now) is None


def test_it_refuses_a_code_from_the_same_or_an_earlier_step_than_the_last_used():
    secret = totp.secret_generate()
    now = 1_700_000_015.0
    step = totp.time_step(now)
    code = totp.code_at(secret, now)
    assert totp.totp_match(secret, code, at=now, after_step=step - 1) == step
    assert totp.totp_match(secret, code, at=now, after_step=step) is None
    earlier = totp.code_at(secret, now - 30)
    assert totp.totp_match(secret, earlier, at=now, after_step=step) is None


def test_it_refuses_anything_but_six_digits():
    secret = totp.secret_generate()
    code = totp.code_at(secret)
    for wrong in ("", "12345", "1234567", "abcdef", "١٢٣٤٥٦", code + "0"):
        assert totp.totp_match(secret, wrong) is None
    assert totp.totp_match(secret, f" {code[:3]} {code[3:]} ") is not None


def test_it_writes_a_provisioning_uri_for_authenticator_apps():
    uri = totp.provisioning_uri(
        "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", account="ana@example.org", issuer="Picket line"
    )
    parts = urlsplit(uri)
    assert parts.scheme == "otpauth" and parts.netloc == "totp"
    assert parts.path == "/Picket%20line:ana%40example.org"
    query = {key: values[0] for key, values in parse_qs(parts.query).items()}
    assert query["secret"] == "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
    assert query["issuer"] == "Picket line"
    # SHA-1, 6 digits and 30 s are every app's defaults, so they may be left out.
    assert query.get("algorithm", "SHA1") == "SHA1"
    assert query.get("digits", "6") == "6" and query.get("period", "30") == "30"


def test_it_draws_the_uri_as_an_svg_qr_code():
    svg = totp.qr_svg(
        "otpauth://totp/P:a?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", title="Scan <me>"
    )
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert "<title>Scan &lt;me&gt;</title>" in svg
    assert "<script" not in svg and "style=" not in svg
