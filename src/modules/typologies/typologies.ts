/**
 * The scam typologies fraudx reports use: one documented taxonomy, drawn from the categories
 * national anti-scam centres publish (Thailand's ThaiPoliceOnline, Singapore's ASC, the UK's
 * Action Fraud) and the GSMA fraud types. docs/typologies.md shows the same table.
 */
export const TYPOLOGIES = {
  investment: 'Fake investment schemes: fake trading platforms, stock tips, "guaranteed returns".',
  'pig-butchering': 'Long con that builds trust (often romance or friendship) before steering the victim into a fake investment.',
  romance: 'A fake relationship used to ask for money, gifts or travel costs.',
  'job-task': 'Fake jobs or paid "tasks" (liking, reviewing, rating) that require deposits to continue.',
  'impersonation-police': 'Callers posing as police, customs or courts demanding payment or "verification" transfers.',
  'impersonation-bank': 'Messages or calls posing as the victim\'s bank to take credentials or transfers.',
  'impersonation-government': 'Posing as tax, welfare, postal or other public agencies.',
  loan: 'Fake loans that ask for fees up front, or predatory loan apps.',
  shopping: 'Goods paid for and never delivered, fake shops and marketplace sellers.',
  phishing: 'Links, pages or messages that steal credentials, card data or one-time codes.',
  sextortion: 'Threats to publish intimate images unless paid.',
  prize: 'Fake prizes, lotteries, inheritances or refunds that need a fee first.',
  'tech-support': 'Fake technical support or remote-access apps that take over devices or accounts.',
  'call-centre': 'Organised call-centre operations running scripted scams across typologies.',
  'crypto-investment': 'Fake crypto exchanges, mining pools, airdrops and wallet drainers.',
  other: 'Anything else; say what in the summary.',
} as const;

export type Typology = keyof typeof TYPOLOGIES;
export const TYPOLOGY_NAMES = Object.keys(TYPOLOGIES) as [Typology, ...Typology[]];

export const CHANNELS = ['phone', 'sms', 'messaging', 'social-media', 'website', 'email', 'app', 'dating', 'marketplace', 'in-person', 'other'] as const;

/** What an indicator was in a report: whom the victim paid, who called, which link was sent. */
export const INDICATOR_ROLES = [
  'paid-to',
  'caller',
  'sender',
  'link',
  'wallet',
  'contact',
  'website',
  'profile',
  'mule',
  'other',
] as const;
