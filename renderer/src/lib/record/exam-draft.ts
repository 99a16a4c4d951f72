/**
 * The exam's autosave, out of the screen so it can be tested on its own: a draft changed and then
 * left alone for a moment is written to disk; saves run one after another (each needs the version
 * the previous one returned); "save now" flushes. A field that cannot be saved as typed (a
 * 10,000-character note where 4,000 fit, an impossible number) does not stop the others: it is
 * sent as it was last saved, its message names it, and the screen keeps what was typed until it is
 * fixed. Nothing typed is dropped silently: `unsaved` says what the disk does not have yet.
 */
import { parseInput, type FieldIssue } from '#contract/input-issues.ts';
import { VisitInput, type VisitFields, type VisitRecord } from '#contract/ops/record.ts';

export interface ExamDraftOptions {
  /** The visit as loaded (a draft). */
  visit: VisitRecord;
  /** Writes the fields on top of `version`; resolves to the saved visit or rejects. */
  save: (version: number, fields: VisitFields) => Promise<VisitRecord>;
  /** Quiet time after the last change before it is saved. */
  delayMs?: number;
  onSaved?: (visit: VisitRecord) => void;
  /** The fields that could not be saved as typed (empty when all could), with their messages. */
  onInvalid?: (issues: FieldIssue[]) => void;
  /** A save failed (the message is the core's, Vietnamese). */
  onError?: (error: unknown) => void;
}

type Path = (string | number)[];
const json = (v: unknown) => JSON.stringify(v);

function getAt(root: unknown, path: Path): unknown {
  let x: unknown = root;
  for (const k of path) {
    if (x === null || typeof x !== 'object') return undefined;
    x = (x as Record<string | number, unknown>)[k];
  }
  return x;
}

/** Puts `value` at `path` in `root` (mutating); false when the path does not exist. */
function setAt(root: unknown, path: Path, value: unknown): boolean {
  let x: unknown = root;
  for (const k of path.slice(0, -1)) {
    if (x === null || typeof x !== 'object') return false;
    x = (x as Record<string | number, unknown>)[k];
  }
  if (x === null || typeof x !== 'object') return false;
  (x as Record<string | number, unknown>)[path[path.length - 1]] = value;
  return true;
}

const toPath = (dotted: string): Path =>
  dotted
    .split('.')
    .filter(Boolean)
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));

/** The fields of a visit record, without its bookkeeping. */
export function fieldsOf(r: VisitRecord): VisitFields {
  const {
    id: _id,
    personId: _p,
    status: _s,
    version: _v,
    examiner: _e,
    signedAt: _sa,
    createdAt: _c,
    updatedAt: _u,
    derived: _d,
    ...fields
  } = r;
  return fields;
}

/**
 * What can be saved of `typed`: every valid field as typed, every invalid one as it was last saved
 * (a new list row that is invalid is left out until it is fixed). Also the issues, for the screen.
 */
export function saveable(
  typed: VisitFields,
  lastSaved: VisitFields,
): { fields: VisitFields | null; issues: FieldIssue[] } {
  const first = parseInput(VisitInput, typed);
  if (first.success) return { fields: first.data, issues: [] };
  const payload = structuredClone(typed) as VisitFields & Record<string, unknown>;
  const dropRows = new Map<string, Set<number>>();
  for (const issue of first.issues) {
    const path = toPath(issue.path);
    const before = getAt(lastSaved, path);
    const rowAt = path.findIndex((p) => typeof p === 'number');
    if (before === undefined && rowAt > 0) {
      // A row typed since the last save (a lab, a diagnosis): leave it out until it is valid.
      const list = path.slice(0, rowAt).join('.');
      dropRows.set(list, (dropRows.get(list) ?? new Set()).add(path[rowAt] as number));
    } else setAt(payload, path, structuredClone(before));
  }
  for (const [list, rows] of dropRows) {
    const path = toPath(list);
    const items = getAt(payload, path);
    if (Array.isArray(items))
      setAt(
        payload,
        path,
        items.filter((_, i) => !rows.has(i)),
      );
  }
  const second = parseInput(VisitInput, payload);
  return { fields: second.success ? second.data : null, issues: first.issues };
}

