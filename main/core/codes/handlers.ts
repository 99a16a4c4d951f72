import type { HandlersOf } from '../api/types.ts';
import { matchAddress } from './address.ts';

export function codesHandlers(): HandlersOf<'codes'> {
  return {
    'codes.provinces': (_input, { ctx }) => ctx.codes.provinces(),
    'codes.communes': ({ provinceCode }, { ctx }) =>
      ctx.codes.communes(provinceCode).map(({ code, name, fullName, type }) => ({ code, name, fullName, type })),
    'codes.ethnicities': (_input, { ctx }) => ctx.codes.ethnicities(),
    'codes.matchAddress': ({ text }, { ctx }) => matchAddress(ctx.codes, text),
  };
}
