"""The spaCy components: sentences, token alignment, overlap settling, IRIs."""

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
    assert [c.label for c in chosen] == ["Campaign"]


def test_iris_are_deterministic_and_valid():
    assert str(entity_iri(EntityRef("Agency", "贵阳市公安局"))) == "https://w3id.org/pingan-kg/id/agency/贵阳市公安局"
    assert iri_segment('大巡(处)警 "A/B"#1') == "大巡(处)警%20%22A%2FB%22%231"
    assert entity_iri(EntityRef("Place", "朝阳区", "110105")) != entity_iri(EntityRef("Place", "朝阳区", "220104"))
