/**
 * The legal bases requests cite, as data: instrument, article, paragraph, and the contents each
 * requires. Regimes differ and article numbers get corrected (the UN Convention's are not yet
 * checked against the adopted text), so nothing here is hard-coded into the engine.
 */
export interface LegalBasis {
  instrument: string;
  article: string | null;
  paragraph: string | null;
}

export interface LegalBasisEntry extends LegalBasis {
  id: string;
  /** Contents this basis requires, each with the sub-paragraph that asks for it. */
  requires: readonly { field: string; cite: string }[];
  /** A floor on how long preserved data must be kept. */
  minimumPreservation?: string;
  /** False where the article has not been checked against an authentic text. */
  verified: boolean;
}

const BUDAPEST = 'Convention on Cybercrime (ETS 185)';
const PROTOCOL = 'Second Additional Protocol to the Convention on Cybercrime (CETS 224)';

export const LEGAL_BASES: readonly LegalBasisEntry[] = [
  {
    id: 'budapest-29',
    instrument: BUDAPEST,
    article: '29',
    paragraph: '2',
    requires: [
      { field: 'requestingAuthority', cite: 'Art. 29(2)(a)' },
      { field: 'offence', cite: 'Art. 29(2)(b)' },
      { field: 'summary', cite: 'Art. 29(2)(b)' },
      { field: 'data', cite: 'Art. 29(2)(c)' },
      { field: 'custodian', cite: 'Art. 29(2)(d)' },
      { field: 'necessity', cite: 'Art. 29(2)(e)' },
      { field: 'mlaIntent', cite: 'Art. 29(2)(f)' },
    ],
    minimumPreservation: 'P60D',
    verified: true,
  },
  {
    id: 'budapest-30',
    instrument: BUDAPEST,
    article: '30',
    paragraph: '1',
    requires: [
      { field: 'requestingAuthority', cite: 'Art. 30 with Art. 29(2)(a)' },
      { field: 'offence', cite: 'Art. 30 with Art. 29(2)(b)' },
    ],
    verified: true,
  },
  {
    id: 'un-cybercrime-42',
    instrument: 'United Nations Convention against Cybercrime (2024)',
    article: '42',
    paragraph: null,
    requires: [
      { field: 'requestingAuthority', cite: 'Art. 42 (mirrors Budapest 29(2)(a))' },
      { field: 'offence', cite: 'Art. 42 (b)' },
      { field: 'summary', cite: 'Art. 42 (b)' },
      { field: 'data', cite: 'Art. 42 (c)' },
      { field: 'custodian', cite: 'Art. 42 (d)' },
      { field: 'necessity', cite: 'Art. 42 (e)' },
      { field: 'mlaIntent', cite: 'Art. 42 (f)' },
    ],
    minimumPreservation: 'P60D',
    verified: false,
  },
  {
    id: 'untoc-18',
    instrument: 'United Nations Convention against Transnational Organized Crime',
    article: '18',
    paragraph: '15',
    requires: [
      { field: 'requestingAuthority', cite: 'Art. 18(15)(a)' },
      { field: 'subjectMatter', cite: 'Art. 18(15)(b)' },
      { field: 'conductingAuthority', cite: 'Art. 18(15)(b)' },
      { field: 'summary', cite: 'Art. 18(15)(c)' },
      { field: 'assistanceSought', cite: 'Art. 18(15)(d)' },
      { field: 'purpose', cite: 'Art. 18(15)(f)' },
    ],
    verified: true,
  },
  {
    id: 'cets224-7',
    instrument: PROTOCOL,
    article: '7',
    paragraph: null,
    requires: [
      { field: 'requestingAuthority', cite: 'Art. 7 (issuing authority)' },
      { field: 'offence', cite: 'Art. 7 (the offence)' },
      { field: 'informationSought', cite: 'Art. 7 (the subscriber information sought)' },
    ],
    verified: false,
  },
  {
    id: 'cets224-9',
    instrument: PROTOCOL,
    article: '9',
    paragraph: null,
    requires: [
      { field: 'requestingAuthority', cite: 'Art. 9' },
      { field: 'emergencyJustification', cite: 'Art. 9 (significant and imminent risk to life or safety)' },
    ],
    verified: false,
  },
  {
    id: 'th-tech-crime-decree-hold',
    instrument: 'Thailand Emergency Decree on Measures to Prevent and Suppress Technology Crimes B.E. 2566 (2023), as amended 2025',
    article: null,
    paragraph: null,
    requires: [{ field: 'victimReportRef', cite: 'the victim\'s alert the hold rests on' }],
    verified: false,
  },
  {
    id: 'interpol-igrip',
    instrument: 'INTERPOL Global Rapid Intervention of Payments (I-GRIP)',
    article: null,
    paragraph: null,
    requires: [{ field: 'policeReport', cite: 'I-GRIP requests come from the police of the victim\'s country' }],
    verified: false,
  },
  { id: 'partnership-agreement', instrument: 'Data-sharing and cooperation agreement between the parties', article: null, paragraph: null, requires: [], verified: true },
  { id: 'abuse-policy', instrument: 'Recipient\'s abuse policy or terms of service', article: null, paragraph: null, requires: [], verified: true },
  { id: 'redress-policy', instrument: 'fraudx node redress policy (right to rectification of a listing)', article: null, paragraph: null, requires: [], verified: true },
];

export function legalBasisById(id: string): LegalBasisEntry | undefined {
  return LEGAL_BASES.find((b) => b.id === id);
}

/** The catalogue entry a cited basis matches, by instrument and article (and paragraph when both give one). */
export function catalogueEntryOf(basis: LegalBasis): LegalBasisEntry | undefined {
  return LEGAL_BASES.find(
    (b) => b.instrument === basis.instrument && b.article === basis.article && (b.paragraph === null || basis.paragraph === null || b.paragraph === basis.paragraph),
  );
}
