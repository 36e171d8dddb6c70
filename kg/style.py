"""How entity types look wherever the graph is drawn (overview picture, HTML page, Gephi's GEXF):
one colour per type, the same everywhere."""

TYPE_COLOURS = {
    "Agency": "#d62728",
    "Organization": "#9467bd",
    "Program": "#1f77b4",
    "Campaign": "#ff7f0e",
    "Place": "#2ca02c",
    "Person": "#8c564b",
}
