import type { FormInstance } from 'antd';
import { isApiError } from './api';

/**
 * Puts the server's field problems (error.details[].field) under the matching form fields.
 * Returns true when at least one field took a message, so the caller can skip a toast.
 */
export function applyFieldErrors<T>(
  form: FormInstance<T>,
  error: unknown,
  fieldMap: Record<string, string> = {},
) {
  if (!isApiError(error) || error.details.length === 0) return false;
  const known = new Set<string>();
  const walk = (value: unknown, prefix: string) => {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [key, inner] of Object.entries(value)) walk(inner, prefix ? `${prefix}.${key}` : key);
    }
    if (prefix) known.add(prefix);
  };
  walk(form.getFieldsValue(true), '');
  const fields = error.details
    .map((detail) => {
      const mapped = fieldMap[detail.field] ?? detail.field;
      return { path: mapped, message: detail.message || error.message };
    })
    .filter((item) => known.has(item.path) || known.has(item.path.split('.')[0] ?? ''))
    .map((item) => ({
      name: item.path.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part)),
      errors: [item.message],
    }));
  if (fields.length === 0) return false;
  // antd's NamePath typing is generic over the form's value shape; paths here come from the server.
  form.setFields(fields as Parameters<FormInstance<T>['setFields']>[0]);
  return true;
}
