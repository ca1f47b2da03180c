export interface MeUser {
  id: number;
  username: string;
  displayName: string;
  locale: 'zh-CN' | 'en';
  totpEnabled: boolean;
  mustSetupTotp: boolean;
  mustChangePassword: boolean;
}

export interface MeAssignment {
  id: number;
  role: string;
  nodeId: number;
  nodeName: string;
  nodeLevel: string;
  nodePath: string;
}

export interface Me {
  user: MeUser;
  csrfToken: string;
  assignments: MeAssignment[];
  permissions: string[];
  globalPermissions: string[];
  homeNodeId: number | null;
}

export interface LoginInput {
  username: string;
  password: string;
  totp?: string;
}

export interface TotpSetup {
  secret: string;
  otpauthUrl: string;
  qrDataUrl: string;
}
