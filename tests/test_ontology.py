"""The ontology (ontology/pingan.ttl) and the SHACL shapes (ontology/shapes.ttl).

The shapes are run the way a built graph is checked: data graph only, no
ontology, no inference. Each broken graph below changes one thing in a valid
graph and must be reported against the node that is wrong.
"""

from pathlib import Path

import owlrl  # installed with pyshacl
import pyshacl  # a test dependency: a missing one must fail, not skip
import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH, SKOS

ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"
PK = Namespace("https://w3id.org/pingan-kg/ontology#")
EX = Namespace("http://example.org/pingan/")
ENTITY_CLASSES = [PK.Agency, PK.Organization, PK.Program, PK.Campaign, PK.Place, PK.Person]
RELATIONS = [PK.partOf, PK.locatedIn, PK.subOrganizationOf, PK.implements, PK.conducts, PK.holdsPost]

PREFIXES = """\
@prefix pk:      <https://w3id.org/pingan-kg/ontology#> .
@prefix ex:      <http://example.org/pingan/> .
@prefix rdf:     <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs:    <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos:    <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
"""

# A small graph that follows the spec: three entities, one document, one
# relation read from text and one from the administrative-division table.
VALID = PREFIXES + """
ex:doc0 a pk:Document ;
    dcterms:identifier "000_eb056a28697506d6.txt" ;
    dcterms:title "贵阳市全力推进雪亮工程建设"@zh .

ex:psb a pk:Agency ;
    rdfs:label "贵阳市公安局"@zh ;
    skos:altLabel "市公安局"@zh ;
    pk:mentionedIn ex:doc0 ;
    pk:locatedIn ex:guiyang ;
    pk:implements ex:xueliang .

ex:guiyang a pk:Place ;
    rdfs:label "贵阳市"@zh ;
    skos:altLabel "贵阳"@zh ;
    pk:mentionedIn ex:doc0 ;
    pk:partOf ex:guizhou .

ex:guizhou a pk:Place ;
    rdfs:label "贵州省"@zh ;
    pk:mentionedIn ex:doc0 .

ex:xueliang a pk:Program ;
    rdfs:label "雪亮工程"@zh ;
    pk:mentionedIn ex:doc0 .

ex:zhao a pk:Person ;
    rdfs:label "赵志军"@zh ;
    pk:mentionedIn ex:doc0 ;
    pk:holdsPost ex:psb .

ex:ev1 a rdf:Statement ;
    rdf:subject ex:psb ; rdf:predicate pk:implements ; rdf:object ex:xueliang ;
    pk:evidence "贵阳市公安局大力推进雪亮工程建设"@zh ;
    pk:inDocument ex:doc0 ;
    pk:charStart 120 ;
    pk:charEnd 136 .

ex:ev2 a rdf:Statement ;
    rdf:subject ex:zhao ; rdf:predicate pk:holdsPost ; rdf:object ex:psb ;
    pk:evidence "贵阳市公安局局长赵志军"@zh ;
    pk:inDocument ex:doc0 ;
    pk:charStart 0 ;
    pk:charEnd 11 ;
    pk:title "局长" .

ex:ev3 a rdf:Statement ;
    rdf:subject ex:psb ; rdf:predicate pk:locatedIn ; rdf:object ex:guiyang ;
    pk:evidence "贵阳市公安局"@zh ;
    pk:inDocument ex:doc0 ;
    pk:charStart 0 ;
    pk:charEnd 6 .

ex:src1 a rdf:Statement ;
    rdf:subject ex:guiyang ; rdf:predicate pk:partOf ; rdf:object ex:guizhou ;
    pk:source "行政区划表" .
"""


@pytest.fixture(scope="module")
def ontology():
    return Graph().parse(ONTOLOGY_DIR / "pingan.ttl", format="turtle")


@pytest.fixture(scope="module")
def shapes():
    return Graph().parse(ONTOLOGY_DIR / "shapes.ttl", format="turtle")


def validate(shapes, turtle):
    data = Graph().parse(data=turtle, format="turtle")
    conforms, results, text = pyshacl.validate(data, shacl_graph=shapes, inference="none")
    return conforms, results, text


def focus_nodes(results):
    return set(results.objects(None, SH.focusNode))


def assert_fails_at(shapes, turtle, node, message_part):
    conforms, results, text = validate(shapes, turtle)
    assert not conforms, "graph was expected to fail validation"
    assert node in focus_nodes(results), text
    local = str(node).rsplit("/", 1)[-1]
    assert local in text, text  # the report names the offending node
    assert message_part in text, text


