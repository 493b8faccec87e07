import { afterEach, describe, expect, it, vi } from 'vitest'
import { ManualClock, ManualScheduler, systemScheduler } from '../../src/main/kernel'

describe('ManualScheduler', () => {
  it('runs nothing until advanced, then each due task in time order at its due time', () => {
    const clock = new ManualClock(1_000)
    const scheduler = new ManualScheduler(clock)
    const runs: string[] = []
    scheduler.every(100, () => runs.push(`a@${clock.now()}`))
    scheduler.every(250, () => runs.push(`b@${clock.now()}`))
    expect(runs).toEqual([])
    scheduler.advance(500)
    expect(runs).toEqual(['a@1100', 'a@1200', 'b@1250', 'a@1300', 'a@1400', 'a@1500', 'b@1500'])
    expect(clock.now()).toBe(1_500)
  })

  it('stops a task when disposed, even from inside another task', () => {
    const clock = new ManualClock(0)
    const scheduler = new ManualScheduler(clock)
    const runs: number[] = []
    const victim = scheduler.every(10, () => runs.push(clock.now()))
    scheduler.every(25, () => victim.dispose())
    scheduler.advance(100)
    expect(runs).toEqual([10, 20])
    expect(scheduler.activeTasks).toBe(1)
  })

  it('starts a task scheduled during an advance one interval after that moment', () => {
    const clock = new ManualClock(0)
    const scheduler = new ManualScheduler(clock)
    const runs: number[] = []
    scheduler.every(50, () => {
      if (runs.length === 0) scheduler.every(30, () => runs.push(clock.now()))
      runs.push(-clock.now())
    })
    scheduler.advance(120)
    expect(runs).toEqual([-50, 80, -100, 110])
  })

  it('rejects an interval that is not positive', () => {
    const scheduler = new ManualScheduler(new ManualClock(0))
    expect(() => scheduler.every(0, () => undefined)).toThrow('positive number of milliseconds')
  })
})

describe('systemScheduler', () => {
  afterEach(() => vi.useRealTimers())

  it('runs a task on wall-clock intervals until disposed', () => {
    vi.useFakeTimers()
    let runs = 0
    const task = systemScheduler.every(100, () => runs++)
    vi.advanceTimersByTime(350)
    task.dispose()
    vi.advanceTimersByTime(1000)
    expect(runs).toBe(3)
  })
})
