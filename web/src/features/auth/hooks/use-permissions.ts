import { useCallback } from 'react';
import { useMe } from '../api/me';
import type { Me } from '../api/types';

export function hasPermission(me: Me | null | undefined, permission: string): boolean {
  if (!me) return false;
  return me.permissions.includes(permission) || me.globalPermissions.includes(permission);
}

/** Permission checks for showing or hiding UI; the server still decides every request. */
export function usePermissions() {
  const { data: me } = useMe();
  const can = useCallback((permission: string) => hasPermission(me, permission), [me]);
  return { me: me ?? null, can };
}
