// POST /api/postal-codes/lookup: the places (prefecture, city, town) of a postal code, from Japan
// Post's KEN_ALL as bundled on the server (src/server/postal-codes/).
import { z } from 'zod';
import { normalizePostalCode } from '../address/postal-code.ts';

export const PostalCodeLookupBody = z.object({
  postalCode: z
    .string()
    .max(20)
    .transform((typed, ctx) => {
      const code = normalizePostalCode(typed);
      if (code) return code;
      ctx.addIssue({ code: 'custom', message: '郵便番号は7桁の数字で入力してください（例: 160-0022） / a postal code is 7 digits (e.g. 160-0022)' });
      return z.NEVER;
    })
    .meta({ description: '7 digits; full-width digits, 〒 and any hyphen accepted (〒160-0022, １６０ー００２２)' }),
});

export const AddressCandidate = z.object({
  prefectureCode: z.string().meta({ description: 'JIS X 0401, 2 digits' }),
  prefecture: z.string(),
  cityCode: z.string().meta({ description: '全国地方公共団体コード without its check digit, 5 digits' }),
  city: z.string(),
  town: z.string().meta({ description: '町域; empty when the code covers the whole city' }),
  address: z.string().meta({ description: 'Prefecture, city and town: the start of the address' }),
});

export const PostalCodeLookup = z.object({
  postalCode: z.string().meta({ description: 'The code as read, 7 digits' }),
  candidates: z.array(AddressCandidate).meta({ description: 'Several when the code is shared by towns (or cities); none when unknown' }),
  dataDate: z.string().meta({ description: 'The date of the KEN_ALL data (Japan Post’s file)' }),
});
