# -*- coding: utf-8 -*-
# Copyright (c) 2026, cradlepoint.ncm contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Secrets: how they are recognised, how they are shown, and how they are kept out of every message.

* recognise: ``is_secret_key`` (configuration keys NCM masks), ``secret_values`` (the cleartext secrets a user
  gave inside a configuration);
* show: ``MASK`` is the one mask of this collection; ``mask_secrets`` masks by key name at any depth (configs),
  ``mask_fields`` masks the fields a module declares secret (records);
* keep out: ``Redactor`` replaces every registered secret value in a text (messages, tracebacks).

NCM itself shows a configuration secret as ``NCM_MASK`` (``"*"``); ``PLACEHOLDERS`` are the values a user may
give to mean "keep the current secret" (``EXPORT_PLACEHOLDER`` is what an export writes for a secret).
"""

from __future__ import annotations

MASK = "********"
NCM_MASK = "*"
# what ncm_state_info writes for a secret it cannot read (a push destination's); ncm_state refuses to send it
EXPORT_PLACEHOLDER = "(secret not exported: replace me)"
PLACEHOLDERS = (NCM_MASK, MASK, EXPORT_PLACEHOLDER)

#: Exact key names treated as secrets (the reference masks ``password`` and ``wpapsk`` in configs,
#: ``secret`` in push destinations; the others are the usual names of the same kind of value).
SECRET_KEYS = frozenset(
    ("password", "passwd", "pass", "pwd", "wpapsk", "wpakey", "psk", "passphrase", "secret",
     "preshared_key", "pre_shared_key", "shared_key", "private_key", "psk_key")
)
#: Substrings that make a key a secret (``admin_password``, ``wpa_passphrase``, ``radius_secret``).
#: A bare ``key`` is not a secret: the reference shows e.g. ``gre.tunnels.*.key`` unmasked.
_SECRET_PARTS = ("password", "passwd", "passphrase", "secret", "psk", "private_key", "shared_key", "preshared")


def is_secret_key(key):
    """True for config keys whose values NCM masks as ``"*"`` (``password``, ``wpapsk``, ``secret``,
    ``*password*``, ``*passphrase*``, ``*psk*``, ``*secret*``, ...). Case-insensitive."""
    if not isinstance(key, str):
        return False
    low = key.lower()
    return low in SECRET_KEYS or any(part in low for part in _SECRET_PARTS)


def secret_values(value, key=None):
    """The cleartext secret values inside a configuration (placeholders excluded), for redaction."""
    if isinstance(value, dict):
        for sub_key, sub in value.items():
            yield from secret_values(sub, sub_key)
    elif isinstance(value, list):
        for sub in value:
            yield from secret_values(sub, key)
    elif is_secret_key(key) and isinstance(value, (str, int, float)) and not isinstance(value, bool):
        text = str(value)
        if text and text not in PLACEHOLDERS:
            yield text


def masked_by_ncm(value):
    """NCM shows a secret as ``"*"`` (reference, "Passwords"): such a value is a secret whatever its key
    (``wep_key``, ``auth_key``, keys no list knows); the key list only adds secrets NCM has not masked yet."""
    return isinstance(value, str) and value == NCM_MASK


def mask_secrets(value, ref=None, key=None):
    """Deep copy of ``value`` with every secret value (see is_secret_key) replaced by ``MASK``.

    Works on any shape (updates dicts, ``[updates, removals]`` pairs, module-form lists). ``None`` values are kept
    (an unset secret reveals nothing). ``ref`` is the same structure as NCM shows it: a value at a place where
    ``ref`` holds NCM's ``"*"`` is masked too, whatever its key, and so is a ``"*"`` itself.
    """
    if isinstance(value, dict):
        rdict = ref if isinstance(ref, dict) else {}
        return {k: mask_secrets(v, rdict.get(k), k) for k, v in value.items()}
    if isinstance(value, list):
        rlist = ref if isinstance(ref, list) else []
        return [mask_secrets(v, rlist[i] if i < len(rlist) else None) for i, v in enumerate(value)]
    if value is None:
        return None
    if is_secret_key(key) or masked_by_ncm(ref) or masked_by_ncm(value):
        return MASK
    return value


def mask_fields(record, fields):
    """Copy of a record with the named top-level fields masked (see ``mask_value``); unset ones stay."""
    if not isinstance(record, dict):
        return record
    masked = {}
    for key, value in record.items():
        if key in fields and value not in (None, ""):
            masked[key] = mask_value(value)
        else:
            masked[key] = value
    return masked


def mask_value(value):
    """A secret value as shown: dicts keep their keys, every other value becomes the mask."""
    if isinstance(value, dict):
        return {key: mask_value(item) for key, item in value.items()}
    return MASK


class Redactor:
    """The secret values of one run; ``redact`` replaces each of them in a text with the mask."""

    def __init__(self, values=()):
        self._values = set()
        for value in values:
            self.add(value)

    def add(self, value):
        """Register a value that must never appear in a message (e.g. a push-destination secret)."""
        if value:
            self._values.add(str(value))

    def redact(self, text):
        """Replace every registered secret in text with the mask (longest first, so no fragment survives)."""
        text = str(text)
        for secret in sorted(self._values, key=len, reverse=True):
            text = text.replace(secret, MASK)
        return text
