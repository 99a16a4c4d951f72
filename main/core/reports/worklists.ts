/**
 * The residents behind each dashboard figure, and the work lists with actions (overdue NCD
 * follow-ups, vaccines due, not examined in 12 months, malnourished children, failed uploads).
 * Each list is built from the same functions as its figure, so the count on the dashboard is the
 * length of its list. Rows are ordered for the work: the most overdue first where there is a due
 * date, else by village and name.
 */
import type { z } from 'zod';
import type { Worklist, WorklistInput, WorklistKind } from '#contract/ops/reports.ts';
import { isoToVn } from '#contract/dates.ts';
import type { CoreContext } from '../context.ts';
import { dueList } from '../record/immunization-due-list.ts';
import { NCD_REGISTER_LABELS, type NcdRegister } from '../record/rules/ncd.ts';
import { daysBetween } from '../record/rules/dates.ts';
import { updatedRows } from './activity.ts';
import { ncdRows, under1Cohort } from './care.ts';
import { scopeOf } from './dashboard.ts';
import { childrenGrowth, shortfallText } from './growth-status.ts';
import {
  AGE_GROUP_SQL,
  ageParams,
  HAS_RECORD_SQL,
  monthEnd,
  shiftMonths,
  villageParam,
  villageSql,
  type Scope,
} from './scope.ts';
import { acknowledgedRows, failedRows } from './upload.ts';

type Input = Omit<z.output<typeof WorklistInput>, 'limit'> & { limit: number };
type Output = z.input<typeof Worklist>;

interface Entry {
  id: string;
  /** Known when the entry comes from the registry's own query (the list is then ordered by it). */
  village?: string;
  date: string | null;
  detail: string;
  /** Work lists with a due date put the earliest first; the rest go by village and name. */
  urgency?: string;
}

interface Built {
  title: string;
  dateLabel: string;
  detailLabel: string;
  entries: Entry[];
  /** The entries are in the list's order already (large lists are ordered by SQL). */
  ordered?: boolean;
  /** Rows already complete (the vaccine due list's own), in their own order. */
  rows?: Output['rows'];
  total?: number;
}

const AGE_KINDS: Partial<Record<WorklistKind, { group: number; title: string }>> = {
  'age-under6': { group: 0, title: 'Trẻ em dưới 6 tuổi' },
  'age-pupils': { group: 1, title: 'Học sinh (6–17 tuổi)' },
  'age-working': { group: 2, title: 'Người trong độ tuổi lao động (18–59 tuổi)' },
  'age-elderly': { group: 3, title: 'Người cao tuổi (từ 60 tuổi)' },
};

/** Residents of the scope matching a condition, by village and name (sorted by SQL: lists of tens of thousands). */
function residents(
  ctx: CoreContext,
  scope: Scope,
  where: string,
  extra: Record<string, unknown> = {},
): Entry[] {
  return (
    ctx.store
      .prepare(
        `SELECT p.id, p.village, p.last_visit_on FROM persons p WHERE ${where}${villageSql(scope)}
         ORDER BY p.name_folded, p.id`,
      )
      .all({ ...extra, ...villageParam(scope) }) as {
      id: string;
      village: string;
      last_visit_on: string | null;
    }[]
  ).map((r) => ({ id: r.id, village: r.village, date: r.last_visit_on, detail: '' }));
}

/**
 * Each village's place in Vietnamese order ("Thôn Đông" before "Thôn Tây": SQLite's byte order puts
 * Đ after every Latin letter). A handful of villages: sorting rows by their rank stays fast.
 */
function villageRanks(villages: Iterable<string>): Map<string, number> {
  const sorted = [...new Set(villages)].sort(new Intl.Collator('vi').compare);
  return new Map(sorted.map((v, i) => [v, i]));
}

/** How a list reads: `refreshDue: false` on a worker's read-only connection (see dueList). */
export interface ReadOptions {
  refreshDue?: boolean;
}

