import type { BuiltinStrategy, StrategyCheck, StrategyDetail, StrategyId, StrategySummary } from '../../shared/contract'
import { EngineError } from '../kernel'
import type { StoredStrategy, StrategyListing, Store } from '../store'
import { StrategyNameTakenError } from '../store'
import { BUILTIN_STRATEGIES, compileStrategy, parseStrategy } from '../strategy'

/** What the checker says of a source, in the contract's shape. */
export function checkSource(source: string): StrategyCheck {
  const compiled = compileStrategy(source)
  if (compiled.ok) return { ok: true, name: compiled.info.name, params: compiled.info.params, diagnostics: compiled.info.diagnostics }
  // It does not compile: still give the name when the header parses, for the editor's title.
  const parsed = parseStrategy(source)
  const header = parsed.syntax.statements.find((s) => s.kind === 'strategy')
  return { ok: false, name: header && header.kind === 'strategy' ? header.name : null, params: [], diagnostics: compiled.diagnostics }
}

function summary(s: StrategyListing): StrategySummary {
  return { id: s.id as StrategyId, name: s.name, updatedAt: s.updatedAt, versions: s.versions }
}

function detail(s: StoredStrategy): StrategyDetail {
  return { ...summary(s), source: s.latest.source, hash: s.latest.hash, check: checkSource(s.latest.source) }
}

/** The strategies.* methods: saved strategies (any source, errors included: a draft is kept) and the built-ins. */
export class StrategyCatalog {
  constructor(private readonly store: Store) {}

  list(): StrategySummary[] {
    return this.store.strategies.list().map(summary)
  }

  builtins(): readonly BuiltinStrategy[] {
    return BUILTIN_STRATEGIES
  }

  get(id: StrategyId): StrategyDetail {
    const s = this.store.strategies.get(id)
    if (!s) throw new EngineError('not-found', `No strategy with id ${id}.`)
    return detail(s)
  }

  save(input: { id?: StrategyId | undefined; name: string; source: string }): StrategyDetail {
    try {
      const saved = this.store.strategies.save(input)
      if (!saved) throw new EngineError('not-found', `No strategy with id ${input.id}; it may have been deleted in another window.`)
      return detail(saved.strategy)
    } catch (e) {
      if (e instanceof StrategyNameTakenError) throw new EngineError('invalid-request', `${e.message} Choose another name.`)
      throw e
    }
  }

  delete(id: StrategyId): { deleted: boolean } {
    return { deleted: this.store.strategies.delete(id) }
  }

  check(source: string): StrategyCheck {
    return checkSource(source)
  }
}
