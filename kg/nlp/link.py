"""Linking: what resolution needs, derived from a chosen span and its neighbours alone.

A recogniser, rule or model, proposes ``(start, end, type, source, score)``; here each chosen
span gets its lexicon name, the division-table units its form may stand for, the admin level of
a bare prefix (市公安局), and the place and parent body its name is built on (the nested or
adjacent names the overlap policy kept). Nothing here reads which recogniser found the span, so
a model's name and a rule's name of the same text link alike.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable
from typing import NamedTuple, TypeVar

from kg.lexicon import Lexicon
from kg.nlp.records import Candidate, Linked, Span
from kg.nlp.text import CLAUSE_PUNCT, PUNCT, TextView, dictionary_frequency, dictionary_tags, longest_ending, strip_quotes
from kg.vocabulary import EntityType

SPACES = re.compile(r"\s+")
COMMON_WORD_TAGS = frozenset({"a", "ad", "an", "v", "vn", "vd", "n", "d", "l", "i"})


class PlaceForm(NamedTuple):  # a tuple: some 60,000 are made at every start
    keys: tuple[str, ...]  # the units this written form may stand for
    short: bool  # a bare form without its administrative suffix (花溪), or two characters


T = TypeVar("T")


def per_lexicon(build: Callable[[Lexicon], T]) -> Callable[[Lexicon], T]:
    """Made once per lexicon (by its fingerprint) and shared by the recognisers and the linker."""
    made: dict[str, T] = {}

    @functools.wraps(build)
    def get(lexicon: Lexicon) -> T:
        if lexicon.fingerprint not in made:
            made[lexicon.fingerprint] = build(lexicon)
        return made[lexicon.fingerprint]

    return get


@per_lexicon
def place_forms(lexicon: Lexicon) -> dict[str, PlaceForm]:
    """Every written form of the division table that can name a place: full names, and the
    aliases of units above towns that are not everyday words (平安 of 平安区). A province's or a
    city's alias is kept whatever jieba tags it (合肥 n, 宝鸡 n) unless ``[place]
    everyday_city_names`` lists it (来宾): resolution keeps such a form only where the text is
    about its province."""
    suffix_chars = lexicon.grammar.admin_suffix_chars
    town_suffixes = tuple(form for form, level in lexicon.patterns.get("place", "admin_prefixes").items() if level == "town")
    everyday = frozenset(lexicon.patterns.words("place", "everyday_city_names"))
    tags = dictionary_tags()
    keys: dict[str, list[str]] = {}
    full: set[str] = set()  # forms that are some unit's name or suffixed alias
    for unit in lexicon.divisions.units.values():
        if unit.level == "town":
            # a town-level unit named 社区, 林场 or 开发区 is no name in text; 人和镇 is
            if unit.name.endswith(town_suffixes) or tags.get(unit.name) not in COMMON_WORD_TAGS:
                keys.setdefault(unit.name, []).append(unit.key)
                full.add(unit.name)
            continue  # a town's bare stem (建设, 人民) is an everyday word
        keys.setdefault(unit.name, []).append(unit.key)
        full.add(unit.name)
        for alias in unit.aliases:
            short = alias[-1] not in suffix_chars
            if len(alias) < 2 or alias in everyday or (
                    short and tags.get(alias) in COMMON_WORD_TAGS and unit.level not in ("province", "city")):
                continue
            keys.setdefault(alias, []).append(unit.key)
            if not short:
                full.add(alias)
    county_suffixes = tuple(lexicon.patterns.words("place", "two_character_county_suffixes"))
    function_words = lexicon.grammar.function_words

    def two_character_county(form: str) -> bool:
        """文县, 环县: a county's whole name that jieba knows as a place name, no conjunction (和县)."""
        return (form.endswith(county_suffixes) and tags.get(form) == "ns" and form[0] not in function_words
                and all(lexicon.divisions.units[k].level == "county" for k in keys[form]))

    return {form: PlaceForm(tuple(units), form not in full or (len(form) <= 2 and not two_character_county(form)))
            for form, units in keys.items()}


class Features(NamedTuple):
    named: frozenset[str]  # 洞庭湖, 武夷山脉, 东北地区
    generic: frozenset[str]  # 河湖, 大海, 偏远地区: a kind of terrain or region, not one


NOT_A_NAME_TAGS = COMMON_WORD_TAGS | {"s", "f", "b", "r", "m"}  # 贫困, 民族; where, not which place: 边疆; 大部分


