"""holdsPost: a person and the posts written before the name (桂林市委常委、政法委书记赵志军).

The posts form a chain read right to left from the name: each link is a post title with the
body before it (政法委 + 书记), links joined by 、. A post written after a place names the
place's body (桂林市 + 市长 → 桂林市政府); a body written bare (公安局局长) is the body of that
name belonging to the place the chain or the sentence is about. Bodies are only linked when
the document names them: a post never invents a body.
"""

from __future__ import annotations

from kg.lexicon import Lexicon
from kg.relations.model import Relation
from kg.resolve import EntityRef, Mention, ResolvedDocument, Scope
from kg.vocabulary import EntityType, Predicate

class PostReader:
    def __init__(self, lexicon: Lexicon):
        posts = lexicon.patterns.get("relation", "posts")
        self.titles = sorted(posts["titles"], key=len, reverse=True)
        self.bodies = dict(posts["bodies"])
        self.role_openers = tuple(posts["role_openers"])
        self.heads = sorted(lexicon.patterns.words("agency", "heads"), key=len, reverse=True)
        # what a place's name ends in (桂林市, 大理州, 七都镇): a body named on it is the place's own
        self.place_endings = tuple({*lexicon.grammar.admin_suffix_chars, *lexicon.patterns.get("place", "admin_prefixes")})
        self.people = posts["people_before_head"]

    def read(self, rd: ResolvedDocument) -> list[Relation]:
        text = rd.doc.text
        agencies = {m.entity: m.place for m in sorted(rd.mentions, key=lambda m: m.place is not None)
                    if m.entity.type == EntityType.AGENCY}  # each body with its place, where one is known
        ending_at: dict[int, list[Mention]] = {}
        for m in rd.mentions:
            ending_at.setdefault(m.end, []).append(m)
        index = {s: i for i, s in enumerate(rd.sentences)}
        out = []
        for person in (m for m in rd.mentions if m.entity.type == EntityType.PERSON):
            i = index.get(person.sentence)
            scope = rd.scopes[i] if i is not None and i < len(rd.scopes) else Scope()
            for body, title in self._chain(text, person, ending_at, agencies, scope):
                out.append(Relation(person.entity, Predicate.HOLDS_POST, body, rd.doc.id, person.sentence, title=title))
        return out

    def _chain(self, text: str, person: Mention, ending_at: dict[int, list[Mention]],
               agencies: dict[EntityRef, EntityRef | None], scope: Scope) -> list[tuple[EntityRef, str]]:
        links: list[tuple[EntityRef | None, str, str]] = []  # (body, title, bare head)
        chain_places: list[EntityRef] = []
        pos, floor = person.start, person.sentence.start
        role = self._role_clause(text, person)
        if role is not None:  # 作为镇罗镇乡村治理中心负责人，宋敬超说
            floor, pos = role
        while pos > floor:
            title = next((t for t in self.titles if text.startswith(t, pos - len(t)) and pos - len(t) >= floor), None)
            if title is None:
                break
            pos -= len(title)
            written = [m for m in ending_at.get(pos, ()) if m.entity.type in (EntityType.AGENCY, EntityType.PLACE)]
            if written:
                holder = max(written, key=lambda m: m.end - m.start)
                pos = holder.start
                if holder.entity.type == EntityType.AGENCY:
                    links.append((holder.entity, title, ""))
                    if holder.place is not None:
                        chain_places.append(holder.place)
                else:
                    chain_places.append(holder.entity)
                    links.append((self._body_of(holder.entity, title, agencies), title, ""))
            else:
                head = next((h for h in self.heads if text.startswith(h, pos - len(h)) and pos - len(h) >= floor), "")
                if not head:
                    break
                pos -= len(head)
                links.append((None, title, head))
            if pos > floor and text[pos - 1] == "、":
                pos -= 1
            else:
                break
        places = chain_places + [p for _, p in scope.places]
        out = []
        for body, title, head in links:
            if body is None and head:
                body = next((b for p in places if (b := self._body_named(p, head, agencies))), None)
            if body is not None:
                out.append((body, title))
        return out

    def _role_clause(self, text: str, person: Mention) -> tuple[int, int] | None:
        """The clause before the name when it reads 作为 + post: where the post chain lies."""
        end = person.start - 1
        if end <= person.sentence.start or text[end] not in "，,":
            return None
        start = max((text.rfind(c, person.sentence.start, end) for c in "，,；;。"), default=-1) + 1
        start = max(start, person.sentence.start)
        opener = next((w for w in self.role_openers if text.startswith(w, start)), None)
        return (start + len(opener), end) if opener else None

    def _body_of(self, place: EntityRef, title: str, agencies: dict[EntityRef, EntityRef | None]) -> EntityRef | None:
        """桂林市 + 市长 → 桂林市政府 (or 桂林市人民政府), when the document names it."""
        ending = self.bodies.get(title)
        return self._body_named(place, ending, agencies) if ending else None

    def _body_named(self, place: EntityRef, head: str, agencies: dict[EntityRef, EntityRef | None]) -> EntityRef | None:
        """The place's own body with that head (桂林市 + 公安局 → 桂林市公安局, 桂林市人民政府),
        not a unit inside one (桂林市委政法委 is not 桂林市 + 委)."""
        for agency, where in sorted(agencies.items()):
            if where == place and agency.label.endswith(head):
                stem = agency.label[: -len(head)].removesuffix(self.people)
                if stem.endswith(self.place_endings):
                    return agency
        return None
