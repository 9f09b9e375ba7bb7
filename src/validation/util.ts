import { Finding, Severity } from './finding';

/** An error finding. */
export function error(field: string, message: string): Finding {
  return { field, message, severity: Severity.ERROR };
}

/** A warning finding. */
export function warning(field: string, message: string): Finding {
  return { field, message, severity: Severity.WARNING };
}

/**
 * Renders a value the way Kubernetes' `field.Invalid` does: strings with Go `%q` quoting
 * (backslashes and quotes escaped), numbers and booleans bare.
 */
export function goQuote(value: unknown): string {
  if (typeof value === 'string') {
    return JSON.stringify(value);
  }
  return String(value);
}

/** `<field>: Invalid value: <v>: <detail>`, without the field. */
export function invalid(value: unknown, detail: string): string {
  return `Invalid value: ${goQuote(value)}: ${detail}`;
}

/** Formats a finding as one line: `<field>: <message>`. */
export function formatFinding(f: Finding): string {
  return `${f.field}: ${f.message}`;
}
