"""The OWL ontology and the SHACL shapes: they parse, say what they align to, and are consistent
under an OWL 2 RL closure (owlrl), which does report a contradiction when there is one."""
from __future__ import annotations

import owlrl
import pytest
from rdflib import OWL, RDF, RDFS, BNode, Graph, Literal, Namespace, URIRef
from rdflib import namespace as ns

from policykg.ontology.rdf import (DCTERMS, ELI, ORG, PKG, PROV, SKOS, iri, ontology_graph,
                                   shapes_graph, to_rdf)

SH = Namespace("http://www.w3.org/ns/shacl#")
OWLRL_ERRORS = Namespace("http://www.daml.org/2002/03/agents/agent-ont#")  # owlrl's error triples


def owl_rl_problems(g: Graph) -> list[str]:
    """Expand g with the OWL 2 RL rules and list what owlrl reports as inconsistent: its error
    messages (owlrl adds them as triples) and any individual of type owl:Nothing."""
    closure = Graph()
    for t in g:
        closure.add(t)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(closure)
    problems = [str(closure.value(m, OWLRL_ERRORS.error))
                for m in closure.subjects(RDF.type, OWLRL_ERRORS.ErrorMessage)]
    problems += [f"{s} is of type owl:Nothing" for s in closure.subjects(RDF.type, OWL.Nothing)]
    return problems


def pkg_terms(g: Graph, kind) -> set:
    return {s for s in g.subjects(RDF.type, kind) if isinstance(s, URIRef) and str(s).startswith(str(PKG))}


def test_ontology_parses_and_is_an_owl_ontology():
    g = ontology_graph()
    assert (URIRef("https://w3id.org/policykg/ontology"), RDF.type, OWL.Ontology) in g
    for cls in ("Document", "Directive", "Task", "Agency", "Assignment", "ImplementationLink"):
        assert (PKG[cls], RDF.type, OWL.Class) in g


def test_every_term_has_chinese_and_english_label_and_comment():
    g = ontology_graph()
    terms = set()
    for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty,
                 OWL.NamedIndividual):
        terms |= pkg_terms(g, kind)
    assert len(terms) > 40
    missing = []
    for term in sorted(terms):
        for prop in (RDFS.label, RDFS.comment):
            langs = {o.language for o in g.objects(term, prop) if isinstance(o, Literal)}
            if not {"zh", "en"} <= langs:
                missing.append(f"{term} {prop}: {sorted(x or '' for x in langs)}")
    assert not missing, missing


@pytest.mark.parametrize("term, relation, target", [
    (PKG.OfficialDocument, RDFS.subClassOf, ELI.LegalResource),
    (PKG.Task, RDFS.subClassOf, ELI.LegalResourceSubdivision),
    (PKG.Agency, RDFS.subClassOf, ORG.Organization),
    (PKG.QualifiedLink, RDFS.subClassOf, PROV.Entity),
    (PKG.number, RDFS.subPropertyOf, ELI.id_local),
    (PKG.date, RDFS.subPropertyOf, ELI.date_document),
    (PKG.title, RDFS.subPropertyOf, DCTERMS.title),
    (PKG.issuedBy, RDFS.subPropertyOf, ELI.passed_by),
    (PKG.implements, RDFS.subPropertyOf, ELI.ensures_implementation_of),
    (PKG.implements, RDFS.subPropertyOf, ELI.cites),
    (PKG.forwards, RDFS.subPropertyOf, ELI.cites),
    (PKG.partOf, RDFS.subPropertyOf, DCTERMS.isPartOf),
    (PKG.partOf, RDFS.subPropertyOf, ELI.is_part_of),
    (PKG.responsibleAgency, RDFS.subPropertyOf, ELI.responsibility_of_agent),
    (PKG.leadAgency, OWL.inverseOf, PKG.leads),
    (PKG.cooperatingAgency, OWL.inverseOf, PKG.cooperatesOn),
    (PKG.evidence, RDFS.subPropertyOf, PROV.value),
    (PKG.name, RDFS.subPropertyOf, SKOS.prefLabel),
    (PKG.alias, RDFS.subPropertyOf, SKOS.altLabel),
    (PKG.date, RDFS.range, ns.XSD.date),
    (PKG.order, RDFS.range, ns.XSD.integer),
])
def test_alignment_axiom(term, relation, target):
    assert (term, relation, target) in ontology_graph()


def test_deprecated_eli_implements_is_not_used():
    g = ontology_graph()
    assert not any(ELI.implements in t for t in g)


def test_ontology_alone_is_consistent_under_owl_rl():
    assert owl_rl_problems(ontology_graph()) == []


def test_owl_rl_check_reports_a_contradiction():
    """The consistency check can fail: a document that leads a task is, by the domain of
    pkg:leads, an agency too, and documents and agencies are disjoint; a date that is no date
    breaks its datatype."""
    g = ontology_graph()
    doc, task = iri("doc:测〔2020〕1号"), iri("task:测〔2020〕1号#1")
    g.add((doc, RDF.type, PKG.Document))
    g.add((task, RDF.type, PKG.Task))
    g.add((doc, PKG.leads, task))
    g.add((task, PKG.due, Literal("2020-02-30", datatype=ns.XSD.date)))
    problems = owl_rl_problems(g)
    assert any("disjoint" in p.lower() for p in problems), problems
    assert any("2020-02-30" in p for p in problems), problems


def test_two_roles_are_different_individuals():
    g = ontology_graph()
    g.add((PKG.LeadRole, OWL.sameAs, PKG.CooperateRole))
    assert owl_rl_problems(g), "owl:AllDifferent on the roles should clash with owl:sameAs"


def test_export_of_the_samples_is_consistent_with_the_ontology(sample_store):
    g = ontology_graph() + to_rdf(sample_store.nodes(), sample_store.relationships())
    assert owl_rl_problems(g) == []


def test_shapes_parse_and_every_named_property_shape_is_used():
    shapes = shapes_graph()
    named = {s for s in shapes.subjects(RDF.type, SH.PropertyShape)}
    assert len(named) >= 15
    used = set(shapes.objects(None, SH.property))
    assert named <= used, named - used
    assert set(shapes.subjects(RDF.type, SH.NodeShape)) >= {
        URIRef("https://w3id.org/policykg/shapes#" + n)
        for n in ("OfficialDocumentShape", "DocumentShape", "TaskShape", "AgencyShape",
                  "AssignmentShape", "ImplementationLinkShape")}


def test_number_pattern_in_shapes_is_the_canonical_one():
    import re

    from policykg.numbers import canonicalize

    shapes = shapes_graph()
    pattern = str(shapes.value(URIRef("https://w3id.org/policykg/shapes#DocumentNumber"), SH.pattern))
    # what canonicalize writes conforms: a 发文字号, or an order's or announcement's printed number
    for written in ("国办发[2018]83号", "吉医改发 [2021] 1号", "国务院令 第350号", "北京市人民政府第307号令",
                    "银监会令〔2010〕年第2号", "财政部 税务总局公告2023年第28号"):
        assert re.match(pattern, canonicalize(written)), written
    for bad in ("吉医改发 [2021] 1号", "国办发〔18〕83号", "国办发〔2018〕083号", "〔2018〕83号", "第350号",
                "国务院令第0350号"):
        assert not re.match(pattern, bad), bad


def test_blank_node_free_terms():
    """Terms others will reuse are named (blank nodes only in OWL list/axiom plumbing)."""
    g = ontology_graph()
    for s in g.subjects(RDFS.label, None):
        assert not isinstance(s, BNode)
