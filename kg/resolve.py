"""Resolution: from mention candidates to real-world entities with canonical names.

Within a document, a running *context* (the places most recently named, with their parents
from the division table) expands bare names (市公安局 → 贵阳市公安局), chooses between places
that share a name (朝阳区 in 北京 or 长春), and keeps bare short forms (白云) only where the
context makes them unambiguous. Across documents, one ``EntityRef`` is one node.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections import Counter
from dataclasses import dataclass
from typing import NamedTuple

from kg.corpus import Document
from kg.lexicon import LEVELS, Division, DivisionTable, Lexicon
from kg.nlp.records import Extracted, Linked, Sentence
from kg.nlp.text import dictionary_tags, strip_quotes
from kg.vocabulary import EntityType

AREA_QUALIFIER = "in:"  # a named area that is no administrative unit: in:<key of the unit it lies in>
LINE_BREAK = re.compile("\n")  # paragraphs: what a bare village body (村委会) may refer back across


class EntityRef(NamedTuple):  # a tuple: hashed and compared in C, millions of times a build
    """The identity of one real-world thing: its type, canonical name and, where a name is
    shared, what tells the things apart (the division key of a place, the place of a body)."""

    type: EntityType
    label: str
    qualifier: str = ""


@dataclass(frozen=True, slots=True)
class Mention:
    entity: EntityRef
    surface: str
    start: int
    end: int
    sentence: Sentence
    names: tuple[str, ...] = ()  # other full names of the entity the text or the lexicon gives
    place: EntityRef | None = None  # the place whose body it is / that contains it
    parent: EntityRef | None = None  # the body it is a unit of
    written: str = ""  # a name of the lexicon as the text writes it (中国证监会 of 中国证券监督管理委员会)


@dataclass(frozen=True, slots=True)
class Scope:
    """The places a sentence is about, as the context stands at its end: the place at each
    level, and the levels an anonymised name (XX市) has hidden."""

    places: tuple[tuple[str, EntityRef], ...] = ()  # (level, place), innermost first
    hidden: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class ResolvedDocument:
    doc: Document
    mentions: tuple[Mention, ...]
    sentences: tuple[Sentence, ...]
    scopes: tuple[Scope, ...] = ()  # one per sentence


class Context:
    """The places a stretch of text is about: the most recent place named at each level."""

    def __init__(self, table: DivisionTable, city_forms: tuple[str, ...], local_suffixes: tuple[str, ...]):
        self.table = table
        self.current: dict[str, Division | None] = {}
        self.hidden: set[str] = set()  # levels an anonymised place (XX省) stands at
        self.city_forms = city_forms  # 市, 州: what a municipality's name ends in
        self.local_suffixes = local_suffixes  # 村, 社区: the places a bare village body belongs to
        self.paragraph = 0
        self.local: dict[str, set[EntityRef]] = {}  # villages and communities of this paragraph, by suffix
        self.named: Counter[str] = Counter()  # how often each unit has been named so far
        self.place_ends: dict[int, str] = {}  # where each named unit's mention ends → its key
        self.left_town: Division | None = None  # the town the context left for a place that holds it

    def enter_paragraph(self, index: int) -> None:
        if index != self.paragraph:
            self.paragraph = index
            self.local.clear()

    def see_local(self, ref: EntityRef) -> None:
        """A village or community named below the division table (开弦弓村, 双凤社区)."""
        for suffix in self.local_suffixes:
            if ref.label.endswith(suffix):
                self.local.setdefault(suffix, set()).add(ref)

    def local_place(self, suffix: str) -> EntityRef | None:
        """The one village (村) or community (社区) this paragraph has named so far, if one."""
        places = self.local.get(suffix, ())
        return next(iter(places)) if len(places) == 1 else None

    def see(self, unit: Division, named: bool = True) -> None:
        """A place named in the text: it and its parents become the context, except parents
        at a level the text has anonymised (西宁 in an article about "XX" says nothing of 省委)."""
        self.named[unit.key] += named
        chain = [unit, *self.table.ancestors(unit)]
        levels = {u.level for u in chain}
        for level in LEVELS:
            if level not in levels and _rank(level) > _rank(unit.level):
                lower = self.current.pop(level, None)
                if level == "town":
                    self.left_town = lower or self.left_town
                    if self.left_town is not None and not self.table.is_within(self.left_town, unit):
                        self.left_town = None  # the text has moved on to another area
        self.hidden.discard(unit.level)
        for u in chain:
            if u is unit or u.level not in self.hidden:
                self.current[u.level] = u

    def see_placeholder(self, level: str) -> None:
        """An anonymised place (XX市) hides the context: its bodies are not expanded."""
        self.hidden.add(level)
        for lv in LEVELS:
            if _rank(lv) >= _rank(level):
                self.current[lv] = None

    def at(self, level: str) -> Division | None:
        return self.current.get(level)

    def body_place(self, level: str) -> Division | None:
        """The place a bare body of ``level`` belongs to (市教委, 市公安局): the place at that
        level, and for a city's body in a municipality (北京市, 重庆市), a province-level unit,
        the municipality itself. Only for bodies: 朝阳 is no short 朝阳区 because the text is
        about 北京."""
        unit = self.current.get(level)
        county = self.current.get("county")
        if (unit is None and level == "town" and self.left_town is not None and county is not None
                and self.table.is_within(self.left_town, county)):
            unit = self.left_town  # 七都镇, then 吴江公安分局…联合镇综合执法局: still 七都镇's, while in its county
        if (level == "city" and county is not None and county.name.endswith(self.city_forms)
                and self.named[county.key] > (self.named[unit.key] if unit else 0)):
            return county  # 洪湖市 of 荆州市: a text more about the county-level city means its 市公安局
        if unit is None and level == "city" and "city" not in self.hidden:
            province = self.current.get("province")
            if province is not None and province.name.endswith(self.city_forms):
                return province
        return unit

    def scope(self) -> Scope:
        places = tuple((level, place_ref(unit)) for level in reversed(LEVELS)
                       if (unit := self.current.get(level)) is not None)
        return Scope(places, frozenset(self.hidden))

    def lowest(self) -> Division | None:
        for level in ("town", "county", "city", "province"):
            if self.current.get(level) is not None:
                return self.current[level]
        return None

    def choose(self, units: list[Division]) -> Division | None:
        """The unit that lies in the current context, the innermost context winning."""
        for level in ("town", "county", "city", "province"):
            region = self.current.get(level)
            if region is None:
                continue
            if region in units:
                return region  # the text is about this one (长沙县, then 长沙 again)
            inside = [u for u in units if self.table.is_within(u, region) or self.table.is_within(region, u)]
            if len(inside) == 1:
                return inside[0]
            if inside:
                units = inside
        if len(units) == 1:
            return units[0]
        # a city and a county of it that share the form (长沙: 长沙市, 长沙县): the city
        enclosing = [u for u in units if all(v is u or self.table.is_within(v, u) for v in units)]
        return enclosing[0] if len(enclosing) == 1 else None


def _rank(level: str) -> int:
    return LEVELS.index(level)


def place_ref(unit: Division) -> EntityRef:
    return EntityRef(EntityType.PLACE, unit.name, unit.key)


class Resolver:
    def __init__(self, lexicon: Lexicon):
        self.lexicon = lexicon
        self.table = lexicon.divisions
        self.rewrites = [tuple(pair) for pair in lexicon.patterns.get("resolve", "rewrites")]
        self.admin_forms = dict(lexicon.patterns.get("place", "admin_prefixes"))
        self.context_heads = dict(lexicon.patterns.get("agency", "context_heads"))
        self.local_context_heads = {head: tuple(pair) for head, pair in lexicon.patterns.get("agency", "local_context_heads").items()}
        self.local_suffixes = tuple(dict.fromkeys(suffix for suffix, _ in self.local_context_heads.values()))
        self.city_forms = tuple(form for form, level in self.admin_forms.items() if level == "city")
        self.tags = dictionary_tags()
        heads = set(lexicon.patterns.words("program", "heads")) | set(lexicon.patterns.words("campaign", "heads"))
        self.heads_by_length = sorted(heads, key=lambda h: (-len(h), h))
        self.curated = frozenset(e.name for e in lexicon.entries)
        self.legal_forms = frozenset(lexicon.patterns.words("organization", "legal_forms"))
        self.lakes = frozenset(lexicon.patterns.words("place", "county_lakes"))
        self.city_suffixes = lexicon.grammar.city_suffixes
        self.placeholder = lexicon.grammar.placeholder
        self.placeholder_anchor = re.compile(f"(?:{self.placeholder.pattern})([{lexicon.grammar.admin_suffix_chars}])?")

    def resolve(self, extracted: Extracted) -> ResolvedDocument:
        doc, text = extracted.doc, extracted.doc.text
        context = Context(self.table, self.city_forms, self.local_suffixes)
        self._seed(context, extracted)
        anchors = sorted((m.start(), m.group(1)) for m in self.placeholder_anchor.finditer(text))
        by_span: dict[tuple[int, int], Mention] = {}
        mentions: list[Mention] = []
        scopes: list[Scope] = []
        sentences = extracted.sentences or (Sentence(0, len(text)),)
        line_breaks = [m.start() for m in LINE_BREAK.finditer(text)]
        # inner names before the names built on them (七星 before 桂林市公安局七星分局)
        ordered = sorted(extracted.mentions, key=lambda c: (c.end, -c.start))
        a_idx = c_idx = 0
        for s_idx, sentence in enumerate(sentences):
            bound = sentences[s_idx + 1].start if s_idx + 1 < len(sentences) else len(text) + 1
            while c_idx < len(ordered) and ordered[c_idx].start < bound:
                cand = ordered[c_idx]
                c_idx += 1
                while a_idx < len(anchors) and anchors[a_idx][0] < cand.start:
                    context.see_placeholder(self._admin_level(anchors[a_idx][1]))
                    a_idx += 1
                surface = text[cand.start:cand.end]
                if self.placeholder.search(surface):
                    continue
                context.enter_paragraph(bisect.bisect_right(line_breaks, cand.start))
                written = self._written_name(cand, text) if cand.curated else ""
                mention = self._resolve_one(cand, surface, context, by_span, sentence, written)
                if mention is not None:
                    by_span[(cand.start, cand.end)] = mention
                    mentions.append(mention)
            while a_idx < len(anchors) and anchors[a_idx][0] < bound:
                context.see_placeholder(self._admin_level(anchors[a_idx][1]))
                a_idx += 1
            scopes.append(context.scope())
        return ResolvedDocument(doc, self._short_references(mentions), tuple(sentences), tuple(scopes))

    def _short_references(self, mentions: list[Mention]) -> tuple[Mention, ...]:
        """Within a document a campaign named in full is often referred to by a
        part of its name (百日攻坚专项行动 for 市域社会治理突出问题集中整治百日攻坚行动): such a
        part, without its head, inside a longer name of the same type is that entity. An
        organisation named in full with its place is referred to without it (吴江区蓝天救援队,
        then 蓝天救援队), a company without its legal form (…建设集团有限公司, then …建设集团), a
        body's unit without the body (广州市公安局白云区分局, then 白云区分局)."""
        full: dict[str, dict[EntityRef, None]] = {}  # each entity once: a name written a thousand times is one
        places: dict[EntityRef, EntityRef | None] = {}  # a body's place, that a short name must agree with
        for m in mentions:  # not programmes: they nest distinct ones (五治 / 五治融合)
            if m.entity.type in (EntityType.CAMPAIGN, EntityType.ORGANIZATION, EntityType.AGENCY):
                full.setdefault(m.entity.type, {})[m.entity] = None
                places[m.entity] = places.get(m.entity) or m.place
        targets = {ref: self._full_name(ref, full, places) for refs in full.values() for ref in refs}
        out = []
        for m in mentions:
            target = targets.get(m.entity)
            if target is not None:
                m = dataclasses.replace(m, entity=target, names=(*m.names, m.entity.label))
            if targets.get(m.parent) is not None:  # 甘州分局|交警大队: the unit of the unit named in full
                m = dataclasses.replace(m, parent=targets[m.parent])
            out.append(m)
        return tuple(out)

    def _full_name(self, ref: EntityRef, full: dict[str, dict[EntityRef, None]],
                   places: dict[EntityRef, EntityRef | None]) -> EntityRef | None:
        """The longer name of the document that ``ref`` is a short reference to, if one."""
        if ref.label in self.curated:  # 扫黑除恶专项斗争 is not a short 扫黑除恶专项斗争攻坚年
            return None
        if ref.type == EntityType.ORGANIZATION:
            label = ref.label
            longer = [e for e in full[ref.type] if len(e.label) > len(label) >= 4 and (
                e.label.endswith(label) or (e.label.startswith(label) and e.label[len(label):] in self.legal_forms))]
            if len(longer) > 1:  # 吴江区蓝天救援队 and 昆山市蓝天救援队: which one is not said
                return None
        elif ref.type == EntityType.AGENCY:  # the unit's name after its body's, the body also named
            bodies = {e.label for e in full[ref.type]}
            longer = [e for e in full[ref.type] if len(e.label) > len(ref.label) >= 4
                      and e.label.endswith(ref.label) and e.label[:-len(ref.label)] in bodies
                      and self._same_area(places.get(ref), places.get(e))]
            if len(longer) > 1:
                return None
        else:
            cores = self._cores(ref)
            longer = [e for e in full.get(ref.type, ()) if len(e.label) > len(ref.label)
                      and any(_contains(e.label, core) for core in cores)]
        return max(longer, key=lambda e: (len(e.label), e.label)) if longer else None

    def _same_area(self, place: EntityRef | None, other: EntityRef | None) -> bool:
        """May two bodies' places be one area (either unknown, or one within the other)? Guiyang's
        白云区分局 is no short name of Guangzhou's 广州市公安局白云区分局."""
        if place is None or other is None or place == other:
            return True
        units = [self.table.units.get(p.qualifier) for p in (place, other)]
        return None not in units and (self.table.is_within(units[0], units[1]) or self.table.is_within(units[1], units[0]))

    def _cores(self, ref: EntityRef) -> list[str]:
        """The name without each head it ends with (百日攻坚专项行动 → 百日攻坚专项, 百日攻坚),
        and the name itself with or without its last character (百日攻坚战 → 百日攻坚)."""
        cores = [ref.label[: -len(head)] for head in self.heads_by_length
                 if ref.label.endswith(head) and len(ref.label) - len(head) >= 3]
        return cores + [c for c in (ref.label, ref.label[:-1]) if len(c) >= 4]  # 百日攻坚(战)

    def _seed(self, context: Context, extracted: Extracted) -> None:
        """Before the first place is named, the document's most named city sets the context."""
        counts: Counter[str] = Counter()
        for cand in extracted.mentions:
            if cand.type == EntityType.PLACE and cand.keys and not cand.short and len(cand.keys) == 1:
                unit = self.table.units[cand.keys[0]]
                for u in (unit, *self.table.ancestors(unit)):
                    if u.level == "city":
                        counts[u.key] += 1
        if extracted.doc.place:
            units = self.table.lookup(extracted.doc.place)
            if len(units) == 1:
                context.see(units[0], named=False)
                return
        if counts:
            context.see(self.table.units[counts.most_common(1)[0][0]], named=False)

    def _admin_level(self, form: str | None) -> str:
        """The level an anonymised place hides; a bare XX hides everything."""
        return self.admin_forms.get(form, "province") if form else "province"

    @staticmethod
    def _written_name(cand: Linked, text: str) -> str:
        """A lexicon name as the text writes it, quotes dropped: the official name where the text
        goes on with the rest of it past a closing quote (“三严三实”专题教育), else the form written."""
        written = strip_quotes(text[cand.start:cand.end])
        if written != cand.canonical and cand.canonical.startswith(written):
            rest = cand.canonical[len(written):]
            if strip_quotes(text[cand.end:cand.end + len(rest) + 2]).startswith(rest):
                return cand.canonical
        return written

    def _resolve_one(self, cand: Linked, surface: str, context: Context,
                     by_span: dict[tuple[int, int], Mention], sentence: Sentence, written: str = "") -> Mention | None:
        def make(entity: EntityRef, **extra) -> Mention:
            return Mention(entity, surface, cand.start, cand.end, sentence, written=written, **extra)

        if cand.type == EntityType.PLACE:
            if cand.keys:
                units = [self.table.units[k] for k in cand.keys]
                unit = units[0] if len(units) == 1 else context.choose(units)
                if unit is None or (cand.short and not self._short_ok(unit, surface, context)):
                    if cand.short and strip_quotes(surface) in self.lakes:
                        # 太湖 in a text about 苏州 is the lake, not 安庆's 太湖县: one place wherever named
                        return make(EntityRef(EntityType.PLACE, strip_quotes(surface)))
                    return None
                context.see(unit)
                if unit.level == "county" and context.place_ends.get(cand.start) == unit.parent:
                    context.named[unit.key] += 1  # 荆州市|洪湖市: the text spells out where the county lies: its topic
                context.place_ends[cand.end] = unit.key
                context.see_local(place_ref(unit))  # a village or community of the table (金海社区)
                return make(place_ref(unit))
            if cand.curated:  # a place of the lexicon (a foreign country or city) is one place wherever named
                return make(EntityRef(EntityType.PLACE, cand.canonical))
            lowest = context.lowest()
            name = strip_quotes(surface)
            ref = EntityRef(EntityType.PLACE, name, f"{AREA_QUALIFIER}{lowest.key}" if lowest else "")
            context.see_local(ref)
            return make(ref, place=place_ref(lowest) if lowest else None)
        if cand.type == EntityType.AGENCY:
            return self._agency(cand, surface, context, by_span, make)
        names = (strip_quotes(surface),) if cand.canonical != strip_quotes(surface) else ()
        written_place = by_span.get(cand.prefix) if cand.prefix else None
        return make(EntityRef(cand.type, self._normal_name(cand.canonical)), names=names,
                    place=written_place.entity if written_place else None)

    def _short_ok(self, unit: Division, form: str, context: Context) -> bool:
        """A bare short form (白云) stands for a county only inside its city's context; a
        province's or city's short form is kept when it is a place name in jieba's dictionary
        (贵阳, ns) or the text is about its province (安康, also a given name)."""
        if unit.level == "province" or (unit.level == "city" and self.tags.get(form) in (None, "ns")):
            return True
        region = context.at("province" if unit.level == "city" else "city")
        return region is not None and self.table.is_within(unit, region)

    def _agency(self, cand: Linked, surface, context, by_span, make) -> Mention | None:
        name = cand.canonical  # a lexicon alias stands for its full name (中办)
        written_place = by_span.get(cand.prefix) if cand.prefix else None
        written_parent = by_span.get(cand.parent) if cand.parent else None
        place = written_place.entity if written_place else None
        parent = written_parent.entity if written_parent else None
        if place is None and written_parent is not None:  # 灵武市公安局马家滩派出所 lies in 灵武市
            place = written_parent.place
        if cand.keys and written_parent is None and not self._town_in_context(cand.keys, context):
            return None  # 公安派出所, 先进司法所: no town of the text is named so
        if cand.context_body and name in self.local_context_heads:  # a village's body named bare: 村委会
            suffix, follows = self.local_context_heads[name]
            local = context.local_place(suffix)
            if local is None:
                return None
            name = local.label + follows
            place = local
        elif cand.context_body:  # a body every city has, named bare: 反诈中心, 市域办
            unit = context.body_place(cand.admin)
            if unit is None:
                return None
            name = self._city_form(unit) + self.context_heads.get(name, name)
            place = place_ref(unit)
        elif cand.admin:
            unit = context.body_place(cand.admin)
            form = next((f for f in self.admin_forms if name.startswith(f) and self.admin_forms[f] == cand.admin), None)
            if unit is None or form is None:
                return None
            written = self._written_form(unit, form)
            name = written + name[len(form):]
            place = place_ref(unit)
        if parent is not None and cand.parent[0] == cand.start and not cand.admin:  # named after its parent
            name = parent.label + strip_quotes(surface[cand.parent[1] - cand.start:])
        return make(EntityRef(EntityType.AGENCY, self._normal_name(name)), place=place, parent=parent)

    def _town_in_context(self, keys: tuple[str, ...], context: Context) -> bool:
        """Does a town a station is named after (岸堤 of 岸堤派出所) lie in the province of the
        places the text is about (whether or not it names the province), if it names any?"""
        here = context.lowest()
        if here is None:
            return True  # a text that names no place: nothing says the station is elsewhere
        province = self._province(here)
        return any(self._province(self.table.units[k]) == province for k in keys)

    def _province(self, unit: Division) -> str:
        return ([unit, *self.table.ancestors(unit)][-1]).key

    def _city_form(self, unit: Division) -> str:
        """The city as written before its bodies: 贵阳市, 大理州."""
        for suffix in self.city_suffixes:
            form = self._written_form(unit, suffix)
            if form.endswith(suffix):
                return form
        return unit.name

    @staticmethod
    def _written_form(unit: Division, admin_form: str) -> str:
        """贵阳市 for 市, 大理州 for 州: the shortest name of the unit ending in that suffix."""
        forms = [f for f in (unit.name, *unit.aliases) if f.endswith(admin_form) and len(f) > len(admin_form) + 1]
        return min(forms, key=len) if forms else unit.name

    def _normal_name(self, name: str) -> str:
        """Apply the data's rewrites of equivalent wordings (州党委政法委员会 → 州委政法委员会)."""
        name = name.strip()
        for written, normal in self.rewrites:
            name = name.replace(written, normal)
        return name


