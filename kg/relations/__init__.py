"""Relations between resolved entities, each with the sentence it was read from or the
background knowledge it comes from. One reader per kind of evidence."""

from kg.relations.actors import ActorReader
from kg.relations.model import PREDICATES, Relation
from kg.relations.posts import PostReader
from kg.relations.structural import DIVISION_SOURCE, NameReader, relations_from_table

__all__ = ["ActorReader", "DIVISION_SOURCE", "NameReader", "PREDICATES", "PostReader", "Relation",
           "relations_from_table"]
