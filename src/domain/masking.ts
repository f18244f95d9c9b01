// The minimum view (DESIGN.md §5): lists and duplicate candidates show a masked name and an age
// band, never the full identity, until a record is opened with a purpose.
import type { Localized } from './messages.ts';
import { ageBandLabel, ageBandOn } from './statistics/age-bands.ts';

/** 'ヤマダ タロウ' -> 'ヤ** タ**': the first character of each part. */
export function maskName(name: string): string {
  return name
    .normalize('NFKC')
    .trim()
    .split(/[\s\u3000]+/)
    .map((part) => {
      const chars = [...part];
      return chars[0] + '*'.repeat(chars.length - 1);
    })
    .join(' ');
}

/** Ten-year bands as in the daily counts: '10歳未満', '40代', …, '90歳以上'. */
export const ageBand = (birthDate: string, on: string): Localized => ageBandLabel(ageBandOn(birthDate, on));
