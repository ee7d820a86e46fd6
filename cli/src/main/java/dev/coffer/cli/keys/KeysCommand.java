package dev.coffer.cli.keys;

import dev.coffer.apps.ApiKeys;
import dev.coffer.cli.CofferCommand;
import dev.coffer.cli.CommandGroup;
import dev.coffer.cli.ExitCodes;
import dev.coffer.cli.UsageException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code coffer keys}: API keys as the apps file stores them (SHA-256). */
@Command(name = "keys", description = "API keys: hash one for the apps file, or generate a new one.",
    subcommands = {KeysCommand.Hash.class, KeysCommand.Generate.class})
public final class KeysCommand extends CommandGroup {
  /** {@code coffer keys hash}. */
  @Command(name = "hash", description = {"Prints the SHA-256 (64 hex digits) of each key, the value of "
      + "apps[].keys[].sha256 in the apps file.",
      "Without KEY arguments, reads one key per line from standard input (keeps keys out of the shell history)."})
  static final class Hash extends CofferCommand {
    @Parameters(paramLabel = "KEY", arity = "0..*", description = "Keys to hash (default: standard input).")
    List<String> keys = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
      final List<String> all = new ArrayList<>(keys);
      if (all.isEmpty()) {
        final BufferedReader in = new BufferedReader(new InputStreamReader(context().in(), StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          if (!line.isBlank()) {
            all.add(line.strip());
          }
        }
      }
      if (all.isEmpty()) {
        throw new UsageException("no key to hash: give KEY arguments or one key per line on standard input");
      }
      for (final String key : all) {
        if (key.length() > ApiKeys.MAX_KEY_LENGTH) {
          throw new UsageException("a key is at most " + ApiKeys.MAX_KEY_LENGTH + " characters (the services refuse "
              + "longer ones)");
        }
        out().println(ApiKeys.sha256Hex(key));
      }
      return ExitCodes.OK;
    }
  }

  /** {@code coffer keys generate}. */
  @Command(name = "generate", description = {"Generates a random API key (256 bits, base64url) and prints it with "
      + "the apps file entry that admits it.", "Keep the key secret; only its hash goes in the apps file."})
  static final class Generate extends CofferCommand {
    private static final SecureRandom RANDOM = new SecureRandom();

    @Option(names = "--role", defaultValue = "server", description = "server or client (default: ${DEFAULT-VALUE}).")
    Role role;

    @Option(names = "--label", defaultValue = "generated",
        description = "The entry's label (default: ${DEFAULT-VALUE}).")
    String label;

    /** The roles of a key. */
    enum Role { server, client }

    @Override
    public Integer call() {
      final byte[] bytes = new byte[32];
      RANDOM.nextBytes(bytes);
      final String key = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      out().println("key:     " + key);
      out().println("sha256:  " + ApiKeys.sha256Hex(key));
      out().println("entry:   - {label: " + label + ", role: " + role + ", sha256: " + ApiKeys.sha256Hex(key)
          + "}");
      return ExitCodes.OK;
    }
  }
}
