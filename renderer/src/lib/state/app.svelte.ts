import type { AddressMatch, PersonDraft, SessionInfo, SystemStatus } from '#contract';
import { api, onApiError, unwrap } from '../api.ts';

export const SECTIONS = ['today', 'residents', 'printing', 'sync', 'reports', 'devices', 'admin'] as const;
export type Section = (typeof SECTIONS)[number];

/** Screens inside a section: "#/residents/person/<id>" → section residents, path ['person', '<id>']. */
export interface Route {
  section: Section;
  path: string[];
}

function routeFromHash(hash: string): Route {
  const [id, ...path] = hash
    .replace(/^#\/?/, '')
    .split('?')[0]
    .split('/')
    .filter(Boolean)
    .map(decodeURIComponent);
  return (SECTIONS as readonly string[]).includes(id ?? '')
    ? { section: id as Section, path }
    : { section: 'today', path: [] };
}

/** What the whole UI depends on: the station's status, who is signed in, and which section is open. */
class AppState {
  status = $state<SystemStatus | null>(null);
  session = $state<SessionInfo | null>(null);
  route = $state<Route>(routeFromHash(location.hash));
  readonly section = $derived(this.route.section);
  bootError = $state<string | null>(null);
  /** The first-run wizard stays on screen, the station set up, until its recovery-key sheet is confirmed. */
  holdSetup = $state(false);
  /** A registration prefilled from a scanned card or the search box, waiting for the form to open. */
  pendingDraft = $state<{ draft: PersonDraft; address: AddressMatch | null; fromCard: boolean } | null>(null);

  /** Asked before the screen is left (a form with typed changes); resolves true to leave. */
  private leaveGuard: (() => Promise<boolean>) | null = null;
  private asking = false;

  readonly signedIn = $derived(Boolean(this.session?.user));
  readonly locked = $derived(Boolean(this.session?.locked));

  constructor() {
    addEventListener('hashchange', (e) => {
      if (!this.leaveGuard) return void (this.route = routeFromHash(location.hash));
      // A menu link or Back already changed the address: put it back while the guard asks.
      const target = location.hash;
      history.replaceState(history.state, '', e.oldURL);
      this.askToLeave(target);
    });
    onApiError((e) => {
      if (e.code === 'UNAUTHENTICATED' && this.session?.user)
        this.session = { ...this.session, user: null, locked: false };
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
    const hash = `#/${[section, ...path].map(encodeURIComponent).join('/')}`;
    if (this.leaveGuard && hash !== location.hash) this.askToLeave(hash);
    else location.hash = hash;
  }

  /** A screen with unsaved typing asks before any navigation away; returns the function that removes the guard. */
  setLeaveGuard(guard: () => Promise<boolean>): () => void {
    this.leaveGuard = guard;
    return () => {
      if (this.leaveGuard === guard) this.leaveGuard = null;
    };
  }

  private askToLeave(hash: string): void {
    const guard = this.leaveGuard;
    if (!guard || this.asking) return;
    this.asking = true;
    void guard()
      .then((leave) => {
        if (!leave) return;
        this.leaveGuard = null;
        location.hash = hash;
      })
      .finally(() => (this.asking = false));
  }

  /** Opens the registration form, prefilled with what is already known. */
  startRegistration(
    draft: Partial<PersonDraft>,
    options: { address?: AddressMatch | null; fromCard?: boolean } = {},
  ): void {
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
