import type { Transporter } from 'nodemailer';
import type { RequestNotice } from './outbox.js';

/** SMTP comes from FRAUDX_SMTP_URL (smtp://user:pass@host:port); without it no e-mail is queued. */
export function smtpConfigured(): boolean {
  return Boolean(process.env.FRAUDX_SMTP_URL);
}

const transports = new Map<string, Transporter>();

// nodemailer is loaded with the first e-mail: every command (an import, say) would otherwise load
// its forty modules at start.
async function transport(): Promise<Transporter> {
  const url = process.env.FRAUDX_SMTP_URL;
  if (!url) throw new Error('FRAUDX_SMTP_URL is not set');
  let t = transports.get(url);
  if (!t) {
    const { default: nodemailer } = await import('nodemailer');
    t = nodemailer.createTransport(url);
    transports.set(url, t);
  }
  return t;
}

const EVENT_WORDS: Record<RequestNotice['event'], string> = {
  'request.created': 'New request',
  'request.transition': 'Request moved',
  'request.alert': 'Clock alert',
  'request.escalated': 'OVERDUE',
};

/** The e-mail for a notice: the request's kind, state and clocks, and where to open it. */
export function renderNoticeEmail(notice: RequestNotice): { subject: string; text: string } {
  const r = notice.request;
  const subject = `[fraudx] ${EVENT_WORDS[notice.event]}: ${r.kind} ${r.id} is ${r.state}${r.urgency === 'routine' ? '' : ` (${r.urgency})`}`;
  const lines = [
    `${EVENT_WORDS[notice.event]} at ${notice.at}`,
    `Request: ${r.id}`,
    `Kind: ${r.kind}`,
    `State: ${r.state}`,
    `Urgency: ${r.urgency}`,
    r.ackDueAt ? `Acknowledge by: ${r.ackDueAt}` : '',
    r.actDueAt ? `Act by: ${r.actDueAt}` : '',
    r.expiresAt ? `Expires at: ${r.expiresAt}` : '',
    ...Object.entries(notice.detail).map(([k, v]) => `${k}: ${String(v)}`),
  ];
  return { subject, text: `${lines.filter(Boolean).join('\n')}\n\nOpen it in fraudx: /requests/${r.id}\n` };
}

export async function sendNoticeEmail(to: string, notice: RequestNotice): Promise<void> {
  const { subject, text } = renderNoticeEmail(notice);
  await (await transport()).sendMail({ from: process.env.FRAUDX_MAIL_FROM ?? 'fraudx <fraudx@localhost>', to, subject, text });
}
