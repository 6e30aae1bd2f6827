import { authorize, type Principal } from '../policy/policy.js';
import { type GraphView, WHOLE_GRAPH } from './network-stats.js';

/**
 * The one place where networks meet the policy: which reports a principal's network answers may
 * be computed from. Every network read (lists, details, neighbourhoods, paths, hubs, exports)
 * asks here first. Until reports carry markings every principal allowed to read networks sees
 * every report; when the policy module gains its report filter, it is applied here and the
 * engine computes that principal's networks over the admitted reports only.
 */
export function networkViewFor(principal: Principal): GraphView {
  authorize(principal, 'network:read');
  return WHOLE_GRAPH;
}
