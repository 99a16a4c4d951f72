import type { Builder, BuildSpec } from '../payload.ts';
import { utf8 } from '../payload.ts';
import { readPkcs12 } from './certificate.ts';
import { loadXml831Codes, type Xml831Codes } from './code-lists.ts';
import { buildXml831 } from './document.ts';
import { signXml831 } from './sign.ts';
import { toXml831Record } from './record.ts';

/** The receiver refuses bodies over 10 MiB; a record that large is not sent at all. */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;

/**
 * Builds each record's signed 831 document. The document is the whole record (parts A–D as they
 * are now, ACTION_TYPE 1 "update the health record"): the receiver replaces what it held for the
 * resident, so a dose or a diagnosis removed here is absent from the next document and nothing
 * needs deleting. The PKCS#12 is opened once per builder (once per run).
 */
export function xml831Builder(spec: Extract<BuildSpec, { kind: 'xml831' }>, now: Date): Builder {
  const opened = readPkcs12(spec.pkcs12, spec.pkcs12Password, now);
  let codes: Xml831Codes | null = null;
  return (s, _sentRefs, nowIso) => {
    const base = { personId: s.personId, version: s.version, bodies: [], entryUrls: [], deletes: [] };
    if (!opened.ok)
      return {
        ...base,
        answer: {
          outcome: 'retry',
          code: `CERT_${opened.code}`,
          messageVi: `${opened.messageVi} Chưa gửi được hồ sơ nào.`,
        },
      };
    if (s.op === 'retire')
      // The 831 XML has no action that retires a record: the survivor's record (sent with its own
      // identifiers) stands for the resident upstream. Nothing to deliver for the merged-away id.
      return {
        ...base,
        answer: {
          outcome: 'acknowledged',
          code: 'XML831_NO_RETIRE',
          messageVi: 'Hồ sơ đã gộp: kho 831 của tỉnh không có thao tác hủy, hồ sơ còn lại được gửi thay.',
        },
      };
    try {
      codes ??= loadXml831Codes(spec.resourcesDir);
      const doc = buildXml831(
        toXml831Record(s.record),
        { code: spec.senderCode, name: spec.senderName },
        codes,
        { now: nowIso },
      );
      const body = utf8(signXml831(doc.xml, opened.key));
      if (body.byteLength > MAX_BODY_BYTES)
        return {
          ...base,
          answer: {
            outcome: 'failed',
            code: 'PAYLOAD_TOO_LARGE',
            messageVi: 'Hồ sơ quá lớn để máy chủ tỉnh nhận (trên 10 MB).',
          },
        };
      return { ...base, bodies: [body], requestId: doc.requestId };
    } catch {
      // A record the builder cannot turn into XML must not stop the others.
      return {
        ...base,
        answer: {
          outcome: 'failed',
          code: 'BUILD_ERROR',
          messageVi: 'Không tạo được tệp XML 831 cho hồ sơ này. Báo cho bộ phận hỗ trợ.',
        },
      };
    }
  };
}
