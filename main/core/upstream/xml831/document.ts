import { createHash, randomUUID } from 'node:crypto';
import type { Xml831Codes } from './code-lists.ts';
import { xmlDateTime } from './format.ts';
import { thongTinChung } from './part-a.ts';
import { tienSu } from './part-b.ts';
import { tiemChung } from './part-c.ts';
import { danhSachKham } from './part-d.ts';
import type { Xml831Record, Xml831Sender } from './source.ts';
import { leaf, node, serialise } from './xml.ts';

export const MESSAGE_VERSION = '1.0';
export const TRANSACTION_TYPE = 'HSSK_QD831';

export interface Xml831Document {
  /** The whole document with an empty SECURITY/SIGNATURE, ready to sign. */
  readonly xml: string;
  /**
   * The idempotency key: the resident's id and a digest of BODY. The same record version always
   * gets the same REQUEST_ID (a resend after a crash is ACCEPTED_DUPLICATE upstream), and any
   * change to what is sent gets a new one (never a REQUEST_ID_CONFLICT for an honest edit).
   */
  readonly requestId: string;
}

/** The unsigned DATA/HEADER/BODY/HOSOSUCKHOE document of one resident (§1.5). */
export function buildXml831(
  rec: Xml831Record,
  sender: Xml831Sender,
  codes: Xml831Codes,
  opts: { now: string; transactionId?: string },
): Xml831Document {
  const body = node('BODY', [
    node('HOSOSUCKHOE', [thongTinChung(rec, codes), tienSu(rec.history), tiemChung(rec), danhSachKham(rec)]),
  ]);
  // The digest is over BODY's own serialisation, which depends only on the record (not on the time).
  const digest = createHash('sha256').update(serialise(body)).digest('hex').slice(0, 20);
  const requestId = `HSSK-${rec.person.id}-${digest}`;
  const header = node('HEADER', [
    leaf('MESSAGE_VERSION', MESSAGE_VERSION),
    leaf('SENDER_CODE', sender.code),
    leaf('SENDER_NAME', sender.name),
    leaf('TRANSACTION_TYPE', TRANSACTION_TYPE),
    leaf('TRANSACTION_NAME', 'Hồ sơ quản lý sức khỏe cá nhân theo QĐ 831/QĐ-BYT'),
    leaf('TRANSACTION_DATE', xmlDateTime(opts.now)),
    leaf('TRANSACTION_ID', opts.transactionId ?? randomUUID()),
    leaf('REQUEST_ID', requestId),
    // Always "1" (add or update): the receiver keys a resident on MADINHDANH/MA_LK; nothing is deleted.
    leaf('ACTION_TYPE', '1'),
  ]);
  const xml = serialise(node('DATA', [header, body, node('SECURITY', [leaf('SIGNATURE', '')])]));
  return { xml, requestId };
}
