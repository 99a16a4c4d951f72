import type { HandlersOf } from '../handler-types.ts';
import { matchAddress } from './address.ts';

export function codesHandlers(): HandlersOf<'codes'> {
  return {
    'codes.provinces': (_input, { ctx }) => ctx.codes.provinces(),
    'codes.communes': ({ provinceCode }, { ctx }) =>
      ctx.codes
        .communes(provinceCode)
        .map(({ code, name, fullName, type }) => ({ code, name, fullName, type })),
    'codes.ethnicities': (_input, { ctx }) => ctx.codes.ethnicities(),
    'codes.matchAddress': ({ text }, { ctx }) => matchAddress(ctx.codes, text),
    'codes.icd10Search': ({ q, limit, sex, ageYears }, { ctx }) => {
      if (!q.trim()) return { hits: [], hidden: 0, hiddenReason: null };
      const r = ctx.clinical.icd10.searchFor(q, limit, { sex: sex ?? null, ageYears: ageYears ?? null });
      return {
        hits: r.hits.map((h) => ({ code: h.code, name: h.name })),
        hidden: r.hidden,
        hiddenReason: r.hiddenReason,
      };
    },
  };
}
