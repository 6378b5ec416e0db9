"""Which answer fields and request parameters hold personal data, and of what kind.

A documented list rather than a marker in the contract: personal is a property of the data (a person's
name, a phone number), and the same field names carry it across every action. ``tests/test_recorder.py``
checks that every name here is a field or parameter of the contract, so the list cannot rot.
"""

from __future__ import annotations

PERSONAL_FIELDS: dict[str, str] = {
    # people's names
    "first_name": "first_name",
    "last_name": "last_name",
    "full_name": "full_name",
    "name": "full_name",  # goGetAllUsers' user_list: the agent's name
    "middle_initial": "initial",
    # logins name their person (stacy.avery); the API account's own is masked as a credential first
    "user": "login",
    "agent": "login",
    "USER": "login",
    "callback_user": "login",
    # phone numbers (CDR src/dst, live agent's caller, multi_alt_phones lists)
    "phone_number": "phone",
    "alt_phone": "phone",
    "multi_alt_phones": "phone",
    "src": "phone",
    "dst": "phone",
    "caller_id": "phone",
    "in_call_with": "phone",
    "email": "email",
    # addresses
    "address1": "street",
    "address2": "street",
    "address3": "street",
    "city": "city",
    "province": "city",
    "postal_code": "postal_code",
    "date_of_birth": "date",
    # free text a person wrote
    "comments": "text",
    "callback_comments": "text",
    "security_phrase": "text",
    # account numbers that point at a person's loan
    "loan_number": "account",
    "loan_id": "account",
    "vendor_lead_code": "account",
    # other users' secrets in getUserInfo (credentials, not personal data, but never committed)
    "pass": "secret",
    "pass_hash": "secret",
    "phone_pass": "secret",
}
"""Field (or parameter) name → kind of value. The kind decides the fake's shape; a value is keyed by its
kind, so a phone number in ``phone_number`` and in ``dst`` becomes the same fake."""

CONTAINER_FIELDS = frozenset({"custom_info", "custom_fields"})
"""Objects whose every value is a person's data under labels the list's owner chose (lead custom fields)."""

GOAPI_CREDENTIALS = ("goUser", "goPass", "log_pass")
LMAPI_CREDENTIALS = ("user", "pass")
