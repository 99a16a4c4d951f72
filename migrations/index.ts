import type { Migration } from '../main/core/db/migrate.ts';
import * as m0001 from './0001_foundation.ts';
import * as m0002 from './0002_registry.ts';
import * as m0003 from './0003_record.ts';
import * as m0004 from './0004_devices.ts';
import * as m0005 from './0005_query_indexes.ts';
import * as m0006 from './0006_reading_context.ts';
import * as m0007 from './0007_part_a_more.ts';
import * as m0008 from './0008_immunization_due.ts';
import * as m0009 from './0009_outbox_per_record.ts';
import * as m0010 from './0010_immunization_due_today.ts';
import * as m0011 from './0011_person_changes.ts';
import * as m0012 from './0012_print_jobs.ts';
import * as m0013 from './0013_audit_anchor.ts';
import * as m0014 from './0014_upstream_sync.ts';
import * as m0015 from './0015_sync_sent_resources.ts';
import * as m0016 from './0016_backup_settings.ts';
import * as m0017 from './0017_immunization_due_doses.ts';
import * as m0018 from './0018_reports.ts';
import * as m0019 from './0019_visit_treatment.ts';
import * as m0020 from './0020_pregnancy_family_planning.ts';
import * as m0021 from './0021_child_supplements.ts';
import * as m0022 from './0022_campaigns.ts';
import * as m0023 from './0023_audit_secret.ts';
import * as m0024 from './0024_report_covering_indexes.ts';
import * as m0025 from './0025_last_measurements.ts';
import * as m0026 from './0026_outbox_acknowledged.ts';
import * as m0027 from './0027_record_changed.ts';

/**
 * Every schema step, in order. Registered statically (no folder scan) so migrations survive
 * bundling into the Electron app. Steps are frozen once landed: never edit one, add the next.
 */
export const MIGRATIONS: readonly Migration[] = [
  m0001,
  m0002,
  m0003,
  m0004,
  m0005,
  m0006,
  m0007,
  m0008,
  m0009,
  m0010,
  m0011,
  m0012,
  m0013,
  m0014,
  m0015,
  m0016,
  m0017,
  m0018,
  m0019,
  m0020,
  m0021,
  m0022,
  m0023,
  m0024,
  m0025,
  m0026,
  m0027,
];
