// Injected into the Apps Script bundle: globals Node has and Apps Script's V8 may not.
export const structuredClone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
