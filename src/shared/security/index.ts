export * from './content-security-policy'
