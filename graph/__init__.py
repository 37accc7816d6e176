"""govkg: a knowledge graph of Chinese government services, built from news articles."""
__version__ = "0.1.0"
