package dev.coffer.local;

import dev.coffer.config.ConfigException;
import dev.coffer.config.ConfigSpec;
import dev.coffer.config.ConfigValues;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The local stack's settings: a properties (or YAML) file ({@code coffer-local.properties} in the current
 * folder, or the one {@code COFFER_CONFIG} names), then environment variables over it, then defaults.
 * Unknown keys in the file are errors. The variables share the {@code COFFER_} prefix with the services'
 * own ({@code COFFER_LEDGER_*}), so other {@code COFFER_*} variables are not checked here.
 *
 * <pre>
 * key (file)              environment               default
 * kafka.port              COFFER_KAFKA_PORT         9092
 * kafka.controller.port   COFFER_CONTROLLER_PORT    9093
 * registry.port           COFFER_REGISTRY_PORT      8081
 * data.dir                COFFER_DATA_DIR           .coffer-data
 * apps.file               COFFER_APPS_FILE          (the bundled demo app, copied to data.dir/apps.yaml)
 * </pre>
 *
 * <p>The apps file is the gateway's and projections' both: {@code --apps FILE} on the command line (or
 * {@code apps.file}) sets it for the two. {@code COFFER_GATEWAY_APPS_FILE} and {@code COFFER_PROJECTIONS_APPS_FILE}
 * would set one service's alone, so the stack refuses them unless they name that same file.
 *
 * @param kafkaPort the broker's client port
 * @param controllerPort the broker's KRaft controller port
 * @param registryPort the schema registry's HTTP port
 * @param dataDir the folder broker and registry keep their data in
 * @param appsFile the apps file of the gateway and projections; {@code null}: the bundled demo app's
 */
public record LocalConfig(int kafkaPort, int controllerPort, int registryPort, Path dataDir, Path appsFile) {
  /** The file read when {@code COFFER_CONFIG} is not set, if it exists. */
  public static final String DEFAULT_FILE = "coffer-local.properties";

  private static final String KAFKA_PORT = "kafka.port";
  private static final String CONTROLLER_PORT = "kafka.controller.port";
  private static final String REGISTRY_PORT = "registry.port";
  private static final String DATA_DIR = "data.dir";
  private static final String APPS_FILE = "apps.file";
  /** The services' own variables for the apps file, which the stack sets for both. */
  private static final List<String> SERVICE_APPS_FILE_ENV = List.of("COFFER_GATEWAY_APPS_FILE",
      "COFFER_PROJECTIONS_APPS_FILE");
  private static final String CONFIG_ENV = "COFFER_CONFIG";

  private static final ConfigSpec SPEC = ConfigSpec.builder("local")
      .key(KAFKA_PORT, "9092").envName(KAFKA_PORT, "COFFER_KAFKA_PORT")
      .key(CONTROLLER_PORT, "9093").envName(CONTROLLER_PORT, "COFFER_CONTROLLER_PORT")
      .key(REGISTRY_PORT, "8081").envName(REGISTRY_PORT, "COFFER_REGISTRY_PORT")
      .key(DATA_DIR, ".coffer-data").envName(DATA_DIR, "COFFER_DATA_DIR")
      .key(APPS_FILE, "").envName(APPS_FILE, "COFFER_APPS_FILE")
      .exceptions(InvalidException::new)
      .build();

  /** A configuration that cannot be used; the message names every bad key and where its value came from. */
  public static final class InvalidException extends ConfigException {
    private static final long serialVersionUID = 1L;

    InvalidException(final String source, final List<Problem> problems) {
      super("local", source, problems);
    }
  }

  /** A stack on the bundled demo app's apps file. */
  public LocalConfig(final int kafkaPort, final int controllerPort, final int registryPort, final Path dataDir) {
    this(kafkaPort, controllerPort, registryPort, dataDir, null);
  }