@per_lexicon
def town_stems(lexicon: Lexicon) -> dict[str, tuple[str, ...]]:
    """The names of the table's towns without their suffix (岸堤 of 岸堤镇, 吴井 of 吴井街道), of
    two characters or more and no everyday word (公安, 中心), with the towns each names: too many
    and too common to be places when written bare, but what a township's station is named after
    (岸堤派出所)."""
    stems: dict[str, list[str]] = {}
    tags = dictionary_tags()
    everyday = lexicon.patterns.get("agency", "town_stem_max_frequency")
    for unit in lexicon.divisions.units.values():
        if unit.level == "town":
            for alias in unit.aliases:
                if len(alias) >= 2 and alias != unit.name and not (
                        tags.get(alias) in COMMON_WORD_TAGS and dictionary_frequency(alias) >= everyday):
                    stems.setdefault(alias, []).append(unit.key)
    return {stem: tuple(keys) for stem, keys in stems.items()}


@per_lexicon
def _region_stems(lexicon: Lexicon) -> frozenset[str]:
    return frozenset(lexicon.patterns.words("place", "region_stems"))


def is_region_name(stem: str, lexicon: Lexicon) -> bool:
    """Does ``stem`` name a region before 地区? A proper noun (东北, 京津), a transliteration
    jieba takes for a person's name (克什米尔, 诺木洪: three characters or more; 丘陵 is no
    name), a division's form or a compass region (中部); not a common or locative word (贫困,
    民族, 边疆)."""
    if stem in _region_stems(lexicon) or stem in place_forms(lexicon):
        return True  # 南宁地区; not a town's bare stem (民族, 沿海)
    tag = dictionary_tags().get(stem)
    return tag not in NOT_A_NAME_TAGS and not (tag is not None and tag.startswith("nr") and len(stem) < 3)


@per_lexicon
def place_initials(lexicon: Lexicon) -> frozenset[str]:
    """The first characters of the names of China's counties and larger units (福 of 福州, 银 of
    银川): what a road named by the places it joins is made of (福银高速)."""
    return frozenset(form[0] for unit in lexicon.divisions.units.values() if unit.level != "town"
                     for form in (unit.name, *unit.aliases))


@per_lexicon
def feature_words(lexicon: Lexicon) -> Features:
    """Rivers, lakes, seas, mountains and regions: the words of jieba's dictionary tagged as
    place names (ns) that end in ``[place] feature_suffixes``, a maintained list far longer
    than any we could write. Two-character words of it are too often common words (落山,
    港湾, 商海) to be names: they and regions that are no proper name (偏远地区) are generic,
    and the major two-character features are lexicon places (``world_places.tsv``). The
    compass regions (中部地区) are added. Division forms are left to the table."""
    p = lexicon.patterns
    suffixes = tuple(p.words("place", "feature_suffixes"))
    region = p.get("place", "region_suffix")
    divisions = place_forms(lexicon)
    tags = dictionary_tags()

    def named(word: str) -> bool:
        if word.endswith(region):
            stem = word[:-len(region)]
            return bool(stem) and is_region_name(stem, lexicon)
        return len(word) > 2

    lexicon_places = {e.name for e in lexicon.entries if e.type == EntityType.PLACE}
    words = [w for w, tag in tags.items() if tag == "ns" and len(w) >= 2 and w.endswith(suffixes)
             and w not in divisions and w not in lexicon_places]
    regions = {stem + region for stem in p.words("place", "region_stems")}
    return Features(frozenset({w for w in words if named(w)} | regions),
                    frozenset(w for w in words if not named(w) and w not in regions))


class _Spans:
    """The chosen spans of one type, found by position without a scan."""

    def __init__(self, cands):
        spans = sorted({(c.start, c.end) for c in cands})
        self.spans = spans
        self.starts = [s for s, _ in spans]
        self.ends_from: dict[int, list[int]] = {}
        self.start_of_end: dict[int, int] = {}
        for s, e in spans:
            self.ends_from.setdefault(s, []).append(e)  # ascending
            self.start_of_end.setdefault(e, s)  # the longest span ending there

    def within(self, start: int, end: int) -> list[Span]:
        """Spans inside [start, end), not the span itself."""
        lo, hi = bisect.bisect_left(self.starts, start), bisect.bisect_left(self.starts, end)
        return [sp for sp in self.spans[lo:hi] if sp[1] <= end and sp != (start, end)]

    def longest_from(self, start: int, before: int | None = None) -> int | None:
        """End of the longest span opening at ``start`` (ending before ``before``)."""
        ends = [e for e in self.ends_from.get(start, ()) if before is None or e < before]
        return ends[-1] if ends else None

    def ending_at(self, end: int) -> int | None:
        return self.start_of_end.get(end)


