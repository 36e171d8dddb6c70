"""The data files: a schema that fails loudly, and one vocabulary shared with the ontology."""

from pathlib import Path

import pytest
import rdflib

from kg.lexicon import LexiconError, Patterns, ontology_dir
from kg.vocabulary import EntityType, Predicate

PATTERNS = (ontology_dir() / "lexicon" / "patterns.toml").read_text(encoding="utf-8")
PK = rdflib.Namespace("https://w3id.org/pingan-kg/ontology#")


def test_the_shipped_patterns_match_their_schema():
    Patterns.parse(PATTERNS)


def test_a_misspelt_key_stops_the_load_and_names_it():
    with pytest.raises(LexiconError, match=r"\[agency\] haeds"):
        Patterns.parse(PATTERNS.replace("[agency]\n", "[agency]\nhaeds = []\n", 1))


def test_a_missing_key_stops_the_load_and_names_it():
    broken = PATTERNS.replace("\nmax_modifier_chars = ", "\n# max_modifier_chars = ", 1)
    with pytest.raises(LexiconError, match="max_modifier_chars"):
        Patterns.parse(broken)


def test_a_value_of_the_wrong_shape_stops_the_load():
    with pytest.raises(LexiconError, match="max_modifier_chars"):
        Patterns.parse(PATTERNS.replace("\nmax_modifier_chars = ", "\nmax_modifier_chars = \"x\" #", 1))


def test_code_asking_for_a_key_the_schema_lacks_fails_instead_of_reading_nothing(lexicon):
    with pytest.raises(KeyError, match="no key 'heds'"):
        lexicon.patterns.words("agency", "heds")


def test_grammar_words_come_from_the_data(lexicon):
    g = lexicon.grammar
    assert g.ordinal.fullmatch("第十六届") and g.count.match("3个") and g.numbered.match("五治")
    assert g.leading_noise.match("全市各级").end() == 4
    assert g.placeholder.search("XX市公安局")


def test_types_and_predicates_are_the_ontologys_classes_and_properties():
    graph = rdflib.Graph().parse(Path(ontology_dir()) / "pingan.ttl")
    for t in EntityType:
        assert (PK[t.value], rdflib.RDF.type, rdflib.OWL.Class) in graph, t
    for p in Predicate:
        assert (PK[p.value], rdflib.RDF.type, rdflib.OWL.ObjectProperty) in graph, p
    from rdflib.collection import Collection

    disjoint = next(graph.objects(None, rdflib.OWL.members))  # the six entity classes, pairwise disjoint
    assert {str(c)[len(PK):] for c in Collection(graph, disjoint)} == {t.value for t in EntityType}
