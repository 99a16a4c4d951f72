import { z } from 'zod';
import { command, query } from '../define.ts';
import { Empty, IsoDate, Text, Uuid } from '../schemas/common.ts';

/**
 * Upload to the provincial repository (and optionally a FHIR R4 server): settings, runs, the
 * closing-time batch, the state of every resident record in the outbox, consent to share.
 * Secrets (passwords, client secrets, private keys, the PKCS#12 file) are write-only: a save takes
 * them, nothing ever returns them — the view says only whether one is set.
 */

export const UPSTREAM_KINDS = ['xml831', 'fhir'] as const;
export const UpstreamKindSchema = z.enum(UPSTREAM_KINDS);
export type UpstreamKindName = z.infer<typeof UpstreamKindSchema>;

/** A resident's consent to share the record beyond the statutory repository (part A). */
export const CONSENT_STATES = ['unknown', 'given', 'refused', 'withdrawn'] as const;
export const ConsentStateSchema = z.enum(CONSENT_STATES);
export type ConsentState = z.infer<typeof ConsentStateSchema>;
export const CONSENT_LABELS: Record<ConsentState, string> = {
  unknown: 'Chưa hỏi',
  given: 'Đồng ý chia sẻ',
  refused: 'Không đồng ý',
  withdrawn: 'Đã rút lại đồng ý',
};

/** Per record and upstream. 'edited': acknowledged once, changed since (will be sent again). */
export const DELIVERY_STATES = ['pending', 'sending', 'acknowledged', 'failed', 'edited', 'skipped'] as const;
export const DeliveryState = z.enum(DELIVERY_STATES);
export type DeliveryState = z.infer<typeof DeliveryState>;

const Url = z
  .string()
  .max(2000)
  .trim()
  .refine(
    (s) => s === '' || /^https?:\/\/[^\s]+$/i.test(s),
    'Địa chỉ phải bắt đầu bằng http:// hoặc https://',
  );

/** How a FHIR upstream is signed in to. */
export const FHIR_AUTH = ['none', 'bearer', 'client-credentials', 'smart-backend'] as const;

/** Secret fields: absent = keep the saved one, '' = clear it. Never sent back. */
const Secret = (max: number) => z.string().max(max).optional();

export const FhirSettingsInput = z.object({
  enabled: z.boolean().default(false),
  /** FHIR is a sharing upstream unless the province declares it its statutory repository. */
  statutory: z.boolean().default(false),
  url: Url.default(''),
  auth: z.enum(FHIR_AUTH).default('none'),
  tokenUrl: Url.default(''),
  clientId: Text(200).default(''),
  scope: Text(500).default(''),
  /** bearer: the token; client-credentials: the client secret. */
  secret: Secret(4000),
  /** smart-backend: PEM private key (RS384 or ES384) and its key id. */
  privateKeyPem: Secret(10_000),
  keyId: Text(200).default(''),
});

export const Xml831SettingsInput = z.object({
  enabled: z.boolean().default(false),
  statutory: z.boolean().default(true),
  url: Url.default(''),
  /** The station's code as the province knows it (SENDER_CODE). */
  senderCode: Text(50).default(''),
  username: Text(100).default(''),
  password: Secret(500),
  /** The station's signing certificate, PKCS#12 as base64, and its password. */
  pkcs12Base64: Secret(200_000),
  pkcs12Password: Secret(500),
  /** CA certificate (PEM) to trust for the provincial server, if not a public CA. */
  caPem: Secret(50_000),
});

export const ScheduleInput = z.object({
  /** Minutes between runs while online; 0 = only by hand and at closing time. */
  intervalMinutes: z
    .number()
    .int()
    .min(0)
    .max(24 * 60)
    .default(30),
  /** HH:MM, station time: the reminder to send the day's data, then the run. '' = no reminder. */
  closingTime: z
    .string()
    .regex(/^(([01]\d|2[0-3]):[0-5]\d)?$/, 'Giờ phải có dạng HH:MM')
    .default('16:30'),
  /** Records per request. */
  batchSize: z.number().int().min(1).max(500).default(50),
});

export const UpstreamSettingsInput = z.object({
  fhir: FhirSettingsInput.default(FhirSettingsInput.parse({})),
  xml831: Xml831SettingsInput.default(Xml831SettingsInput.parse({})),
  schedule: ScheduleInput.default(ScheduleInput.parse({})),
});
export type UpstreamSettingsInput = z.input<typeof UpstreamSettingsInput>;
export type UpstreamSettings = z.output<typeof UpstreamSettingsInput>;

/** The settings as the UI sees them: every secret replaced by whether it is set. */
export const UpstreamSettingsView = z.object({
  fhir: FhirSettingsInput.omit({ secret: true, privateKeyPem: true }).extend({
    hasSecret: z.boolean(),
    hasPrivateKey: z.boolean(),
  }),
  xml831: Xml831SettingsInput.omit({
    password: true,
    pkcs12Base64: true,
    pkcs12Password: true,
    caPem: true,
  }).extend({
    hasPassword: z.boolean(),
    hasCertificate: z.boolean(),
    /** The saved certificate's subject and validity, to show (never the key). */
    certificate: z.object({ subject: z.string(), validFrom: z.string(), validTo: z.string() }).nullable(),
    hasCa: z.boolean(),
  }),
  schedule: ScheduleInput,
});
export type UpstreamSettingsView = z.output<typeof UpstreamSettingsView>;

export const CheckOutput = z.object({
  ok: z.boolean(),
  messageVi: z.string(),
  latencyMs: z.number().nullable(),
});

