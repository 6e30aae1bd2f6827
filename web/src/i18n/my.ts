import type { Translation } from './en';

/** မြန်မာ: the public pages' navigation so far; everything else falls back to English. */
export const my: Translation = {
  nav: { language: 'ဘာသာစကား', check: 'စစ်ဆေးရန်', reports: 'အစီရင်ခံစာများ' },
  auth: { signIn: 'ဝင်ရောက်ရန်', signOut: 'ထွက်ရန်' },
  public: { nav: { check: 'နံပါတ် သို့မဟုတ် လင့်ခ်ကို စစ်ဆေးရန်', report: 'လိမ်လည်မှုကို တိုင်ကြားရန်' } },
};
