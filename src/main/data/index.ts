export * from './demo-market'
export * from './bar-service'
