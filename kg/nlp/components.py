"""spaCy pipeline components of pingan-kg, registered with ``Language.factory``.

Like spaCy's own ``span_ruler``, each recogniser component is configured in the pipeline
config and proposes candidates; ``kg_entities`` settles overlaps with a registered policy;
``kg_linker`` links the chosen spans (``kg.nlp.link``) and may annotate the Doc: it aligns the
jieba tokens to the spans (splitting words such as 观山|湖区 where a name ends inside them) and
writes ``doc.ents`` (non-overlapping) and ``doc.spans["kg"]`` (with nested names such as the
贵阳市 of 贵阳市公安局).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable

import numpy
from spacy.language import Language
from spacy.util import registry
from spacy.attrs import IDX, LENGTH, SENT_START, TAG
from spacy.tokens import Doc

from kg.lexicon import load_lexicon
from kg.nlp import recognizers as rec
from kg.nlp.link import Linker
from kg.nlp.records import Candidate, Linked
from kg.nlp.text import SENTENCE_END, TextView, dictionary_tags
from kg.vocabulary import EntityType

SPAN_KEY = "kg"
# Names whose place is a mention of that place (贵阳市公安局, 八里街社会治安综合整治); a
# programme's place is often part of a brand (平安贵阳建设), and so is an organisation's place
# in a bare short form (永福 of 永福律师事务所), though not written in full (湖北省 of …湖北省分公司).
NAMED_AFTER_PLACES = (EntityType.AGENCY, EntityType.CAMPAIGN)
# Names whose unit is named after them, each a mention of its own (中国银行 of 中国银行宁波市分行).
NAMED_AFTER_BODIES = (EntityType.AGENCY, EntityType.ORGANIZATION)
READ_ON_SCORE = 0.99  # how sure the model must be to read a rule person's name on
RULE_PRIORITY = {"lexicon": 0, "division": 1, "agency-place": 2, "agency-unit": 2, "agency-admin": 3,
                 "agency-self-named": 3, "agency-context": 3, "org-head": 4, "quote-head": 4, "quote-shared-head": 4,
                 "quote-inner-head": 4, "quote-trigger": 5, "quote-numbered": 5, "regex": 5, "head-compound": 6, "head-compound-adopted": 6, "listed-campaign": 6,
                 "place-suffix": 6, "place-water": 6, "place-road": 6, "place-word": 6, "byline": 4, "foreign-name": 5, "foreign-title-name": 5, "title-name": 5, "name-title": 5, "address-form": 5, "name-list": 6, "name-repeat": 6, "name-word": 7, "model": 8}

if not Doc.has_extension("kg_candidates"):
    Doc.set_extension("kg_candidates", default=None)
    Doc.set_extension("kg_linked", default=None)
    Doc.set_extension("kg_view", default=None)
    Doc.set_extension("kg_text", default=None)


def doc_text(doc: Doc) -> str:
    """The text of ``doc``, kept once made: ``Doc.text`` joins every token on each access.
    (Splitting tokens does not change it.)"""
    if doc._.kg_text is None:
        doc._.kg_text = doc.text
    return doc._.kg_text


def token_offsets(doc: Doc) -> tuple[list[int], list[int]]:
    """Start and end character of every token, read as one array: iterating a Doc makes a
    Python ``Token`` per word, which costs more than the recognisers' own work."""
    if not len(doc):
        return [], []
    bounds = doc.to_array([IDX, LENGTH])
    starts = bounds[:, 0].tolist()
    return starts, (bounds[:, 0] + bounds[:, 1]).tolist()


def token_words(doc: Doc) -> list[str]:
    """The text of every token, sliced from the document's text."""
    text = doc_text(doc)
    return [text[s:e] for s, e in zip(*token_offsets(doc))]


def text_view(doc: Doc) -> TextView:
    """The character view of ``doc``, built once and shared by the recognisers."""
    if doc._.kg_view is None:
        starts, ends = token_offsets(doc)
        hashes = doc.to_array(TAG).tolist() if len(doc) else []
        names = {h: doc.vocab.strings[h] or None for h in set(hashes)}  # the empty tag (0) is None
        doc._.kg_view = TextView.of(doc_text(doc), starts, ends, [names[h] for h in hashes])
        doc._.kg_candidates = []
    return doc._.kg_view


