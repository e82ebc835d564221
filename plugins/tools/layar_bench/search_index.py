"""What a Pagefind bundle indexes, read back from its own files: per language, every indexed
URL with its text, filters and metadata.

Warm-equals-cold compares search indexes by what they say, not only by their bytes: a page
that left the site (a draft, a scheduled article, a deleted or renamed one) must be gone from
its language's index, whatever the file names.  Pagefind's files are gzip streams that start
with the signature ``pagefind_dcd``: the entry list is JSON (``pagefind-entry.json``), a
language's metadata (``pagefind.<lang>_<hash>.pf_meta``) is CBOR and lists the pages of that
index by fragment hash, and each fragment (``fragment/<hash>.pf_fragment``) is JSON with the
page's URL, text, filters and metadata.
"""
from __future__ import annotations

import gzip
import json
import struct
from pathlib import Path
from typing import Any

SIGNATURE = b"pagefind_dcd"


def read(bundle: Path) -> dict[str, dict[str, dict[str, Any]]]:
    """``{lang: {url: {"content", "filters", "meta"}}}`` for every language of the bundle's
    entry list, each page as its language's metadata lists it."""
    bundle = Path(bundle)
    entry = json.loads((bundle / "pagefind-entry.json").read_text("utf-8"))
    found: dict[str, dict[str, dict[str, Any]]] = {}
    for lang, facts in sorted(entry["languages"].items()):
        meta = cbor(_open(bundle / f"pagefind.{facts['hash']}.pf_meta"))
        pages = {}
        for page in meta[1]:  # [version, pages: [[fragment hash, word count], ...], ...]
            fragment = json.loads(_open(bundle / "fragment" / f"{page[0]}.pf_fragment"))
            pages[fragment["url"]] = {"content": fragment.get("content", ""),
                                      "filters": fragment.get("filters", {}),
                                      "meta": fragment.get("meta", {})}
        if len(pages) != facts["page_count"]:
            raise ValueError(f"{lang}: the entry list counts {facts['page_count']} pages, "
                             f"its metadata lists {len(pages)}")
        found[lang] = pages
    return found


def differences(a: Path, b: Path) -> list[str]:
    """What two bundles index differently, one line per page (empty when they agree)."""
    left, right = read(a), read(b)
    out = []
    for lang in sorted(set(left) | set(right)):
        pages_a, pages_b = left.get(lang, {}), right.get(lang, {})
        for url in sorted(set(pages_a) | set(pages_b)):
            if url not in pages_b:
                out.append(f"{lang}: {url} indexed only in {a}")
            elif url not in pages_a:
                out.append(f"{lang}: {url} indexed only in {b}")
            elif pages_a[url] != pages_b[url]:
                what = [k for k in pages_a[url] if pages_a[url][k] != pages_b[url].get(k)]
                out.append(f"{lang}: {url} differs in {', '.join(what)}")
    return out


def _open(path: Path) -> bytes:
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise ValueError(f"{path}: not a Pagefind file (no {SIGNATURE.decode()} signature)")
    return data[len(SIGNATURE):]


def cbor(data: bytes) -> Any:
    """Decode the CBOR Pagefind writes (integers, strings, arrays, maps, floats, simple
    values): a small reader, so that reading an index needs no package of its own."""
    value, end = _item(data, 0)
    if end != len(data):
        raise ValueError(f"{len(data) - end} bytes after the CBOR value")
    return value


def _item(data: bytes, at: int) -> tuple[Any, int]:
    head = data[at]
    major, info = head >> 5, head & 0x1F
    at += 1
    if major == 7:
        if info == 20:
            return False, at
        if info == 21:
            return True, at
        if info in (22, 23):
            return None, at
        if info == 25:
            return _half(data[at:at + 2]), at + 2
        if info == 26:
            return struct.unpack(">f", data[at:at + 4])[0], at + 4
        if info == 27:
            return struct.unpack(">d", data[at:at + 8])[0], at + 8
        raise ValueError(f"unsupported CBOR simple value {info}")
    if info < 24:
        arg = info
    elif info <= 27:
        size = 1 << (info - 24)
        arg = int.from_bytes(data[at:at + size], "big")
        at += size
    else:
        raise ValueError("indefinite-length CBOR is not used by Pagefind")
    if major == 0:
        return arg, at
    if major == 1:
        return -1 - arg, at
    if major == 2:
        return data[at:at + arg], at + arg
    if major == 3:
        return data[at:at + arg].decode("utf-8"), at + arg
    if major == 4:
        items = []
        for _ in range(arg):
            value, at = _item(data, at)
            items.append(value)
        return items, at
    if major == 5:
        mapping = {}
        for _ in range(arg):
            key, at = _item(data, at)
            value, at = _item(data, at)
            mapping[key if not isinstance(key, list) else tuple(key)] = value
        return mapping, at
    value, at = _item(data, at)  # major 6: a tag, and the value it tags
    return value, at


def _half(raw: bytes) -> float:
    bits = int.from_bytes(raw, "big")
    sign = -1.0 if bits & 0x8000 else 1.0
    exponent, fraction = (bits >> 10) & 0x1F, bits & 0x3FF
    if exponent == 0:
        return sign * fraction * 2.0 ** -24
    if exponent == 31:
        return sign * (float("inf") if not fraction else float("nan"))
    return sign * (1 + fraction / 1024) * 2.0 ** (exponent - 15)
