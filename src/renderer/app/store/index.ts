import { create } from 'zustand'
import type { ChartDrawingsSlice } from './chart-drawings-slice'
import { createChartDrawingsSlice } from './chart-drawings-slice'
import type { ChartLayoutSlice } from './chart-layout-slice'
import { createChartLayoutSlice } from './chart-layout-slice'
import type { ChartSlice } from './chart-slice'
import { createChartSlice } from './chart-slice'
import type { EngineSlice } from './engine-slice'
import { createEngineSlice } from './engine-slice'
import type { ErrorsSlice } from './errors-slice'
import { createErrorsSlice } from './errors-slice'
import type { StrategyLabSlice } from '../../features/strategy-lab/strategy-lab-slice'
import { createStrategyLabSlice } from '../../features/strategy-lab/strategy-lab-slice'
import type { UiSlice } from './ui-slice'
import { createUiSlice } from './ui-slice'

export type { ChartSlice } from './chart-slice'
export type { ChartLayoutSlice } from './chart-layout-slice'
export type { ChartDrawingsSlice, DrawingChange, DrawingTool } from './chart-drawings-slice'
export type { EngineSlice, TransportKind } from './engine-slice'
export type { ErrorsSlice, ShownError } from './errors-slice'
export type { UiSlice } from './ui-slice'
export type { WorkspaceId } from './workspaces'
export { WORKSPACES } from './workspaces'

/** The renderer's one store. Bars never live here: they go straight to the chart's series. */
export type QuorumStore = UiSlice & EngineSlice & ChartSlice & ChartLayoutSlice & ChartDrawingsSlice & ErrorsSlice & StrategyLabSlice

export const useStore = create<QuorumStore>()((...a) => ({
  ...createUiSlice(...a),
  ...createEngineSlice(...a),
  ...createChartSlice(...a),
  ...createChartLayoutSlice(...a),
  ...createChartDrawingsSlice(...a),
  ...createErrorsSlice(...a),
  ...createStrategyLabSlice(...a),
}))

/** Back to the initial state (tests). */
export function resetStore(): void {
  useStore.setState(useStore.getInitialState(), true)
}
