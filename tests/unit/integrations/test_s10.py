"""UPU S10 identifiers (integrations/carriers/s10.py): the check digit, including its two special cases."""

from __future__ import annotations

import pytest

from marketplace.integrations.carriers import s10


def test_the_upu_example_checks():
    # S10's worked example: 4x8 + 7x6 + 3x4 + 1x2 + 2x3 + 4x5 + 8x9 + 2x7 = 200; 200 mod 11 = 2; 11 - 2 = 9
    assert s10.check_digit("47312482") == 9
    assert s10.identifier("RR", 47312482, "GB") == "RR473124829GB"
    assert s10.is_valid("RR473124829GB")


def test_ten_is_written_0_and_eleven_5():
    assert s10.check_digit("70000000") == 0  # 56 mod 11 = 1 -> 10 -> 0
    assert s10.check_digit("00000000") == 5  # 0 mod 11 = 0 -> 11 -> 5


@pytest.mark.parametrize("number", ["RR473124828GB", "RR47312482GB", "rr473124829GB", "RR473124829G", None, 42])
def test_wrong_check_digit_or_form_is_invalid(number):
    assert not s10.is_valid(number)


@pytest.mark.parametrize(("indicator", "serial", "country"),
                         [("R", 1, "GB"), ("R1", 1, "GB"), ("RR", -1, "GB"), ("RR", 10**8, "GB"), ("RR", 1, "gb"),
                          ("RR", True, "GB")])
def test_bad_parts_are_refused(indicator, serial, country):
    with pytest.raises(ValueError):
        s10.identifier(indicator, serial, country)