  /**
   * Loads from {@code COFFER_CONFIG} or {@value #DEFAULT_FILE} (if present) and the process environment.
   *
   * @param appsFlag the apps file {@code --apps} named, or {@code null}
   */
  public static LocalConfig load(final Path appsFlag) {
    final Map<String, String> env = System.getenv();
    final String named = env.get(CONFIG_ENV);
    final Path file = named != null && !named.isBlank() ? Path.of(named) : Path.of(DEFAULT_FILE);
    if (named != null && !named.isBlank() && !Files.isRegularFile(file)) {
      throw new InvalidException(null, List.of(new ConfigException.Problem(CONFIG_ENV, "environment",
          "names " + file.toAbsolutePath() + ", which is not a file")));
    }
    return load(Files.isRegularFile(file) ? file : null, env, appsFlag);
  }

  /**
   * Loads from {@code file} (may be {@code null}) and {@code env}.
   *
   * @throws InvalidException naming every bad or unknown key
   */
  public static LocalConfig load(final Path file, final Map<String, String> env) {
    return load(file, env, null);
  }

  /**
   * Loads from {@code file} (may be {@code null}) and {@code env}, with the apps file {@code --apps} named.
   *
   * @throws InvalidException naming every bad or unknown key
   */
  public static LocalConfig load(final Path file, final Map<String, String> env, final Path appsFlag) {
    final ConfigValues v = SPEC.load(file, env);
    final int kafka = v.port(KAFKA_PORT, false);
    final int controller = v.port(CONTROLLER_PORT, false);
    final int registry = v.port(REGISTRY_PORT, false);
    if (controller == kafka && v.ok(KAFKA_PORT, CONTROLLER_PORT)) {
      v.problem(CONTROLLER_PORT, "must differ from " + KAFKA_PORT + " (" + kafka + ")");
    }
    if (registry == kafka && v.ok(KAFKA_PORT, REGISTRY_PORT)) {
      v.problem(REGISTRY_PORT, "must differ from " + KAFKA_PORT + " (" + kafka + ")");
    } else if (registry == controller && v.ok(CONTROLLER_PORT, REGISTRY_PORT)) {
      v.problem(REGISTRY_PORT, "must differ from " + CONTROLLER_PORT + " (" + controller + ")");
    }
    final Path dir = v.path(DATA_DIR);
    final Path apps = appsFile(v, env, appsFlag);
    v.throwIfInvalid();
    return new LocalConfig(kafka, controller, registry, dir.toAbsolutePath().normalize(), apps);
  }

  /**
   * The apps file both services read: {@code --apps}, else {@code apps.file}, else the one both services'
   * variables name; never one for the gateway and another for projections.
   */
  private static Path appsFile(final ConfigValues v, final Map<String, String> env, final Path flag) {
    Path chosen = flag != null ? flag : v.text(APPS_FILE).isEmpty() ? null : Path.of(v.text(APPS_FILE));
    final String source = flag != null ? "--apps" : APPS_FILE;
    for (final String variable : SERVICE_APPS_FILE_ENV) {
      final String named = env.get(variable);
      if (named == null || named.isBlank()) {
        continue;
      }
      final Path path = Path.of(named).toAbsolutePath().normalize();
      if (chosen == null && SERVICE_APPS_FILE_ENV.stream().allMatch(other -> named.equals(env.get(other)))) {
        chosen = path;
      } else if (chosen == null || !path.equals(chosen.toAbsolutePath().normalize())) {
        v.problem(APPS_FILE, variable + " names " + named + ", which would give one service another apps file than"
            + " the other" + (chosen == null ? "" : " (" + source + " names " + chosen + ")")
            + ": set it for both with --apps FILE");
        return null;
      }
    }
    if (chosen != null && !Files.isRegularFile(chosen)) {
      v.problem(APPS_FILE, (flag != null ? "--apps names " : "names ") + chosen.toAbsolutePath()
          + ", which is not a file");
      return null;
    }
    return chosen == null ? null : chosen.toAbsolutePath().normalize();
  }
}
