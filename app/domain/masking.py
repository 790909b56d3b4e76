"""Masking of buyers' personal data for screens and paper."""

from __future__ import annotations

import re

# The buyer's personal data on an order: stored encrypted (app.admin.pii), shown masked, revealed one field at a
# time to a customs officer (`bwms orders reveal ORDER FIELD`, audited).
PERSONAL_FIELDS = ("buyer_name", "buyer_id_number", "buyer_phone", "consignee_name", "consignee_phone")


def mask_id_number(value: str) -> str:
    """330106199408148190 → 330106********8190 (keep the region and the last four)."""
    if len(value) <= 10:
        return "*" * len(value)
    return value[:6] + "*" * (len(value) - 10) + value[-4:]


def mask_phone(value: str) -> str:
    """15821605483 → 158****5483."""
    if len(value) < 7:
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 7) + value[-4:]


_ID_TEXT = re.compile(r"(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])")
_PHONE_TEXT = re.compile(r"(?<!\d)1\d{10}(?!\d)")


def mask_text(text: str) -> str:
    """Any ID number or mobile number inside free text (a raw record, an XML file) masked."""
    return _PHONE_TEXT.sub(lambda m: mask_phone(m.group()), _ID_TEXT.sub(lambda m: mask_id_number(m.group()), text))
