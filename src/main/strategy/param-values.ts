import { findIndicator, Op, type Program, type ProgramParam } from '../native'
import { didYouMean } from './did-you-mean'
import { describeRange } from './indicator-catalog'

/** The parameter a register is loaded from (`Param` instruction), if it is one. */
function paramLoadedInto(program: Program, register: number): number | undefined {
  const { code } = program
  for (let i = 0; i < code.length; i += 4) {
    if (code[i] === Op.Param && code[i + 1] === register) return code[i + 2]
  }
  return undefined
}

/**
 * The run's parameter values in Program.params order: each parameter's default, replaced by
 * `overrides[name]` where given. Throws a RangeError naming the parameter for an unknown name, a
 * fractional value of an integer parameter, a value outside the parameter's range (a parameter
 * declared without a range takes any value its uses allow), or a value an indicator or rule fed
 * by the parameter cannot take.
 */
export function resolveParamValues(program: Program, overrides: Readonly<Record<string, number>> = {}): Float64Array {
  const { params } = program
  const names = params.map((p) => p.name)
  for (const name of Object.keys(overrides)) {
    if (names.includes(name)) continue
    const known = names.length === 0 ? 'the strategy has no parameters' : `its parameters are ${names.join(', ')}`
    throw new RangeError(`unknown parameter "${name}"${didYouMean(name, names)}; ${known}`)
  }
  const values = new Float64Array(params.length)
  params.forEach((p: ProgramParam, i) => {
    const value = overrides[p.name] ?? p.default
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new RangeError(`parameter ${p.name} must be a finite number, got ${String(value)}`)
    if (p.integer && !Number.isInteger(value)) throw new RangeError(`parameter ${p.name} must be a whole number, got ${value}`)
    if (p.min < p.max && (value < p.min || value > p.max)) throw new RangeError(`parameter ${p.name} must be in ${p.min}..${p.max}, got ${value}`)
    values[i] = value
  })
  for (const indicator of program.indicators) {
    const info = findIndicator(indicator.name)
    indicator.params.forEach((v, k) => {
      const spec = info?.params[k]
      if (!('param' in v) || spec === undefined) return
      const value = values[v.param] as number
      const name = params[v.param]?.name ?? `#${v.param}`
      if (spec.kind !== 'real' && !Number.isInteger(value)) throw new RangeError(`parameter ${name} = ${value} sets ${indicator.name} ${spec.name}, which must be a whole number`)
      if (value < spec.min || value > spec.max) throw new RangeError(`parameter ${name} = ${value} sets ${indicator.name} ${spec.name}, which must be ${describeRange(spec)}`)
    })
  }
  const { rules } = program
  const exitAfter = rules.exitAfterBars >= 0 ? paramLoadedInto(program, rules.exitAfterBars) : undefined
  if (exitAfter !== undefined) {
    const value = values[exitAfter] as number
    if (!Number.isInteger(value) || value < 1) throw new RangeError(`parameter ${params[exitAfter]?.name ?? ''} = ${value} sets exit after, which needs a whole number of bars, at least 1`)
  }
  const size = paramLoadedInto(program, rules.sizing.register)
  if (size !== undefined && (values[size] as number) <= 0) throw new RangeError(`parameter ${params[size]?.name ?? ''} = ${values[size] as number} sets the size, which must be more than 0`)
  return values
}
