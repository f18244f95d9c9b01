// Opening a case under a grant: the purpose the case page's reads carry is the grant's reason, so
// every audit row of the viewing says it was an emergency access (DESIGN.md §5).
import { breakGlassPurpose, type BreakGlassReason } from '../../../domain/privacy/break-glass.ts';
import type { CaseOpenState } from '../case/open-state.ts';

export const caseUnderGrant = (reason: BreakGlassReason): CaseOpenState => ({ via: 'purpose', purpose: breakGlassPurpose(reason) });
