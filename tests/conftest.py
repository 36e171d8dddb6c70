import os

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


@pytest.fixture(scope="session", autouse=True)
def _cache_key_of_the_test_run(tmp_path_factory):
    """Builds under test sign their cache with a key of this run (and command-line builds
    started by tests inherit it), never touching the user's ``~/.cache``."""
    before = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("xdg-cache"))
    yield
    if before is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = before
