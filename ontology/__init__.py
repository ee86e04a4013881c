"""OWL ontology, SHACL shapes and the RDF export."""
