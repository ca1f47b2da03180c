import { apiPost } from '../../../lib/api';

/** Shows a user's full phone or ID number; needs user.reveal and is written to the audit log. */
export async function revealUserField(id: number, field: 'phone' | 'idNumber'): Promise<string> {
  const res = await apiPost<{ value: string }>(`/api/users/${id}/reveal`, { field });
  return res.value;
}
