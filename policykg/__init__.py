"""policykg: a knowledge graph of Chinese policy documents."""

__version__ = "0.1.0"
