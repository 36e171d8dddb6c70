"""Rule-based recognisers for the six entity types, on a character-level ``TextView``.

Each recogniser is a callable ``(view, found) -> list[Candidate]``: ``found`` holds what the
earlier recognisers proposed (agencies are built on places, for instance). They only propose
``(start, end, type, source, score)``; the overlap policy of ``kg_entities`` settles overlaps and
``kg.nlp.link`` derives what resolution needs from the chosen spans.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable

import ahocorasick

from kg.lexicon import Grammar, Lexicon
from kg.nlp.link import COMMON_WORD_TAGS, feature_words, is_region_name, place_forms, place_initials, town_stems
from kg.nlp.records import RULE_SCORE, WEAK_SCORE, Candidate
from kg.nlp.text import (
    CLAUSE_PUNCT,
    CLOSE_QUOTES,
    OPEN_QUOTES,
    PUNCT,
    SENTENCE_END,
    TextView,
    dictionary_frequency,
    dictionary_tags,
    is_nominal,
    is_pun,
    longest_ending,
    quoted_spans,
    strip_quotes,
)
from kg.vocabulary import EntityType

PROPER_TAGS = {"ns", "nr", "nrfg", "nrt", "nz", "nt", "j", "s", None}
LIST_OF_CAMPAIGNS = re.compile(r"(?<=[\u4e00-\u9fff”）)])等(?:系列)?专项(?:行动|工作|活动|斗争|整治)")
RARE_CHAR_TAGS = {"zg", "ng", "nr", "ns", "f", None}  # lone characters that may spell a local name
NOUN_TAGS = {"n", "nz", "ns", "nt", "j"}
NAME_START_TAGS = {"n", "vn", "nz", "m"}  # may open a named area (会展商圈, 梦想城商圈)
VERB_TAGS = {"v", "vd", "vn", "vi"}
MODIFIER_TAGS = {"a", "ad", "b", "d", "f", "p", "r", "t", "v", "vd", "c", "u"}  # words that only qualify a name
COUNT_TAGS = {"m", "q", "mq"}  # numerals and measure words: 一所, 两家
UNIT_NAME_TAGS = {"n", "nz", "nt", "ns", "nr", "nrt", "j", "l", "s", "vn", "an", "b", "ng", "eng", "v", "vd", None}
UNIT_WORD_TAGS = {"n", "nt", "nz", None}  # a word that may be a unit's name with its head (电影局)
ADVERB_WORD_TAGS = frozenset({"m", "d", "ad"})  # 一路 (all the way) is tagged a numeral
KIND_WORD_TAGS = {"n", "nt", "j", "l"}  # a word that ends in an organisation's head and names a kind of it (中心小学)
KIND_STEM_TAGS = COMMON_WORD_TAGS | {"j", "m"}  # what before a head makes a kind: 中心|小学, 法|学院, 第一|中学
STREET_STEM_TAGS = {"n", "nr", "nz", "ns", "d", "vn", "j"}  # 文艺|路, 县府|街, 高新|大道; no adjective (泥泞路)
SINGLE_CHAR_TAGS = {"n", "ns", "nr", "nz", "ng", "m", "q", "j", "f", "s", "b", "x", "k", "h", "g", "zg", "eng", None}
QUOTE_CHARS = set(OPEN_QUOTES + CLOSE_QUOTES)
PUNCT_BUT_PARENTHESES = re.compile("[" + re.escape("".join(ch for ch in PUNCT if ch not in "()（）")) + "]")


def _automaton(forms: Iterable[tuple[str, object]]) -> ahocorasick.Automaton:
    """An Aho-Corasick automaton whose value for each form is the list of values given for it."""
    values: dict[str, list] = {}
    for form, value in forms:
        values.setdefault(form, []).append(value)
    auto = ahocorasick.Automaton()
    for form, found in values.items():
        auto.add_word(form, found)
    if len(auto):
        auto.make_automaton()
    return auto


def _matches(auto: ahocorasick.Automaton, text: str):
    if not len(auto):
        return
    for last, values in auto.iter(text):
        yield last + 1, values


def _longest_by_end(auto: ahocorasick.Automaton, text: str) -> dict[int, str]:
    """For each end position, the longest key of ``auto`` ending there."""
    best: dict[int, str] = {}
    for end, values in _matches(auto, text):
        form = values[0]
        if len(form) > len(best.get(end, "")):
            best[end] = form
    return best


class Gazetteer:
    """Curated national names, every form of the division table, and the rivers, lakes,
    mountains and regions of jieba's dictionary (``kg.nlp.link.feature_words``), found in one
    pass of Aho-Corasick. A dictionary feature is a weak guess: a longer name the model finds
    holding it takes its place."""

    def __init__(self, lexicon: Lexicon):
        forms: list[tuple[str, tuple]] = [(form, ("entry", type_)) for type_, form, _ in lexicon.written_forms()]
        self.adjective_markers = tuple(lexicon.patterns.words("place", "adjective_markers"))
        for form, place in place_forms(lexicon).items():
            forms.append((form, ("place", place.short)))
        for word in feature_words(lexicon).named:
            forms.append((word, ("feature", None)))
        self.auto = _automaton((f, (f, v)) for f, v in forms)
        # 外交部 of 中国外交部: a body written after the home country's name, found once here
        self.country_bodies = lexicon.home_country_forms()
        self.heads = frozenset((*lexicon.body_heads(), *lexicon.patterns.words("agency", "model_endings")))

    def _edge(self, view: TextView, pos: int, form: str) -> bool:
        """A short name may begin or end at ``pos``: a word boundary, or, for a name of more
        than two characters, inside a word jieba guessed (由住|建部); never inside a word of
        its dictionary (集中|办公 holds no 中办), and two characters only as a word (网中|办)."""
        return view.is_boundary(pos) or (len(form) > 2 and view.tokens[view.token_at(pos)].tag is None)

    def _before_head(self, view: TextView, end: int, shortest: int = 1) -> bool:
        """The rest of the word is the head of a body (日本|政府 in the word 日本政府), of
        ``shortest`` characters or more (公安局 of 文|县公安局, not the 委 of 新|县委)."""
        word = view.tokens[view.token_at(end)]
        rest = view.text[end:word.end]
        return word.start < end and len(rest) >= shortest and rest in self.heads

    def __call__(self, view: TextView, found: list[Candidate]) -> list[Candidate]:
        out = []
        features: dict[int, int] = {}  # end → start of the longest feature ending there (南太平洋, not 太平洋)
        for end, values in _matches(self.auto, view.text):
            form = values[0][0]
            start = end - len(form)
            types = {v[1] for _, v in values if v[0] == "entry"}
            short = next((v[1] for _, v in values if v[0] == "place"), None)
            if view.text.startswith(self.adjective_markers, end):  # 中国|特色社会主义: an adjective
                types.discard(EntityType.PLACE)
                short = None
            body = self.country_bodies.get(form)  # 中国|公安部 ends where 公安部 would (not in 公安部门),
            if body is not None and not (len(body) > 3 or self._edge(view, end, body)  # or inside an institution's
                                         or view.tokens[view.token_at(end)].tag == "nt"):  # name: 外交部|亚洲司
                types = set()
            if any(v[0] == "feature" for _, v in values) and view.is_boundary(start) and view.is_boundary(end):
                features[end] = min(features.get(end, start), start)
            if types and (len(form) > 3 or (self._edge(view, start, form) and (
                    self._edge(view, end, form) or (types == {EntityType.PLACE} and self._before_head(view, end))))):
                # a short form is a name only as a word of its own: not 中办 in 集中办公
                out.extend(Candidate(start, end, type_, "lexicon") for type_ in sorted(types))
            if short is not None:
                if short and not (view.is_boundary(start) and view.is_boundary(end)):
                    continue
                if len(form) <= 3 and not view.is_boundary(start):
                    continue  # 吉县 inside 西吉县
                if len(form) <= 2 and not (view.is_boundary(end) or self._before_head(view, end, shortest=2)):
                    continue  # 新县 of 新|县城, 成县 of 成|县级; but 文县 of 文|县公安局
                out.append(Candidate(start, end, EntityType.PLACE, "division", WEAK_SCORE if short else RULE_SCORE))
        out += [Candidate(start, end, EntityType.PLACE, "place-word", WEAK_SCORE) for end, start in features.items()]
        return out


class _Extender:
    """Shared left-extension logic: how far a name may reach back over nominal tokens."""

    def __init__(self, lexicon: Lexicon):
        p = lexicon.patterns
        self.grammar = lexicon.grammar
        stops = set(p.words("trigger", "implements")) | set(p.words("trigger", "conducts")) | set(p.words("trigger", "light_verbs"))
        self.stop_words = frozenset(stops)
        self.not_in_names = self.stop_words | self.grammar.function_words  # words a name never holds
        self.trigger_endings = tuple(sorted(w for w in stops if len(w) == 2))
        self.opening_words = frozenset(p.words("names", "opening_words"))
        self.glue_chars = frozenset(p.get("names", "glue_chars"))
        self.opening_verbs = frozenset(p.words("campaign", "opening_verbs")) | self.opening_words

    def reach(self, view: TextView, pos: int, max_chars: int, verbs: bool = False, verb_first: bool = False) -> list[int]:
        """Token starts left of ``pos`` reachable over nominal tokens (and quotes), nearest first.
        With ``verbs``, over verbs and adjectives too (campaign names are verb phrases:
        打击涉网黑恶犯罪专项行动), never over a trigger verb, and a name opens with a verb only
        if it is one that opens names (打击, 整治 …), or, with ``verb_first``, any verb (the second
        of two joined: 防范和|处置非法集资)."""
        starts, i = [], view.token_at(pos - 1) if pos > 0 else -1
        verb_at: dict[int, bool] = {}
        while i >= 0:
            tok = view.tokens[i]
            i -= 1
            if tok.end > pos:  # ``pos`` cuts this token: only its right part belongs to the name
                continue
            if pos - tok.start > max_chars:
                break
            if tok.text in QUOTE_CHARS:
                continue
            if tok.text in (")", "）"):  # a short parenthesis inside a name: 示范村(社区)创建
                opening = next((j for j in range(i, max(i - 4, -1), -1) if view.tokens[j].text in ("(", "（")), None)
                if opening is not None and pos - view.tokens[opening].start <= max_chars:
                    i = opening - 1
                    continue
                break
            if len(tok.text) > 2 and tok.text.endswith(self.trigger_endings):
                break  # 积极开展, 深入推进: a trigger verb glued to its adverb
            left = view.tokens[i] if i >= 0 else None
            if (len(tok.text) == 1 and tok.tag == "v" and tok.text not in self.grammar.function_words and starts and left is not None
                    and len(left.text) > 1 and (left.tag in NOUN_TAGS or tok.text in self.glue_chars)
                    and left.text not in self.stop_words):
                starts.append(tok.start)  # a one-character verb between two nouns: 知识产权|跨|行政区划
                verb_at[tok.start] = True
                continue
            wordy = len(tok.text) > 1 and tok.text not in self.stop_words
            verb_ok = (verbs and wordy and tok.tag in ("v", "vd", "a")) or tok.text in self.opening_words
            if not (verb_ok or is_nominal(tok, self.not_in_names)) or (len(tok.text) == 1 and tok.tag not in SINGLE_CHAR_TAGS):
                break
            if tok.tag is None and any(ch in self.grammar.glued_function_chars for ch in tok.text):
                glued = self.grammar.glued_function_chars
                if tok.text[0] in glued and not any(ch in glued for ch in tok.text[1:]):
                    starts.append(tok.start + 1)  # jieba glued a preposition to a new word: 对|花果园
                break
            starts.append(tok.start)
            verb_at[tok.start] = tok.tag in ("v", "vd") and tok.text not in self.opening_verbs
        while starts and verb_at.get(starts[-1]) and not verb_first:
            starts.pop()
        return starts


class PlacePatterns(_Extender):
    """Named sub-areas below the division table: a proper name plus a suffix (花果园片区, 八里街)."""

    def __init__(self, lexicon: Lexicon):
        super().__init__(lexicon)
        p = lexicon.patterns
        self.suffixes = _automaton((s, s) for s in p.words("place", "suffixes"))
        self.non_stems = frozenset(p.words("place", "non_place_stems"))
        self.area = frozenset(p.words("place", "area_suffixes"))
        self.village_roles = frozenset(p.words("place", "village_roles"))
        self.own_bodies = tuple(p.words("place", "own_bodies"))
        self.kind_endings = tuple(p.words("place", "non_place_stem_endings"))
        self.not_places = frozenset(p.words("place", "not_places"))
        self.generic_features = feature_words(lexicon).generic
        self.region_suffix = p.get("place", "region_suffix")
        self.water_suffixes = tuple(sorted(p.words("place", "water_suffixes"), key=len, reverse=True))
        self.water_context = _automaton((w, w) for w in p.words("place", "water_context_words"))
        self.generic_waters = frozenset(p.words("place", "generic_waters"))
        self.max_water = p.get("place", "max_water_name_chars")
        self.expressways = _automaton((w, w) for w in p.words("place", "expressway_words"))
        self.road_joiners = tuple(p.words("place", "road_joiners"))
        self.max_road_stem = p.get("place", "max_road_stem_chars")
        self.numbered_roads = re.compile("|".join(p.words("place", "road_regexes")))
        self.road_stem_max_frequency = p.get("place", "road_stem_max_frequency")
        self.after_parent = frozenset(p.words("place", "named_after_parent_suffixes"))
        self.street_suffixes = frozenset(p.words("place", "street_suffixes"))
        self.street_markers = frozenset(p.words("place", "street_markers"))
        self.street_followers = tuple(p.words("place", "street_followers"))
        self.place_initials = place_initials(lexicon)
        self.lexicon = lexicon

    def __call__(self, view: TextView, found: list[Candidate]) -> list[Candidate]:
        text, out = view.text, []
        place_starts = {c.start for c in found if c.type == EntityType.PLACE}
        bodies = sorted((c for c in found if c.type in (EntityType.PLACE, EntityType.AGENCY) and not c.weak), key=lambda c: c.end)
        body_ends = [b.end for b in bodies]
        for end, suffix in _longest_by_end(self.suffixes, text).items():
            s_start = end - len(suffix)
            opening = view.tokens[view.token_at(s_start)]
            # a village written twice, its name then a role (余村|村委会): the role opens with the suffix
            doubled = any(text.startswith(r, end) for r in self.village_roles if r.startswith(suffix))
            if end < len(text) and not view.is_boundary(end) and not doubled and not (
                    opening.start == s_start and opening.text in self.village_roles):
                continue  # the suffix ends a word, or opens a village role (大良|村支书)
            tok = view.tokens[view.token_at(s_start)]
            following = view.tokens[view.token_at(end)] if end < len(text) else None
            if tok.start < s_start and (tok.text in self.not_places or tok.text in self.generic_features or (
                    tok.end == end and tok.tag in ADVERB_WORD_TAGS and following is not None
                    and following.start == end and following.tag in VERB_TAGS)):
                # 乡村, 农村, 偏远地区: a word, not a name; 一路|走来: the suffix ends an adverb before
                # its verb (八|一路 before 。 or 的 is a road)
                continue
            candidates = []
            if tok.start < s_start and tok.end == end and tok.tag in PROPER_TAGS | {"n"}:
                candidates.append(tok.start)  # the suffix ends a longer word: 十字街
            # a place or body just before, when jieba glued its last character on (博白镇|大良村)
            near = bodies[bisect.bisect_left(body_ends, s_start - 6):bisect.bisect_left(body_ends, s_start)]
            candidates += [b.end for b in near if b.type == EntityType.PLACE
                           and view.tokens[view.token_at(b.end)].start < b.end
                           and not any(ch in PUNCT for ch in text[b.end:s_start])]
            reach = self.reach(view, s_start, 8)
            if suffix in self.after_parent:  # 关上街道|世纪城社区: words of the language, named in its address,
                # joined into no word of the dictionary (not 附近, 部分, 问题 社区: where, how many, which kind)
                candidates += [b.end for b in near if b.type == EntityType.PLACE and not b.weak and s_start - b.end >= 2
                               and b.end in reach and text[b.end:s_start] not in dictionary_tags()]
            singles, named, verb_after_name = 0, False, False
            for start in reach:
                t = view.tokens[view.token_at(start)]
                if t.tag == "nt":  # an institution name (公安局) ends the place on the left
                    break
                singles = singles + 1 if len(t.text) == 1 and t.tag in RARE_CHAR_TAGS else 99
                if 2 <= singles <= 3:  # characters jieba could not join: a rare local name (上迳村)
                    candidates.append(start)
                numeral_name = t.tag == "m" and not any(ch.isdigit() for ch in t.text)  # 八里街, 三里屯
                verb_after_name = verb_after_name or (named and t.tag in VERB_TAGS)
                if t.tag in PROPER_TAGS or start in place_starts or numeral_name:
                    candidates.append(start)
                    named = True
                elif t.tag in NAME_START_TAGS and suffix in self.area and not verb_after_name:
                    candidates.append(start)  # 会展商圈; not 高标准建设|雄安新区: a verb before a name
            # a name never reaches back over a whole place or body: 兴国县|良村镇
            before = bisect.bisect_left(body_ends, s_start)
            floor = body_ends[before - 1] if before else 0
            named_by_body = self._named_by_own_body(view, s_start, floor, doubled) if (
                doubled or text.startswith(self.own_bodies, end)) else []
            candidates += named_by_body
            for start in sorted(set(candidates)):
                if start < floor:
                    continue
                stem = text[start:s_start]
                if (len(stem) < 2 and start not in named_by_body) or stem.endswith(suffix) or any(
                        stem.startswith(w) for w in self.non_stems if len(w) > 1 or len(stem) <= 2):
                    continue
                if (any(ch.isdigit() for ch in stem) or stem[0] in self.grammar.stem_openers or stem[-1] in self.grammar.measure_chars
                        or self.grammar.counted.search(stem) or any(text.startswith(w, start) for w in self.not_places)):
                    continue  # 两条|景观大道, 新建两个|文化广场: a count of a kind
                if stem.endswith(self.kind_endings) or any(w in stem for w in self.not_places if len(w) > 1):
                    continue
                if dictionary_tags().get(text[start:end]) in ("i", "l"):
                    continue  # 康庄大道: a word of the language (an idiom here), not a name
                if suffix == self.region_suffix and not is_region_name(stem, self.lexicon):
                    continue  # 边疆地区, 贫困地区: a kind of region, not a named one
                if any(view.tokens[i].text in self.grammar.function_words
                       for i in range(view.token_at(start), view.token_at(s_start - 1) + 1)):
                    continue  # 镇政府|和|黄岩街道: a conjunction joins two names, it is in neither
                if any(ch in PUNCT + "村镇乡" for ch in stem):
                    continue  # the name of another place lies inside: 镇穴田村委|泗林村
                out.append(Candidate(start, end, EntityType.PLACE, "place-suffix"))
                break
        return out + self._waters(view) + self._roads(view) + self._streets(view, found)

    def _streets(self, view: TextView, found: list[Candidate]) -> list[Candidate]:
        """Streets named by an everyday word (文艺路, 县府街, 高新大道), where the text says where:
        right after a district or town, or after a word of location (家住, 位于), and followed
        by what follows a place (的, 附近, a pause), not a figure of speech (人生路上)."""
        text, out = view.text, []
        place_ends = {c.end for c in found if c.type == EntityType.PLACE and not c.weak}
        tokens = view.tokens
        for i in range(1, len(tokens)):
            suffix, stem = tokens[i], tokens[i - 1]
            if suffix.text not in self.street_suffixes or len(stem.text) != 2 or stem.tag not in STREET_STEM_TAGS:
                continue
            if (stem.text in self.not_in_names or stem.text[0] in self.grammar.stem_openers or stem.text in self.not_places
                    or stem.text in self.non_stems):
                continue  # 山区路, 城市街: a kind of road
            before = tokens[i - 2].text if i >= 2 else ""
            if stem.start not in place_ends and before not in self.street_markers:
                continue
            after = text[suffix.end:suffix.end + 2]
            if suffix.end < len(text) and not (text[suffix.end] in PUNCT or after.startswith(self.street_followers)):
                continue
            out.append(Candidate(stem.start, suffix.end, EntityType.PLACE, "place-street"))
        return out

    def _roads(self, view: TextView) -> list[Candidate]:
        """Expressways named by the places they join (福银高速, 闽清至永泰高速公路) and numbered roads."""
        text, out = view.text, []
        out += [Candidate(m.start(), m.end(), EntityType.PLACE, "place-road") for m in self.numbered_roads.finditer(text)]
        for end, word in _longest_by_end(self.expressways, text).items():
            start = self._road_stem(view, end - len(word)) if view.is_boundary(end) else None  # not 高速|公路
            if start is None:
                continue
            joiner = next((j for j in self.road_joiners if text.endswith(j, 0, start)), None)
            joined = self._road_stem(view, start - len(joiner)) if joiner is not None else None
            start = start if joined is None else joined  # 闽清|至|永泰
            out.append(Candidate(start, end, EntityType.PLACE, "place-road"))
        return out

    def _road_stem(self, view: TextView, pos: int) -> int | None:
        """Start of the abbreviations of places right before ``pos`` (福银, 沪|昆, 京|港澳), if any."""
        if not view.is_boundary(pos):
            return None
        start, k = pos, view.token_at(pos - 1) if pos > 0 else -1
        while k >= 0 and pos - view.tokens[k].start <= self.max_road_stem:
            tok = view.tokens[k]
            abbreviation = (tok.tag in ("j", "ns") if len(tok.text) == 1 else
                            tok.tag in (None, "j", "ns", "nz") and all(ch in self.place_initials for ch in tok.text)
                            and dictionary_frequency(tok.text) < self.road_stem_max_frequency)
            if not abbreviation:
                break  # 驶入|高速, 返程|高速: not places' initials; 普通|高速公路: an everyday word
            start, k = tok.start, k - 1
        return start if pos - start >= 2 else None

    def _waters(self, view: TextView) -> list[Candidate]:
        """Rivers and lakes named before a word only water takes (汶河沿岸, 宝象|河|沿岸, 内荆河流域),
        and those listed before such a one (建溪、富屯溪沿岸)."""
        out = []
        for end, context in _longest_by_end(self.water_context, view.text).items():
            i = view.token_ending_at(end - len(context))
            start = self._water_name(view, i) if i is not None else None
            while start is not None:
                out.append(Candidate(start, view.tokens[i].end, EntityType.PLACE, "place-water"))
                joint = view.token_at(start - 1) if start > 0 else None
                if joint is None or view.tokens[joint].text not in ("、", "和", "与", "及") or joint == 0:
                    break
                i = joint - 1
                start = self._water_name(view, i, alone=True)
        return out

    def _water_name(self, view: TextView, i: int, alone: bool = False) -> int | None:
        """Start of the water body's name that token ``i`` ends: the token itself (汶河), or, for a
        bare suffix, with the nouns before it (宝象|河); ``alone``, the token only."""
        tok = view.tokens[i]
        suffix = next((s for s in self.water_suffixes if tok.text.endswith(s)), None)
        if suffix is None:
            return None
        start = tok.start
        if tok.text == suffix and not alone and i > 0:
            before = view.tokens[i - 1]
            if before.end != tok.start or not is_nominal(before, self.not_in_names) or len(before.text) < 2:
                return None
            start = before.start
        name = view.text[start:tok.end]
        stem = name[:-len(suffix)]
        if (not stem or len(name) > self.max_water or name in self.generic_waters or stem in self.non_stems
                or stem[0] in self.grammar.stem_openers or not all("\u4e00" <= ch <= "\u9fff" for ch in name)):
            return None
        return start

    def _named_by_own_body(self, view: TextView, s_start: int, floor: int, doubled: bool) -> list[int]:
        """Starts of a plain-word name before a suffix its own body follows (芳草社区党委): up to
        three characters from a word boundary, no word a name never holds (``not_in_names``),
        not only modifiers (新型社区); one character only where the village is written twice
        and nothing of a name stands before it (在余村村委会), not a word of its own (外村村民)."""
        text, out = view.text, []
        for start in range(s_start - 1, max(floor, s_start - 3) - 1, -1):
            if not "\u4e00" <= text[start] <= "\u9fff":
                break
            tokens = range(view.token_at(start), view.token_at(s_start - 1) + 1)
            if any(view.tokens[i].text in self.not_in_names for i in tokens):
                break
            if not view.is_boundary(start) or all(view.tokens[i].tag in MODIFIER_TAGS for i in tokens):
                continue
            if s_start - start >= 2:
                out.append(start)
            elif doubled and self._lone_village_name(view, start, s_start, floor):
                out.append(start)
        return out

    def _lone_village_name(self, view: TextView, start: int, s_start: int, floor: int) -> bool:
        """余 of 余村村委会: a character that is no numeral, after a place, a function word or
        no Chinese at all, whose village is no common word (外村, 同村)."""
        text = view.text
        before = view.token_ending_at(start)
        opened = start == floor or start == 0 or not "\u4e00" <= text[start - 1] <= "\u9fff" or (
            before is not None and view.tokens[before].text in self.grammar.function_words)
        word = text[start:s_start + 1]
        return opened and text[start] not in self.grammar.numerals and dictionary_tags().get(word) not in COMMON_WORD_TAGS


class LocalBodies:
    """Party bodies named 党委, 党总支 …: bodies only after a place below the county (七都镇党委,
    芳草社区党委); above it a party committee is written 委 (大理州委, not 大理州党委)."""

    def __init__(self, patterns):
        self.heads = frozenset(patterns.words("agency", "local_heads"))
        self.place_endings = tuple(patterns.words("agency", "local_place_endings"))

    def named_after(self, place: str) -> bool:
        return place.endswith(self.place_endings)


class _BodiesByEnd:
    """Places and bodies found so far, looked up by where they end: a head looks only at those
    that end near it, not at every body of a long document."""

    def __init__(self, bodies: Iterable[Candidate]):
        self._ends: list[int] = []
        self._found: list[tuple[int, Candidate]] = []  # (order found, body), sorted by end
        for body in bodies:
            self.add(body)

    def add(self, body: Candidate) -> None:
        i = bisect.bisect_right(self._ends, body.end)
        self._ends.insert(i, body.end)
        self._found.insert(i, (len(self._found), body))

    def ending_within(self, lo: int, hi: int) -> list[Candidate]:
        """The bodies ending at ``lo`` … ``hi``, in the order they were found."""
        window = self._found[bisect.bisect_left(self._ends, lo):bisect.bisect_right(self._ends, hi)]
        return [body for _, body in sorted(window, key=lambda item: item[0])]


class AgencyPatterns(_Extender):
    """A place (or an admin prefix, or another body) plus an institutional head."""

    def __init__(self, lexicon: Lexicon):
        super().__init__(lexicon)
        p = lexicon.patterns
        self.local = LocalBodies(p)
        body_heads = (*lexicon.body_heads(), *self.local.heads, *p.words("agency", "local_context_heads"))
        self.unit_heads = frozenset(p.words("agency", "unit_heads")) - set(body_heads)
        self.heads = _automaton((h, h) for h in dict.fromkeys((*body_heads, *self.unit_heads)))
        self.max_unit_mod = p.get("agency", "max_unit_modifier_chars")
        self.self_named = frozenset(p.words("agency", "self_named_heads"))
        self.place_only = frozenset(p.words("agency", "place_only_heads"))
        self.town_named = frozenset(p.words("agency", "town_named_heads"))
        self.foreign_places = lexicon.foreign_place_forms()
        self.foreign_heads = tuple(sorted(p.words("agency", "foreign_heads"), key=len, reverse=True))
        self.conjunctions = frozenset(p.words("agency", "name_conjunctions"))
        self.max_foreign = p.get("agency", "max_foreign_body_chars")
        self.mission_markers = _automaton((m, m) for m in p.words("agency", "mission_markers"))
        self.mission_hosts = tuple(p.words("agency", "mission_hosts"))
        self.mission_heads = tuple(sorted(p.words("agency", "mission_heads"), key=len, reverse=True))
        self.town_stems = town_stems(lexicon)
        self.sub_units = frozenset(p.words("agency", "sub_unit_heads"))
        self.generic = tuple(p.words("agency", "generic"))
        self.admin = dict(p.get("place", "admin_prefixes"))
        self.max_mod = p.get("agency", "max_modifier_chars")
        self.context_heads = frozenset((*p.words("agency", "context_heads"), *p.words("agency", "local_context_heads")))
        self.place_suffixes = frozenset(p.words("place", "suffixes"))
        self.posts = frozenset((*p.words("person", "titles"), *p.get("relation", "posts")["titles"]))
        self.other_things = p.words("agency", "head_continuations")
        self.force_prefixes = p.words("agency", "force_prefixes")
        self.posts_by_first: dict[str, list[str]] = {}
        for post in self.posts:
            self.posts_by_first.setdefault(post[0], []).append(post)

    def _opens_word(self, view: TextView, h_start: int, end: int) -> bool:
        """Is the head, as jieba reads the sentence, the start of a word that names another thing
        (空军基地, 政府军, 法院网)? Then it names no body; the body's own things (政府部门, 海关监管)
        keep it, and so does a head jieba cuts off the word (贵阳市政府|军民融合)."""
        if end >= len(view.text):
            return False
        word = view.tokens[view.token_at(end - 1)]
        return word.end > end and view.text[end:word.end] in self.other_things

    def _modifier_ok(self, view: TextView, start: int, end: int) -> bool:
        if start == end:
            return True
        if end - start > self.max_mod:
            return False
        span = view.text[start:end]
        if any(ch in SENTENCE_END + CLAUSE_PUNCT for ch in span) or any(g in span for g in self.generic):
            return False
        if self.grammar.level_words.match(span) or re.search(r"[0-9０-９]|[个名所]", span):
            return False  # 两级检察院, 3个县级综治中心: a count of bodies, not one body
        if start in self.reach(view, end, self.max_mod, verbs=True):
            return True
        for i in range(view.token_at(start), view.token_at(end - 1) + 1):  # 防范和处置非法集资工作|领导小组
            joint = view.tokens[i]
            if joint.text in self.conjunctions and start < joint.start and joint.end < end:
                return (start in self.reach(view, joint.start, self.max_mod, verbs=True)  # the second verb
                        and joint.end in self.reach(view, end, self.max_mod, verbs=True, verb_first=True))  # pairs the first
        return False

    def _admin_prefix(self, view: TextView, pos: int) -> tuple[int, str] | None:
        """A bare 市/县/省 … right before ``pos`` that opens a name (市公安局, 由市委…)."""
        text = view.text
        for form in sorted(self.admin, key=len, reverse=True):
            start = pos - len(form)
            if start < 0 or text[start:pos] != form:
                continue
            before = text[start - 1] if start > 0 else ""
            if before and (before not in PUNCT and not view.is_boundary(start)):
                continue
            if before and before in "全各本该每城都县市省州区乡镇级":
                continue
            return start, self.admin[form]
        return None

    def __call__(self, view: TextView, found: list[Candidate]) -> list[Candidate]:
        text, out = view.text, []
        bodies = _BodiesByEnd(c for c in found if c.type in (EntityType.PLACE, EntityType.AGENCY))
        agencies: dict[int, list[Candidate]] = {}  # by end: the bodies a unit's name may open with
        for c in found:
            if c.type == EntityType.AGENCY:
                agencies.setdefault(c.end, []).append(c)
        heads = _longest_by_end(self.heads, text)
        head_starts = {end - len(head) for end, head in heads.items()}
        for end, head in sorted(heads.items()):
            h_start = end - len(head)
            if text.startswith(self.grammar.rank_marker, end):
                continue  # 局级领导: a rank
            if len(head) == 1 and not self._own_post_follows(text, end) and not self._one_character_head(view, h_start, end):
                continue
            if len(head) > 1 and self._opens_word(view, h_start, end):
                continue
            if head in self.unit_heads:
                # a unit's head that runs on into another's is a word of that name (第二中心|派出所)
                runs_on = end in head_starts and not self._post_at(text, end)  # but 第二庭|庭长: its chief
                cand = None if runs_on else self._unit(view, h_start, end, agencies)
            else:
                cand = self._build(view, h_start, end, head, bodies)
            if cand is not None:
                out.append(cand)
                bodies.add(cand)
                agencies.setdefault(cand.end, []).append(cand)
        return out + self._foreign_bodies(view, found) + self._missions(view, found + out)

    def _missions(self, view: TextView, found: list[Candidate]) -> list[Candidate]:
        """A mission: a state or an organisation, the marker, the host and a mission head
        (中国|驻|匈牙利|大使馆, 欧盟|驻|匈牙利|代表处, 塞尔维亚|驻|华|大使馆)."""
        text, out = view.text, []
        senders: dict[int, Candidate] = {}  # by end: the longest name ending there
        hosts: dict[int, list[int]] = {}
        for c in found:
            if not c.weak and c.type in (EntityType.PLACE, EntityType.AGENCY, EntityType.ORGANIZATION) and (
                    c.end not in senders or c.start < senders[c.end].start):
                senders[c.end] = c
            if c.type in (EntityType.PLACE, EntityType.ORGANIZATION):
                hosts.setdefault(c.start, []).append(c.end)
        for end, marker in _longest_by_end(self.mission_markers, text).items():
            sender = senders.get(end - len(marker))
            if sender is None:
                continue
            ends = hosts.get(end, []) + [end + len(h) for h in self.mission_hosts if text.startswith(h, end)]
            for host_end in sorted(ends, reverse=True):
                head = next((h for h in self.mission_heads if text.startswith(h, host_end)), None)
                if head is not None:
                    type_ = EntityType.ORGANIZATION if sender.type == EntityType.ORGANIZATION else EntityType.AGENCY
                    out.append(Candidate(sender.start, host_end + len(head), type_, "mission"))
                    break
        return out

    def _foreign_bodies(self, view: TextView, found: list[Candidate]) -> list[Candidate]:
        """Bodies of a foreign state named after it: a national body's name (老挝|外交部), or
        nouns joined by conjunctions ending in a foreign head (柬埔寨|水资源和气象|部)."""
        text, out = view.text, []
        countries = {c.end: c for c in found if c.type == EntityType.PLACE and c.source == "lexicon"
                     and text[c.start:c.end] in self.foreign_places}
        for c in found:
            if c.type == EntityType.AGENCY and c.source == "lexicon" and c.start in countries:
                out.append(Candidate(countries[c.start].start, c.end, EntityType.AGENCY, "agency-place"))
        for place_end, country in countries.items():
            if place_end == len(text):
                continue
            i, nouns, joined = view.token_at(place_end), 0, False
            while i < len(view.tokens):
                tok = view.tokens[i]
                if tok.start < place_end or tok.end - place_end > self.max_foreign or (joined and tok.tag == "nt"):
                    break  # the country's name ends inside a word, the name runs too long, or 首相府和|内政部: two bodies
                head = next((h for h in self.foreign_heads if tok.text.endswith(h)), None)
                if head is not None and (tok.tag == "nt" or (nouns and (
                        len(tok.text) == len(head) or self._field_and_head(tok, head)))):
                    out.append(Candidate(country.start, tok.end, EntityType.AGENCY, "agency-place"))
                    break  # the first head ends the name: 老挝外交部|部长
                if nouns and tok.text[0] in self.foreign_heads and self._post_at(text, tok.start + 1):
                    out.append(Candidate(country.start, tok.start + 1, EntityType.AGENCY, "agency-place"))
                    break  # jieba's 发展|部副|部长: the head, then its chief's post
                field = tok.tag == "vn"  # a verbal noun among the fields (巴西|发展|与社会援助部), not a trigger
                tags = NOUN_TAGS | {"vn", "l"} | ({"s"} if nouns else set())  # 外交与|对外|经济部, not 美国|当地|办公室
                if tok.tag == "nt" or (not (nouns and tok.text in self.conjunctions) and (
                        tok.tag not in tags or (tok.text in self.not_in_names and not field))):
                    break  # 老挝|北部: a locative; 英国首相府|和内政部: a body of its own first
                joined = joined or tok.text in self.conjunctions
                nouns += tok.text not in self.conjunctions
                i += 1
        return out

    @staticmethod
    def _field_and_head(tok, head: str) -> bool:
        """A noun of a field and a head as one word (环境部 of 自然资源与环境部): the field a noun
        of the dictionary of its own; not 格局, 布局, 俱乐部."""
        return tok.tag == "n" and len(tok.text) >= len(head) + 2 and dictionary_tags().get(tok.text[:-len(head)]) in ("n", "vn")

    def _verb_named(self, view: TextView, place: Candidate) -> bool:
        """Is ``place`` a name made of a verb a name never holds (联合, 会同) and an admin
        suffix, written after other words of the clause? There the verb joins two bodies."""
        first = view.tokens[view.token_at(place.start)]
        return (first.start == place.start and first.text in self.stop_words and place.start > 0
                and view.text[place.start - 1] not in PUNCT)

    @staticmethod
    def _one_character_head(view: TextView, h_start: int, end: int) -> bool:
        """Is this one-character head (委) a head? Not where it opens a word of the dictionary
        (委托, 委派 after 杭州市), nor where it ends a verb glued to the word before it."""
        word = view.tokens[view.token_at(h_start)]
        if word.end > end and view.text[h_start:word.end] in dictionary_tags():
            return False
        return word.start == h_start or word.tag not in VERB_TAGS

    def _unit(self, view: TextView, h_start: int, end: int, agencies: dict[int, list[Candidate]]) -> Candidate | None:
        """An internal unit named inside the body written just before it (银监会咨询处); the
        name between is never empty (公安局局长 holds no unit)."""
        if end < len(view.text) and not view.is_boundary(end) and not self._post_at(view.text, end):
            return None  # 处 of 处理; but 研究处|处长 and 检察部|副主任, a post jieba read across
        glued = view.tokens[view.token_at(h_start)]
        if glued.start < h_start and (len(glued.text) <= 2 or glued.tag not in UNIT_WORD_TAGS
                                      or view.text[h_start - 1:end] in dictionary_tags()):
            return None  # 局 of 全局 or 统揽全局, 司 of 公司 or 物业公司: the last character of a word
        for owner_end in range(h_start - 1, max(0, h_start - self.max_unit_mod) - 1, -1):
            owners = agencies.get(owner_end)
            if owners and view.is_boundary(owner_end) and self._unit_name(view, owner_end, h_start):
                return Candidate(min(o.start for o in owners), end, EntityType.AGENCY, "agency-unit")
        return None

    def _own_post_follows(self, text: str, end: int) -> bool:
        """Is the head followed by the post of the unit's chief, which opens with the head's last
        character (研究处|处长, jieba's 处处|长)? The word boundary is then between them."""
        return text[end:end + 1] == text[end - 1] and self._post_at(text, end)

    def _post_at(self, text: str, pos: int) -> bool:
        """Does a post open at ``pos`` (检察部|副主任)?"""
        return pos < len(text) and any(text.startswith(post, pos) for post in self.posts_by_first.get(text[pos], ()))

    def _unit_name(self, view: TextView, start: int, end: int) -> bool:
        """Nouns, or a noun then the verb of what the unit does (导弹防御局, 咨询处); no word
        a name never holds, no time (今年新增), no verb first (统计养老服务中心), no person
        before the head (从负责人处, 为工作人员所)."""
        if view.text[start:end].endswith(self.grammar.person_noun_endings) or any(ch in PUNCT for ch in view.text[start:end]):
            return False
        leading = True
        for i in range(view.token_at(start), view.token_at(end - 1) + 1):
            token = view.tokens[i]
            if token.end > end:
                break  # the head glued on: checked with the head
            if token.text[:1] == self.grammar.ordinal_prefix and all(ch in self.grammar.numerals for ch in token.text[1:]):
                continue  # 刑事审判|第二|庭, 第四|检察部: units numbered in their body
            if token.text in self.not_in_names or token.tag not in UNIT_NAME_TAGS or (leading and token.tag in ("v", "vd")):
                return False
            leading = False
        return True

    def _build(self, view: TextView, h_start: int, end: int, head: str, bodies: _BodiesByEnd) -> Candidate | None:
        text = view.text
        if head in self.local.heads or head in self.place_only:  # 七都镇党委, not 大理州党委 (大理州委)
            place = next((b for b in bodies.ending_within(h_start, h_start) if b.type == EntityType.PLACE and not b.weak), None)
            if place is None or (head in self.local.heads and not self.local.named_after(text[place.start:place.end])):
                return None
            return Candidate(place.start, end, EntityType.AGENCY, "agency-place")
        if head in self.town_named:
            for start in range(h_start - 2, max(h_start - 5, -1), -1):
                stem = text[start:h_start]
                if (stem in self.town_stems and stem not in self.not_in_names
                        and (start == 0 or text[start - 1] in PUNCT or view.is_boundary(start))):
                    return Candidate(start, end, EntityType.AGENCY, "agency-self-named")  # 岸堤|派出所
        best = None
        for body in bodies.ending_within(h_start - self.max_mod, end - 1):
            if (body.type == EntityType.PLACE and body.start < h_start < body.end < end
                    and text[h_start:body.end] in self.place_suffixes):
                # the place's suffix opens the head: 两路街道|办事处 under 街道办事处, 余村|村委会;
                # not the last character of a name (上海|海军 is no 上海军)
                return Candidate(body.start, end, EntityType.AGENCY, "agency-place")
            if body.end > h_start or h_start - body.end > self.max_mod:
                continue
            if body.type == EntityType.PLACE and body.weak and body.end != h_start:
                continue
            if body.type == EntityType.PLACE and self._verb_named(view, body):
                continue  # 派出所|联合|镇综合执法局: the verb between two bodies, not the town 联合镇
            if head == "委" and body.end != h_start:
                continue
            if not self._modifier_ok(view, body.end, h_start):
                continue
            if best is None or body.end > best.end or (body.end == best.end and (
                    body.type == EntityType.AGENCY or (body.type == best.type and body.start < best.start))):
                best = body  # the nearest, a body over a place, the longest (东湖高新区, not 高新区)
        if best is not None and best.type == EntityType.PLACE and head in self.sub_units:
            # 桂林市公安局七星分局: a unit named after its area, inside the body written before it
            owner = next((b for b in bodies.ending_within(best.start, best.start) if b.type == EntityType.AGENCY), None)
            if owner is not None:
                return Candidate(owner.start, end, EntityType.AGENCY, "agency-unit")
        if best is not None:
            if best.type == EntityType.AGENCY:
                modifier = text[best.end:h_start]
                if head in self.self_named and head not in self.sub_units and modifier and (
                        _is_proper(view, best.end) or any(b.start == best.end and b.type == EntityType.PLACE
                                                          for b in bodies.ending_within(best.end, h_start))):
                    return Candidate(best.end, end, EntityType.AGENCY, "agency-self-named")
                return Candidate(best.start, end, EntityType.AGENCY, "agency-unit")
            start = best.start
            if best.weak:  # a county's bare name after its city's (福州市|永泰|生态环境局): the name holds both
                start = next((b.start for b in bodies.ending_within(best.start, best.start)
                              if b.type == EntityType.PLACE and not b.weak), start)
            force = next((f for f in self.force_prefixes if text.endswith(f, 0, start)), "")
            if force and view.is_boundary(start - len(force)):
                start -= len(force)  # 武警|湖南省总队: the force's unit in that place
            return Candidate(start, end, EntityType.AGENCY, "agency-place")
        for mod_start in [h_start, *self.reach(view, h_start, self.max_mod)]:
            if head == "委" and mod_start != h_start:
                break
            admin = self._admin_prefix(view, mod_start)
            if admin and self._modifier_ok(view, mod_start, h_start):
                return Candidate(admin[0], end, EntityType.AGENCY, "agency-admin")
        before = view.token_ending_at(h_start)
        distributive = h_start > 0 and text[h_start - 1] in self.grammar.stem_openers  # 各|村委会: every village's
        if head in self.context_heads and view.is_boundary(h_start) and not distributive and (
                before is None or not is_nominal(view.tokens[before], self.grammar.function_words) or view.tokens[before].text in self.stop_words):
            return Candidate(h_start, end, EntityType.AGENCY, "agency-context")
        if head in self.self_named:
            i = view.token_ending_at(h_start)
            if i is not None:
                tok = view.tokens[i]
                start = tok.start
                if tok.tag is None and len(tok.text) >= 3 and tok.text[0] in self.grammar.glued_function_chars:
                    start += 1  # jieba glued a preposition to a name it did not know: 由|孝丰人民法庭
                if (end - start - len(head) >= 2 and tok.tag in PROPER_TAGS and not any(ch in PUNCT for ch in tok.text)
                        and tok.text[0] not in self.grammar.stem_openers):
                    return Candidate(start, end, EntityType.AGENCY, "agency-self-named")
        return None


def _counts(token, grammar: Grammar) -> bool:
    """A count or a quantity (一所, 部分), which makes a name some of a kind; an ordinal
    (第一人民医院) does not."""
    return (token.tag in COUNT_TAGS and not token.text.startswith(grammar.ordinal_prefix)) or token.text in grammar.quantity_words


def _numbered_method(inner: str, grammar: Grammar) -> bool:
    """How Chinese names a numbered method: a numeral and a few characters (五治, 一事通办), or
    several numerals (一中心一张网十联户); not a pun on an idiom (十面霾伏) nor a longer phrase."""
    m = grammar.numbered.match(inner)
    if not m or is_pun(inner):
        return False
    return len(inner) - m.end() <= 3 or len(grammar.numeral_run.findall(inner)) >= 2


def _is_proper(view: TextView, start: int) -> bool:
    i = view.token_at(start)
    return view.tokens[i].tag in PROPER_TAGS


class ProgramCampaignPatterns(_Extender):
    """Programmes and campaigns: quoted names, head compounds (…机制, …专项行动) and set forms."""

    def __init__(self, lexicon: Lexicon):
        super().__init__(lexicon)
        p = lexicon.patterns
        self.kind = {}
        for type_, section in ((EntityType.PROGRAM, "program"), (EntityType.CAMPAIGN, "campaign")):
            for head in p.words(section, "heads"):
                self.kind.setdefault(head, type_)
        self.heads = _automaton((h, h) for h in self.kind)
        self.weak_program = frozenset(p.words("program", "weak_heads"))
        self.weak = self.weak_program | frozenset(p.words("campaign", "weak_heads"))
        self.generic = frozenset(p.words("program", "generic")) | frozenset(p.words("campaign", "generic"))
        self.generic_bodies = re.compile("|".join(map(re.escape, p.words("agency", "generic"))) or "(?!)")
        self.long_generic = tuple(sorted(g for g in self.generic if len(g) >= 4))
        self.generic_endings = tuple(p.words("program", "generic_endings"))
        self.dropped_tails = tuple(p.words("program", "dropped_tails"))
        self.honours = tuple(p.words("names", "honour_words"))
        self.honour_titles = tuple(p.words("names", "honour_title_endings"))
        self.symbol_heads = frozenset(p.words("program", "symbol_heads"))
        self.activity_heads = frozenset(p.words("campaign", "activity_heads"))
        self.everyday_heads = self.activity_heads & self.weak  # 整治, 排查: everyday work, not a drive's name
        self.adopted_heads = frozenset(p.words("program", "adopted_heads"))
        self.campaign_words = tuple(p.words("campaign", "heads")) + tuple(p.words("campaign", "opening_verbs"))
        self.known = frozenset(n for e in lexicon.entries for n in (e.name, *e.aliases))
        self.place_openers = tuple(p.words("program", "place_programme_openers"))
        self.known_campaigns = frozenset(n for e in lexicon.entries if e.type == EntityType.CAMPAIGN for n in (e.name, *e.aliases))
        self.body_heads = tuple(h for h in p.words("agency", "heads") if len(h) >= 4)
        self.not_entities = frozenset(p.words("names", "not_entities"))
        self.principle_words = tuple(p.words("names", "principle_words"))
        self.triggers = frozenset(p.words("trigger", "implements"))
        self.conduct_triggers = frozenset(p.words("trigger", "conducts"))
        self.any_trigger = self.triggers | self.conduct_triggers
        self.trigger_lengths = sorted({len(v) for v in self.any_trigger}, reverse=True)
        self.regexes = [(re.compile(rx), t) for t, key in ((EntityType.PROGRAM, "program"), (EntityType.CAMPAIGN, "campaign"))
                        for rx in p.words(key, "regexes")]

    def _head_after(self, view: TextView, pos: int, limit: int = 12) -> tuple[int, str, bool] | None:
        """(end, head, adjacent) of the head after ``pos``: one that starts right at ``pos``
        (“一把手”工程…), else the farthest one ending a run of nominal tokens (“E察”移动警务系统)."""
        text = view.text
        window = text[pos:pos + limit]
        adjacent = [window[:n] for n in range(1, len(window) + 1) if window[:n] in self.kind]
        if adjacent and max(adjacent, key=len) not in self.weak_program:
            head = max(adjacent, key=len)
            return pos + len(head), head, True
        heads, best = _longest_by_end(self.heads, window), None
        i = view.token_at(pos)
        while i < len(view.tokens):
            tok = view.tokens[i]
            tail = next((t for t in self.dropped_tails if text.startswith(t, tok.start)), None)
            if tail and tok.start > pos:  # …社会治理新模式: the name ends before 新模式
                best = (tok.start + len(tail), tail[1:], False)
                break
            verb = tok.tag in ("v", "vn") and len(tok.text) > 1 and tok.text not in self.stop_words
            glue = len(tok.text) == 1 and tok.text not in self.grammar.function_words and tok.tag in ("v", "a")  # 多元化|解|模式
            if tok.start >= pos + limit or (tok.start >= pos and not (verb or glue or is_nominal(tok, self.not_in_names))):
                break
            if tok.end - pos in heads:
                best = (tok.end, heads[tok.end - pos], False)
            i += 1
        return best

    def _typed(self, head: str) -> str:
        return self.kind.get(head, EntityType.PROGRAM)

    def _trigger_before(self, text: str, pos: int, gap: int = 3) -> str | None:
        """The adopting or launching verb that ends at most ``gap`` characters before ``pos``,
        within six: the longest, the alphabetically first of equals."""
        window_start = max(0, pos - 6)
        for size in self.trigger_lengths:
            found = [verb for end in range(max(window_start + size, pos - gap), pos + 1)
                     if (verb := text[end - size:end]) in self.any_trigger]
            if found:
                return min(found)
        return None

    def _adopting_verb(self, text: str, pos: int) -> str | None:
        """The trigger verb written right before ``pos``, or before an aspect particle there
        (实施了|…工程)."""
        verb = self._trigger_before(text, pos, gap=0)
        if verb is None and pos > 0 and text[pos - 1] in self.grammar.aspect_particles:
            verb = self._trigger_before(text, pos - 1, gap=0)
        return verb

    def _quoted(self, view: TextView) -> list[Candidate]:
        text, out = view.text, []
        spans = quoted_spans(text, max_inner=20)
        n = 0
        while n < len(spans):
            # a run of quotes sharing one head: “分类闭环”“三级督办”等制度
            j = n
            while j + 1 < len(spans) and re.fullmatch(r"[、和与及]?", text[spans[j][1]:spans[j + 1][0]]):
                j += 1
            run = [(qs, qe, re.sub(r"\s+", "", text[qs + 1:qe - 1])) for qs, qe in spans[n:j + 1]]
            run = [(qs, qe, inner) for qs, qe, inner in run
                   if inner and len(inner) <= 20 and not any(ch in "，,。；;！？!?：:" for ch in inner)]
            run_end = spans[j][1]
            n = j + 1
            if not run:
                continue
            tail_start = run_end + 1 if text[run_end:run_end + 1] == "等" else run_end
            if any(w in text[tail_start:tail_start + 6] for w in self.honours) and any(
                    inner.endswith(self.honour_titles) for _, _, inner in run):
                continue  # “十佳政法干警”评选: honours are not entities
            head = self._head_after(view, tail_start)
            if head is not None and len(run) == 1 and tail_start == run_end:
                body = text[run_end:head[0]].endswith(self.body_heads)  # “一站式”矛盾纠纷调解中心 is a body
                # “雪亮工程”共享平台 is the programme's platform; “矛盾纠纷大排查大化解”专项行动 and
                # “枫桥式公安派出所”创建 are drives, of a campaign's or a programme's name
                drive = run[0][2] in self.known and self._typed(head[1]) == EntityType.CAMPAIGN
                if (run[0][2] not in self.known or drive) and not body:
                    out.append(self._quote_with_head(view, *run[0], head))
            elif head is not None:
                out.extend(Candidate(qs, qe, self._typed(head[1]), "quote-shared-head")
                           for qs, qe, inner in run if not self._ordinary(inner))
            else:
                out.extend(self._quoted_alone(view, run, run_end))
        return out

    def _quote_with_head(self, view: TextView, qs: int, qe: int, inner: str, head: tuple) -> Candidate:
        """“十联铺”机制 → 十联铺机制; a weak programme head right after the quote, or a head of
        everyday work after other words, is left out (“四抓”工作 → 四抓, “亮剑2020”严打整治 →
        亮剑2020). The quote opens the name: words before
        it describe the field (寄递物流“三个100%”制度, 企业“无事不扰”机制), and the gold names
        leave them out as often as not, so the name is the shorter, unambiguous one."""
        text = view.text
        h_end, h, adjacent = head
        type_ = self._typed(h)
        short_tail = h_end - qe - len(h) < 4
        if (h in self.weak_program and short_tail) or (not adjacent and h in self.everyday_heads):
            # “四抓”工作 → 四抓, “亮剑2020”严打整治 → 亮剑2020 (everyday work after a name); but
            # “3+1”执法办案管理中心 and “清源”矛盾纠纷大排查行动 keep their long tails
            return Candidate(qs, qe, type_, "quote-shared-head")
        for tail in self.dropped_tails:  # “互联网+”社会治理新模式 → 互联网+社会治理
            if text.endswith(tail, qe, h_end) and h_end - len(tail) > qe:
                h_end -= len(tail)
                if any(text.endswith(w, qe, h_end) and h_end - qe - len(w) < 4 for w in self.weak_program):
                    return Candidate(qs, qe, type_, "quote-shared-head")  # “大巡(处)警”工作新格局
                break
        return Candidate(qs, h_end, type_, "quote-head")

    def _quoted_alone(self, view: TextView, run: list[tuple[int, int, str]], run_end: int) -> list[Candidate]:
        """Quotations with no head after them: names if they carry their own head (“平安1号行动”)
        or follow a verb that adopts or launches something (实行“月通报、季督导、年考评”)."""
        text, out = view.text, []
        after = text[run_end:run_end + 1]
        # 按照“全域覆盖、全网共享”的要求: a principle followed, not a name (but 按照“京安行动”的要求)
        principle = after == "的" and text.startswith(self.principle_words, run_end + 1)
        verb = self._trigger_before(text, run[0][0])
        for qs, qe, inner in run:
            inner_head = _longest_by_end(self.heads, inner).get(len(inner))
            if (qs + 1, qe - 1) in self.found_bodies:
                continue  # “大理州政法队伍教育培训基地”, “大源乡贤调解队”: a body or a team in quotes
            if inner_head and len(inner) > len(inner_head) and inner_head not in self.weak_program | {"治理", "排查"}:
                out.append(Candidate(qs, qe, self._typed(inner_head), "quote-inner-head"))
            elif inner in self.known:
                continue  # a curated name: the gazetteer types it
            elif self._ordinary(inner) or principle:
                continue
            elif verb and (not after or after in PUNCT or after in "为等的"):
                type_ = EntityType.CAMPAIGN if verb in self.conduct_triggers and verb not in self.triggers else EntityType.PROGRAM
                out.append(Candidate(qs, qe, type_, "quote-trigger"))
            elif (_numbered_method(inner, self.grammar) or "+" in inner or "＋" in inner) and (not after or after in PUNCT + "为等融"):
                # numbered and joined names are named methods: “五治”, “七联”, “党建+网格+警格”
                out.append(Candidate(qs, qe, EntityType.PROGRAM, "quote-numbered"))
        return out

    def known_endings(self, name: str) -> list[str]:
        """Curated names that end ``name`` and are shorter than it."""
        return [name[i:] for i in range(1, len(name) - 3) if name[i:] in self.known]

    def _ordinary(self, inner: str) -> bool:
        """A slogan, a crime category, an honour, a sentence or an ordinary word in quotes
        (协作, 十佳政法干警, 平安是基本民生)."""
        return (inner in self.not_entities or inner.endswith(self.honour_titles) or self.grammar.sentence_like.search(inner)
                or (inner not in self.known and dictionary_tags().get(inner) is not None))

    def _skip_noise(self, text: str, start: int, end: int) -> int:
        noise = self.grammar.leading_noise.match(text, start, end)
        return noise.end() if noise else start

    def _compounds(self, view: TextView, found: list[Candidate]) -> list[Candidate]:
        text, out = view.text, []
        distinct = {c.start for c in found if c.type in (EntityType.PLACE, EntityType.AGENCY) and not c.weak}
        body_ends = sorted({c.end for c in found if c.type == EntityType.AGENCY})
        for end, head in _longest_by_end(self.heads, text).items():
            h_start = end - len(head)
            campaign = self._typed(head) == EntityType.CAMPAIGN
            reach = self.reach(view, h_start, 16 if campaign else 12, verbs=campaign)
            if not reach:
                continue
            opening = reach[-1]
            start = self._skip_noise(text, opening, h_start)
            name = text[start:end]
            modifier = text[start:h_start]
            first_end = bisect.bisect_left(body_ends, start)
            if self.generic_bodies.search(name) or (first_end < len(body_ends) and body_ends[first_end] < h_start):
                continue
            if modifier.startswith(self.long_generic):
                continue  # 专项行动调度机制: a generic activity's machinery, not a named programme
            if (name in self.generic or len(modifier) < 2 or PUNCT_BUT_PARENTHESES.search(name)
                    or name.endswith(self.generic_endings)):
                continue
            if self.grammar.count.search(modifier):
                continue  # 3个县级综治中心: a count of things, not a name
            symbols = bool(re.search(r"[0-9０-９A-Za-z+＋]", self.grammar.ordinal.sub("", modifier)))
            marked = symbols or (head not in self.weak | self.symbol_heads | self.activity_heads
                                 and bool(distinct & set(range(start, h_start))))
            rule = "head-compound"
            if any(name.endswith(k) and len(k) >= 4 for k in self.known_endings(name)):
                continue  # …党史学习教育: the curated name stands; what precedes it is context
            if head in self.activity_heads and not marked and len(modifier) < 5:
                continue  # 案件专项打击: everyday work unless its object is spelled out
            if (head in self.weak | self.symbol_heads or self._typed(head) == EntityType.PROGRAM) and not marked:
                # unmarked compounds are mostly generic (工作机制, 专项打击), unless launched or
                # adopted by a verb and specific enough (开展大走访活动, 建立城乡文明一体联动推进机制)
                verb = self._adopting_verb(text, opening)
                if self._typed(head) == EntityType.CAMPAIGN:
                    ok = verb and head not in self.activity_heads and len(modifier) >= 3
                else:
                    ok = (verb in self.triggers and head in self.adopted_heads and len(modifier) >= 5
                          and (end == len(text) or text[end] in PUNCT or text.startswith(("建设", "等"), end)))
                if not ok:
                    continue
                rule = "head-compound-adopted"
            out.append(Candidate(start, end, self._typed(head), rule))
        return out

    def _place_programmes(self, view: TextView, found: list[Candidate]) -> list[Candidate]:
        """A place's instance of a national programme named by an opener and the place (平安浙江)."""
        text, out = view.text, []
        for c in found:
            if c.type != EntityType.PLACE or c.source not in ("division", "lexicon") or (c.weak and c.end - c.start < 2):
                continue
            for opener in self.place_openers:
                start = c.start - len(opener)
                if start >= 0 and text.startswith(opener, start) and view.is_boundary(start) and view.is_boundary(c.end):
                    out.append(Candidate(start, c.end, EntityType.PROGRAM, "regex"))
        return out

    def _listed_campaigns(self, view: TextView) -> list[Candidate]:
        """Items of a list closed by 等专项行动 / 等专项工作 are campaigns when they read like one
        (常态化推进“六防六促”、矛盾纠纷大排查大化解、命案防范攻坚等专项行动)."""
        text, out = view.text, []
        for m in LIST_OF_CAMPAIGNS.finditer(text):
            pos = m.start()
            items = []
            while True:
                reach = self.reach(view, pos, 16, verbs=True)
                start = reach[-1] if reach else pos
                items.append((start, pos))
                if start > 0 and text[start - 1] == "、":
                    pos = start - 1
                    continue
                break
            for start, end in items:
                name = text[start:end]
                if "”“" in name or "\"\"" in name:
                    continue  # two quoted names, not one item
                if len(strip_quotes(name)) >= 5 and any(w in name for w in self.campaign_words):
                    out.append(Candidate(start, end, EntityType.CAMPAIGN, "listed-campaign"))
        return out

    def __call__(self, view: TextView, found: list[Candidate]) -> list[Candidate]:
        self.found_bodies = {(c.start, c.end) for c in found if c.type in (EntityType.AGENCY, EntityType.ORGANIZATION)}
        out = (self._quoted(view) + self._compounds(view, found) + self._listed_campaigns(view)
               + self._place_programmes(view, found))
        for rx, type_ in self.regexes:
            for m in rx.finditer(view.text):
                out.append(Candidate(m.start(), m.end(), type_, "regex"))
        return out


class OrganizationPatterns(_Extender):
    """Universities, media, companies and named teams: a proper name plus an organisation head."""

    def __init__(self, lexicon: Lexicon):
        super().__init__(lexicon)
        p = lexicon.patterns
        self.heads = _automaton((h, h) for h in (*p.words("organization", "heads"), *p.words("organization", "legal_forms")))
        self.weak = frozenset(p.words("organization", "weak_heads"))
        self.own_word = frozenset(p.words("organization", "own_word_heads"))
        self.not_orgs = tuple(p.words("organization", "not_organizations"))
        self.max_name = p.get("organization", "max_name_chars")
        self.unit_heads = frozenset(p.words("organization", "unit_heads"))
        self.not_names = frozenset(p.words("place", "non_place_stems"))  # 当地, 基层: no name opens so (平安 may)

    def __call__(self, view: TextView, found: list[Candidate]) -> list[Candidate]:
        text, out = view.text, []
        places = {c.start: c for c in found if c.type == EntityType.PLACE}
        place_ends = {c.end: c for c in found if c.type == EntityType.PLACE}
        heads = _longest_by_end(self.heads, text)
        for end, head in heads.items():
            h_start = end - len(head)
            if end < len(text) and text[end] not in PUNCT and not view.is_boundary(end):
                glued = view.tokens[view.token_at(end)]
                function_after = glued.end - end == 1 and text[end] in self.grammar.glued_function_chars
                if not function_after and (glued.end - end < 2 or text[end:glued.end] not in dictionary_tags()):
                    # the head ends inside a word; but 律师事务所|律师, a word jieba glued on, is a
                    # word after it, and so is a preposition (湖北省分行|为, jieba's 行为)
                    continue
            starts = self.reach(view, h_start, self.max_name)
            place = place_ends.get(starts[-1] if starts else h_start)
            if place is not None and h_start - place.start <= self.max_name:
                # a place the dictionary tags a verb (怀化 v) stands in the name all the same, and the
                # name goes on before it (国网|怀化|供电公司, 怀化|蓝天救援队)
                starts += [place.start, *self.reach(view, place.start, self.max_name - (h_start - place.start))]
            if head not in self.unit_heads:  # one name, not two: 贵州大学 | 学生会
                starts = [s for s in starts if not any(e <= h_start and e > s for e in heads)]
            word = view.tokens[view.token_at(h_start)]
            if word.text != head and (head in self.own_word or (head in self.weak and word.tag not in KIND_WORD_TAGS)):
                continue  # 落网, 防护网: not the head word; but 城厢镇|中心小学 ends in one
            if word.start < h_start and word.end == end:
                if dictionary_tags().get(text[word.start:h_start]) in KIND_STEM_TAGS:
                    starts.insert(0, word.start)  # a kind of the head (中心|小学, 控股|集团): a name goes before it
                else:
                    starts.append(word.start)  # a name of the dictionary (清华|大学): the place before is apart
            chosen = None
            for start in starts:
                tok = view.tokens[view.token_at(start)]
                if tok.text in self.opening_words or ((start in places or tok.tag in PROPER_TAGS) and tok.text not in self.not_names):
                    chosen = start
            if chosen is None:
                continue
            inner = max((e for e in heads if chosen < e <= h_start), default=None)
            if inner is not None and h_start - inner < 2 and not (h_start > inner and text[inner:end] in dictionary_tags()):
                continue  # 农业银行|支行: a unit with no name of its own (东南大学|法学院 has one)
            if head in self.weak and not any(chosen <= s < h_start for s in places) and not (
                    head in self.unit_heads and any(chosen < e <= h_start for e in heads)):
                continue  # 医院 after a place (贵阳市第一人民医院) or an organisation (四川大学华西医院)
            if any(_counts(view.tokens[i], self.grammar) for i in range(view.token_at(chosen), view.token_at(h_start - 1) + 1)):
                continue  # 罗马一所中学, 上城区部分小学: some of a kind, not one named body
            if not any(text.startswith(w, chosen) or text[chosen:end].endswith(w) for w in self.not_orgs):
                if chosen > 0 and text[chosen - 1] in OPEN_QUOTES and any(ch in CLOSE_QUOTES for ch in text[chosen:h_start]):
                    chosen -= 1  # “玉林大妈”反诈宣传队: the quote opens the name
                out.append(Candidate(chosen, end, EntityType.ORGANIZATION, "org-head"))
        return out


MAX_NAME_PART = 6  # characters of one part of a foreign name (亚历山德罗夫娜)


def is_ordinary_word(chars: str, compound_surnames: frozenset[str], min_frequency: int = 0) -> bool:
    """Is ``chars`` a word of jieba's dictionary that is not a name (法治, 常务)? Not a compound
    surname (欧阳, tagged a place), nor, with ``min_frequency``, two characters the dictionary
    counts so rarely that a confident tagger's name wins (舒建 3 of 舒建平)."""
    tag = dictionary_tags().get(chars)
    if tag is None or tag.startswith("nr"):
        return False
    return not (len(chars) == 2 and (chars in compound_surnames or dictionary_frequency(chars) < min_frequency))


class PersonPatterns:
    """Named people: bylines, a post right before a name, a surname with a form of address."""

    def __init__(self, lexicon: Lexicon):
        p = lexicon.patterns
        self.grammar = lexicon.grammar
        self.surnames = lexicon.surnames()
        self.stoppers = set(p.get("person", "name_stoppers"))
        self.dots = p.get("person", "foreign_name_dots")
        titles = sorted(p.words("person", "titles"), key=len, reverse=True)
        self.titles = set(titles)
        sn = "".join(sorted(s for s in self.surnames if len(s) == 1))
        roles = "|".join(map(re.escape, sorted(p.words("person", "byline_roles"), key=len, reverse=True)))
        # names after a role, up to the next role (记者 刘晓峰 通讯员 孙丽娟: 通 is a surname too)
        self.byline = re.compile(rf"(?:{roles})[ \u3000:：]+((?:(?!{roles})[{sn}][\u4e00-\u9fff]{{1,2}}(?:[ \u3000、]+|$|(?=[）)】\]])))+)", re.M)
        compound = "|".join(p.words("person", "compound_surnames"))
        self.after_title = re.compile(rf"(?:{'|'.join(map(re.escape, titles))})((?:{compound})[\u4e00-\u9fff]|[{sn}][\u4e00-\u9fff]{{1,2}})")
        posts = "|".join(map(re.escape, p.words("person", "posts_after_name")))
        before_post = re.escape(p.get("person", "before_post_name"))
        self.before_title = re.compile(rf"(?:^|(?<=[\s{before_post}]))([{sn}][\u4e00-\u9fff]{{1,2}}?)(?:{posts})")
        self.familiar_max_frequency = p.get("person", "familiar_max_frequency")
        self.compound_surnames = frozenset(p.words("person", "compound_surnames"))
        self.familiar = re.compile(rf"[{re.escape(p.get('person', 'familiar_prefixes'))}][{sn}]")
        self.list_item = re.compile(rf"([{sn}][\u4e00-\u9fff]{{1,2}}?)(?=[{re.escape(p.get('person', 'list_closers'))}])")
        forms = "|".join(map(re.escape, p.words("person", "address_forms")))
        before_address = re.escape(p.get("person", "before_address_form"))
        self.address = re.compile(rf"(?:^|(?<=[^\u4e00-\u9fff])|(?<=[{before_address}]))([{sn}](?:{forms}))")
        self.address_form = re.compile(rf"[{sn}](?:{forms})")
        dots = re.escape(self.dots)
        self.name_dot = re.compile(rf"(?<=[\u4e00-\u9fff])[{dots}](?=[\u4e00-\u9fff])")
        foreign_titles = sorted(p.words("person", "foreign_titles"), key=len, reverse=True)
        self.foreign_post = re.compile("|".join(map(re.escape, foreign_titles)))
        self.max_foreign_name = p.get("person", "max_foreign_name_chars")
        self.foreign_states = lexicon.foreign_place_forms()
        self.longest_state = max(map(len, self.foreign_states), default=0)
        self.function_words = self.grammar.function_words

    def _is_word(self, chars: str) -> bool:
        """A dictionary word that is not a name (法治, 常务, 商事 of 当事人|商事): the title was not
        followed by a name. Rare words too: the tagger, which reads the context, decides those."""
        return is_ordinary_word(chars, self.compound_surnames)

    def _name_end(self, view: TextView, start: int, max_len: int) -> int:
        """Two or three characters: the third belongs to the name unless it opens a word (钟明|紧跟)."""
        text, end = view.text, start + 2
        if max_len >= 3 and end < len(text) and "\u4e00" <= text[end] <= "\u9fff" and text[end] not in self.stoppers:
            tok = view.tokens[view.token_at(end)]
            if not (tok.start == end and len(tok.text) >= 2):
                end += 1
        return end

    def _name_after_title(self, view: TextView, start: int, max_len: int, title_start: int) -> Candidate | None:
        """The name right after a post or a role (政法委书记赵志军, 渔民汪春生), if one is there."""
        text = view.text
        end = self._name_end(view, start, max_len)
        glued = view.tokens[view.token_at(start)]  # 网格|员梁|志强: jieba guessed a word across the title's end
        opens = view.is_boundary(start) or (view.is_boundary(title_start) and glued.tag is None and glued.start > title_start)
        if not opens or (end < len(text) and (text[end] in self.dots or (
                not view.is_boundary(end) and text[end] not in self.stoppers))):
            # 此处|长满 holds no title and name; 詹姆斯·奥蒂诺 is a foreign name, and so is 古|特雷斯
            # where a Chinese name's length would cut a word (not 王毅|同, a word that ends a name):
            # the tagger's to find
            return None
        name = text[start:end]
        # a surname that is also a preposition (向, 于) opens a name only where jieba joined it to
        # what follows (主任|向东|明, not 主任|向|大家)
        preposition = name[0] in self.grammar.function_words and view.tokens[view.token_at(start)].end == start + 1
        if (len(name) == 2 and name[0] == name[1]) or name[1] in "第一二三四五六七八九十副正代" or preposition:
            return None
        if any(t in name for t in self.titles) or "某" in name or name[1] in self.stoppers:
            return None
        if self._is_word(name[:2]) or self._is_word(name) or any(text.startswith(t, end - 1) or text.startswith(t, end) for t in self.titles):
            return None  # 国家|水资源: a word, not a name
        return Candidate(start, end, EntityType.PERSON, "title-name")

    def _dotted(self, view: TextView) -> list[Candidate]:
        """Foreign names joined by a dot (卡洛斯·门德斯, 沙伦赛·贡玛西 of 外交部长沙伦赛·贡玛西): on
        the left back to a post or a word no name holds, on the right up to such a word; dots with
        such a word between them (…贡玛西|会见|古特雷斯·…) join two names, not one."""
        text, out, group = view.text, [], []
        for dot in (m.start() for m in self.name_dot.finditer(text)):
            if group and not self._one_name(view, group[-1], dot):  # …贡玛西|和|安东尼奥…
                out.append(self._dotted_name(view, group))
                group = []
            group.append(dot)
        if group:
            out.append(self._dotted_name(view, group))
        return [c for c in out if c is not None]

    def _one_name(self, view: TextView, dot: int, following: int) -> bool:
        """Do two dots join parts of one name (玛丽亚·何塞·卡斯特罗): a short part of Chinese characters
        between them, no function word in it?"""
        part = view.text[dot + 1:following]
        words = [view.tokens[k] for k in range(view.token_at(dot + 1), view.token_at(following - 1) + 1)]
        return (len(part) <= MAX_NAME_PART and all("\u4e00" <= ch <= "\u9fff" for ch in part)
                and not any(self._ends_name(w) for w in words))

    def _ends_name(self, word) -> bool:
        """A word no foreign name holds: a function word or a word that ends a name standing alone
        (和, 说), or a word of the dictionary that is no name (会见, 总理)."""
        return (word.text in self.function_words or word.text in self.stoppers
                or (len(word.text) > 1 and (dictionary_tags().get(word.text) or "nr")[:2] != "nr"))

    def _dotted_name(self, view: TextView, dots: list[int]) -> Candidate | None:
        text = view.text
        lo = dots[0]
        while lo > max(0, dots[0] - MAX_NAME_PART) and "\u4e00" <= text[lo - 1] <= "\u9fff":
            lo -= 1
        hi = dots[-1] + 1
        while hi < min(len(text), dots[-1] + 1 + MAX_NAME_PART) and "\u4e00" <= text[hi] <= "\u9fff":
            hi += 1
        start = next((i + 1 for i in range(dots[0] - 1, lo - 1, -1) if any(text.endswith(t, 0, i + 1) for t in self.titles)), None)
        if start is None:  # no post: back over the words of no dictionary or of names (新闻官|托马斯·韦伯)
            start, k = dots[0], view.token_at(dots[0] - 1)
            while k >= 0 and view.tokens[k].start >= lo and not self._ends_name(view.tokens[k]):
                start, k = view.tokens[k].start, k - 1
        end = last = dots[-1] + 1
        while end < hi and end - last < MAX_NAME_PART:
            tok = view.tokens[view.token_at(end)]
            if end > last and tok.start == end and self._ends_name(tok):
                break  # 贡玛西|会见, 贡玛西|和, 奥蒂诺|说
            end = min(tok.end, hi)
        if dots[0] - start < 1 or end - last < 1:
            return None
        return Candidate(start, end, EntityType.PERSON, "foreign-name")

    def _after_foreign_post(self, view: TextView) -> list[Candidate]:
        """A name after a foreign state and its post (俄罗斯总统|普京, 法国总统|马克|龙, 日本首相|岸田文雄):
        over words jieba does not know or knows as names, and single characters, up to a word of
        another kind, a word that ends a name or a function word (…普京|同, …莫迪|会见)."""
        text, out, tags = view.text, [], dictionary_tags()
        for m in self.foreign_post.finditer(text):
            if not any(text[max(0, m.start() - n):m.start()] in self.foreign_states for n in range(2, self.longest_state + 1)):
                continue
            k = view.token_at(m.end()) if m.end() < len(text) else len(view.tokens)
            if k == len(view.tokens) or view.tokens[k].start != m.end():
                continue  # 总统|府: the post ends inside a word
            end = m.end()
            while k < len(view.tokens) and end - m.end() < self.max_foreign_name:
                word = view.tokens[k].text
                tag = tags.get(word)
                if word in self.stoppers or word in self.function_words or not all("\u4e00" <= ch <= "\u9fff" for ch in word):
                    break
                if len(word) > 1 and tag is not None and tag[:2] != "nr" and not (end == m.end() and tag == "ns"):
                    break  # 选举, 办公厅; jieba knows 普京 as a place name
                if tag is None and len(word) > 1 and word[-1] in self.stoppers:
                    end += len(word) - 1  # 斯塔|默说: a word jieba guessed with 说 glued on
                    break
                end, k = end + len(word), k + 1
            if end - m.end() >= 2:
                out.append(Candidate(m.end(), end, EntityType.PERSON, "foreign-title-name"))
        return out

    def __call__(self, view: TextView, found: list[Candidate]) -> list[Candidate]:
        text, out = view.text, self._dotted(view) + self._after_foreign_post(view)
        for m in self.byline.finditer(text):
            pos = m.start(1)
            for part in re.split(r"[ \u3000、]+", m.group(1)):
                if 2 <= len(part) <= 3 and part[0] in self.surnames:
                    out.append(Candidate(pos, pos + len(part), EntityType.PERSON, "byline"))
                pos = text.find(part, pos) + len(part) if part else pos
                while pos < len(text) and text[pos] in " \u3000、":
                    pos += 1
        for m in self.after_title.finditer(text):
            cand = self._name_after_title(view, m.start(1), len(m.group(1)), m.start())
            if cand is not None:
                out.append(cand)
        for m in self.address.finditer(text):
            out.append(Candidate(m.start(1), m.end(1), EntityType.PERSON, "address-form"))
        for m in self.familiar.finditer(text):  # 小陈, 老王: before a verb of saying or a pause
            after = text[m.end():m.end() + 1]
            opens = m.start() == 0 or not "\u4e00" <= text[m.start() - 1] <= "\u9fff" or text[m.start() - 1] in self.grammar.function_words
            if dictionary_frequency(m.group()) >= self.familiar_max_frequency:
                continue  # 老师, 小时: everyday words, not 老张 (256) or 小陈
            if (after in self.stoppers or after in PUNCT) and (opens or any(text.endswith(t, 0, m.start()) for t in self.titles)):
                out.append(Candidate(m.start(), m.end(), EntityType.PERSON, "address-form"))
        for m in self.before_title.finditer(text):
            name = m.group(1)
            if not self._is_word(name[:2]) and not self._is_word(name) and not any(t in name for t in self.titles):
                out.append(Candidate(m.start(1), m.end(1), EntityType.PERSON, "name-title"))
        words = view.tokens
        for tok in (words[i] for i in range(len(words)) if words.ends[i] - words.starts[i] == 3):
            if tok.text[0] in self.surnames and (
                    tok.tag == "nrfg" or (tok.tag is None and self._looks_like_name(tok.text)
                                          and self._speaks_or_serves(text, tok.start, tok.end))):
                out.append(Candidate(tok.start, tok.end, EntityType.PERSON, "name-word"))
        out.extend(self._repeated(text, out))
        out.extend(self._listed_with(view, out))
        return out

    @staticmethod
    def _repeated(text: str, persons: list[Candidate]) -> list[Candidate]:
        """A full name found once is a person wherever else the document writes it."""
        names = {text[p.start:p.end] for p in persons if p.end - p.start >= 2 and p.source != "address-form"}
        out = []
        for name in names:
            for m in re.finditer(re.escape(name), text):
                nxt = text[m.end():m.end() + 1]
                if not ("\u4e00" <= nxt <= "\u9fff") or nxt in "、等说是在和与及的":
                    out.append(Candidate(m.start(), m.end(), EntityType.PERSON, "name-repeat"))
        return out

    def _listed_with(self, view: TextView, persons: list[Candidate]) -> list[Candidate]:
        """Names listed with a name found (韦智、黄墁、叶东等十名干部): a run of two- or
        three-character items after a surname, separated by 、 and closed by 等 or punctuation."""
        text, out = view.text, []
        for p in persons:
            pos = p.end
            while text[pos:pos + 1] == "、":
                m = self.list_item.match(text, pos + 1)
                if not m or self._is_word(m.group(1)[:2]):
                    break
                out.append(Candidate(m.start(1), m.end(1), EntityType.PERSON, "name-list"))
                pos = m.end(1)
        return out

    def _speaks_or_serves(self, text: str, start: int, end: int) -> bool:
        """An unknown word is taken for a name only where a name would stand: before a verb of
        saying (说, 表示, 介绍) or a post (韦智检察官), or after a role (村民黄才儿)."""
        return (text[end:end + 1] in self.stoppers or any(text.startswith(t, end) for t in self.titles)
                or any(text.endswith(t, 0, start) or text.endswith(t + "”", 0, start) for t in self.titles))

    def _looks_like_name(self, word: str) -> bool:
        """A three-character word jieba did not know, made of a surname and a given name."""
        return all("\u4e00" <= ch <= "\u9fff" and ch not in self.stoppers for ch in word) and not any(
            self._is_word(word[i:j]) for i, j in ((0, 2), (1, 3)))


class StatisticalNames:
    """Names proposed by the trained character tagger (``kg.nlp.tagger``): persons, places and
    organisations the rules have no pattern for (a resident named in passing, a foreign city, a
    body with an unlisted head). An ORG is an Agency when its name ends in a head of a party or
    state body (``patterns.toml`` and ``departments.tsv``) and does not open with an organisation
    (亚洲开发银行|东南亚局 is the bank's), else an Organization. A place form
    of the division table is left to the gazetteer, which knows when a bare form is a place."""

    def __init__(self, lexicon: Lexicon, tagger, threshold: float):
        p = lexicon.patterns
        self.grammar = lexicon.grammar
        self.tagger = tagger
        self.threshold = threshold
        national = {e.name for e in lexicon.entries if e.type == EntityType.AGENCY}
        self.body_heads = frozenset(lexicon.body_heads())
        self.local = LocalBodies(p)
        self.agency_heads = frozenset((*self.body_heads, *national, *p.words("agency", "model_endings")))
        self.longest_head = max(map(len, self.agency_heads), default=0)
        # a party organ of an organisation is the party's (清华大学党委): an Agency, not a unit of it
        self.party_heads = tuple(head for head, kind in lexicon.departments if kind == "party")
        self.generic = tuple(p.words("agency", "generic"))
        self.not_places = (frozenset(p.words("place", "not_places")) | frozenset(p.words("place", "generic_waters"))
                           | feature_words(lexicon).generic)
        self.division_forms = lexicon.divisions.by_form
        self.adjective_markers = tuple(p.words("place", "adjective_markers"))
        self.titles = tuple(p.words("person", "titles"))
        self.organization_heads = frozenset((*p.words("organization", "heads"), *p.words("organization", "legal_forms"),
                                             *p.words("organization", "model_heads")))
        self.longest_organization_head = max(map(len, self.organization_heads), default=0)
        self.place_suffixes = tuple(p.words("place", "suffixes")) + tuple(p.words("place", "model_suffixes"))
        self.admin_prefixes = frozenset(p.get("place", "admin_prefixes"))
        self.surnames = lexicon.surnames()
        self.compound_surnames = frozenset(p.words("person", "compound_surnames"))
        self.word_min_frequency = p.get("person", "name_word_min_frequency")
        self.non_stems = frozenset(p.words("place", "non_place_stems"))
        self.kind_words = tuple(p.words("place", "non_place_stem_endings"))
        self.name_stoppers = set(p.get("person", "name_stoppers"))
        self.conjunctions = "".join(w for w in p.words("agency", "name_conjunctions") if len(w) == 1 and w != "、")

    def __call__(self, view: TextView, found: list[Candidate]) -> list[Candidate]:
        from kg.nlp.tagger import words_from_tokens

        text, out = view.text, []
        places = {c.start for c in found if c.type == EntityType.PLACE}
        place_spans = {(c.start, c.end) for c in found if c.type == EntityType.PLACE}
        organizations = {}  # start → end of the longest organisation found there
        for c in found:
            if c.type == EntityType.ORGANIZATION:
                organizations[c.start] = max(organizations.get(c.start, 0), c.end)
        named_ends = {c.end for c in found if c.type in (EntityType.AGENCY, EntityType.PLACE, EntityType.ORGANIZATION)}
        for span in self.tagger.spans(text, words_from_tokens(len(text), view.tokens.starts, view.tokens.tags)):
            name = text[span.start:span.end]
            if (span.label == "ORG" and longest_ending(name, self.agency_heads, self.longest_head)
                    and self._joined_field(view, span.start, named_ends)):
                continue  # 水利和|湖泊局: the end of a body's name whose fields a conjunction joins, not a name
            punct = name.replace("·", "").replace("•", "") if span.label == "PER" else name  # 卡洛斯·门德斯
            if span.score < self.threshold or any(ch in PUNCT for ch in punct) or not view.is_boundary(span.start):
                continue  # a name that opens inside a word is a fragment (人|民调解委员会)
            label = span.label
            if label == "LOC" and longest_ending(name, self.body_heads, self.longest_head):
                label = "ORG"  # 乌拉尔军区: a place's body is a body, whatever the tagger calls it
            if label == "PER":
                ends_word = view.is_boundary(span.end) or text[span.end] in self.name_stoppers
                if ends_word and self._person(name, span.score) and name not in self.division_forms:
                    out.append(Candidate(span.start, span.end, EntityType.PERSON, "model", span.score))
            elif label == "LOC":
                if name[0] in self.grammar.place_prepositions and (span.start + 1, span.end) in place_spans:
                    continue  # 沿|太湖: a preposition before a place another proposer found
                if self._place(view, span, name):
                    out.append(Candidate(span.start, span.end, EntityType.PLACE, "model", span.score))
            elif len(name) >= 3 and not name.endswith(self.generic) and not text.startswith(self.grammar.rank_marker, span.end):
                head = longest_ending(name, self.agency_heads, self.longest_head)
                org_head = longest_ending(name, self.organization_heads, self.longest_organization_head)
                if (head is not None and not name.endswith(self.party_heads)
                        and span.start + 1 < organizations.get(span.start, 0) < span.end):
                    # the unit of an organisation named before it (非洲联盟|委员会, 亚洲开发银行|东南亚局)
                    out.append(Candidate(span.start, span.end, EntityType.ORGANIZATION, "model", span.score))
                elif head is not None and len(head) >= len(org_head or ""):  # 医院 is no body's 院
                    modifier = name[:-len(head)]
                    if len(modifier) < 2 or modifier in self.admin_prefixes or self.grammar.level_words.match(modifier):
                        continue  # a bare head (派出所) or an admin prefix (市公安局): the rules' business
                    local = longest_ending(name, self.local.heads, self.longest_head)
                    if local is not None and not self.local.named_after(name[:-len(local)]):
                        continue  # 大理州党委: above the town a party committee is 委 (大理州委)
                    out.append(Candidate(span.start, span.end, EntityType.AGENCY, "model", span.score))
                elif view.is_boundary(span.end) and self._named_organization(view, span.start, name, places):
                    out.append(Candidate(span.start, span.end, EntityType.ORGANIZATION, "model", span.score))
        return out

    def _joined_field(self, view: TextView, start: int, named_ends: set[int]) -> bool:
        """Does a conjunction before ``start`` join a field noun to it (水利和|湖泊局), rather than a
        name to it (公安局和|交通运输局) or a preposition after an adverb (还与|中国科学院…)?"""
        if start < 2 or view.text[start - 1] not in self.conjunctions or start - 1 in named_ends:
            return False
        i = view.token_ending_at(start - 1)
        return i is not None and view.tokens[i].tag in NOUN_TAGS | {"vn"}

    def _named_organization(self, view: TextView, start: int, name: str, places: set[int]) -> bool:
        """An organisation head after a name: a place or a proper word before the head
        (成都农商银行), not a kind (物业公司) or a count (一所中学, 部分小学)."""
        head = longest_ending(name, self.organization_heads, self.longest_organization_head)
        if head is None or len(name) - len(head) < 2 or name[0] in self.grammar.stem_openers:
            return False
        tokens = range(view.token_at(start), view.token_at(start + len(name) - len(head) - 1) + 1)
        if any(_counts(view.tokens[i], self.grammar) for i in tokens):
            return False
        return any(view.tokens[i].start in places or view.tokens[i].tag in PROPER_TAGS for i in tokens)

    def _place(self, view: TextView, span, name: str) -> bool:
        """A place the division table does not hold: a form jieba knows as a place name, a
        name ending in a place suffix (…社区, …大道, …湖), or a confident whole word."""
        if len(name) < 2 or name in self.not_places or name in self.division_forms or name[0] in self.grammar.stem_openers:
            return False
        if view.text.startswith(self.adjective_markers, span.end):
            return False  # 中国|特色社会主义: an adjective
        if any(name.startswith(w) for w in self.non_stems if len(w) > 1) or any(k in name for k in self.kind_words):
            return False  # 边境村, 示范社区: a kind of place, not a named one
        tag = dictionary_tags().get(name)
        if tag == "ns" or (name.endswith(self.place_suffixes) and len(name) > 2):
            return True
        return span.score >= 0.95 and tag is None and view.is_boundary(span.end)

    def _person(self, name: str, score: float) -> bool:
        """Two to four Chinese characters (a foreign name may run longer, joined by ·), no post in
        it, not an ordinary word; a surname first, or a confident foreign name."""
        if "·" in name or "•" in name:
            return 3 <= len(name) <= 12
        if not (2 <= len(name) <= 4 and all("\u4e00" <= ch <= "\u9fff" for ch in name)) or "某" in name:
            return False
        if any(t in name for t in self.titles) or name[0] == name[1]:
            return False
        if any(is_ordinary_word(name[:k], self.compound_surnames, self.word_min_frequency) for k in (2, len(name))):
            return False
        return name[0] in self.surnames or name[:2] in self.surnames or score >= 0.9
