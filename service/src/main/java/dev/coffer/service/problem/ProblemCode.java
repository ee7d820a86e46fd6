package dev.coffer.service.problem;

/**
 * A stable, machine-readable problem code with its HTTP status; a service lists its own as an enum.
 * Never rename a code: clients switch on them.
 */
public interface ProblemCode {
  /** The code, e.g. {@code UNAUTHENTICATED}. */
  String name();

  /** The HTTP status it is answered with. */
  int status();
}
