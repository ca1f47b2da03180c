/** The two UI languages. Chinese is the working language; English serves reviewers and partners. */
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export const DEFAULT_LOCALE: Locale = 'zh-CN';

/** A user-facing text in both languages; rules hand these to the UI so wording lives in one place. */
export interface LocalizedText {
  zh: string;
  en: string;
}

export function localize(text: LocalizedText, locale: Locale): string {
  return locale === 'en' ? text.en : text.zh;
}

export function isLocale(value: unknown): value is Locale {
  return value === 'zh-CN' || value === 'en';
}

/**
 * Chooses the UI language from an Accept-Language header.
 * Chinese wins unless the browser ranks English above every Chinese variant, because the
 * people doing the work read Chinese and a wrong guess towards English costs them more.
 */
export function pickLocale(acceptLanguage: string | undefined): Locale {
  if (typeof acceptLanguage !== 'string' || acceptLanguage.trim() === '') return DEFAULT_LOCALE;
  const ranges = acceptLanguage
    .split(',')
    .map((part, index) => {
      const [tagPart, ...params] = part.trim().split(';');
      let q = 1;
      for (const param of params) {
        const match = /^\s*q\s*=(.*)$/i.exec(param);
        if (match) {
          // A malformed weight is treated as "not wanted" rather than as full preference.
          const parsed = /^\s*[0-9.]+\s*$/.test(match[1]) ? Number(match[1]) : Number.NaN;
          q = Number.isFinite(parsed) ? parsed : 0;
        }
      }
      return { primary: (tagPart ?? '').trim().toLowerCase().split('-')[0] ?? '', q, index };
    })
    .filter((range) => range.q > 0 && range.primary !== '' && range.primary !== '*')
    // Equal weights keep header order, which is how browsers express preference.
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const range of ranges) {
    if (range.primary === 'zh') return 'zh-CN';
    if (range.primary === 'en') return 'en';
  }
  return DEFAULT_LOCALE;
}