# --- the ontology ------------------------------------------------------------


def test_both_files_parse(ontology, shapes):
    assert len(ontology) > 100
    assert len(shapes) > 100


def test_ontology_header(ontology):
    onto = URIRef("https://w3id.org/pingan-kg/ontology")
    assert (onto, RDF.type, OWL.Ontology) in ontology
    assert ontology.value(onto, OWL.versionInfo) == Literal("0.1.0")
    dct = Namespace("http://purl.org/dc/terms/")
    assert ontology.value(onto, dct.license) == URIRef("https://creativecommons.org/licenses/by/4.0/")
    assert ontology.value(onto, dct.title) is not None
    assert ontology.value(onto, dct.description) is not None


def pk_terms(ontology):
    kinds = [OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, RDF.Property]
    return {s for k in kinds for s in ontology.subjects(RDF.type, k)
            if isinstance(s, URIRef) and s.startswith(str(PK))}


def test_spec_terms_are_declared(ontology):
    terms = pk_terms(ontology)
    expected = set(ENTITY_CLASSES) | set(RELATIONS) | {
        PK.Document, PK.mentionedIn, PK.evidence, PK.inDocument,
        PK.charStart, PK.charEnd, PK.title, PK.source,
    }
    assert expected <= terms, expected - terms
    for prop in expected - {PK.Document, *ENTITY_CLASSES}:
        assert ontology.value(prop, RDFS.domain) is not None, prop
        assert ontology.value(prop, RDFS.range) is not None, prop


@pytest.mark.parametrize("pred", [RDFS.label, SKOS.definition, RDFS.comment])
def test_every_term_is_bilingual(ontology, pred):
    for term in pk_terms(ontology):
        langs = {o.language for o in ontology.objects(term, pred) if isinstance(o, Literal)}
        if pred == RDFS.comment and not langs:
            continue  # comments are optional, but never in one language only
        assert {"zh", "en"} <= langs, (term, pred, langs)


def test_entity_classes_are_pairwise_disjoint(ontology):
    members = set()
    for axiom in ontology.subjects(RDF.type, OWL.AllDisjointClasses):
        members |= set(ontology.items(ontology.value(axiom, OWL.members)))
    assert set(ENTITY_CLASSES) <= members
    assert (PK.Agency, RDFS.subClassOf, PK.Organization) not in ontology


def test_part_of_is_not_transitive(ontology):
    assert (PK.partOf, RDF.type, OWL.TransitiveProperty) not in ontology


def test_shapes_use_only_declared_terms(ontology, shapes):
    declared = pk_terms(ontology)
    used = {t for triple in shapes for t in triple
            if isinstance(t, URIRef) and t.startswith(str(PK))}
    assert used <= declared, used - declared


def test_every_shape_has_label_and_message(shapes):
    all_shapes = set(shapes.subjects(RDF.type, SH.NodeShape)) | set(shapes.subjects(SH.path, None))
    assert len(all_shapes) > 20
    for shape in all_shapes:
        assert shapes.value(shape, RDFS.label) is not None, shape
        sparql = list(shapes.objects(shape, SH.sparql))
        if sparql:  # the SPARQL constraint carries the (more specific) message
            assert all(shapes.value(c, SH.message) is not None for c in sparql), shape
        else:
            assert shapes.value(shape, SH.message) is not None, shape


def test_owl_rl_finds_valid_graph_consistent_and_double_type_not(ontology):
    """The disjointness axioms are what make a second entity type an error."""
    err = Namespace("http://www.daml.org/2002/03/agents/agent-ont#")  # owlrl's error vocabulary

    def errors(turtle):
        g = Graph()
        g += ontology
        g.parse(data=turtle, format="turtle")
        owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(g)
        return [str(m) for m in g.objects(None, err.error)]

    assert errors(VALID) == []
    found = errors(VALID + "\nex:psb a pk:Place .\n")
    assert any("Disjoint classes" in m and str(EX.psb) in m for m in found), found


# --- SHACL: the valid graph ----------------------------------------------------


def test_valid_graph_conforms(shapes):
    conforms, _, text = validate(shapes, VALID)
    assert conforms, text


def test_valid_graph_conforms_with_ontology_and_rdfs_inference(ontology, shapes):
    """The alignments add types and super-properties; none may break a shape."""
    data = Graph().parse(data=VALID, format="turtle")
    conforms, _, text = pyshacl.validate(
        data, shacl_graph=shapes, ont_graph=ontology, inference="rdfs"
    )
    assert conforms, text