export const RunSummary = z.object({
  runId: z.string(),
  upstream: UpstreamKindSchema,
  /** Records handed to the upstream (each attempt of a record counts once per run). */
  sent: z.number().int(),
  acknowledged: z.number().int(),
  failed: z.number().int(),
  /** Not sent: a sharing upstream and no consent; or --dry-run. */
  skipped: z.number().int(),
  /** Left for a later try (transient failures, cancelled, backing off). */
  retrying: z.number().int(),
  duration_ms: z.number().int(),
  status: z.enum(['done', 'partial', 'cancelled', 'offline', 'error', 'dry-run']),
  messageVi: z.string(),
});
export type RunSummary = z.output<typeof RunSummary>;

export const RunRow = z.object({
  id: z.string(),
  upstream: UpstreamKindSchema,
  trigger: z.enum(['manual', 'schedule', 'closing', 'cli']),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  status: z.string(),
  sent: z.number().int(),
  acknowledged: z.number().int(),
  failed: z.number().int(),
  skipped: z.number().int(),
  messageVi: z.string(),
});

export const StatusOutput = z.object({
  upstreams: z.array(
    z.object({
      kind: UpstreamKindSchema,
      enabled: z.boolean(),
      statutory: z.boolean(),
      counts: z.record(DeliveryState, z.number().int()),
      /** Records waiting (pending, edited, failed-to-retry), by the day they were first queued. */
      waitingByDay: z.array(z.object({ day: z.string(), count: z.number().int() })),
      lastSuccessAt: z.string().nullable(),
    }),
  ),
  /** Records waiting for any enabled upstream: the status-bar badge. */
  pendingTotal: z.number().int(),
  lastSuccessAt: z.string().nullable(),
  recentRuns: z.array(RunRow),
  /** A closing-time run in progress (its job id for job.progress), or null. */
  running: z.object({ jobId: z.string(), upstream: UpstreamKindSchema.nullable() }).nullable(),
  nextScheduledAt: z.string().nullable(),
});
export type StatusOutput = z.output<typeof StatusOutput>;

export const FailedRow = z.object({
  personId: z.string(),
  fullName: z.string(),
  upstream: UpstreamKindSchema,
  code: z.string(),
  messageVi: z.string(),
  attempts: z.number().int(),
  lastTriedAt: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
});

const KindFilter = z.object({ upstream: UpstreamKindSchema.optional() });

export const upstreamOps = {
  'upstream.getSettings': query({ input: Empty, output: UpstreamSettingsView, access: 'station.manage' }),
  'upstream.saveSettings': command({
    input: UpstreamSettingsInput,
    output: UpstreamSettingsView,
    access: 'station.manage',
  }),
  'upstream.check': command({
    input: z.object({ upstream: UpstreamKindSchema }),
    output: CheckOutput,
    access: 'sync.run',
  }),
  'upstream.status': query({ input: Empty, output: StatusOutput, access: 'sync.run' }),
  'upstream.failed': query({
    input: KindFilter.extend({ limit: z.number().int().min(1).max(1000).default(200) }),
    output: z.array(FailedRow),
    access: 'sync.run',
  }),
  /** Gửi lại: one record (personId) or every failed one; they are tried at the next run, at once. */
  'upstream.retry': command({
    input: KindFilter.extend({ personId: Uuid.optional() }),
    output: z.object({ requeued: z.number().int() }),
    access: 'sync.run',
  }),
  /** Run now (waits for the end): every enabled upstream, or one. */
  'upstream.run': command({
    input: KindFilter.extend({ dryRun: z.boolean().default(false), url: Url.optional() }),
    output: z.array(RunSummary),
    access: 'sync.run',
  }),
  /** "Gửi dữ liệu cuối ngày": what will go, per upstream (nothing is sent). */
  'upstream.closingPreview': query({
    input: Empty,
    output: z.array(
      z.object({ upstream: UpstreamKindSchema, toSend: z.number().int(), toSkip: z.number().int() }),
    ),
    access: 'sync.run',
  }),
  /** Starts the closing-time run in the background; progress on job.progress (kind 'sync'). */
  'upstream.closingStart': command({
    input: Empty,
    output: z.object({ jobId: z.string() }),
    access: 'sync.run',
  }),
  'upstream.closingCancel': command({
    input: z.object({ jobId: z.string().max(100) }),
    output: z.object({ cancelled: z.boolean() }),
    access: 'sync.run',
  }),
  /** The result of a closing-time run once finished (null while running or unknown). */
  'upstream.closingResult': query({
    input: z.object({ jobId: z.string().max(100) }),
    output: z.object({ finished: z.boolean(), summaries: z.array(RunSummary) }),
    access: 'sync.run',
  }),
  /** Part A: the resident's consent to share, as recorded ('unknown' when nobody asked). */
  'upstream.getConsent': query({
    input: z.object({ personId: Uuid }),
    output: z.object({
      state: ConsentStateSchema,
      decidedOn: z.string().nullable(),
      recordedBy: z.string().nullable(),
    }),
    access: 'persons.read',
  }),
  /** Part A: the resident's consent to share (given / refused / withdrawn), the day, who recorded it. */
  'upstream.setConsent': command({
    input: z.object({ personId: Uuid, state: ConsentStateSchema, decidedOn: IsoDate }),
    output: z.object({
      state: ConsentStateSchema,
      decidedOn: z.string().nullable(),
      recordedBy: z.string().nullable(),
    }),
    access: 'persons.write',
  }),
};
