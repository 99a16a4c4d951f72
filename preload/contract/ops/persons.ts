import { z } from 'zod';
import { command, query } from '../define.ts';
import { Empty, IsoDate, PartialDate, RequiredText, Sex, Text, Uuid } from '../schemas/common.ts';

/** Kinds a user types or scans. 'bhxh' (derived from a BHYT card) and 'alias' (merged records) are the core's. */
export const IdentifierKind = z.enum(['cccd', 'cmnd', 'bhyt', 'passport']);
export type IdentifierKind = z.infer<typeof IdentifierKind>;

/** Vietnamese phone numbers, typed any way ("+84 912.345.678"), stored as national digits ("0912345678"). */
export const Phone = z
  .string()
  .max(20)
  .transform((s) => {
    const digits = s.replace(/[\s.\-()]/g, '');
    return digits.startsWith('+84')
      ? `0${digits.slice(3)}`
      : digits.startsWith('84') && digits.length === 11
        ? `0${digits.slice(2)}`
        : digits;
  })
  .pipe(z.string().regex(/^(0\d{8,10})?$/, 'Số điện thoại gồm 10 chữ số, bắt đầu bằng 0'));

const OptionalDate = IsoDate.nullable().default(null);

export const IdentifierInput = z.object({
  kind: IdentifierKind,
  value: z
    .string()
    .max(40)
    .transform((s) => s.replace(/[\s.-]/g, '').toUpperCase())
    .pipe(z.string().min(1, 'Không được để trống').max(20)),
  issuedOn: OptionalDate,
  issuedBy: Text(200).default(''),
  validFrom: OptionalDate,
  validTo: OptionalDate,
});
export type IdentifierInput = z.input<typeof IdentifierInput>;
export type Identifier = z.output<typeof IdentifierInput>;

export const Address = z.object({
  /** As written on the card or form (may be an old three-level address). */
  text: Text(300).default(''),
  provinceCode: z
    .string()
    .regex(/^(\d{2})?$/, 'Mã tỉnh gồm 2 chữ số')
    .default(''),
  communeCode: z
    .string()
    .regex(/^(\d{5})?$/, 'Mã xã gồm 5 chữ số')
    .default(''),
  village: Text(100).default(''),
  street: Text(200).default(''),
});
export type Address = z.output<typeof Address>;

/**
 * Mother, father, caregiver (A.20–A.23): a name and, as A.23 asks, a mobile and a landline.
 * `phone` is the mobile: it was the only number before migration 0007 and keeps its name so stored
 * data and older callers (importer, seed) mean the same thing. `landline` may be left out.
 */
const Contact = z.object({
  name: Text(100).default(''),
  phone: Phone.default(''),
  landline: Phone.optional(),
});

/**
 * A household code as typed or printed on an old list ("1627900042", "HK-0421"): kept as written,
 * only trimmed; unaccented letters, digits and . _ / -, so it reads the same on paper and in a search.
 */
export const HouseholdCode = z
  .string()
  .trim()
  .max(30, 'Mã hộ gia đình tối đa 30 ký tự')
  .regex(/^[A-Za-z0-9._/-]*$/, 'Mã hộ gia đình chỉ gồm chữ không dấu, số và các dấu . _ / -');

/** A household made together with the person (who becomes its head); an empty code is generated. */
export const NewHousehold = z.object({ code: HouseholdCode.default('') });
export type NewHousehold = z.input<typeof NewHousehold>;

