export * from './codec'
export * from './messages'
