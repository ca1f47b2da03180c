import { isRole, ROLE_LABELS, ROLES } from '../../../../../common/permissions';
import { pickLabel, type UiLocale } from '../../../lib/i18n';

export function roleLabel(role: string, locale: UiLocale): string {
  return isRole(role) ? pickLabel(ROLE_LABELS[role], locale) : role;
}

export function roleOptions(locale: UiLocale) {
  return ROLES.map((role) => ({ value: role, label: roleLabel(role, locale) }));
}
