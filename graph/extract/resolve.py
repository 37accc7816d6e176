"""Mentions → entities within one article: one entity per canonical name; short forms that only
ever stand for one longer name (书法家协会 → 潍坊市书法家协会, 掌上办 → 12345掌上办,
樱桃节 → 第十届临朐樱桃节) collapse into it, keeping the surface forms as aliases."""
from __future__ import annotations

import re
import unicodedata

from graph import schema as S
from graph.model import Entity, Mention

_QUOTES = re.compile(r"[“”‘’\"'《》\s]")


def plain(name: str) -> str:
    return _QUOTES.sub("", unicodedata.normalize("NFKC", name))


def _is_subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


def merge_key(label: str, canonical: str, canonicals: set[str]) -> str:
    """The canonical name a short form collapses into, if exactly one longer name absorbs it."""
    key = plain(canonical)
    if label == S.ORGANIZATION:
        hosts = [c for c in canonicals if c != key and c.endswith(key) and len(c) - len(key) <= 4]
    elif label == S.REFORM:
        hosts = [c for c in canonicals if c != key and c.endswith(key) and re.fullmatch(r"[0-9A-Za-z]+", c[:-len(key)])]
    elif label == S.EVENT:
        # within "X暨Y" only Y's words can host a later short form (X is its own event too)
        hosts = [c for c in canonicals if c != key and c[-1] == key[-1] and _is_subsequence(key, c.split("暨")[-1])]
        hosts = sorted(hosts, key=len)[:1]
    else:
        hosts = []
    return hosts[0] if len(hosts) == 1 else key


def group_mentions(mentions: list[Mention]) -> dict[tuple[str, str], list[Mention]]:
    """(label, canonical) → its mentions."""
    by_label: dict[str, set[str]] = {}
    for m in mentions:
        by_label.setdefault(m.label, set()).add(plain(m.attrs["canonical"]))
    groups: dict[tuple[str, str], list[Mention]] = {}
    for m in mentions:
        key = merge_key(m.label, m.attrs["canonical"], by_label[m.label])
        groups.setdefault((m.label, key), []).append(m)
    return groups


def make_entity(label: str, name: str, mentions: list[Mention], article_id: str, labels: list[str],
                attrs: dict) -> Entity:
    aliases = set()
    for m in mentions:
        for form in (m.surface, m.attrs["canonical"], *m.attrs.get("aliases", [])):
            form = unicodedata.normalize("NFKC", form).strip()
            if form and form != name:
                aliases.add(form)
    # a name written with its county (平阴县城关镇) says more than the article's context does
    anchors = sorted(mentions, key=lambda m: not m.attrs.get("anchored_by_text"))
    anchor = anchors[0].attrs.get("anchor") if anchors else None
    return Entity(S.node_id(label, name, anchor), labels, name, sorted(aliases), attrs, [article_id])
