# -*- coding: utf-8 -*-
# Copyright (c) 2026, cradlepoint.ncm contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Input checks that run before any API call (stdlib only): identifiers, numbers, URLs and connection options.

Every module and the inventory plugin use these, so the same input fails the same way everywhere, and every
message names the option and the value (or what is wrong with it). See docs/identifiers.md.

* An identifier (a router, group, product, firmware, account, user or push destination given by id, name, serial
  number, MAC, e-mail or version) must be a text or an integer (not a boolean, a float, a list or a dict), must
  not be empty or only whitespace, must not hold control characters (a newline, a tab, NUL), must not be longer
  than ``MAX_IDENTIFIER`` characters, and must not be the text ``None`` or ``null``: that is what an unset
  variable renders as (``router: "{{ x }}"``), never a name a user means. A record that really has such a name is
  given by its id.
* A number must be finite (no NaN or infinity) and not a boolean (``true`` is not ``1.0``), and within its range.
* A URL must be ``http://`` or ``https://``, have a host, and hold no whitespace or control characters.
"""

from __future__ import annotations

import math
import unicodedata
from urllib.parse import urlsplit

from ansible_collections.cradlepoint.ncm.plugins.module_utils.errors import NcmInputError

MAX_IDENTIFIER = 1024
#: Texts that an unset template variable renders as; never taken as a name.
UNSET_TEXTS = frozenset(("None", "null"))
_SHOWN = 80


def shown(value):
    """A value for a message: repr, shortened when long."""
    text = repr(value)
    if len(text) > _SHOWN:
        text = "%s...(%d characters)" % (text[:_SHOWN], len(str(value)))
    return text


def identifier(option, value):
    """The identifier ``value`` of ``option`` as a text, or NcmInputError naming the option and the value."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise NcmInputError(
            "%s: %s is a %s; give an id or a name as a string." % (option, shown(value), _type_name(value))
        )
    text = str(value)
    if not text.strip():
        raise NcmInputError(
            "%s: %s is empty, and it must not be empty: give an id or a name (an empty value never means 'none' or "
            "'all')." % (option, shown(value))
        )
    if text in UNSET_TEXTS:
        raise NcmInputError(
            "%s: %r is what an unset variable renders as, not a name; check the variable, or give the id of a record "
            "that is really named %r." % (option, text, text)
        )
    bad = [char for char in text if unicodedata.category(char) in ("Cc", "Cs")]
    if bad:
        raise NcmInputError(
            "%s: %s holds the control character %r; an id or a name never does." % (option, shown(value), bad[0])
        )
    if len(text) > MAX_IDENTIFIER:
        raise NcmInputError(
            "%s: %s is longer than %d characters; no id or name is that long." % (option, shown(value), MAX_IDENTIFIER)
        )
    return text


def identifiers(option, values):
    """Every element of a list option checked with identifier(); the message names the element's position."""
    if values is None:
        return None
    if isinstance(values, (str, bytes, dict)) or not isinstance(values, (list, tuple)):
        raise NcmInputError("%s: %s is not a list." % (option, shown(values)))
    return [identifier("%s[%d]" % (option, index), value) for index, value in enumerate(values)]


def number(option, value, low=None, high=None, low_open=False, as_range=False):
    """A finite number, not a boolean, within ``low``..``high`` (``low_open``: strictly above ``low``).

    A value outside is described as ``out of range (low..high)`` when both bounds are given or with ``as_range``
    (module options with a documented range), otherwise as ``must be more than / N or more / at most``."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise NcmInputError("%s: %s is a %s, not a number." % (option, shown(value), _type_name(value)))
    if not math.isfinite(value):
        raise NcmInputError("%s: %r is not a finite number." % (option, value))
    below = low is not None and (value <= low if low_open else value < low)
    above = high is not None and value > high
    if (as_range or (low is not None and high is not None)) and (below or above):
        raise NcmInputError("%s: %r is out of range (%s..%s)."
                            % (option, value, "" if low is None else low, "" if high is None else high))
    if below:
        raise NcmInputError(("%s: %r must be more than %s." if low_open else "%s: %r must be %s or more.")
                            % (option, value, low))
    if above:
        raise NcmInputError("%s: %r must be at most %s." % (option, value, high))
    return value


def url(option, value, path_suffix=None):
    """A well-formed http(s) URL (host, no whitespace); with ``path_suffix`` its path must end so."""
    if value is None:
        return None
    if not isinstance(value, str) or not value:
        raise NcmInputError("%s: %s is not a URL." % (option, shown(value)))
    if any(char.isspace() or unicodedata.category(char) == "Cc" for char in value):
        raise NcmInputError("%s: %s holds whitespace or a control character; encode it (%%20) or remove it."
                            % (option, shown(value)))
    try:
        parts = urlsplit(value)
        port = parts.port
    except ValueError as exc:
        raise NcmInputError("%s: %s is not a valid URL (%s)." % (option, shown(value), exc)) from None
    if parts.scheme not in ("http", "https"):
        raise NcmInputError("%s: %s must start with http:// or https://." % (option, shown(value)))
    if not parts.hostname:
        raise NcmInputError("%s: %s has no host name." % (option, shown(value)))
    if port == 0:
        raise NcmInputError("%s: %s has port 0." % (option, shown(value)))
    if path_suffix and not (parts.path.rstrip("/") + "/").endswith(path_suffix):
        raise NcmInputError("%s: %s must be the NCM API v2 base URL, ending in %s (e.g. "
                            "https://www.cradlepointecm.com/api/v2/)." % (option, shown(value), path_suffix))
    if parts.query or parts.fragment:
        if path_suffix:
            raise NcmInputError("%s: %s must not have a query or fragment." % (option, shown(value)))
    return value


def connection(settings):
    """Check the connection options (timeout, max_retries, retry_time_budget, base_url) before a client is built."""
    number("timeout", settings.get("timeout"), low=0, low_open=True)
    retries = settings.get("max_retries")
    if retries is not None and (isinstance(retries, bool) or not isinstance(retries, int)):
        raise NcmInputError("max_retries: %s is not a whole number." % shown(retries))
    number("max_retries", retries, low=0)
    number("retry_time_budget", settings.get("retry_time_budget"), low=0)
    url("base_url", settings.get("base_url"), path_suffix="/api/v2/")


def _type_name(value):
    if isinstance(value, bool):
        return "boolean"
    if value is None:
        return "null"
    return {dict: "dict", list: "list", tuple: "list", float: "float", int: "integer", str: "string"}.get(
        type(value), type(value).__name__)