def test_post_title_may_be_plain_or_zh_but_not_other_languages(shapes):
    assert validate(shapes, VALID.replace('pk:title "局长"', 'pk:title "局长"@zh'))[0]
    broken = VALID.replace('pk:title "局长"', 'pk:title "director"@en')
    assert_fails_at(shapes, broken, EX.ev2, "pk:title")


# --- SHACL: broken graphs ------------------------------------------------------


def test_two_labels_fail(shapes):
    broken = VALID + '\nex:guiyang rdfs:label "筑城"@zh .\n'
    assert_fails_at(shapes, broken, EX.guiyang, "exactly one non-empty rdfs:label")


def test_label_without_zh_tag_fails(shapes):
    broken = VALID.replace('rdfs:label "贵州省"@zh', 'rdfs:label "贵州省"')
    assert_fails_at(shapes, broken, EX.guizhou, "rdfs:label")


def test_missing_mentioned_in_fails(shapes):
    broken = VALID + '\nex:huaxi a pk:Place ; rdfs:label "花溪区"@zh .\n'
    assert_fails_at(shapes, broken, EX.huaxi, "pk:mentionedIn")


def test_implements_with_place_object_fails(shapes):
    broken = VALID + """
ex:psb pk:implements ex:guiyang .
ex:ev9 a rdf:Statement ;
    rdf:subject ex:psb ; rdf:predicate pk:implements ; rdf:object ex:guiyang ;
    pk:source "test" .
"""
    conforms, results, text = validate(shapes, broken)
    assert not conforms
    assert_fails_at(shapes, broken, EX.psb, "The object of pk:implements must be a pk:Program")
    values = {results.value(r, SH.value) for r in results.subjects(SH.focusNode, EX.psb)}
    assert EX.guiyang in values


def test_wrong_relation_subject_fails(shapes):
    broken = VALID + """
ex:xueliang pk:conducts ex:c1 .
ex:c1 a pk:Campaign ; rdfs:label "扫黑除恶专项斗争"@zh ; pk:mentionedIn ex:doc0 .
ex:ev9 a rdf:Statement ;
    rdf:subject ex:xueliang ; rdf:predicate pk:conducts ; rdf:object ex:c1 ;
    pk:source "test" .
"""
    assert_fails_at(shapes, broken, EX.xueliang, "The subject of pk:conducts")


def test_two_entity_types_fail(shapes):
    broken = VALID + "\nex:psb a pk:Place .\n"
    assert_fails_at(shapes, broken, EX.psb, "exactly one rdf:type")


def test_untyped_mention_fails(shapes):
    broken = VALID + '\nex:ghost rdfs:label "无名"@zh ; pk:mentionedIn ex:doc0 .\n'
    assert_fails_at(shapes, broken, EX.ghost, "exactly one rdf:type")


def test_evidence_without_text_or_source_fails(shapes):
    broken = VALID + """
ex:ev9 a rdf:Statement ;
    rdf:subject ex:guiyang ; rdf:predicate pk:partOf ; rdf:object ex:guizhou .
"""
    assert_fails_at(shapes, broken, EX.ev9, "either text evidence")


def test_evidence_with_both_text_and_source_fails(shapes):
    broken = VALID.replace('pk:charEnd 136 .', 'pk:charEnd 136 ; pk:source "行政区划表" .')
    assert_fails_at(shapes, broken, EX.ev1, "either text evidence")


def test_evidence_with_start_after_end_fails(shapes):
    broken = VALID.replace("pk:charStart 120", "pk:charStart 140")
    assert_fails_at(shapes, broken, EX.ev1, "pk:charStart")


def test_evidence_for_unasserted_triple_fails(shapes):
    broken = VALID + """
ex:ev9 a rdf:Statement ;
    rdf:subject ex:guizhou ; rdf:predicate pk:partOf ; rdf:object ex:guiyang ;
    pk:source "test" .
"""
    assert_fails_at(shapes, broken, EX.ev9, "not in the graph")


def test_relation_without_provenance_fails(shapes):
    broken = VALID + "\nex:guiyang pk:implements ex:xueliang .\n"
    assert_fails_at(shapes, broken, EX.guiyang, "has no rdf:Statement")


def test_document_without_identifier_fails(shapes):
    broken = VALID.replace('dcterms:identifier "000_eb056a28697506d6.txt" ;', "")
    assert_fails_at(shapes, broken, EX.doc0, "dcterms:identifier")
