import type { SessionInfo, SystemStatus } from '../../../../preload/contract/index.ts';
import { api, onApiError, unwrap } from '../api.ts';

export const SECTIONS = ['today', 'residents', 'printing', 'sync', 'reports', 'devices', 'admin'] as const;
export type Section = (typeof SECTIONS)[number];

function sectionFromHash(hash: string): Section {
  const id = hash.replace(/^#\/?/, '').split('/')[0];
  return (SECTIONS as readonly string[]).includes(id) ? (id as Section) : 'today';
}

/** What the whole UI depends on: the station's status, who is signed in, and which section is open. */
class AppState {
  status = $state<SystemStatus | null>(null);
  session = $state<SessionInfo | null>(null);
  section = $state<Section>(sectionFromHash(location.hash));
  bootError = $state<string | null>(null);

  readonly signedIn = $derived(Boolean(this.session?.user));
  readonly locked = $derived(Boolean(this.session?.locked));

  constructor() {
    addEventListener('hashchange', () => (this.section = sectionFromHash(location.hash)));
    onApiError((e) => {
      if (e.code === 'UNAUTHENTICATED' && this.session?.user) this.session = { ...this.session, user: null, locked: false };
      if (e.code === 'SESSION_LOCKED' && this.session) this.session = { ...this.session, locked: true };
    });
    api.on('session.changed', () => void this.refreshSession());
    api.on('system.changed', () => void this.refreshStatus());
  }

  async boot(): Promise<void> {
    this.bootError = null;
    try {
      await Promise.all([this.refreshStatus(), this.refreshSession()]);
    } catch (e) {
      this.bootError = e instanceof Error ? e.message : String(e);
    }
  }

  async refreshStatus(): Promise<void> {
    this.status = await unwrap(api.system.status({}));
  }

  async refreshSession(): Promise<void> {
    this.session = await unwrap(api.auth.session({}));
  }

  can(permission: string): boolean {
    return (this.session?.user?.permissions as string[] | undefined)?.includes(permission) ?? false;
  }

  go(section: Section): void {
    location.hash = `#/${section}`;
  }
}

export const app = new AppState();
