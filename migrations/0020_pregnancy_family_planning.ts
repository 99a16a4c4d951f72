import { randomUUID } from 'node:crypto';
import type { SqliteDatabase } from '../main/core/db/sqlite.ts';

/**
 * Pregnancy management and family planning (issue 14, points 2 and 3), enough for the antenatal
 * (A3), delivery (A4) and contraception (A5.1) registers of TT 23/2025:
 *
 * - `pregnancies`: one episode per pregnancy — last menstrual period, expected delivery (Naegele,
 *   editable), gravida/para, and its end (a birth: day, place, mode, the baby's weight; or another
 *   ending). Open while `outcome` is NULL.
 * - `antenatal_visits`: each antenatal check of an episode — the gestational age on the day (kept,
 *   so the register reads it without recomputing), weight, pressure, fundal height, risk signs,
 *   iron/folic acid, the tetanus dose given with it (a row of `immunizations`), the next appointment.
 * - `family_planning`: the method a woman uses (a code), from when, the next check-up, its end.
 *
 * Part B's "Biện pháp tránh thai đang dùng" was free text; each non-empty one becomes a method row
 * (source 'part-b'): recognisable words map to a code, anything else is 'other' with the text kept;
 * "Không"/"chưa" (none) gives no row. The text itself stays in part B as written: nothing is lost
 * or rewritten.
 */
export const name = '0020_pregnancy_family_planning';

export function up(db: SqliteDatabase): void {
  db.exec(`
    CREATE TABLE pregnancies (
      id              TEXT PRIMARY KEY,
      person_id       TEXT NOT NULL REFERENCES persons (id) ON DELETE CASCADE,
      lmp             TEXT NOT NULL,
      edd             TEXT NOT NULL,
      gravida         INTEGER,
      para            INTEGER,
      outcome         TEXT,
      ended_on        TEXT,
      delivery_place  TEXT NOT NULL DEFAULT '',
      delivery_mode   TEXT NOT NULL DEFAULT '',
      baby_weight_g   INTEGER,
      outcome_note    TEXT NOT NULL DEFAULT '',
      created_at      TEXT NOT NULL,
      created_by      TEXT,
      updated_at      TEXT NOT NULL
    ) STRICT;
    CREATE INDEX pregnancies_person ON pregnancies (person_id, lmp);
    -- "Hôm nay" reads the open episodes only (a few hundred in a commune), not every one ever kept.
    CREATE INDEX pregnancies_open ON pregnancies (lmp) WHERE outcome IS NULL;

    CREATE TABLE antenatal_visits (
      id               TEXT PRIMARY KEY,
      pregnancy_id     TEXT NOT NULL REFERENCES pregnancies (id) ON DELETE CASCADE,
      person_id        TEXT NOT NULL REFERENCES persons (id) ON DELETE CASCADE,
      visit_on         TEXT NOT NULL,
      gest_days        INTEGER NOT NULL,
      weight_kg        REAL,
      systolic         INTEGER,
      diastolic        INTEGER,
      fundal_height_cm REAL,
      risk_signs       TEXT NOT NULL DEFAULT '[]',
      risk_note        TEXT NOT NULL DEFAULT '',
      iron_folic       INTEGER NOT NULL DEFAULT 0,
      tetanus_dose_id  TEXT,
      next_visit_on    TEXT,
      note             TEXT NOT NULL DEFAULT '',
      recorded_at      TEXT NOT NULL,
      recorded_by      TEXT
    ) STRICT;
    CREATE INDEX antenatal_visits_pregnancy ON antenatal_visits (pregnancy_id, visit_on);
    CREATE INDEX antenatal_visits_person ON antenatal_visits (person_id);

    CREATE TABLE family_planning (
      id           TEXT PRIMARY KEY,
      person_id    TEXT NOT NULL REFERENCES persons (id) ON DELETE CASCADE,
      method       TEXT NOT NULL,
      method_text  TEXT NOT NULL DEFAULT '',
      started_on   TEXT,
      follow_up_on TEXT,
      ended_on     TEXT,
      source       TEXT NOT NULL DEFAULT 'entered',
      created_at   TEXT NOT NULL,
      updated_at   TEXT NOT NULL,
      updated_by   TEXT
    ) STRICT;
    CREATE INDEX family_planning_person ON family_planning (person_id, started_on);
  `);

  // Part B's free text, mapped by the words stations write (lower-cased; Vietnamese with and
  // without marks, and the usual abbreviations). Order matters: "triệt sản" before anything else,
  // "que cấy" before "tiêm" is irrelevant (no overlap), "bao cao su" before "bao" alone.
  const rows = db
    .prepare(
      `SELECT h.person_id, trim(h.data ->> '$.reproductive.contraception') AS text, h.updated_at
       FROM person_history h
       WHERE trim(coalesce(h.data ->> '$.reproductive.contraception', '')) <> ''`,
    )
    .all() as { person_id: string; text: string; updated_at: string }[];
  const insert = db.prepare(
    `INSERT INTO family_planning (id, person_id, method, method_text, source, created_at, updated_at)
     VALUES (?, ?, ?, ?, 'part-b', ?, ?)`,
  );
  for (const r of rows) {
    const method = methodOf(r.text);
    if (method === null) continue;
    insert.run(
      randomUUID(),
      r.person_id,
      method,
      method === 'other' ? r.text : '',
      r.updated_at,
      r.updated_at,
    );
  }
}

/**
 * The method code a free text names, 'other' when none is recognised, or null when the text says
 * she uses none ("Không", "chưa"). A copy frozen with this step (never imported).
 */
function methodOf(text: string): string | null {
  const s = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
  if (/^(khong|khong dung|khong co|chua|chua dung|none|no|-|0)\.?$/.test(s.trim())) return null;
  const has = (...words: string[]) => words.some((w) => s.includes(w));
  // Natural methods first: "tính vòng kinh" is not the "vòng" (IUD).
  if (has('vong kinh', 'tinh ngay', 'xuat tinh ngoai', 'cho bu')) return 'other';
  if (has('triet san', 'that ong dan', 'that voi', 'sterili')) return 'sterilisation';
  if (has('que cay', 'cay tranh thai', 'implanon', 'implant')) return 'implant';
  if (has('vong', 'dat dung cu', 'dung cu tu cung', 'dctc', 'iud')) return 'iud';
  if (has('tiem', 'depo', 'dmpa', 'inject')) return 'injection';
  if (has('bao cao su', 'bcs', 'condom')) return 'condom';
  if (has('thuoc', 'vien', 'uong', 'pill')) return 'pill';
  return 'other';
}
