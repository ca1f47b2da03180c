import { useMe } from '../../auth/api/me';
import { useMyAccount } from '../api/my-account';

/**
 * Who is using the H5 pages: nobody, a confirmed resident (account with household), or a staff member (whose reports
 * from here go in anonymously, like anyone's).
 */
export function useResidentSession() {
  const me = useMe();
  const signedIn = Boolean(me.data);
  const account = useMyAccount(signedIn);
  const isResident = Boolean(me.data?.assignments.some((a) => a.role === 'resident'));
  return {
    pending: me.isPending || (signedIn && account.isPending),
    me: me.data ?? null,
    account: isResident ? (account.data ?? null) : null,
    isResident,
    isStaff: signedIn && !isResident,
  };
}
