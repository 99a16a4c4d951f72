import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FieldIssue } from '#contract/input-issues.ts';
import { VisitInput, type VisitFields, type VisitRecord } from '#contract/ops/record.ts';
import { ExamDraft, saveable } from './exam-draft.ts';

const blank = (): VisitFields => VisitInput.parse({ visitOn: '2026-12-07' });

function record(fields: VisitFields, version: number): VisitRecord {
  return {
    ...fields,
    id: 'v1',
    personId: 'p1',
    status: 'draft',
    version,
    examiner: { id: null, name: 'Y sĩ' },
    signedAt: null,
    createdAt: '2026-12-07T01:00:00Z',
    updatedAt: '2026-12-07T01:00:00Z',
    derived: { ageYears: 40, bmi: null, bmiClass: null, waistRisk: null, bp: null, growth: [], warnings: [] },
  };
}

/** A store that keeps what the core would: the parsed fields, a new version per save. */
function fakeCore() {
  const saves: VisitFields[] = [];
  let version = 1;
  return {
    saves,
    save: vi.fn(async (expected: number, fields: VisitFields) => {
      if (expected !== version) throw new Error('version conflict');
      saves.push(fields);
      version += 1;
      return record(VisitInput.parse(fields), version);
    }),
  };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('the exam autosave', () => {
  it('saves a quiet moment after typing stops, once, with each save on the version the last returned', async () => {
    const core = fakeCore();
    const draft = new ExamDraft({ visit: record(blank(), 1), save: core.save });
    draft.changed({ ...blank(), reason: 'Đau' });
    draft.changed({ ...blank(), reason: 'Đau đầu' });
    expect(draft.unsaved).toBe(true);
    await vi.advanceTimersByTimeAsync(1300);
    expect(core.saves.map((s) => s.reason)).toEqual(['Đau đầu']);
    draft.changed({ ...blank(), reason: 'Đau đầu, chóng mặt' });
    await draft.flush();
    expect(core.saves.map((s) => s.reason)).toEqual(['Đau đầu', 'Đau đầu, chóng mặt']);
    expect(draft.unsaved).toBe(false);
  });

  it('keeps saving everything else while one field is too long, and names that field', async () => {
    const core = fakeCore();
    let issues: readonly FieldIssue[] = [];
    const draft = new ExamDraft({
      visit: record(blank(), 1),
      save: core.save,
      onInvalid: (i) => (issues = i),
    });
    draft.changed({ ...blank(), history: 'x'.repeat(10_000), reason: 'Ho', counselling: 'Uống nhiều nước' });
    expect(issues).toEqual([{ path: 'history', message: 'Bệnh sử: tối đa 4.000 ký tự, đang có 10.000.' }]);
    await draft.flush();
    expect(core.saves).toHaveLength(1);
    expect(core.saves[0]).toMatchObject({ reason: 'Ho', counselling: 'Uống nhiều nước', history: '' });
    // The long note is not on disk: the screen must not be left without asking.
    expect(draft.unsaved).toBe(true);
    draft.changed({ ...blank(), history: 'x'.repeat(3_000), reason: 'Ho', counselling: 'Uống nhiều nước' });
    expect(issues).toEqual([]);
    await draft.flush();
    expect(core.saves[1].history).toHaveLength(3_000);
    expect(draft.unsaved).toBe(false);
  });

  it('holds back an impossible vital but saves the rest, and leaves out a new invalid lab row', () => {
    const saved = blank();
    const typed = {
      ...blank(),
      vitals: { ...blank().vitals, systolic: 400, pulse: 80 },
      labs: [{ group: 'lab' as const, name: 'y'.repeat(500), result: '' }],
    };
    const r = saveable(typed, saved);
    expect(r.issues.map((i) => i.path).sort()).toEqual(['labs.0.name', 'vitals.systolic']);
    expect(r.fields?.vitals).toMatchObject({ systolic: null, pulse: 80 });
    expect(r.fields?.labs).toEqual([]);
  });

  it('reports a failed save and tries again with the next change', async () => {
    const core = fakeCore();
    const errors: unknown[] = [];
    let fail = true;
    const draft = new ExamDraft({
      visit: record(blank(), 1),
      save: async (v, f) => {
        if (fail) throw new Error('disk full');
        return core.save(v, f);
      },
      onError: (e) => errors.push(e),
    });
    draft.changed({ ...blank(), reason: 'Sốt' });
    await draft.flush();
    expect(errors).toHaveLength(1);
    expect(draft.unsaved).toBe(true);
    fail = false;
    await draft.flush();
    expect(core.saves.map((s) => s.reason)).toEqual(['Sốt']);
    expect(draft.unsaved).toBe(false);
  });

  it('saves nothing after it is stopped (the visit was signed or discarded)', async () => {
    const core = fakeCore();
    const draft = new ExamDraft({ visit: record(blank(), 1), save: core.save });
    draft.changed({ ...blank(), reason: 'Ho' });
    draft.stop();
    await vi.advanceTimersByTimeAsync(2000);
    await draft.flush();
    expect(core.saves).toEqual([]);
  });
});
