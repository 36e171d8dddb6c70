"""The spaCy components: sentences, token alignment, overlap settling, IRIs."""

import re

from kg.graph import entity_iri, iri_segment
from kg.nlp.components import select_candidates
from kg.nlp.records import Candidate
from kg.resolve import EntityRef


def test_sentences_end_at_chinese_punctuation_and_line_breaks(nlp):
    doc = nlp("贵阳市开展行动。花溪区推进工作！\n观山湖区建立机制")
    assert [s.text.strip() for s in doc.sents] == ["贵阳市开展行动。", "花溪区推进工作！", "观山湖区建立机制"]


def test_tokens_are_split_where_a_name_ends_inside_a_word(nlp):
    doc = nlp("观山湖区探索建立机制")
    assert [(e.text, e.label_) for e in doc.ents] == [("观山湖区", "Place")]
    assert doc.ents[0].start_char == 0 and doc.ents[0].end_char == 4


def test_nested_names_are_kept_in_spans_not_in_ents(nlp):
    doc = nlp("贵阳市公安局破获案件。")
    assert [e.text for e in doc.ents] == ["贵阳市公安局"]
    assert {(s.text, s.label_) for s in doc.spans["kg"]} == {("贵阳市公安局", "Agency"), ("贵阳市", "Place")}


def test_longer_candidate_wins_a_partial_overlap():
    chosen = select_candidates([Candidate(0, 4, "Place", "place-suffix"), Candidate(2, 8, "Program", "head-compound")])
    assert [(c.start, c.end) for c in chosen] == [(2, 8)]


def test_lexicon_type_wins_on_the_same_span():
    chosen = select_candidates([Candidate(0, 4, "Program", "head-compound"), Candidate(0, 4, "Campaign", "lexicon")])
    assert [c.type for c in chosen] == ["Campaign"]


def test_iris_are_deterministic_and_valid():
    assert str(entity_iri(EntityRef("Agency", "贵阳市公安局"))) == "https://w3id.org/pingan-kg/id/agency/贵阳市公安局"
    assert iri_segment('大巡(处)警 "A/B"#1') == "大巡(处)警%20%22A%2FB%22%231"
    assert entity_iri(EntityRef("Place", "朝阳区", "110105")) != entity_iri(EntityRef("Place", "朝阳区", "220104"))


def test_words_and_spaces_agree_with_spacy():
    """The tokenizer's linear alignment gives spaCy's own words and trailing spaces."""
    from spacy.util import get_words_and_spaces

    from kg.nlp.tokenizer import words_and_spaces

    for text in ["贵阳市 公安局  破获\n\n案件。", " 开头有空格", "结尾有空格 ", "a b\u3000c\t\td  e", "", "   "]:
        words = re.findall(r"\s+|\S{1,2}", text)  # a cut as a segmenter gives it: runs of space, words
        assert words_and_spaces(words, text) == get_words_and_spaces(words, text), text


def test_dictionary_tags_are_jiebas_own():
    """The tag table read from dict.txt is the one jieba.posseg builds from it."""
    import jieba.posseg

    from kg.nlp.text import dictionary_tags

    assert dictionary_tags() == jieba.posseg.dt.word_tag_tab
    assert dictionary_tags()["公安局"] == "nt"


def test_without_annotation_the_candidates_are_the_same_and_tokens_stay_whole(nlp):
    from kg.nlp.pipeline import build_nlp

    text = "贵阳市委政法委员会召开会议，观山湖区探索建立“十联铺”机制。"  # jieba: 贵阳|市委|…
    plain = build_nlp(annotate=False)(text)
    annotated = nlp(text)
    assert plain._.kg_linked == annotated._.kg_linked
    assert not plain.ents and "kg" not in plain.spans
    assert len(plain) < len(annotated)  # 市委 was split for the annotation only


def test_a_statement_iri_does_not_depend_on_how_the_type_is_written():
    from kg.graph import _statement_iri
    from kg.relations.model import Relation
    from kg.vocabulary import EntityType, Predicate

    plain = Relation(EntityRef("Agency", "贵阳市公安局"), "locatedIn", EntityRef("Place", "贵阳市", "520100"), "d")
    typed = Relation(EntityRef(EntityType.AGENCY, "贵阳市公安局"), Predicate.LOCATED_IN,
                     EntityRef(EntityType.PLACE, "贵阳市", "520100"), "d")
    assert _statement_iri(plain) == _statement_iri(typed)