def _innermost(spans: list[Span]) -> Span | None:
    """The place a name is built on last (七星 of 桂林市公安局七星分局): ending last, the shortest."""
    return max(spans, key=lambda s: (s[1], -s[0]), default=None)


class Linker:
    def __init__(self, lexicon: Lexicon):
        self.places = place_forms(lexicon)
        self.features = feature_words(lexicon)
        self.entries = {(type_, form): name for type_, form, name in lexicon.written_forms()}
        p = lexicon.patterns
        self.admin = dict(p.get("place", "admin_prefixes"))
        self.spanning = p.words("place", "spanning_endings")
        self.admin_forms = sorted(self.admin, key=len, reverse=True)
        self.context_bodies = frozenset(p.words("agency", "context_heads"))
        self.local_context_bodies = frozenset(p.words("agency", "local_context_heads"))
        self.term = lexicon.grammar.term
        self.heads = frozenset(lexicon.body_heads())
        self.longest_head = max(map(len, self.heads), default=0)
        self.town_stems = town_stems(lexicon)
        self.town_named = tuple(p.words("agency", "town_named_heads"))
        self.member_posts = tuple(p.words("agency", "committee_member_posts"))
        self.party_committee = re.compile(f"[{re.escape(lexicon.grammar.admin_suffix_chars)}]委$")  # 白云区委, 桂林市委
        self.committee_organs = frozenset(p.words("agency", "committee_organs"))
        self.divisions = lexicon.divisions
        self.mission_markers = tuple(p.words("agency", "mission_markers"))
        self.mission_heads = tuple(p.words("agency", "mission_heads"))

    def _seat_end(self, surface: str) -> int:
        """How much of a body's name may hold the place it lies in: all of it, but of a mission
        only a province's or a city's own office (贵州省|驻京办事处 lies in 贵州省), never the host
        it is seated in; a state's mission abroad (中国驻匈牙利大使馆) lies in no place."""
        if not surface.endswith(self.mission_heads):
            return len(surface)
        # the last marker, the longest that ends there: 驻马店市|驻京…, 中国|常驻联合国…
        found = [(at + len(m), -at) for m in self.mission_markers if (at := surface.rfind(m)) > 0]
        if not found:
            return len(surface)
        sender = -max(found)[1]
        return sender if self.places.get(self._sender_place(surface[:sender])) is not None else 0

    def _sender_place(self, sender: str) -> str:
        """The division form a sender's name opens with (贵州省 of 贵州省人民政府), or the name."""
        return next((sender[:n] for n in range(len(sender), 1, -1) if sender[:n] in self.places), sender)

    def __call__(self, view: TextView, chosen: list[Candidate]) -> list[Linked]:
        places = _Spans(c for c in chosen if c.type == EntityType.PLACE)
        bodies = _Spans(c for c in chosen if c.type == EntityType.AGENCY)
        linked = [self.link(view, c, places, bodies) for c in chosen]
        # a body nested at the start of another's name is a mention only as its parent
        # (贵阳市公安局 of …刑侦支队), not where the longer name merely goes on (大溪村村委|会);
        # the policy nests bodies only at the start of a longer one
        parents = {m.parent for m in linked if m.type == EntityType.AGENCY and m.parent is not None
                   and bodies.longest_from(m.start) == m.end}
        organizations = [(m.start, m.end) for m in linked if m.type == EntityType.ORGANIZATION]
        return [m for m in linked if (m.type != EntityType.AGENCY or (m.start, m.end) in parents
                                      or bodies.longest_from(m.start) == m.end)
                and not (m.type == EntityType.PLACE and self._brand(view, m, organizations))]

    def _brand(self, view: TextView, place: Linked, organizations: list[Span]) -> bool:
        """Is ``place`` a river or road inside an organisation's name (长江 of 长江证券): part of a
        brand, not the organisation's seat?"""
        return view.text[place.start:place.end].endswith(self.spanning) and any(
            s <= place.start and place.end <= e and (s, e) != (place.start, place.end) for s, e in organizations)

    def link(self, view: TextView, cand: Candidate, places: _Spans, bodies: _Spans) -> Linked:
        surface = view.text[cand.start:cand.end]
        bare = strip_quotes(surface)
        name = self.entries.get((cand.type, bare))
        # a river or a region is one place wherever named, as a lexicon entry is (长江)
        curated = name is not None or (cand.type == EntityType.PLACE and bare in self.features.named)
        if name is None:
            name = SPACES.sub("", bare) if cand.type in (EntityType.PROGRAM, EntityType.CAMPAIGN) else bare.strip()
        if cand.type == EntityType.PLACE:
            form = self.places.get(bare)
            if form is None or curated:  # a lexicon place is one place wherever named (黑山, Montenegro), so are a river and a road
                return Linked(cand.start, cand.end, cand.type, name, curated=curated or bare.endswith(self.spanning))
            return Linked(cand.start, cand.end, cand.type, name, keys=form.keys, short=form.short, curated=curated)
        last = cand.start + self._seat_end(surface)
        if cand.type == EntityType.ORGANIZATION and not curated:  # 百色市那坡县城厢镇中心小学 lies in 城厢镇
            seats = [s for s in places.within(cand.start, cand.end)
                     if s[1] <= last and not view.text[s[0]:s[1]].endswith(self.spanning)]
            return Linked(cand.start, cand.end, cand.type, name, prefix=_innermost(seats))
        if cand.type != EntityType.AGENCY or curated:
            return Linked(cand.start, cand.end, cand.type, name, curated=curated)
        name = self.term.sub("", name)  # the body, not its term: 上海市(第十六届)人民代表大会
        inner = [s for s in places.within(cand.start, cand.end) if s[1] < cand.end and s[1] <= last]
        prefix = _innermost(inner)  # 七星 of 桂林市公安局七星分局
        head_start = cand.end - self._head_length(surface)
        parent = bodies.longest_from(cand.start, before=min(head_start, cand.end - 1) + 1)
        parent_span = (cand.start, parent) if parent is not None else None
        if prefix is None and parent_span is None and name in self.context_bodies:  # 反诈中心, 市域办
            admin = (name in self.committee_organs and self._committee_level(view, cand.start, places, bodies)) or "city"
            return Linked(cand.start, cand.end, cand.type, name, admin=admin, context_body=True)
        if prefix is None and parent_span is None and name in self.local_context_bodies:  # 村委会
            return Linked(cand.start, cand.end, cand.type, name, context_body=True)
        admin = None
        if not any(s[0] == cand.start for s in inner):
            admin = self._admin_level(view, cand.start, cand.end)
        keys: tuple[str, ...] = ()
        if parent_span is None and prefix is None and admin is None:
            before = bodies.ending_at(cand.start)  # 市公安局|金阳派出所
            parent_span = (before, cand.start) if before is not None else None
            head = next((h for h in self.town_named if name.endswith(h)), None)
            if head is not None:
                keys = self.town_stems.get(name[:-len(head)], ())  # 岸堤派出所: the towns named 岸堤
        return Linked(cand.start, cand.end, cand.type, name, keys=keys, admin=admin, prefix=prefix, parent=parent_span)

    def _committee_level(self, view: TextView, start: int, places: _Spans, bodies: _Spans) -> str | None:
        """The level of the committee whose member's post is listed right before ``start``
        (白云区委|常委、|政法委: a district's), from the place its name is built on."""
        text = view.text
        pos = start - 1 if start > 0 and text[start - 1] in CLAUSE_PUNCT else start
        post = next((p for p in self.member_posts if text.endswith(p, 0, pos)), None)
        owner = bodies.ending_at(pos - len(post)) if post else None
        if owner is None or not self.party_committee.search(text[owner:pos - len(post)]):
            return None  # 广东省政协|委员, 白云区纪委|委员: no party committee of a place
        place = _innermost(places.within(owner, pos - len(post)))
        if place is None:  # 县委|常委、: the level of the bare prefix
            return self._admin_level(view, owner, pos - len(post))
        form = self.places.get(text[place[0]:place[1]])
        levels = {self.divisions.units[k].level for k in form.keys} if form else set()
        return levels.pop() if len(levels) == 1 else None

    def _head_length(self, name: str) -> int:
        """Length of the longest head of a body's name that ends ``name`` (政法委 of 市委政法委)."""
        return len(longest_ending(name[1:], self.heads, self.longest_head) or "")

    def _admin_level(self, view: TextView, start: int, end: int) -> str | None:
        """The level of a bare 市/县/区 … opening a body's name (市公安局, 县委), when it is the
        prefix and not the first character of a word (市场监管局)."""
        text = view.text
        for form in self.admin_forms:
            rest = start + len(form)
            if not text.startswith(form, start) or rest >= end:
                continue
            if view.is_boundary(rest) or any(text[rest:rest + n] in self.heads for n in range(1, self.longest_head + 1)):
                if start == 0 or text[start - 1] in PUNCT or view.is_boundary(start):
                    return self.admin[form]
        return None
