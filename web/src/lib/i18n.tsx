import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { LOCALE_STORAGE_KEY } from './api';
import { type MessageKey, messages } from './messages';

export type UiLocale = 'zh-CN' | 'en';

export type TranslateVars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: TranslateVars) => string;

interface I18nValue {
  locale: UiLocale;
  setLocale: (locale: UiLocale) => void;
  t: Translate;
}

export function readInitialLocale(): UiLocale {
  try {
    return globalThis.localStorage?.getItem(LOCALE_STORAGE_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

/** Looks a key up in the dictionary of one language and fills `{name}` placeholders. */
export function translate(locale: UiLocale, key: MessageKey, vars?: TranslateVars): string {
  const entry = messages[key];
  const text = entry ? entry[locale === 'en' ? 1 : 0] : key;
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

const I18nContext = createContext<I18nValue | null>(null);

export function I18nProvider({ children, initialLocale }: { children: ReactNode; initialLocale?: UiLocale }) {
  const [locale, setLocaleState] = useState<UiLocale>(() => initialLocale ?? readInitialLocale());

  const setLocale = useCallback((next: UiLocale) => {
    setLocaleState(next);
    try {
      globalThis.localStorage?.setItem(LOCALE_STORAGE_KEY, next);
    } catch {
      // private mode: the choice lasts for this tab only
    }
  }, []);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const value = useMemo<I18nValue>(
    () => ({ locale, setLocale, t: (key, vars) => translate(locale, key, vars) }),
    [locale, setLocale],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n must be used inside <I18nProvider>');
  return value;
}

/** Picks the side of a {zh, en} label pair from common/ that matches the UI language. */
export function pickLabel(
  label: { zh: string; en: string } | undefined,
  locale: UiLocale,
  fallback = '',
): string {
  if (!label) return fallback;
  return locale === 'en' ? label.en : label.zh;
}
