/**
 * Gathers what a form prints from the database (the builders in defs/ never touch it). Reads go
 * through the registry and record modules' own readers, so a form shows what the screens show.
 */
import type { FormKind, FormsSettings } from '#contract/ops/forms.ts';
import type { VisitRecord } from '#contract/ops/record.ts';
import type { Actor } from '../audit/audit.ts';
import { vnDay } from '../clock.ts';
import type { CoreContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { listVaccines } from '../record/catalogue.ts';
import { loadHistory } from '../record/history.ts';
import { partBWithMaternal } from '../record/maternal-part-b.ts';
import { scheduleFor } from '../record/immunizations.ts';
import { listDoses } from '../record/person-schedule.ts';
import { loadVisit, visitSummaries } from '../record/visits.ts';
import { loadPerson, resolvePersonId } from '../registry/persons.ts';
import { getStation } from '../station/station.ts';
import type { FormCommon, PersonForm, PrintStamp, StationHeading } from './model.ts';
import {
  appointmentForm,
  blankRecordForm,
  blankVisitForm,
  immunizationForm,
  recordForm,
  visitForm,
} from './defs/forms.ts';
import type { DocDefinition } from './pdf/types.ts';

const STAMP_TIME = new Intl.DateTimeFormat('vi-VN', {
  timeZone: 'Asia/Ho_Chi_Minh',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

export function stationHeading(ctx: CoreContext): StationHeading {
  try {
    const s = getStation(ctx);
    return { name: s.name, commune: s.communeName, province: s.provinceName };
  } catch {
    return { name: '', commune: '', province: '' };
  }
}

export function printStamp(ctx: CoreContext, actor: Actor | null): PrintStamp {
  // The name as the account has it (forms sit below security in the module order: read, not imported).
  const fullName = actor
    ? (ctx.store.prepare('SELECT full_name FROM users WHERE id = ?').pluck().get(actor.userId) as
        string | undefined)
    : undefined;
  const by = fullName || actor?.username || '';
  // "07/12/2026 19:30" (Intl puts the time first in vi-VN; the form reads date then time).
  const parts = Object.fromEntries(STAMP_TIME.formatToParts(ctx.clock()).map((p) => [p.type, p.value]));
  return { by, at: `${parts.day}/${parts.month}/${parts.year} ${parts.hour}:${parts.minute}` };
}

export function personForm(ctx: CoreContext, personId: string): PersonForm {
  const person = loadPerson(ctx, personId);
  return {
    person,
    ethnicity: ctx.codes.ethnicities().find((e) => e.code === person.ethnicityCode)?.name ?? '',
    birthProvince: ctx.codes.province(person.birthProvinceCode)?.fullName ?? '',
    nationality: person.nationality === 'VN' ? 'Việt Nam' : person.nationality,
  };
}

/** The local id (or a merged record's id) → the resident's id; a clear message when unknown. */
export function requirePerson(ctx: CoreContext, personId: string | undefined): string {
  const id = personId ? resolvePersonId(ctx, personId) : null;
  if (!id) throw new AppError('NOT_FOUND', { message: 'Không tìm thấy người này trong danh sách dân cư.' });
  return id;
}

/** The visits the full record prints: this calendar year's (default) or the latest N, signed only. */
function recordVisits(
  ctx: CoreContext,
  personId: string,
  settings: FormsSettings,
): { visits: VisitRecord[]; note: string } {
  const signed = visitSummaries(ctx, personId).filter((v) => v.status === 'signed');
  const year = vnDay(ctx.clock()).slice(0, 4);
  const picked =
    settings.recordVisits === 'this-year'
      ? signed.filter((v) => v.visitOn.startsWith(year))
      : signed.slice(0, settings.recordVisitsCount);
  const note =
    settings.recordVisits === 'this-year'
      ? `Các lượt khám năm ${year} (${picked.length} lượt, mới nhất trước).`
      : `${picked.length} lượt khám gần nhất (mới nhất trước).`;
  return { visits: picked.map((v) => loadVisit(ctx, v.id)), note };
}

function visitOf(
  ctx: CoreContext,
  personId: string,
  visitId: string | undefined,
  needFollowUp = false,
): VisitRecord | null {
  if (visitId) {
    const v = loadVisit(ctx, visitId);
    if (v.personId !== personId)
      throw new AppError('NOT_FOUND', { message: 'Lượt khám này không thuộc hồ sơ của người đã chọn.' });
    return v;
  }
  for (const s of visitSummaries(ctx, personId)) {
    if (s.status !== 'signed') continue;
    const v = loadVisit(ctx, s.id);
    if (!needFollowUp || v.followUpOn) return v;
  }
  return null;
}

export interface BuiltForm {
  def: DocDefinition;
  /** The resident the form is about (audit, file name); null for blank forms. */
  personId: string | null;
  /** The resident's name as printed (the job list shows it); '' for blank forms. */
  personName: string;
  fileName: string;
}

const slug = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);

const FILE_PREFIX: Record<FormKind, string> = {
  record: 'ho-so-suc-khoe',
  visit: 'phieu-kham',
  immunization: 'phieu-tiem-chung',
  appointment: 'giay-hen',
  'blank-record': 'ho-so-suc-khoe-mau-trong',
  'blank-visit': 'phieu-kham-mau-trong',
};

/** Loads what `form` needs and builds its definition. */
export function buildForm(
  ctx: CoreContext,
  actor: Actor | null,
  settings: FormsSettings,
  req: { form: FormKind; personId?: string; visitId?: string },
  common: FormCommon = { station: stationHeading(ctx), stamp: printStamp(ctx, actor) },
): BuiltForm {
  if (req.form === 'blank-record')
    return {
      def: blankRecordForm(common, listVaccines(ctx)),
      personId: null,
      personName: '',
      fileName: `${FILE_PREFIX[req.form]}.pdf`,
    };
  if (req.form === 'blank-visit')
    return {
      def: blankVisitForm(common),
      personId: null,
      personName: '',
      fileName: `${FILE_PREFIX[req.form]}.pdf`,
    };
  const personId = requirePerson(ctx, req.personId);
  const person = personForm(ctx, personId);
  const fileName = `${FILE_PREFIX[req.form]}-${slug(person.person.fullName) || 'nguoi-dan'}-${personId.slice(0, 8)}.pdf`;
  const built = (def: DocDefinition): BuiltForm => ({
    def,
    personId,
    personName: person.person.fullName,
    fileName,
  });
  switch (req.form) {
    case 'record': {
      const { history, version } = loadHistory(ctx, personId);
      const { visits, note } = recordVisits(ctx, personId, settings);
      return built(
        recordForm({
          ...common,
          person,
          // B.7 from the pregnancy and family-planning records where they exist (issue 14).
          history: partBWithMaternal(ctx, personId, version > 0 ? history : null),
          doses: listDoses(ctx, personId),
          vaccines: listVaccines(ctx),
          visits,
          visitsNote: note,
        }),
      );
    }
    case 'visit': {
      const visit = visitOf(ctx, personId, req.visitId);
      if (!visit)
        throw new AppError('NOT_FOUND', { message: 'Người này chưa có lượt khám đã ký để in phiếu khám.' });
      return built(visitForm({ ...common, person, visit }));
    }
    case 'immunization': {
      const doses = listDoses(ctx, personId);
      const schedule = scheduleFor(ctx, person.person, doses);
      return built(
        immunizationForm({
          ...common,
          person,
          doses,
          vaccines: listVaccines(ctx),
          schedule: schedule.items,
          next: schedule.next,
          motherTetanusDoses: loadHistory(ctx, personId).history.motherTetanusDoses,
        }),
      );
    }
    case 'appointment': {
      const visit = visitOf(ctx, personId, req.visitId, true);
      const today = vnDay(ctx.clock());
      if (visit?.followUpOn && (req.visitId || visit.followUpOn >= today)) {
        const main = visit.diagnoses.find((d) => d.main) ?? visit.diagnoses[0];
        return built(
          appointmentForm({
            ...common,
            person,
            date: visit.followUpOn,
            purposes: [`Tái khám${main ? `: ${main.name}` : visit.reason ? `: ${visit.reason}` : ''}`],
            fromVisitOn: visit.visitOn,
            paper: settings.appointmentPaper,
          }),
        );
      }
      const next = scheduleFor(ctx, person.person, listDoses(ctx, personId)).next;
      if (!next)
        throw new AppError('NOT_FOUND', {
          message: 'Người này không có ngày hẹn tái khám hay hẹn tiêm nào để in giấy hẹn.',
        });
      return built(
        appointmentForm({
          ...common,
          person,
          date: next.date,
          purposes: [`Tiêm chủng: ${next.names.join(', ')}`],
          fromVisitOn: null,
          paper: settings.appointmentPaper,
        }),
      );
    }
  }
}
