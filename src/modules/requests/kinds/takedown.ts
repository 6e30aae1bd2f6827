import { z } from 'zod';
import { close, either, indicatorRef, recipient, text, withdraw } from './fields.js';
import type { KindDefinition } from './kind.js';

/** Take a URL, domain, page, handle or number down: to a registrar, host, platform or telco. */
export const takedown: KindDefinition = {
  kind: 'takedown',
  title: 'Takedown',
  fields: {
    target: indicatorRef.optional(),
    targetType: z.enum(['url', 'domain', 'page', 'handle', 'number', 'app', 'wallet-listing']).optional(),
    action: z.enum(['suspend', 'remove', 'block', 'terminate-number']).optional(),
    evidenceSummary: text().optional().describe('What shows the target is a scam; attach screenshots as attachments.'),
  },
  required: [
    { field: 'target', why: 'what to take down' },
    { field: 'evidenceSummary', why: 'abuse desks act on evidence, not on assertions' },
  ],
  defaultBasis: { '*': 'abuse-policy' },
  moves: {
    sent: { acknowledged: recipient(), taken_down: recipient(), rejected: recipient('ground'), withdrawn: withdraw },
    acknowledged: { taken_down: recipient(), rejected: recipient('ground'), withdrawn: withdraw },
    // Taken down wrongly: put back, with the reason.
    taken_down: { restored: either('reason'), ...close },
    restored: close,
    rejected: close,
    withdrawn: {},
    closed: {},
  },
  acted: ['taken_down', 'rejected'],
};
