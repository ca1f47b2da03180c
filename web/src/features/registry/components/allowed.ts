/** True when any of the names is in a record's allowedActions (the server decides; the UI only reads). */
export function allows(allowedActions: readonly string[] | undefined, ...names: string[]): boolean {
  if (!allowedActions) return false;
  return names.some((name) => allowedActions.includes(name));
}
