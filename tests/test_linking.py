"""Recognition proposes, linking decides: what resolution needs comes from the span alone."""

import dataclasses

import pytest

from kg.nlp.components import rules_then_model, select_candidates, text_view
from kg.nlp.link import Linker
from kg.nlp.records import WEAK_SCORE, Candidate, Linked
from kg.vocabulary import EntityType


@pytest.fixture(scope="module")
def linker(lexicon):
    return Linker(lexicon)


def _link(nlp, linker, text, proposals):
    """Link hand-made proposals over ``text`` as the pipeline would after the overlap policy."""
    doc = nlp.make_doc(text)
    for name in ("kg_lexical_tags", "kg_sentences"):  # what the view is built on
        doc = nlp.get_pipe(name)(doc)
    view = text_view(doc)
    return {text[m.start:m.end]: m for m in linker(view, select_candidates(proposals))}


def test_a_models_name_and_a_rules_name_of_the_same_text_link_alike(nlp, linker):
    text = "涞水县水利局发布通知"
    place = Candidate(0, 3, EntityType.PLACE, "division")
    by_rule = _link(nlp, linker, text, [place, Candidate(0, 6, EntityType.AGENCY, "agency-place")])
    by_model = _link(nlp, linker, text, [place, Candidate(0, 6, EntityType.AGENCY, "model", 0.7)])
    assert by_rule == by_model
    assert by_rule["涞水县水利局"].prefix == (0, 3)


def test_the_linked_record_does_not_say_who_proposed_it():
    assert "source" not in {f.name for f in dataclasses.fields(Linked)}


def test_a_lexicon_alias_links_to_its_full_name_whoever_found_it(nlp, linker):
    linked = _link(nlp, linker, "中办印发通知", [Candidate(0, 2, EntityType.AGENCY, "model", 0.9)])
    assert linked["中办"].canonical == "中共中央办公厅" and linked["中办"].curated


def test_a_bare_admin_prefix_is_read_from_the_text_not_from_a_word(nlp, linker):
    linked = _link(nlp, linker, "市公安局和市场监督管理局", [Candidate(0, 4, EntityType.AGENCY, "model", 0.8),
                                                  Candidate(5, 12, EntityType.AGENCY, "model", 0.8)])
    assert linked["市公安局"].admin == "city"
    assert linked["市场监督管理局"].admin is None


def test_a_unit_links_to_the_body_its_name_opens_with(nlp, linker):
    text = "贵阳市公安局刑侦支队破案"
    linked = _link(nlp, linker, text, [Candidate(0, 3, EntityType.PLACE, "division"),
                                       Candidate(0, 6, EntityType.AGENCY, "agency-place"),
                                       Candidate(0, 10, EntityType.AGENCY, "agency-unit")])
    assert linked["贵阳市公安局刑侦支队"].parent == (0, 6)
    assert linked["贵阳市公安局刑侦支队"].prefix == (0, 3)
    assert "贵阳市公安局" in linked


def test_a_shorter_name_the_longer_one_merely_continues_is_dropped(nlp, linker):
    """大溪村村委 inside 大溪村村委会 is no parent body: the head 村委会 covers it."""
    text = "大溪村村委会组织调解"
    linked = _link(nlp, linker, text, [Candidate(0, 5, EntityType.AGENCY, "agency-place"),
                                       Candidate(0, 6, EntityType.AGENCY, "agency-place")])
    assert set(linked) == {"大溪村村委会"} and linked["大溪村村委会"].parent is None


def test_a_body_every_city_has_named_bare_takes_its_city_from_context(nlp, linker):
    linked = _link(nlp, linker, "要求反诈中心及时处置", [Candidate(2, 6, EntityType.AGENCY, "agency-context")])
    assert linked["反诈中心"].context_body and linked["反诈中心"].admin == "city"


def test_a_division_form_links_to_its_units_and_says_if_it_is_bare(nlp, linker):
    linked = _link(nlp, linker, "花溪区和花溪", [Candidate(0, 3, EntityType.PLACE, "model", 0.9),
                                           Candidate(4, 6, EntityType.PLACE, "division", WEAK_SCORE)])
    assert linked["花溪区"].keys and not linked["花溪区"].short
    assert linked["花溪"].short


def test_a_lexicon_place_that_is_also_a_bare_division_form_stays_the_lexicon_place(entities_of):
    """黑山 is Montenegro in the lexicon and the bare form of 黑山县: the lexicon's name stands."""
    assert ("Place", "黑山") in entities_of("塞尔维亚和黑山代表团参加了会议。")


# the overlap policy, one test per rule