/** Part A of the 831 form (A.0–A.23), as the registration form sends it. */
export const PersonInput = z.object({
  fullName: RequiredText(100),
  sex: Sex,
  birthDate: PartialDate,
  householdId: Uuid.nullable().default(null),
  relationToHead: Text(50).default(''),
  bloodAbo: z.enum(['', 'A', 'B', 'AB', 'O']).default(''),
  bloodRh: z.enum(['', '+', '-']).default(''),
  birthProvinceCode: z
    .string()
    .regex(/^(\d{2})?$/)
    .default(''),
  ethnicityCode: z
    .string()
    .regex(/^(\d{2})?$/)
    .default(''),
  nationality: z.string().trim().toUpperCase().max(3).default('VN'),
  religion: Text(50).default(''),
  occupation: Text(100).default(''),
  identifiers: z.array(IdentifierInput).max(10).default([]),
  permanentAddress: Address.default(Address.parse({})),
  currentAddress: Address.default(Address.parse({})),
  phoneMobile: Phone.default(''),
  phoneLandline: Phone.default(''),
  email: z.union([z.literal(''), z.email('Email không hợp lệ')]).default(''),
  mother: Contact.default({ name: '', phone: '' }),
  father: Contact.default({ name: '', phone: '' }),
  caregiver: Contact.extend({ relation: Text(50).default('') }).default({
    name: '',
    phone: '',
    relation: '',
  }),
  shareConsent: z.boolean().default(true),
});
export type PersonInput = z.input<typeof PersonInput>;
export type PersonFields = z.output<typeof PersonInput>;

/**
 * A registration form being filled (from a card): may still lack a name, a sex or a birth date.
 * A sex is never guessed ('' until a card or the user gives one): it feeds the statistics.
 */
export const PersonDraft = PersonInput.extend({
  fullName: z.string(),
  sex: z.union([Sex, z.literal('')]),
  birthDate: z.string(),
});
export type PersonDraft = z.input<typeof PersonDraft>;

export const PersonStatus = z.enum(['active', 'moved', 'deceased']);
export type PersonStatus = z.infer<typeof PersonStatus>;

const PersonOutputFields = PersonInput.extend({ identifiers: z.array(IdentifierInput) });

