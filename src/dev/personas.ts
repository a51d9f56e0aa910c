/**
 * Demo personas for the H5 preview (never bundled into the mini-program: only H5 files import this
 * one: transport.h5.ts, subscribe.h5.ts and the persona switcher). Each openid is one the demo
 * dataset seeds, except `demo-new`, which has no record: the member function creates it on the
 * first call.
 */
export interface Persona {
  id: string;
  label: string;
  openid: string;
}

export const PERSONAS: readonly Persona[] = [
  { id: 'normal', label: '普卡会员', openid: 'demo-normal' },
  { id: 'member', label: '银卡会员', openid: 'demo-member' },
  { id: 'gold', label: '金卡会员', openid: 'demo-gold' },
  { id: 'paid', label: '心享付费会员', openid: 'demo-paid' },
  { id: 'new', label: '新用户', openid: 'demo-new' },
  { id: 'clerk-1', label: '店员（旗舰店）', openid: 'demo-clerk-1' },
  { id: 'clerk-2', label: '店员（福田店）', openid: 'demo-clerk-2' },
  { id: 'admin', label: '管理员', openid: 'demo-admin' },
];

export const DEFAULT_PERSONA_ID = 'member';

/** localStorage key holding the chosen persona's id. */
export const PERSONA_STORAGE_KEY = 'guoli.persona';

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // storage disabled (private mode, sandboxed frame)
  }
}

export function personaById(id: string | null | undefined): Persona | undefined {
  return PERSONAS.find((p) => p.id === id);
}

export function currentPersona(): Persona {
  return personaById(storage()?.getItem(PERSONA_STORAGE_KEY)) ?? personaById(DEFAULT_PERSONA_ID)!;
}

export function choosePersona(id: string): void {
  if (!personaById(id)) throw new Error(`unknown persona: ${id}`);
  storage()?.setItem(PERSONA_STORAGE_KEY, id);
}
