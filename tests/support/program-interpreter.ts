import { computeIndicator, findIndicator, Op, type Program } from '../../src/main/native'
import { BAR_FIELDS, type BarColumns, type BarField } from '../../src/shared/domain'

/**
 * A slow, obviously correct reference interpreter of a strategy Program: every instruction runs
 * over the whole series at once, following docs/design/strategy-program.md word for word, and
 * indicator instances run through computeIndicator. It returns every register's full column.
 * Tests use it to prove the compiler right and, later, the native VM.
 *
 * It also checks the Program's own promises and throws when one is broken: every operand is
 * written before it is read, no register is written twice, and a lag or cross never reads
 * further back than `registerLags` allows.
 */
export function interpretProgram(program: Program, bars: BarColumns, params: Float64Array): Float64Array[] {
  const n = bars.time.length
  const registers: Array<Float64Array | undefined> = new Array<Float64Array | undefined>(program.registerCount).fill(undefined)
  if (params.length !== program.params.length) throw new Error(`expected ${program.params.length} parameter values, got ${params.length}`)

  const read = (r: number, what: string): Float64Array => {
    const column = registers[r]
    if (column === undefined) throw new Error(`${what} reads register ${r} before it is written`)
    return column
  }
  const write = (r: number, column: Float64Array, what: string): void => {
    if (r < 0 || r >= program.registerCount) throw new Error(`${what} writes register ${r}, outside 0..${program.registerCount - 1}`)
    if (registers[r] !== undefined) throw new Error(`${what} writes register ${r} a second time`)
    registers[r] = column
  }
  const needsLag = (r: number, bars: number, what: string): void => {
    const allowed = program.registerLags[r] ?? 0
    if (allowed < bars) throw new Error(`${what} reads register ${r} ${bars} bars back but registerLags[${r}] is ${allowed}`)
  }
  const truth = (x: number): boolean => x !== 0 && !Number.isNaN(x)
  const map = (a: Float64Array, f: (x: number) => number): Float64Array => Float64Array.from(a, f)
  const zip = (a: Float64Array, b: Float64Array, f: (x: number, y: number) => number): Float64Array => Float64Array.from(a, (x, i) => f(x, b[i] as number))
  const compare = (f: (x: number, y: number) => boolean) => (x: number, y: number) => (Number.isNaN(x) || Number.isNaN(y) ? 0 : f(x, y) ? 1 : 0)

  const { code } = program
  if (code.length % 4 !== 0) throw new Error(`code has ${code.length} slots, not a multiple of 4`)
  for (let pc = 0; pc < code.length; pc += 4) {
    const [op, dst, a, b] = [code[pc] as number, code[pc + 1] as number, code[pc + 2] as number, code[pc + 3] as number]
    const what = `instruction ${pc / 4} (op ${op})`
    const binary = (f: (x: number, y: number) => number): void => write(dst, zip(read(a, what), read(b, what), f), what)
    switch (op) {
      case Op.Field: {
        const field = BAR_FIELDS[a]
        if (field === undefined) throw new Error(`${what}: no bar field ${a}`)
        write(dst, bars[field].slice(), what)
        break
      }
      case Op.Const: {
        const value = program.constants[a]
        if (value === undefined) throw new Error(`${what}: no constant ${a}`)
        write(dst, new Float64Array(n).fill(value), what)
        break
      }
      case Op.Param: {
        const value = params[a]
        if (value === undefined) throw new Error(`${what}: no parameter ${a}`)
        write(dst, new Float64Array(n).fill(value), what)
        break
      }
      case Op.Lag: {
        if (b < 1) throw new Error(`${what}: a lag of ${b} bars`)
        needsLag(a, b, what)
        const source = read(a, what)
        write(dst, Float64Array.from(source, (_, i) => (i >= b ? (source[i - b] as number) : Number.NaN)), what)
        break
      }
      case Op.Add:
        binary((x, y) => x + y)
        break
      case Op.Sub:
        binary((x, y) => x - y)
        break
      case Op.Mul:
        binary((x, y) => x * y)
        break
      case Op.Div:
        binary((x, y) => (y === 0 ? Number.NaN : x / y))
        break
      case Op.Neg:
        write(dst, map(read(a, what), (x) => -x), what)
        break
      case Op.Lt:
        binary(compare((x, y) => x < y))
        break
      case Op.Le:
        binary(compare((x, y) => x <= y))
        break
      case Op.Gt:
        binary(compare((x, y) => x > y))
        break
      case Op.Ge:
        binary(compare((x, y) => x >= y))
        break
      case Op.Eq:
        binary(compare((x, y) => x === y))
        break
      case Op.Ne:
        binary(compare((x, y) => x !== y))
        break
      case Op.And:
        binary((x, y) => (truth(x) && truth(y) ? 1 : 0))
        break
      case Op.Or:
        binary((x, y) => (truth(x) || truth(y) ? 1 : 0))
        break
      case Op.Not:
        write(dst, map(read(a, what), (x) => (truth(x) ? 0 : 1)), what)
        break
      case Op.CrossOver:
      case Op.CrossUnder: {
        needsLag(a, 1, what)
        needsLag(b, 1, what)
        const [x, y] = [read(a, what), read(b, what)]
        const over = op === Op.CrossOver
        const column = new Float64Array(n)
        for (let i = 1; i < n; i++) {
          const [x0, y0, x1, y1] = [x[i - 1] as number, y[i - 1] as number, x[i] as number, y[i] as number]
          if ([x0, y0, x1, y1].some(Number.isNaN)) continue
          column[i] = over ? (x1 > y1 && x0 <= y0 ? 1 : 0) : x1 < y1 && x0 >= y0 ? 1 : 0
        }
        write(dst, column, what)
        break
      }
      case Op.Indicator:
        runIndicator(a, what)
        break
      case Op.Abs:
        write(dst, map(read(a, what), Math.abs), what)
        break
      case Op.Min:
        binary(Math.min)
        break
      case Op.Max:
        binary(Math.max)
        break
      default:
        throw new Error(`${what}: unknown opcode`)
    }
  }

  function runIndicator(k: number, what: string): void {
    const instance = program.indicators[k]
    if (instance === undefined) throw new Error(`${what}: no indicator instance ${k}`)
    const info = findIndicator(instance.name)
    if (info === undefined) throw new Error(`${what}: unknown indicator ${instance.name}`)
    if (instance.inputs.length !== 6) throw new Error(`${what}: ${instance.name} has ${instance.inputs.length} inputs, not 6`)
    if (instance.outputs.length !== info.outputs.length) throw new Error(`${what}: ${instance.name} has ${info.outputs.length} outputs but ${instance.outputs.length} registers`)
    if (instance.params.length !== info.params.length) throw new Error(`${what}: ${instance.name} needs ${info.params.length} parameters, got ${instance.params.length}`)
    const fed: Record<BarField, Float64Array> = { ...bars }
    BAR_FIELDS.forEach((field, f) => {
      const r = instance.inputs[f] as number
      if (r >= 0) fed[field] = read(r, `${what} (${instance.name} input ${field})`)
    })
    const given = Object.fromEntries(
      info.params.map((spec, i) => {
        const v = instance.params[i]
        if (v === undefined) throw new Error(`${what}: missing parameter ${i}`)
        return [spec.name, 'param' in v ? (params[v.param] as number) : v.constant]
      }),
    )
    const result = computeIndicator(instance.name, fed, given)
    info.outputs.forEach((name, j) => write(instance.outputs[j] as number, (result.outputs[name] as Float64Array).slice(), what))
  }

  return registers.map((column, r) => {
    if (column === undefined) throw new Error(`register ${r} is never written`)
    return column
  })
}
