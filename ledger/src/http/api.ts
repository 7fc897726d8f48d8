// The ledger's API: one Hono sub-app per resource, joined with app.route(). Its type is what
// @tana/ledger/client's typed client (hono/client's hc) is built on.
import type { Ledger } from '../ledger.ts';
import { balanceRoutes } from './routes/balances.ts';
import { blockRoutes } from './routes/blocks.ts';
import { contractRoutes } from './routes/contracts.ts';
import { eventRoutes } from './routes/events.ts';
import { routes } from './routes/shared.ts';
import { systemRoutes } from './routes/system.ts';
import { teamRoutes } from './routes/teams.ts';
import { transactionRoutes } from './routes/transactions.ts';
import { userRoutes } from './routes/users.ts';

export function apiRoutes(ledger: Ledger, startedAt: number) {
  return routes()
    .route('/', systemRoutes(ledger, startedAt))
    .route('/users', userRoutes(ledger))
    .route('/teams', teamRoutes(ledger))
    .route('/balances', balanceRoutes(ledger))
    .route('/transactions', transactionRoutes(ledger))
    .route('/blocks', blockRoutes(ledger))
    .route('/contracts', contractRoutes(ledger))
    .route('/events', eventRoutes(ledger));
}

/** The API's routes, request and response types: `hc<LedgerApi>(url)`. */
export type LedgerApi = ReturnType<typeof apiRoutes>;
