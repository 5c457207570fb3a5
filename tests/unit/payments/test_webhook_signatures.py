"""Stripe-Signature verification over the raw body: valid, tampered, stale, replayed, boundaries."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from marketplace.core import clock
from marketplace.payments.webhooks import SignatureError, sign, verify_signature

SECRET = "whsec_test_secret"
NOW = 1_800_000_000
BODY = json.dumps(
    {"id": "evt_1", "type": "payment_intent.succeeded", "data": {"object": {"id": "pi_1"}}}
).encode()


def code_of(excinfo) -> str:
    return str(excinfo.value.code)


def test_a_valid_signature_returns_the_event():
    event = verify_signature(BODY, sign(BODY, SECRET, NOW), SECRET, now=NOW)
    assert event["id"] == "evt_1" and event["type"] == "payment_intent.succeeded"


def test_any_of_several_v1_signatures_may_match():
    good = sign(BODY, SECRET, NOW).split("v1=")[1]
    header = f"t={NOW},v1={'0' * 64},v0=ignored,v1={good}"
    assert verify_signature(BODY, header, SECRET, now=NOW)["id"] == "evt_1"


@pytest.mark.parametrize("header", [None, "", "   "])
def test_missing_header(header):
    with pytest.raises(SignatureError) as info:
        verify_signature(BODY, header, SECRET, now=NOW)
    assert code_of(info) == "missing_header"


@pytest.mark.parametrize(
    "header",
    [
        "garbage",
        f"t={NOW}",  # no v1
        "v1=abc",  # no timestamp
        f"t=soon,v1={'a' * 64}",
        f"t={NOW},v1={'a' * 64}",  # well-formed, wrong
    ],
)
def test_malformed_or_wrong_signature(header):
    with pytest.raises(SignatureError) as info:
        verify_signature(BODY, header, SECRET, now=NOW)
    assert code_of(info) == "bad_signature"


def test_a_tampered_body_fails():
    header = sign(BODY, SECRET, NOW)
    tampered = BODY.replace(b"pi_1", b"pi_2")
    with pytest.raises(SignatureError) as info:
        verify_signature(tampered, header, SECRET, now=NOW)
    assert code_of(info) == "bad_signature"


def test_a_reserialised_body_fails():
    """The signature covers the raw bytes: parsing and re-dumping the JSON (other spacing) breaks it."""
    header = sign(BODY, SECRET, NOW)
    reserialised = json.dumps(json.loads(BODY), separators=(",", ":")).encode()
    with pytest.raises(SignatureError):
        verify_signature(reserialised, header, SECRET, now=NOW)


def test_the_wrong_secret_fails():
    with pytest.raises(SignatureError) as info:
        verify_signature(BODY, sign(BODY, "whsec_other", NOW), SECRET, now=NOW)
    assert code_of(info) == "bad_signature"


def test_the_timestamp_is_part_of_the_signature():
    """Moving t forward to dodge the tolerance check invalidates the signature."""
    signature = sign(BODY, SECRET, NOW - 3600).split("v1=")[1]
    with pytest.raises(SignatureError) as info:
        verify_signature(BODY, f"t={NOW},v1={signature}", SECRET, now=NOW)
    assert code_of(info) == "bad_signature"


@pytest.mark.parametrize("age", [300, -300, 0, 299])
def test_tolerance_boundary_is_inclusive(age):
    assert verify_signature(BODY, sign(BODY, SECRET, NOW - age), SECRET, now=NOW)["id"] == "evt_1"


@pytest.mark.parametrize("age", [301, -301, 3600])
def test_stale_or_future_timestamps_are_refused(age):
    with pytest.raises(SignatureError) as info:
        verify_signature(BODY, sign(BODY, SECRET, NOW - age), SECRET, now=NOW)
    assert code_of(info) == "stale_timestamp"


def test_a_captured_request_replayed_later_is_refused():
    header = sign(BODY, SECRET, NOW)
    assert verify_signature(BODY, header, SECRET, now=NOW + 10)
    with pytest.raises(SignatureError) as info:
        verify_signature(BODY, header, SECRET, now=NOW + 301)
    assert code_of(info) == "stale_timestamp"


def test_now_defaults_to_the_clock():
    with clock.frozen(datetime.fromtimestamp(NOW + 301, UTC)), pytest.raises(SignatureError):
        verify_signature(BODY, sign(BODY, SECRET, NOW), SECRET)
    with clock.frozen(datetime.fromtimestamp(NOW + 300, UTC)):
        assert verify_signature(BODY, sign(BODY, SECRET, NOW), SECRET)


@pytest.mark.parametrize(
    "body",
    [b"not json", b"[1, 2]", b'{"type": "x"}', b'{"id": "evt_1"}', b'{"id": 5, "type": "x"}', b"\xff\xfe"],
)
def test_signed_but_not_an_event(body):
    with pytest.raises(SignatureError) as info:
        verify_signature(body, sign(body, SECRET, NOW), SECRET, now=NOW)
    assert code_of(info) == "bad_payload"


def test_a_custom_tolerance():
    header = sign(BODY, SECRET, NOW - 30)
    with pytest.raises(SignatureError):
        verify_signature(BODY, header, SECRET, tolerance_s=10, now=NOW)
