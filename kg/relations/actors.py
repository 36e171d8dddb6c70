"""Who implements which programme and who conducts which campaign.

Governance reports name the actor once and then list what it does over several clauses and
sentences (观山湖区……探索建立“十联铺”机制，……深化“五统一”机制). So the actor of a programme is
read, in this order: a body or place written right before its name (章贡“红管家”); the actor
at the head of the clause, or of an earlier clause of the sentence; the actor at the head of a
later clause when the programme stands in a leading adverbial (为完成试点工作，海东市……); the
actor the paragraph is about; the place the section is about. An anonymised actor (XX市, 全省
in an article that hides its province) hides the relation instead of passing it to another.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from kg.lexicon import Lexicon
from kg.relations.model import Relation
from kg.resolve import AREA_QUALIFIER, EntityRef, Mention, ResolvedDocument, Scope
from kg.vocabulary import EntityType, Predicate

ACTOR_TYPES = frozenset({EntityType.AGENCY, EntityType.PLACE, EntityType.ORGANIZATION})
# What each kind of object is related by, and which kinds of actor may hold that relation.
OBJECTS = {
    EntityType.PROGRAM: (Predicate.IMPLEMENTS, frozenset({EntityType.AGENCY, EntityType.PLACE, EntityType.ORGANIZATION})),
    EntityType.CAMPAIGN: (Predicate.CONDUCTS, frozenset({EntityType.AGENCY, EntityType.PLACE})),
}
CLAUSE_BREAKS = "，,；;：:。！？!?"
CLAUSE_BREAK = re.compile(f"[{CLAUSE_BREAKS}]")
# What may stand before a clause's actor: space, dashes, quotes, brackets, bullets.
LEADING_MARKS = re.compile(r"[\s—\-–“”\"'‘’《》（）()【】■●·•]*")


@dataclass(frozen=True)
class Actor:
    """Who a clause is about. ``refs`` empty with ``hidden`` set: an anonymised actor, which
    takes the topic's place but relates nothing; empty otherwise: a person, which acts for
    its clause only."""

    refs: tuple[EntityRef, ...]
    start: int
    hidden: bool = False

    @property
    def sets_topic(self) -> bool:
        return bool(self.refs) or self.hidden


NO_ACTOR = Actor((), -1, hidden=True)


class ActorReader:
    def __init__(self, lexicon: Lexicon):
        patterns = lexicon.patterns
        self.prefixes = tuple(patterns.get("relation", "collective_prefixes"))
        self.placeholder = lexicon.grammar.placeholder
        self.actor_initials = frozenset(w[0] for w in (*self.prefixes, *lexicon.grammar.placeholders))
        self.collective_levels = dict(patterns.get("relation", "collective_levels"))
        self.admin_words = sorted(self.collective_levels, key=len, reverse=True)  # 自治区 before 区
        self.openers = _alternatives(patterns.get("relation", "clause_openers"))
        self.joiners = sorted(patterns.get("relation", "actor_joiners"), key=len, reverse=True)
        self.partner_markers = tuple(patterns.get("relation", "partner_markers"))
        self.partner_actions = tuple(patterns.get("relation", "partner_actions"))
        self.programme_bodies = tuple(sorted(patterns.get("relation", "programme_bodies"), key=len, reverse=True))
        self.national = tuple(patterns.get("relation", "national_markers"))
        self.meetings = tuple(patterns.get("relation", "meeting_words"))
        self.posts = tuple(patterns.get("relation", "posts")["titles"])
        self.spanning = patterns.words("place", "spanning_endings")

    def _is_actor(self, ref: EntityRef) -> bool:
        """A body, an organisation or a place that governs: not an area (八里街) nor a river or road."""
        return ref.type in ACTOR_TYPES and not ref.qualifier.startswith(AREA_QUALIFIER) and not (
            ref.type == EntityType.PLACE and not ref.qualifier and ref.label.endswith(self.spanning))

    def read(self, rd: ResolvedDocument) -> list[Relation]:
        text = rd.doc.text
        newlines = [m.start() for m in re.finditer("\n", text)]
        in_sentence: dict[int, list[Mention]] = {}
        index = {s: i for i, s in enumerate(rd.sentences)}
        for m in rd.mentions:
            in_sentence.setdefault(index.get(m.sentence, -1), []).append(m)
        section = paragraph = NO_ACTOR
        last_paragraph = -1
        out: list[Relation] = []
        for i, sentence in enumerate(rd.sentences):
            mentions = sorted(in_sentence.get(i, ()), key=lambda m: (m.start, -m.end))
            scope = rd.scopes[i] if i < len(rd.scopes) else Scope()
            number = bisect.bisect_left(newlines, sentence.start)
            first_of_paragraph = number != last_paragraph
            if first_of_paragraph:
                paragraph, last_paragraph = section, number
            subjects = self._subjects(text, sentence.start, sentence.end, mentions, scope)
            leading = next((a for a in subjects if a.sets_topic), None)
            if leading is not None:
                if first_of_paragraph and all(r.type == EntityType.PLACE for r in leading.refs):
                    section = leading
                paragraph = leading
            for m in mentions:
                if m.entity.type not in OBJECTS:
                    continue
                for actor in self._actors_of(text, m, mentions, subjects, paragraph, sentence.start):
                    predicate, allowed = OBJECTS[m.entity.type]
                    if actor.type in allowed and actor != m.entity:
                        out.append(Relation(actor, predicate, m.entity, rd.doc.id, sentence))
        out += self._named_after(rd)
        return out

    def _actors_of(self, text: str, m: Mention, mentions: list[Mention], subjects: list[Actor],
                   paragraph: Actor, sentence_start: int) -> list[EntityRef]:
        modifier = [o for o in mentions if self._is_actor(o.entity) and _stands_before(text, o, m)]
        if modifier:
            return [max(modifier, key=lambda o: o.end - o.start).entity]
        if any(marker in m.entity.label for marker in self.national):
            return []  # 平安中国建设 is the country's: a place that names it takes part, not implements
        if self._names_a_meeting(text, m):
            return []
        before = [a for a in subjects if a.start <= m.start]
        after = [a for a in subjects if a.start > m.start]
        if before:
            actor = before[-1]
        elif after and after[0].sets_topic:
            actor = after[0]
        else:
            actor = paragraph
        clause_start = max(sentence_start, *(text.rfind(ch, sentence_start, m.start) + 1 for ch in CLAUSE_BREAKS))
        return [*actor.refs, *self._partners(text, m, mentions, clause_start)]

    def _names_a_meeting(self, text: str, m: Mention) -> bool:
        """召开…百日攻坚行动、扫黑除恶专项斗争…新闻发布会: the name only says what a meeting is about."""
        found = CLAUSE_BREAK.search(text, m.end, m.end + 40)
        end = found.start() if found else m.end + 40
        return any(word in text[m.end:end] for word in self.meetings)

    def _partners(self, text: str, m: Mention, mentions: list[Mention], clause_start: int) -> list[EntityRef]:
        """与贵州民族大学联合建立…: a partner named in the programme's clause also acts."""
        return [o.entity for o in mentions
                if self._is_actor(o.entity) and clause_start <= o.start and o.end <= m.start
                and text.endswith(self.partner_markers, 0, o.start)
                and text.startswith(self.partner_actions, o.end)]

    def _subjects(self, text: str, start: int, end: int, mentions: list[Mention], scope: Scope) -> list[Actor]:
        """The actor at the head of each clause of a sentence, where one stands there."""
        heads = [start, *(m.end() for m in CLAUSE_BREAK.finditer(text, start, end))]
        starting: dict[int, list[Mention]] = {}
        for m in mentions:
            starting.setdefault(m.start, []).append(m)
        out = []
        for head in heads:
            pos = LEADING_MARKS.match(text, head).end()
            opener = self.openers.match(text, pos) if self.openers else None
            pos = opener.end() if opener else pos
            actor = self._actor_at(text, pos, starting, scope)
            if actor is not None:
                out.append(actor)
        return out

    def _actor_at(self, text: str, pos: int, starting: dict[int, list[Mention]], scope: Scope) -> Actor | None:
        if pos not in starting and text[pos:pos + 1] not in self.actor_initials:
            return None  # most clauses open with no name, placeholder or collective
        if self.placeholder.match(text, pos):
            return Actor((), pos, hidden=True)
        collective = self._collective(text, pos, scope)
        if collective is not None:
            return collective
        here = starting.get(pos)
        if not here:
            return None
        first = max(here, key=lambda m: m.end - m.start)
        if first.entity.type == EntityType.PERSON or text.startswith(self.posts, first.end):
            return Actor((), pos)  # a person acts here, also one named by a post (州委副书记、州长任…)
        if not self._is_actor(first.entity):
            return None  # a programme heads the clause, or an area (八里街) or a road that runs nothing
        refs, end = [first.entity], first.end
        while True:  # 桂林市委、市政府; 西峰区和环县
            joiner = next((j for j in self.joiners if text.startswith(j, end)), None)
            following = starting.get(end + len(joiner)) if joiner else None
            following = [m for m in following or () if self._is_actor(m.entity)]
            if not following:
                break
            nxt = max(following, key=lambda m: m.end - m.start)
            refs.append(nxt.entity)
            end = nxt.end
        return Actor(tuple(dict.fromkeys(refs)), pos)

    def _collective(self, text: str, pos: int, scope: Scope) -> Actor | None:
        """全市 (公安机关), 我州: the place in context whose name ends in the admin word."""
        if not text.startswith(self.prefixes, pos):
            return None
        rest = pos + 1
        admin = next((a for a in self.admin_words if text.startswith(a, rest)), None)
        if admin is None:
            return None
        places = dict(scope.places)
        for level in self.collective_levels[admin]:
            if level in scope.hidden:
                return Actor((), pos, hidden=True)
            place = places.get(level)
            if place is not None and place.label.endswith(admin):
                return Actor((place,), pos)
        return Actor((), pos, hidden=True)

    def _named_after(self, rd: ResolvedDocument) -> list[Relation]:
        """平安贵阳建设领导小组 implements 平安贵阳建设: a body named after what it leads."""
        objects = {m.entity for m in rd.mentions if m.entity.type in OBJECTS and len(m.entity.label) >= 4}
        out = []
        for m in rd.mentions:
            if m.entity.type != EntityType.AGENCY or not m.entity.label.endswith(self.programme_bodies):
                continue
            for obj in objects:
                if obj.label in m.entity.label:
                    out.append(Relation(m.entity, OBJECTS[obj.type][0], obj, rd.doc.id, m.sentence))
        return out


def _alternatives(words) -> re.Pattern | None:
    """One pattern that matches the longest of ``words``."""
    return re.compile("|".join(map(re.escape, sorted(words, key=len, reverse=True)))) if words else None


def _stands_before(text: str, actor: Mention, m: Mention) -> bool:
    """章贡“红管家”, 固原市社会治理积分制模式, 西宁市的…: the actor is written onto the name."""
    between = text[actor.end:m.start]
    return actor.end <= m.start and between in ("", "的")
