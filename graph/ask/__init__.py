"""govkg ask: questions in Chinese answered from the graph, with the evidence behind each answer."""
