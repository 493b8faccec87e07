export * from './clock'
export * from './logger'
export * from './disposable'
export * from './engine-error'
