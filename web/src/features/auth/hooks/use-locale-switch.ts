import { useCallback } from 'react';
import { type UiLocale, useI18n } from '../../../lib/i18n';
import { useMe } from '../api/me';
import { useUpdateLocale } from '../api/update-locale';

/** Switches the UI language now and, when signed in, remembers it on the account too. */
export function useLocaleSwitch() {
  const { locale, setLocale } = useI18n();
  const { data: me } = useMe();
  const update = useUpdateLocale();
  const { mutate } = update;

  const switchTo = useCallback(
    (next: UiLocale) => {
      setLocale(next);
      if (me && me.user.locale !== next) mutate(next);
    },
    [me, mutate, setLocale],
  );
  const toggle = useCallback(() => switchTo(locale === 'en' ? 'zh-CN' : 'en'), [locale, switchTo]);
  return { locale, switchTo, toggle };
}
