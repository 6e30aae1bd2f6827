import { authorize, type Principal } from '../policy/policy.js';
import { canSee } from '../policy/visibility.js';
import type { NetworkGraph } from './network-graph.js';
import { type GraphView, WHOLE_GRAPH } from './network-stats.js';

/** May this principal read networks at all? Asked before the engine is even loaded. */
export function authorizeNetworks(principal: Principal): void {
  authorize(principal, 'network:read');
}

/**
 * The one place where networks meet the policy: which reports and sighting links a principal's
 * network answers may be computed from. Every network read (lists, details, neighbourhoods,
 * paths, hubs, exports) asks here first, and the engine computes over what is admitted only.
 *
 * The policy's `canSee` is asked once per distinct marking (owner × TLP × audience × groups) the
 * graph holds, not once per report. The view's key is the set of markings hidden from the
 * principal: principals who are hidden the same things share one computation, and those who
 * are hidden nothing get the whole graph's, kept incrementally.
 *
 * @example
 * networkViewFor(memberAnalyst, graphWithOnlyGreenReports) // → WHOLE_GRAPH
 * networkViewFor(otherBank, graphWithOneAmberStrictReport) // → { key: 'hidden:3', all: false, … }
 */
export function networkViewFor(principal: Principal, graph: NetworkGraph): GraphView {
  authorizeNetworks(principal);
  const sees = new Uint8Array(graph.markings.length);
  const hidden: number[] = [];
  graph.markings.forEach((marking, m) => {
    if (canSee(principal, marking)) sees[m] = 1;
    else if (graph.markingUse[m] > 0) hidden.push(m);
  });
  if (hidden.length === 0) return WHOLE_GRAPH;
  return {
    key: `hidden:${hidden.join(',')}`,
    all: false,
    // A marking interned after this view was made is unknown to it, so hidden.
    admits: (r) => sees[graph.reportMarking[r]] === 1,
    admitsLink: (l) => sees[graph.linkMarking[l]] === 1,
  };
}
