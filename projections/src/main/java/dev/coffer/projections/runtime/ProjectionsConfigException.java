package dev.coffer.projections.runtime;

import dev.coffer.config.ConfigException;
import java.util.List;

/** A projections configuration that cannot run; the message names every bad key, where it came from and why. */
public final class ProjectionsConfigException extends ConfigException {
  private static final long serialVersionUID = 1L;

  /**
   * @param source the file, or {@code null}
   * @param problems every problem found
   */
  public ProjectionsConfigException(final String source, final List<Problem> problems) {
    super("projections", source, problems);
  }
}
