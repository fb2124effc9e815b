/**
 * A flow graph's edges in typed arrays that grow as edges are added: edge k < length goes
 * from[k] -> to[k] with capacity cap[k]. The flows used to gather them in plain arrays, one
 * push per field and edge, which with the copies maxFlow made cost the slot flow about as much
 * as its max flow did.
 */
export interface FlowEdges {
  from: Int32Array;
  to: Int32Array;
  cap: Float64Array;
  length: number;
}

/** An empty edge list with room for `room` edges (it grows past them). */
export function flowEdges(room = 1024): FlowEdges {
  const n = Math.max(16, room);
  return { from: new Int32Array(n), to: new Int32Array(n), cap: new Float64Array(n), length: 0 };
}

/** Adds edge a -> b of capacity c; returns its index. */
export function addEdge(edges: FlowEdges, a: number, b: number, c: number): number {
  const k = edges.length;
  if (k === edges.from.length) {
    const n = 2 * k;
    const from = new Int32Array(n);
    const to = new Int32Array(n);
    const cap = new Float64Array(n);
    from.set(edges.from);
    to.set(edges.to);
    cap.set(edges.cap);
    edges.from = from;
    edges.to = to;
    edges.cap = cap;
  }
  edges.from[k] = a;
  edges.to[k] = b;
  edges.cap[k] = c;
  edges.length = k + 1;
  return k;
}

/** A flow graph's residual arcs: arc 2k is edge k forward, 2k+1 its reverse; head/next list each node's arcs. */
interface ResidualArcs {
  head: Int32Array;
  next: Int32Array;
  dest: Int32Array;
  rest: Float64Array;
}

/**
 * Maximum flow (Dinic) on a small graph given as an edge list; used by the flow bounds.
 * Nodes are 0..nodes-1. `initial`, when given, is a feasible flow to start from (flow per edge,
 * conserved at every node but the source and sink): a flow already near the maximum leaves
 * only a few augmenting paths to find.
 *
 * Each loop that runs once over the whole graph is a function of its own: V8 compiled a loop
 * of one function (OSR) before the code after it had ever run, then threw that code away
 * there, three compilations of maxFlow a `mse schedule`.
 */
export function maxFlow(nodes: number, edges: FlowEdges, source: number, sink: number, initial?: Float64Array): number {
  const { head, next, dest, rest } = residualArcs(nodes, edges, initial);
  const level = new Int32Array(nodes);
  const iter = new Int32Array(nodes);
  const queue = new Int32Array(nodes);
  let flow = initial ? initialFlow(edges, source, initial) : 0;
  for (;;) {
    if (!levelGraph(source, sink, head, next, dest, rest, level, queue)) return flow;
    iter.set(head);
    for (;;) {
      const pushed = augment(source, sink, Infinity, level, iter, next, dest, rest);
      if (pushed <= 0) break;
      flow += pushed;
    }
  }
}

/** The residual arcs of `edges` with `initial` flowing (none when absent). */
function residualArcs(nodes: number, edges: FlowEdges, initial: Float64Array | undefined): ResidualArcs {
  const { from, to, cap } = edges;
  const m = edges.length;
  const head = new Int32Array(nodes).fill(-1);
  const next = new Int32Array(2 * m);
  const dest = new Int32Array(2 * m);
  const rest = new Float64Array(2 * m);
  for (let k = 0; k < m; k++) {
    const f = initial ? initial[k] : 0;
    dest[2 * k] = to[k];
    rest[2 * k] = cap[k] - f;
    next[2 * k] = head[from[k]];
    head[from[k]] = 2 * k;
    dest[2 * k + 1] = from[k];
    rest[2 * k + 1] = f;
    next[2 * k + 1] = head[to[k]];
    head[to[k]] = 2 * k + 1;
  }
  return { head, next, dest, rest };
}

/** What `initial` carries out of the source. */
function initialFlow(edges: FlowEdges, source: number, initial: Float64Array): number {
  let flow = 0;
  for (let k = 0; k < edges.length; k++) if (edges.from[k] === source) flow += initial[k];
  return flow;
}

/**
 * Dinic's breadth-first phase: each node's distance from the source over arcs with room left
 * (-1 when out of reach) into `level`; false when the sink is out of reach (the flow is maximal).
 */
function levelGraph(
  source: number,
  sink: number,
  head: Int32Array,
  next: Int32Array,
  dest: Int32Array,
  rest: Float64Array,
  level: Int32Array,
  queue: Int32Array,
): boolean {
  level.fill(-1);
  level[source] = 0;
  let qh = 0;
  let qt = 0;
  queue[qt++] = source;
  // Nodes at the sink's distance or beyond lie on no shortest path: the search stops there
  // (from a roster's flow, most of the graph is reachable and each phase walked all of it).
  while (qh < qt) {
    const v = queue[qh++];
    if (level[sink] >= 0 && level[v] >= level[sink]) break;
    for (let a = head[v]; a >= 0; a = next[a]) {
      if (rest[a] > 0 && level[dest[a]] < 0) {
        level[dest[a]] = level[v] + 1;
        queue[qt++] = dest[a];
      }
    }
  }
  return level[sink] >= 0;
}

function augment(
  v: number,
  sink: number,
  limit: number,
  level: Int32Array,
  iter: Int32Array,
  next: Int32Array,
  dest: Int32Array,
  rest: Float64Array,
): number {
  if (v === sink) return limit;
  for (; iter[v] >= 0; iter[v] = next[iter[v]]) {
    const a = iter[v];
    const w = dest[a];
    if (rest[a] <= 0 || level[w] !== level[v] + 1) continue;
    const pushed = augment(w, sink, Math.min(limit, rest[a]), level, iter, next, dest, rest);
    if (pushed > 0) {
      rest[a] -= pushed;
      rest[a ^ 1] += pushed;
      return pushed;
    }
  }
  return 0;
}
