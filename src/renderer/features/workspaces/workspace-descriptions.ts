import type { WorkspaceId } from '../../app/store'

/** What each workspace not built yet will hold, said plainly. */
export const PLANNED: Record<Exclude<WorkspaceId, 'chart' | 'settings' | 'data' | 'strategy-lab'>, readonly string[]> = {
  trading: [
    'Positions, working orders, fills and an order ticket, simulated or through Interactive Brokers; every order passes the risk gate and links back to its decision.',
    'Not built yet.',
  ],
  agents: [
    'The technical, quant, analyst and risk agents with their votes, and the orchestrator’s decision records explaining why each order was sent.',
    'Not built yet.',
  ],
  risk: [
    'Risk limits, exposure, VaR and loss figures, and the kill switch that cancels every order and blocks new ones.',
    'Not built yet.',
  ],
}
