package dev.coffer.cli;

/** A command line that cannot be run as given: exit {@value ExitCodes#USAGE} with the message. */
public final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** @param message what is wrong and how to fix it */
  public UsageException(final String message) {
    super(message);
  }
}
