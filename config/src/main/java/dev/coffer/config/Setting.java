package dev.coffer.config;

/**
 * One configured value and where it came from.
 *
 * @param value the value as given (not yet trimmed or parsed)
 * @param origin e.g. {@code file ledger.yaml} or {@code env COFFER_LEDGER_HTTP_PORT}; {@code null} for
 *     a value given in code without a name for its origin
 */
public record Setting(String value, String origin) {
}
