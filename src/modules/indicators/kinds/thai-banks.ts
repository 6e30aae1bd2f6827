/**
 * Banks in Thailand by their 3-digit Bank of Thailand code, as used in interbank transfers
 * (ITMX, BAHTNET) and printed on transfer slips. `lengths` lists the account-number lengths the
 * bank issues where they are well known; banks without it take any 6–20 digits. `aliases` are
 * other names people write (old names, Thai abbreviations) beside the short, English and Thai names.
 */
export interface ThaiBank {
  code: string;
  short: string;
  en: string;
  th: string;
  lengths?: readonly number[];
  aliases?: readonly string[];
}

const TEN = [10] as const;

export const THAI_BANKS: readonly ThaiBank[] = [
  { code: '002', short: 'BBL', en: 'Bangkok Bank', th: 'ธนาคารกรุงเทพ', lengths: TEN, aliases: ['กรุงเทพ', 'บัวหลวง', 'Bualuang'] },
  { code: '004', short: 'KBANK', en: 'Kasikornbank', th: 'ธนาคารกสิกรไทย', lengths: TEN, aliases: ['K-Bank', 'Kasikorn', 'Kasikorn Bank', 'KBNK', 'กสิกร', 'กสิกรไทย'] },
  { code: '006', short: 'KTB', en: 'Krungthai Bank', th: 'ธนาคารกรุงไทย', lengths: TEN, aliases: ['Krung Thai Bank', 'Krungthai', 'กรุงไทย'] },
  { code: '011', short: 'TTB', en: 'TMBThanachart Bank', th: 'ธนาคารทหารไทยธนชาต', lengths: TEN, aliases: ['TMB', 'TMB Thanachart', 'ttb bank', 'ทหารไทย', 'ทหารไทยธนชาต', 'ทีทีบี'] },
  { code: '014', short: 'SCB', en: 'Siam Commercial Bank', th: 'ธนาคารไทยพาณิชย์', lengths: TEN, aliases: ['ไทยพาณิชย์'] },
  { code: '017', short: 'CITI', en: 'Citibank', th: 'ธนาคารซิตี้แบงก์', aliases: ['Citibank N.A.', 'ซิตี้แบงก์'] },
  { code: '018', short: 'SMBC', en: 'Sumitomo Mitsui Banking Corporation', th: 'ธนาคารซูมิโตโม มิตซุย แบงกิ้ง คอร์ปอเรชั่น' },
  { code: '020', short: 'SCBT', en: 'Standard Chartered Bank (Thai)', th: 'ธนาคารสแตนดาร์ดชาร์เตอร์ด (ไทย)', aliases: ['Standard Chartered', 'สแตนดาร์ดชาร์เตอร์ด'] },
  { code: '022', short: 'CIMBT', en: 'CIMB Thai Bank', th: 'ธนาคารซีไอเอ็มบี ไทย', lengths: TEN, aliases: ['CIMB', 'CIMB Thai', 'ซีไอเอ็มบี', 'ซีไอเอ็มบีไทย'] },
  { code: '024', short: 'UOBT', en: 'United Overseas Bank (Thai)', th: 'ธนาคารยูโอบี', lengths: TEN, aliases: ['UOB', 'UOB Thailand', 'ยูโอบี'] },
  { code: '025', short: 'BAY', en: 'Bank of Ayudhya (Krungsri)', th: 'ธนาคารกรุงศรีอยุธยา', lengths: TEN, aliases: ['Krungsri', 'Bank of Ayudhya', 'กรุงศรี', 'กรุงศรีอยุธยา'] },
  { code: '026', short: 'MEGA', en: 'Mega International Commercial Bank', th: 'ธนาคารเมกะ สากลพาณิชย์' },
  { code: '027', short: 'BOA', en: 'Bank of America', th: 'ธนาคารแห่งอเมริกา' },
  { code: '029', short: 'IOB', en: 'Indian Overseas Bank', th: 'ธนาคารอินเดียนโอเวอร์ซีส์' },
  { code: '030', short: 'GSB', en: 'Government Savings Bank', th: 'ธนาคารออมสิน', lengths: [12], aliases: ['ออมสิน'] },
  { code: '031', short: 'HSBC', en: 'The Hongkong and Shanghai Banking Corporation', th: 'ธนาคารฮ่องกงและเซี่ยงไฮ้แบงกิ้งคอร์ปอเรชั่น' },
  { code: '032', short: 'DB', en: 'Deutsche Bank', th: 'ธนาคารดอยซ์แบงก์' },
  { code: '033', short: 'GHB', en: 'Government Housing Bank', th: 'ธนาคารอาคารสงเคราะห์', lengths: [12], aliases: ['ธอส', 'อาคารสงเคราะห์'] },
  { code: '034', short: 'BAAC', en: 'Bank for Agriculture and Agricultural Cooperatives', th: 'ธนาคารเพื่อการเกษตรและสหกรณ์การเกษตร', lengths: [12], aliases: ['ธกส', 'เพื่อการเกษตรและสหกรณ์การเกษตร'] },
  { code: '035', short: 'EXIM', en: 'Export-Import Bank of Thailand', th: 'ธนาคารเพื่อการส่งออกและนำเข้าแห่งประเทศไทย', aliases: ['EXIM Thailand'] },
  { code: '039', short: 'MHCB', en: 'Mizuho Bank', th: 'ธนาคารมิซูโฮ', aliases: ['Mizuho'] },
  { code: '045', short: 'BNPP', en: 'BNP Paribas', th: 'ธนาคารบีเอ็นพี พารีบาส์' },
  { code: '052', short: 'BOC', en: 'Bank of China (Thai)', th: 'ธนาคารแห่งประเทศจีน (ไทย)', aliases: ['Bank of China'] },
  { code: '065', short: 'TBANK', en: 'Thanachart Bank', th: 'ธนาคารธนชาต', lengths: TEN, aliases: ['Thanachart', 'ธนชาต'] },
  { code: '066', short: 'ISBT', en: 'Islamic Bank of Thailand', th: 'ธนาคารอิสลามแห่งประเทศไทย', lengths: TEN, aliases: ['IBANK', 'Islamic Bank', 'อิสลาม'] },
  { code: '067', short: 'TISCO', en: 'Tisco Bank', th: 'ธนาคารทิสโก้', lengths: TEN, aliases: ['ทิสโก้'] },
  { code: '069', short: 'KKP', en: 'Kiatnakin Phatra Bank', th: 'ธนาคารเกียรตินาคินภัทร', lengths: TEN, aliases: ['Kiatnakin', 'KK', 'เกียรตินาคิน', 'เกียรตินาคินภัทร'] },
  { code: '070', short: 'ICBCT', en: 'Industrial and Commercial Bank of China (Thai)', th: 'ธนาคารไอซีบีซี (ไทย)', lengths: TEN, aliases: ['ICBC', 'ICBC Thai', 'ไอซีบีซี'] },
  { code: '071', short: 'TCRB', en: 'Thai Credit Bank', th: 'ธนาคารไทยเครดิต', lengths: TEN, aliases: ['TCD', 'Thai Credit', 'ไทยเครดิต'] },
  { code: '073', short: 'LHBANK', en: 'Land and Houses Bank', th: 'ธนาคารแลนด์ แอนด์ เฮ้าส์', lengths: TEN, aliases: ['LH Bank', 'LHB', 'LH', 'แลนด์แอนด์เฮ้าส์'] },
  { code: '080', short: 'SMTB', en: 'Sumitomo Mitsui Trust Bank (Thai)', th: 'ธนาคารซูมิโตโม มิตซุย ทรัสต์ (ไทย)' },
  { code: '098', short: 'SME', en: 'SME Development Bank', th: 'ธนาคารพัฒนาวิสาหกิจขนาดกลางและขนาดย่อมแห่งประเทศไทย', aliases: ['SME D Bank', 'SMEDB', 'ธพว'] },
];

