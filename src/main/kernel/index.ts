export * from './clock'
export * from './logger'
export * from './disposable'
