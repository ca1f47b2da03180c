import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { LOCALE_STORAGE_KEY } from '../api';
import { I18nProvider, readInitialLocale, translate, useI18n } from '../i18n';
import { messages } from '../messages';

function Probe() {
  const { t, locale, setLocale } = useI18n();
  return (
    <div>
      <h1>{t('nav.grid')}</h1>
      <p>{t('common.total', { count: 7 })}</p>
      <button type="button" onClick={() => setLocale(locale === 'en' ? 'zh-CN' : 'en')}>
        toggle
      </button>
    </div>
  );
}

describe('i18n', () => {
  it('when nothing is stored, then the UI starts in Chinese', () => {
    render(
      <I18nProvider>
        <Probe />
      </I18nProvider>,
    );
    expect(screen.getByRole('heading').textContent).toBe('网格管理');
    expect(screen.getByText('共 7 条')).toBeTruthy();
    expect(document.documentElement.lang).toBe('zh-CN');
  });

  it('when the user toggles, then texts switch to English and the choice is remembered', () => {
    render(
      <I18nProvider>
        <Probe />
      </I18nProvider>,
    );
    fireEvent.click(screen.getByText('toggle'));
    expect(screen.getByRole('heading').textContent).toBe('Grids');
    expect(screen.getByText('7 in total')).toBeTruthy();
    expect(window.localStorage.getItem(LOCALE_STORAGE_KEY)).toBe('en');
    expect(document.documentElement.lang).toBe('en');
    expect(readInitialLocale()).toBe('en');

    fireEvent.click(screen.getByText('toggle'));
    expect(screen.getByRole('heading').textContent).toBe('网格管理');
    expect(window.localStorage.getItem(LOCALE_STORAGE_KEY)).toBe('zh-CN');
  });

  it('when English was stored earlier, then a new page load starts in English', () => {
    window.localStorage.setItem(LOCALE_STORAGE_KEY, 'en');
    render(
      <I18nProvider>
        <Probe />
      </I18nProvider>,
    );
    expect(screen.getByRole('heading').textContent).toBe('Grids');
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('zh-CN', 'grid.move.done', { name: '一网格', parent: '二社区' })).toBe(
      '已将「一网格」移动到「二社区」下',
    );
    expect(translate('en', 'grid.search.count', {})).toBe('{count} grids found');
  });

  it('every dictionary entry has both a Chinese and an English text', () => {
    for (const [key, [zh, en]] of Object.entries(messages)) {
      expect(zh.trim(), key).not.toBe('');
      expect(en.trim(), key).not.toBe('');
    }
  });
});
