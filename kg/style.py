"""How entity types look wherever the graph is drawn (overview picture, HTML page, Gephi's GEXF):
one colour per type, the same everywhere."""

from kg.vocabulary import EntityType

TYPE_COLOURS = {
    EntityType.AGENCY: "#d62728",
    EntityType.ORGANIZATION: "#9467bd",
    EntityType.PROGRAM: "#1f77b4",
    EntityType.CAMPAIGN: "#ff7f0e",
    EntityType.PLACE: "#2ca02c",
    EntityType.PERSON: "#8c564b",
}
