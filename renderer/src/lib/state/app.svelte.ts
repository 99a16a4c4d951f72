import type { AddressMatch, PersonDraft, SessionInfo, SystemStatus } from '../../../../preload/contract/index.ts';
import { api, onApiError, unwrap } from '../api.ts';

export const SECTIONS = ['today', 'residents', 'printing', 'sync', 'reports', 'devices', 'admin'] as const;
export type Section = (typeof SECTIONS)[number];

/** Screens inside a section: "#/residents/person/<id>" → section residents, path ['person', '<id>']. */
export interface Route {
  section: Section;
  path: string[];
}

function routeFromHash(hash: string): Route {
  const [id, ...path] = hash.replace(/^#\/?/, '').split('?')[0].split('/').filter(Boolean).map(decodeURIComponent);
  return (SECTIONS as readonly string[]).includes(id ?? '') ? { section: id as Section, path } : { section: 'today', path: [] };
}

/** What the whole UI depends on: the station's status, who is signed in, and which section is open. */
class AppState {
  status = $state<SystemStatus | null>(null);
  session = $state<SessionInfo | null>(null);
  route = $state<Route>(routeFromHash(location.hash));
  readonly section = $derived(this.route.section);
  bootError = $state<string | null>(null);
  /** A registration prefilled from a scanned card or the search box, waiting for the form to open. */
  pendingDraft = $state<{ draft: PersonDraft; address: AddressMatch | null; fromCard: boolean } | null>(null);

  readonly signedIn = $derived(Boolean(this.session?.user));
  readonly locked = $derived(Boolean(this.session?.locked));

  constructor() {
    addEventListener('hashchange', () => (this.route = routeFromHash(location.hash)));
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

  go(section: Section, ...path: string[]): void {
    location.hash = `#/${[section, ...path].map(encodeURIComponent).join('/')}`;
  }

  /** Opens the registration form, prefilled with what is already known. */
  startRegistration(draft: Partial<PersonDraft>, options: { address?: AddressMatch | null; fromCard?: boolean } = {}): void {
    this.pendingDraft = {
      draft: { fullName: '', sex: 'M', birthDate: '', ...draft },
      address: options.address ?? null,
      fromCard: options.fromCard ?? false,
    };
    this.go('residents', 'new');
  }

  /** Opens a resident's record wherever the user is. */
  openPerson(id: string): void {
    this.go('residents', 'person', id);
  }
}

export const app = new AppState();