def test_policy_a_weak_division_form_yields_to_a_model_name_holding_it():
    weak = Candidate(1, 3, EntityType.PLACE, "division", WEAK_SCORE)  # 永福 in 吴永福
    person = Candidate(0, 3, EntityType.PERSON, "model", 0.8)
    assert rules_then_model([weak, person]) == [person]


def test_policy_a_firm_rule_name_keeps_its_span_against_the_model():
    rule = Candidate(0, 3, EntityType.PLACE, "division")
    model = Candidate(0, 4, EntityType.PERSON, "model", 0.9)
    assert rules_then_model([rule, model]) == [rule]


def test_policy_a_model_unit_holds_the_rule_organization_it_is_named_on():
    academy = Candidate(0, 5, EntityType.ORGANIZATION, "lexicon")  # 中国科学院 of …水生生物研究所
    unit = Candidate(0, 12, EntityType.ORGANIZATION, "model", 0.99)
    assert rules_then_model([academy, unit]) == [unit, academy]
    agency = Candidate(0, 12, EntityType.AGENCY, "model", 0.99)  # not a body of another kind
    assert rules_then_model([academy, agency]) == [academy]


def test_policy_the_model_reads_a_rule_persons_name_on_where_it_is_all_but_sure():
    rule = Candidate(0, 3, EntityType.PERSON, "name-word")  # 古特雷 of 古特雷斯
    sure = Candidate(0, 4, EntityType.PERSON, "model", 0.999)
    assert rules_then_model([rule, sure]) == [sure]
    unsure = Candidate(0, 3, EntityType.PERSON, "model", 0.96)  # 王毅同
    assert rules_then_model([Candidate(0, 2, EntityType.PERSON, "title-name"), unsure]) == [
        Candidate(0, 2, EntityType.PERSON, "title-name")]
    shorter = Candidate(0, 2, EntityType.PERSON, "model", 0.999)  # never cut shorter
    assert rules_then_model([rule, shorter]) == [rule]
    place = Candidate(3, 5, EntityType.PLACE, "division")  # a reading that meets a rule's name is none
    assert rules_then_model([rule, sure, place]) == [rule, place]


def test_policy_a_place_inside_an_organization_is_kept_unless_a_weak_guess():
    school = Candidate(0, 13, EntityType.ORGANIZATION, "org-head")  # 百色市那坡县城厢镇中心小学
    assert select_candidates([school, Candidate(3, 6, EntityType.PLACE, "division")]) == [
        school, Candidate(3, 6, EntityType.PLACE, "division")]
    weak = Candidate(0, 2, EntityType.PLACE, "division", WEAK_SCORE)  # 永福 of 永福律师事务所
    assert select_candidates([school, weak]) == [school]


def test_policy_a_place_inside_a_body_or_campaign_is_kept():
    body = Candidate(0, 6, EntityType.AGENCY, "agency-place")
    place = Candidate(0, 3, EntityType.PLACE, "division")
    assert select_candidates([body, place]) == [body, place]


def test_policy_a_body_opening_a_longer_body_is_kept_unless_the_longer_is_one_lexicon_name():
    unit = Candidate(0, 10, EntityType.AGENCY, "agency-unit")
    parent = Candidate(0, 6, EntityType.AGENCY, "agency-place")
    assert select_candidates([unit, parent]) == [unit, parent]
    curated = Candidate(0, 7, EntityType.AGENCY, "lexicon")  # 中共中央办公厅, not a unit of 中共中央
    assert select_candidates([curated, Candidate(0, 4, EntityType.AGENCY, "lexicon")]) == [curated]


def test_policy_a_model_body_holds_the_rule_place_it_is_named_on():
    place = Candidate(0, 3, EntityType.PLACE, "division")  # 福建省 of 福建省新闻出版局
    body = Candidate(0, 8, EntityType.AGENCY, "model", 0.9)
    assert rules_then_model([place, body]) == [body, place]
    inside = Candidate(2, 5, EntityType.PLACE, "division")  # a place not opening the name blocks it
    assert rules_then_model([inside, body]) == [inside]
    whole = Candidate(0, 8, EntityType.PLACE, "division")  # nor one as long as the name
    assert rules_then_model([whole, body]) == [whole]
    rule_body = Candidate(0, 5, EntityType.AGENCY, "agency-place")  # nor a body the rules named there
    assert rules_then_model([rule_body, body]) == [rule_body]


def test_policy_partial_overlaps_go_to_the_longer_name():
    short = Candidate(0, 4, EntityType.PLACE, "place-suffix")
    long = Candidate(2, 8, EntityType.PROGRAM, "head-compound")
    assert select_candidates([short, long]) == [long]
