// How a case page was reached, carried in the router state of the link that opened it (see
// CasePage.tsx for what counts as current work and what asks for a purpose).

export interface CaseOpenState {
  /**
   * list: one's own work list or case search; chain: following the transmission chain; purpose:
   * asked; notification: completing the notification one is writing (an identity item it lacks).
   */
  via: 'list' | 'chain' | 'purpose' | 'notification';
  purpose?: string;
  /** Where 「発生届に戻る」 leads (the notification that sent the user here). */
  returnTo?: string;
}

/** The router state of a link from one's own lists (home, case search): opening it is work. */
export const CASE_FROM_LIST: CaseOpenState = { via: 'list' };

/** Opening a case reached through the transmission chain or a contact is contact tracing. */
export const CASE_FROM_CHAIN: CaseOpenState = { via: 'chain' };

/** From the notification form to the case's 基本情報, to enter an identity item it lacks; and back. */
export const caseFromNotification = (notificationId: string): CaseOpenState => ({ via: 'notification', returnTo: `/notifications/${notificationId}` });
