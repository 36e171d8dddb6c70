"""The graph's vocabulary: the entity types and the predicates, one enumeration each.

Their values are the local names of the ontology's classes and properties (``pk:Agency``,
``pk:implements``, see ``ontology/pingan.ttl``), so a member is also the string every file and
query writes; tests check that the two agree.
"""

from __future__ import annotations

from enum import StrEnum


class EntityType(StrEnum):
    AGENCY = "Agency"
    ORGANIZATION = "Organization"
    PROGRAM = "Program"
    CAMPAIGN = "Campaign"
    PLACE = "Place"
    PERSON = "Person"


class Predicate(StrEnum):
    PART_OF = "partOf"
    LOCATED_IN = "locatedIn"
    SUB_ORGANIZATION_OF = "subOrganizationOf"
    IMPLEMENTS = "implements"
    CONDUCTS = "conducts"
    HOLDS_POST = "holdsPost"
