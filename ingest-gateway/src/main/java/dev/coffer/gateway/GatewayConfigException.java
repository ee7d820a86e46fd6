package dev.coffer.gateway;

import dev.coffer.config.ConfigException;
import java.util.List;

/** The gateway's configuration is invalid; {@link #keys()} names the offending keys, the message each problem. */
public final class GatewayConfigException extends ConfigException {
  private static final long serialVersionUID = 1L;

  /**
   * @param source the file, or {@code null}
   * @param problems every problem found
   */
  public GatewayConfigException(final String source, final List<Problem> problems) {
    super("gateway", source, problems);
  }
}
