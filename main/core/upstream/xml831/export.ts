import { isoNow } from '../../clock.ts';
import type { CoreContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { appendAudit, type Actor } from '../../audit/audit.ts';
import { getStation } from '../../station/station.ts';
import { loadRecordData } from '../snapshot.ts';
import { toXml831Record } from './record.ts';
import { readPkcs12 } from './certificate.ts';
import { loadXml831Codes } from './code-lists.ts';
import { buildXml831 } from './document.ts';
import { signXml831 } from './sign.ts';

/** The parts of the saved upstream settings the export needs (sync-engine's settings row, read only). */
interface SavedXml831 {
  senderCode: string;
  pkcs12Base64: string | undefined;
  pkcs12Password: string | undefined;
}

function savedXml831(ctx: CoreContext): SavedXml831 {
  const row = ctx.store.prepare('SELECT settings, secrets FROM upstream_settings WHERE id = 1').get() as
    { settings: string; secrets: string } | undefined;
  const settings = (row ? JSON.parse(row.settings) : {}) as { xml831?: { senderCode?: string } };
  const secrets = (row ? JSON.parse(row.secrets) : {}) as {
    xml831?: { pkcs12Base64?: string; pkcs12Password?: string };
  };
  return {
    senderCode: settings.xml831?.senderCode ?? '',
    pkcs12Base64: secrets.xml831?.pkcs12Base64,
    pkcs12Password: secrets.xml831?.pkcs12Password,
  };
}

/** Finds a resident by the app's id (or a merged-away id), a CCCD/CMND number or a BHYT card number. */
function findResident(ctx: CoreContext, key: string): string | null {
  const compact = key.replace(/[\s.-]/g, '').toUpperCase();
  const direct = ctx.store
    .prepare(
      `SELECT id FROM persons WHERE id = ?
       UNION ALL SELECT person_id FROM person_identifiers WHERE value = ? AND kind IN ('alias', 'cccd', 'cmnd', 'bhyt', 'bhxh', 'passport')
       LIMIT 1`,
    )
    .get(key, compact) as { id: string } | undefined;
  return direct?.id ?? null;
}

/**
 * The 831 XML of one resident as the province would receive it now, signed with the station's saved
 * certificate (unsigned, saying why, when there is none or it cannot be used). Reading the record
 * is audited like opening it.
 */
export function exportXml831(
  ctx: CoreContext,
  actor: Actor,
  key: string,
): {
  personId: string;
  fullName: string;
  requestId: string;
  xml: string;
  signed: boolean;
  messageVi: string;
} {
  const personId = findResident(ctx, key);
  if (!personId)
    throw new AppError('NOT_FOUND', {
      message: 'Không tìm thấy người dân với mã, số CCCD hoặc số thẻ BHYT này.',
    });
  const station = getStation(ctx);
  const saved = savedXml831(ctx);
  const data = loadRecordData(ctx, personId);
  const now = new Date(isoNow(ctx.clock));
  const doc = buildXml831(
    toXml831Record(data),
    { code: saved.senderCode || station.code, name: station.name },
    loadXml831Codes(ctx.resourcesDir),
    { now: now.toISOString() },
  );
  ctx.store.tx(() =>
    appendAudit(
      ctx.store,
      actor,
      { action: 'record.read', entity: 'person', entityId: personId, details: { via: 'xml831.export' } },
      now.toISOString(),
    ),
  );
  const base = { personId, fullName: data.person.fullName, requestId: doc.requestId };
  if (!saved.pkcs12Base64)
    return {
      ...base,
      xml: doc.xml,
      signed: false,
      messageVi: 'Trạm chưa lưu chứng thư số trong cài đặt đồng bộ: tệp XML chưa được ký.',
    };
  const opened = readPkcs12(Buffer.from(saved.pkcs12Base64, 'base64'), saved.pkcs12Password ?? '', now);
  if (!opened.ok)
    return { ...base, xml: doc.xml, signed: false, messageVi: `${opened.messageVi} Tệp XML chưa được ký.` };
  return { ...base, xml: signXml831(doc.xml, opened.key), signed: true, messageVi: '' };
}
