/** Events of the test ledger: enough shapes to catch a lost, doubled or reordered update. */
export type AccountEvent =
  | { type: 'AccountOpened'; data: { accountId: string; owner: string } }
  | { type: 'Deposited'; data: { accountId: string; amount: number } }
  | { type: 'Transferred'; data: { from: string; to: string; amount: number } }
  | { type: 'AccountClosed'; data: { accountId: string } }
  /** Not handled by the projection. */
  | { type: 'Audited'; data: { accountId: string } };
