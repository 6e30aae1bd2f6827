import type { RequestKind } from '../kinds/kind.js';
import { disclosureEffects } from './disclosure.effects.js';
import type { KindEffect } from './effect.js';
import { paymentEffects } from './payment.effects.js';
import { preservationEffects } from './preservation.effects.js';
import { redressEffects } from './redress.effects.js';

/** What each kind does beyond changing state; kinds without an entry only move and stamp clocks. */
export const KIND_EFFECTS: Partial<Record<RequestKind, KindEffect>> = {
  'payment-intervention': paymentEffects,
  preservation: preservationEffects,
  'traffic-disclosure': disclosureEffects,
  redress: redressEffects,
};
