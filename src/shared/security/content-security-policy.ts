/**
 * The one Content Security Policy of the app: only its own scripts, styles and connections. The
 * desktop shell sends it as a header, `serve` sends it as a header, and the page carries the same
 * directives in a meta tag (less `frame-ancestors`, which browsers ignore there); a test keeps the
 * three equal.
 */
export const CSP_DIRECTIVES: Readonly<Record<string, string>> = {
  'default-src': "'self'",
  'script-src': "'self'",
  'style-src': "'self'",
  'img-src': "'self' data:",
  'font-src': "'self'",
  'connect-src': "'self'",
  'object-src': "'none'",
  'base-uri': "'none'",
  'form-action': "'none'",
  'frame-ancestors': "'none'",
}

export const CONTENT_SECURITY_POLICY = Object.entries(CSP_DIRECTIVES)
  .map(([name, value]) => `${name} ${value}`)
  .join('; ')
