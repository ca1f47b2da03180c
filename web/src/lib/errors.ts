import { isErrorCode, messageFor } from '../../../common/errors';
import { isApiError } from './api';
import type { Translate, UiLocale } from './i18n';

/** One sentence for the user about what went wrong, in the UI language. */
export function errorMessage(error: unknown, locale: UiLocale, t: Translate): string {
  if (isApiError(error)) {
    if (error.code === 'NETWORK_ERROR') return t('error.network');
    if (error.message) return error.message;
    if (isErrorCode(error.code)) return messageFor(error.code, locale);
    if (error.status === 404) return messageFor('NOT_FOUND', locale);
    if (error.status === 403) return messageFor('FORBIDDEN', locale);
    return t('error.generic');
  }
  return t('error.generic');
}
