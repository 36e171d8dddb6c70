"""The trained name tagger: training from the annotated corpora, the shipped weights, decoding."""

import socket
from pathlib import Path

import numpy
import pytest

from kg.nlp.records import Candidate
from kg.nlp.tagger import CharTagger, decode, shipped_tagger, words_of

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "ner"


@pytest.fixture(scope="module")
def small_model(tmp_path_factory):
    """A model trained in seconds on a sample of every corpus: the training code never rots."""
    if not DATA.is_dir():
        pytest.skip(f"no annotated corpora at {DATA}")
    from kg.train import main

    out = tmp_path_factory.mktemp("model") / "ner.npz"
    assert main(["--data", str(DATA), "--out", str(out), "--sample", "300", "--bits", "16", "--epochs", "3", "--no-eval"]) == 0
    return out


def test_training_on_a_sample_gives_a_loadable_model_that_finds_names(small_model):
    tagger = CharTagger.load(small_model)
    assert tagger.labels[0] == "O" and tagger.bits == 16
    text = "新华社北京电，国务院总理在人民大会堂会见了来访的客人。"
    spans = tagger.spans(text, words_of(text))
    assert all(0 <= s.start < s.end <= len(text) and 0.0 <= s.score <= 1.0 for s in spans)


def test_training_is_deterministic_given_the_seed(small_model, tmp_path):
    from kg.train import main

    again = tmp_path / "again.npz"
    main(["--data", str(DATA), "--out", str(again), "--sample", "300", "--bits", "16", "--epochs", "3", "--no-eval"])
    with numpy.load(small_model) as a, numpy.load(again) as b:
        assert numpy.array_equal(a["weights"], b["weights"])


def test_label_mapping_covers_every_label_of_each_corpus():
    if not DATA.is_dir():
        pytest.skip(f"no annotated corpora at {DATA}")
    from kg.train import FILES, read_corpus

    for corpus in FILES:  # an unmapped label raises
        assert next(iter(read_corpus(DATA, corpus))).text


def test_shipped_model_loads_from_the_package_without_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the model tried to open a network connection")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    shipped_tagger.cache_clear()
    tagger = shipped_tagger()
    assert tagger.bits >= 16 and set(tagger.labels) == {"O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG"}


def test_shipped_weights_are_plain_arrays_loaded_without_pickle():
    from importlib import resources

    with resources.as_file(resources.files("kg.models") / "ner-zh.npz") as path:
        assert path.stat().st_size <= 30 * 2**20
        with numpy.load(path, allow_pickle=False) as data:
            assert data["weights"].dtype == numpy.float16


def test_shipped_model_finds_a_person_a_place_and_an_organisation():
    tagger = shipped_tagger()
    text = "村民王建国说，他去年在北京大学读书，常去东京旅游。"
    found = {(text[s.start:s.end], s.label) for s in tagger.spans(text, words_of(text))}
    assert ("王建国", "PER") in found
    assert ("北京大学", "ORG") in found
    assert ("东京", "LOC") in found


def test_viterbi_never_opens_a_name_with_an_inside_tag():
    labels = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG"]
    tagger = CharTagger(numpy.zeros((16, 7), numpy.float32), labels, [], 4, margin=100.0)
    rows = [[0, 0, 5, 0, 0, 0, 0], [0, 0, 5, 0, 0, 0, 0], [3, 0, 0, 0, 0, 0, 0]]
    path = tagger._viterbi(rows)
    assert labels[path[0]] != "I-PER"  # greedy would open with I-PER
    assert [labels[i] for i in path] == ["B-PER", "I-PER", "O"]


def test_decode_splits_names_at_a_new_type_and_at_gaps():
    spans = decode(["B-PER", "I-PER", "I-LOC", "B-ORG"], [1.0, 0.5, 1.0, 1.0], [3, 4, 5, 9])
    assert [(s.start, s.end, s.label) for s in spans] == [(3, 5, "PER"), (5, 6, "LOC"), (9, 10, "ORG")]
    assert spans[0].score == 0.75


def test_weights_that_do_not_fit_are_refused():
    with pytest.raises(ValueError):
        CharTagger(numpy.zeros((8, 7), numpy.float32), ["O"] * 7, [], 4)


def test_model_names_only_fill_the_gaps_the_rules_leave():
    from kg.nlp.components import rules_then_model

    rule = Candidate(0, 6, "Agency", "agency-place")
    longer_model = Candidate(0, 8, "Organization", "model")
    apart = Candidate(10, 13, "Person", "model")
    chosen = rules_then_model([rule, longer_model, apart])
    assert chosen == [rule, apart]


def test_longest_first_policy_lets_any_proposer_win_by_length():
    from kg.nlp.components import select_candidates

    rule = Candidate(0, 6, "Agency", "agency-place")
    longer_model = Candidate(0, 8, "Organization", "model")
    assert select_candidates([rule, longer_model]) == [longer_model]


def test_overlap_policy_is_a_registered_replaceable_function():
    from spacy.util import registry

    from kg.nlp.components import rules_then_model, select_candidates

    assert registry.misc.get("kg.rules_then_model.v1")() is rules_then_model
    assert registry.misc.get("kg.longest_first.v1")() is select_candidates
