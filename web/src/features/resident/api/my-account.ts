import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api';
import { residentKeys } from './keys';
import type { MyAccount } from './types';

export const fetchMyAccount = () =>
  apiGet<{ account: MyAccount | null }>('/api/me/resident', { skipAuthRedirect: true }).then(
    (r) => r.account,
  );

/** The signed-in resident's account and household; null for staff accounts. */
export function useMyAccount(enabled = true) {
  return useQuery({ queryKey: residentKeys.myAccount(), queryFn: fetchMyAccount, enabled });
}
