import pytest

from kg.lexicon import load_lexicon
from kg.nlp.pipeline import build_nlp
from kg.resolve import Resolver


@pytest.fixture(scope="session")
def lexicon():
    return load_lexicon()


@pytest.fixture(scope="session")
def nlp():
    return build_nlp()


@pytest.fixture(scope="session")
def resolver(lexicon):
    return Resolver(lexicon)


@pytest.fixture(scope="session")
def entities_of(nlp, resolver):
    """text -> {(type, canonical label)} after recognition and resolution."""
    from kg.corpus import Document
    from kg.nlp.pipeline import extract

    def run(text: str, place: str | None = None) -> set[tuple[str, str]]:
        extracted = next(extract(nlp, [Document(id="t.txt", text=text, place=place)]))
        return {(m.entity.type, m.entity.label) for m in resolver.resolve(extracted).mentions}

    return run