def _contains(name: str, part: str) -> bool:
    """``part`` stands in ``name`` as it is, or (four characters or more) with words left out:
    市域社会治理突出问题百日攻坚 in 市域社会治理突出问题集中整治百日攻坚行动."""
    if part in name:
        return True
    if len(part) < 4:
        return False
    rest = iter(name)
    return all(ch in rest for ch in part)


class Unifier:
    """One node per real-world thing across the corpus: mentions whose names differ only in
    wording that the data declares equivalent (政法委员会 / 政法委, a 机制 tail, quote marks)
    share one entity, labelled with the fullest form seen."""

    def __init__(self, lexicon: Lexicon):
        self.equivalents = [tuple(pair) for pair in lexicon.patterns.get("resolve", "equivalent_wordings")]
        self.tails = {type_: tuple(tails) for type_, tails in lexicon.patterns.get("resolve", "optional_tails").items()}

    def key(self, ref: EntityRef) -> tuple[str, str, str]:
        label = ref.label
        for written, normal in self.equivalents:
            label = label.replace(written, normal)
        for tail in self.tails.get(ref.type, ()):
            if label.endswith(tail) and len(label) >= len(tail) + 2:
                label = label[: -len(tail)]
                break
        return ref.type, label, ref.qualifier

    def unify(self, resolved: list[ResolvedDocument]) -> list[ResolvedDocument]:
        counts = Counter(m.entity for rd in resolved for m in rd.mentions)
        forms: dict[tuple, Counter[str]] = {}
        for ref, n in counts.items():
            forms.setdefault(self.key(ref), Counter())[ref.label] += n
        label_of = {key: max(c.items(), key=lambda kv: (len(kv[0]), kv[1], kv[0]))[0] for key, c in forms.items()}
        finals: dict[EntityRef, EntityRef] = {}  # a corpus names far fewer things than it has mentions

        def final(ref: EntityRef | None) -> EntityRef | None:
            if ref is None:
                return None
            if ref not in finals:
                finals[ref] = EntityRef(ref.type, label_of.get(self.key(ref), ref.label), ref.qualifier)
            return finals[ref]

        out = []
        for rd in resolved:
            mentions = tuple(
                dataclasses.replace(m, entity=final(m.entity), place=final(m.place), parent=final(m.parent),
                                    names=tuple(sorted({*m.names, m.entity.label} - {final(m.entity).label})))
                for m in rd.mentions)
            scopes = tuple(Scope(tuple((lv, final(p)) for lv, p in sc.places), sc.hidden) for sc in rd.scopes)
            out.append(ResolvedDocument(rd.doc, mentions, rd.sentences, scopes))
        return out
