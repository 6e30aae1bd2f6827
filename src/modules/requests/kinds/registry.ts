import { emergencyDisclosure } from './emergency-disclosure.js';
import { information } from './information.js';
import type { KindDefinition, RequestKind } from './kind.js';
import { mla } from './mla.js';
import { paymentIntervention } from './payment-intervention.js';
import { preservation } from './preservation.js';
import { redress } from './redress.js';
import { takedown } from './takedown.js';
import { trafficDisclosure } from './traffic-disclosure.js';

/** Every request kind, registered once: schemas, routes, clocks and forms read from here. */
export const KIND_DEFINITIONS: Readonly<Record<RequestKind, KindDefinition>> = {
  'payment-intervention': paymentIntervention,
  preservation,
  'traffic-disclosure': trafficDisclosure,
  information,
  mla,
  'emergency-disclosure': emergencyDisclosure,
  takedown,
  redress,
};

export function definitionOf(kind: string): KindDefinition {
  const def = (KIND_DEFINITIONS as Record<string, KindDefinition | undefined>)[kind];
  if (!def) throw new Error(`unknown request kind ${kind}`);
  return def;
}
