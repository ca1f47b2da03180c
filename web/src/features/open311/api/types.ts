/** Open311 client keys as `GET /api/open311/keys` answers them (docs/open311.md "Keys"). */
export type Open311KeyMode = 'realtime' | 'batch';

export interface Open311Key {
  id: number;
  name: string;
  /** The first characters of the key, to tell keys apart; never enough to use it. */
  prefix: string;
  nodeId: number;
  nodeName: string;
  mode: Open311KeyMode;
  active: boolean;
  createdAt: string;
  updatedAt: string;
  lastUsedAt: string | null;
  requestCount: number;
}

/** The answer to issuing a key: the only time the key itself is sent. */
export interface Open311KeyIssued extends Open311Key {
  key: string;
}

export interface Open311KeyInput {
  name: string;
  nodeId: number;
  mode: Open311KeyMode;
}

export type Open311KeyPatch = Partial<Open311KeyInput> & { active?: boolean };