export const PersonRecord = PersonOutputFields.extend({
  id: z.string(),
  version: z.number().int(),
  status: PersonStatus,
  statusDate: z.string().nullable(),
  statusNote: z.string(),
  /** Whole years as of today; 0 for infants (the UI shows months from the birth date). */
  age: z.number().int(),
  household: z
    .object({ id: z.string(), code: z.string(), village: z.string(), headPersonId: z.string().nullable() })
    .nullable(),
  /** Ids of records merged into this one: upstream references to them still resolve here. */
  aliases: z.array(z.string()),
  /** The addresses as one line each, with the 2025 commune and province names ("Thôn Bến, Xã Nông Cống, Tỉnh Thanh Hoá"). */
  addressLines: z.object({ permanent: z.string(), current: z.string() }),
  lastVisitOn: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PersonRecord = z.output<typeof PersonRecord>;

export const PersonSummary = z.object({
  id: z.string(),
  fullName: z.string(),
  sex: Sex,
  birthDate: z.string(),
  age: z.number().int(),
  village: z.string(),
  status: PersonStatus,
  lastVisitOn: z.string().nullable(),
  cccd: z.string().nullable(),
  bhyt: z.string().nullable(),
  phone: z.string(),
  householdCode: z.string().nullable(),
});
export type PersonSummary = z.output<typeof PersonSummary>;

export const SearchResult = z.object({
  /** What the query was read as: an identity/phone/household number, a name (maybe with a birth year), or nothing. */
  kind: z.enum(['id', 'name', 'empty']),
  results: z.array(
    PersonSummary.extend({ matchedBy: z.enum(['identifier', 'phone', 'household', 'exact-name', 'name']) }),
  ),
});
export type SearchResult = z.output<typeof SearchResult>;

/** The resident list's age bands; 60+ is "người cao tuổi" (Luật Người cao tuổi 2009, Điều 2). */
export const AGE_BANDS = ['0-5', '6-14', '15-49', '50-59', '60+'] as const;

export const ListFilters = z.object({
  village: z.string().max(100).optional(),
  sex: Sex.optional(),
  ageBand: z.enum(AGE_BANDS).optional(),
  status: z.enum(['active', 'moved', 'deceased', 'all']).default('active'),
  examinedThisYear: z.enum(['yes', 'no']).optional(),
});
export type ListFilters = z.input<typeof ListFilters>;

export const DuplicateCheck = z.object({
  /** Same CCCD/CMND/BHYT/passport as someone already registered: saving is refused. */
  blocking: z.array(z.object({ kind: z.string(), value: z.string(), person: PersonSummary })),
  /** Same folded name, birth date and sex: probably the same person; saving needs confirmation. */
  similar: z.array(z.object({ person: PersonSummary, sameVillage: z.boolean() })),
});
export type DuplicateCheck = z.output<typeof DuplicateCheck>;

/** A card read by the scanner (devices issue), as the registration form receives it. */
export const ParsedCardInput = z.object({
  kind: z.enum(['cccd', 'bhyt']),
  fullName: z.string().max(120).default(''),
  sex: Sex.nullable().default(null),
  birthDate: z.string().max(10).nullable().default(null),
  cccd: z.string().max(12).nullable().default(null),
  cmnd: z.string().max(12).nullable().default(null),
  address: z.string().max(400).nullable().default(null),
  issuedOn: z.string().max(10).nullable().default(null),
  bhyt: z
    .object({
      number: z.string().max(20),
      facility: z.string().max(10).nullable().default(null),
      validFrom: z.string().max(10).nullable().default(null),
      validTo: z.string().max(10).nullable().default(null),
    })
    .nullable()
    .default(null),
});
export type ParsedCardInput = z.input<typeof ParsedCardInput>;
export type ParsedCard = z.output<typeof ParsedCardInput>;

/** Fields a card can correct in a known resident's record. */
export const CardField = z.enum(['fullName', 'birthDate', 'sex']);
export type CardField = z.infer<typeof CardField>;

/** What a scanned card says differently from the holder's record, as the user reads both. */
export const CardDifference = z.object({
  field: CardField,
  label: z.string(),
  card: z.string(),
  record: z.string(),
});
export type CardDifference = z.output<typeof CardDifference>;

export const AddressMatch = z.object({
  /** How the text was read: already a 2025 unit, an old unit mapped to one new unit, or ambiguous. */
  kind: z.enum(['new', 'mapped', 'ambiguous', 'unknown']),
  provinceCode: z.string(),
  communeCode: z.string(),
  village: z.string(),
  candidates: z.array(z.object({ provinceCode: z.string(), communeCode: z.string(), label: z.string() })),
  /** Vietnamese explanation shown to the user, e.g. "Xã Hòa Bình cũ (huyện Chợ Mới) nay thuộc …". */
  note: z.string(),
});
export type AddressMatch = z.output<typeof AddressMatch>;

export const MERGE_FIELDS = [
  'fullName',
  'sex',
  'birthDate',
  'household',
  'bloodAbo',
  'bloodRh',
  'birthProvinceCode',
  'ethnicityCode',
  'nationality',
  'religion',
  'occupation',
  'cccd',
  'cmnd',
  'bhyt',
  'passport',
  'permanentAddress',
  'currentAddress',
  'phoneMobile',
  'phoneLandline',
  'email',
  'mother',
  'father',
  'caregiver',
] as const;
export type MergeField = (typeof MERGE_FIELDS)[number];

export const personsOps = {
  'persons.search': query({
    input: z.object({ q: z.string().max(100), limit: z.number().int().min(1).max(50).default(12) }),
    output: SearchResult,
    access: 'persons.read',
  }),
  'persons.list': query({
    input: z.object({
      filters: ListFilters.default({ status: 'active' }),
      sort: z.enum(['name', 'village']).default('name'),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(100),
    }),
    output: z.object({ total: z.number().int(), rows: z.array(PersonSummary) }),
    access: 'persons.read',
  }),
  'persons.villages': query({
    input: Empty,
    output: z.array(z.object({ village: z.string(), residents: z.number().int() })),
    access: 'persons.read',
  }),
  'persons.get': query({ input: z.object({ id: Uuid }), output: PersonRecord, access: 'persons.read' }),
  'persons.checkDuplicates': query({
    input: z.object({ person: PersonInput, excludeId: Uuid.optional() }),
    output: DuplicateCheck,
    access: 'persons.write',
  }),
  'persons.create': command({
    input: z.object({
      person: PersonInput,
      confirmSimilar: z.boolean().default(false),
      newHousehold: NewHousehold.nullable().default(null),
    }),
    output: PersonRecord,
    access: 'persons.write',
  }),
  'persons.update': command({
    input: z.object({
      id: Uuid,
      version: z.number().int(),
      person: PersonInput,
      confirmSimilar: z.boolean().default(false),
      /** Set: the person leaves their household and heads a new one (person.householdId is then ignored). */
      newHousehold: NewHousehold.nullable().default(null),
    }),
    output: PersonRecord,
    access: 'persons.write',
  }),
  'persons.setStatus': command({
    input: z.object({
      id: Uuid,
      status: PersonStatus,
      date: IsoDate.nullable().default(null),
      note: Text(300).default(''),
    }),
    output: PersonRecord,
    access: 'persons.write',
  }),
  'persons.merge': command({
    input: z.object({
      survivorId: Uuid,
      mergedId: Uuid,
      take: z.partialRecord(z.enum(MERGE_FIELDS), z.enum(['survivor', 'merged'])).default({}),
    }),
    output: PersonRecord,
    access: 'persons.merge',
  }),
  /** Brings the chosen fields of a known resident's record in line with their scanned card. */
  'persons.applyCard': command({
    input: z.object({
      id: Uuid,
      version: z.number().int(),
      card: ParsedCardInput,
      fields: z.array(CardField).min(1).max(3),
    }),
    output: PersonRecord,
    access: 'persons.write',
  }),
  'persons.fromCard': query({
    input: z.object({ card: ParsedCardInput }),
    output: z.object({
      existing: PersonSummary.nullable(),
      draft: PersonDraft,
      address: AddressMatch.nullable(),
      warnings: z.array(z.string()),
    }),
    access: 'persons.read',
  }),
  'persons.export': command({
    input: z.object({
      filters: z
        .object({
          village: z.string().max(100).optional(),
          sex: Sex.optional(),
          status: z.enum(['active', 'moved', 'deceased', 'all']).default('active'),
        })
        .default({ status: 'active' }),
    }),
    output: z.object({ fileName: z.string(), contentBase64: z.string(), rows: z.number().int() }),
    access: 'persons.export',
  }),
  'codes.matchAddress': query({
    input: z.object({ text: z.string().max(400) }),
    output: AddressMatch,
    access: 'session',
  }),
};

export const HouseholdMember = PersonSummary.extend({ relationToHead: z.string(), isHead: z.boolean() });

export const HouseholdView = z.object({
  id: z.string(),
  code: z.string(),
  village: z.string(),
  address: z.string(),
  headPersonId: z.string().nullable(),
  members: z.array(HouseholdMember),
});
export type HouseholdView = z.output<typeof HouseholdView>;

/** One line of a household search: enough to tell households apart when choosing one. */
export const HouseholdSummary = z.object({
  id: z.string(),
  code: z.string(),
  village: z.string(),
  address: z.string(),
  headPersonId: z.string().nullable(),
  headName: z.string().nullable(),
  members: z.number().int(),
});
export type HouseholdSummary = z.output<typeof HouseholdSummary>;

export const householdsOps = {
  'households.get': query({ input: z.object({ id: Uuid }), output: HouseholdView, access: 'persons.read' }),
  'households.findByCode': query({
    input: z.object({ code: z.string().trim().max(30) }),
    output: HouseholdView.nullable(),
    access: 'persons.read',
  }),
  /** By the start of the code, or by the head's name (diacritics, case and word order do not matter). */
  'households.search': query({
    input: z.object({
      q: z.string().max(100, 'Nội dung tìm tối đa 100 ký tự'),
      limit: z.number().int().min(1).max(50).default(10),
    }),
    output: z.array(HouseholdSummary),
    access: 'persons.read',
  }),
  'households.create': command({
    input: z.object({
      /** Empty: the next code of the station's commune ("1627900042"). */
      code: HouseholdCode.default(''),
      village: Text(100).default(''),
      address: Text(300).default(''),
      headPersonId: Uuid.nullable().default(null),
    }),
    output: HouseholdView,
    access: 'persons.write',
  }),
  'households.moveMember': command({
    input: z.object({
      personId: Uuid,
      /** null = a new household with this person as its head. */
      toHouseholdId: Uuid.nullable(),
      relationToHead: Text(50).default(''),
    }),
    output: HouseholdView,
    access: 'persons.write',
  }),
  'households.setHead': command({
    input: z.object({ householdId: Uuid, personId: Uuid }),
    output: HouseholdView,
    access: 'persons.write',
  }),
};
