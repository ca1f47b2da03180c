/** Values of User.allowedActions as the server presents them. */
export type UserAction =
  | 'edit'
  | 'reset_password'
  | 'assign'
  | 'unlock'
  | 'disable'
  | 'enable'
  | 'reveal_phone'
  | 'reveal_id';

export interface UserAssignment {
  id: number;
  role: string;
  nodeId: number;
  nodeName: string;
}

export interface User {
  id: number;
  username: string;
  displayName: string;
  phoneMasked: string | null;
  idNumberMasked: string | null;
  status: 'active' | 'disabled';
  lockedUntil: string | null;
  totpEnabled: boolean;
  lastLoginAt: string | null;
  assignments: UserAssignment[];
  allowedActions: string[];
}

export interface UserListQuery {
  q?: string;
  nodeId?: number;
  role?: string;
  page: number;
  pageSize: number;
}

export interface UserList {
  items: User[];
  total: number;
}
