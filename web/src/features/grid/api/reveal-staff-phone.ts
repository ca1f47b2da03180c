import { apiPost } from '../../../lib/api';

/** Shows one staff member's full phone number; the server writes an audit record for every call. */
export async function revealStaffPhone(staffId: number): Promise<string> {
  const res = await apiPost<{ value: string }>(`/api/grid/staff/${staffId}/reveal`, { field: 'phone' });
  return res.value;
}