/**
 * Folds a bank name for lookup: NFKC (as input is cleaned: it splits Thai SARA AM), case, spaces
 * and punctuation, a trailing "PCL".
 */
export function foldBankName(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s.\-()&,'’]+/gu, '')
    .replace(/(?:publiccompanylimited|pcl|plc)$/u, '');
}

const BY_CODE = new Map(THAI_BANKS.map((b) => [b.code, b]));
const BY_NAME = new Map<string, ThaiBank>();
for (const bank of THAI_BANKS) {
  for (const name of [bank.short, bank.en, bank.th, ...(bank.aliases ?? [])]) {
    const folded = foldBankName(name);
    BY_NAME.set(folded, bank);
    BY_NAME.set(folded.replace(/^ธนาคาร/u, ''), bank);
  }
}

/**
 * A Thai bank by its 3-digit code or any of its names; undefined when none is known. A leading
 * "ธนาคาร"/"ธ."/"bank" is tried with and without: "ธ.ก.ส." is BAAC's own abbreviation, while
 * "ธ.กสิกรไทย" is "bank Kasikorn".
 */
export function findThaiBank(nameOrCode: string): ThaiBank | undefined {
  const trimmed = nameOrCode.trim();
  const byCode = BY_CODE.get(trimmed);
  if (byCode) return byCode;
  const folded = foldBankName(trimmed);
  for (const candidate of [folded, folded.replace(/^ธนาคาร/u, ''), folded.replace(/^ธ/u, ''), folded.replace(/^bank/u, '')]) {
    const bank = candidate === '' ? undefined : BY_NAME.get(candidate);
    if (bank) return bank;
  }
  return undefined;
}

export function thaiBankByCode(code: string): ThaiBank | undefined {
  return BY_CODE.get(code);
}
