"""The generated NFC table agrees with this Python's Unicode database."""

import re
import unicodedata

import pytest

from vntextclean import chardata


@pytest.mark.skipif(unicodedata.unidata_version != chardata.UNIDATA_VERSION,
                    reason="table generated for another Unicode version; rerun benchmarks/make_chardata.py")
def test_every_character_nfc_could_change_is_in_the_trigger():
    unstable = re.compile(chardata.NFC_UNSTABLE_CLASS)
    missed = [hex(cp) for cp in range(0x110000)
              if not 0xD800 <= cp <= 0xDFFF
              and (unicodedata.combining(chr(cp)) or not unicodedata.is_normalized("NFC", chr(cp)))
              and not unstable.match(chr(cp))]
    assert missed == []


def test_line_without_unstable_characters_is_nfc():
    unstable = re.compile(chardata.NFC_UNSTABLE_CLASS)
    for text in ("Việt Nam", "Đảng ủy Khối", "naïve café", "東京", "한국어"):
        assert not unstable.search(text)
        assert unicodedata.is_normalized("NFC", text)
