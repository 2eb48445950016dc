# -*- coding: utf-8 -*-
# Copyright (c) 2026, cradlepoint.ncm contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Lists read once per run, answering the run's later reads of them from memory.

``ncm_state`` reads every list it needs with list calls (pages, ``__in`` batches) before it plans, then runs the
same resource descriptions as the single modules, item by item. Their lookups (``field=value``, ``field__in=``,
``expand=``) are answered here instead of by one call each. The client keeps the snapshot coherent: its writes
update the records held (a POST adds the answer, PUT/PATCH merge, DELETE removes), so a later item sees what an
earlier one created. A table holds an endpoint completely, or only the records whose ``key`` field is one of
``keys`` (e.g. the configuration managers of the routers a document configures); any query a table cannot answer
exactly goes to NCM.

Matching follows the reference's filters: ``=`` and ``__in`` are exact; a reference field (a URL) matches its id;
booleans match ``true``/``false``.
"""

from __future__ import annotations

import threading

from ansible_collections.cradlepoint.ncm.plugins.module_utils.endpoints import id_from_url

# reference field -> endpoint, for ``expand`` answered from a complete table of that endpoint
EXPANDABLE = {"router": "routers", "group": "groups", "account": "accounts", "product": "products"}
# query parameters that only shape the answer (every field is returned anyway)
SHAPING_PARAMS = frozenset(("fields",))


def _texts(value):
    """The filter values a record field matches."""
    if value is None:
        return ()
    if isinstance(value, bool):
        return ("true" if value else "false",)
    if isinstance(value, dict):
        return tuple(str(value[key]) for key in ("id",) if value.get(key) is not None)
    text = str(value)
    return (text, id_from_url(text)) if "/" in text else (text,)


class _Table:
    """The records of one endpoint by id, with an index per filtered field built on first use."""

    def __init__(self, records, id_field, key, keys):
        self.id_field = id_field
        self.key = key  # None: the whole endpoint; else only the records whose ``key`` is one of ``keys``
        self.keys = frozenset(str(k) for k in keys or ())
        self.records = {}
        self.indexes = {}
        for record in records:
            self.records[str(record.get(id_field))] = record

    def index(self, field):
        if field not in self.indexes:
            index = {}
            for rid, record in self.records.items():
                for text in _texts(record.get(field)):
                    index.setdefault(text, []).append(rid)
            self.indexes[field] = index
        return self.indexes[field]

    def put(self, record):
        rid = str(record.get(self.id_field))
        self.remove(rid)
        self.records[rid] = record
        for field, index in self.indexes.items():
            for text in _texts(record.get(field)):
                index.setdefault(text, []).append(rid)

    def remove(self, rid):
        old = self.records.pop(rid, None)
        if old is None:
            return
        for field, index in self.indexes.items():
            for text in _texts(old.get(field)):
                ids = index.get(text)
                if ids and rid in ids:
                    ids.remove(rid)

    def covers(self, filters):
        """Whether this table holds every record the filters can match."""
        if self.key is None:
            return True
        if set(filters) != {self.key}:
            return False
        return set(filters[self.key]) <= self.keys

    def select(self, filters):
        ids = None
        for field, values in filters.items():
            index = self.index(field)
            found = {rid for value in values for rid in index.get(value, ())}
            ids = found if ids is None else ids & found
        if ids is None:
            return list(self.records.values())
        return [self.records[rid] for rid in self.records if rid in ids]


class Snapshot:
    """Tables of records by endpoint, shared by the run's reads and kept current by its writes."""

    def __init__(self):
        self._lock = threading.Lock()
        self._tables = {}
        self._documents = {}

    def document(self, url, read):
        """``read()`` once per run for a read-only document (a firmware's default configuration)."""
        if url not in self._documents:
            self._documents[url] = read()
        return self._documents[url]

    def hold(self, endpoint, records, id_field="id", key=None, keys=None):
        """Hold ``records`` as the whole of ``endpoint`` or, with ``key``, as its records whose ``key`` is in
        ``keys``."""
        with self._lock:
            self._tables[endpoint] = _Table(records, id_field, key, keys)

    def holds(self, endpoint):
        return endpoint in self._tables

    def drop(self):
        """Forget every table (the run reads NCM afresh, e.g. after an ambiguous write)."""
        with self._lock:
            self._tables = {}

    def answer(self, endpoint, params):
        """The records a list call with ``params`` returns, or None when the tables cannot say exactly."""
        with self._lock:
            table = self._tables.get(endpoint)
            if table is None:
                return None
            filters, expand = {}, []
            for name, value in (params or {}).items():
                if value is None or name in SHAPING_PARAMS:
                    continue
                if name == "expand":
                    expand = value if isinstance(value, (list, tuple)) else str(value).split(",")
                    continue
                field, _sep, operator = name.partition("__")
                if operator not in ("", "in") or "__" in field:
                    return None
                values = value if isinstance(value, (list, tuple)) else [value]
                texts = []
                for item in values:
                    if isinstance(item, bool):
                        texts.append("true" if item else "false")
                    elif operator == "in":
                        texts.extend(str(item).split(","))
                    else:
                        texts.append(str(item))
                filters[field] = texts
            if not table.covers(filters):
                return None
            records = table.select(filters)
            if expand:
                return self._expanded(records, expand)
            return list(records)

    def _expanded(self, records, fields):
        out = []
        for record in records:
            record = dict(record)
            for field in fields:
                related = self._tables.get(EXPANDABLE.get(field))
                if related is None or related.key is not None:
                    return None
                rid = id_from_url(record.get(field))
                if rid is not None:
                    record[field] = related.records.get(rid, record[field])
            out.append(record)
        return out

    def get(self, endpoint, resource_id):
        """The record of ``endpoint`` with ``resource_id``, or None when the tables cannot say."""
        with self._lock:
            table = self._tables.get(endpoint)
            return None if table is None else table.records.get(str(resource_id))

    def written(self, method, endpoint, resource_id, body, answer):
        """Keep the tables current after a successful write."""
        with self._lock:
            table = self._tables.get(endpoint)
            if table is None:
                return
            if method == "DELETE":
                table.remove(str(resource_id))
                return
            if method == "POST":
                record = answer if isinstance(answer, dict) else None
            else:
                old = table.records.get(str(resource_id)) or {table.id_field: resource_id}
                record = answer if isinstance(answer, dict) and answer.get(table.id_field) else dict(old, **(body or {}))
            if record is not None and record.get(table.id_field) is not None:
                if table.key is not None:
                    table.keys |= set(_texts(record.get(table.key)))
                table.put(record)
