"""pingan-kg: a knowledge-graph builder for Chinese text about public security and social governance."""

__version__ = "0.1.0"
