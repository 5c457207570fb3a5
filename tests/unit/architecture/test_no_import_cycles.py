"""No import cycle among the modules of ``marketplace``: the layers contract cannot see a cycle inside one
layer (or one package), and a cycle hidden behind an in-function import is still a cycle. grimp's graph
includes imports inside functions and ``TYPE_CHECKING`` blocks, so they count here too."""

from __future__ import annotations

from collections import deque

import grimp


def _strongly_connected(graph: grimp.ImportGraph) -> list[list[str]]:
    """Tarjan's algorithm, iterative (the graph has hundreds of modules)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []
    counter = 0
    for root in sorted(graph.modules):
        if root in index:
            continue
        work = [(root, iter(sorted(graph.find_modules_directly_imported_by(root))))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.find_modules_directly_imported_by(child)))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                components.append(sorted(component))
    return components


def _one_cycle(graph: grimp.ImportGraph, component: list[str]) -> list[str]:
    """A shortest path from the component's first module back to itself, each step with its line."""
    members, start = set(component), component[0]
    previous: dict[str, str] = {}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for child in sorted(graph.find_modules_directly_imported_by(node) & members):
            if child == start:
                path = [node]
                while path[-1] != start:
                    path.append(previous[path[-1]])
                path.reverse()
                steps = []
                for importer, imported in zip(path, [*path[1:], start], strict=True):
                    lines = sorted(d["line_number"] for d in graph.get_import_details(importer=importer,
                                                                                       imported=imported))
                    steps.append(f"{importer} -> {imported} (line {', '.join(map(str, lines))})")
                return steps
            if child not in previous:
                previous[child] = node
                queue.append(child)
    return []


def test_no_module_of_marketplace_is_in_an_import_cycle():
    graph = grimp.build_graph("marketplace", include_external_packages=False)
    cycles = [c for c in _strongly_connected(graph) if len(c) > 1]
    report = "\n\n".join(f"{len(c)} modules in a cycle: {', '.join(c)}\n  e.g. " + "\n  ".join(_one_cycle(graph, c))
                         for c in cycles)
    assert not cycles, report
