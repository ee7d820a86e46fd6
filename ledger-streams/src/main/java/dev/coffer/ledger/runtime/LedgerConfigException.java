package dev.coffer.ledger.runtime;

import dev.coffer.config.ConfigException;
import java.util.List;

/**
 * The ledger's configuration is invalid. The message names every bad key (and where its value came
 * from: the file, an environment variable or a default), so an operator can fix them all in one pass.
 */
public final class LedgerConfigException extends ConfigException {
  private static final long serialVersionUID = 1L;

  LedgerConfigException(final String source, final List<Problem> problems) {
    super("ledger", source, problems);
  }
}