@Language.factory("kg_lexical_tags")
def make_lexical_tags(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """Dictionary part-of-speech tags of jieba's words: a lookup, far cheaper than jieba.posseg."""
    table = dictionary_tags()
    hashes = {"": 0}

    def tag(doc: Doc) -> Doc:
        if not len(doc):
            return doc
        tags = [table.get(word, "") for word in token_words(doc)]
        for new in set(tags).difference(hashes):
            hashes[new] = nlp.vocab.strings.add(new)
        doc.from_array([TAG], numpy.array([hashes[t] for t in tags], dtype="uint64"))
        return doc

    return tag


@Language.factory("kg_sentences", default_config={"punct_chars": SENTENCE_END})
def make_sentences(nlp: Language, name: str, punct_chars: str) -> Callable[[Doc], Doc]:
    """Sentence ends at Chinese sentence punctuation and at line breaks."""

    def split(doc: Doc) -> Doc:
        if not len(doc):
            return doc
        starts = numpy.full(len(doc), -1, dtype="int64")
        start = True
        for i, word in enumerate(token_words(doc)):
            if word.isspace():  # white space stays with the sentence before it
                start = start or "\n" in word
                continue
            starts[i] = 1 if start or i == 0 else -1
            start = word in punct_chars
        doc.from_array([SENT_START], starts.astype("uint64"))  # spaCy stores -1 wrapped
        return doc

    return split


def sentence_offsets(doc: Doc) -> list[tuple[int, int]]:
    """(start, end) characters of each sentence, from the sentence-start array."""
    if not len(doc):
        return []
    starts, ends = token_offsets(doc)
    first = [i for i, flag in enumerate(doc.to_array(SENT_START).tolist()) if flag == 1 or i == 0]
    return [(starts[i], ends[j - 1]) for i, j in zip(first, [*first[1:], len(doc)])]


def _recogniser_component(build: Callable) -> Callable:
    def factory(nlp: Language, name: str, ontology: str | None) -> Callable[[Doc], Doc]:
        recognise = build(load_lexicon(ontology))

        def run(doc: Doc) -> Doc:
            view = text_view(doc)
            doc._.kg_candidates.extend(recognise(view, doc._.kg_candidates))
            return doc

        return run

    return factory


for _name, _cls in (("kg_gazetteer", rec.Gazetteer), ("kg_places", rec.PlacePatterns),
                    ("kg_agencies", rec.AgencyPatterns), ("kg_organizations", rec.OrganizationPatterns),
                    ("kg_programs", rec.ProgramCampaignPatterns), ("kg_persons", rec.PersonPatterns)):
    Language.factory(_name, default_config={"ontology": None})(_recogniser_component(_cls))


@Language.factory("kg_titles", default_config={"ontology": None})
def make_titles(nlp: Language, name: str, ontology: str | None) -> Callable[[Doc], Doc]:
    """Names inside the title of a work are words of that title, not mentions (《重返德军总部》,
    《2024年福建省生态环境状况公报》; the guide skips documents); a name that is the whole title
    of a paper (《广西法治日报》) stays. The marks are grammar words (``[grammar] title_marks``)."""
    title = load_lexicon(ontology).grammar.title

    def drop_inside(doc: Doc) -> Doc:
        view = text_view(doc)
        titles = [(m.start() + 1, m.end() - 1) for m in title.finditer(view.text)]
        if titles:
            named = {(c.start, c.end) for c in doc._.kg_candidates if c.type == EntityType.ORGANIZATION}
            # the words of a title that names a paper or journal keep the names inside it (广西 of
            # 广西法治日报); a game's or book's (《德军总部》) do not
            titles = [t for t in titles if t not in named]
            doc._.kg_candidates = [c for c in doc._.kg_candidates if not _inside(c, titles)]
        return doc

    return drop_inside


def _inside(cand: Candidate, titles: list[tuple[int, int]]) -> bool:
    """Is ``cand`` within one of ``titles`` (sorted, apart)?"""
    i = bisect.bisect_right(titles, (cand.start, float("inf"))) - 1  # the last title opening at or before it
    return i >= 0 and cand.end <= titles[i][1] and cand.start >= titles[i][0]


@registry.misc("kg.rules_then_model.v1")
def make_rules_then_model() -> Callable[[list[Candidate]], list[Candidate]]:
    """The default overlap policy: the rules' names are settled among themselves (longest
    first), then the model's fill the gaps they leave. The rules know the domain's long names
    (贵阳市委平安贵阳建设领导小组) and the division table; the model knows names in general."""
    return rules_then_model


@registry.misc("kg.longest_first.v1")
def make_longest_first() -> Callable[[list[Candidate]], list[Candidate]]:
    """Every proposer alike: the longest name wins, then the rule priority."""
    return select_candidates


def rules_then_model(candidates: list[Candidate]) -> list[Candidate]:
    """A bare short form of a division name (永福 for 永福县) is the rules' weakest guess: a
    model name that holds it (吴永福) takes its place. A body the model names on a place the
    rules found (福建省|新闻出版局), or an organisation's unit on the organisation
    (中国科学院|水生生物研究所), stands with that place or organisation inside it, as a rule's would."""
    model = select_candidates([c for c in candidates if c.source == "model"])
    rules = select_candidates([c for c in candidates if c.source != "model"])
    # the rules guess a person's name from the length of Chinese names; where the model is all but
    # sure it reads on (古特雷|斯, a foreign name), its reading stands (not 王毅|同, read at 0.96)
    read_on = {c.start: c.end for c in model if c.type == EntityType.PERSON and c.score >= READ_ON_SCORE}
    firm, read_over = [], []
    for c in rules:
        if not c.weak:
            (read_over if c.type == EntityType.PERSON and read_on.get(c.start, 0) > c.end else firm).append(c)
    taken = sorted((c.start, c.end, c.type) for c in firm)
    starts = [s for s, _, _ in taken]
    longest = max((e - s for s, e, _ in taken), default=0)
    free = []
    for cand in model:
        lo = bisect.bisect_left(starts, cand.start - longest)
        hi = bisect.bisect_left(starts, cand.end)
        if all(e <= cand.start or s >= cand.end or _named_on(cand, s, e, type_) for s, e, type_ in taken[lo:hi]):
            free.append(cand)
    read = {c.start for c in free if c.type == EntityType.PERSON}
    firm += [c for c in read_over if c.start not in read]  # the model's reading met another name: the rule's stands
    weak = [c for c in rules if c.weak and not any(m.start <= c.start and c.end <= m.end for m in free)]
    return sorted(firm + weak + free, key=lambda c: (c.start, -c.end))


def _named_on(cand: Candidate, start: int, end: int, type_: EntityType) -> bool:
    """Is the place or organisation at [start, end) the one ``cand``, a body, is named on (its
    name opens with it: 福建省|新闻出版局, 中国科学院|水生生物研究所)?"""
    return ((type_ == EntityType.PLACE and cand.type in (EntityType.AGENCY, EntityType.ORGANIZATION))
            or (type_ == cand.type == EntityType.ORGANIZATION)) and cand.start == start and end < cand.end


def select_candidates(candidates: list[Candidate]) -> list[Candidate]:
    """Longest first, then by rule priority; nested names survive only where they mean
    something (a place inside a body's name, the body a unit's name opens with)."""
    unique = {(c.start, c.end, c.type): c for c in sorted(candidates, key=lambda c: -RULE_PRIORITY.get(c.source, 9))}
    ordered = sorted(unique.values(), key=lambda c: (-(c.end - c.start), RULE_PRIORITY.get(c.source, 9), c.start, c.type, c.source))
    chosen: list[Candidate] = []
    by_start: list[tuple[int, int]] = []  # (start, index in chosen), to find overlaps without a scan
    longest = 0
    for cand in ordered:
        lo = bisect.bisect_right(by_start, (cand.start - longest, len(chosen)))
        hi = bisect.bisect_left(by_start, (cand.end, -1))
        if all(_may_overlap(cand, chosen[i]) for _, i in by_start[lo:hi]):
            bisect.insort(by_start, (cand.start, len(chosen)))
            chosen.append(cand)
            longest = max(longest, cand.end - cand.start)
    return sorted(chosen, key=lambda c: (c.start, -c.end))


def _may_overlap(cand: Candidate, other: Candidate) -> bool:
    """May ``cand`` stand beside ``other``, already chosen (apart, or nested where it means something)?"""
    if cand.end <= other.start or cand.start >= other.end:
        return True
    if not (other.start <= cand.start and cand.end <= other.end) or (cand.start, cand.end) == (other.start, other.end):
        return False
    if cand.type == EntityType.PLACE and (other.type in NAMED_AFTER_PLACES or (
            other.type == EntityType.ORGANIZATION and not cand.weak)):
        return True
    # the body a unit is named after (贵阳市公安局 of 贵阳市公安局刑侦支队, 中国银行 of 中国银行宁波市分行);
    # a name of the lexicon is one body (中共中央办公厅 is no unit of a 中共中央 mention)
    return (cand.type == other.type and cand.type in NAMED_AFTER_BODIES and cand.start == other.start
            and other.source != "lexicon")


def _align(doc: Doc, offsets: set[int]) -> Doc:
    """Split tokens so that every offset in ``offsets`` falls on a token boundary."""
    starts, ends = token_offsets(doc)
    cuts: dict[int, list[int]] = {}
    for offset in sorted(offsets):
        i = bisect.bisect_right(starts, offset) - 1
        if i >= 0 and starts[i] < offset < ends[i]:
            cuts.setdefault(i, []).append(offset - starts[i])
    if not cuts:
        return doc
    with doc.retokenize() as retokenizer:
        for i, inner in cuts.items():
            token = doc[i]
            bounds = [0, *inner, len(token.text)]
            orths = [token.text[a:b] for a, b in zip(bounds, bounds[1:])]
            retokenizer.split(token, orths, heads=[(token, 0)] * len(orths))
    return doc


@Language.factory("kg_tagger", default_config={"ontology": None, "model": None, "threshold": 0.5})
def make_tagger(nlp: Language, name: str, ontology: str | None, model: str | None, threshold: float) -> Callable[[Doc], Doc]:
    """The trained name tagger beside the rules: the shipped weights, or those at ``model``."""
    from kg.nlp.tagger import CharTagger, shipped_tagger

    propose = rec.StatisticalNames(load_lexicon(ontology), CharTagger.load(model) if model else shipped_tagger(), threshold)

    def run(doc: Doc) -> Doc:
        view = text_view(doc)
        doc._.kg_candidates.extend(propose(view, doc._.kg_candidates))
        return doc

    return run


@Language.factory("kg_entities", default_config={"overlap_policy": {"@misc": "kg.rules_then_model.v1"}})
def make_entities(nlp: Language, name: str, overlap_policy: Callable[[list[Candidate]], list[Candidate]]) -> Callable[[Doc], Doc]:
    """Settle the candidates of every recogniser with the configured overlap policy."""

    def settle(doc: Doc) -> Doc:
        text_view(doc)  # a doc no recogniser touched still gets its (empty) candidates
        doc._.kg_candidates = overlap_policy(doc._.kg_candidates)
        return doc

    return settle


@Language.factory("kg_linker", default_config={"ontology": None, "annotate": True})
def make_linker(nlp: Language, name: str, ontology: str | None, annotate: bool) -> Callable[[Doc], Doc]:
    """Link the settled names (``kg.nlp.link``). With ``annotate`` they also become
    ``doc.ents`` and ``doc.spans["kg"]`` with the canonical name as ``kb_id``, tokens split to
    fit them (like ``span_ruler``'s ``annotate_ents``); the build reads only the linked
    records, and splitting tokens is a seventh of its NLP time."""
    link = Linker(load_lexicon(ontology))

    def run(doc: Doc) -> Doc:
        doc._.kg_linked = link(text_view(doc), doc._.kg_candidates)
        if annotate:
            _annotate(doc, doc._.kg_linked)
        return doc

    return run


def _annotate(doc: Doc, linked: list[Linked]) -> None:
    _align(doc, {c.start for c in linked} | {c.end for c in linked})
    spans = [doc.char_span(c.start, c.end, label=c.type, kb_id=c.canonical) for c in linked]
    doc.spans[SPAN_KEY] = [s for s in spans if s is not None]
    top, last_end = [], -1
    for span in doc.spans[SPAN_KEY]:
        if span.start_char >= last_end:
            top.append(span)
            last_end = span.end_char
    doc.ents = top
    doc._.kg_view = None  # the character view is stale once tokens are split
