import { z } from 'zod'

/** A stored instrument's id; branded so it cannot be mixed up with other numbers. */
export const InstrumentId = z.number().int().positive().brand<'InstrumentId'>()
export type InstrumentId = z.infer<typeof InstrumentId>
