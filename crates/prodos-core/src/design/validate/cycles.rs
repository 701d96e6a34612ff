//! Cycle detection for the two graphs in a design: the BOM parent chain and the build sequence.
//! A cycle makes a design unbuildable, and the message must name it so the designer can break it.

use super::{DesignProblem, SpecPath};
use crate::design::spec::DesignSpec;
use petgraph::algo::tarjan_scc;
use petgraph::graph::{DiGraph, NodeIndex};
use std::collections::{HashMap, VecDeque};

/// Modules whose parent chain loops back on itself, e.g. `cycle in BOM parent chain: a → b → a`
/// (each arrow points from a module to its parent). Reported at the cycle's first module in spec
/// order, field `parent`.
pub(super) fn bom_cycles(spec: &DesignSpec) -> Vec<DesignProblem> {
    let index_of = first_index_by_id(spec.modules.iter().map(|module| module.id.as_str()));
    let mut edges = Vec::new();
    for (module_idx, module) in spec.modules.iter().enumerate() {
        if let Some(parent_idx) = module.parent.as_deref().and_then(|parent| index_of.get(parent)) {
            edges.push((module_idx, *parent_idx));
        }
    }
    find_cycles(spec.modules.len(), &edges)
        .into_iter()
        .map(|cycle| {
            let names: Vec<&str> = cycle.iter().map(|idx| spec.modules[*idx].id.as_str()).collect();
            DesignProblem::new(
                SpecPath::Module(names[0].to_string()),
                "parent",
                format!("cycle in BOM parent chain: {}", names.join(" → ")),
            )
        })
        .collect()
}

/// Operations that (transitively) wait for themselves, e.g.
/// `cycle in build sequence: brace-top → glue-top → brace-top` (each arrow points from an operation
/// to one that comes after it). Reported at the cycle's first operation in spec order, field
/// `after`. An operation listing itself is reported by the field checks, not here.
pub(super) fn sequence_cycles(spec: &DesignSpec) -> Vec<DesignProblem> {
    let index_of = first_index_by_id(spec.operations.iter().map(|operation| operation.id.as_str()));
    let mut edges = Vec::new();
    for (operation_idx, operation) in spec.operations.iter().enumerate() {
        for link in &operation.after {
            match index_of.get(link.operation.as_str()) {
                Some(predecessor_idx) if *predecessor_idx != operation_idx => {
                    edges.push((*predecessor_idx, operation_idx))
                }
                _ => {}
            }
        }
    }
    find_cycles(spec.operations.len(), &edges)
        .into_iter()
        .map(|cycle| {
            let names: Vec<&str> = cycle.iter().map(|idx| spec.operations[*idx].id.as_str()).collect();
            DesignProblem::new(
                SpecPath::Operation(names[0].to_string()),
                "after",
                format!("cycle in build sequence: {}", names.join(" → ")),
            )
        })
        .collect()
}

/// Later duplicates are ignored here: `validate` reports them, and edges must point somewhere.
fn first_index_by_id<'a>(ids: impl Iterator<Item = &'a str>) -> HashMap<&'a str, usize> {
    let mut index_of = HashMap::new();
    for (idx, id) in ids.enumerate() {
        index_of.entry(id).or_insert(idx);
    }
    index_of
}

/// One shortest cycle per strongly connected component, as item indices starting and ending at
/// the component's lowest index, components ordered by that index so output is deterministic.
fn find_cycles(n_nodes: usize, edges: &[(usize, usize)]) -> Vec<Vec<usize>> {
    let mut graph = DiGraph::<usize, ()>::with_capacity(n_nodes, edges.len());
    for idx in 0..n_nodes {
        graph.add_node(idx);
    }
    for (from, to) in edges {
        graph.add_edge(NodeIndex::new(*from), NodeIndex::new(*to), ());
    }
    let mut cycles: Vec<Vec<usize>> = tarjan_scc(&graph)
        .into_iter()
        .filter(|component| component.len() > 1 || graph.contains_edge(component[0], component[0]))
        .map(|component| shortest_cycle_through_lowest(&graph, &component))
        .collect();
    cycles.sort();
    cycles
}

/// Breadth-first search from the component's lowest node back to itself, staying inside it.
fn shortest_cycle_through_lowest(graph: &DiGraph<usize, ()>, component: &[NodeIndex]) -> Vec<usize> {
    let start = *component.iter().min().expect("components are never empty");
    let mut came_from: HashMap<NodeIndex, NodeIndex> = HashMap::new();
    let mut queue = VecDeque::from([start]);
    while let Some(node) = queue.pop_front() {
        let mut successors: Vec<NodeIndex> = graph.neighbors(node).filter(|next| component.contains(next)).collect();
        successors.sort();
        for next in successors {
            if next == start {
                return path_back_to(start, node, &came_from);
            }
            if let std::collections::hash_map::Entry::Vacant(entry) = came_from.entry(next) {
                entry.insert(node);
                queue.push_back(next);
            }
        }
    }
    unreachable!("a strongly connected component always has a cycle through each of its nodes")
}

/// `start → … → last → start`, walking the search tree back from `last`.
fn path_back_to(start: NodeIndex, last: NodeIndex, came_from: &HashMap<NodeIndex, NodeIndex>) -> Vec<usize> {
    let mut reversed = vec![start.index()];
    let mut walk = last;
    while walk != start {
        reversed.push(walk.index());
        walk = came_from[&walk];
    }
    reversed.push(start.index());
    reversed.reverse();
    reversed
}
