import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';

export interface ScopeNode {
  id: number;
  name: string;
}

interface ScopeValue {
  /** The grid node the user is working in; pages default their filters to it. */
  scope: ScopeNode | null;
  setScope: (node: ScopeNode | null) => void;
}

const ScopeContext = createContext<ScopeValue>({ scope: null, setScope: () => undefined });

function storageKey(userId: number) {
  return `og_scope_${userId}`;
}

function readScope(userId: number): ScopeNode | null {
  try {
    const raw = globalThis.localStorage?.getItem(storageKey(userId));
    if (!raw) return null;
    const parsed: unknown = JSON.parse(raw);
    if (
      parsed &&
      typeof parsed === 'object' &&
      'id' in parsed &&
      'name' in parsed &&
      typeof parsed.id === 'number' &&
      typeof parsed.name === 'string'
    ) {
      return { id: parsed.id, name: parsed.name };
    }
  } catch {
    // a broken entry just means no remembered scope
  }
  return null;
}

export function ScopeProvider({
  userId,
  fallback,
  children,
}: {
  userId: number;
  fallback: ScopeNode | null;
  children: ReactNode;
}) {
  const [scope, setScopeState] = useState<ScopeNode | null>(() => readScope(userId) ?? fallback);

  useEffect(() => {
    setScopeState(readScope(userId) ?? fallback);
  }, [userId, fallback]);

  const setScope = useCallback(
    (node: ScopeNode | null) => {
      setScopeState(node);
      try {
        if (node) globalThis.localStorage?.setItem(storageKey(userId), JSON.stringify(node));
        else globalThis.localStorage?.removeItem(storageKey(userId));
      } catch {
        // storage may be unavailable; the scope then lasts for this tab
      }
    },
    [userId],
  );

  const value = useMemo(() => ({ scope, setScope }), [scope, setScope]);
  return <ScopeContext.Provider value={value}>{children}</ScopeContext.Provider>;
}

export function useScope(): ScopeValue {
  return useContext(ScopeContext);
}