export class ExamDraft {
  #version: number;
  #lastSaved: VisitFields;
  #savedJson: string;
  #typed: VisitFields;
  #typedJson: string;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #chain: Promise<void> = Promise.resolve();
  #issues: FieldIssue[] = [];
  #stopped = false;
  readonly #o: ExamDraftOptions;

  constructor(o: ExamDraftOptions) {
    this.#o = o;
    this.#version = o.visit.version;
    this.#lastSaved = fieldsOf(o.visit);
    this.#savedJson = json(this.#lastSaved);
    this.#typed = this.#lastSaved;
    this.#typedJson = this.#savedJson;
  }

  get version(): number {
    return this.#version;
  }

  /** Fields whose typed value is not what was saved because it cannot be (with their messages). */
  get issues(): readonly FieldIssue[] {
    return this.#issues;
  }

  /** True while the disk does not have everything typed (a pending save, or a field that cannot be saved). */
  get unsaved(): boolean {
    return this.#typedJson !== this.#savedJson;
  }

  /** The screen's fields changed: saved after a quiet moment. */
  changed(typed: VisitFields): void {
    if (this.#stopped) return;
    this.#typed = structuredClone(typed);
    this.#typedJson = json(this.#typed);
    this.#check();
    clearTimeout(this.#timer);
    if (this.#typedJson === this.#savedJson) return;
    this.#timer = setTimeout(() => void this.flush(), this.#o.delayMs ?? 1200);
  }

  /** Saves now what can be saved; resolves when it is on disk (or the save failed). */
  flush(): Promise<void> {
    clearTimeout(this.#timer);
    this.#chain = this.#chain.then(() => this.#saveOnce());
    return this.#chain;
  }

  /** After signing or discarding: nothing more is saved, and later changes are ignored. */
  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
  }

  /** After the screen signed the visit itself: the signed state is what is on disk. */
  adopt(visit: VisitRecord): void {
    this.#version = visit.version;
    this.#lastSaved = fieldsOf(visit);
    this.#savedJson = json(this.#lastSaved);
    this.#typed = this.#lastSaved;
    this.#typedJson = this.#savedJson;
    this.#setIssues([]);
  }

  #check(): void {
    this.#setIssues(saveable(this.#typed, this.#lastSaved).issues);
  }

  #setIssues(issues: FieldIssue[]): void {
    if (json(issues) === json(this.#issues)) return;
    this.#issues = issues;
    this.#o.onInvalid?.(issues);
  }

  async #saveOnce(): Promise<void> {
    if (this.#stopped) return;
    const typedJson = this.#typedJson;
    const { fields, issues } = saveable(this.#typed, this.#lastSaved);
    this.#setIssues(issues);
    if (!fields || json(fields) === json(this.#lastSavedParsed())) {
      // Nothing savable changed (only an invalid field did): the disk already has the rest.
      if (issues.length === 0) this.#savedJson = typedJson;
      return;
    }
    try {
      const saved = await this.#o.save(this.#version, fields);
      this.#version = saved.version;
      this.#lastSaved = fieldsOf(saved);
      // Everything typed is on disk only when nothing had to be held back.
      this.#savedJson =
        issues.length === 0 && typedJson === this.#typedJson ? this.#typedJson : json(this.#lastSaved);
      this.#o.onSaved?.(saved);
    } catch (e) {
      this.#o.onError?.(e);
    }
  }

  #lastSavedParsed(): VisitFields {
    const r = parseInput(VisitInput, this.#lastSaved);
    return r.success ? r.data : this.#lastSaved;
  }
}
