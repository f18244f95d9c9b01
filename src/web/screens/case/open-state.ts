// How a case page was reached, carried in the router state of the link that opened it (see
// CasePage.tsx for what counts as current work and what asks for a purpose).

export interface CaseOpenState {
  /** list: one's own work list or case search; chain: following the transmission chain; purpose: asked. */
  via: 'list' | 'chain' | 'purpose';
  purpose?: string;
}

/** The router state of a link from one's own lists (home, case search): opening it is work. */
export const CASE_FROM_LIST: CaseOpenState = { via: 'list' };

/** Opening a case reached through the transmission chain or a contact is contact tracing. */
export const CASE_FROM_CHAIN: CaseOpenState = { via: 'chain' };
