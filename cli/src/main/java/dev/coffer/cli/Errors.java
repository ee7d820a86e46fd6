package dev.coffer.cli;

import dev.coffer.client.PendingException;
import dev.coffer.client.ProblemException;
import dev.coffer.client.RejectedException;
import dev.coffer.client.TransportException;
import dev.coffer.client.UnavailableException;
import java.io.UncheckedIOException;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine;

/**
 * Turns what a command throws into a one-line explanation on standard error and an exit code
 * ({@link ExitCodes}); never a stack trace for a failure the user can act on.
 */
final class Errors implements CommandLine.IExecutionExceptionHandler {
  private final Context context;

  Errors(final Context context) {
    this.context = context;
  }

  @Override
  public int handleExecutionException(final Exception e, final CommandLine command,
                                      final CommandLine.ParseResult parsed) {
    final String name = command.getCommandSpec().qualifiedName();
    final int code = code(e);
    context.err().println(name + ": " + message(e));
    if (code == ExitCodes.USAGE) {
      context.err().println("(see " + name + " --help)");
    }
    context.err().flush();
    return code;
  }

  static int code(final Exception e) {
    if (e instanceof UsageException || e instanceof UncheckedIOException) {
      return ExitCodes.USAGE;
    }
    if (e instanceof UnavailableException || e instanceof TransportException || e instanceof PendingException
        || e instanceof KafkaException) {
      return ExitCodes.UNAVAILABLE;
    }
    if (e instanceof ProblemException p) {
      return p.status() >= 500 ? ExitCodes.UNAVAILABLE : ExitCodes.REFUSED;
    }
    return ExitCodes.FAILED;
  }

  static String message(final Exception e) {
    if (e instanceof RejectedException r) {
      return "the ledger refused it: " + r.reason() + " (" + r.detail() + ")";
    }
    if (e instanceof UnavailableException u) {
      return "unavailable: " + u.getMessage() + u.retryAfter().map(d -> "; retry after " + d.toSeconds() + " s")
          .orElse("") + "; it is safe to run the command again";
    }
    if (e instanceof ProblemException p) {
      return "refused: " + p.getMessage();
    }
    if (e instanceof TransportException || e instanceof PendingException) {
      return "no answer: " + e.getMessage() + "; it is safe to run the command again";
    }
    if (e instanceof KafkaException) {
      return "Kafka: " + e.getMessage() + (e.getCause() == null ? "" : " (" + e.getCause() + ")");
    }
    if (e instanceof UsageException || e instanceof UncheckedIOException) {
      return e.getMessage();
    }
    return "failed: " + e + (e.getCause() == null ? "" : " (caused by " + e.getCause() + ")");
  }
}