function build(ctx: CoreContext, scope: Scope, input: Input, options: ReadOptions): Built {
  const cut12 = shiftMonths(scope.asOf, -12);
  const lastVisit = (e: Entry): Entry => ({
    ...e,
    detail: e.date ? `Khám lần cuối ${isoToVn(e.date)}` : 'Chưa khám lần nào',
  });
  const age = AGE_KINDS[input.kind];
  if (age)
    return {
      title: age.title,
      dateLabel: 'Khám lần cuối',
      detailLabel: 'Ghi chú',
      ordered: true,
      entries: residents(ctx, scope, `p.status = 'active' AND ${AGE_GROUP_SQL} = @group`, {
        ...ageParams(scope.asOf),
        group: age.group,
      }),
    };
  switch (input.kind) {
    case 'with-record':
    case 'without-record':
      return {
        title:
          input.kind === 'with-record'
            ? 'Người dân đã có hồ sơ sức khỏe'
            : 'Người dân chưa có hồ sơ sức khỏe',
        dateLabel: 'Khám lần cuối',
        detailLabel: 'Ghi chú',
        ordered: true,
        entries: residents(
          ctx,
          scope,
          `p.status = 'active' AND (${HAS_RECORD_SQL}) = ${input.kind === 'with-record' ? 1 : 0}`,
        ).map((e) => (input.kind === 'with-record' ? e : { ...e, detail: 'Chỉ có thông tin hành chính' })),
      };
    case 'examined':
      return {
        title: 'Người dân được khám trong 12 tháng qua',
        dateLabel: 'Khám lần cuối',
        detailLabel: 'Ghi chú',
        ordered: true,
        entries: residents(ctx, scope, `p.status = 'active' AND p.last_visit_on >= @cut`, { cut: cut12 }),
      };
    case 'not-examined':
      return {
        title: 'Người dân chưa khám hoặc quá 12 tháng chưa khám',
        dateLabel: 'Khám lần cuối',
        detailLabel: 'Tình trạng',
        ordered: true,
        entries: residents(
          ctx,
          scope,
          `p.status = 'active' AND (p.last_visit_on IS NULL OR p.last_visit_on < @cut)`,
          {
            cut: cut12,
          },
        ).map(lastVisit),
      };
    case 'moved':
    case 'deceased':
      return {
        title: input.kind === 'moved' ? 'Người đã chuyển đi' : 'Người đã mất',
        dateLabel: 'Khám lần cuối',
        detailLabel: 'Ghi chú',
        ordered: true,
        entries: residents(ctx, scope, `p.status = @status`, { status: input.kind }),
      };
    case 'updated':
      return {
        title: 'Hồ sơ được cập nhật trong kỳ (tiền sử, tiêm chủng, khám)',
        dateLabel: 'Cập nhật lần cuối',
        detailLabel: 'Ghi chú',
        entries: updatedRows(ctx, scope).map((r) => ({
          id: r.id,
          date: new Date(Date.parse(r.at) + 7 * 3_600_000).toISOString().slice(0, 10),
          detail: '',
        })),
      };
    case 'acknowledged':
    case 'upload-failed': {
      const ok = input.kind === 'acknowledged';
      return {
        title: ok ? 'Hồ sơ tuyến trên đã nhận' : 'Hồ sơ gửi lên tuyến trên bị lỗi',
        dateLabel: ok ? 'Ngày nhận' : 'Lần gửi cuối',
        detailLabel: ok ? 'Tuyến trên' : 'Lý do',
        entries: (ok ? acknowledgedRows(ctx, scope) : failedRows(ctx, scope)).map((r) => ({
          id: r.id,
          date: r.at ? new Date(Date.parse(r.at) + 7 * 3_600_000).toISOString().slice(0, 10) : null,
          detail: ok
            ? r.detail.replace('xml831', 'Kho HSSK tỉnh (XML 831)').replace('fhir', 'FHIR')
            : r.detail,
        })),
      };
    }
    case 'ncd-managed':
    case 'ncd-followed':
    case 'ncd-overdue': {
      const rows = ncdRows(ctx, scope).filter(
        (r) =>
          (input.register === undefined || r.register === input.register) &&
          (input.kind === 'ncd-managed' ||
            (input.kind === 'ncd-followed' ? r.followed3m : r.overdueSince !== null)),
      );
      const which = input.register ? ` — ${registerName(input.register)}` : '';
      return {
        title:
          input.kind === 'ncd-managed'
            ? `Người bệnh đang quản lý${which}`
            : input.kind === 'ncd-followed'
              ? `Người bệnh được khám lại trong 3 tháng qua${which}`
              : `Người bệnh quá hạn tái khám${which}`,
        dateLabel: input.kind === 'ncd-overdue' ? 'Hẹn tái khám' : 'Khám lần cuối',
        detailLabel: 'Sổ quản lý',
        entries: rows.map((r) => ({
          id: r.personId,
          date: input.kind === 'ncd-overdue' ? r.overdueSince : r.lastVisitOn,
          detail:
            registerName(r.register) +
            (r.overdueSince && input.kind === 'ncd-overdue'
              ? ` — quá hạn ${daysBetween(r.overdueSince, scope.asOf) ?? 0} ngày`
              : ''),
          ...(input.kind === 'ncd-overdue' && r.overdueSince ? { urgency: r.overdueSince } : {}),
        })),
      };
    }
    case 'vaccines-due':
    case 'vaccines-overdue': {
      const overdueOnly = input.kind === 'vaccines-overdue';
      // The immunisation due list itself: a session on the month's last day, or today for the overdue.
      const list = dueList(
        ctx,
        {
          sessionDate: overdueOnly ? scope.asOf : monthEnd(scope.asOf),
          village: scope.village,
          limit: 1_000_000,
        },
        { refresh: options.refreshDue },
      );
      const rows = list.rows
        .filter((r) => !overdueOnly || r.doses.some((d) => d.status === 'overdue'))
        .map((r) => ({
          personId: r.personId,
          fullName: r.fullName,
          birthDate: r.birthDate,
          sex: r.sex,
          village: r.village,
          phone: r.phone,
          date: r.doses[0]?.due ?? null,
          detail: r.doses.map((d) => `${d.name}${d.status === 'overdue' ? ' (quá hạn)' : ''}`).join('; '),
        }));
      return {
        title: overdueOnly
          ? 'Trẻ quá hạn tiêm chủng'
          : `Trẻ đến hạn tiêm chủng trong tháng ${scope.asOf.slice(5, 7)}/${scope.asOf.slice(0, 4)}`,
        dateLabel: 'Hạn tiêm',
        detailLabel: 'Mũi tiêm',
        entries: [],
        rows,
        total: rows.length,
      };
    }
    case 'fully-immunised':
    case 'not-fully-immunised': {
      const full = input.kind === 'fully-immunised';
      return {
        title: full
          ? 'Trẻ tròn 1 tuổi trong kỳ được tiêm chủng đầy đủ'
          : 'Trẻ tròn 1 tuổi trong kỳ chưa tiêm chủng đầy đủ',
        dateLabel: 'Ngày tròn 1 tuổi',
        detailLabel: full ? 'Ghi chú' : 'Mũi còn thiếu',
        entries: under1Cohort(ctx, scope)
          .filter((c) => (c.missing.length === 0) === full)
          .map((c) => ({ id: c.personId, date: c.birthday, detail: c.missing.join(', ') })),
      };
    }
    case 'malnourished':
    case 'under5-low': {
      const all = input.kind === 'malnourished';
      return {
        title: all
          ? 'Trẻ dưới 5 tuổi suy dinh dưỡng (dưới −2 SD ở lần đo cuối)'
          : 'Trẻ dưới 5 tuổi nhẹ cân hoặc thấp còi (dưới −2 SD ở lần đo cuối)',
        dateLabel: 'Ngày đo',
        detailLabel: 'Chỉ số dưới −2 SD (z-score)',
        entries: childrenGrowth(ctx, scope)
          .map((c) => ({ ...c, below: all ? c.below : c.below.filter((b) => b.indicator !== 'wflh') }))
          .filter((c) => c.below.length > 0)
          .map((c) => ({ id: c.personId, date: c.measuredOn, detail: shortfallText(c.below) })),
      };
    }
  }
  throw new Error(`unknown work list ${String(input.kind)}`);
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const registerName = (r: NcdRegister): string =>
  NCD_REGISTER_LABELS[r].replace('Quản lý t', 'T').replace('Quản lý đ', 'Đ');

interface PersonRow {
  id: string;
  full_name: string;
  birth_date: string;
  sex: 'M' | 'F';
  village: string;
  phone_mobile: string;
  name_folded: string;
}

/** The list, in its order, cut to `limit` rows (the export passes no limit). */
export function worklist(ctx: CoreContext, input: Input, options: ReadOptions = {}): Output {
  const scope = scopeOf(ctx, input);
  const b = build(ctx, scope, input, options);
  if (b.rows)
    return {
      kind: input.kind,
      title: b.title,
      dateLabel: b.dateLabel,
      detailLabel: b.detailLabel,
      total: b.total ?? b.rows.length,
      rows: b.rows.slice(0, input.limit),
    };
  let entries = b.entries;
  let people: Map<string, PersonRow>;
  if (b.ordered) {
    // By name from SQL; by village here (a stable sort keeps the names' order within each).
    const rank = villageRanks(entries.map((e) => e.village ?? ''));
    entries = [...entries].sort(
      (x, y) => (rank.get(x.village ?? '') ?? 0) - (rank.get(y.village ?? '') ?? 0),
    );
    entries = entries.slice(0, input.limit);
    people = personsOf(
      ctx,
      entries.map((e) => e.id),
    );
  } else {
    people = personsOf(
      ctx,
      entries.map((e) => e.id),
    );
    entries = entries.filter((e) => people.has(e.id));
    // Plain comparisons of the folded name: a list of thousands sorts in milliseconds.
    const key = (e: Entry) => people.get(e.id) as PersonRow;
    const rank = villageRanks([...people.values()].map((x) => x.village));
    entries.sort((x, y) => {
      if (x.urgency && y.urgency && x.urgency !== y.urgency) return x.urgency < y.urgency ? -1 : 1;
      const p = key(x);
      const q = key(y);
      return (
        (rank.get(p.village) ?? 0) - (rank.get(q.village) ?? 0) ||
        cmp(p.name_folded, q.name_folded) ||
        cmp(p.id, q.id)
      );
    });
  }
  const total = b.ordered ? b.entries.length : entries.length;
  return {
    kind: input.kind,
    title: b.title,
    dateLabel: b.dateLabel,
    detailLabel: b.detailLabel,
    total,
    rows: entries.slice(0, input.limit).map((e) => {
      const p = people.get(e.id) as PersonRow;
      return {
        personId: p.id,
        fullName: p.full_name,
        birthDate: p.birth_date,
        sex: p.sex,
        village: p.village,
        phone: p.phone_mobile,
        date: e.date,
        detail: e.detail,
      };
    }),
  };
}

/** Part A of the residents listed, 500 at a time by the id index. */
function personsOf(ctx: CoreContext, ids: readonly string[]): Map<string, PersonRow> {
  const out = new Map<string, PersonRow>();
  for (let i = 0; i < ids.length; i += 500) {
    const batch = ids.slice(i, i + 500);
    const rows = ctx.store
      .prepare(
        `SELECT id, full_name, birth_date, sex, village, phone_mobile, name_folded FROM persons
         WHERE id IN (${batch.map(() => '?').join(',')})`,
      )
      .all(...batch) as PersonRow[];
    for (const r of rows) out.set(r.id, r);
  }
  return out;
}
